/**
 * A real git smart-HTTP server for the clone-based baseline: `git http-backend` run as a CGI
 * program per request (as Apache or nginx would run it), serving bare repositories under one root.
 * Protocol v2 is passed through (`Git-Protocol` header), and pushes are allowed
 * (`http.receivepack`). No latency here: the latency proxy in front adds it.
 */
import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { run } from './harness.js'
import { createHash } from 'node:crypto'
import { rmSync } from 'node:fs'
import path from 'node:path'

export interface GitServer {
  /** e.g. http://127.0.0.1:PORT — a repository `acme/gitops-apps.git` is at `${url}/acme/gitops-apps.git`. */
  url: string
  stop(): Promise<void>
}

/** Splits a CGI answer into its status, headers and where the body starts; undefined until complete. */
export function parseCgiHead(
  buffer: Buffer
): { status: number; headers: [string, string][]; bodyStart: number } | undefined {
  let end = buffer.indexOf('\r\n\r\n')
  let separator = 4
  const lf = buffer.indexOf('\n\n')
  if (lf >= 0 && (end < 0 || lf < end)) {
    end = lf
    separator = 2
  }
  if (end < 0) return undefined
  const headers: [string, string][] = []
  let status = 200
  for (const line of buffer.subarray(0, end).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200
    else headers.push([name, value])
  }
  return { status, headers, bodyStart: end + separator }
}

export async function startGitServer(projectRoot: string): Promise<GitServer> {
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`git server: ${error instanceof Error ? error.message : String(error)}`)
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://localhost')
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ''),
      CONTENT_LENGTH: String(body.length),
      REMOTE_ADDR: '127.0.0.1',
      REMOTE_USER: 'bench',
      SERVER_PROTOCOL: 'HTTP/1.1',
      GATEWAY_INTERFACE: 'CGI/1.1'
    }
    if (req.headers['content-type']) env.CONTENT_TYPE = req.headers['content-type']
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') env[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] = value
    }
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    child.stdin.end(body)
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    let head = Buffer.alloc(0)
    let started = false
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (started) {
          res.write(chunk)
          return
        }
        head = Buffer.concat([head, chunk])
        const parsed = parseCgiHead(head)
        if (parsed === undefined) return
        started = true
        res.writeHead(parsed.status, parsed.headers.flat())
        res.write(head.subarray(parsed.bodyStart))
      })
      child.on('error', reject)
      child.on('close', (code) => {
        if (!started) {
          res.writeHead(500, { 'content-type': 'text/plain' })
          res.end(`git http-backend exited ${code}: ${stderr}`)
        } else {
          res.end()
        }
        resolve()
      })
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/** Git's object id of a blob. */
function blobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex')
}

/**
 * Creates a bare repository holding `files` in one commit on `main`, without writing a working
 * tree: the blobs go in through `git fast-import`, the tree through `git update-index --index-info`
 * and `git write-tree` (fast-import's own tree building is quadratic in directory width, and a
 * 100,000-file layout has directories of 16,000 entries). `repack` deltifies the pack as a hosting
 * server keeps it, so the clone transfers what it would really transfer.
 */
export async function createBareRepository(
  dir: string,
  files: Record<string, string>,
  options: { repack?: boolean } = {}
): Promise<void> {
  await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir])
  await run('git', ['-C', dir, 'config', 'http.receivepack', 'true'])
  const blobs: Buffer[] = []
  const index: string[] = []
  for (const [name, text] of Object.entries(files)) {
    const content = Buffer.from(text, 'utf8')
    blobs.push(Buffer.from(`blob\ndata ${content.length}\n`), content, Buffer.from('\n'))
    index.push(`100644 ${blobSha(content)}\t${name}`)
  }
  await run('git', ['-C', dir, 'fast-import', '--quiet'], { stdin: Buffer.concat(blobs) })
  const env = { ...process.env, GIT_INDEX_FILE: path.join(dir, 'bench-index') } as Record<
    string,
    string
  >
  await run('git', ['-C', dir, 'update-index', '--add', '--index-info'], {
    env,
    stdin: index.join('\n') + '\n'
  })
  const tree = (await run('git', ['-C', dir, 'write-tree'], { env })).stdout.trim()
  const commitEnv = {
    ...env,
    GIT_AUTHOR_NAME: 'GitOps Admin',
    GIT_AUTHOR_EMAIL: 'admin@example.com',
    GIT_AUTHOR_DATE: '1764230400 +0000',
    GIT_COMMITTER_NAME: 'GitOps Admin',
    GIT_COMMITTER_EMAIL: 'admin@example.com',
    GIT_COMMITTER_DATE: '1764230400 +0000'
  }
  const commit = (
    await run('git', ['-C', dir, 'commit-tree', tree, '-m', 'Initial GitOps layout'], {
      env: commitEnv
    })
  ).stdout.trim()
  await run('git', ['-C', dir, 'update-ref', 'refs/heads/main', commit])
  rmSync(path.join(dir, 'bench-index'), { force: true })
  if (options.repack !== false) await run('git', ['-C', dir, 'repack', '-a', '-d', '-f', '-q'])
}
