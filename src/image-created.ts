/**
 * `org.opencontainers.image.created`: a time that stays the same each time one commit is built,
 * so a rebuild of an unchanged commit is a full cache hit instead of a new image per run.
 */
import * as core from './core.js'
import type { GitRunner } from './changes.js'
import type { RunContext } from './context.js'
import { ActionError, errorMessage } from './errors.js'

/** Where the created time came from, in the order they are tried. */
export type ImageCreatedSource = 'SOURCE_DATE_EPOCH' | 'push event' | 'git' | 'clock'

export interface ImageCreated {
  /** RFC 3339 in UTC, whole seconds, e.g. `2026-11-27T07:00:00Z`. */
  readonly time: string
  readonly source: ImageCreatedSource
}

export interface ImageCreatedFacts {
  /** `SOURCE_DATE_EPOCH` from the environment; unset or '' when the job sets none. */
  readonly sourceDateEpoch?: string
  /** `GITHUB_SHA`: the commit being built. */
  readonly sha: string
  /** The event payload; a push names its head commit and that commit's time. */
  readonly payload: Readonly<Record<string, unknown>>
  /** Seconds since the epoch of `sha`'s commit time, as `git log --format=%ct` prints it. */
  readonly gitCommitTime?: string
  readonly now: Date
}

/** The last second RFC 3339 can write with a four-digit year. */
const MAX_EPOCH_SECONDS = 253_402_300_799

const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

/**
 * The created time: `SOURCE_DATE_EPOCH` (the reproducible-builds convention), else the commit
 * time of `sha` from a push payload that names it as its head commit, else from git, else the
 * clock. Pure; throws an ActionError for a `SOURCE_DATE_EPOCH` that is not whole seconds.
 */
export function chooseImageCreated(facts: ImageCreatedFacts): ImageCreated {
  if (facts.sourceDateEpoch !== undefined && facts.sourceDateEpoch !== '') {
    const seconds = epochSeconds(facts.sourceDateEpoch)
    if (seconds === undefined) {
      throw new ActionError(
        `SOURCE_DATE_EPOCH "${facts.sourceDateEpoch}" is not a time in whole seconds since 1970-01-01 UTC.`,
        {
          hint: 'Set it to the output of `date +%s` (e.g. `git log -1 --format=%ct`), or unset it to date the image by its commit.'
        }
      )
    }
    return { time: utcSeconds(seconds * 1000), source: 'SOURCE_DATE_EPOCH' }
  }
  const pushed = headCommitTime(facts.payload, facts.sha)
  if (pushed !== undefined) return { time: utcSeconds(pushed), source: 'push event' }
  const committed =
    facts.gitCommitTime === undefined ? undefined : epochSeconds(facts.gitCommitTime.trim())
  if (committed !== undefined) return { time: utcSeconds(committed * 1000), source: 'git' }
  return { time: utcSeconds(facts.now.getTime()), source: 'clock' }
}

export interface ImageCreatedOptions {
  /** Default: this process's environment. */
  readonly env?: NodeJS.ProcessEnv
  /** Git in the workspace (default: the checkout at `context.workspace`). */
  readonly git?: GitRunner
  readonly now?: () => Date
}

/**
 * The created time of the image built for this run (see `chooseImageCreated`). Git is asked only
 * when neither `SOURCE_DATE_EPOCH` nor the push payload answers; a checkout without the commit,
 * or no git at all, leaves the clock.
 */
export async function imageCreated(
  context: RunContext,
  options: ImageCreatedOptions = {}
): Promise<string> {
  const facts = {
    sourceDateEpoch: (options.env ?? process.env).SOURCE_DATE_EPOCH,
    sha: context.sha,
    payload: context.payload,
    now: (options.now ?? (() => new Date()))()
  }
  let created = chooseImageCreated(facts)
  if (created.source === 'clock') {
    const git = options.git ?? (await import('./changes.js')).createGitRunner(context.workspace)
    created = chooseImageCreated({ ...facts, gitCommitTime: await commitTime(git, context.sha) })
  }
  core.info(`org.opencontainers.image.created: ${created.time} (${SOURCE_TEXT[created.source]}).`)
  return created.time
}

const SOURCE_TEXT: Record<ImageCreatedSource, string> = {
  SOURCE_DATE_EPOCH: 'from SOURCE_DATE_EPOCH',
  'push event': 'the commit time of the pushed head commit',
  git: 'the commit time git reports for the built commit',
  clock: 'the current time: no SOURCE_DATE_EPOCH, push payload or checkout dates the commit'
}

async function commitTime(git: GitRunner, sha: string): Promise<string | undefined> {
  try {
    // showSignature off: a user's log.showSignature=true would print gpg lines before the time.
    const result = await git(['-c', 'log.showSignature=false', 'log', '-1', '--format=%ct', sha])
    if (result.exitCode === 0) return result.stdout
    core.debug(`git log ${sha} failed: ${result.stderr.trim()}`)
  } catch (error) {
    core.debug(`git could not run: ${errorMessage(error)}`)
  }
  return undefined
}

/** `head_commit.timestamp` of a push whose head commit is `sha`, in ms since the epoch. */
function headCommitTime(
  payload: Readonly<Record<string, unknown>>,
  sha: string
): number | undefined {
  const head = payload.head_commit
  if (head === null || typeof head !== 'object') return undefined
  const { id, timestamp } = head as Record<string, unknown>
  if (id !== sha || typeof timestamp !== 'string' || !RFC_3339.test(timestamp)) return undefined
  const ms = Date.parse(timestamp)
  return Number.isNaN(ms) ? undefined : ms
}

function epochSeconds(text: string): number | undefined {
  if (!/^[0-9]{1,12}$/.test(text)) return undefined
  const seconds = Number(text)
  return seconds <= MAX_EPOCH_SECONDS ? seconds : undefined
}

/** RFC 3339 in UTC, cut to whole seconds so every source writes the same form. */
function utcSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z')
}
