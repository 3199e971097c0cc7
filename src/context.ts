/**
 * The run the action is part of, read from the runner's `GITHUB_*` variables and event payload.
 * `@actions/github`'s `context` is not used: it parses the payload while being imported, so a
 * broken payload file would crash the action with a stack trace instead of a message.
 */
import { readFileSync } from 'node:fs'
import { ActionError, errorMessage } from './errors.js'

export interface RunContext {
  /** `GITHUB_EVENT_NAME`, e.g. `push`, `pull_request`, `workflow_dispatch`. */
  readonly eventName: string
  /** The event payload (`GITHUB_EVENT_PATH`), `{}` when the runner gave none. */
  readonly payload: Readonly<Record<string, unknown>>
  /** `GITHUB_SHA`: the commit the run builds. */
  readonly sha: string
  /** `GITHUB_REF`, e.g. `refs/heads/main`. */
  readonly ref: string
  /** `GITHUB_REF_NAME`, e.g. `main`, `feature/x`, `12/merge` (not sanitised). */
  readonly refName: string
  /** `GITHUB_REPOSITORY` of the app repository, `owner/name`. */
  readonly repository: string
  readonly runId: string
  readonly runNumber: number
  readonly runAttempt: number
  readonly serverUrl: string
  readonly apiUrl: string
  readonly workspace: string
  readonly runnerTemp: string
  readonly actor: string
}

/** Reads the run context; throws an ActionError naming the variable or file that is wrong. */
export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const problems: string[] = []
  const sha = env.GITHUB_SHA ?? ''
  if (!/^[0-9a-f]{40}$/.test(sha)) {
    problems.push(
      sha === '' ? 'GITHUB_SHA is not set' : `GITHUB_SHA "${sha}" is not a 40-character commit sha`
    )
  }
  const ref = env.GITHUB_REF ?? ''
  const refName = env.GITHUB_REF_NAME || ref.replace(/^refs\/(heads|tags)\//, '')
  const runNumber = positiveInteger(env.GITHUB_RUN_NUMBER, 'GITHUB_RUN_NUMBER', problems)
  const runAttempt = env.GITHUB_RUN_ATTEMPT
    ? positiveInteger(env.GITHUB_RUN_ATTEMPT, 'GITHUB_RUN_ATTEMPT', problems)
    : 1
  const payload = readPayload(env.GITHUB_EVENT_PATH, problems)
  if (problems.length > 0) {
    throw new ActionError(`The runner environment is incomplete: ${problems.join('; ')}.`, {
      hint: 'Run this action as a step of a GitHub Actions job; the runner sets these variables.'
    })
  }
  return Object.freeze({
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    sha,
    ref,
    refName,
    repository: env.GITHUB_REPOSITORY ?? '',
    runId: env.GITHUB_RUN_ID ?? '',
    runNumber,
    runAttempt,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || '',
    actor: env.GITHUB_ACTOR ?? ''
  })
}

function positiveInteger(value: string | undefined, name: string, problems: string[]): number {
  if (value !== undefined && /^[1-9][0-9]{0,9}$/.test(value)) return Number(value)
  problems.push(
    value === undefined || value === ''
      ? `${name} is not set`
      : `${name} "${value}" is not a positive integer`
  )
  return 0
}

function readPayload(path: string | undefined, problems: string[]): Record<string, unknown> {
  if (!path) return {}
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    problems.push(
      `the event payload file GITHUB_EVENT_PATH (${path}) cannot be read: ${errorMessage(error)}`
    )
    return {}
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>
    }
    problems.push(`the event payload file GITHUB_EVENT_PATH (${path}) does not hold a JSON object`)
  } catch (error) {
    problems.push(
      `the event payload file GITHUB_EVENT_PATH (${path}) is not valid JSON: ${errorMessage(error)}`
    )
  }
  return {}
}
