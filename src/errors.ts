/**
 * The one error type the action's modules throw for problems a user can act on.
 * `main.ts` turns it into the failure message and the job summary; anything else
 * that escapes is reported as a bug.
 */
export class ActionError extends Error {
  /** What the user should do next, shown under the message. */
  readonly hint?: string

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ActionError'
    this.hint = options.hint
  }
}

/** The message of any thrown value, for wrapping third-party errors. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The HTTP status an Octokit (or similar) error carries, if any. */
export function httpStatus(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object' || !('status' in error)) return undefined
  return typeof error.status === 'number' ? error.status : undefined
}

/**
 * Whether the error carries an answer. Octokit reports a request that got none (a timeout, a
 * dropped connection) as a 500 without a response: that is not an answer of GitHub's.
 */
export function hasResponse(error: unknown): boolean {
  return (
    error !== null &&
    typeof error === 'object' &&
    'response' in error &&
    error.response !== undefined
  )
}
