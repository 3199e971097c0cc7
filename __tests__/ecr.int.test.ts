/**
 * src/ecr.ts through the real AWS SDK, over HTTP, against the ECR stand-in
 * (sandbox/ecr-server.ts), reached with AWS_ENDPOINT_URL_ECR as a LocalStack user would.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import type { ECRClient } from '@aws-sdk/client-ecr'
import { ActionError } from '../src/errors.js'
import { CreateRepositoryCommand, type ImageTagMutability } from '@aws-sdk/client-ecr'
import {
  createEcrClient,
  ensureRepository,
  findReusableImage,
  getRegistryLogin,
  type EnsureRepositoryOptions
} from '../src/ecr.js'
import { startEcrServer, type EcrServer } from '../sandbox/ecr-server.js'
import { captureOutput, linesLeaking } from './support/docker.js'
import { adaptiveRetryWithoutWaiting, useStandInEnvironment } from './support/ecr-stand-in.js'

const REGISTRY = { host: '127.0.0.1:5999', username: 'AWS', password: 'stand-in-registry-password' }
const POLICY =
  '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}'

let server: EcrServer
let restoreEnvironment: () => void
let client: ECRClient

const defaults: EnsureRepositoryOptions = {
  repositoryName: 'myapp',
  create: true,
  tagMutability: 'IMMUTABLE',
  scanOnPush: true,
  encryption: 'AES256',
  tags: {}
}

async function rejection(promise: Promise<unknown>): Promise<ActionError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ActionError) return error
    throw error
  }
  throw new Error('expected an ActionError')
}

beforeAll(async () => {
  server = await startEcrServer({ registry: REGISTRY, accountId: '226633502530' })
  restoreEnvironment = useStandInEnvironment(server.url)
})

afterAll(async () => {
  restoreEnvironment()
  await server.stop()
})

function freshClient(maxAttempts = 3): ECRClient {
  server.reset()
  client = createEcrClient({
    region: 'us-east-1',
    maxAttempts,
    retryStrategy: adaptiveRetryWithoutWaiting(maxAttempts)
  })
  return client
}

afterEach(() => client?.destroy())

describe('ensureRepository against the ECR stand-in', () => {
  it('creates a missing repository with the requested settings, tags and lifecycle policy', async () => {
    const ecr = freshClient()
    const result = await ensureRepository(ecr, {
      ...defaults,
      repositoryName: 'team/myapp-010',
      encryption: 'KMS',
      kmsKey: 'arn:aws:kms:us-east-1:226633502530:key/abcd',
      scanOnPush: true,
      tags: { team: 'payments', 'cost-center': '42' },
      lifecyclePolicy: POLICY
    })
    expect(result).toEqual({
      created: true,
      repositoryUri: `${REGISTRY.host}/team/myapp-010`,
      registry: REGISTRY.host,
      registryId: '226633502530',
      tagMutability: 'IMMUTABLE',
      tagMutabilityExclusionFilters: []
    })
    expect(server.requests.map((r) => r.target)).toEqual([
      'DescribeRepositories',
      'CreateRepository',
      'PutLifecyclePolicy'
    ])
    const stored = server.state.repositories.get('226633502530/team/myapp-010')
    expect(stored).toMatchObject({
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: {
        encryptionType: 'KMS',
        kmsKey: 'arn:aws:kms:us-east-1:226633502530:key/abcd'
      },
      tags: [
        { Key: 'team', Value: 'payments' },
        { Key: 'cost-center', Value: '42' }
      ],
      lifecyclePolicyText: POLICY
    })
  })

  it('creates nothing when beforeCreate throws (no Docker daemon), after a read only', async () => {
    const ecr = freshClient()
    const noDocker = new ActionError('No Docker daemon answers at the default Docker socket.')
    await expect(
      ensureRepository(ecr, { ...defaults, beforeCreate: () => Promise.reject(noDocker) })
    ).rejects.toBe(noDocker)
    expect(server.requests.map((r) => r.target)).toEqual(['DescribeRepositories'])
    expect(server.state.repositories.size).toBe(0)
  })

  it('waits for beforeCreate before creating, and does not call it for an existing repository', async () => {
    const ecr = freshClient()
    const order: string[] = []
    await ensureRepository(ecr, {
      ...defaults,
      beforeCreate: async () => {
        order.push(`check after ${server.requests.map((r) => r.target).join(',')}`)
        await new Promise((resolve) => setTimeout(resolve, 30))
        order.push('check done')
      }
    })
    order.push(`then ${server.requests.map((r) => r.target).join(',')}`)
    expect(order).toEqual([
      'check after DescribeRepositories',
      'check done',
      'then DescribeRepositories,CreateRepository'
    ])
    let called = false
    await ensureRepository(ecr, {
      ...defaults,
      beforeCreate: () => {
        called = true
        return Promise.resolve()
      }
    })
    expect(called).toBe(false)
  })

  it('leaves an existing repository alone and reports it was not created', async () => {
    const ecr = freshClient()
    await ensureRepository(ecr, { ...defaults, tagMutability: 'MUTABLE' })
    server.requests.length = 0
    const again = await ensureRepository(ecr, { ...defaults, lifecyclePolicy: POLICY })
    expect(again.created).toBe(false)
    // Its tags are what ECR says, not what the inputs asked for: a mutable tag is pushed again.
    expect(again).toMatchObject({ tagMutability: 'MUTABLE', tagMutabilityExclusionFilters: [] })
    expect(server.requests.map((r) => r.target)).toEqual(['DescribeRepositories'])
    expect(server.state.repositories.get('226633502530/myapp')?.imageTagMutability).toBe('MUTABLE')
  })

  it('creates the repository in another account with registry-id (cross-account)', async () => {
    const ecr = freshClient()
    const result = await ensureRepository(ecr, { ...defaults, registryId: '111122223333' })
    expect(result).toMatchObject({ created: true, registryId: '111122223333' })
    expect(server.requests.every((r) => r.input.registryId === '111122223333')).toBe(true)
    expect(server.state.repositories.has('111122223333/myapp')).toBe(true)
  })

  it('names the repository and the input when it is missing and creation is off', async () => {
    const ecr = freshClient()
    const error = await rejection(
      ensureRepository(ecr, { ...defaults, repositoryName: 'ghost', create: false })
    )
    expect(error.message).toBe(
      `ECR repository "ghost" does not exist in this account's registry (us-east-1), and create-repository is false.`
    )
    expect(error.hint).toMatch(/create-repository: true/)
    expect(server.requests.map((r) => r.target)).toEqual(['DescribeRepositories'])
  })

  it('names ecr:CreateRepository when the role may not create repositories', async () => {
    const ecr = freshClient()
    server.inject({
      target: 'CreateRepository',
      type: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::226633502530:assumed-role/ci/run is not authorized to perform: ecr:CreateRepository on resource: arn:aws:ecr:us-east-1:226633502530:repository/myapp because no identity-based policy allows the ecr:CreateRepository action'
    })
    const error = await rejection(ensureRepository(ecr, defaults))
    expect(error.message).toMatch(/^AWS denied ecr:CreateRepository on repository "myapp": User: /)
    expect(error.hint).toMatch(
      /^Allow ecr:CreateRepository on arn:aws:ecr:us-east-1:<account>:repository\/myapp in the policy of the role/
    )
    expect(server.state.repositories.size).toBe(0)
  })

  it('names ecr:DescribeRepositories when the role may not even look', async () => {
    const ecr = freshClient()
    server.inject({ target: 'DescribeRepositories', type: 'AccessDeniedException', message: 'no' })
    const error = await rejection(ensureRepository(ecr, defaults))
    expect(error.message).toMatch(/AWS denied ecr:DescribeRepositories on repository "myapp"/)
  })

  it('retries throttled calls (the SDK, adaptive mode) and then succeeds', async () => {
    const ecr = freshClient(3)
    server.inject({ target: 'DescribeRepositories', type: 'ThrottlingException', times: 2 })
    const result = await ensureRepository(ecr, defaults)
    expect(result.created).toBe(true)
    expect(server.requests.map((r) => r.target)).toEqual([
      'DescribeRepositories',
      'DescribeRepositories',
      'DescribeRepositories',
      'CreateRepository'
    ])
  })

  it('says ECR kept throttling when the retries run out', async () => {
    const ecr = freshClient(2)
    server.inject({ target: 'DescribeRepositories', type: 'ThrottlingException', times: 5 })
    const error = await rejection(ensureRepository(ecr, defaults))
    expect(error.message).toMatch(/ECR kept throttling ecr:DescribeRepositories/)
    expect(server.requests).toHaveLength(2)
  })

  it('treats a repository created concurrently by another run as existing', async () => {
    const ecr = freshClient()
    await ensureRepository(ecr, defaults) // the other run
    server.requests.length = 0
    // Our describe ran just before the other run's create landed.
    server.inject({ target: 'DescribeRepositories', type: 'RepositoryNotFoundException' })
    const result = await ensureRepository(ecr, defaults)
    expect(result).toMatchObject({ created: false, repositoryUri: `${REGISTRY.host}/myapp` })
    expect(server.requests.map((r) => r.target)).toEqual([
      'DescribeRepositories',
      'CreateRepository',
      'DescribeRepositories'
    ])
  })

  it('says how to finish when the repository was created but the policy was refused', async () => {
    const ecr = freshClient()
    server.inject({
      target: 'PutLifecyclePolicy',
      type: 'InvalidParameterException',
      message: 'bad rule'
    })
    const error = await rejection(ensureRepository(ecr, { ...defaults, lifecyclePolicy: POLICY }))
    expect(error.message).toMatch(
      /^Created ECR repository "myapp", but its lifecycle policy was not applied/
    )
    expect(error.hint).toMatch(/repository-lifecycle-policy/)
    expect(error.hint).toMatch(/aws ecr put-lifecycle-policy --repository-name myapp/)
  })

  it('rejects a broken lifecycle policy before any call', async () => {
    const ecr = freshClient()
    const error = await rejection(
      ensureRepository(ecr, { ...defaults, lifecyclePolicy: '{"rules"' })
    )
    expect(error.message).toMatch(/repository-lifecycle-policy is not valid JSON/)
    expect(server.requests).toHaveLength(0)
  })
})

describe('findReusableImage against the ECR stand-in', () => {
  // The stand-in asks its registry (REGISTRY, not running here) for the tag, so a lookup that is
  // sent fails with ServerException; one that is not sent returns undefined without a call.
  const lookup = { repositoryName: 'myapp', tag: 'main-abc1234-1' }

  it('asks nothing of a repository this run just created: it holds no tag yet', async () => {
    const ecr = freshClient()
    const repository = await ensureRepository(ecr, defaults)
    expect(repository).toMatchObject({ created: true, tagMutability: 'IMMUTABLE' })
    await expect(findReusableImage(ecr, repository, lookup)).resolves.toBeUndefined()
    expect(server.requests.map((r) => r.target)).toEqual([
      'DescribeRepositories',
      'CreateRepository'
    ])
  })

  it.each<[ImageTagMutability, string[] | undefined, string, boolean]>([
    ['IMMUTABLE', undefined, 'main-abc1234-1', true],
    ['MUTABLE', undefined, 'main-abc1234-1', false],
    ['IMMUTABLE_WITH_EXCLUSION', ['latest', 'main-*'], 'main-abc1234-1', false],
    ['IMMUTABLE_WITH_EXCLUSION', ['latest', 'dev-*'], 'main-abc1234-1', true],
    ['MUTABLE_WITH_EXCLUSION', ['main-*-1'], 'main-abc1234-1', true],
    ['MUTABLE_WITH_EXCLUSION', ['release-*'], 'main-abc1234-1', false]
  ])(
    'an existing %s repository with exclusions %j: %s is looked up: %s',
    async (mutability, filters, tag, looksUp) => {
      const ecr = freshClient(1)
      await ecr.send(
        new CreateRepositoryCommand({
          repositoryName: 'myapp',
          imageTagMutability: mutability,
          ...(filters
            ? {
                imageTagMutabilityExclusionFilters: filters.map((filter) => ({
                  filterType: 'WILDCARD' as const,
                  filter
                }))
              }
            : {})
        })
      )
      const repository = await ensureRepository(ecr, { ...defaults, create: false })
      expect(repository).toMatchObject({
        created: false,
        tagMutability: mutability,
        tagMutabilityExclusionFilters: (filters ?? []).map((filter) => ({
          filterType: 'WILDCARD',
          filter
        }))
      })
      server.requests.length = 0
      const found = await findReusableImage(ecr, repository, { ...lookup, tag }).then(
        (digest) => ({ digest }),
        (error: unknown) => ({ error: error instanceof ActionError ? 'ActionError' : error })
      )
      // Sent, the lookup fails (the stand-in's registry is not there); not sent, it finds nothing.
      expect(found).toEqual(looksUp ? { error: 'ActionError' } : { digest: undefined })
      expect(server.requests.map((r) => r.target)).toEqual(looksUp ? ['DescribeImages'] : [])
    }
  )
})

describe('credentials', () => {
  it('tells to run aws-actions/configure-aws-credentials first when the job has none, before calling ECR', async () => {
    freshClient()
    const restore = useStandInEnvironment(server.url, { credentials: false })
    const ecr = createEcrClient({ region: 'us-east-1' })
    try {
      const error = await rejection(ensureRepository(ecr, defaults))
      expect(error.message).toBe(
        'No AWS credentials are available in this job, so ecr:DescribeRepositories cannot be called.'
      )
      expect(error.hint).toMatch(/aws-actions\/configure-aws-credentials/)
      expect(server.requests).toHaveLength(0)
    } finally {
      ecr.destroy()
      restore()
    }
  })

  it('reaches the endpoint named by the generic AWS_ENDPOINT_URL too', async () => {
    freshClient()
    const restore = useStandInEnvironment(server.url)
    process.env.AWS_ENDPOINT_URL = process.env.AWS_ENDPOINT_URL_ECR
    delete process.env.AWS_ENDPOINT_URL_ECR
    const ecr = createEcrClient({ region: 'us-east-1' })
    try {
      await expect(ensureRepository(ecr, defaults)).resolves.toMatchObject({ created: true })
      expect(server.requests.map((r) => r.target)).toEqual([
        'DescribeRepositories',
        'CreateRepository'
      ])
    } finally {
      ecr.destroy()
      restore()
    }
  })

  it('stand-in refuses an unsigned call like ECR does', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories'
      },
      body: '{}'
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token'
    })
  })
})

describe('getRegistryLogin', () => {
  it('returns the registry host without scheme and masks the password at once', async () => {
    const ecr = freshClient()
    const output = captureOutput()
    let login
    try {
      login = await getRegistryLogin(ecr)
    } finally {
      output.restore()
    }
    expect(login).toMatchObject({
      host: REGISTRY.host,
      username: 'AWS',
      password: REGISTRY.password
    })
    expect(login.expiresAt).toBeInstanceOf(Date)
    expect(output.text()).toContain(`::add-mask::${REGISTRY.password}`)
    expect(linesLeaking(output.text(), REGISTRY.password)).toEqual([])
  })

  it('names ecr:GetAuthorizationToken when the role may not log in', async () => {
    const ecr = freshClient()
    server.inject({ target: 'GetAuthorizationToken', type: 'AccessDeniedException', message: 'no' })
    const error = await rejection(getRegistryLogin(ecr, '226633502530'))
    expect(error.message).toMatch(/AWS denied ecr:GetAuthorizationToken/)
    expect(error.hint).toMatch(/^Allow ecr:GetAuthorizationToken on \*/)
    expect(server.requests[0]?.input).toEqual({ registryIds: ['226633502530'] })
  })
})
