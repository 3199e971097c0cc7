/**
 * Reads the test registry directly over its HTTP API v2 with basic auth, independently of the
 * code under test, to check what really got pushed.
 */
import type { TestServices } from './services.js'

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

function authorization(services: TestServices): string {
  const { username, password } = services.registry
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
}

/** The tags of a repository ([] when it has none). */
export async function registryTags(services: TestServices, repository: string): Promise<string[]> {
  const response = await fetch(`http://${services.registry.host}/v2/${repository}/tags/list`, {
    headers: { authorization: authorization(services) }
  })
  if (response.status === 404) return []
  const body = (await response.json()) as { tags?: string[] | null }
  return body.tags ?? []
}

/** The manifest of `repository:reference`, with the digest the registry gives it. */
export async function registryManifest(
  services: TestServices,
  repository: string,
  reference: string
): Promise<{ digest: string; manifest: { config: { digest: string } } }> {
  const response = await fetch(
    `http://${services.registry.host}/v2/${repository}/manifests/${reference}`,
    { headers: { authorization: authorization(services), accept: MANIFEST_TYPES } }
  )
  if (!response.ok)
    throw new Error(`registry answered ${response.status} for ${repository}:${reference}`)
  return {
    digest: response.headers.get('docker-content-digest') ?? '',
    manifest: (await response.json()) as { config: { digest: string } }
  }
}

/** The labels in the image config of `repository:reference`. */
export async function registryImageLabels(
  services: TestServices,
  repository: string,
  reference: string
): Promise<Record<string, string>> {
  const { manifest } = await registryManifest(services, repository, reference)
  const response = await fetch(
    `http://${services.registry.host}/v2/${repository}/blobs/${manifest.config.digest}`,
    { headers: { authorization: authorization(services) } }
  )
  const config = (await response.json()) as { config?: { Labels?: Record<string, string> | null } }
  return config.config?.Labels ?? {}
}
