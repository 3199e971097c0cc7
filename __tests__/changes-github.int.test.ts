/**
 * Changed-file discovery through the client the action uses (`createRequestClient`: real Octokit
 * over src/github-http.ts) against the GitHub simulator (sandbox/github), whose compare endpoint
 * lists files with renames, capped at 300.
 */
import { describe, it, expect, beforeAll, afterAll, beforeEach } from '@jest/globals'
import { DEFAULT_PATHS_IGNORE } from '../src/inputs.js'
import { createRequestClient } from '../src/github-http.js'
import { startGitHubSimulator } from '../sandbox/github/index.js'
import type { GitHubSimulator } from '../sandbox/github/types.js'
import {
  createGitRunner,
  evaluateSkip,
  listChangedFiles,
  type ChangeContext,
  type ChangeDeps,
  type ChangeLog
} from '../src/changes.js'
import { createGitSandbox, type GitSandbox } from './support/git-repos.js'

const TOKEN = 'ghs_appRepoToken0123456789abcdefABCDEF'
const BLIND_TOKEN = 'ghs_otherRepoOnly0123456789abcdefABCDEF'
const REPO = 'acme/app'
const ZEROS = '0'.repeat(40)
const GUIDE = 'A guide that is long enough to be recognised when it moves.\n'
const repository = {
  full_name: REPO,
  name: 'app',
  owner: { login: 'acme' },
  default_branch: 'main'
}
const defaults = { force: false, paths: [], pathsIgnore: DEFAULT_PATHS_IGNORE }

let sim: GitHubSimulator
let sandbox: GitSandbox
let log: ChangeLog & { lines: string[] }

function recorder(): ChangeLog & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`)
  }
}

function deps(token = TOKEN, extra: Partial<ChangeDeps> = {}): ChangeDeps {
  const octokit = createRequestClient({ token, baseUrl: sim.url })
  return { octokit: () => octokit, log, ...extra }
}

function push(before: string, after: string, ref = 'refs/heads/main'): ChangeContext {
  return { eventName: 'push', ref, payload: { ref, before, after, repository } }
}

/** Pushes a commit to main and returns [before, after]. */
function pushToMain(files: Record<string, string | null>): [string, string] {
  const before = sim.branchSha(REPO, 'main')
  if (before === undefined) throw new Error('main is missing in the simulator')
  return [before, sim.pushCommit(REPO, 'main', files)]
}

function compareRequests(): string[] {
  return sim.requests.filter((r) => r.path.includes('/compare/')).map((r) => r.path)
}

beforeAll(async () => {
  sandbox = createGitSandbox()
  sim = await startGitHubSimulator({
    repos: [
      {
        owner: 'acme',
        name: 'app',
        files: {
          'src/app.ts': 'export const a = 1\n',
          'README.md': '# app\n',
          'docs/guide.md': GUIDE
        }
      },
      { owner: 'acme', name: 'other', files: { 'a.txt': 'a\n' } }
    ],
    tokens: [
      { token: TOKEN, login: 'app-ci[bot]', kind: 'app' },
      { token: BLIND_TOKEN, login: 'other-ci[bot]', kind: 'app', repos: ['acme/other'] }
    ]
  })
})

afterAll(async () => {
  await sim.stop()
  sandbox.remove()
})

beforeEach(() => {
  log = recorder()
  sim.clearFaults()
  sim.requests.length = 0
})

describe('changed files from the compare API', () => {
  it('skips a docs-only push with one read request and nothing written', async () => {
    const [before, after] = pushToMain({
      'README.md': '# app, documented\n',
      'docs/new.md': 'new\n'
    })
    const decision = await evaluateSkip(push(before, after), defaults, deps())
    expect(decision).toEqual({
      skip: true,
      reason: expect.stringMatching(
        /^all 2 changed files match paths-ignore: (README\.md, docs\/new\.md|docs\/new\.md, README\.md)$/
      )
    })
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/acme/app/compare/${before}...${after}`
    ])
    expect(log.lines).toEqual([
      `info: 2 changed files in ${before.slice(0, 7)}...${after.slice(0, 7)} (compare API).`
    ])
  })

  it('builds a push that changes code, naming the file', async () => {
    const [before, after] = pushToMain({ 'src/app.ts': 'export const a = 2\n', 'docs/a.md': 'a\n' })
    await expect(evaluateSkip(push(before, after), defaults, deps())).resolves.toEqual({
      skip: false,
      reason: '1 of 2 changed files does not match paths-ignore: src/app.ts'
    })
  })

  it('counts a renamed file under its old and its new name', async () => {
    const [before, after] = pushToMain({ 'docs/guide.md': null, 'src/guide.md': GUIDE })
    await expect(listChangedFiles(push(before, after), deps())).resolves.toEqual({
      known: true,
      files: [{ filename: 'src/guide.md', status: 'renamed', previousFilename: 'docs/guide.md' }]
    })
    const onlySource = { force: false, paths: ['src/**'], pathsIgnore: [] }
    await expect(evaluateSkip(push(before, after), onlySource, deps())).resolves.toMatchObject({
      skip: false,
      reason: '1 of 1 changed file matches paths: docs/guide.md → src/guide.md'
    })
    // Moving it back out of src/ is relevant too: its old name matches.
    const [before2, after2] = pushToMain({ 'src/guide.md': null, 'docs/guide.md': GUIDE })
    await expect(evaluateSkip(push(before2, after2), onlySource, deps())).resolves.toMatchObject({
      skip: false
    })
  })

  it("compares a new branch's first push with the default branch", async () => {
    const branchPoint = sim.branchSha(REPO, 'main') ?? ''
    const head = sim.pushCommit(
      REPO,
      'docs-branch',
      { 'docs/branch.md': 'b\n' },
      { createBranchFrom: 'main' }
    )
    // main moves on with code; the branch itself only touched docs.
    sim.pushCommit(REPO, 'main', { 'src/app.ts': 'export const a = 3\n' })
    const ctx = push(ZEROS, head, 'refs/heads/docs-branch')
    await expect(evaluateSkip(ctx, defaults, deps())).resolves.toEqual({
      skip: true,
      reason: 'the only changed file matches paths-ignore: docs/branch.md'
    })
    expect(compareRequests()).toEqual([`/repos/acme/app/compare/main...${head}`])
    expect(branchPoint).not.toBe(sim.branchSha(REPO, 'main'))
  })

  it('compares base.sha...head.sha for a pull request', async () => {
    const baseSha = sim.branchSha(REPO, 'main') ?? ''
    const head = sim.pushCommit(
      REPO,
      'feature',
      { 'src/feature.ts': 'f\n' },
      { createBranchFrom: 'main' }
    )
    for (const eventName of ['pull_request', 'pull_request_target']) {
      const ctx: ChangeContext = {
        eventName,
        ref: 'refs/pull/1/merge',
        payload: {
          pull_request: { number: 1, base: { sha: baseSha }, head: { sha: head } },
          repository
        }
      }
      await expect(evaluateSkip(ctx, defaults, deps())).resolves.toEqual({
        skip: false,
        reason: '1 of 1 changed file does not match paths-ignore: src/feature.ts'
      })
    }
    expect(compareRequests()).toEqual([
      `/repos/acme/app/compare/${baseSha}...${head}`,
      `/repos/acme/app/compare/${baseSha}...${head}`
    ])
  })

  it.each([
    [299, true],
    [300, false],
    [301, false]
  ])('with %i changed docs files, skips only below the 300-file cap (%s)', async (count, skips) => {
    const files = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`docs/bulk-${count}/page-${i}.md`, `${i}\n`])
    )
    const [before, after] = pushToMain(files)
    const decision = await evaluateSkip(push(before, after), defaults, deps())
    expect(decision.skip).toBe(skips)
    expect(decision.reason).toMatch(
      skips
        ? new RegExp(`^all ${count} changed files match paths-ignore: .* and ${count - 5} more$`)
        : /^the changed files are unknown \(the compare API lists 300 files, its cap, so more may have changed\)/
    )
  })

  it('builds when the compare answers 404 after a force push, without trying git', async () => {
    const [before, after] = pushToMain({ 'docs/forced.md': 'f\n' })
    sim.inject({
      path: /\/compare\//,
      status: 404,
      message: `No common ancestor between ${before} and ${after}.`
    })
    const gitDir = sandbox.emptyDir('unused-by-404')
    const decision = await evaluateSkip(
      push(before, after),
      defaults,
      deps(TOKEN, { git: createGitRunner(gitDir) })
    )
    expect(decision).toEqual({
      skip: false,
      reason: expect.stringMatching(
        /^the changed files are unknown \(GitHub cannot compare .*404: No common ancestor between/
      )
    })
    expect(decision.reason).not.toMatch(/local clone/)
    expect(log.lines).toContainEqual(
      expect.stringMatching(/^info: Changed files unknown: GitHub cannot compare/)
    )
  })

  it('builds when the previous commit no longer exists on GitHub', async () => {
    const [, after] = pushToMain({ 'docs/gone.md': 'g\n' })
    const decision = await evaluateSkip(push('f'.repeat(40), after), defaults, deps())
    expect(decision).toMatchObject({
      skip: false,
      reason: expect.stringMatching(/unknown \(GitHub cannot compare .*404/)
    })
  })

  it('builds when the token cannot see the repository (GitHub answers 404)', async () => {
    const [before, after] = pushToMain({ 'docs/hidden.md': 'h\n' })
    const decision = await evaluateSkip(push(before, after), defaults, deps(BLIND_TOKEN))
    expect(decision).toMatchObject({
      skip: false,
      reason: expect.stringMatching(/404.*a token that cannot see acme\/app/)
    })
  })

  it('builds a push that moved the branch backwards, whose merge-base diff hides the change', async () => {
    // before = a commit on top of main; after = main itself: a force push that dropped a
    // code change. before...after from the merge base lists nothing at all.
    const main = sim.branchSha(REPO, 'main') ?? ''
    const dropped = sim.pushCommit(
      REPO,
      'dropped',
      { 'src/dropped.ts': 'd\n' },
      { createBranchFrom: 'main' }
    )
    const decision = await evaluateSkip(push(dropped, main), defaults, deps())
    expect(decision).toEqual({
      skip: false,
      reason: expect.stringMatching(
        /^the changed files are unknown \(the push is not a fast-forward \(compare status behind\)/
      )
    })
    expect(log.lines).toContainEqual(
      expect.stringMatching(/^warning: The compare API could not list the changed files/)
    )
  })

  it('falls back to local git when the compare API fails, and never logs the token', async () => {
    const local = sandbox.init('fallback')
    const first = local.commit({ 'src/app.ts': '1\n', 'README.md': '# a\n' })
    const second = local.commit({ 'README.md': '# b\n' })
    sim.inject({ path: /\/compare\//, status: 502, message: 'Server Error' })
    const decision = await evaluateSkip(
      push(first, second),
      defaults,
      deps(TOKEN, { git: createGitRunner(local.dir) })
    )
    expect(decision).toEqual({
      skip: true,
      reason: 'the only changed file matches paths-ignore: README.md'
    })
    expect(log.lines).toEqual([
      'warning: The compare API could not list the changed files: HTTP 502: Server Error; trying local git.',
      `info: 1 changed file in ${first.slice(0, 7)}...${second.slice(0, 7)} (local git).`
    ])
    expect(sim.requests[0]?.token).toBe(TOKEN)
    expect(log.lines.join('\n')).not.toContain(TOKEN)
  })

  it('builds when the compare API fails and the clone lacks the commits', async () => {
    const [before, after] = pushToMain({ 'docs/down.md': 'd\n' })
    sim.inject({ path: /\/compare\//, status: 503, message: 'No server is currently available' })
    const shallow = sandbox.emptyDir('no-history')
    const decision = await evaluateSkip(
      push(before, after),
      defaults,
      deps(TOKEN, { git: createGitRunner(shallow) })
    )
    expect(decision).toEqual({
      skip: false,
      reason: expect.stringMatching(
        /^the changed files are unknown \(HTTP 503: No server is currently available, and commit [0-9a-f]{7} is not in the local clone/
      )
    })
  })

  it('builds when the connection to GitHub drops and no git is available', async () => {
    const [before, after] = pushToMain({ 'docs/reset.md': 'r\n' })
    sim.inject({ path: /\/compare\//, reset: true })
    const decision = await evaluateSkip(push(before, after), defaults, deps())
    expect(decision).toMatchObject({
      skip: false,
      reason: expect.stringMatching(/^the changed files are unknown \(/)
    })
    expect(log.lines).toEqual([
      expect.stringMatching(
        /^warning: The compare API could not list the changed files: .+; trying local git\.$/
      ),
      expect.stringMatching(/^info: Changed files unknown: /)
    ])
  })

  it('builds when the token is rejected, without printing it', async () => {
    const [before, after] = pushToMain({ 'docs/bad-token.md': 'b\n' })
    const rejected = 'ghs_rejected0123456789abcdefABCDEFxyz'
    const decision = await evaluateSkip(push(before, after), defaults, deps(rejected))
    expect(decision).toMatchObject({ skip: false, reason: expect.stringMatching(/HTTP 401/) })
    expect(`${decision.reason}\n${log.lines.join('\n')}`).not.toContain(rejected)
  })

  it('asks nothing for workflow_dispatch, tags or force', async () => {
    const [before, after] = pushToMain({ 'docs/never.md': 'n\n' })
    const cases: [ChangeContext, boolean][] = [
      [{ eventName: 'workflow_dispatch', payload: { repository } }, false],
      [{ eventName: 'schedule', payload: { repository } }, false],
      [push(ZEROS, after, 'refs/tags/v1.0.0'), false],
      [push(before, after), true]
    ]
    for (const [ctx, force] of cases) {
      await expect(evaluateSkip(ctx, { ...defaults, force }, deps())).resolves.toMatchObject({
        skip: false
      })
    }
    expect(sim.requests).toEqual([])
  })
})
