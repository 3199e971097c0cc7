/**
 * How the action's GitHub clients reach GitHub: the small `fetch` of src/node-fetch.ts (not Node's
 * own, whose first use costs about 50 ms), a time limit on every request, and the runner's proxy
 * when one applies to the request's URL (`https_proxy`/`http_proxy` and `no_proxy`, judged by
 * `@actions/http-client`'s rules, as other actions do). The proxy client (undici's, a megabyte of
 * bundled JavaScript) is loaded only when a request goes through a proxy.
 */
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { Octokit } from '@octokit/core'
import { nodeFetch, type Fetch } from './node-fetch.js'

export type { Fetch }

/** One proxy client per proxied origin, created on its first request. */
const proxyFetches = new Map<string, Promise<Fetch>>()

/**
 * `fetch` that gives up after `timeoutMs` (keeping any signal the caller passed) and goes through
 * the proxy configured for the URL, if any.
 */
export function githubFetch(timeoutMs: number): Fetch {
  return async (url, init) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    const target = new URL(url)
    const send = getProxyUrl(target) ? await proxyFetch(target) : nodeFetch
    return send(url, { ...init, signal })
  }
}

function proxyFetch(target: URL): Promise<Fetch> {
  let pending = proxyFetches.get(target.origin)
  if (pending === undefined) {
    pending = (async () => {
      const [{ HttpClient }, undici] = await Promise.all([
        import('@actions/http-client'),
        import('undici')
      ])
      const dispatcher = new HttpClient().getAgentDispatcher(target.href)
      return (url: string, init?: RequestInit) =>
        undici.fetch(url, {
          ...(init as Parameters<typeof undici.fetch>[1]),
          dispatcher
        }) as unknown as Promise<Response>
    })()
    proxyFetches.set(target.origin, pending)
  }
  return pending
}

/**
 * The User-Agent of every request; with the runner's orchestration id when it sets one, as
 * `@actions/github` does, so GitHub can attribute the requests to the job.
 */
export function userAgent(env: NodeJS.ProcessEnv = process.env): string {
  const orchestrationId = env.ACTIONS_ORCHESTRATION_ID?.trim()
  return orchestrationId
    ? `gitops-image-bump actions_orchestration_id/${orchestrationId.replace(/[^a-z0-9_.-]/gi, '_')}`
    : 'gitops-image-bump'
}

export interface RequestClientOptions {
  /** '' sends requests without a token (public repositories only). Never logged. */
  token: string
  /** REST API root, e.g. `https://api.github.com` or `https://ghes.example.com/api/v3`. */
  baseUrl: string
  /** Default 60 s. */
  requestTimeoutMs?: number
}

/**
 * A bare Octokit (`octokit.request` only: no endpoint methods, no plugins), for the one compare
 * request of the skip decision. The GitOps flow uses the full client of src/octokit.ts.
 */
export function createRequestClient(options: RequestClientOptions): Octokit {
  return new Octokit({
    auth: options.token || undefined,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: userAgent(),
    request: { fetch: githubFetch(options.requestTimeoutMs ?? 60_000) }
  })
}
