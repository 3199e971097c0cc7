/**
 * For the demo's promotion mode on a machine without Docker: a registry that holds the manifest
 * of one image an earlier CI run "pushed", and answers what the ECR stand-in asks it (HTTP API v2
 * manifest HEAD/GET, Basic auth). It stores no layers; nothing can pull from it.
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

export interface ManifestRegistry {
  /** `127.0.0.1:<port>`. */
  readonly host: string
  readonly username: string
  readonly password: string
  /** The digest of the manifest of `repository:tag`. */
  digestOf(repository: string, tag: string): string | undefined
  stop(): Promise<void>
}

export interface HeldImage {
  readonly repository: string
  readonly tag: string
}

/** A manifest as a build would write it: an (empty) config and no layers, unique per image. */
function manifestFor(image: HeldImage): Buffer {
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: image } })
  )
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: `sha256:${createHash('sha256').update(config).digest('hex')}`,
        size: config.length
      },
      layers: []
    })
  )
}

export async function startManifestRegistry(options: {
  images: readonly HeldImage[]
  username: string
  password: string
}): Promise<ManifestRegistry> {
  const manifests = new Map<string, { body: Buffer; digest: string }>()
  for (const image of options.images) {
    const body = manifestFor(image)
    const entry = { body, digest: `sha256:${createHash('sha256').update(body).digest('hex')}` }
    manifests.set(`${image.repository}:${image.tag}`, entry)
    manifests.set(`${image.repository}@${entry.digest}`, entry)
  }
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.headers.authorization !== expected) {
      response.writeHead(401, {
        'www-authenticate': 'Basic realm="gib-demo-registry"',
        'content-type': 'application/json'
      })
      response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'login first' }] }))
      return
    }
    const url = new URL(request.url ?? '/', 'http://registry')
    if (url.pathname === '/v2/') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      return
    }
    const match = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname)
    const separator = match?.[2].startsWith('sha256:') ? '@' : ':'
    const manifest = match ? manifests.get(`${match[1]}${separator}${match[2]}`) : undefined
    if (!manifest || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN' }] }))
      return
    }
    response.writeHead(200, {
      'content-type': OCI_MANIFEST,
      'content-length': manifest.body.length,
      'docker-content-digest': manifest.digest
    })
    response.end(request.method === 'HEAD' ? undefined : manifest.body)
  }

  const server = createServer(handle)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    host: `127.0.0.1:${port}`,
    username: options.username,
    password: options.password,
    digestOf: (repository, tag) => manifests.get(`${repository}:${tag}`)?.digest,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
  }
}
