/**
 * The runner harness of the tests. It lives in sandbox/run-action.ts, because the demo (compiled
 * from sandbox/) runs the action the same way; this module keeps the tests' import path.
 */
export * from '../../sandbox/run-action.js'
