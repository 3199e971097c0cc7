/** The test services are described in sandbox/services.ts, which the demo uses too. */
export * from '../../sandbox/services.js'
