/**
 * src/node-fetch.ts and src/github-http.ts over real sockets: the node:http `fetch` the GitHub
 * clients and the registry read-back use, held to what Node's own `fetch` does with the same
 * answers (status, headers, body, redirects, failures), and the proxy path through a real CONNECT
 * proxy.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { createRequestClient, githubFetch, userAgent } from '../src/github-http.js'
import { nodeFetch } from '../src/node-fetch.js'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
}

/** A server whose answers the test sets per path; it records every request. */
async function startServer(routes: Record<string, Handler>) {
  const seen: Seen[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body
      })
      const route = routes[new URL(request.url ?? '/', 'http://x').pathname]
      if (route) route(request, response, body)
      else
        response
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"message":"Not Found"}')
    })
  })
  const url = await listen(server)
  return { server, url, seen }
}

const json =
  (status: number, data: unknown, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    response.end(JSON.stringify(data))
  }

const redirect =
  (status: number, location: string): Handler =>
  (_request, response) => {
    response.writeHead(status, { location }).end()
  }

let main: Awaited<ReturnType<typeof startServer>>
let other: Awaited<ReturnType<typeof startServer>>

beforeAll(async () => {
  other = await startServer({ '/landing': json(200, { landed: 'other' }) })
  main = await startServer({
    '/json': json(200, { hello: 'wörld' }, { 'x-ratelimit-remaining': '4999', etag: '"abc"' }),
    '/echo': (request, response, body) =>
      json(201, { method: request.method, body, length: request.headers['content-length'] })(
        request,
        response,
        body
      ),
    '/text': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('plain text\n')
    },
    '/bytes': (_request, response) => {
      response
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(Buffer.from([0, 1, 2, 255]))
    },
    '/empty': (_request, response) => response.writeHead(204).end(),
    '/gone': json(410, { message: 'Gone' }),
    '/moved': redirect(301, '/json'),
    '/see-other': redirect(303, '/echo'),
    '/temporary': redirect(307, '/echo'),
    '/permanent': redirect(308, '/echo'),
    '/found': redirect(302, '/echo'),
    '/elsewhere': redirect(301, `${other.url}/landing`),
    '/loop': redirect(302, '/loop'),
    '/hang': () => undefined,
    '/cut': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      response.write('{"partial":')
      setTimeout(() => response.socket?.destroy(), 20)
    }
  })
})

afterAll(async () => {
  await close(main.server)
  await close(other.server)
})

/** What a caller of fetch sees of an answer. */
async function observed(response: Response) {
  const headers: Record<string, string> = {}
  for (const [name, value] of response.headers) {
    if (!['date', 'connection', 'keep-alive'].includes(name)) headers[name] = value
  }
  return {
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    headers,
    contentType: response.headers.get('Content-Type'),
    text: response.status === 204 ? '' : await response.text()
  }
}

describe('nodeFetch against Node’s fetch, same server, same requests', () => {
  const cases: [string, string, RequestInit][] = [
    ['a JSON answer with headers', '/json', {}],
    [
      'a POST with a JSON body',
      '/echo',
      { method: 'POST', body: '{"a":"ü"}', headers: { 'content-type': 'application/json' } }
    ],
    ['a PUT with bytes', '/echo', { method: 'PUT', body: new TextEncoder().encode('bytes') }],
    ['a text answer', '/text', {}],
    ['204 without a body', '/empty', {}],
    ['a 410 with a message', '/gone', {}],
    ['a 404', '/nowhere', {}],
    ['301 to the same origin (followed)', '/moved', {}],
    [
      '303 after a POST becomes a GET without the body',
      '/see-other',
      { method: 'POST', body: 'x' }
    ],
    ['302 after a POST becomes a GET', '/found', { method: 'POST', body: 'x' }],
    ['307 keeps the method and the body', '/temporary', { method: 'POST', body: 'kept' }],
    ['308 keeps the method and the body', '/permanent', { method: 'PATCH', body: 'kept' }],
    ['301 to another origin', '/elsewhere', {}],
    ['redirect: manual returns the 3xx', '/moved', { redirect: 'manual' }]
  ]
  it.each(cases)('%s', async (_name, path, init) => {
    const ours = await observed(await nodeFetch(`${main.url}${path}`, init))
    const node = await observed(await fetch(`${main.url}${path}`, init))
    expect(ours).toEqual(node)
  })

  it('rejects json() of a body that is not JSON, as fetch does, without throwing', async () => {
    const ours = await nodeFetch(`${main.url}/text`)
    const node = await fetch(`${main.url}/text`)
    const outcome = (promise: () => Promise<unknown>) =>
      (() => {
        try {
          return promise().then(
            () => 'resolved',
            (error: unknown) => `rejected ${(error as Error).name}`
          )
        } catch {
          return Promise.resolve('threw')
        }
      })()
    expect(await outcome(() => ours.json())).toBe('rejected SyntaxError')
    expect(await outcome(() => node.json())).toBe('rejected SyntaxError')
  })

  it('reads bytes as bytes', async () => {
    const response = await nodeFetch(`${main.url}/bytes`)
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 1, 2, 255])
  })

  it('sends the headers it is given, with the body length, and no Accept-Encoding', async () => {
    main.seen.length = 0
    await nodeFetch(`${main.url}/echo`, {
      method: 'POST',
      body: 'héllo',
      headers: { Authorization: 'token t', 'User-Agent': 'ua' }
    })
    expect(main.seen[0]?.headers).toMatchObject({
      authorization: 'token t',
      'user-agent': 'ua',
      'content-length': String(Buffer.byteLength('héllo'))
    })
    expect(main.seen[0]?.headers['accept-encoding']).toBeUndefined()
    expect(main.seen[0]?.body).toBe('héllo')
  })

  it('drops Authorization on a redirect to another origin, keeps it on the same origin', async () => {
    main.seen.length = 0
    other.seen.length = 0
    await nodeFetch(`${main.url}/elsewhere`, { headers: { authorization: 'token secret' } })
    await nodeFetch(`${main.url}/moved`, { headers: { authorization: 'token secret' } })
    expect(other.seen[0]?.headers.authorization).toBeUndefined()
    expect(main.seen.map((seen) => [seen.url, seen.headers.authorization])).toEqual([
      ['/elsewhere', 'token secret'],
      ['/moved', 'token secret'],
      ['/json', 'token secret']
    ])
  })

  it('gives up on a redirect loop, as fetch does', async () => {
    await expect(nodeFetch(`${main.url}/loop`)).rejects.toThrow(TypeError)
    // Node's fetch lives in another realm than the test: compare names, not classes.
    await expect(fetch(`${main.url}/loop`)).rejects.toMatchObject({ name: 'TypeError' })
  })

  it('refuses a redirect with redirect: error', async () => {
    await expect(nodeFetch(`${main.url}/moved`, { redirect: 'error' })).rejects.toThrow(TypeError)
  })

  it('rejects a refused connection with a TypeError whose cause is the socket error', async () => {
    const spare = createServer()
    const url = await listen(spare)
    await close(spare)
    const error = await nodeFetch(`${url}/json`).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED')
  })

  it('rejects an answer cut short', async () => {
    await expect(nodeFetch(`${main.url}/cut`)).rejects.toThrow(TypeError)
  })

  it('rejects with the signal’s reason when aborted, before or during the request', async () => {
    const early = new AbortController()
    early.abort()
    await expect(nodeFetch(`${main.url}/json`, { signal: early.signal })).rejects.toMatchObject({
      name: 'AbortError'
    })
    await expect(
      nodeFetch(`${main.url}/hang`, { signal: AbortSignal.timeout(50) })
    ).rejects.toMatchObject({ name: 'TimeoutError' })
  })
})

describe('githubFetch', () => {
  it('abandons a request after its time limit', async () => {
    const started = Date.now()
    await expect(githubFetch(80)(`${main.url}/hang`)).rejects.toMatchObject({
      name: 'TimeoutError'
    })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  describe('with a proxy in the environment', () => {
    const saved = { ...process.env }
    let proxy: Server
    let proxyUrl: string
    const tunnels: string[] = []

    beforeAll(async () => {
      // A CONNECT proxy that sends every tunnel to the test server, whatever host was asked.
      proxy = createServer()
      proxy.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
        tunnels.push(request.url ?? '')
        const upstream = connect(Number(new URL(main.url).port), '127.0.0.1', () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
          upstream.write(head)
          upstream.pipe(client)
          client.pipe(upstream)
        })
        upstream.on('error', () => client.destroy())
        client.on('error', () => upstream.destroy())
      })
      proxyUrl = await listen(proxy)
    })

    afterEach(() => {
      for (const name of [
        'http_proxy',
        'HTTP_PROXY',
        'https_proxy',
        'HTTPS_PROXY',
        'no_proxy',
        'NO_PROXY'
      ]) {
        if (saved[name] === undefined) delete process.env[name]
        else process.env[name] = saved[name]
      }
      tunnels.length = 0
    })

    afterAll(async () => {
      await close(proxy)
    })

    it('sends a request for a proxied host through the proxy', async () => {
      process.env.http_proxy = proxyUrl
      const port = new URL(main.url).port
      const response = await githubFetch(5_000)(`http://gitops.example:${port}/json`)
      expect(await response.json()).toEqual({ hello: 'wörld' })
      expect(tunnels).toEqual([`gitops.example:${port}`])
    })

    it('goes direct for a host in no_proxy, and for loopback', async () => {
      process.env.http_proxy = proxyUrl
      process.env.no_proxy = 'gitops.example'
      const port = new URL(main.url).port
      await expect(githubFetch(5_000)(`http://gitops.example:${port}/json`)).rejects.toThrow(
        TypeError
      )
      const loopback = await githubFetch(5_000)(`${main.url}/json`)
      expect(loopback.status).toBe(200)
      expect(tunnels).toEqual([])
    })
  })
})

describe('createRequestClient', () => {
  it('sends the token and the User-Agent, and reads JSON through Octokit', async () => {
    main.seen.length = 0
    const client = createRequestClient({ token: 'ghs_abc', baseUrl: `${main.url}/` })
    const response: { data: unknown; headers: Record<string, unknown> } =
      await client.request('GET /json')
    expect(response.data).toEqual({ hello: 'wörld' })
    expect(response.headers['x-ratelimit-remaining']).toBe('4999')
    expect(main.seen[0]?.headers.authorization).toBe('token ghs_abc')
    expect(main.seen[0]?.headers['user-agent']).toMatch(/^gitops-image-bump octokit-core/)
  })

  it('sends no Authorization without a token', async () => {
    main.seen.length = 0
    await createRequestClient({ token: '', baseUrl: main.url }).request('GET /json')
    expect(main.seen[0]?.headers.authorization).toBeUndefined()
  })

  it('turns a refused connection into a 500 without a response, as with fetch', async () => {
    const spare = createServer()
    const url = await listen(spare)
    await close(spare)
    const error = await createRequestClient({ token: 't', baseUrl: url })
      .request('GET /json')
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ status: 500 })
    expect((error as { response?: unknown }).response).toBeUndefined()
  })
})

describe('userAgent', () => {
  it('adds the runner’s orchestration id, sanitised', () => {
    expect(userAgent({})).toBe('gitops-image-bump')
    expect(userAgent({ ACTIONS_ORCHESTRATION_ID: ' run/1 a ' })).toBe(
      'gitops-image-bump actions_orchestration_id/run_1_a'
    )
  })
})
