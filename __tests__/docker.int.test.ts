/**
 * src/docker.ts against real processes: the docker CLI, dockerd and the htpasswd registry started
 * by scripts/services.sh, plus small in-process HTTP servers where a registry must misbehave.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import {
  buildAndPush,
  createDockerSession,
  publishImage,
  detectDocker,
  readManifestDigest,
  type BuildOptions,
  type DockerSession,
  type RetryPolicy
} from '../src/docker.js'
import { ActionError } from '../src/errors.js'
import {
  captureOutput,
  dockerServicesOrSkip,
  linesLeaking,
  scratchDirectory,
  uniqueName
} from './support/docker.js'
import { registryManifest } from './support/registry.js'
import type { TestServices } from './support/services.js'

async function rejection(promise: Promise<unknown>): Promise<ActionError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ActionError) return error
    throw error
  }
  throw new Error('expected an ActionError')
}

function listen(server: Server | NetServer, where: number | string = 0): Promise<void> {
  return new Promise((resolve) => {
    if (typeof where === 'string') server.listen(where, resolve)
    else server.listen(where, '127.0.0.1', resolve)
  })
}

function close(server: Server | NetServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    if ('closeAllConnections' in server) server.closeAllConnections()
  })
}

/** Records the waits instead of waiting. */
function recordingRetry(): RetryPolicy & { waits: number[] } {
  const waits: number[] = []
  return {
    attempts: 3,
    baseDelayMs: 1000,
    waits,
    sleep: (ms) => (waits.push(ms), Promise.resolve())
  }
}

describe('detectDocker', () => {
  it('says docker is not on PATH when it is missing', async () => {
    const emptyBin = scratchDirectory('empty-bin')
    const error = await rejection(detectDocker({ env: { ...process.env, PATH: emptyBin } }))
    expect(error.message).toBe('`docker` is not on PATH, so the image cannot be built or pushed.')
    expect(error.hint).toMatch(/runner with Docker/)
  })

  it('says no daemon answers when the socket does not exist', async () => {
    const socket = path.join(scratchDirectory('no-daemon'), 'docker.sock')
    const error = await rejection(
      detectDocker({ env: { ...process.env, DOCKER_HOST: `unix://${socket}` } })
    )
    expect(error.message).toMatch(
      new RegExp(`^No Docker daemon answers at DOCKER_HOST=unix://${socket}: .*`)
    )
    expect(error.hint).toMatch(/Start the Docker service/)
  })

  it('gives up on a daemon that accepts connections but never answers', async () => {
    const socket = path.join(scratchDirectory('silent-daemon'), 'docker.sock')
    const connections: Socket[] = []
    const silent = createNetServer((connection) => connections.push(connection))
    await listen(silent, socket)
    try {
      const error = await rejection(
        detectDocker({ env: { ...process.env, DOCKER_HOST: `unix://${socket}` }, timeoutMs: 400 })
      )
      expect(error.message).toBe(
        `No Docker daemon answers at DOCKER_HOST=unix://${socket}: it did not answer within 0.4s.`
      )
    } finally {
      for (const connection of connections) connection.destroy()
      await close(silent)
    }
  })
})

describe('readManifestDigest', () => {
  const digest = `sha256:${'1'.repeat(64)}`
  let server: Server
  let host: string
  const seen: string[] = []

  beforeAll(async () => {
    // A registry that wants a bearer token, like ECR's and most public ones do.
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', `http://${request.headers.host}`)
      seen.push(`${request.method} ${url.pathname}${url.search}`)
      if (url.pathname === '/token') {
        const basic = `Basic ${Buffer.from('robot:pa55').toString('base64')}`
        if (request.headers.authorization !== basic) return response.writeHead(401).end()
        return response.end(JSON.stringify({ token: 'tok-1' }))
      }
      if (request.headers.authorization !== 'Bearer tok-1') {
        response.writeHead(401, {
          'www-authenticate': `Bearer realm="http://${request.headers.host}/token",service="test-registry",scope="repository:team/api:pull"`
        })
        return response.end()
      }
      if (url.pathname === '/v2/team/api/manifests/v1') {
        response.writeHead(200, { 'docker-content-digest': digest })
        return response.end()
      }
      if (url.pathname === '/v2/team/api/manifests/no-header') {
        return response.end('{"schemaVersion":2}')
      }
      if (url.pathname === '/v2/team/api/manifests/get-fails') {
        // HEAD answers without a digest; the GET for the bytes fails with an error page.
        if (request.method === 'HEAD') return response.end()
        response.writeHead(503, { 'content-type': 'text/html' })
        return response.end('<html>Service Unavailable</html>')
      }
      response.writeHead(404).end()
    })
    await listen(server)
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(() => close(server))

  const credentials = { username: 'robot', password: 'pa55' }

  it('answers a bearer challenge with the login and reads Docker-Content-Digest', async () => {
    seen.length = 0
    await expect(
      readManifestDigest({ host, repository: 'team/api', reference: 'v1', credentials })
    ).resolves.toBe(digest)
    expect(seen).toEqual([
      'HEAD /v2/team/api/manifests/v1',
      'GET /token?service=test-registry&scope=repository%3Ateam%2Fapi%3Apull',
      'HEAD /v2/team/api/manifests/v1'
    ])
  })

  it('hashes the manifest when the registry leaves the digest header out', async () => {
    const expected = `sha256:${createHash('sha256').update('{"schemaVersion":2}').digest('hex')}`
    await expect(
      readManifestDigest({ host, repository: 'team/api', reference: 'no-header', credentials })
    ).resolves.toBe(expected)
  })

  it('does not hash an error page into a digest when the GET for the manifest fails', async () => {
    const error = await rejection(
      readManifestDigest({ host, repository: 'team/api', reference: 'get-fails', credentials })
    )
    expect(error.message).toBe(
      `The registry answered HTTP 503 when asked for ${host}/team/api:get-fails.`
    )
  })

  it('returns undefined for a tag the registry does not have', async () => {
    await expect(
      readManifestDigest({ host, repository: 'team/api', reference: 'v2', credentials })
    ).resolves.toBeUndefined()
  })

  it('says the registry refused a token for a wrong login', async () => {
    const error = await rejection(
      readManifestDigest({
        host,
        repository: 'team/api',
        reference: 'v1',
        credentials: { username: 'robot', password: 'wrong' }
      })
    )
    expect(error.message).toMatch(/refused a token to read team\/api \(HTTP 401\)/)
    expect(error.message).not.toContain('wrong')
  })
})

const services = await dockerServicesOrSkip('docker.int.test.ts (login, build, push)')
const describeDocker = services ? describe : describe.skip

function requireServices(): TestServices {
  if (!services) throw new Error('services are required here')
  return services
}

function docker(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('docker', args, (error, stdout, stderr) =>
      error ? reject(new Error(`docker ${args.join(' ')}: ${stderr}`)) : resolve(stdout)
    )
  })
}

describeDocker('a Docker session against the test registry', () => {
  const builtImages: string[] = []

  afterAll(async () => {
    if (builtImages.length > 0)
      await docker('image', 'rm', '--force', ...builtImages).catch(() => '')
  })

  it('logs in with a private config under RUNNER_TEMP and never touches ~/.docker', async () => {
    const { registry } = requireServices()
    const runnerTemp = scratchDirectory('runner-temp')
    const home = scratchDirectory('home')
    const output = captureOutput()
    let configDir: string
    try {
      const session = await createDockerSession(runnerTemp, { env: { ...process.env, HOME: home } })
      configDir = session.configDir
      expect(path.dirname(configDir)).toBe(runnerTemp)
      expect(statSync(configDir).mode & 0o777).toBe(0o700)
      expect(session.env.DOCKER_CONFIG).toBe(configDir)
      await session.login(registry.host, registry.username, registry.password)
      const config = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8')) as {
        auths: Record<string, unknown>
      }
      expect(Object.keys(config.auths)).toEqual([registry.host])
      expect(session.credentialsFor(registry.host)).toEqual({
        username: registry.username,
        password: registry.password
      })
      await session.dispose()
      await session.dispose()
      session.disposeSync()
    } finally {
      output.restore()
    }
    expect(existsSync(configDir)).toBe(false)
    expect(existsSync(path.join(home, '.docker'))).toBe(false)
    expect(linesLeaking(output.text(), registry.password)).toEqual([])
  })

  it.each([
    ['secretservice', []],
    ['pass', ['pass']]
  ])(
    'keeps the login in the private file when the docker CLI would pick docker-credential-%s',
    async (store, extraTools) => {
      // With no login in its config, the docker CLI picks the platform's credential store when
      // its helper is on PATH (on Linux `pass` if that is on PATH, else `secretservice`), and
      // `docker login` would leave the password there after the step.
      const { registry } = requireServices()
      const bin = scratchDirectory('credential-helpers')
      const calls = path.join(bin, 'calls.log')
      const script = [
        '#!/bin/sh',
        `echo "$(basename "$0") $1" >> '${calls}'`,
        'input=$(cat)',
        'case "$1" in',
        `  get) printf '{"ServerURL":"%s","Username":"","Secret":""}' "$input" ;;`,
        "  list) printf '{}' ;;",
        'esac',
        'exit 0',
        ''
      ].join('\n')
      for (const tool of [`docker-credential-${store}`, ...extraTools]) {
        writeFileSync(path.join(bin, tool), script, { mode: 0o755 })
      }
      const home = scratchDirectory('home')
      const session = await createDockerSession(scratchDirectory('runner-temp'), {
        env: { ...process.env, HOME: home, PATH: `${bin}${path.delimiter}${process.env.PATH}` }
      })
      const output = captureOutput()
      let config: { auths: Record<string, { auth?: string }>; credsStore?: string }
      try {
        await session.login(registry.host, registry.username, registry.password)
        config = JSON.parse(
          readFileSync(path.join(session.configDir, 'config.json'), 'utf8')
        ) as typeof config
      } finally {
        output.restore()
        session.disposeSync()
      }
      expect(existsSync(calls) ? readFileSync(calls, 'utf8') : '').toBe('')
      expect(config.credsStore).toBeUndefined()
      expect(Object.keys(config.auths)).toEqual([registry.host])
      expect(config.auths[registry.host]?.auth).toBe(
        Buffer.from(`${registry.username}:${registry.password}`).toString('base64')
      )
    }
  )

  it("builds FROM a registry the job logged in to before the step, leaving the user's config as it was", async () => {
    const services = requireServices()
    const { registry } = services
    // The same registry under another name: docker keeps logins per host name, so the job's own
    // login (localhost:port) and this step's ECR login (127.0.0.1:port) are two different ones.
    const userHost = registry.host.replace(/^127\.0\.0\.1:/, 'localhost:')
    const userConfig = scratchDirectory('user-docker-config')
    const base = `${userHost}/${uniqueName('private-base')}:1`
    const userDocker = (...args: string[]) => docker('--config', userConfig, ...args)
    await new Promise<void>((resolve, reject) => {
      const login = execFile(
        'docker',
        [
          '--config',
          userConfig,
          'login',
          '--username',
          registry.username,
          '--password-stdin',
          userHost
        ],
        (error) =>
          error ? reject(new Error(`docker login ${userHost}: ${error.message}`)) : resolve()
      )
      login.stdin?.end(registry.password)
    })
    // A helper the user set for the step's registry must not be asked to store its login.
    const userFile = path.join(userConfig, 'config.json')
    const withHelper = JSON.parse(readFileSync(userFile, 'utf8')) as Record<string, unknown>
    withHelper.credHelpers = { [registry.host]: 'gib-missing-helper' }
    withHelper.credsStore = 'gib-missing-store'
    writeFileSync(userFile, JSON.stringify(withHelper))
    const userBytes = readFileSync(userFile, 'utf8')
    await userDocker('tag', services.baseImage, base)
    await userDocker('push', base)
    await docker('image', 'rm', base)

    const context = scratchDirectory('private-base-context')
    writeFileSync(path.join(context, 'Dockerfile'), `FROM ${base}\nCOPY Dockerfile /\n`)
    const reference = `${registry.host}/${uniqueName('from-private')}:1`
    builtImages.push(reference, base)
    const output = captureOutput()
    const session = await createDockerSession(scratchDirectory('runner-temp'), {
      env: { ...process.env, DOCKER_CONFIG: userConfig }
    })
    try {
      const privateConfig = JSON.parse(
        readFileSync(path.join(session.configDir, 'config.json'), 'utf8')
      ) as Record<string, unknown>
      expect(Object.keys(privateConfig.auths as object)).toEqual([userHost])
      expect(privateConfig.credsStore).toBeUndefined()
      await session.login(registry.host, registry.username, registry.password)
      await buildAndPush({
        session,
        capabilities: { buildx: false },
        build: { context, network: 'host', tags: [reference] }
      })
    } finally {
      output.restore()
      session.disposeSync()
    }
    expect(output.text()).toContain(`Pushed ${reference}`)
    expect(readFileSync(userFile, 'utf8')).toBe(userBytes)
  })

  it('fails a wrong login clearly, without retrying and without the password', async () => {
    const { registry } = requireServices()
    const retry = recordingRetry()
    const session = await createDockerSession(scratchDirectory('runner-temp'), { retry })
    const output = captureOutput()
    let error: ActionError
    try {
      error = await rejection(session.login(registry.host, registry.username, 'wrong-password-123'))
    } finally {
      output.restore()
      session.disposeSync()
    }
    expect(error.message).toMatch(new RegExp(`^docker login to ${registry.host} failed:\\n`))
    expect(error.message).toMatch(/unauthorized/i)
    expect(error.message).not.toContain('wrong-password-123')
    expect(retry.waits).toEqual([])
    expect(linesLeaking(output.text(), 'wrong-password-123')).toEqual([])
  })

  it('shows the tail of the build output when the build fails', async () => {
    const services = requireServices()
    const context = scratchDirectory('failing-context')
    writeFileSync(
      path.join(context, 'Dockerfile'),
      `FROM ${services.baseImage}\nRUN for i in $(seq 1 40); do echo "build-line-$i"; done; exit 3\n`
    )
    const session = await createDockerSession(scratchDirectory('runner-temp'))
    const output = captureOutput()
    let error: ActionError
    try {
      error = await rejection(
        buildAndPush({
          session,
          capabilities: { buildx: false },
          build: { context, network: 'host', tags: [`${services.registry.host}/broken:1`] }
        })
      )
    } finally {
      output.restore()
      session.disposeSync()
    }
    expect(error.message).toMatch(/^docker build failed\. The last lines of its output:\n/)
    expect(error.message).toContain('build-line-40')
    expect(error.message).toMatch(/returned a non-zero code: 3/)
    expect(error.message).not.toMatch(/build-line-5\b/)
    expect(error.message.split('\n').length).toBeLessThanOrEqual(21)
    expect(output.text()).toContain('build-line-1\n')
  })

  it('retries a push the registry fails transiently, and reads the digest back', async () => {
    const services = requireServices()
    const { registry } = services
    // A proxy in front of the registry that answers 503 to the first manifest upload.
    let failures = 1
    const proxy = createServer((request, response) => {
      if (request.method === 'PUT' && /\/manifests\//.test(request.url ?? '') && failures > 0) {
        failures -= 1
        request.resume()
        response.writeHead(503, { 'content-type': 'application/json' })
        return response.end('{"errors":[{"code":"UNAVAILABLE","message":"service unavailable"}]}')
      }
      const [hostname, port] = registry.host.split(':')
      const upstream = httpRequest(
        { hostname, port, method: request.method, path: request.url, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(response)
        }
      )
      request.pipe(upstream)
    })
    await listen(proxy)
    const proxyHost = `127.0.0.1:${(proxy.address() as AddressInfo).port}`
    const repository = uniqueName('flaky')
    const reference = `${proxyHost}/${repository}:1`
    builtImages.push(reference)
    const retry = recordingRetry()
    const session = await createDockerSession(scratchDirectory('runner-temp'), { retry })
    const output = captureOutput()
    let pushed: { digest: string }
    try {
      await session.login(proxyHost, registry.username, registry.password)
      pushed = await buildAndPush({
        session,
        retry,
        capabilities: { buildx: false },
        build: {
          context: path.resolve('__tests__/fixtures/app-context'),
          network: 'host',
          buildArgs: { BASE_IMAGE: services.baseImage },
          tags: [reference]
        }
      })
    } finally {
      output.restore()
      session.disposeSync()
      await close(proxy)
    }
    expect(failures).toBe(0)
    expect(retry.waits).toEqual([1000])
    expect(output.text()).toMatch(/docker push .* failed \(attempt 1 of 3\); retrying in 1s/)
    expect(pushed.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect((await registryManifest(services, repository, '1')).digest).toBe(pushed.digest)
  })

  it('does not retry a push the registry refuses, and says why', async () => {
    const services = requireServices()
    const reference = `${services.registry.host}/${uniqueName('refused')}:1`
    builtImages.push(reference)
    const retry = recordingRetry()
    const session = await createDockerSession(scratchDirectory('runner-temp'), { retry })
    const output = captureOutput()
    let error: ActionError
    try {
      // No login: the registry answers 401 to the push.
      error = await rejection(
        buildAndPush({
          session,
          retry,
          capabilities: { buildx: false },
          build: {
            context: path.resolve('__tests__/fixtures/app-context'),
            network: 'host',
            buildArgs: { BASE_IMAGE: services.baseImage },
            tags: [reference]
          }
        })
      )
    } finally {
      output.restore()
      session.disposeSync()
    }
    expect(error.message).toMatch(new RegExp(`^docker push ${reference} failed:\\n`))
    expect(error.hint).toMatch(/ecr:PutImage/)
    expect(retry.waits).toEqual([])
  })

  it('builds and pushes with buildx when the user has the plugin, reading the digest back', async () => {
    const services = requireServices()
    const { registry } = services
    // buildx cannot be installed here; a stand-in plugin (see the script) takes its place where
    // docker/setup-buildx-action puts it, in the user's ~/.docker/cli-plugins.
    const home = scratchDirectory('home-buildx')
    mkdirSync(path.join(home, '.docker', 'cli-plugins'), { recursive: true })
    const plugin = path.join(home, '.docker', 'cli-plugins', 'docker-buildx')
    copyFileSync(path.resolve('__tests__/support/docker-buildx-stand-in.sh'), plugin)
    const repository = uniqueName('buildx')
    builtImages.push(`${registry.host}/${repository}:1`)
    const session = await createDockerSession(scratchDirectory('runner-temp'), {
      env: { ...process.env, HOME: home }
    })
    const output = captureOutput()
    let published
    try {
      expect((await detectDocker({ env: session.env })).buildx).toBe(true)
      await session.login(registry.host, registry.username, registry.password)
      published = await publishImage({
        session,
        repositoryUri: `${registry.host}/${repository}`,
        tag: '1',
        build: {
          context: path.resolve('__tests__/fixtures/app-context'),
          network: 'host',
          provenance: 'false',
          buildArgs: { BASE_IMAGE: services.baseImage }
        }
      })
    } finally {
      output.restore()
      session.disposeSync()
    }
    expect(output.text()).toMatch(
      /\[command\]\S*docker buildx build --push --metadata-file \S*build-metadata\.json --tag /
    )
    expect(output.text()).toContain('buildx stand-in: building')
    expect(output.text()).not.toMatch(/but the registry holds/)
    expect(published.built).toBe(true)
    expect(published.digest).toBe((await registryManifest(services, repository, '1')).digest)
    expect(existsSync(path.join(home, '.docker', 'config.json'))).toBe(false)
  })
})

describeDocker("the classic builder's labels, set in one step", () => {
  const builtImages: string[] = []
  const repository = uniqueName('labels')
  let session: DockerSession

  beforeAll(async () => {
    const { registry } = requireServices()
    session = await createDockerSession(scratchDirectory('runner-temp'))
    const output = captureOutput()
    try {
      await session.login(registry.host, registry.username, registry.password)
    } finally {
      output.restore()
    }
  })

  afterAll(async () => {
    session.disposeSync()
    if (builtImages.length > 0)
      await docker('image', 'rm', '--force', ...builtImages).catch(() => '')
  })

  /** Builds and pushes with the classic builder; returns the reference and what docker printed. */
  async function build(
    tag: string,
    options: Omit<BuildOptions, 'tags'>
  ): Promise<{ reference: string; output: string }> {
    const reference = `${requireServices().registry.host}/${repository}:${tag}`
    builtImages.push(reference)
    const output = captureOutput()
    try {
      await buildAndPush({
        session,
        capabilities: { buildx: false },
        build: { network: 'host', ...options, tags: [reference] }
      })
    } finally {
      output.restore()
    }
    return { reference, output: output.text() }
  }

  const inspect = async (reference: string, format: string): Promise<unknown> =>
    JSON.parse(await docker('image', 'inspect', '--format', `{{json ${format}}}`, reference))

  const appContext = () => ({
    context: path.resolve('__tests__/fixtures/app-context'),
    buildArgs: { BASE_IMAGE: requireServices().baseImage }
  })
  const source = {
    url: 'https://github.com/acme/myapp',
    revision: 'abc1234def5678900000000000000000000000ff',
    created: '2026-11-27T07:00:00Z'
  }

  it('reads back every label exactly as given, hostile values included, in one label step', async () => {
    const labels = {
      quotes: `say "hi" and 'bye'`,
      backslashes: 'C:\\dir\\ and \\" and a trailing \\',
      home: '$HOME',
      braces: '${X} ${X:-fallback} $$',
      spaces: '  two  spaces around  ',
      unicode: 'ünïcødé € 😀 中文',
      equals: 'a=b=c',
      empty: '',
      controls: 'tab\there, carriage\rreturn, `backtick` #hash',
      'org.opencontainers.image.source': 'https://example.com/mirror of "myapp"'
    }
    const { reference, output } = await build('hostile', { ...appContext(), labels, source })
    expect(await inspect(reference, '.Config.Labels')).toEqual({
      ...labels,
      'org.opencontainers.image.revision': source.revision,
      'org.opencontainers.image.created': source.created
    })
    expect(output.match(/^Step \d+\/\d+ : LABEL /gm)).toHaveLength(1)
    expect(output).toMatch(/\[command\]\S*docker build --force-rm --iidfile \S+image-id /)
    expect(output).toMatch(
      new RegExp(`\\[command\\]\\S*docker build --force-rm --tag ${reference} -`)
    )
  })

  it('rebuilds the same commit as a full cache hit: every step, the label step included', async () => {
    const first = await build('rebuild-1', { ...appContext(), labels: { team: 'x' }, source })
    const second = await build('rebuild-2', { ...appContext(), labels: { team: 'x' }, source })
    expect(await inspect(second.reference, '.Id')).toBe(await inspect(first.reference, '.Id'))
    expect(second.output).not.toMatch(/Running in/)
    expect(second.output).toMatch(/Step 2\/2 : LABEL [^\n]*\n ---> Using cache/)
  })

  it('labels the target stage of a multi-stage Dockerfile', async () => {
    const context = scratchDirectory('multi-stage')
    writeFileSync(
      path.join(context, 'Dockerfile'),
      [
        'ARG BASE_IMAGE',
        'FROM ${BASE_IMAGE} AS tools',
        'ENV STAGE=tools',
        'FROM ${BASE_IMAGE} AS final',
        'ENV STAGE=final',
        ''
      ].join('\n')
    )
    const { reference } = await build('target', {
      context,
      buildArgs: { BASE_IMAGE: requireServices().baseImage },
      target: 'tools',
      labels: { team: 'x' },
      source
    })
    expect(await inspect(reference, '.Config.Env')).toContain('STAGE=tools')
    expect(await inspect(reference, '.Config.Labels')).toEqual({
      'org.opencontainers.image.source': source.url,
      'org.opencontainers.image.revision': source.revision,
      'org.opencontainers.image.created': source.created,
      team: 'x'
    })
  })
})
