/**
 * The network model of the GitOps benchmarks: an HTTP reverse proxy on loopback that holds every
 * request for a fixed time before forwarding it, and counts requests and bytes. The same proxy sits
 * in front of the GitHub simulator (the action) and of the git smart-HTTP server (the clone-based
 * chain), so both pay the same latency per HTTP round trip.
 *
 * What it does not model: bandwidth (loopback moves a clone's pack at memory speed, which favours
 * the clone), TLS handshakes, and TCP slow start.
 */
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'

export interface ProxyStats {
  /** HTTP requests forwarded. */
  requests: number
  /** Request bodies received, in bytes. */
  requestBytes: number
  /** Response bodies sent back, in bytes. */
  responseBytes: number
  /** TCP connections accepted. */
  connections: number
  /** performance.now() of the first accepted connection since the last reset. */
  firstConnectionAt?: number
  /** Method and path of each request, in order. */
  log: string[]
  /**
   * Round trips the client waited for one after another: requests that arrived while no other was
   * in flight. Requests sent together (while one is held) share one round trip.
   */
  roundTrips: number
}

export interface LatencyProxy {
  url: string
  stats: ProxyStats
  /** Called at every accepted connection (e.g. to stop a process at its first request). */
  onConnection?: () => void
  setLatency(ms: number): void
  /**
   * Zeroes the counters and starts counting afresh: a request still in flight belongs to the
   * counters it arrived under, so it neither adds to the new ones nor makes a request arriving
   * after the reset share its round trip.
   */
  reset(): void
  stop(): Promise<void>
}

function emptyStats(): ProxyStats {
  return { requests: 0, requestBytes: 0, responseBytes: 0, connections: 0, log: [], roundTrips: 0 }
}

export async function startLatencyProxy(options: {
  /** Origin of the upstream server, e.g. http://127.0.0.1:1234 */
  target: string
  latencyMs: number
}): Promise<LatencyProxy> {
  const target = new URL(options.target)
  const agent = new Agent({ keepAlive: true })
  let latencyMs = options.latencyMs
  let stats = emptyStats()
  const sockets = new Set<Socket>()
  /** Requests in flight that arrived since the last reset. */
  let inFlight = 0

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    forward(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`latency proxy: ${error instanceof Error ? error.message : String(error)}`)
    })
  })
  server.on('connection', (socket: Socket) => {
    stats.connections++
    stats.firstConnectionAt ??= performance.now()
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    proxy.onConnection?.()
  })

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The counters this request arrived under: a reset while it is held replaces them.
    const counted = stats
    if (inFlight === 0) counted.roundTrips++
    inFlight++
    try {
      await forwardHeld(req, res, counted)
    } finally {
      if (counted === stats) inFlight--
    }
  }

  async function forwardHeld(
    req: IncomingMessage,
    res: ServerResponse,
    counted: ProxyStats
  ): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    counted.requests++
    counted.requestBytes += body.length
    counted.log.push(`${req.method ?? 'GET'} ${req.url ?? '/'}`)
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
    const headers = { ...req.headers, host: target.host }
    // The body is sent whole, so a chunked request becomes one with a length.
    delete headers['transfer-encoding']
    headers['content-length'] = String(body.length)
    await new Promise<void>((resolve, reject) => {
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          agent
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.on('data', (chunk: Buffer) => {
            counted.responseBytes += chunk.length
            res.write(chunk)
          })
          answer.on('end', () => {
            res.end()
            resolve()
          })
          answer.on('error', reject)
        }
      )
      upstream.on('error', reject)
      upstream.end(body)
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const prefix = target.pathname.replace(/\/+$/, '')
  const proxy: LatencyProxy = {
    url: `http://127.0.0.1:${port}${prefix}`,
    get stats() {
      return stats
    },
    setLatency(ms: number) {
      latencyMs = ms
    },
    reset() {
      stats = emptyStats()
      inFlight = 0
    },
    async stop() {
      agent.destroy()
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
  return proxy
}
