/**
 * The part of `fetch` this action's HTTP clients use, on `node:http`/`node:https`: Octokit's
 * requests to GitHub (src/github-http.ts) and the digest read-back from the registry
 * (src/docker.ts).
 *
 * Why not Node's own `fetch`: its first use loads Node's internal undici, about 50 ms before the
 * first request (BENCHMARKS.md §2), for nothing these clients need: they send string bodies and
 * read whole answers.
 */
import { Buffer } from 'node:buffer'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>

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
    // A promise that rejects on bad JSON, as fetch's does, rather than a synchronous throw.
    json: () => new Promise((resolve) => resolve(JSON.parse(bytes.toString('utf8')) as unknown)),
    arrayBuffer: () =>
      Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  }
  return answer as unknown as Response
}
