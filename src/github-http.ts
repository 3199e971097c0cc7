/**
 * How the action's GitHub clients reach GitHub: a small `fetch` on `node:http`/`node:https`, a time
 * limit on every request, and the runner's proxy when one applies to the request's URL
 * (`https_proxy`/`http_proxy` and `no_proxy`, judged by `@actions/http-client`'s rules, as other
 * actions do).
 *
 * Why not Node's own `fetch`: its first use loads Node's internal undici, about 50 ms before the
 * first request (BENCHMARKS.md §2), for nothing Octokit needs: Octokit sends string bodies and
 * reads whole answers. The proxy client (undici's, a megabyte of bundled JavaScript) is loaded
 * only when a request goes through a proxy.
 */
import { Buffer } from 'node:buffer'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { Octokit } from '@octokit/core'

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>

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

/** The fetch spec's limit. */
const MAX_REDIRECTS = 20

/**
 * The part of `fetch` Octokit uses, on `node:http`/`node:https` (keep-alive through Node's global
 * agents): string or byte bodies, redirects followed as `fetch` follows them, the answer read
 * whole. No `Accept-Encoding` is sent, so answers come uncompressed. Failures reject with a
 * `TypeError` whose `cause` is the socket's error, and an abort with the signal's reason, as
 * `fetch` does; Octokit turns both into a 500 without a response.
 */
export async function nodeFetch(url: string, init: RequestInit = {}): Promise<Response> {
  let target = new URL(url)
  let method = (init.method ?? 'GET').toUpperCase()
  let body = requestBody(init.body)
  const headers = new Map<string, string>()
  for (const [name, value] of headerEntries(init.headers)) headers.set(name.toLowerCase(), value)
  for (let redirects = 0; ; redirects++) {
    const answer = await send(target, method, headers, body, init.signal ?? undefined)
    const location = answer.headers.get('location')
    if (
      init.redirect === 'manual' ||
      ![301, 302, 303, 307, 308].includes(answer.status) ||
      location === null
    ) {
      return answer
    }
    if (init.redirect === 'error') throw new TypeError('fetch failed: a redirect was refused')
    if (redirects >= MAX_REDIRECTS) throw new TypeError('fetch failed: too many redirects')
    const next = new URL(location, target)
    // As fetch: 303, and 301/302 after a POST, become a GET without a body.
    if (
      answer.status === 303 ||
      ((answer.status === 301 || answer.status === 302) && method === 'POST')
    ) {
      if (method !== 'HEAD') method = 'GET'
      body = undefined
      headers.delete('content-type')
      headers.delete('content-length')
    }
    // As fetch: credentials do not follow a redirect to another origin.
    if (next.origin !== target.origin) headers.delete('authorization')
    target = next
  }
}

/** Header pairs of a plain object, a list of pairs or a `Headers`, without touching the global
 * `Headers` (which would load Node's undici). */
function headerEntries(headers: RequestInit['headers']): [string, string][] {
  if (headers === undefined || headers === null) return []
  if (Array.isArray(headers)) return headers.map(([name, value]) => [String(name), String(value)])
  if (typeof (headers as Headers).entries === 'function') return [...(headers as Headers).entries()]
  return Object.entries(headers as Record<string, string>).map(([name, value]) => [
    name,
    String(value)
  ])
}

function requestBody(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (body instanceof Uint8Array) return Buffer.from(body)
  if (body instanceof ArrayBuffer) return Buffer.from(body)
  throw new TypeError('fetch failed: only string and byte bodies are supported')
}

function send(
  target: URL,
  method: string,
  headers: ReadonlyMap<string, string>,
  body: Buffer | undefined,
  signal: AbortSignal | undefined
): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal))
      return
    }
    const requestHeaders: Record<string, string> = Object.fromEntries(headers)
    if (body !== undefined) requestHeaders['content-length'] = String(body.length)
    const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, {
      method,
      headers: requestHeaders
    })
    const onAbort = () => request.destroy(abortReason(signal as AbortSignal))
    signal?.addEventListener('abort', onAbort, { once: true })
    const settle = () => signal?.removeEventListener('abort', onAbort)
    const fail = (error: unknown) => {
      settle()
      reject(
        signal?.aborted
          ? abortReason(signal)
          : Object.assign(new TypeError('fetch failed'), { cause: error })
      )
    }
    request.on('error', fail)
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', fail)
      response.on('aborted', () => fail(new Error('the connection closed before the answer ended')))
      response.on('end', () => {
        settle()
        resolve(answerOf(target, response, Buffer.concat(chunks)))
      })
    })
    request.end(body)
  })
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  // Not `instanceof Error`: a DOMException from another realm (a VM context) is not one.
  return typeof reason === 'object' && reason !== null && 'name' in reason
    ? (reason as Error)
    : new DOMException('This operation was aborted', 'AbortError')
}

/** A `Response`-shaped answer: what Octokit reads of one. */
function answerOf(target: URL, response: IncomingMessage, bytes: Buffer): Response {
  const headers = new Map<string, string>()
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const status = response.statusCode ?? 0
  const answer = {
    status,
    statusText: response.statusMessage ?? '',
    ok: status >= 200 && status < 300,
    url: target.href,
    redirected: false,
    headers: {
      get: (name: string) => headers.get(name.toLowerCase()) ?? null,
      has: (name: string) => headers.has(name.toLowerCase()),
      entries: () => headers.entries(),
      [Symbol.iterator]: () => headers.entries()
    },
    text: () => Promise.resolve(bytes.toString('utf8')),
    json: () => Promise.resolve(JSON.parse(bytes.toString('utf8')) as unknown),
    arrayBuffer: () =>
      Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  }
  return answer as unknown as Response
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
