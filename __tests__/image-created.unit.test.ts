import { describe, expect, it } from '@jest/globals'
import type { GitRunner } from '../src/changes.js'
import type { RunContext } from '../src/context.js'
import { ActionError } from '../src/errors.js'
import {
  chooseImageCreated,
  imageCreated,
  type ImageCreated,
  type ImageCreatedFacts
} from '../src/image-created.js'
import { captureStdout } from './support/stdout.js'

/** What imageCreated writes to the job log. */
const logged = captureStdout()

const SHA = 'abc1234def5678900000000000000000000000ff'
const NOW = new Date('2026-11-27T07:00:00.456Z')
const base: ImageCreatedFacts = { sha: SHA, payload: {}, now: NOW }
const push = (id: string, timestamp: unknown) => ({ head_commit: { id, timestamp } })

describe('chooseImageCreated', () => {
  it.each<[string, Partial<ImageCreatedFacts>, ImageCreated]>([
    [
      'SOURCE_DATE_EPOCH before anything else',
      {
        sourceDateEpoch: '1700000000',
        payload: push(SHA, '2026-01-01T00:00:00Z'),
        gitCommitTime: '1600000000'
      },
      { time: '2023-11-14T22:13:20Z', source: 'SOURCE_DATE_EPOCH' }
    ],
    [
      'SOURCE_DATE_EPOCH 0, the epoch itself',
      { sourceDateEpoch: '0' },
      { time: '1970-01-01T00:00:00Z', source: 'SOURCE_DATE_EPOCH' }
    ],
    [
      'an empty SOURCE_DATE_EPOCH as unset',
      { sourceDateEpoch: '' },
      { time: '2026-11-27T07:00:00Z', source: 'clock' }
    ],
    [
      "the push payload's head commit time, in UTC",
      { payload: push(SHA, '2026-03-01T09:30:15+02:00'), gitCommitTime: '1600000000' },
      { time: '2026-03-01T07:30:15Z', source: 'push event' }
    ],
    [
      'a head commit time with fractional seconds, cut to whole seconds',
      { payload: push(SHA, '2026-03-01T09:30:15.999Z') },
      { time: '2026-03-01T09:30:15Z', source: 'push event' }
    ],
    [
      'git when the head commit is another commit than the one built',
      { payload: push('f'.repeat(40), '2026-03-01T09:30:15Z'), gitCommitTime: '1700000000\n' },
      { time: '2023-11-14T22:13:20Z', source: 'git' }
    ],
    [
      'git when the head commit time is not RFC 3339',
      { payload: push(SHA, 'yesterday'), gitCommitTime: '1700000000' },
      { time: '2023-11-14T22:13:20Z', source: 'git' }
    ],
    [
      'git when the head commit has no time',
      { payload: push(SHA, 1700000000), gitCommitTime: '1700000000' },
      { time: '2023-11-14T22:13:20Z', source: 'git' }
    ],
    [
      'git when the payload has no head commit',
      { payload: { head_commit: null }, gitCommitTime: '1700000000' },
      { time: '2023-11-14T22:13:20Z', source: 'git' }
    ],
    [
      'the clock, in whole seconds, when git printed no time',
      { gitCommitTime: '' },
      { time: '2026-11-27T07:00:00Z', source: 'clock' }
    ],
    ['the clock when nothing else knows', {}, { time: '2026-11-27T07:00:00Z', source: 'clock' }]
  ])('takes %s', (_name, facts, expected) => {
    expect(chooseImageCreated({ ...base, ...facts })).toEqual(expected)
  })

  it.each(['yesterday', '1.5', '-1', '1e9', ' 1700000000', '253402300800', '9'.repeat(13)])(
    'refuses SOURCE_DATE_EPOCH "%s", naming the variable and what it should hold',
    (value) => {
      let error: unknown
      try {
        chooseImageCreated({ ...base, sourceDateEpoch: value })
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(ActionError)
      expect((error as ActionError).message).toBe(
        `SOURCE_DATE_EPOCH "${value}" is not a time in whole seconds since 1970-01-01 UTC.`
      )
      expect((error as ActionError).hint).toMatch(/date \+%s/)
    }
  )

  it('accepts the last second of year 9999', () => {
    expect(chooseImageCreated({ ...base, sourceDateEpoch: '253402300799' }).time).toBe(
      '9999-12-31T23:59:59Z'
    )
  })
})

describe('imageCreated', () => {
  const context = { sha: SHA, payload: {}, workspace: '/nonexistent' } as unknown as RunContext

  function recordingGit(answer: { exitCode: number; stdout: string }): GitRunner & {
    calls: (readonly string[])[]
  } {
    const calls: (readonly string[])[] = []
    return Object.assign(
      (args: readonly string[]) => {
        calls.push(args)
        return Promise.resolve({ ...answer, stderr: answer.exitCode === 0 ? '' : 'bad object' })
      },
      { calls }
    )
  }

  it('does not ask git when SOURCE_DATE_EPOCH answers', async () => {
    const git = recordingGit({ exitCode: 0, stdout: '1600000000\n' })
    await expect(
      imageCreated(context, { env: { SOURCE_DATE_EPOCH: '1700000000' }, git })
    ).resolves.toBe('2023-11-14T22:13:20Z')
    expect(git.calls).toEqual([])
  })

  it('does not ask git when the push payload dates the built commit', async () => {
    const git = recordingGit({ exitCode: 0, stdout: '1600000000\n' })
    const pushed = { ...context, payload: push(SHA, '2026-03-01T09:30:15Z') }
    await expect(imageCreated(pushed, { env: {}, git })).resolves.toBe('2026-03-01T09:30:15Z')
    expect(git.calls).toEqual([])
  })

  it("asks git for the built commit's commit time otherwise", async () => {
    const git = recordingGit({ exitCode: 0, stdout: '1700000000\n' })
    await expect(imageCreated(context, { env: {}, git })).resolves.toBe('2023-11-14T22:13:20Z')
    expect(git.calls).toEqual([['-c', 'log.showSignature=false', 'log', '-1', '--format=%ct', SHA]])
    expect(logged()).toContain(
      'org.opencontainers.image.created: 2023-11-14T22:13:20Z (the commit time git reports for the built commit).'
    )
  })

  it('takes the clock when the checkout does not have the commit', async () => {
    const git = recordingGit({ exitCode: 128, stdout: '' })
    await expect(imageCreated(context, { env: {}, git, now: () => NOW })).resolves.toBe(
      '2026-11-27T07:00:00Z'
    )
  })

  it('takes the clock when git cannot run', async () => {
    const git: GitRunner = () => Promise.reject(new Error('Unable to locate executable file: git'))
    await expect(imageCreated(context, { env: {}, git, now: () => NOW })).resolves.toBe(
      '2026-11-27T07:00:00Z'
    )
  })
})
