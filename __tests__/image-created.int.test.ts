/**
 * The created time from a real checkout: `git log` in a repository made with `git init`.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import type { RunContext } from '../src/context.js'
import { imageCreated } from '../src/image-created.js'
import { createGitSandbox } from './support/git-repos.js'
import { captureStdout } from './support/stdout.js'

// imageCreated logs where the time came from; keep it out of the test output.
captureStdout()

const sandbox = createGitSandbox()
afterAll(() => sandbox.remove())

describe('imageCreated in a checkout', () => {
  it("dates the image by the built commit's committer time in UTC, the same on every run", async () => {
    const repo = sandbox.init('app')
    repo.commit({ Dockerfile: 'FROM scratch\n' })
    // Rewritten by someone else later: the committer time is the one that says when it was made.
    execFileSync('git', ['commit', '-q', '--amend', '--no-edit'], {
      cwd: repo.dir,
      env: {
        PATH: process.env.PATH,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_NAME: 'A',
        GIT_AUTHOR_EMAIL: 'a@example.test',
        GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
        GIT_COMMITTER_NAME: 'C',
        GIT_COMMITTER_EMAIL: 'c@example.test',
        GIT_COMMITTER_DATE: '2026-03-01T09:30:15+02:00'
      }
    })
    const sha = repo.git('rev-parse', 'HEAD')
    const context = { sha, payload: {}, workspace: repo.dir } as unknown as RunContext
    const first = await imageCreated(context, { env: {} })
    const second = await imageCreated(context, { env: {}, now: () => new Date() })
    expect(first).toBe('2026-03-01T07:30:15Z')
    expect(second).toBe(first)
  })

  it('falls back to the clock in a directory that is not a checkout', async () => {
    const context = {
      sha: 'abc1234def5678900000000000000000000000ff',
      payload: {},
      workspace: sandbox.emptyDir('not-a-checkout')
    } as unknown as RunContext
    const now = new Date('2026-11-27T07:00:00Z')
    await expect(imageCreated(context, { env: {}, now: () => now })).resolves.toBe(
      '2026-11-27T07:00:00Z'
    )
  })
})
