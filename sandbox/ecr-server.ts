/**
 * A local stand-in for the Amazon ECR API, for the tests and the demo.
 *
 * It speaks ECR's JSON 1.1 protocol (`X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Op>`)
 * well enough for the real `@aws-sdk/client-ecr` to talk to it through `AWS_ENDPOINT_URL_ECR`,
 * and answers errors with an AWS `__type` so the SDK throws its real typed exceptions.
 * `GetAuthorizationToken` hands out the credentials of a real local registry, and `DescribeImages`
 * asks that registry (HTTP API v2) for real manifest digests.
 *
 * Run as a program (`node build/sandbox/ecr-server.js`), it serves until SIGINT/SIGTERM and prints
 * its URL; the registry comes from `GIB_REGISTRY_HOST`/`_USERNAME`/`_PASSWORD`, else from
 * `${GIB_SERVICES_DIR:-/tmp/gib-services}/services.json` (written by scripts/services.sh).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { readManifestDigest } from '../src/docker.js'

const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.'
const JSON_11 = 'application/x-amz-json-1.1'
const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/

export interface StandInRegistry {
  /** `host:port` of the real registry that image pushes go to. */
  host: string
  username: string
  password: string
  /** How clients reach the registry; `http` for a loopback registry without TLS. */
  scheme?: 'http' | 'https'
}

export interface EcrServerOptions {
  registry: StandInRegistry
  /** The account the caller's credentials belong to (default `123456789012`). */
  accountId?: string
  region?: string
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number
}

export interface StandInRepository {
  repositoryName: string
  registryId: string
  repositoryArn: string
  repositoryUri: string
  createdAt: number
  imageTagMutability: string
  /** With a `*_WITH_EXCLUSION` mutability: the tags it does not apply to. */
  imageTagMutabilityExclusionFilters?: { filterType: string; filter: string }[]
  imageScanningConfiguration: { scanOnPush: boolean }
  encryptionConfiguration: { encryptionType: string; kmsKey?: string }
  tags: { Key: string; Value: string }[]
  lifecyclePolicyText?: string
}

export interface EcrServerState {
  /** Repositories by `<registryId>/<name>`. */
  readonly repositories: Map<string, StandInRepository>
}

/** One answered call: its operation and its JSON input. */
export interface EcrRequestLogEntry {
  target: string
  input: Record<string, unknown>
}

/** Makes the next `times` calls of `target` fail the way AWS would. */
export interface EcrFault {
  /** Operation name, e.g. `CreateRepository` (the prefix is optional). */
  target: string
  /** HTTP status (default 400). */
  status?: number
  /** AWS error type, e.g. `ThrottlingException`, `AccessDeniedException` (default `ServerException`). */
  type?: string
  message?: string
  /** How many calls fail (default 1). */
  times?: number
}

export interface EcrServer {
  /** Base URL, for `AWS_ENDPOINT_URL_ECR`. */
  readonly url: string
  readonly accountId: string
  readonly region: string
  readonly state: EcrServerState
  /** Every call that reached an operation (including injected failures), in order. */
  readonly requests: EcrRequestLogEntry[]
  inject(fault: EcrFault): void
  /** Forgets repositories, requests and pending faults. */
  reset(): void
  stop(): Promise<void>
}

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400
  ) {
    super(message)
  }
}

type Operation = (input: Record<string, unknown>) => Promise<unknown> | Record<string, unknown>

export async function startEcrServer(options: EcrServerOptions): Promise<EcrServer> {
  const accountId = options.accountId ?? '123456789012'
  const region = options.region ?? 'us-east-1'
  const registry = options.registry
  const scheme = registry.scheme ?? 'http'
  const state: EcrServerState = { repositories: new Map() }
  const requests: EcrRequestLogEntry[] = []
  const faults: Required<EcrFault>[] = []

  const registryIdOf = (input: Record<string, unknown>) =>
    typeof input.registryId === 'string' && input.registryId !== '' ? input.registryId : accountId

  const findRepository = (input: Record<string, unknown>): StandInRepository => {
    const name = requireString(input, 'repositoryName')
    const registryId = registryIdOf(input)
    const repository = state.repositories.get(`${registryId}/${name}`)
    if (!repository) {
      throw new AwsError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${registryId}'`
      )
    }
    return repository
  }

  const operations: Record<string, Operation> = {
    DescribeRepositories: (input) => {
      const registryId = registryIdOf(input)
      const names = input.repositoryNames
      if (Array.isArray(names)) {
        return {
          repositories: names.map((name) =>
            describeRepository(findRepository({ repositoryName: name, registryId }))
          )
        }
      }
      const all = [...state.repositories.values()].filter((r) => r.registryId === registryId)
      return { repositories: all.map(describeRepository) }
    },

    CreateRepository: (input) => {
      const name = requireString(input, 'repositoryName')
      const registryId = registryIdOf(input)
      if (name.length < 2 || name.length > 256 || !REPOSITORY_NAME.test(name)) {
        throw new AwsError(
          'InvalidParameterException',
          `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${REPOSITORY_NAME.source}''`
        )
      }
      if (state.repositories.has(`${registryId}/${name}`)) {
        throw new AwsError(
          'RepositoryAlreadyExistsException',
          `The repository with name '${name}' already exists in the registry with id '${registryId}'`
        )
      }
      const mutability = (input.imageTagMutability as string | undefined) ?? 'MUTABLE'
      if (
        !['MUTABLE', 'IMMUTABLE', 'MUTABLE_WITH_EXCLUSION', 'IMMUTABLE_WITH_EXCLUSION'].includes(
          mutability
        )
      ) {
        throw new AwsError(
          'InvalidParameterException',
          `Invalid parameter at 'imageTagMutability': '${mutability}'`
        )
      }
      const exclusions = exclusionFilters(input.imageTagMutabilityExclusionFilters, mutability)
      const encryption = (input.encryptionConfiguration ?? { encryptionType: 'AES256' }) as {
        encryptionType?: string
        kmsKey?: string
      }
      const encryptionType = encryption.encryptionType ?? 'AES256'
      if (!['AES256', 'KMS', 'KMS_DSSE'].includes(encryptionType)) {
        throw new AwsError(
          'InvalidParameterException',
          `Invalid parameter at 'encryptionType': '${encryptionType}'`
        )
      }
      if (encryption.kmsKey !== undefined && encryptionType === 'AES256') {
        throw new AwsError(
          'InvalidParameterException',
          'KMS key should not be provided when encryption type is AES256'
        )
      }
      const scanning = input.imageScanningConfiguration as { scanOnPush?: boolean } | undefined
      const repository: StandInRepository = {
        repositoryName: name,
        registryId,
        repositoryArn: `arn:aws:ecr:${region}:${registryId}:repository/${name}`,
        repositoryUri: `${registry.host}/${name}`,
        createdAt: Date.now() / 1000,
        imageTagMutability: mutability,
        ...(exclusions ? { imageTagMutabilityExclusionFilters: exclusions } : {}),
        imageScanningConfiguration: { scanOnPush: scanning?.scanOnPush ?? false },
        encryptionConfiguration: {
          encryptionType,
          ...(encryption.kmsKey === undefined ? {} : { kmsKey: encryption.kmsKey })
        },
        tags: Array.isArray(input.tags) ? (input.tags as { Key: string; Value: string }[]) : []
      }
      state.repositories.set(`${registryId}/${name}`, repository)
      return { repository: describeRepository(repository) }
    },

    PutLifecyclePolicy: (input) => {
      const repository = findRepository(input)
      const text = requireString(input, 'lifecyclePolicyText')
      let policy: unknown
      try {
        policy = JSON.parse(text)
      } catch {
        throw new AwsError('InvalidParameterException', 'Invalid parameter: lifecyclePolicyText')
      }
      if (!isRecord(policy) || !Array.isArray(policy.rules)) {
        throw new AwsError(
          'InvalidParameterException',
          "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: object has missing required properties ([\"rules\"])'"
        )
      }
      repository.lifecyclePolicyText = text
      return {
        registryId: repository.registryId,
        repositoryName: repository.repositoryName,
        lifecyclePolicyText: text
      }
    },

    GetAuthorizationToken: () => ({
      authorizationData: [
        {
          authorizationToken: Buffer.from(`${registry.username}:${registry.password}`).toString(
            'base64'
          ),
          expiresAt: Math.floor(Date.now() / 1000) + 12 * 3600,
          proxyEndpoint: `${scheme}://${registry.host}`
        }
      ]
    }),

    DescribeImages: async (input) => {
      const repository = findRepository(input)
      type ImageId = { imageTag?: string; imageDigest?: string }
      const imageIds: ImageId[] = Array.isArray(input.imageIds)
        ? (input.imageIds as ImageId[])
        : (await listTags(repository.repositoryName)).map((imageTag) => ({ imageTag }))
      const imageDetails = []
      for (const id of imageIds) {
        const reference = id.imageDigest ?? id.imageTag
        if (!reference) throw new AwsError('InvalidParameterException', 'imageIds is empty')
        const digest = await readManifestDigest({
          host: registry.host,
          repository: repository.repositoryName,
          reference,
          credentials: { username: registry.username, password: registry.password },
          scheme
        }).catch((error: unknown) => {
          throw new AwsError(
            'ServerException',
            `The registry behind this stand-in did not answer: ${String(error)}`,
            500
          )
        })
        if (digest === undefined) {
          throw new AwsError(
            'ImageNotFoundException',
            `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${repository.repositoryName}' in the registry with id '${repository.registryId}'`
          )
        }
        imageDetails.push({
          registryId: repository.registryId,
          repositoryName: repository.repositoryName,
          imageDigest: digest,
          imageTags: id.imageTag ? [id.imageTag] : [],
          imagePushedAt: Date.now() / 1000
        })
      }
      return { imageDetails }
    }
  }

  async function listTags(repositoryName: string): Promise<string[]> {
    const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64')
    const response = await fetch(`${scheme}://${registry.host}/v2/${repositoryName}/tags/list`, {
      headers: { authorization: `Basic ${auth}` }
    })
    if (response.status === 404) return []
    const body = (await response.json()) as { tags?: string[] | null }
    return body.tags ?? []
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request)
    const header = request.headers['x-amz-target']
    const target = typeof header === 'string' ? header : ''
    try {
      if (request.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) {
        throw new AwsError('UnknownOperationException', `Unknown operation ${target}`)
      }
      // The real service refuses unsigned calls; the SDK must have found credentials first.
      if (!request.headers.authorization) {
        throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token')
      }
      const name = target.slice(TARGET_PREFIX.length)
      const operation = operations[name]
      if (!operation) throw new AwsError('UnknownOperationException', `Unknown operation ${name}`)
      let input: unknown
      try {
        input = body === '' ? {} : JSON.parse(body)
      } catch {
        throw new AwsError('SerializationException', 'The request body is not JSON')
      }
      if (!isRecord(input)) throw new AwsError('SerializationException', 'Expected a JSON object')
      requests.push({ target: name, input })
      const fault = faults.find((f) => f.target === name)
      if (fault) {
        fault.times -= 1
        if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1)
        throw new AwsError(fault.type, fault.message, fault.status)
      }
      send(response, 200, await operation(input))
    } catch (error) {
      if (error instanceof AwsError) {
        send(response, error.status, { __type: error.type, message: error.message })
      } else {
        send(response, 500, { __type: 'ServerException', message: String(error) })
      }
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    accountId,
    region,
    state,
    requests,
    inject(fault) {
      faults.push({
        target: fault.target.startsWith(TARGET_PREFIX)
          ? fault.target.slice(TARGET_PREFIX.length)
          : fault.target,
        status: fault.status ?? 400,
        type: fault.type ?? 'ServerException',
        message: fault.message ?? `Injected ${fault.type ?? 'ServerException'}`,
        times: fault.times ?? 1
      })
    },
    reset() {
      state.repositories.clear()
      requests.length = 0
      faults.length = 0
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
  }
}

function describeRepository(repository: StandInRepository): Record<string, unknown> {
  const { tags: _tags, lifecyclePolicyText: _policy, ...description } = repository
  return description
}

/**
 * The exclusion filters of a CreateRepository call, checked as ECR does: 1 to 5 WILDCARD filters
 * of `[0-9a-zA-Z._*-]{1,128}`, given exactly when the mutability is `*_WITH_EXCLUSION`.
 */
function exclusionFilters(
  value: unknown,
  mutability: string
): { filterType: string; filter: string }[] | undefined {
  const withExclusion = mutability.endsWith('_WITH_EXCLUSION')
  if (value === undefined) {
    if (!withExclusion) return undefined
    throw new AwsError(
      'InvalidParameterException',
      `imageTagMutabilityExclusionFilters are required with imageTagMutability '${mutability}'`
    )
  }
  if (!withExclusion) {
    throw new AwsError(
      'InvalidParameterException',
      `imageTagMutabilityExclusionFilters are only allowed with a *_WITH_EXCLUSION imageTagMutability, not '${mutability}'`
    )
  }
  if (!Array.isArray(value) || value.length < 1 || value.length > 5) {
    throw new AwsError(
      'InvalidParameterException',
      "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'Member must have length between 1 and 5'"
    )
  }
  return value.map((item: unknown) => {
    const filter = isRecord(item) ? item.filter : undefined
    const filterType = isRecord(item) ? item.filterType : undefined
    if (
      filterType !== 'WILDCARD' ||
      typeof filter !== 'string' ||
      !/^[0-9a-zA-Z._*-]{1,128}$/.test(filter)
    ) {
      throw new AwsError(
        'InvalidParameterException',
        `Invalid parameter at 'imageTagMutabilityExclusionFilters': ${JSON.stringify(item)}`
      )
    }
    return { filterType, filter }
  })
}

function requireString(input: Record<string, unknown>, key: string): string {
  const value = input[key]
  if (typeof value !== 'string' || value === '') {
    throw new AwsError('InvalidParameterException', `${key} is required`)
  }
  return value
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': JSON_11,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': `standin-${Math.random().toString(16).slice(2, 10)}`
  })
  response.end(text)
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** The registry to hand out when run as a program: env first, else the services.json. */
function registryFromEnvironment(env: NodeJS.ProcessEnv): StandInRegistry {
  if (env.GIB_REGISTRY_HOST) {
    return {
      host: env.GIB_REGISTRY_HOST,
      username: env.GIB_REGISTRY_USERNAME ?? '',
      password: env.GIB_REGISTRY_PASSWORD ?? ''
    }
  }
  const file = path.join(env.GIB_SERVICES_DIR ?? '/tmp/gib-services', 'services.json')
  const services = JSON.parse(readFileSync(file, 'utf8')) as { registry: StandInRegistry }
  return services.registry
}

async function main(): Promise<void> {
  const portArgument = process.argv.indexOf('--port')
  const port = Number(
    portArgument > 0 ? process.argv[portArgument + 1] : (process.env.GIB_ECR_PORT ?? 0)
  )
  const server = await startEcrServer({
    registry: registryFromEnvironment(process.env),
    accountId: process.env.GIB_ECR_ACCOUNT_ID,
    region: process.env.AWS_REGION,
    port
  })
  process.stdout.write(`${server.url}\n`)
  const stop = () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`ecr-server: ${String(error)}\n`)
    process.exit(1)
  })
}
