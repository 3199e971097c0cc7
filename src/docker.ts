/**
 * The Docker half of the image step: an isolated login, the build (buildx or the classic builder),
 * the push with retries, and the pushed digest read back from the registry.
 *
 * Every command runs with a private `DOCKER_CONFIG` under `RUNNER_TEMP`, so the registry password
 * never lands in the user's `~/.docker`, and the directory is removed when the action ends.
 */
import * as core from './core.js'
import * as exec from '@actions/exec'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { accessSync, constants, existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { nodeFetch } from './node-fetch.js'
import { ActionError, errorMessage } from './errors.js'
import { parseImageReference } from './image-reference.js'

/** What the local Docker can do. */
export interface DockerCapabilities {
  /** `docker buildx` is installed: build and push in one step, with attestations and caches. */
  readonly buildx: boolean
}

export interface DockerInfo extends DockerCapabilities {
  /** Version of the daemon that answered. */
  readonly serverVersion: string
}

/** OCI annotations describing where the image comes from. */
export interface ImageSource {
  /** `org.opencontainers.image.source`, e.g. `https://github.com/acme/myapp`. */
  readonly url?: string
  /** `org.opencontainers.image.revision`: the commit sha. */
  readonly revision?: string
  /** `org.opencontainers.image.created`: an RFC 3339 time. */
  readonly created?: string
}

/** One build, already resolved to paths and full image references. */
export interface BuildOptions {
  /** Build context directory. */
  readonly context: string
  /** Dockerfile path; absent or '' means `<context>/Dockerfile`. */
  readonly dockerfile?: string
  /** Full references to tag and push, e.g. `<registry>/<repository>:<tag>`; at least one. */
  readonly tags: readonly string[]
  readonly buildArgs?: Readonly<Record<string, string>>
  /** Labels; they win over the OCI labels derived from `source`. */
  readonly labels?: Readonly<Record<string, string>>
  readonly target?: string
  /** `--network` for `RUN` steps, e.g. `host`. */
  readonly network?: string
  /** Target platforms; the classic builder takes one at most. */
  readonly platforms?: readonly string[]
  /** Cache sources: `type=registry,ref=…` for buildx, plain image references for the classic builder. */
  readonly cacheFrom?: readonly string[]
  /** Cache exports; buildx only. */
  readonly cacheTo?: readonly string[]
  /** buildx `--provenance` value, e.g. `false`, `mode=max`; '' means the builder default. */
  readonly provenance?: string
  /** buildx `--sbom` value, e.g. `true`, `false`; '' means the builder default. */
  readonly sbom?: string
  readonly source?: ImageSource
  /** buildx only: where `--metadata-file` writes the build result. */
  readonly metadataFile?: string
  /** Classic builder only: where `--iidfile` writes the id of the image built before labelling. */
  readonly imageIdFile?: string
}

export interface RegistryCredentials {
  readonly username: string
  readonly password: string
}

/** Waits; injected so tests never sleep. */
export type Sleep = (milliseconds: number) => Promise<void>

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number
  /** Delay before the second attempt; it doubles for each one after. */
  readonly baseDelayMs: number
  readonly sleep: Sleep
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 2000,
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds))
}

/** Lines of command output kept for error messages. */
const TAIL_LINES = 20
const OCI_LABELS: Record<keyof ImageSource, string> = {
  url: 'org.opencontainers.image.source',
  revision: 'org.opencontainers.image.revision',
  created: 'org.opencontainers.image.created'
}

const NO_BUILDX_HINT =
  'Add docker/setup-buildx-action before this step, or leave the input empty for the classic builder.'

/**
 * Throws the ActionError of a build setting this builder cannot honour; buildx honours them all.
 * The classic builder takes one platform, image references as caches, no cache export, no
 * attestation, and labels a Dockerfile `LABEL` can carry. Pure; the image step calls it once
 * Docker has answered, before anything is created in ECR, and `buildAndPush` before it runs
 * anything.
 */
export function checkBuildable(
  options: Omit<BuildOptions, 'tags'>,
  capabilities: DockerCapabilities
): void {
  if (capabilities.buildx) return
  const platforms = options.platforms ?? []
  const cacheFrom = options.cacheFrom ?? []
  const cacheTo = options.cacheTo ?? []
  const provenance = options.provenance ?? ''
  const sbom = options.sbom ?? ''
  if (platforms.length > 1) {
    throw new ActionError(
      `platforms lists ${platforms.length} platforms (${platforms.join(', ')}), which needs docker buildx; this runner only has the classic builder.`,
      { hint: NO_BUILDX_HINT.replace('the input empty', 'one platform') }
    )
  }
  const cacheExpression = cacheFrom.find((source) => source.includes('='))
  if (cacheExpression !== undefined) {
    throw new ActionError(
      `cache-from "${cacheExpression}" needs docker buildx; the classic builder takes only image references.`,
      { hint: NO_BUILDX_HINT }
    )
  }
  if (cacheTo.length > 0) {
    throw new ActionError(
      'cache-to needs docker buildx; the classic builder cannot export a cache.',
      {
        hint: NO_BUILDX_HINT
      }
    )
  }
  // The classic builder makes no attestations, so only a request for one is a problem.
  for (const [input, value] of [
    ['provenance', provenance],
    ['sbom', sbom]
  ]) {
    if (value !== '' && value !== 'false') {
      throw new ActionError(
        `${input} "${value}" needs docker buildx; the classic builder makes no attestations.`,
        { hint: NO_BUILDX_HINT }
      )
    }
  }
  labelInstruction(options)
}

/**
 * The argv (after `docker`) that builds the image: `buildx build --push` when buildx is present,
 * tags and labels included. Else the classic `build` of the image without tags or labels, its id
 * written to `imageIdFile`; `labelArgs` and `labelInstruction` then label and tag it in one step,
 * and `pushArgs` pushes. Pure, and it checks nothing: `buildAndPush` refuses an empty tag list
 * and, through `checkBuildable`, a setting the classic builder cannot honour before it runs this.
 */
export function buildArgs(options: BuildOptions, capabilities: DockerCapabilities): string[] {
  const { buildx } = capabilities
  const platforms = options.platforms ?? []
  const cacheFrom = options.cacheFrom ?? []
  const cacheTo = options.cacheTo ?? []
  const provenance = options.provenance ?? ''
  const sbom = options.sbom ?? ''

  // --force-rm: the classic builder otherwise leaves a failed step's container behind, which
  // piles up on self-hosted runners.
  const args = buildx ? ['buildx', 'build', '--push'] : ['build', '--force-rm']
  if (buildx && options.metadataFile) args.push('--metadata-file', options.metadataFile)
  if (!buildx && options.imageIdFile) args.push('--iidfile', options.imageIdFile)
  if (options.dockerfile) args.push('--file', options.dockerfile)
  if (buildx) for (const tag of options.tags) args.push('--tag', tag)
  if (options.target) args.push('--target', options.target)
  if (options.network) args.push('--network', options.network)
  if (platforms.length > 0) args.push('--platform', platforms.join(','))
  for (const source of cacheFrom) args.push('--cache-from', source)
  if (buildx) {
    for (const destination of cacheTo) args.push('--cache-to', destination)
    if (provenance !== '') args.push(`--provenance=${provenance}`)
    if (sbom !== '') args.push(`--sbom=${sbom}`)
  }
  for (const [key, value] of Object.entries(options.buildArgs ?? {})) {
    args.push('--build-arg', `${key}=${value}`)
  }
  if (buildx) {
    for (const [key, value] of Object.entries(imageLabels(options))) {
      args.push('--label', `${key}=${value}`)
    }
  }
  args.push(options.context)
  return args
}

/**
 * The argv (after `docker`) of the classic builder's label step: a build with no context whose
 * Dockerfile comes from stdin (`FROM <image id>` and `labelInstruction`), tagging the result.
 */
export function labelArgs(options: BuildOptions): string[] {
  const args = ['build', '--force-rm']
  for (const tag of options.tags) args.push('--tag', tag)
  // The same platform as the build, so FROM finds the image it made.
  const platforms = options.platforms ?? []
  if (platforms.length > 0) args.push('--platform', platforms.join(','))
  args.push('-')
  return args
}

/** The longest line the Dockerfile parser reads. */
const DOCKERFILE_LINE_LIMIT = 65_535

/**
 * One `LABEL` instruction holding every label, one `"key"="value"` a line, or '' when there is no
 * label. `docker build --label` makes one build step per label, and on the classic builder each
 * step costs a container and a commit; one instruction costs one step. Each word is quoted and `\`,
 * `"` and `$` escaped, so the labels read back exactly. Pure; throws an ActionError naming the
 * `labels` input for a label a Dockerfile cannot carry.
 */
export function labelInstruction(options: Pick<BuildOptions, 'labels' | 'source'>): string {
  const lines = Object.entries(imageLabels(options)).map(([key, value]) => {
    const problem = labelProblem(key, value)
    if (problem !== undefined) {
      throw new ActionError(
        `labels: the label ${JSON.stringify(key)} ${problem}, which the classic builder cannot set: it labels the image through a Dockerfile LABEL.`,
        {
          hint: 'Change that label in the `labels` input, or add docker/setup-buildx-action before this step (buildx sets labels without a Dockerfile).'
        }
      )
    }
    return `${dockerfileWord(key)}=${dockerfileWord(value)}`
  })
  if (lines.length === 0) return ''
  return `LABEL ${lines.join(' \\\n      ')}\n`
}

function labelProblem(key: string, value: string): string | undefined {
  if (key.includes('=')) return 'has "=" in its name'
  for (const [what, text] of [
    ['name', key],
    ['value', value]
  ]) {
    if (/[\n\0]/.test(text))
      return `has a ${text.includes('\0') ? 'NUL' : 'line break'} in its ${what}`
    // In a u-flag pattern a surrogate pair is one code point: only a lone surrogate matches.
    if (/[\uD800-\uDFFF]/u.test(text)) return `has a lone UTF-16 surrogate in its ${what}`
  }
  const line = `      ${dockerfileWord(key)}=${dockerfileWord(value)} \\`
  if (Buffer.byteLength(line) > DOCKERFILE_LINE_LIMIT) {
    return `is longer than a Dockerfile line may be (${DOCKERFILE_LINE_LIMIT} bytes)`
  }
  return undefined
}

/** A double-quoted Dockerfile word: inside quotes only `\`, `"` and `$` are special. */
function dockerfileWord(text: string): string {
  return `"${text.replace(/[\\"$]/g, (character) => `\\${character}`)}"`
}

/** The argv (after `docker`) that pushes one reference built by the classic builder. */
export function pushArgs(reference: string): string[] {
  return ['push', reference]
}

/** The OCI source labels, overridden by the user's labels of the same name. */
function imageLabels(options: Pick<BuildOptions, 'labels' | 'source'>): Record<string, string> {
  const labels: Record<string, string> = {}
  const source = options.source ?? {}
  for (const field of Object.keys(OCI_LABELS) as (keyof ImageSource)[]) {
    const value = source[field]
    if (value) labels[OCI_LABELS[field]] = value
  }
  return { ...labels, ...options.labels }
}

export interface DetectDockerOptions {
  /** Environment of the docker commands (default: this process's). */
  readonly env?: NodeJS.ProcessEnv
  /** How long the daemon may take to answer (default 30 s). */
  readonly timeoutMs?: number
}

/**
 * Checks that `docker` is on PATH and that a daemon answers, and whether buildx is installed.
 * Throws an ActionError saying what to fix.
 */
export async function detectDocker(options: DetectDockerOptions = {}): Promise<DockerInfo> {
  const env = options.env ?? process.env
  const timeoutMs = options.timeoutMs ?? 30_000
  const docker = findExecutable('docker', env.PATH ?? '')
  if (docker === undefined) throw dockerNotFound()
  // Both at once: each is a process start, and the buildx answer is only used if a daemon answers.
  const [version, buildx] = await Promise.all([
    probe(docker, ['version', '--format', '{{.Server.Version}}'], env, timeoutMs),
    probe(docker, ['buildx', 'version'], env, timeoutMs)
  ])
  const serverVersion = version.stdout.trim()
  if (version.timedOut || version.exitCode !== 0 || serverVersion === '') {
    const where = env.DOCKER_HOST ? `DOCKER_HOST=${env.DOCKER_HOST}` : 'the default Docker socket'
    const why = version.timedOut
      ? `it did not answer within ${Math.round(timeoutMs / 100) / 10}s`
      : lastLines(`${version.stderr}\n${version.stdout}`, 3).join(' ') || 'no version reported'
    throw new ActionError(`No Docker daemon answers at ${where}: ${why}.`, {
      hint: 'Start the Docker service on the runner (GitHub-hosted Linux runners have one), or point DOCKER_HOST at a running daemon; to skip building, set `image` to promote an existing image.'
    })
  }
  return { serverVersion, buildx: !buildx.timedOut && buildx.exitCode === 0 }
}

interface DockerConfigFile {
  auths: Record<string, unknown>
  credHelpers?: Record<string, string>
  cliPluginsExtraDirs?: string[]
}

/**
 * The registry logins of the user's Docker config that a private config can carry: `auths` (what
 * `docker login` and docker/login-action write) and the per-registry `credHelpers`. Not
 * `credsStore`: with it, this step's own login would be written to the user's credential store,
 * outliving the step. An unreadable or malformed file gives no logins (and a debug line).
 */
export function inheritedLogins(file: string): Pick<DockerConfigFile, 'auths' | 'credHelpers'> {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      core.debug(`Not using the logins of ${file}: ${errorMessage(error)}`)
    }
    return { auths: {} }
  }
  const record = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  const user = record(parsed)
  const credHelpers = Object.fromEntries(
    Object.entries(record(user.credHelpers)).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string'
    )
  )
  return {
    auths: { ...record(user.auths) },
    ...(Object.keys(credHelpers).length > 0 ? { credHelpers } : {})
  }
}

function dockerNotFound(): ActionError {
  return new ActionError('`docker` is not on PATH, so the image cannot be built or pushed.', {
    hint: 'Run the job on a runner with Docker (e.g. ubuntu-latest) or install it in an earlier step; to skip building, set `image` to promote an existing image.'
  })
}

function findExecutable(name: string, searchPath: string): string | undefined {
  for (const directory of searchPath.split(path.delimiter)) {
    if (directory === '') continue
    const candidate = path.join(directory, name)
    try {
      accessSync(candidate, constants.X_OK)
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // Not in this directory; keep looking.
    }
  }
  return undefined
}

interface ProbeResult {
  exitCode: number
  stdout: string
  stderr: string
  timedOut: boolean
}

/**
 * Runs a quick read-only docker command with a deadline. Not @actions/exec: it cannot time out,
 * and a daemon socket that accepts but never answers would hang the job.
 */
function probe(
  docker: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(
      docker,
      args,
      { env, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const failure = error as
          (NodeJS.ErrnoException & { killed?: boolean; code?: unknown }) | null
        resolve({
          exitCode: failure === null ? 0 : typeof failure.code === 'number' ? failure.code : 1,
          stdout,
          stderr: failure !== null && stderr === '' ? failure.message : stderr,
          timedOut: failure?.killed === true
        })
      }
    )
  })
}

/** A private Docker configuration for one run of the action. */
export interface DockerSession {
  /** The private `DOCKER_CONFIG` directory (mode 700) under `RUNNER_TEMP`. */
  readonly configDir: string
  /** Environment for docker commands: this process's, with `DOCKER_CONFIG` pointing at `configDir`. */
  readonly env: Readonly<Record<string, string>>
  /** `docker login`; the password goes through stdin and is masked in the log. */
  login(host: string, username: string, password: string): Promise<void>
  /** Credentials given to `login` for `host`, for the registry API. */
  credentialsFor(host: string): RegistryCredentials | undefined
  /** Removes `configDir`; safe to call twice. */
  dispose(): Promise<void>
  /** Removes `configDir` synchronously, e.g. from a signal handler; safe to call twice. */
  disposeSync(): void
}

export interface DockerSessionOptions {
  /** Base environment (default: this process's). */
  readonly env?: NodeJS.ProcessEnv
  /** Retries of a login that fails for a transient reason. */
  readonly retry?: Partial<RetryPolicy>
}

/**
 * Creates the private Docker config directory. It is removed by `dispose()`, and in any case when
 * the process exits.
 */
export async function createDockerSession(
  runnerTemp: string,
  options: DockerSessionOptions = {}
): Promise<DockerSession> {
  const baseEnv = options.env ?? process.env
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const parent = runnerTemp || os.tmpdir()
  const configDir = await mkdtemp(path.join(parent, 'gitops-image-bump-docker-')).catch(
    (error: unknown) => {
      throw new ActionError(
        `Cannot create a private Docker config under ${parent}: ${errorMessage(error)}.`,
        {
          hint: 'RUNNER_TEMP must be a writable directory; the runner sets it.',
          cause: error
        }
      )
    }
  )
  // The user's own docker config is read, never written: its plugins, its buildx builders, and
  // the logins the job made before this step (docker/login-action for a base image's registry).
  const userConfig = baseEnv.DOCKER_CONFIG || path.join(baseEnv.HOME || os.homedir(), '.docker')
  const userPlugins = path.join(userConfig, 'cli-plugins')
  const config: DockerConfigFile = { ...inheritedLogins(path.join(userConfig, 'config.json')) }
  if (existsSync(userPlugins)) config.cliPluginsExtraDirs = [userPlugins]
  const configFile = path.join(configDir, 'config.json')
  const writeConfig = () =>
    writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 })
  await writeConfig()

  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(baseEnv)) if (value !== undefined) env[key] = value
  env.DOCKER_CONFIG = configDir
  // buildx keeps its builders next to the config; keep the one docker/setup-buildx-action chose.
  if (!env.BUILDX_CONFIG && existsSync(path.join(userConfig, 'buildx'))) {
    env.BUILDX_CONFIG = path.join(userConfig, 'buildx')
  }

  const credentials = new Map<string, RegistryCredentials>()
  let disposed = false
  const disposeSync = () => {
    if (disposed) return
    disposed = true
    credentials.clear()
    process.removeListener('exit', disposeSync)
    rmSync(configDir, { recursive: true, force: true })
  }

  const session: DockerSession = {
    configDir,
    env,
    async login(host, username, password) {
      core.setSecret(password)
      // A helper the user set for this host (amazon-ecr-credential-helper, say) would be asked
      // to store the password, and most cannot: this login goes into the private file.
      // And a config with no login at all lets the docker CLI pick the platform's default store
      // (docker-credential-secretservice or -pass on Linux, when on PATH), which would keep the
      // password after the step: an entry for the host, even empty, keeps it in the file.
      let changed = false
      if (config.credHelpers?.[host] !== undefined) {
        delete config.credHelpers[host]
        changed = true
      }
      if (config.auths[host] === undefined) {
        config.auths[host] = {}
        changed = true
      }
      if (changed) await writeConfig()
      const args = [
        '--config',
        configDir,
        'login',
        '--username',
        username,
        '--password-stdin',
        host
      ]
      await withRetry(`docker login ${host}`, retry, async () => {
        const result = await runDocker(args, { env, input: Buffer.from(password), silent: true })
        return { ok: result.exitCode === 0, output: result.lines }
      }).catch((error: unknown) => {
        if (!(error instanceof CommandFailure)) throw error
        throw new ActionError(
          `docker login to ${host} failed${attemptsText(error.attempts)}:\n${tail(error.output)}`,
          {
            hint: 'Check that the registry host is reachable from the runner and that the AWS role may call ecr:GetAuthorizationToken.'
          }
        )
      })
      credentials.set(host, { username, password })
      core.info(`Logged in to ${host} with a private Docker config (${configDir}).`)
    },
    credentialsFor: (host) => credentials.get(host),
    dispose: () => Promise.resolve(disposeSync()),
    disposeSync
  }
  process.once('exit', disposeSync)
  return session
}

/** A command that failed for good, with its output. */
class CommandFailure extends Error {
  constructor(
    readonly output: string[],
    readonly attempts: number
  ) {
    super('command failed')
  }
}

function attemptsText(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : ''
}

/**
 * Runs `attempt` until it succeeds, retrying with doubling delays while its output looks
 * transient. Throws CommandFailure with the last output.
 */
async function withRetry(
  what: string,
  retry: RetryPolicy,
  attempt: () => Promise<{ ok: boolean; output: string[] }>,
  isTransient: (output: string) => boolean = isTransientRegistryFailure
): Promise<string[]> {
  for (let number = 1; ; number++) {
    const result = await attempt()
    if (result.ok) return result.output
    if (number >= retry.attempts || !isTransient(result.output.join('\n'))) {
      throw new CommandFailure(result.output, number)
    }
    const delay = retry.baseDelayMs * 2 ** (number - 1)
    core.warning(
      `${what} failed (attempt ${number} of ${retry.attempts}); retrying in ${delay / 1000}s: ${lastLines(result.output.join('\n'), 1).join('')}`
    )
    await retry.sleep(delay)
  }
}

const PERMANENT_FAILURE =
  /denied|unauthorized|authentication required|no basic auth credentials|name unknown|manifest invalid|tag invalid|immutable|already exists|not found|no such host/i
const TRANSIENT_FAILURE =
  /connection reset|connection refused|broken pipe|i\/o timeout|timeout|timed out|tls handshake|unexpected eof|\beof\b|50[0234]\b|internal server error|bad gateway|service unavailable|gateway timeout|toomanyrequests|too many requests|\b429\b|temporar/i

/** Whether a registry command's output describes a failure worth retrying. */
export function isTransientRegistryFailure(output: string): boolean {
  return !PERMANENT_FAILURE.test(output) && TRANSIENT_FAILURE.test(output)
}

/**
 * Whether a failed `buildx build --push` failed while pushing, for a transient reason. A build
 * step that fails is never retried, even when its own output mentions a timeout.
 */
export function isTransientBuildxPushFailure(output: string): boolean {
  const ending = lastLines(output, 10).join('\n')
  return /failed to push|error pushing|failed to copy|failed commit on ref/i.test(ending)
    ? isTransientRegistryFailure(ending)
    : false
}

interface RunResult {
  exitCode: number
  /** The last lines of stdout and stderr, interleaved as they came. */
  lines: string[]
}

/** Runs docker through @actions/exec, keeping the tail of its output for error messages. */
async function runDocker(
  args: string[],
  options: { env: Readonly<Record<string, string>>; input?: Buffer; silent?: boolean }
): Promise<RunResult> {
  const lines: string[] = []
  const partial = { stdout: '', stderr: '' }
  const collect = (stream: 'stdout' | 'stderr') => (data: Buffer) => {
    const parts = (partial[stream] + data.toString('utf8')).split(/\r?\n/)
    partial[stream] = parts.pop() ?? ''
    lines.push(...parts)
    if (lines.length > 200) lines.splice(0, lines.length - 200)
  }
  let exitCode: number
  try {
    exitCode = await exec.exec('docker', args, {
      env: { ...options.env },
      input: options.input,
      silent: options.silent,
      ignoreReturnCode: true,
      listeners: { stdout: collect('stdout'), stderr: collect('stderr') }
    })
  } catch (error) {
    if (/Unable to locate executable file/.test(errorMessage(error))) throw dockerNotFound()
    throw error
  }
  for (const rest of [partial.stdout, partial.stderr]) if (rest !== '') lines.push(rest)
  return { exitCode, lines }
}

function lastLines(text: string, count: number): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-count)
}

function tail(lines: string[]): string {
  return lastLines(lines.join('\n'), TAIL_LINES)
    .map((line) => `  ${line}`)
    .join('\n')
}

export interface PublishImageOptions {
  readonly session: DockerSession
  /** Repository URI, `<registry host>/<repository>`. */
  readonly repositoryUri: string
  readonly tag: string
  /** How to build; the references and the metadata file are filled in. */
  readonly build: Omit<BuildOptions, 'tags' | 'metadataFile'>
  /** What the local Docker can do (default: detected). */
  readonly capabilities?: DockerCapabilities
  readonly retry?: Partial<RetryPolicy>
}

export interface PublishedImage {
  /** `<repositoryUri>:<tag>`. */
  readonly image: string
  /** Manifest (or index) digest, as the registry reports it. */
  readonly digest: string
  /** False when the tag already existed and its image was reused. */
  readonly built: boolean
}

/**
 * Builds and pushes `<repositoryUri>:<tag>` and reads its digest back from the registry. Whether
 * the tag already exists (and is reused, `reusedImage`) is the caller's question.
 */
export async function publishImage(options: PublishImageOptions): Promise<PublishedImage> {
  const image = `${options.repositoryUri}:${options.tag}`
  const { digest } = await buildAndPush({ ...options, build: { ...options.build, tags: [image] } })
  return { image, digest, built: true }
}

/** The image already behind its tag, reused as it is: nothing is built or pushed. */
export function reusedImage(image: string, digest: string): PublishedImage {
  core.info(
    `${image} already exists (${digest}); reusing it instead of building again (a re-run, or a tag pushed before).`
  )
  return { image, digest, built: false }
}

export interface BuildAndPushOptions {
  readonly session: DockerSession
  readonly build: Omit<BuildOptions, 'metadataFile'>
  readonly capabilities?: DockerCapabilities
  readonly retry?: Partial<RetryPolicy>
}

/**
 * Builds the image, pushes every reference, and returns the digest of the first one as the
 * registry reports it (never only what docker printed). An empty tag list, or a setting this
 * builder cannot honour (`checkBuildable`), is refused before anything runs.
 */
export async function buildAndPush(options: BuildAndPushOptions): Promise<{ digest: string }> {
  const { session } = options
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const capabilities = options.capabilities ?? (await detectDocker({ env: session.env }))
  const reference = options.build.tags[0]
  if (reference === undefined) {
    throw new ActionError('There is no image reference to build: the tag list is empty.')
  }
  checkBuildable(options.build, capabilities)
  let reported: string | undefined
  if (capabilities.buildx) {
    const metadataFile = path.join(session.configDir, 'build-metadata.json')
    const args = buildArgs({ ...options.build, metadataFile }, capabilities)
    await withRetry(
      'docker buildx build --push',
      retry,
      async () => {
        const result = await runDocker(args, { env: session.env })
        return { ok: result.exitCode === 0, output: result.lines }
      },
      isTransientBuildxPushFailure
    ).catch((error: unknown) => {
      throw buildFailure('docker buildx build', error)
    })
    reported = await readMetadataDigest(metadataFile)
  } else {
    const imageIdFile = path.join(session.configDir, 'image-id')
    const args = buildArgs({ ...options.build, imageIdFile }, capabilities)
    const labels = labelInstruction(options.build)
    // Without buildx, DOCKER_BUILDKIT=1 in the job would make `docker build` refuse to run.
    const env = { ...session.env, DOCKER_BUILDKIT: '0' }
    const result = await runDocker(args, { env })
    if (result.exitCode !== 0)
      throw buildFailure('docker build', new CommandFailure(result.lines, 1))
    const dockerfile = `FROM ${await readImageId(imageIdFile)}\n${labels}`
    const labelled = await runDocker(labelArgs(options.build), {
      env,
      input: Buffer.from(dockerfile)
    })
    if (labelled.exitCode !== 0) {
      throw new ActionError(
        `docker build of the label step failed. The last lines of its output:\n${tail(labelled.lines)}`,
        {
          hint: 'The image built; labelling it failed. Check the `labels` input and the Docker daemon (the full output is in the log above).'
        }
      )
    }
    for (const tag of options.build.tags) {
      const output = await withRetry(`docker push ${tag}`, retry, async () => {
        const push = await runDocker(pushArgs(tag), { env: session.env })
        return { ok: push.exitCode === 0, output: push.lines }
      }).catch((error: unknown) => {
        throw pushFailure(tag, error)
      })
      if (tag === reference) reported = /digest: (sha256:[0-9a-f]{64})/.exec(output.join('\n'))?.[1]
    }
  }

  const { host, repository, tag } = splitReference(reference)
  const digest = await readManifestDigest({
    host,
    repository,
    reference: tag,
    credentials: session.credentialsFor(host)
  })
  if (digest === undefined) {
    throw new ActionError(`${reference} was pushed, but the registry does not list it.`, {
      hint: 'Re-run the job; if it persists, check the registry for a lifecycle rule that removes new images.'
    })
  }
  if (reported !== undefined && reported !== digest) {
    core.warning(
      `docker reported ${reported} for ${reference}, but the registry holds ${digest}; using the registry's.`
    )
  }
  core.info(`Pushed ${reference} (${digest}).`)
  return { digest }
}

function buildFailure(command: string, error: unknown): unknown {
  if (!(error instanceof CommandFailure)) return error
  return new ActionError(
    `${command} failed${attemptsText(error.attempts)}. The last lines of its output:\n${tail(error.output)}`,
    { hint: 'Fix the Dockerfile or the build context (the full output is in the log above).' }
  )
}

function pushFailure(reference: string, error: unknown): unknown {
  if (!(error instanceof CommandFailure)) return error
  const output = error.output.join('\n')
  const hint = /immutable|already exists/i.test(output)
    ? 'The tag already exists in an immutable repository; a re-run reuses it, or choose another `tag`.'
    : /denied|unauthorized|authentication required|no basic auth credentials/i.test(output)
      ? 'The registry refused the push: the AWS role needs ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage on the repository.'
      : 'The registry kept failing; re-run the job. Nothing was bumped in the GitOps repository.'
  return new ActionError(
    `docker push ${reference} failed${attemptsText(error.attempts)}:\n${tail(error.output)}`,
    { hint }
  )
}

/** The image id `docker build --iidfile` wrote. */
async function readImageId(file: string): Promise<string> {
  const hint = 'Re-run the job; if it persists, report the Docker version in use.'
  let id: string
  try {
    id = (await readFile(file, 'utf8')).trim()
  } catch (error) {
    throw new ActionError(
      `docker build succeeded but wrote no image id to ${file}: ${errorMessage(error)}.`,
      { hint, cause: error }
    )
  }
  if (!/^sha256:[0-9a-f]{64}$/.test(id)) {
    throw new ActionError(
      `docker build wrote "${id.slice(0, 80)}" to ${file}, which is not an image id.`,
      { hint }
    )
  }
  return id
}

async function readMetadataDigest(file: string): Promise<string | undefined> {
  try {
    const metadata = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    const digest = metadata['containerimage.digest']
    return typeof digest === 'string' ? digest : undefined
  } catch (error) {
    core.debug(`No build metadata in ${file}: ${errorMessage(error)}`)
    return undefined
  }
}

/** Splits `host[:port]/repository[:tag]`; the tag defaults to `latest`. */
export function splitReference(reference: string): {
  host: string
  repository: string
  tag: string
} {
  const parts = parseImageReference(reference)
  const slash = parts?.name.indexOf('/') ?? -1
  if (!parts || slash < 0 || parts.digest) {
    throw new ActionError(
      `"${reference}" is not a full image reference (<registry>/<repository>:<tag>).`
    )
  }
  return {
    host: parts.name.slice(0, slash),
    repository: parts.name.slice(slash + 1),
    tag: parts.tag ?? 'latest'
  }
}

/** http for a registry on this machine (Docker allows that without TLS), https otherwise. */
export function defaultRegistryScheme(host: string): 'http' | 'https' {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name)
    ? 'http'
    : 'https'
}

export interface ManifestDigestRequest {
  /** Registry `host[:port]`. */
  readonly host: string
  readonly repository: string
  /** Tag or digest. */
  readonly reference: string
  readonly credentials?: RegistryCredentials
  readonly scheme?: 'http' | 'https'
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

/**
 * The digest of `repository:reference` from the registry HTTP API v2 (`Docker-Content-Digest`),
 * or undefined when the registry has no such manifest. Answers Basic and Bearer challenges.
 */
export async function readManifestDigest(
  request: ManifestDigestRequest
): Promise<string | undefined> {
  const scheme = request.scheme ?? defaultRegistryScheme(request.host)
  const url = `${scheme}://${request.host}/v2/${request.repository}/manifests/${request.reference}`
  const what = `${request.host}/${request.repository}:${request.reference}`
  const call = async (method: 'HEAD' | 'GET', authorization?: string) => {
    try {
      return await nodeFetch(url, {
        method,
        headers: { accept: MANIFEST_TYPES, ...(authorization ? { authorization } : {}) }
      })
    } catch (error) {
      throw new ActionError(
        `Cannot reach the registry at ${scheme}://${request.host}: ${errorMessage(error)}.`,
        {
          hint: 'Check that the registry host is reachable from the runner.',
          cause: error
        }
      )
    }
  }
  let authorization: string | undefined
  let response = await call('HEAD')
  if (response.status === 401) {
    authorization = await answerChallenge(response.headers.get('www-authenticate'), request)
    response = await call('HEAD', authorization)
  }
  if (response.status === 404) return undefined
  const refuseUnlessOk = (answer: Response) => {
    if (answer.ok) return
    throw new ActionError(`The registry answered HTTP ${answer.status} when asked for ${what}.`, {
      hint:
        answer.status === 401 || answer.status === 403
          ? 'The registry login may not read this repository; the AWS role needs ecr:BatchGetImage on it.'
          : 'Re-run the job; the registry may be briefly unavailable.'
    })
  }
  refuseUnlessOk(response)
  const digest = response.headers.get('docker-content-digest')
  if (digest) return digest
  // Some registries leave the header out: the digest is the hash of the manifest bytes (of a
  // manifest, not of an error page: the GET's status is checked too).
  const manifest = await call('GET', authorization)
  refuseUnlessOk(manifest)
  return `sha256:${createHash('sha256')
    .update(Buffer.from(await manifest.arrayBuffer()))
    .digest('hex')}`
}

async function answerChallenge(
  challenge: string | null,
  request: ManifestDigestRequest
): Promise<string> {
  const { credentials } = request
  const basic = credentials
    ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
    : undefined
  const scheme = (challenge ?? '').split(' ')[0]?.toLowerCase()
  if (scheme === 'bearer') {
    const parameters = Object.fromEntries(
      [...(challenge ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]])
    )
    if (!parameters.realm) {
      throw new ActionError(
        `The registry ${request.host} asked for a token without saying where to get it.`
      )
    }
    const tokenUrl = new URL(parameters.realm)
    if (parameters.service) tokenUrl.searchParams.set('service', parameters.service)
    tokenUrl.searchParams.set('scope', parameters.scope ?? `repository:${request.repository}:pull`)
    const response = await nodeFetch(tokenUrl.href, {
      headers: basic ? { authorization: basic } : {}
    })
    const body = (await response.json().catch(() => ({}))) as {
      token?: string
      access_token?: string
    }
    const token = body.token ?? body.access_token
    if (!response.ok || !token) {
      throw new ActionError(
        `The registry ${request.host} refused a token to read ${request.repository} (HTTP ${response.status}).`,
        {
          hint: 'The registry login may not read this repository; the AWS role needs ecr:BatchGetImage on it.'
        }
      )
    }
    return `Bearer ${token}`
  }
  if (basic === undefined) {
    throw new ActionError(
      `The registry ${request.host} needs a login to read ${request.repository}.`,
      {
        hint: 'Log in to the registry before reading the digest.'
      }
    )
  }
  return basic
}
