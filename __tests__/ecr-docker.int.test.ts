/**
 * The image half of the step on real parts, as main.ts runs it: the real AWS SDK against the ECR
 * stand-in (which hands out the real registry's login), the docker CLI against dockerd, and the
 * htpasswd registry started by scripts/services.sh.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ECRClient } from '@aws-sdk/client-ecr'
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  createDockerSession,
  publishImage,
  reusedImage,
  type PublishedImage
} from '../src/docker.js'
import {
  createEcrClient,
  ensureRepository,
  findReusableImage,
  getRegistryLogin,
  verifyImage,
  type EnsuredRepository
} from '../src/ecr.js'
import { loadLifecyclePolicy } from '../src/lifecycle-policy.js'
import { ActionError } from '../src/errors.js'
import { startEcrServer, type EcrServer } from '../sandbox/ecr-server.js'
import {
  captureOutput,
  dockerServicesOrSkip,
  linesLeaking,
  scratchDirectory,
  uniqueName
} from './support/docker.js'
import { useStandInEnvironment } from './support/ecr-stand-in.js'
import { registryImageLabels, registryManifest, registryTags } from './support/registry.js'
import type { TestServices } from './support/services.js'

const services = await dockerServicesOrSkip('ecr-docker.int.test.ts (the ECR + Docker flow)')
const describeDocker = services ? describe : describe.skip

const CONTEXT = path.resolve('__tests__/fixtures/app-context')
const SHA = 'abc1234def5678900000000000000000000000ff'

interface RunResult {
  repository: EnsuredRepository
  image: PublishedImage
  output: string
  configDir: string
}

describeDocker('ECR repository, isolated login, build and push', () => {
  let server: EcrServer
  let client: ECRClient
  let restoreEnvironment: () => void
  let env: TestServices
  const repositoryName = uniqueName('team/myapp')
  const tag = `main-abc1234-${Date.now() % 100000}`
  const runnerTemp = scratchDirectory('runner-temp')
  const userDockerConfig = path.join(os.homedir(), '.docker', 'config.json')
  const userConfigBefore = existsSync(userDockerConfig)
    ? readFileSync(userDockerConfig, 'utf8')
    : undefined
  const runs: RunResult[] = []

  beforeAll(async () => {
    if (!services) throw new Error('services are required here')
    env = services
    server = await startEcrServer({ registry: services.registry, accountId: '226633502530' })
    restoreEnvironment = useStandInEnvironment(server.url)
    client = createEcrClient({ region: 'us-east-1' })
  })

  afterAll(async () => {
    client?.destroy()
    restoreEnvironment?.()
    await server?.stop()
    const references = runs.map((run) => run.image.image)
    if (references.length > 0) {
      await new Promise((resolve) =>
        execFile('docker', ['image', 'rm', ...new Set(references)], resolve)
      )
    }
  })

  /**
   * One run of the image step in main.ts's order, one call at a time (main.ts sends the token
   * request and the tag lookup at once): an existing tag that is immutable in the repository is
   * reused without a Docker login.
   */
  async function runImageStep(): Promise<RunResult> {
    const output = captureOutput()
    try {
      const repository = await ensureRepository(client, {
        repositoryName,
        create: true,
        tagMutability: 'IMMUTABLE',
        scanOnPush: true,
        encryption: 'KMS',
        kmsKey: 'alias/ecr',
        tags: { team: 'payments', app: 'myapp' },
        lifecyclePolicy: loadLifecyclePolicy('lifecycle-policy.json', CONTEXT)
      })
      const existing = await findReusableImage(client, repository, { repositoryName, tag })
      const login = await getRegistryLogin(client)
      if (existing !== undefined) {
        const image = reusedImage(`${repository.repositoryUri}:${tag}`, existing)
        const run = { repository, image, output: '', configDir: '' }
        runs.push(run)
        return run
      }
      const session = await createDockerSession(runnerTemp)
      const { configDir } = session
      try {
        await session.login(login.host, login.username, login.password)
        const image = await publishImage({
          session,
          repositoryUri: repository.repositoryUri,
          tag,
          capabilities: { buildx: false },
          build: {
            context: CONTEXT,
            dockerfile: path.join(CONTEXT, 'Dockerfile'),
            network: 'host',
            buildArgs: { BASE_IMAGE: env.baseImage, GREETING: 'hello' },
            labels: { team: 'payments' },
            source: {
              url: 'https://github.com/acme/myapp',
              revision: SHA,
              created: '2026-11-27T07:00:00.000Z'
            }
          }
        })
        const run = { repository, image, output: '', configDir }
        runs.push(run)
        return run
      } finally {
        await session.dispose()
      }
    } finally {
      output.restore()
      const last = runs.at(-1)
      if (last) last.output = output.text()
    }
  }

  it('creates the repository with the requested settings', async () => {
    const first = await runImageStep()
    expect(first.repository).toEqual({
      created: true,
      repositoryUri: `${env.registry.host}/${repositoryName}`,
      registry: env.registry.host,
      registryId: '226633502530',
      tagMutability: 'IMMUTABLE',
      tagMutabilityExclusionFilters: []
    })
    // A repository this run created holds no tag: the tag is not looked up.
    expect(server.requests.map((r) => r.target)).toEqual([
      'DescribeRepositories',
      'CreateRepository',
      'PutLifecyclePolicy',
      'GetAuthorizationToken'
    ])
    const stored = server.state.repositories.get(`226633502530/${repositoryName}`)
    expect(stored).toMatchObject({
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'KMS', kmsKey: 'alias/ecr' },
      tags: [
        { Key: 'team', Value: 'payments' },
        { Key: 'app', Value: 'myapp' }
      ]
    })
    expect(JSON.parse(stored?.lifecyclePolicyText ?? '{}')).toEqual(
      JSON.parse(readFileSync(path.join(CONTEXT, 'lifecycle-policy.json'), 'utf8'))
    )
  })

  it('builds the fixture context with the classic builder and pushes it', () => {
    const [first] = runs
    expect(first?.image.built).toBe(true)
    expect(first?.image.image).toBe(`${env.registry.host}/${repositoryName}:${tag}`)
    expect(first?.output).toMatch(/\[command\]\S*docker build .*--network host/)
    expect(first?.output).toMatch(new RegExp(`\\[command\\]\\S*docker push ${env.registry.host}/`))
  })

  it('outputs the digest the registry API shows for the tag, with the OCI labels', async () => {
    const [first] = runs
    expect(await registryTags(env, repositoryName)).toEqual([tag])
    const { digest } = await registryManifest(env, repositoryName, tag)
    expect(first?.image.digest).toBe(digest)
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(await registryImageLabels(env, repositoryName, tag)).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/myapp',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.created': '2026-11-27T07:00:00.000Z',
      team: 'payments'
    })
  })

  it('skips the build on a second run because the tag exists, reusing its digest', async () => {
    const [first] = runs
    server.requests.length = 0
    const second = await runImageStep()
    expect(second.repository.created).toBe(false)
    expect(second.image).toEqual({
      image: first?.image.image,
      digest: first?.image.digest,
      built: false
    })
    expect(second.output).toMatch(
      /already exists \(sha256:[0-9a-f]{64}\); reusing it instead of building again/
    )
    expect(second.output).not.toMatch(/\[command\]\S*docker (build|push)/)
    expect(server.requests.map((r) => r.target)).toEqual([
      'DescribeRepositories',
      'DescribeImages',
      'GetAuthorizationToken'
    ])
    expect(second.configDir).toBe('')
  })

  it('builds again when an exclusion filter makes the tag mutable in an immutable repository', async () => {
    const stored = server.state.repositories.get(`226633502530/${repositoryName}`)
    if (!stored) throw new Error('the repository is missing')
    stored.imageTagMutability = 'IMMUTABLE_WITH_EXCLUSION'
    stored.imageTagMutabilityExclusionFilters = [{ filterType: 'WILDCARD', filter: 'main-*' }]
    server.requests.length = 0
    const third = await runImageStep()
    expect(third.repository).toMatchObject({
      created: false,
      tagMutability: 'IMMUTABLE_WITH_EXCLUSION'
    })
    expect(third.image.built).toBe(true)
    expect(third.output).toMatch(new RegExp(`\\[command\\]\\S*docker push ${env.registry.host}/`))
    expect(server.requests.map((r) => r.target)).toEqual([
      'DescribeRepositories',
      'GetAuthorizationToken'
    ])
  })

  it('leaks no password into any output and leaves no Docker config behind', () => {
    expect(runs).toHaveLength(3)
    for (const run of runs) {
      expect(run.output).toContain(`::add-mask::${env.registry.password}`)
      expect(linesLeaking(run.output, env.registry.password)).toEqual([])
      expect(run.configDir === '' || !existsSync(run.configDir)).toBe(true)
    }
    expect(readdirSync(runnerTemp)).toEqual([])
    const userConfigAfter = existsSync(userDockerConfig)
      ? readFileSync(userDockerConfig, 'utf8')
      : undefined
    expect(userConfigAfter).toBe(userConfigBefore)
  })

  it('verifies a promoted image exists, and names it when it does not', async () => {
    const [first] = runs
    const digest = await verifyImage(client, {
      registryId: '226633502530',
      region: 'us-east-1',
      repositoryName,
      tag
    })
    expect(digest).toBe(first?.image.digest)
    let error: unknown
    try {
      await verifyImage(client, {
        registryId: '226633502530',
        region: 'us-east-1',
        repositoryName,
        tag: 'nope'
      })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ActionError)
    expect((error as ActionError).message).toBe(
      `image: ${repositoryName}:nope does not exist in ECR registry 226633502530 (us-east-1).`
    )
  })
})
