/**
 * Runs the GitHub simulator until interrupted:
 *
 *   tsc -p tsconfig.build.json && node build/sandbox/github/cli.js --seed DIR \
 *     [--port N] [--api-prefix /api/v3] [--latency MS] [--writes-per-minute N]
 *
 * Prints the REST base URL on the first stdout line and the GraphQL URL on the second; a summary
 * (repositories, token logins — never token values) goes to stderr.
 */
import { parseArgs } from 'node:util'
import { startGitHubSimulator } from './server.js'
import { loadSeedDirectory } from './seed.js'

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: cli.js --seed DIR [--port N] [--api-prefix /api/v3] [--latency MS] [--writes-per-minute N]\n`
  )
  process.exit(2)
}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) usage(`${flag} must be a whole number, got "${value}"`)
  return Number(value)
}

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    port: { type: 'string' },
    'api-prefix': { type: 'string' },
    latency: { type: 'string' },
    'writes-per-minute': { type: 'string' }
  }
})
if (values.seed === undefined) usage('--seed is required')
const prefix = values['api-prefix'] ?? ''
if (prefix !== '' && prefix !== '/api/v3') usage(`--api-prefix must be /api/v3, got "${prefix}"`)
const writesPerMinute = integer(values['writes-per-minute'], '--writes-per-minute')

const seed = loadSeedDirectory(values.seed)
const sim = await startGitHubSimulator({
  repos: seed.repos,
  tokens: seed.tokens,
  apiPrefix: prefix,
  port: integer(values.port, '--port'),
  latencyMs: integer(values.latency, '--latency'),
  secondaryRateLimit: writesPerMinute === undefined ? undefined : { writesPerMinute }
})
process.stdout.write(`${sim.url}\n${sim.graphqlUrl}\n`)
const logins = seed.tokens.map((t) => `${t.login} (${t.kind})`)
process.stderr.write(
  `GitHub simulator: ${seed.repos.map((r) => `${r.owner}/${r.name} (${Object.keys(r.files).length} files)`).join(', ')}; ` +
    `${logins.length === 0 ? 'any token is accepted' : `tokens for ${logins.join(', ')}`}\n`
)

const shutdown = (): void => {
  sim.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`stopping the simulator failed: ${String(error)}\n`)
      process.exit(1)
    }
  )
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
