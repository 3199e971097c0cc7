/**
 * A local, stateful stand-in for the GitHub REST and GraphQL APIs, used by the GitOps,
 * changed-files and end-to-end tests, the demo and the benchmarks. Start it with
 * `startGitHubSimulator({ repos, tokens })` and point Octokit's `baseUrl` at `sim.url`.
 */
export { startGitHubSimulator } from './server.js'
export { loadSeedDirectory, type SeedDirectory } from './seed.js'
export type {
  GitHubSimulator,
  SimCommit,
  SimFault,
  SimOptions,
  SimPull,
  SimRepoSeed,
  SimRequest,
  SimReviewState,
  SimTokenSeed
} from './types.js'
