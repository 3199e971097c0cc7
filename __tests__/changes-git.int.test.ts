/**
 * The local-git fallback of changed-file discovery, against real repositories made with
 * `git init` / `git clone` in a temporary directory (no token, so no compare API).
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { DEFAULT_PATHS_IGNORE } from '../src/inputs.js'
import {
  createGitRunner,
  evaluateSkip,
  listChangedFiles,
  type ChangeContext,
  type ChangeLog
} from '../src/changes.js'
import { createGitSandbox, type GitRepo, type GitSandbox } from './support/git-repos.js'

const ZEROS = '0'.repeat(40)
const repository = {
  full_name: 'acme/app',
  name: 'app',
  owner: { login: 'acme' },
  default_branch: 'main'
}

function recorder(): ChangeLog & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`)
  }
}

function push(before: string, after: string, ref = 'refs/heads/main'): ChangeContext {
  return { eventName: 'push', ref, payload: { ref, before, after, repository } }
}

const defaults = { force: false, paths: [], pathsIgnore: DEFAULT_PATHS_IGNORE }

let sandbox: GitSandbox
let origin: GitRepo
let first: string
let docsOnly: string
let renameIntoSource: string
let rewritten: string

beforeAll(() => {
  sandbox = createGitSandbox()
  origin = sandbox.init('origin')
  first = origin.commit({
    'src/app.ts': 'export const a = 1\n',
    'README.md': '# app\n',
    'docs/guide.md': 'a guide that is long enough to be recognised as the same file\n'
  })
  docsOnly = origin.commit({ 'README.md': '# app, documented\n', 'docs/new page.md': 'new\n' })
  renameIntoSource = origin.commit({
    'docs/guide.md': null,
    'src/guide.md': 'a guide that is long enough to be recognised as the same file\n'
  })
  // A force push: the previous head changed code; the rewrite drops that change and edits
  // only docs. The merge base says "docs only", but the image would lose the code change.
  origin.git('checkout', '-q', '-b', 'before-force', renameIntoSource)
  const forcedAway = origin.commit({ 'src/app.ts': 'export const a = 2\n', 'docs/x.md': 'x\n' })
  origin.git('checkout', '-q', 'main')
  rewritten = origin.commit({ 'docs/x.md': 'x, again\n' })
  origin.git('branch', '-q', 'forced-away', forcedAway)
})

afterAll(() => sandbox.remove())

describe('changed files from local git', () => {
  it('lists a docs-only push and skips it when no token is available', async () => {
    const log = recorder()
    const deps = { git: createGitRunner(origin.dir), log }
    await expect(listChangedFiles(push(first, docsOnly), deps)).resolves.toEqual({
      known: true,
      files: [
        { filename: 'README.md', status: 'modified' },
        { filename: 'docs/new page.md', status: 'added' }
      ]
    })
    expect(log.lines).toEqual([
      `info: 2 changed files in ${first.slice(0, 7)}...${docsOnly.slice(0, 7)} (local git).`
    ])
    await expect(evaluateSkip(push(first, docsOnly), defaults, deps)).resolves.toEqual({
      skip: true,
      reason: 'all 2 changed files match paths-ignore: README.md, docs/new page.md'
    })
  })

  it('counts a renamed file under its old and its new name', async () => {
    const deps = { git: createGitRunner(origin.dir), log: recorder() }
    await expect(listChangedFiles(push(docsOnly, renameIntoSource), deps)).resolves.toEqual({
      known: true,
      files: [{ filename: 'src/guide.md', status: 'renamed', previousFilename: 'docs/guide.md' }]
    })
    // The new name is a .md file too, so both names are ignored...
    await expect(evaluateSkip(push(docsOnly, renameIntoSource), defaults, deps)).resolves.toEqual({
      skip: true,
      reason: 'the only changed file matches paths-ignore: docs/guide.md → src/guide.md'
    })
    // ...but with paths set to src/**, the new name makes it relevant.
    await expect(
      evaluateSkip(
        push(docsOnly, renameIntoSource),
        { ...defaults, paths: ['src/**'], pathsIgnore: [] },
        deps
      )
    ).resolves.toMatchObject({ skip: false })
  })

  it('builds after a force push that took code away, comparing the two trees', async () => {
    const forcedAway = origin.git('rev-parse', 'forced-away')
    const deps = { git: createGitRunner(origin.dir), log: recorder() }
    const changed = await listChangedFiles(push(forcedAway, rewritten), deps)
    expect(changed).toEqual({
      known: true,
      files: expect.arrayContaining([{ filename: 'src/app.ts', status: 'modified' }])
    })
    await expect(evaluateSkip(push(forcedAway, rewritten), defaults, deps)).resolves.toEqual({
      skip: false,
      reason: expect.stringMatching(
        /^1 of 2 changed files does not match paths-ignore: src\/app\.ts$/
      )
    })
  })

  it("compares a branch's first push with the default branch from its merge base", async () => {
    const work = sandbox.clone(origin, 'new-branch')
    work.git('checkout', '-q', '-b', 'feature', docsOnly)
    work.commit({ 'docs/feature.md': 'feature docs\n' })
    const head = work.commit({ 'README.md': '# app, feature\n' })
    const ctx = push(ZEROS, head, 'refs/heads/feature')
    const deps = { git: createGitRunner(work.dir), log: recorder() }
    // origin/main moved on (rename, force-push rewrite); only the branch's own commits count.
    await expect(listChangedFiles(ctx, deps)).resolves.toEqual({
      known: true,
      files: [
        { filename: 'README.md', status: 'modified' },
        { filename: 'docs/feature.md', status: 'added' }
      ]
    })
    await expect(evaluateSkip(ctx, defaults, deps)).resolves.toMatchObject({ skip: true })
  })

  it('builds from a shallow clone that lacks the previous commit, and says why', async () => {
    const shallow = sandbox.clone(origin, 'shallow', '--depth', '1')
    const log = recorder()
    const deps = { git: createGitRunner(shallow.dir), log }
    const ctx = push(renameIntoSource, rewritten)
    const changed = await listChangedFiles(ctx, deps)
    expect(changed).toEqual({
      known: false,
      reason: expect.stringMatching(
        new RegExp(
          `commit ${renameIntoSource.slice(0, 7)} is not in the local clone.*fetch-depth: 0`
        )
      )
    })
    expect(log.lines).toContainEqual(
      expect.stringMatching(/^info: Changed files unknown: .*not in the local clone/)
    )
    await expect(evaluateSkip(ctx, defaults, deps)).resolves.toEqual({
      skip: false,
      reason: expect.stringMatching(
        /^the changed files are unknown \(.*not in the local clone.*\); a skip must be proven$/
      )
    })
  })

  it("builds a branch's first push when the clone has no default branch to compare with", async () => {
    const single = sandbox.clone(
      origin,
      'single-branch',
      '--single-branch',
      '--branch',
      'forced-away'
    )
    const head = single.git('rev-parse', 'HEAD')
    const ctx = push(ZEROS, head, 'refs/heads/forced-away')
    const changed = await listChangedFiles(ctx, {
      git: createGitRunner(single.dir),
      log: recorder()
    })
    expect(changed).toEqual({
      known: false,
      reason: expect.stringMatching(/the branch main is not in the local clone/)
    })
  })

  it('builds a pull request whose merge base is missing from a shallow clone', async () => {
    const shallow = sandbox.clone(origin, 'shallow-pr', '--depth', '1', '--no-single-branch')
    const forcedAway = origin.git('rev-parse', 'forced-away')
    const ctx: ChangeContext = {
      eventName: 'pull_request',
      payload: { pull_request: { base: { sha: rewritten }, head: { sha: forcedAway } }, repository }
    }
    const changed = await listChangedFiles(ctx, {
      git: createGitRunner(shallow.dir),
      log: recorder()
    })
    expect(changed).toEqual({ known: false, reason: expect.stringMatching(/git diff .* failed/) })
  })

  it('lists a pull request from its merge base when history allows', async () => {
    const ctx: ChangeContext = {
      eventName: 'pull_request',
      payload: {
        pull_request: {
          base: { sha: rewritten },
          head: { sha: origin.git('rev-parse', 'forced-away') }
        },
        repository
      }
    }
    await expect(
      listChangedFiles(ctx, { git: createGitRunner(origin.dir), log: recorder() })
    ).resolves.toEqual({
      known: true,
      files: [
        { filename: 'docs/x.md', status: 'added' },
        { filename: 'src/app.ts', status: 'modified' }
      ]
    })
  })

  it('builds when the workspace is not a git repository', async () => {
    const dir = sandbox.emptyDir('not-a-repo')
    const changed = await listChangedFiles(push(first, docsOnly), {
      git: createGitRunner(dir),
      log: recorder()
    })
    expect(changed).toEqual({
      known: false,
      reason: expect.stringMatching(/not in the local clone/)
    })
  })

  it('builds when git itself is missing', async () => {
    const savedPath = process.env.PATH
    process.env.PATH = sandbox.emptyDir('no-git-on-path')
    try {
      const changed = await listChangedFiles(push(first, docsOnly), {
        git: createGitRunner(origin.dir),
        log: recorder()
      })
      expect(changed).toEqual({ known: false, reason: expect.stringMatching(/git could not run/) })
    } finally {
      process.env.PATH = savedPath
    }
  })

  it('builds when there is neither a token nor git', async () => {
    const log = recorder()
    await expect(listChangedFiles(push(first, docsOnly), { log })).resolves.toEqual({
      known: false,
      reason: 'no github-token to ask the compare API'
    })
    expect(log.lines).toEqual([
      'info: Changed files unknown: no github-token to ask the compare API.'
    ])
  })

  it('never reads changed files for events that always build', async () => {
    const log = recorder()
    const ctx: ChangeContext = { eventName: 'workflow_dispatch', payload: { repository } }
    await expect(evaluateSkip(ctx, defaults, { log })).resolves.toEqual({
      skip: false,
      reason:
        'workflow_dispatch events always build; only push, pull_request and pull_request_target events can skip'
    })
    await expect(
      evaluateSkip(push(first, docsOnly), { ...defaults, force: true }, { log })
    ).resolves.toEqual({
      skip: false,
      reason: 'force is true, so this run never skips'
    })
    expect(log.lines).toEqual([])
  })
})
