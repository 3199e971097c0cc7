/**
 * A GitOps repository in the GitHub simulator, the real Octokit client pointed at it (no write
 * spacing, backoff shrunk to milliseconds), and bump options like the action builds them.
 */
import {
  startGitHubSimulator,
  type GitHubSimulator,
  type SimRepoSeed,
  type SimTokenSeed
} from '../../sandbox/github/index.js'
import type { GitOpsBumpOptions, GitOpsDeps, GitOpsLog } from '../../src/gitops.js'
import { createGitHubClient, type GitHubClient, type RetryWait } from '../../src/octokit.js'

export const OWNER = 'acme'
export const REPO = 'gitops-apps'
export const SLUG = `${OWNER}/${REPO}`
export const VALUES_FILE = 'values/dev/myapp-010/values.yaml'
export const REGISTRY = '226633502530.dkr.ecr.us-east-1.amazonaws.com'
export const OLD_IMAGE = `${REGISTRY}/myapp-010:main-0000000-1`
export const APP_TOKEN = 'ghs_apptoken000000000000000000000000000'

export const VALUES_TEXT = `# Helm values for myapp-010 in dev
microservice:
  name: myapp-010
  namespace: dev
  image: ${OLD_IMAGE}   # set by gitops-image-bump
  port: 8080
  replicas: 2

  probes:
    readiness: /healthz
`

export const OTHER_VALUES_FILE = 'values/dev/other-app/values.yaml'

export function valuesFor(app: string, image: string): string {
  return `microservice:\n  name: ${app}\n  image: ${image}\n  port: 8080\n`
}

export function repoSeed(overrides: Partial<SimRepoSeed> = {}): SimRepoSeed {
  return {
    owner: OWNER,
    name: REPO,
    private: true,
    files: {
      'README.md': '# GitOps\n',
      [VALUES_FILE]: VALUES_TEXT,
      [OTHER_VALUES_FILE]: valuesFor('other-app', `${REGISTRY}/other-app:main-1111111-3`),
      'argocd/applications/dev/myapp-010.yaml': 'kind: Application\n'
    },
    ...overrides
  }
}

export const appToken: SimTokenSeed = { token: APP_TOKEN, login: 'gitops-bot[bot]', kind: 'app' }

export interface Fixture {
  sim: GitHubSimulator
  client: GitHubClient
  waits: RetryWait[]
  sleeps: number[]
  logs: { level: keyof GitOpsLog; message: string }[]
  deps: GitOpsDeps
  /** A client for another token of the simulator. */
  clientFor(token: string): GitHubClient
  /** Requests sent since the last call (or since the start). */
  takeRequests(): { method: string; path: string; status: number; body?: unknown }[]
}

export async function startFixture(
  options: {
    repos?: SimRepoSeed[]
    tokens?: SimTokenSeed[]
    apiPrefix?: '' | '/api/v3'
  } = {}
): Promise<Fixture> {
  const sim = await startGitHubSimulator({
    repos: options.repos ?? [repoSeed()],
    tokens: options.tokens ?? [appToken],
    apiPrefix: options.apiPrefix ?? ''
  })
  const waits: RetryWait[] = []
  const sleeps: number[] = []
  const logs: Fixture['logs'] = []
  const clientFor = (token: string): GitHubClient =>
    createGitHubClient({
      token,
      baseUrl: sim.url,
      delayUnitMs: 1,
      throttle: { writeMinTimeMs: 0, notificationMinTimeMs: 0 },
      onRetryWait: (wait) => waits.push(wait)
    })
  let seen = 0
  return {
    sim,
    client: clientFor(APP_TOKEN),
    waits,
    sleeps,
    logs,
    deps: {
      sleep: (ms) => {
        sleeps.push(ms)
        return Promise.resolve()
      },
      log: {
        info: (message) => logs.push({ level: 'info', message }),
        warning: (message) => logs.push({ level: 'warning', message }),
        debug: (message) => logs.push({ level: 'debug', message })
      }
    },
    clientFor,
    takeRequests() {
      const fresh = sim.requests.slice(seen)
      seen = sim.requests.length
      return fresh.map(({ method, path, status, body }) => ({ method, path, status, body }))
    }
  }
}

export function bumpOptions(overrides: Partial<GitOpsBumpOptions> = {}): GitOpsBumpOptions {
  const source = {
    app: 'myapp-010',
    environment: 'dev',
    repository: 'acme/myapp-010',
    sha: 'abc1234def5678abc1234def5678abc1234def56',
    runNumber: 7,
    runAttempt: 1,
    runId: '4242',
    serverUrl: 'https://github.com',
    ...overrides.source
  }
  const sha7 = source.sha.slice(0, 7)
  const image = `${REGISTRY}/myapp-010:main-${sha7}-${source.runNumber}`
  return {
    repository: { owner: OWNER, repo: REPO },
    valuesFile: VALUES_FILE,
    imageKey: 'microservice.image',
    image,
    digest: 'sha256:' + 'd'.repeat(64),
    branch: `update-myapp-010-${sha7}`,
    commitMessage: `chore(dev): bump myapp-010 to main-${sha7}-${source.runNumber}`,
    prTitle: `chore(dev): bump myapp-010 to main-${sha7}-${source.runNumber}`,
    draft: false,
    labels: [],
    reviewers: [],
    teamReviewers: [],
    autoMerge: false,
    supersede: false,
    mode: 'pull-request',
    dryRun: false,
    tokenKind: 'app',
    ...overrides,
    source
  }
}

/** Lines that differ between two texts of the same line count (undefined if counts differ). */
export function changedLines(before: string, after: string): string[] | undefined {
  const a = before.split('\n')
  const b = after.split('\n')
  if (a.length !== b.length) return undefined
  return b.filter((line, index) => line !== a[index])
}
