/**
 * OCI image references: the grammar of github.com/distribution/reference, and the parts of an ECR
 * one. Pure and light, so that input validation and the promotion path need no AWS SDK.
 */

// The grammar of github.com/distribution/reference.
const REF_DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const REF_DOMAIN = `(?:${REF_DOMAIN_COMPONENT}(?:\\.${REF_DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`
const REF_PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
const REF_NAME = `(?:${REF_DOMAIN}/)?${REF_PATH_COMPONENT}(?:/${REF_PATH_COMPONENT})*`
const REF_TAG = '[\\w][\\w.-]{0,127}'
const REF_DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}'
const IMAGE_REFERENCE = new RegExp(`^(${REF_NAME})(?::(${REF_TAG}))?(?:@(${REF_DIGEST}))?$`)

/** The parts of an OCI image reference, or undefined when `reference` is not one. */
export function parseImageReference(
  reference: string
): { name: string; tag?: string; digest?: string } | undefined {
  const match = IMAGE_REFERENCE.exec(reference)
  if (!match || match[1].length > 255) return undefined
  return { name: match[1], tag: match[2], digest: match[3] }
}

/** An image reference that points into ECR, split into its parts. */
export interface EcrImageReference {
  readonly registryId: string
  readonly region: string
  readonly repositoryName: string
  readonly tag?: string
  readonly digest?: string
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/

/** Splits an ECR image reference; undefined when the image is not in ECR. No tag means `latest`. */
export function parseEcrImageReference(image: string): EcrImageReference | undefined {
  const parts = parseImageReference(image)
  const slash = parts?.name.indexOf('/') ?? -1
  if (!parts || slash < 0) return undefined
  const host = ECR_HOST.exec(parts.name.slice(0, slash))
  if (!host) return undefined
  const tag = parts.tag ?? (parts.digest ? undefined : 'latest')
  return {
    registryId: host[1] ?? '',
    region: host[2] ?? '',
    repositoryName: parts.name.slice(slash + 1),
    ...(tag ? { tag } : {}),
    ...(parts.digest ? { digest: parts.digest } : {})
  }
}

/**
 * The registry host and repository of a reference, as the `registry` and `repository-uri` outputs
 * give them. A first part without `.` or `:` that is not `localhost` is a Docker Hub path, whose
 * registry is `docker.io`. Undefined when `reference` is not one.
 */
export function registryOf(
  reference: string
): { registry: string; repositoryUri: string; digest?: string } | undefined {
  const parts = parseImageReference(reference)
  if (!parts) return undefined
  const first = parts.name.split('/')[0] ?? ''
  const hasHost = parts.name.includes('/') && (/[.:]/.test(first) || first === 'localhost')
  return {
    registry: hasHost ? first : 'docker.io',
    repositoryUri: parts.name,
    ...(parts.digest ? { digest: parts.digest } : {})
  }
}
