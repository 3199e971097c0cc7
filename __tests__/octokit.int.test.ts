/**
 * The client's retry and throttling configuration, through real HTTP against the GitHub simulator.
 * Waits are scaled to milliseconds (`delayUnitMs: 1`), so nothing here sleeps for seconds.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { startGitHubSimulator, type GitHubSimulator } from '../sandbox/github/index.js'
import { createGitHubClient, type RetryWait } from '../src/octokit.js'

const TOKEN = 'ghs_' + 't'.repeat(36)
const REPO_PATH = '/repos/acme/gitops'
let sim: GitHubSimulator | undefined

afterEach(async () => {
  await sim?.stop()
  sim = undefined
})

async function setup(apiPrefix: '' | '/api/v3' = '') {
  sim = await startGitHubSimulator({
    repos: [{ owner: 'acme', name: 'gitops', files: { 'a.txt': 'a\n' }, allowAutoMerge: true }],
    tokens: [{ token: TOKEN, login: 'bot[bot]', kind: 'app' }],
    apiPrefix
  })
  const waits: RetryWait[] = []
  const client = createGitHubClient({
    token: TOKEN,
    baseUrl: sim.url,
    retries: 2,
    delayUnitMs: 1,
    throttle: { writeMinTimeMs: 0, notificationMinTimeMs: 0, maxRetries: 2, maxWaitSeconds: 120 },
    onRetryWait: (wait) => waits.push(wait)
  })
  const get = () => client.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'gitops' })
  const statuses = () => sim?.requests.map((r) => r.status) ?? []
  return { sim, client, waits, get, statuses }
}

async function failure(promise: Promise<unknown>): Promise<{ status?: number; message: string }> {
  return promise.then(
    () => ({ message: 'no error' }),
    (error: unknown) => error as { status?: number; message: string }
  )
}

describe('GitHub client retries', () => {
  it('sends a 409 once: a stale sha needs a re-read, not the same request again', async () => {
    const t = await setup()
    t.sim.inject({ path: REPO_PATH, status: 409, message: 'a.txt does not match 123' })
    expect((await failure(t.get())).status).toBe(409)
    expect(t.statuses()).toEqual([409])
    expect(t.waits).toEqual([])
  })

  it.each([400, 401, 403, 404, 422])('does not resend a %i', async (status) => {
    const t = await setup()
    t.sim.inject({ path: REPO_PATH, status })
    expect((await failure(t.get())).status).toBe(status)
    expect(t.statuses()).toEqual([status])
  })

  it('retries 502 and 503 with growing backoff, and reports each wait', async () => {
    const t = await setup()
    t.sim.inject({ path: REPO_PATH, status: 502 })
    t.sim.inject({ path: REPO_PATH, status: 503 })
    const { data } = await t.get()
    expect(data.full_name).toBe('acme/gitops')
    expect(t.statuses()).toEqual([502, 503, 200])
    expect(t.waits.map((w) => [w.reason, w.status, w.attempt, w.waitMs])).toEqual([
      ['server-error', 502, 1, 1],
      ['server-error', 503, 2, 4]
    ])
  })

  it('gives up after the configured number of 5xx retries', async () => {
    const t = await setup()
    t.sim.inject({ path: REPO_PATH, status: 502, times: 5 })
    expect((await failure(t.get())).status).toBe(502)
    expect(t.statuses()).toEqual([502, 502, 502])
    expect(t.waits).toHaveLength(2)
  })

  it('retries a dropped connection', async () => {
    const t = await setup()
    t.sim.inject({ path: REPO_PATH, reset: true })
    const { data } = await t.get()
    expect(data.default_branch).toBe('main')
    expect(t.statuses()).toEqual([0, 200])
  })

  it.each([403, 429])(
    'honours retry-after on a secondary rate limit answered with %i',
    async (status) => {
      const t = await setup()
      t.sim.inject({
        path: REPO_PATH,
        status,
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        headers: { 'retry-after': '42' }
      })
      await t.get()
      expect(t.statuses()).toEqual([status, 200])
      expect(t.waits.map((w) => [w.reason, w.waitMs])).toEqual([['secondary-rate-limit', 42]])
    }
  )

  it('waits for the reset of a used-up primary rate limit', async () => {
    const t = await setup()
    const reset = Math.floor(Date.now() / 1000) + 30
    t.sim.inject({
      path: REPO_PATH,
      status: 403,
      message: 'API rate limit exceeded for installation ID 1.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }
    })
    await t.get()
    expect(t.statuses()).toEqual([403, 200])
    expect(t.waits).toHaveLength(1)
    expect(t.waits[0].reason).toBe('rate-limit')
    expect(t.waits[0].waitMs).toBeGreaterThanOrEqual(29)
    expect(t.waits[0].waitMs).toBeLessThanOrEqual(32)
  })

  it('fails rather than wait longer than allowed for a rate limit', async () => {
    const t = await setup()
    t.sim.inject({
      path: REPO_PATH,
      status: 429,
      message: 'You have exceeded a secondary rate limit.',
      headers: { 'retry-after': '3600' }
    })
    expect((await failure(t.get())).status).toBe(429)
    expect(t.statuses()).toEqual([429])
  })

  it('stops retrying a secondary rate limit after the configured number of times', async () => {
    const t = await setup()
    t.sim.inject({
      path: REPO_PATH,
      status: 403,
      message: 'You have exceeded a secondary rate limit.',
      headers: { 'retry-after': '1' },
      times: 10
    })
    expect((await failure(t.get())).status).toBe(403)
    expect(t.statuses()).toEqual([403, 403, 403])
  })

  it('does not put the token in error messages', async () => {
    const t = await setup()
    t.sim.inject({ path: REPO_PATH, status: 500, times: 5 })
    const error = await failure(t.get())
    expect(JSON.stringify({ message: error.message, waits: t.waits })).not.toContain(TOKEN)
  })

  it('sends GraphQL to /api/graphql on a GHES-style API under /api/v3', async () => {
    const t = await setup('/api/v3')
    const result = await t.client.graphql<{ repository: { nameWithOwner: string } }>(
      'query { repository(owner: "acme", name: "gitops") { nameWithOwner } }'
    )
    expect(result.repository.nameWithOwner).toBe('acme/gitops')
    expect(t.sim.graphqlUrl).toMatch(/\/api\/graphql$/)
    expect(t.statuses()).toEqual([200])
  })
})

describe('GitHub client timeout', () => {
  it('abandons a request that gets no answer in time and sends it again', async () => {
    sim = await startGitHubSimulator({
      repos: [{ owner: 'acme', name: 'gitops', files: { 'a.txt': 'a\n' } }],
      tokens: [{ token: TOKEN, login: 'bot[bot]', kind: 'app' }]
    })
    // The first answer comes far later than the client waits; the second comes at once.
    sim.inject({ path: REPO_PATH, delayMs: 5_000, times: 1 })
    const waits: RetryWait[] = []
    const client = createGitHubClient({
      token: TOKEN,
      baseUrl: sim.url,
      retries: 2,
      delayUnitMs: 1,
      requestTimeoutMs: 300,
      throttle: { enabled: false },
      onRetryWait: (wait) => waits.push(wait)
    })
    const started = Date.now()
    const { data } = await client.request('GET /repos/{owner}/{repo}', {
      owner: 'acme',
      repo: 'gitops'
    })
    expect(data.full_name).toBe('acme/gitops')
    expect(Date.now() - started).toBeLessThan(4_000)
    expect(waits.map((w) => w.reason)).toEqual(['server-error'])
  })
})
