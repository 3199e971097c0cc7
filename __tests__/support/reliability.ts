/**
 * The fixture of the reliability suite (`__tests__/reliability-*.int.test.ts`): a GitOps
 * repository in the GitHub simulator, runs of the committed bundle through the runner harness
 * (promotion path by default, so no Docker is needed), the checks every scenario shares (exactly
 * one open bump PR, a one-line diff, no orphan branch, a clear failure, no leaked secret), and the
 * figures each test file writes for `scripts/reliability-report.ts`.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  startGitHubSimulator,
  type GitHubSimulator,
  type SimOptions,
  type SimPull,
  type SimRequest
} from '../../sandbox/github/index.js'
import { standInAwsEnv } from '../../sandbox/aws-env.js'
import {
  actionScript,
  errorAnnotations,
  repoRoot,
  runAction,
  type RunnerOptions,
  type RunnerResult
} from './runner.js'
import {
  branchesCreated,
  filesUnder,
  findLeaks,
  requestTexts,
  simulatorState,
  type Leak
} from './secrets.js'

export const OWNER = 'acme'
export const GITOPS_REPO = 'gitops-apps'
export const SLUG = `${OWNER}/${GITOPS_REPO}`
export const APP = 'myapp-010'
export const APP_REPOSITORY = `${OWNER}/${APP}`
/** A registry that is not ECR: promoting from it needs no AWS call (its image is not checked). */
export const PROMOTION_REGISTRY = 'registry.example.internal/acme'

/** Every secret a run of the suite is handed; none may show up anywhere. */
export const SECRETS = {
  gitopsToken: 'ghs_reliabilityGitopsToken0123456789abcdef',
  githubToken: 'ghs_reliabilityAppRepoToken0123456789abcde',
  awsAccessKeyId: 'AKIARELIABILITY00042',
  awsSecretAccessKey: 'reliabilitySecretAccessKey/0123456789+abcdefXYZ',
  awsSessionToken: 'IQoJb3JpZ2luX2VjEreliabilitySessionToken0123456789'
} as const

/** The example values file of examples/gitops-apps, for `app` (the example's own app renamed). */
export function exampleValues(app = APP): string {
  const text = readFileSync(
    path.join(repoRoot, 'examples/gitops-apps/values/dev/myapp-010/values.yaml'),
    'utf8'
  )
  return text.replaceAll('myapp-010', app)
}

export function valuesFileOf(app = APP, environment = 'dev'): string {
  return `values/${environment}/${app}/values.yaml`
}

/** A 40-hex commit sha, distinct per `seed`. */
export function shaOf(seed: string): string {
  return createHash('sha1').update(seed).digest('hex')
}

/** The image a run of `app` for commit `sha` and run `runNumber` promotes. */
export function imageOf(app: string, sha: string, runNumber: number): string {
  return `${PROMOTION_REGISTRY}/${app}:main-${sha.slice(0, 7)}-${runNumber}`
}

/**
 * The test knobs of src/main.ts the fault and kill runs get: GitHub requests are abandoned after
 * `CLIENT_TIMEOUT_MS` (`GIB_GITHUB_REQUEST_TIMEOUT_MS`; the shipped default is 60 s) and one
 * "second" of retry backoff or `retry-after` lasts `RETRY_DELAY_UNIT_MS`
 * (`GIB_RETRY_DELAY_UNIT_MS`; shipped 1000 ms), so a cell that waits out a timeout or a backoff
 * costs seconds, not minutes.
 */
export const CLIENT_TIMEOUT_MS = 1500
export const RETRY_DELAY_UNIT_MS = 20
/** Sends of one request the client makes at most: the first and 3 retries (src/octokit.ts). */
export const CLIENT_ATTEMPTS = 4
/** The client's backoff before retry n is n² "seconds": 1 + 4 + 9 over the 3 retries. */
export const CLIENT_BACKOFF_MS = (1 + 4 + 9) * RETRY_DELAY_UNIT_MS

/** The environment that sets the knobs above. */
export function fastClientEnv(): Record<string, string> {
  return {
    GIB_GITHUB_REQUEST_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
    GIB_RETRY_DELAY_UNIT_MS: String(RETRY_DELAY_UNIT_MS)
  }
}

export interface World {
  readonly sim: GitHubSimulator
  /** The seeded values files by path, as they are on main. */
  readonly seeded: Readonly<Record<string, string>>
  stop(): Promise<void>
}

/** A fresh simulator holding `acme/gitops-apps` with a values file for each app. */
export async function startWorld(
  options: {
    apps?: readonly string[]
    /** Extra or replaced files (path → text). */
    files?: Readonly<Record<string, string>>
    simulator?: Pick<SimOptions, 'latencyMs' | 'secondaryRateLimit'>
  } = {}
): Promise<World> {
  const apps = options.apps ?? [APP]
  const seeded: Record<string, string> = {}
  for (const app of apps) seeded[valuesFileOf(app)] = exampleValues(app)
  Object.assign(seeded, options.files)
  const sim = await startGitHubSimulator({
    ...options.simulator,
    repos: [
      {
        owner: OWNER,
        name: GITOPS_REPO,
        private: true,
        files: {
          'README.md': '# GitOps\n',
          'argocd/applications/dev/myapp-010.yaml': 'kind: Application\n',
          ...seeded
        }
      }
    ],
    tokens: [{ token: SECRETS.gitopsToken, login: 'gitops-bot[bot]', kind: 'app' }]
  })
  return { sim, seeded, stop: () => sim.stop() }
}

export interface BumpRunOptions {
  app?: string
  sha?: string
  runNumber?: number
  runAttempt?: number
  /** Inputs on top of the promotion defaults. */
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  eventName?: string
  payload?: unknown
  payloadText?: string
  onSpawn?: (pid: number) => void
  timeoutMs?: number
  /** The ECR endpoint; default a closed loopback port (any AWS call fails fast). */
  ecrUrl?: string
  script?: string
  workspace?: string
}

/** The runner environment a bump run gets: run variables and safe, local AWS variables. */
export function runEnvironment(world: World, options: BumpRunOptions): Record<string, string> {
  const ecrUrl = options.ecrUrl ?? 'http://127.0.0.1:9'
  return {
    GITHUB_SHA: options.sha ?? shaOf('default'),
    GITHUB_RUN_NUMBER: String(options.runNumber ?? 1),
    GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
    GITHUB_REPOSITORY: APP_REPOSITORY,
    GITHUB_API_URL: world.sim.url,
    ...standInAwsEnv(ecrUrl, {
      region: 'us-east-1',
      genericEndpoint: true,
      keys: {
        accessKeyId: SECRETS.awsAccessKeyId,
        secretAccessKey: SECRETS.awsSecretAccessKey,
        sessionToken: SECRETS.awsSessionToken
      }
    })
  }
}

/** One run of the committed bundle that promotes an image and bumps `app` in the world. */
export function bumpRun(world: World, options: BumpRunOptions = {}): Promise<RunnerResult> {
  const app = options.app ?? APP
  const sha = options.sha ?? shaOf('default')
  const runNumber = options.runNumber ?? 1
  const runnerOptions: RunnerOptions = {
    eventName: options.eventName ?? 'workflow_dispatch',
    payload: options.payload ?? {},
    payloadText: options.payloadText,
    inputs: {
      app,
      'gitops-repository': SLUG,
      'gitops-token': SECRETS.gitopsToken,
      'github-token': SECRETS.githubToken,
      'github-api-url': world.sim.url,
      image: imageOf(app, sha, runNumber),
      ...options.inputs
    },
    env: { ...runEnvironment(world, { ...options, sha, runNumber }), ...options.env },
    onSpawn: options.onSpawn,
    timeoutMs: options.timeoutMs ?? 90_000,
    script: options.script,
    workspace: options.workspace
  }
  return runAction(runnerOptions)
}

/** One request of a clean run, as a place to inject a fault or to kill the run at. */
export interface RequestPosition {
  /** 1-based position in the clean run. */
  index: number
  method: string
  path: string
  query: string
  /**
   * Earlier requests with the same method and path (a simulator fault matches those two only,
   * so `after` of the fault skips them).
   */
  after: number
}

/** The positions of a clean run's requests, from the simulator's request log. */
export function requestPositions(requests: readonly SimRequest[]): RequestPosition[] {
  const seen = new Map<string, number>()
  return requests.map((request, index) => {
    const key = `${request.method} ${request.path}`
    const after = seen.get(key) ?? 0
    seen.set(key, after + 1)
    return {
      index: index + 1,
      method: request.method,
      path: request.path,
      query: request.query,
      after
    }
  })
}

/** `GET {repo}/pulls (state=open)`: a request for the report, the repository abbreviated. */
export function requestLabel(request: { method: string; path: string; query: string }): string {
  const state = new URLSearchParams(request.query).get('state')
  return (
    `${request.method} ${request.path.replace(`/repos/${SLUG}`, '{repo}')}` +
    (state === null ? '' : ` (state=${state})`)
  )
}

/** The requests of the log that went to `position`'s method and path (any query). */
export function requestsAt(
  requests: readonly SimRequest[],
  position: RequestPosition
): SimRequest[] {
  return requests.filter((r) => r.method === position.method && r.path === position.path)
}

/**
 * How many times the client sent the request at `position`: the faulted send and its retries.
 * A retry follows its failed send before any write the flow makes next, but reads may run
 * alongside (the branch head and the values file are read at once), so other reads in between
 * are passed over; the query tells apart two listings of one path.
 */
export function attemptsAt(requests: readonly SimRequest[], position: RequestPosition): number {
  const first = requestsAt(requests, position)[position.after]
  if (first === undefined) return 0
  let count = 0
  for (const request of requests.slice(requests.indexOf(first))) {
    const same = request.path === first.path && request.method === first.method
    if (same && request.query !== first.query) break
    if (same) count++
    else if (request.method !== 'GET') break
  }
  return count
}

/** Whether `request` was sent again after `target` (a client retry of it). */
export function resentAfter(requests: readonly SimRequest[], target: SimRequest): boolean {
  return requests
    .slice(requests.indexOf(target) + 1)
    .some(
      (request) =>
        request.method === target.method &&
        request.path === target.path &&
        request.query === target.query
    )
}

/** Open pull requests whose head is a bump branch of `app` (default branch template). */
export function openBumpPulls(world: World, app = APP): SimPull[] {
  return world.sim
    .pulls(SLUG)
    .filter((pull) => pull.state === 'open' && pull.head.startsWith(`update-${app}-`))
}

/** Bump branches that exist without an open pull request. */
export function orphanBranches(world: World): string[] {
  const heads = new Set(
    world.sim
      .pulls(SLUG)
      .filter((pull) => pull.state === 'open')
      .map((pull) => pull.head)
  )
  return branchesCreated(world.sim).filter(
    (branch) => world.sim.branchSha(SLUG, branch) !== undefined && !heads.has(branch)
  )
}

/**
 * What is wrong with the GitOps repository after a bump of `app` to `image` that should have
 * succeeded: [] when there is exactly one open bump PR, its branch differs from main by exactly
 * the image line, main is untouched, and no bump branch is left without a PR.
 */
export function bumpProblems(world: World, app: string, image: string): string[] {
  const problems: string[] = []
  const file = valuesFileOf(app)
  const before = world.seeded[file]
  const onMain = world.sim.fileAt(SLUG, 'main', file)
  if (onMain !== before) problems.push(`main's ${file} changed`)
  const open = openBumpPulls(world, app)
  if (open.length !== 1) {
    problems.push(
      `${open.length} open bump PRs (${open.map((p) => `#${p.number} ${p.head}`).join(', ')})`
    )
  }
  for (const pull of open.slice(0, 1)) {
    const after = world.sim.fileAt(SLUG, pull.head, file)
    if (after === undefined) {
      problems.push(`#${pull.number}: branch ${pull.head} has no ${file}`)
      continue
    }
    const changed = changedLines(before, after)
    if (changed === undefined) problems.push(`#${pull.number}: the line count changed`)
    else if (changed.length !== 1 || !changed[0].includes(`image: ${image}`)) {
      problems.push(`#${pull.number}: diff is not the one image line: ${JSON.stringify(changed)}`)
    }
  }
  const orphans = orphanBranches(world)
  if (orphans.length > 0) problems.push(`orphan branches: ${orphans.join(', ')}`)
  return problems
}

/** Lines of `after` that differ from `before` (undefined when the line counts differ). */
export function changedLines(before: string, after: string): string[] | undefined {
  const a = before.split('\n')
  const b = after.split('\n')
  if (a.length !== b.length) return undefined
  return b.filter((line, index) => line !== a[index])
}

/** A stack frame line, as Node prints them. */
const STACK_FRAME = /^\s+at .+(?::\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m

/**
 * Why a failed run's failure is not a clear one, or undefined when it is: exit 1, an `::error::`
 * annotation that is not the "unexpected error" of a bug, and no stack trace anywhere.
 */
export function unclearFailure(result: RunnerResult): string | undefined {
  if (result.code !== 1) return `exit ${result.code ?? result.signal}, not 1`
  const annotations = errorAnnotations(result.stdout)
  if (annotations.length === 0) return 'no ::error:: annotation'
  if (annotations.some((message) => /^Unexpected error/.test(message))) {
    return `reported as a bug: ${annotations[0].split('\n')[0]}`
  }
  if (STACK_FRAME.test(result.stdout) || STACK_FRAME.test(result.stderr)) {
    return 'a stack trace was printed'
  }
  return undefined
}

/** Every error annotation of the run, decoded, one after another. */
export function errorLines(result: RunnerResult): string {
  return errorAnnotations(result.stdout).join('\n')
}

/** The first line of the run's error annotation (for the report). */
export function failureLine(result: RunnerResult): string {
  const lines = (errorAnnotations(result.stdout)[0] ?? '').split('\n')
  // "2 inputs are invalid:" says little without the first problem under it.
  return lines[0].endsWith(':') && lines.length > 1 ? `${lines[0]} ${lines[1]}` : lines[0]
}

/**
 * Every place a secret could leak to from a run: what it printed and wrote (stdout, stderr,
 * outputs, summary), the files it left in RUNNER_TEMP and the workspace, and everything it sent
 * to GitHub as the simulator holds it (`simulatorState`: PR titles, bodies, comments, commit
 * messages, every file on every branch, keyed `repo@branch:path`), and every request with its
 * query string, its body and the body's base64 file contents decoded (`requestTexts`).
 */
export function leakTexts(world: World, result: RunnerResult): Record<string, string> {
  return {
    'stdout, stderr, outputs, summary': result.everything,
    ...filesUnder(result.runnerTemp),
    ...filesUnder(result.workspace),
    ...simulatorState(world.sim, SLUG),
    'request bodies sent to GitHub': requestTexts(world.sim.requests)
  }
}

/** Counts runs scanned and leaks found, for the figures. */
export class LeakLedger {
  runs = 0
  readonly leaks: (Leak & { run: string })[] = []

  /** Scans one run and returns its leaks. */
  scan(
    name: string,
    texts: Record<string, string>,
    secrets: readonly string[] = Object.values(SECRETS)
  ): Leak[] {
    this.runs++
    const found = findLeaks(texts, secrets)
    this.leaks.push(...found.map((leak) => ({ ...leak, run: name })))
    return found
  }

  figures(): { runsScanned: number; leaks: number; where: string[] } {
    return {
      runsScanned: this.runs,
      leaks: this.leaks.length,
      where: this.leaks.map((leak) => `${leak.run}: ${leak.secret} in ${leak.where}`)
    }
  }
}

/** Runs `tasks` with at most `limit` at a time, keeping their order in the results. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++
      results[index] = await tasks[index]()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker))
  return results
}

/** Whether `promise` settles within `ms` (it keeps running either way). */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  try {
    return await Promise.race([promise.then(() => true), late])
  } finally {
    clearTimeout(timer)
  }
}

/** Resolves once `condition` holds, checking every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 30_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A small seeded PRNG (mulberry32), so a random order can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}

/** Where the test files write their figures; `scripts/reliability-report.ts` reads them. */
export const resultsDirectory =
  process.env.GIB_RELIABILITY_RESULTS ?? path.join(os.tmpdir(), 'gib-reliability')

/** Identifies the bundle the figures were measured on. */
export function bundleIdentity(): { script: string; sha256: string } {
  const script = actionScript()
  const sha256 = createHash('sha256').update(readFileSync(script)).digest('hex')
  return { script: path.relative(repoRoot, script) || script, sha256 }
}

/** Writes one section of figures (e.g. `faults`) as JSON for the report. */
export function writeSection(section: string, figures: unknown): string {
  mkdirSync(resultsDirectory, { recursive: true })
  const file = path.join(resultsDirectory, `${section}.json`)
  writeFileSync(
    file,
    `${JSON.stringify(
      { section, measuredAt: new Date().toISOString(), bundle: bundleIdentity(), figures },
      null,
      2
    )}\n`
  )
  return file
}

/** Creates `name` in the ECR stand-in at `url` (as an earlier run would have). */
export async function createStandInRepository(url: string, name: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.CreateRepository',
      // The stand-in only checks that a call is signed at all.
      authorization: 'AWS4-HMAC-SHA256 Credential=test'
    },
    body: JSON.stringify({ repositoryName: name, imageTagMutability: 'IMMUTABLE' })
  })
  const text = await response.text()
  if (!response.ok && !text.includes('RepositoryAlreadyExistsException')) {
    throw new Error(`the ECR stand-in did not create ${name}: ${response.status} ${text}`)
  }
}

/**
 * Pushes a minimal OCI image (one empty layer) to `repository:tag` of the test registry over its
 * HTTP API v2, so a promotion can be verified without Docker. Returns the manifest digest.
 */
export async function pushTinyImage(
  registry: { host: string; username: string; password: string },
  repository: string,
  tag: string
): Promise<string> {
  const authorization = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`
  const base = `http://${registry.host}/v2/${repository}`
  const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`
  const upload = async (bytes: Buffer): Promise<string> => {
    const digest = digestOf(bytes)
    const start = await fetch(`${base}/blobs/uploads/`, {
      method: 'POST',
      headers: { authorization }
    })
    const location = start.headers.get('location')
    if (start.status !== 202 || !location) {
      throw new Error(`registry refused a blob upload: ${start.status}`)
    }
    const url = new URL(location, `http://${registry.host}`)
    url.searchParams.set('digest', digest)
    const put = await fetch(url, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/octet-stream' },
      body: bytes
    })
    if (put.status !== 201) throw new Error(`registry refused blob ${digest}: ${put.status}`)
    return digest
  }
  // An empty tar archive (two zero blocks), gzipped.
  const { gzipSync } = await import('node:zlib')
  const layer = gzipSync(Buffer.alloc(1024))
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: { 'org.opencontainers.image.title': 'reliability-suite' } },
      rootfs: { type: 'layers', diff_ids: [digestOf(Buffer.alloc(1024))] }
    })
  )
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: await upload(config),
        size: config.length
      },
      layers: [
        {
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          digest: await upload(layer),
          size: layer.length
        }
      ]
    })
  )
  const put = await fetch(`${base}/manifests/${tag}`, {
    method: 'PUT',
    headers: { authorization, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: manifest
  })
  if (put.status !== 201) {
    throw new Error(`registry refused the manifest: ${put.status} ${await put.text()}`)
  }
  return digestOf(manifest)
}
