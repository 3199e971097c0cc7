/**
 * The Octokit client of the GitOps repository: @octokit/core (requests by route,
 * `client.request('GET /repos/{owner}/{repo}', …)`, typed all the same) with the paginate, retry
 * and throttling plugins, configured explicitly (the defaults of both plugins are wrong for us, see
 * /work/shared/reference/github-api.md §2). Requests go through src/github-http.ts (proxy, time
 * limit).
 */
import * as core from './core.js'
import { hasResponse, httpStatus } from './errors.js'
import { githubFetch, userAgent } from './github-http.js'
import { Octokit, type OctokitOptions } from '@octokit/core'
import { paginateRest } from '@octokit/plugin-paginate-rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'

/**
 * Reports every failed attempt that plugin-retry will send again. It is registered before the retry
 * plugin, so its error hook runs inside the retry loop and sees each attempt, not only the last.
 */
function retryReporter(octokit: Octokit, options: OctokitOptions): void {
  const { retryReporter: reporter } = options as {
    retryReporter?: (error: unknown, request: RetriedRequest) => void
  }
  if (reporter === undefined) return
  octokit.hook.error('request', (error, request) => {
    const retryCount: unknown = request.request?.retryCount
    reporter(error, {
      method: request.method,
      url: request.url,
      retryCount: typeof retryCount === 'number' ? retryCount : 0
    })
    throw error
  })
}

interface RetriedRequest {
  method: string
  url: string
  /** Retries already made for this request (0 on the first failure). */
  retryCount: number
}

// No endpoint-methods plugin: its table of every REST endpoint is 100 KB the action would parse
// before its first request, for the 14 routes it uses.
const GitHubWithPlugins = Octokit.plugin(paginateRest, retryReporter, retry, throttling)

/**
 * The spacing between requests the action runs with. One bump makes three or four writes: spacing
 * them a second apart (the throttling plugin's default, meant for long series of writes) would
 * only slow the step down. Secondary rate limits are still honoured through retry-after.
 */
export const ACTION_THROTTLE = { writeMinTimeMs: 0, notificationMinTimeMs: 0 } as const

/** The client every GitHub call of the GitOps flow goes through. */
export type GitHubClient = InstanceType<typeof GitHubWithPlugins>

/**
 * Statuses plugin-retry must not resend. 4xx answers are final, 409 (stale blob sha) needs a re-read
 * of the branch, not the same request again, and 429 belongs to the throttling plugin, which honours
 * `retry-after`. Everything else (500, 502, 503, 504, connection errors) is retried with backoff.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451] as const

/** A wait before a request is sent again, reported so the log says why the step is slow. */
export interface RetryWait {
  reason: 'server-error' | 'secondary-rate-limit' | 'rate-limit'
  method: string
  url: string
  /** HTTP status of the failed attempt, when there was an answer. */
  status?: number
  /** 1 for the first retry. */
  attempt: number
  /** How long the client waits before sending again. */
  waitMs: number
}

export interface GitHubClientOptions {
  /** The token (`gitops-token`). Never logged. */
  token: string
  /** REST API root, e.g. `https://api.github.com` or `https://ghes.example.com/api/v3`. */
  baseUrl: string
  /** How many times a 5xx or a dropped connection is retried (default 3). */
  retries?: number
  throttle?: {
    /** Off only in tests that exercise nothing rate-limit related. Default true. */
    enabled?: boolean
    /**
     * Minimum gap between writes (and GraphQL calls). GitHub asks for at least one second between
     * mutative requests, which is the default; tests set 0.
     */
    writeMinTimeMs?: number
    /** Minimum gap between requests that notify people (PRs, comments, reviewers). Default 3000. */
    notificationMinTimeMs?: number
    /** How many times a rate-limited request is sent again (default 3). */
    maxRetries?: number
    /** Longest `retry-after` or reset wait the client accepts, in seconds (default 180). */
    maxWaitSeconds?: number
  }
  /**
   * Length of one "second" of backoff and `retry-after` in milliseconds (default 1000). Tests shrink
   * it so a `retry-after: 60` costs 60 ms instead of a minute.
   */
  delayUnitMs?: number
  /**
   * How long one request may take, answer included, before it is abandoned and counts as a failed
   * attempt (retried like a 5xx). Default 60 s; without it a server that never answers holds the
   * job until the job's own timeout.
   */
  requestTimeoutMs?: number
  /** Called before each retry wait. Default: an info line in the job log. */
  onRetryWait?: (wait: RetryWait) => void
}

/** What kind of token this is, judged from its prefix. PATs make unsigned commits. */
export type TokenKind = 'pat' | 'app' | 'unknown'

/**
 * `ghp_` (classic) and `github_pat_` (fine-grained) are personal access tokens; `ghs_` are
 * installation tokens, which covers GitHub App tokens and `GITHUB_TOKEN`.
 */
export function tokenKindOf(token: string): TokenKind {
  if (token.startsWith('ghp_') || token.startsWith('github_pat_')) return 'pat'
  if (token.startsWith('ghs_')) return 'app'
  return 'unknown'
}

/** Builds the GitOps client. No request is sent here. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const unit = options.delayUnitMs ?? 1000
  const throttle = options.throttle ?? {}
  const maxRetries = throttle.maxRetries ?? 3
  const maxWaitSeconds = throttle.maxWaitSeconds ?? 180
  const report = options.onRetryWait ?? logRetryWait
  const retries = options.retries ?? 3

  const onLimit =
    (reason: 'secondary-rate-limit' | 'rate-limit') =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number
    ) => {
      if (retryCount >= maxRetries || retryAfter > maxWaitSeconds) return false
      report({
        reason,
        method: request.method,
        url: request.url,
        status: undefined,
        attempt: retryCount + 1,
        waitMs: retryAfter * unit
      })
      return true
    }

  const groups =
    throttle.writeMinTimeMs === undefined && throttle.notificationMinTimeMs === undefined
      ? {}
      : {
          // The plugin's own groups are process-global with fixed gaps; these replace them.
          write: new Bottleneck.Group({
            maxConcurrent: 1,
            minTime: throttle.writeMinTimeMs ?? 1000
          }),
          notifications: new Bottleneck.Group({
            maxConcurrent: 1,
            minTime: throttle.notificationMinTimeMs ?? 3000
          })
        }

  const settings: OctokitOptions = {
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    request: { fetch: githubFetch(options.requestTimeoutMs ?? 60_000) },
    userAgent: userAgent(),
    retry: {
      doNotRetry: [...DO_NOT_RETRY],
      retries,
      retryAfterBaseValue: unit
    },
    throttle:
      throttle.enabled === false
        ? { enabled: false }
        : {
            ...groups,
            retryAfterBaseValue: unit,
            fallbackSecondaryRateRetryAfter: 60,
            onSecondaryRateLimit: onLimit('secondary-rate-limit'),
            onRateLimit: onLimit('rate-limit')
          },
    retryReporter: (error: unknown, request: RetriedRequest) => {
      const status = httpStatus(error)
      const retryCount = request.retryCount
      // plugin-retry's own rule: any status ≥ 400 outside doNotRetry (a dropped connection is 500).
      const retryable =
        status !== undefined &&
        status >= 400 &&
        !(DO_NOT_RETRY as readonly number[]).includes(status)
      if (retryable && retryCount < retries) {
        report({
          reason: 'server-error',
          method: request.method,
          url: request.url,
          // A timeout or dropped connection is a 500 without a response: GitHub said nothing.
          status: hasResponse(error) ? status : undefined,
          attempt: retryCount + 1,
          waitMs: (retryCount + 1) ** 2 * unit
        })
      }
    },
    log: {
      // Octokit logs deprecations and plugin problems here; route them to the job log.
      debug: (message: string) => core.debug(message),
      info: (message: string) => core.debug(message),
      warn: (message: string) => core.warning(message),
      error: (message: string) => core.warning(message)
    }
  }
  return new GitHubWithPlugins(settings)
}

function logRetryWait(wait: RetryWait): void {
  const why =
    wait.reason === 'server-error'
      ? wait.status === undefined
        ? 'The connection to GitHub failed'
        : `GitHub answered ${wait.status}`
      : wait.reason === 'secondary-rate-limit'
        ? 'GitHub asked to slow down (secondary rate limit)'
        : 'the GitHub API rate limit is used up'
  core.info(
    `${why} for ${wait.method} ${wait.url}; retry ${wait.attempt} in ${Math.ceil(wait.waitMs / 1000)} s.`
  )
}
