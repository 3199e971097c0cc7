/**
 * Section 2: start-up cost of `node dist/index.js` — time from spawn to the first network request,
 * and peak RSS — on Node 20 and Node 24, against the floor of an empty `node -e ''` on the same
 * Node in the same round. Also the bundle size, which chunks each path loads, and the effect of
 * `ncc --minify` (a private minified build of the current src/ in a scratch folder).
 *
 * How "first network request" is taken: every path points the action at a local HTTP proxy, and
 * the time of the first TCP connection the proxy accepts (performance.now() in this process) minus
 * the spawn time is the figure. Peak RSS comes from GNU time (`/usr/bin/time -f %M`), which wraps
 * every process measured, floors included.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { standInAwsEnv } from '../sandbox/aws-env.js'
import { startGitHubSimulator, type GitHubSimulator } from '../sandbox/github/index.js'
import {
  actionEnv,
  bundleSnapshot,
  hasGnuTime,
  nodeRuntimes,
  removeDir,
  repoRoot,
  run,
  scratchDir,
  secrets,
  spawnTimed,
  stepFiles,
  type NodeRuntime,
  type StepFiles
} from './harness.js'
import { startLatencyProxy, type LatencyProxy } from './latency-proxy.js'
import { renderTable, type SectionReport, type TargetCheck } from './report.js'
import {
  formatBytes,
  formatMs,
  formatRatio,
  median,
  pairedRatio,
  summarize,
  type Summary
} from './stats.js'

export interface StartupBenchOptions {
  runs: number
  /** Build and measure a minified bundle and two probe bundles (slow: three ncc builds). */
  minify: boolean
  log: (message: string) => void
}

/** What a measured process does until the figure is taken. */
type PathId =
  | 'floor'
  | 'floor-connect'
  | 'floor-fetch'
  | 'docker-version'
  | 'missing-inputs'
  | 'probe'
  | 'probe-ecr'
  | 'skip'
  | 'build'
  | 'promote'

const PATHS: Record<PathId, { label: string; measures: 'exit' | 'first request' }> = {
  floor: { label: "`node -e ''` (the floor)", measures: 'exit' },
  'floor-connect': { label: '`node -e` that opens one TCP connection', measures: 'first request' },
  'floor-fetch': {
    label: "`node -e` that sends one request with Node's own `fetch`",
    measures: 'first request'
  },
  'docker-version': {
    label: '`docker version` alone (the Docker check of the build path)',
    measures: 'exit'
  },
  'missing-inputs': {
    label: 'bundle, no inputs (fails on missing inputs, as the peers were measured)',
    measures: 'exit'
  },
  probe: { label: 'probe bundle: load and exit', measures: 'exit' },
  'probe-ecr': {
    label: 'probe bundle: ECR DescribeRepositories request',
    measures: 'first request'
  },
  skip: { label: 'skip: docs-only push, compare API request', measures: 'first request' },
  build: { label: 'build: ECR DescribeRepositories request', measures: 'first request' },
  promote: { label: 'promote: GitOps request (GET repository)', measures: 'first request' }
}

const APP_SLUG = 'acme/myapp-010'
const APP_TOKEN = 'ghs_benchapptoken00000000000000000000000'

interface Bundle {
  label: string
  /** dist/index.js or a private build. */
  script: string
}

interface Config {
  runtime: NodeRuntime
  bundle?: Bundle
  path: PathId
}

interface Sample {
  /** Spawn → first accepted connection, or spawn → exit for paths measured at exit. */
  ms: number
  exitMs: number
  peakRssBytes?: number
}

interface ConfigResult {
  runtime: string
  bundle: string | null
  path: PathId
  figure: Summary
  exitMs: Summary
  peakRssBytes: number | null
  /** Median per-round ratio to the floor (`node -e ''` exit) of the same runtime. */
  vsFloor: number | undefined
}

function configKey(config: Config): string {
  return `${config.runtime.label}|${config.bundle?.label ?? ''}|${config.path}`
}

/** The sizes of the bundle's JavaScript files (no maps). */
export function bundleFiles(dir: string): { file: string; bytes: number }[] {
  return readdirSync(dir)
    .filter((file) => /\.(c|m)?js$/.test(file))
    .map((file) => ({ file, bytes: statSync(path.join(dir, file)).size }))
    .sort((a, b) => b.bytes - a.bytes)
}

/** Writes an `--import` module that logs every file the process loads to GIB_TRACE_FILE. */
function writeLoadTracer(dir: string): string {
  const hooks = path.join(dir, 'trace-hooks.mjs')
  writeFileSync(
    hooks,
    [
      "import { appendFileSync } from 'node:fs'",
      'export async function load(url, context, next) {',
      "  if (url.startsWith('file:')) appendFileSync(process.env.GIB_TRACE_FILE, url + '\\n')",
      '  return next(url, context)',
      '}'
    ].join('\n')
  )
  const register = path.join(dir, 'trace-register.mjs')
  writeFileSync(
    register,
    `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`
  )
  return register
}

class StartupBench {
  private sim!: GitHubSimulator
  private proxy!: LatencyProxy
  private before = ''
  private after = ''
  private readonly rss = hasGnuTime()

  constructor(
    private readonly scratch: string,
    private readonly options: StartupBenchOptions
  ) {}

  async start(): Promise<void> {
    this.sim = await startGitHubSimulator({
      repos: [
        {
          owner: 'acme',
          name: 'myapp-010',
          files: { 'app.py': 'print("hello")\n', 'README.md': '# myapp\n' },
          private: true
        },
        {
          owner: 'acme',
          name: 'gitops-apps',
          files: { 'values/dev/myapp-010/values.yaml': 'microservice:\n  image: old\n' },
          private: true
        }
      ],
      tokens: [{ token: APP_TOKEN, login: 'github-actions[bot]', kind: 'actions' }]
    })
    this.before = this.sim.branchSha(APP_SLUG, 'main') ?? ''
    this.after = this.sim.pushCommit(APP_SLUG, 'main', { 'README.md': '# myapp\n\nDocs.\n' })
    this.proxy = await startLatencyProxy({ target: this.sim.url, latencyMs: 0 })
  }

  async stop(): Promise<void> {
    await this.proxy.stop()
    await this.sim.stop()
  }

  /** The AWS SDK's settings: the stand-in endpoint behind the proxy, keys from the environment. */
  private awsEnv(): Record<string, string> {
    return standInAwsEnv(this.proxy.url, {
      region: 'us-east-1',
      keys: { accessKeyId: 'AKIDBENCH00000000000', secretAccessKey: 'bench-secret-key' }
    })
  }

  /** The environment and argv of one configuration. */
  private prepare(config: Config): {
    argv: string[]
    env: Record<string, string>
    files?: StepFiles
  } {
    const node = config.runtime.binary
    const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: this.scratch }
    const proxyPort = new URL(this.proxy.url).port
    if (config.path === 'floor') return { argv: [node, '-e', ''], env: base }
    if (config.path === 'docker-version') {
      return {
        argv: ['docker', 'version', '--format', '{{.Server.Version}}'],
        env: { ...base, DOCKER_HOST: process.env.DOCKER_HOST ?? '' }
      }
    }
    if (config.path === 'floor-fetch') {
      const code = `fetch('http://127.0.0.1:${proxyPort}/').then((r) => r.arrayBuffer(), () => {})`
      return { argv: [node, '-e', code], env: base }
    }
    if (config.path === 'floor-connect') {
      const code = `require('node:net').connect(${proxyPort}, '127.0.0.1').on('connect', function () { this.destroy() })`
      return { argv: [node, '-e', code], env: base }
    }
    const script = config.bundle?.script ?? bundleSnapshot().script
    if (config.path === 'missing-inputs' || config.path === 'probe') {
      return { argv: [node, script], env: base }
    }
    if (config.path === 'probe-ecr') {
      return { argv: [node, script], env: { ...base, ...this.awsEnv() } }
    }
    const eventName = config.path === 'skip' ? 'push' : 'workflow_dispatch'
    const payload =
      config.path === 'skip'
        ? {
            ref: 'refs/heads/main',
            before: this.before,
            after: this.after,
            repository: { full_name: APP_SLUG, default_branch: 'main' }
          }
        : {}
    const files = stepFiles(this.scratch, payload)
    const inputs: Record<string, string> = {
      app: 'myapp-010',
      'gitops-repository': 'acme/gitops-apps',
      'gitops-token': APP_TOKEN,
      'github-token': APP_TOKEN,
      'github-api-url': this.proxy.url,
      'aws-region': 'us-east-1',
      network: 'host'
    }
    if (config.path === 'promote') inputs.image = 'images.acme.internal/myapp-010:main-abc1234-1'
    const env = actionEnv({
      files,
      eventName,
      sha: config.path === 'skip' ? this.after : undefined,
      inputs,
      env: {
        GITHUB_API_URL: this.proxy.url,
        ...this.awsEnv()
      }
    })
    return { argv: [node, script], env, files }
  }

  async measure(config: Config): Promise<Sample> {
    const { argv, env, files } = this.prepare(config)
    const firstRequest = PATHS[config.path].measures === 'first request'
    let startedAt = 0
    let killChild: (() => void) | undefined
    this.proxy.reset()
    // The skip path is left to finish (it exits after the compare answer); the others are stopped
    // at their first request, since what follows needs Docker or writes to the GitOps repository.
    this.proxy.onConnection = () => {
      if (['build', 'promote', 'probe-ecr'].includes(config.path)) killChild?.()
    }
    const result = await spawnTimed(argv[0], argv.slice(1), {
      env,
      cwd: files?.workspace ?? this.scratch,
      measureRss: this.rss,
      timeoutMs: 60_000,
      onSpawn: (at, kill) => {
        startedAt = at
        killChild = kill
      }
    })
    this.proxy.onConnection = undefined
    const outputs = readOutputs(files)
    if (files) removeDir(files.dir)
    const connectedAt = this.proxy.stats.firstConnectionAt
    const problem =
      firstRequest && connectedAt === undefined
        ? 'no network request'
        : config.path === 'skip' && !/skipped<<[^\n]+\ntrue\n/.test(outputs)
          ? 'the docs-only push was not skipped'
          : undefined
    if (problem !== undefined) {
      throw new Error(
        `${configKey(config)}: ${problem} (exit ${result.code}): ${result.stdout.slice(-1500)} ${result.stderr.slice(-500)}`
      )
    }
    return {
      ms: firstRequest && connectedAt !== undefined ? connectedAt - startedAt : result.wallMs,
      exitMs: result.wallMs,
      peakRssBytes: result.peakRssBytes
    }
  }

  /** Which dist files a path loads, from a traced run (not timed). */
  async loadedFiles(config: Config, tracer: string, distDir: string): Promise<string[]> {
    const { argv, env, files } = this.prepare(config)
    const traceFile = path.join(this.scratch, `trace-${config.path}.txt`)
    writeFileSync(traceFile, '')
    this.proxy.onConnection = undefined
    let killChild: (() => void) | undefined
    if (config.path === 'build' || config.path === 'promote') {
      this.proxy.onConnection = () => killChild?.()
    }
    await spawnTimed(argv[0], ['--import', tracer, ...argv.slice(1)], {
      env: { ...env, GIB_TRACE_FILE: traceFile },
      cwd: files?.workspace ?? this.scratch,
      timeoutMs: 60_000,
      onSpawn: (_at, kill) => (killChild = kill)
    })
    this.proxy.onConnection = undefined
    if (files) removeDir(files.dir)
    const distUrl = pathToFileURL(distDir).href + '/'
    return [
      ...new Set(
        readFileSync(traceFile, 'utf8')
          .split('\n')
          .filter((url) => url.startsWith(distUrl))
          .map((url) => path.basename(fileURLToPath(url)))
      )
    ]
  }
}

function readOutputs(files: StepFiles | undefined): string {
  return files && existsSync(files.outputPath) ? readFileSync(files.outputPath, 'utf8') : ''
}

const PROBE_CORE = '@actions/core alone (ncc)'
const PROBE_NO_HTTP = '@actions/core, @actions/http-client stubbed out (ncc)'
const PROBE_ECR = '@aws-sdk/client-ecr alone (ncc, ES builds as dist/)'
const PROBE_ECR_CJS = '@aws-sdk/client-ecr alone (ncc, CommonJS builds: its default)'

/**
 * ncc's environment: with `esBuilds`, what `npm run package` sets, which bundles the ES builds of
 * the AWS SDK (tsconfig.bundle.json); without, ncc's default (their CommonJS builds).
 */
function nccEnv(esBuilds: boolean): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'TS_NODE_PROJECT') env[key] = value
  }
  if (esBuilds) env.TS_NODE_PROJECT = path.join(repoRoot, 'tsconfig.bundle.json')
  return env
}

/**
 * The private bundles: the current src/ minified, and two probes that tell where the eager cost
 * comes from — `@actions/core` alone, and the same with `@actions/http-client` (which imports
 * undici for a proxy agent, and which core imports only for OIDC tokens) replaced by a stub.
 */
async function buildBundles(scratch: string, log: (message: string) => void): Promise<Bundle[]> {
  const ncc = path.join(repoRoot, 'node_modules/.bin/ncc')
  const bundles: Bundle[] = []
  const label = 'ncc build of src/ --minify'
  const out = path.join(scratch, 'minified')
  log(`  start-up: ${label}`)
  await run(
    ncc,
    ['build', 'src/index.ts', '-o', out, '--source-map', '--no-source-map-register', '--minify'],
    { cwd: repoRoot, timeoutMs: 300_000, env: nccEnv(true) }
  )
  bundles.push({ label, script: path.join(out, 'index.js') })

  // The probe entry must sit in the checkout, so that ncc resolves the packages in node_modules.
  const entryDir = path.join(repoRoot, '.bench-tmp', `probe-${process.pid}`)
  mkdirSync(entryDir, { recursive: true })
  const entry = path.join(entryDir, 'probe.mjs')
  writeFileSync(entry, "import * as core from '@actions/core'\ncore.info('probe')\n")
  try {
    for (const [probe, externals] of [
      [PROBE_CORE, []],
      [PROBE_NO_HTTP, ['-e', '@actions/http-client', '-e', '@actions/http-client/lib/auth']]
    ] as const) {
      const probeOut = path.join(scratch, probe === PROBE_CORE ? 'probe-core' : 'probe-no-http')
      log(`  start-up: probe ${probe}`)
      await run(ncc, ['build', entry, '-o', probeOut, '-q', ...externals], {
        cwd: repoRoot,
        timeoutMs: 300_000
      })
      if (externals.length > 0) {
        const stub = path.join(probeOut, 'node_modules/@actions/http-client')
        mkdirSync(stub, { recursive: true })
        writeFileSync(
          path.join(stub, 'package.json'),
          JSON.stringify({
            name: '@actions/http-client',
            type: 'module',
            exports: { '.': './index.js', './lib/auth': './auth.js' }
          })
        )
        writeFileSync(path.join(stub, 'index.js'), 'export class HttpClient {}\n')
        writeFileSync(path.join(stub, 'auth.js'), 'export class BearerCredentialHandler {}\n')
      }
      bundles.push({ label: probe, script: path.join(probeOut, 'index.mjs') })
    }
    // The AWS SDK alone, sending what the build path sends first: its share of the build path.
    const ecrEntry = path.join(entryDir, 'probe-ecr.mjs')
    writeFileSync(
      ecrEntry,
      [
        "import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr'",
        "await new ECRClient({}).send(new DescribeRepositoriesCommand({ repositoryNames: ['probe'] })).catch(() => {})"
      ].join('\n')
    )
    for (const [label, env] of [
      [PROBE_ECR, nccEnv(true)],
      [PROBE_ECR_CJS, nccEnv(false)]
    ] as const) {
      const ecrOut = path.join(scratch, label === PROBE_ECR ? 'probe-ecr' : 'probe-ecr-cjs')
      log(`  start-up: probe ${label}`)
      await run(ncc, ['build', ecrEntry, '-o', ecrOut, '-q'], {
        cwd: repoRoot,
        timeoutMs: 300_000,
        env
      })
      bundles.push({ label, script: path.join(ecrOut, 'index.mjs') })
    }
  } finally {
    removeDir(entryDir)
  }
  return bundles
}

export async function runStartupBench(options: StartupBenchOptions): Promise<SectionReport> {
  const { found: runtimes, missing } = nodeRuntimes()
  if (runtimes.length === 0) throw new Error(`no Node runtime found: ${missing.join('; ')}`)
  secrets.add(APP_TOKEN)
  const scratch = scratchDir('startup')
  const bench = new StartupBench(scratch, options)
  await bench.start()
  try {
    const distDir = bundleSnapshot().dir
    const bundles = options.minify ? await buildBundles(scratch, options.log) : []
    const node24 = runtimes.find((runtime) => runtime.label === 'Node 24')
    const configs: Config[] = []
    const docker = await spawnTimed('docker', ['version', '--format', '{{.Server.Version}}'], {
      timeoutMs: 20_000
    }).catch(() => undefined)
    for (const runtime of runtimes) {
      for (const id of Object.keys(PATHS) as PathId[]) {
        if (id === 'docker-version' && (runtime !== runtimes[0] || docker?.code !== 0)) continue
        if (id === 'probe' || id === 'probe-ecr') continue
        configs.push({ runtime, path: id })
      }
    }
    for (const bundle of bundles) {
      if (bundle.label === PROBE_CORE || bundle.label === PROBE_NO_HTTP) {
        for (const runtime of runtimes) configs.push({ runtime, bundle, path: 'probe' })
        continue
      }
      if (bundle.label === PROBE_ECR || bundle.label === PROBE_ECR_CJS) {
        for (const runtime of runtimes) configs.push({ runtime, bundle, path: 'probe-ecr' })
        continue
      }
      for (const id of ['missing-inputs', 'skip', 'build'] as const) {
        configs.push({ runtime: node24 ?? runtimes[0], bundle, path: id })
      }
    }

    // Which chunks each path loads, with the committed bundle on the newest runtime.
    const tracer = writeLoadTracer(scratch)
    const loaded: Record<string, string[]> = {}
    for (const id of ['missing-inputs', 'skip', 'build', 'promote'] as const) {
      loaded[id] = await bench.loadedFiles({ runtime: runtimes.at(-1)!, path: id }, tracer, distDir)
    }

    const samples = new Map<string, Sample[]>()
    for (let round = 0; round <= options.runs; round++) {
      for (const config of configs) {
        const sample = await bench.measure(config)
        // Round 0 warms the page cache and is not counted.
        if (round > 0)
          samples.set(configKey(config), [...(samples.get(configKey(config)) ?? []), sample])
      }
      options.log(`  start-up: round ${round}${round === 0 ? ' (warm-up)' : ''} done`)
    }

    const results: ConfigResult[] = configs.map((config) => {
      const own = samples.get(configKey(config)) ?? []
      const floor = samples.get(configKey({ runtime: config.runtime, path: 'floor' })) ?? []
      const rss = own.map((s) => s.peakRssBytes).filter((v): v is number => v !== undefined)
      return {
        runtime: `${config.runtime.label} (${config.runtime.version})`,
        bundle:
          config.bundle?.label ??
          (['floor', 'floor-connect', 'floor-fetch', 'docker-version'].includes(config.path)
            ? null
            : 'dist/ (committed)'),
        path: config.path,
        figure: summarize(own.map((s) => s.ms)),
        exitMs: summarize(own.map((s) => s.exitMs)),
        peakRssBytes: rss.length === 0 ? null : median(rss),
        vsFloor: pairedRatio(
          own.map((s) => s.ms),
          floor.map((s) => s.ms)
        )
      }
    })
    const sizes = {
      dist: bundleFiles(distDir),
      builds: bundles.map((bundle) => ({
        label: bundle.label,
        files: bundleFiles(path.dirname(bundle.script))
      }))
    }
    const snapshot = bundleSnapshot()
    const figures: StartupFigures = {
      results,
      sizes,
      loaded,
      chunks: describeChunks(distDir),
      runs: options.runs,
      rssMeasured: hasGnuTime(),
      missingRuntimes: missing,
      bundle: { commit: snapshot.commit, dirty: snapshot.dirty, source: snapshot.source }
    }
    const { markdown, targets } = renderStartupSection(figures)
    return {
      id: 'startup',
      title: '2. Start-up cost',
      markdown,
      targets,
      results: {
        runs: options.runs,
        configs: results,
        sizes,
        loadedOnPath: loaded,
        chunks: figures.chunks,
        missingRuntimes: missing,
        bundle: figures.bundle
      }
    }
  } finally {
    await bench.stop()
    removeDir(scratch)
  }
}

function total(files: { bytes: number }[]): number {
  return files.reduce((sum, file) => sum + file.bytes, 0)
}

/**
 * What a bundle chunk holds, from its source map: the npm packages (or src/ files) with the most
 * source text, largest first, e.g. `@smithy/core, @aws-sdk/client-ecr, …`.
 */
export function chunkContents(map: {
  sources: string[]
  sourcesContent?: (string | null)[]
}): string[] {
  const sizes = new Map<string, number>()
  map.sources.forEach((source, index) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)
    const name = match
      ? match[1]
      : source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^(\.\.?\/)+/, '')
    const size = map.sourcesContent?.[index]?.length ?? 0
    sizes.set(name, (sizes.get(name) ?? 0) + size)
  })
  return [...sizes.entries()]
    .filter(([, size]) => size > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => name)
}

/** The main contents of each chunk of a bundle folder, by file name. */
function describeChunks(dir: string): Record<string, string[]> {
  const contents: Record<string, string[]> = {}
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.js.map')) continue
    try {
      const map = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
        sources: string[]
        sourcesContent?: (string | null)[]
      }
      contents[file.replace(/\.map$/, '')] = chunkContents(map).slice(0, 4)
    } catch (error) {
      contents[file.replace(/\.map$/, '')] = [
        `(unreadable map: ${error instanceof Error ? error.message : String(error)})`
      ]
    }
  }
  return contents
}

export interface StartupFigures {
  results: ConfigResult[]
  sizes: {
    dist: { file: string; bytes: number }[]
    builds: { label: string; files: { file: string; bytes: number }[] }[]
  }
  loaded: Record<string, string[]>
  chunks: Record<string, string[]>
  runs: number
  rssMeasured: boolean
  missingRuntimes: string[]
  bundle: { commit: string; dirty: boolean; source: string }
}

const LIMIT = 3

/** The Markdown and the target checks, from the figures; pure. */
export function renderStartupSection(data: StartupFigures): {
  markdown: string
  targets: TargetCheck[]
} {
  const { results, sizes, loaded, chunks } = data
  const rows = results.map((r) => [
    r.runtime,
    r.bundle ?? '—',
    PATHS[r.path].label,
    PATHS[r.path].measures,
    formatMs(r.figure.median),
    r.path === 'floor' ? '1.00x' : formatRatio(r.vsFloor),
    r.bundle === null ? '' : (r.vsFloor ?? Infinity) <= LIMIT ? 'yes' : 'no',
    r.peakRssBytes === null ? 'n/a' : formatBytes(r.peakRssBytes)
  ])
  const fileSize = new Map(sizes.dist.map((f) => [f.file, f.bytes]))
  const describe = (file: string): string =>
    file === 'index.js'
      ? `index.js (${(chunks['index.js'] ?? []).slice(0, 3).join(', ')}…)`
      : file.endsWith('.cjs')
        ? file
        : `${file} (${(chunks[file] ?? []).slice(0, 2).join(', ')})`
  const loadedRows = Object.entries(loaded).map(([id, files]) => [
    PATHS[id as PathId].label,
    files.map(describe).join('; ') || '—',
    formatBytes(total(files.map((file) => ({ bytes: fileSize.get(file) ?? 0 }))))
  ])
  const sizeRow = (label: string, files: { file: string; bytes: number }[]) => [
    label,
    formatBytes(files.find((f) => /^index\.m?js$/.test(f.file))?.bytes ?? 0),
    formatBytes(total(files)),
    String(files.length)
  ]
  const sizeRows = [
    sizeRow(
      `dist/ (committed${data.bundle.dirty ? ', with uncommitted changes' : ''})`,
      sizes.dist
    ),
    ...sizes.builds.map((build) => sizeRow(build.label, build.files))
  ]

  const committed = results.filter((r) => r.bundle === 'dist/ (committed)')
  const firstRequest = committed.filter((r) => PATHS[r.path].measures === 'first request')
  const over = firstRequest.filter((r) => (r.vsFloor ?? Infinity) > LIMIT)
  const eager = chunks['index.js'] ?? []
  const probe = (label: string) =>
    results.find((r) => r.path === 'probe' && r.bundle === label && r.runtime.startsWith('Node 24'))
  const coreAlone = probe(PROBE_CORE)
  const noHttp = probe(PROBE_NO_HTTP)
  const probeNote =
    coreAlone && noHttp
      ? ` For scale, on Node 24: @actions/core alone, bundled, loads in ${formatMs(coreAlone.figure.median)} (${formatRatio(coreAlone.vsFloor)} the floor) — every path paid that before src/core.ts replaced it.`
      : ''
  const chunkOf = (path: PathId, pattern: RegExp) =>
    (loaded[path] ?? []).filter((file) => (chunks[file] ?? []).some((name) => pattern.test(name)))
  const loadedBytes = (files: string[]) =>
    formatBytes(total(files.map((file) => ({ bytes: fileSize.get(file) ?? 0 }))))
  const sdkFiles = chunkOf('build', /^@aws-sdk\/|^@smithy\//)
  const octokitFiles = chunkOf('promote', /^@octokit\/|^bottleneck$/)
  const bottleneckFiles = chunkOf('promote', /^bottleneck$/)
  const fetchFloor = results.find(
    (r) => r.path === 'floor-fetch' && r.runtime.startsWith('Node 24')
  )
  const connectFloor = results.find(
    (r) => r.path === 'floor-connect' && r.runtime.startsWith('Node 24')
  )
  const fetchNote =
    fetchFloor && connectFloor
      ? ` (Node's own \`fetch\` alone takes ${formatMs(fetchFloor.figure.median - connectFloor.figure.median)} more than a bare TCP connection to its first request on Node 24: rows above)`
      : ''
  const remaining: string[] = []
  const sdkProbes = results.filter((r) => r.path === 'probe-ecr' && r.bundle === PROBE_ECR)
  const sdkOver = sdkProbes.length > 0 && sdkProbes.every((r) => (r.vsFloor ?? Infinity) > LIMIT)
  const sdkFigures = (bundle: string) =>
    results
      .filter((r) => r.path === 'probe-ecr' && r.bundle === bundle)
      .map(
        (r) =>
          `${r.runtime.split(' (')[0]} ${formatMs(r.figure.median)} = ${formatRatio(r.vsFloor)}`
      )
  const sdkAlone = sdkFigures(PROBE_ECR)
  const sdkCommonJs = sdkFigures(PROBE_ECR_CJS)
  if (over.some((r) => r.path === 'build')) {
    remaining.push(
      `the build path compiles and runs the AWS SDK (${loadedBytes(sdkFiles)}) before it can sign DescribeRepositories${sdkAlone.length > 0 ? ` — the SDK alone, bundled like dist/ and sending that same request, reaches it in ${sdkAlone.join(', ')} the floor${sdkOver ? ', so no action that calls ECR through @aws-sdk/client-ecr meets 3x here' : ''}` : ''}. dist/ bundles the SDK's ES builds (tsconfig.bundle.json), so webpack leaves out what ECR's JSON protocol never runs (CBOR, event streams, most commands' code)${sdkCommonJs.length > 0 ? `; from its CommonJS builds, ncc's default and what dist/ bundled before, the SDK alone takes ${sdkCommonJs.join(', ')}` : ''}. What is left is the SDK's core: protocol, signing, endpoint rules, retries and the credential chain. --minify changes little (below): ncc minifies the entry file, not the chunks`
    )
  }
  if (over.some((r) => r.path === 'promote')) {
    remaining.push(
      `the promote path loads the Octokit core with its paginate, retry and throttling plugins before GET repository (${loadedBytes(octokitFiles)}${bottleneckFiles.length > 0 ? `, of which ${loadedBytes(bottleneckFiles)} in the chunk${bottleneckFiles.length > 1 ? 's' : ''} holding bottleneck, the throttling plugin's scheduler` : ''})`
    )
  }
  if (over.some((r) => r.path === 'skip')) {
    remaining.push(
      'the skip path loads the Octokit core and src/changes.ts before its compare request'
    )
  }
  const targets: TargetCheck[] = [
    {
      target:
        "Time to the first network request ≤ 3x an empty `node -e ''` on the same Node (Node 20 and 24)",
      measured: firstRequest
        .map(
          (r) =>
            `${r.runtime.split(' (')[0]} ${r.path}: ${formatMs(r.figure.median)} = ${formatRatio(r.vsFloor)}`
        )
        .join('; '),
      verdict: firstRequest.length === 0 ? 'not measured' : over.length === 0 ? 'met' : 'not met',
      note:
        over.length === 0
          ? undefined
          : `Over 3x: ${over.map((r) => `${r.runtime.split(' (')[0]} ${r.path}`).join(', ')}. ` +
            `Done: @actions/core, whose HTTP client brought undici into every run, is replaced by src/core.ts (the eager chunk is now ${formatBytes(fileSize.get('index.js') ?? 0)}: ${eager.slice(0, 3).join(', ')}); the GitHub clients send through node:http instead of Node's own \`fetch\`${fetchNote}, loading undici only behind a proxy; Docker is asked once ECR has answered its first read; the YAML patcher loads once GitHub has answered the first GitOps request; ncc's source-map-register is no longer bundled; the AWS SDK is bundled from its ES builds; @actions/exec loads at the first git command. What remains: ${remaining.join('; ') || 'see the table of loaded files'}.${probeNote}`
    }
  ]
  const noInputs = committed.filter((r) => r.path === 'missing-inputs')
  if (noInputs.length > 0) {
    targets.push({
      target:
        'Context, not a target of the issue: load until failing on missing inputs, below the peers (create-pull-request 5.1x, amazon-ecr-login 5.7x on Node 24)',
      measured: noInputs
        .map(
          (r) =>
            `${r.runtime.split(' (')[0]}: ${formatMs(r.figure.median)} = ${formatRatio(r.vsFloor)}`
        )
        .join('; '),
      verdict: noInputs.every((r) => (r.vsFloor ?? Infinity) < 5.1) ? 'met' : 'not met'
    })
  }

  const minified = results.filter((r) => r.bundle?.includes('--minify'))
  const probeRows = results
    .filter(
      (r) => r.path === 'probe' || (r.path === 'missing-inputs' && r.bundle === 'dist/ (committed)')
    )
    .sort((a, b) => a.runtime.localeCompare(b.runtime))
    .map((r) => [
      r.runtime,
      r.path === 'probe' ? (r.bundle ?? '') : 'dist/ (committed), no inputs',
      formatMs(r.figure.median),
      formatRatio(r.vsFloor),
      r.peakRssBytes === null ? 'n/a' : formatBytes(r.peakRssBytes)
    ])
  const minifyRows = minified.map((m) => {
    const same = committed.find((r) => r.path === m.path && r.runtime === m.runtime)
    return [
      PATHS[m.path].label,
      same ? formatMs(same.figure.median) : 'n/a',
      formatMs(m.figure.median),
      same ? formatRatio(m.figure.median / same.figure.median) : 'n/a'
    ]
  })
  const skipLoads = loaded.skip ?? []
  const heavy = (file: string) =>
    (chunks[file] ?? []).some((name) =>
      /^@aws-sdk\/|^@smithy\/|plugin-throttling|^bottleneck$/.test(name)
    )
  const heavyOnSkip = skipLoads.filter(heavy)

  const markdown = [
    `**Method.** Each process is spawned by the benchmark; ${data.runs} rounds after one uncounted warm-up round, every configuration once per round, interleaved; figures are medians. "first request" is the time from spawn to the first TCP connection accepted by a local HTTP proxy the action is pointed at (\`github-api-url\`, \`GITHUB_API_URL\`, \`AWS_ENDPOINT_URL_ECR\`); "exit" is spawn to exit. The floor is \`node -e ''\` (spawn to exit) on the same Node in the same round; "vs floor" is the median of the per-round ratios. Peak RSS is GNU time's maximum resident set size${data.rssMeasured ? '' : ' (not measured: GNU time is not installed)'}, GNU time wrapping every process alike; the build and promote paths are stopped at their first request (what follows needs Docker or writes), so theirs is the peak up to that point. The bundle measured is a copy of ${data.bundle.source}/ taken at the start of the run (last commit touching it: ${data.bundle.commit}${data.bundle.dirty ? '; it had uncommitted changes' : ''}).`,
    data.missingRuntimes.length > 0 ? `\nNot measured: ${data.missingRuntimes.join('; ')}.` : '',
    '',
    renderTable(
      ['Runtime', 'Bundle', 'Path', 'Measured at', 'Median', 'vs floor', '≤ 3x', 'Peak RSS'],
      rows,
      ['l', 'l', 'l', 'l', 'r', 'r', 'l', 'r']
    ),
    '',
    'The peers were measured by the issue on Node 24 against a 50 ms floor, loaded until they fail on missing inputs: create-pull-request 270 ms (5.1x), amazon-ecr-login 264 ms (5.7x). The "no inputs" rows are the same measurement for this action.',
    '',
    '**Bundle size** (JavaScript only, no source maps):',
    '',
    renderTable(['Bundle', 'index.js (eager)', 'All files', 'Files'], sizeRows, [
      'l',
      'r',
      'r',
      'r'
    ]),
    '',
    '**What each path loads** (the measured bundle, traced with a module-load hook on one extra, untimed run; chunk contents from its source maps):',
    '',
    renderTable(['Path', 'Files loaded', 'Bytes loaded'], loadedRows, ['l', 'l', 'r']),
    '',
    heavyOnSkip.length === 0
      ? 'A skipped run loads neither the AWS SDK nor the GitOps client (Octokit with its retry and throttling plugins); it loads the Octokit core for the compare API only.'
      : `A skipped run loads heavy chunks: ${heavyOnSkip.map(describe).join('; ')}.`,
    ...(probeRows.length > 0
      ? [
          '',
          '**What the action no longer bundles** — two probe bundles built by ncc like dist/, each loaded and exited, against the same floor: `@actions/core` alone, and `@actions/core` with `@actions/http-client` replaced by an empty stub. @actions/core imports @actions/http-client (only for OIDC tokens), and @actions/http-client imports undici (for a proxy agent): until src/core.ts replaced @actions/core, every path of the action parsed undici before its first request.',
          '',
          renderTable(['Runtime', 'Probe', 'Load and exit', 'vs floor', 'Peak RSS'], probeRows, [
            'l',
            'l',
            'r',
            'r',
            'r'
          ])
        ]
      : []),
    ...(minifyRows.length > 0
      ? [
          '',
          `**--minify** (\`ncc build src/index.ts --minify --source-map\` to a scratch folder, against the committed bundle; both on ${minified[0].runtime}):`,
          '',
          renderTable(['Path', 'dist/', 'minified', 'minified / dist'], minifyRows, [
            'l',
            'r',
            'r',
            'r'
          ])
        ]
      : [])
  ].join('\n')
  return { markdown, targets }
}
