/**
 * Reliability, hostile and broken input through the committed bundle: template injection
 * (newlines, `${{ }}`, shell metacharacters, workflow commands) in app names, branch names,
 * commit messages, PR titles and bodies; broken values files served by GitHub (alias bomb, 5 MB,
 * invalid UTF-8, duplicate keys, tabs, a symlink, 10,000 levels of nesting); wrong event payloads;
 * a Dockerfile or context outside the workspace and a lifecycle policy that is not JSON.
 *
 * Every case must end in a clear error (exit 1, an `::error::` naming what is wrong, no stack
 * trace) with no partial write, or, where the input is legal, in a correct bump that carries the
 * text literally. No case may inject a workflow command, reach a shell, or leak a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { gitBlobSha } from '../src/gitops.js'
import {
  APP,
  LeakLedger,
  SLUG,
  bumpProblems,
  bumpRun,
  errorLines,
  exampleValues,
  failureLine,
  imageOf,
  leakTexts,
  pool,
  shaOf,
  startWorld,
  unclearFailure,
  valuesFileOf,
  writeSection,
  type BumpRunOptions,
  type World
} from './support/reliability.js'
import { cleanupRun, readActionYml } from './support/runner.js'

const PARALLEL = Number(process.env.GIB_RELIABILITY_PARALLEL ?? 6)
const VALUES = valuesFileOf(APP)
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gib-hostile-'))
/** Created by any shell that runs the injected `touch`; must never exist. */
const SHELL_MARKER = path.join(scratch, 'a-shell-ran')
const TOUCH = `$(touch ${SHELL_MARKER})`
const BACKTICKS = `\`touch ${SHELL_MARKER}\``
/** Workflow commands a runner would obey if a line of the log started with them. */
const WORKFLOW_COMMANDS = [
  '::set-output name=image::PWNED',
  '::save-state name=x::PWNED',
  '::add-mask::PWNED',
  '::stop-commands::PWNED',
  '::error::PWNED annotation',
  '::add-path::/tmp/PWNED',
  '::set-env name=NODE_OPTIONS::--require=/tmp/PWNED.js'
]
const COMMAND_LINES = WORKFLOW_COMMANDS.join('\n')
// (Not `${{ github.token }}`: the harness evaluates that one, as the runner does for `with:`.)
const EXPRESSION = '${{ secrets.GITOPS_TOKEN }}${{ env.HOME }}'

type Expect =
  /** Exit 1, a clear message matching `subject`, and no request at all. */
  | 'input-error'
  /** Exit 1, a clear message matching `subject`, no write to GitHub. */
  | 'error'
  /** Exit 0 and a correct bump (the hostile text is legal where it is, and kept literal). */
  | 'success'
  /** Either of the above, as long as it is safe. */
  | 'error-or-success'

interface HostileCase {
  name: string
  group: 'template injection' | 'values file' | 'event payload' | 'build inputs'
  expect: Expect
  subject?: RegExp
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  eventName?: string
  payload?: unknown
  payloadText?: string
  /** Replaces the values file on main. */
  values?: string
  /** Serves the values file through a proxy that answers what the simulator cannot hold. */
  contents?: (values: string) => Record<string, unknown>
  /** Files in the workspace. */
  workspaceFiles?: Record<string, string>
  /** Checks on the stored text when the run succeeds. */
  literal?: (world: World) => string[]
}

/** The values file with a prefix, so the image key stays where it is. */
function valuesWith(prefix: string, suffix = ''): string {
  return `${prefix}${exampleValues(APP)}${suffix}`
}

const billionLaughs = [
  'lol0: &l0 "lol"',
  ...Array.from(
    { length: 9 },
    (_, i) => `lol${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`
  ),
  ''
].join('\n')

const CASES: HostileCase[] = [
  // ---- template injection ------------------------------------------------------------------
  {
    name: 'app name with a newline and workflow commands',
    group: 'template injection',
    expect: 'input-error',
    subject: /- app: /,
    inputs: { app: `myapp\n${COMMAND_LINES}` }
  },
  {
    name: 'app name with ${{ }} expressions',
    group: 'template injection',
    expect: 'input-error',
    subject: /- app: /,
    inputs: { app: EXPRESSION }
  },
  {
    name: 'app name with shell command substitution and backticks',
    group: 'template injection',
    expect: 'input-error',
    subject: /- app: /,
    inputs: { app: `x${TOUCH}${BACKTICKS};rm -rf /|cat` }
  },
  {
    name: 'branch template with a newline and a workflow command',
    group: 'template injection',
    expect: 'input-error',
    subject: /- branch: /,
    inputs: { branch: `update-{app}\n::set-output name=branch::PWNED` }
  },
  {
    name: 'branch template with shell metacharacters (legal in git: kept literal)',
    group: 'template injection',
    expect: 'error-or-success',
    subject: /branch/,
    inputs: { branch: 'update-{app}-$(id)-`id`;|&<>' },
    literal: (world) =>
      world.sim.branchSha(SLUG, 'update-myapp-010-$(id)-`id`;|&<>') === undefined
        ? ['the branch was not created under its literal name']
        : []
  },
  {
    name: 'branch template with ${{ }} (invalid characters)',
    group: 'template injection',
    expect: 'input-error',
    subject: /- branch: /,
    inputs: { branch: `update-${EXPRESSION}` }
  },
  {
    name: 'commit message with workflow commands, ${{ }} and shell metacharacters',
    group: 'template injection',
    expect: 'success',
    inputs: {
      'commit-message': `chore: bump {app} to {tag}\n${COMMAND_LINES}\n${EXPRESSION} ${TOUCH} ${BACKTICKS}`,
      'pr-title': 'bump {app}'
    },
    literal: (world) => {
      const pull = world.sim.pulls(SLUG)[0]
      const message = pull ? (world.sim.commitsOn(SLUG, pull.head)[0]?.message ?? '') : ''
      return message.includes(COMMAND_LINES) &&
        message.includes(TOUCH) &&
        message.includes(EXPRESSION)
        ? []
        : ['the commit message was not stored literally']
    }
  },
  {
    name: 'PR title with ${{ }}, shell metacharacters and a workflow command',
    group: 'template injection',
    expect: 'success',
    inputs: { 'pr-title': `::set-output name=image::PWNED ${EXPRESSION} ${TOUCH} ${BACKTICKS}` },
    literal: (world) =>
      world.sim.pulls(SLUG)[0]?.title.includes(EXPRESSION) === true
        ? []
        : ['the title was not stored literally']
  },
  {
    name: 'PR body with workflow command lines, ${{ }}, shell and a marker breaker',
    group: 'template injection',
    expect: 'success',
    inputs: {
      'pr-body': `Bump {app}\n${COMMAND_LINES}\n${EXPRESSION}\n${TOUCH} ${BACKTICKS}\n--> <!-- gitops-image-bump:v1 {"runNumber": 999999} -->`
    },
    literal: (world) =>
      world.sim.pulls(SLUG)[0]?.body.includes(COMMAND_LINES) === true
        ? []
        : ['the body was not stored literally']
  },
  {
    name: 'PR body with workflow command lines in a dry run (which prints the body)',
    group: 'template injection',
    expect: 'success',
    inputs: { 'dry-run': 'true', 'pr-body': `Bump {app}\n${COMMAND_LINES}\n${TOUCH}` }
  },
  {
    name: 'labels and reviewers with newlines and workflow commands',
    group: 'template injection',
    expect: 'input-error',
    subject: /- pr-reviewers: /,
    inputs: { 'pr-labels': `ok\n${COMMAND_LINES}`, 'pr-reviewers': `alice\n${COMMAND_LINES}` }
  },
  // ---- values files ------------------------------------------------------------------------
  {
    name: 'values file: a billion-laughs alias bomb',
    group: 'values file',
    expect: 'error',
    subject: /alias/i,
    values: valuesWith(billionLaughs)
  },
  {
    name: 'values file: 5 MB',
    group: 'values file',
    expect: 'error',
    subject: /too large|MB/,
    values: valuesWith(`# ${'x'.repeat(98)}\n`.repeat(52_429))
  },
  {
    name: 'values file: invalid UTF-8',
    group: 'values file',
    expect: 'error',
    subject: /UTF-8/,
    contents: (values) => {
      const bytes = Buffer.concat([Buffer.from('# \xff\xfe\xc3(\n', 'latin1'), Buffer.from(values)])
      return contentsAnswer(bytes)
    }
  },
  {
    name: 'values file: duplicate keys (the image key twice)',
    group: 'values file',
    expect: 'error',
    subject: /defined 2 times/,
    values: 'microservice:\n  image: a.example/x:1\n  port: 80\n  image: b.example/x:2\n'
  },
  {
    name: 'values file: duplicate top-level maps',
    group: 'values file',
    expect: 'error',
    subject: /defined 2 times/,
    values: 'microservice:\n  image: a.example/x:1\nmicroservice:\n  port: 80\n'
  },
  {
    name: 'values file: tab indentation',
    group: 'values file',
    expect: 'error',
    subject: /line \d+|tab/i,
    values: 'microservice:\n\timage: a.example/x:1\n'
  },
  {
    name: 'values file: a symlink (GitHub answers type symlink with a target outside)',
    group: 'values file',
    expect: 'error',
    subject: /not a regular file/,
    contents: () => ({
      type: 'symlink',
      target: '../../../../etc/passwd',
      size: 22,
      name: 'values.yaml',
      path: VALUES,
      sha: gitBlobSha(Buffer.from('../../../../etc/passwd'))
    })
  },
  {
    name: 'values-file input through ../ (a path leaving the repository)',
    group: 'values file',
    expect: 'input-error',
    subject: /- values-file: /,
    inputs: { 'values-file': 'values/dev/../../../etc/passwd' }
  },
  {
    name: 'values file: 10,000 levels of flow nesting',
    group: 'values file',
    expect: 'error-or-success',
    subject: /deep|nest|YAML/i,
    values: valuesWith(`deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)
  },
  {
    name: 'values file: 10,000 levels of flow nesting around the image key',
    group: 'values file',
    expect: 'error',
    subject: /deep|nest|YAML|microservice/i,
    values: `microservice: ${'{a: '.repeat(10_000)}{image: a.example/x:1}${'}'.repeat(10_000)}\n`
  },
  // ---- event payloads ----------------------------------------------------------------------
  {
    name: 'event payload file that is not JSON',
    group: 'event payload',
    expect: 'input-error',
    subject: /GITHUB_EVENT_PATH.*not valid JSON/,
    eventName: 'push',
    payloadText: '{"ref": "refs/heads/main", "before": '
  },
  {
    name: 'event payload that is a JSON array',
    group: 'event payload',
    expect: 'input-error',
    subject: /GITHUB_EVENT_PATH.*JSON object/,
    eventName: 'push',
    payloadText: '[1, 2, 3]'
  },
  {
    name: 'event payload file missing',
    group: 'event payload',
    expect: 'input-error',
    subject: /GITHUB_EVENT_PATH.*cannot be read/,
    eventName: 'push',
    env: { GITHUB_EVENT_PATH: '/nonexistent/gib-event.json' }
  },
  {
    name: 'push payload without before/after (fails open: builds and says why)',
    group: 'event payload',
    expect: 'success',
    eventName: 'push',
    payload: { ref: 'refs/heads/main', repository: { full_name: 'acme/myapp-010' } }
  },
  {
    name: 'pull_request payload without pull_request (fails open)',
    group: 'event payload',
    expect: 'success',
    eventName: 'pull_request',
    payload: { action: 'synchronize', number: 3 }
  },
  // ---- build inputs ------------------------------------------------------------------------
  {
    name: 'Dockerfile outside the workspace (../)',
    group: 'build inputs',
    expect: 'input-error',
    subject: /- dockerfile: .*outside the workspace/,
    inputs: { image: '', dockerfile: '../../etc/passwd' }
  },
  {
    name: 'Dockerfile at an absolute path outside the workspace',
    group: 'build inputs',
    expect: 'input-error',
    subject: /- dockerfile: .*outside the workspace/,
    inputs: { image: '', dockerfile: '/etc/passwd' }
  },
  {
    name: 'build context outside the workspace',
    group: 'build inputs',
    expect: 'input-error',
    subject: /- context: .*outside the workspace/,
    inputs: { image: '', context: '../..' }
  },
  {
    name: 'lifecycle policy that is not JSON',
    group: 'build inputs',
    expect: 'input-error',
    subject: /- repository-lifecycle-policy: .*not valid JSON/,
    inputs: { image: '', 'repository-lifecycle-policy': '{"rules": [ not json' }
  },
  {
    name: 'lifecycle policy file that is not JSON',
    group: 'build inputs',
    expect: 'input-error',
    subject: /- repository-lifecycle-policy: .*not valid JSON/,
    inputs: { image: '', 'repository-lifecycle-policy': 'ecr/lifecycle.json' },
    workspaceFiles: { 'ecr/lifecycle.json': 'rules:\n  - keep 10\n' }
  },
  {
    name: 'lifecycle policy path outside the workspace',
    group: 'build inputs',
    expect: 'input-error',
    subject: /- repository-lifecycle-policy: .*outside the workspace/,
    inputs: { image: '', 'repository-lifecycle-policy': '../../etc/passwd' }
  }
]

/** The contents API answer for a values file holding `bytes`. */
function contentsAnswer(bytes: Buffer): Record<string, unknown> {
  return {
    type: 'file',
    encoding: 'base64',
    size: bytes.length,
    name: 'values.yaml',
    path: VALUES,
    content: bytes.toString('base64'),
    sha: gitBlobSha(bytes)
  }
}

/**
 * A pass-through proxy in front of the simulator that answers GET of the values file itself:
 * the simulator stores text, so it cannot serve invalid UTF-8 or a symlink.
 */
async function startContentsProxy(world: World, answer: Record<string, unknown>): Promise<Server> {
  const target = new URL(world.sim.url)
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', target)
      if (
        request.method === 'GET' &&
        decodeURIComponent(url.pathname) === `/repos/${SLUG}/contents/${VALUES}`
      ) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
        return
      }
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'connection') {
          headers[name] = value
        }
      }
      fetch(url, {
        method: request.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined
      }).then(
        async (upstream) => {
          const body = Buffer.from(await upstream.arrayBuffer())
          const out: Record<string, string> = {}
          upstream.headers.forEach((value, name) => {
            if (!['content-length', 'content-encoding', 'transfer-encoding'].includes(name)) {
              out[name] = value
            }
          })
          response.writeHead(upstream.status, out).end(body)
        },
        (error: unknown) => response.destroy(error instanceof Error ? error : undefined)
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

/** Lines a runner would obey as a workflow command that came from user data. */
/**
 * Lines the runner would obey as workflow commands that came from user data. As on the runner,
 * commands are off between `::stop-commands::<token>` and `::<token>::` (a token the action chose:
 * one from user data would be a finding of its own, caught as an unknown command outside a block).
 */
function injectedCommandLines(stdout: string): string[] {
  const emitted = new Set(['add-mask', 'error', 'warning', 'notice', 'debug', 'group', 'endgroup'])
  const injected: string[] = []
  let resumeToken: string | undefined
  for (const line of stdout.split(/\r?\n/)) {
    const trimmed = line.trimStart()
    if (resumeToken !== undefined) {
      if (trimmed === `::${resumeToken}::`) resumeToken = undefined
      continue
    }
    const stop = /^::stop-commands::([0-9a-f-]{36})$/.exec(trimmed)
    if (stop) {
      resumeToken = stop[1]
      continue
    }
    const command = /^::([A-Za-z-]+)/.exec(trimmed)?.[1]
    if (command === undefined) continue
    if (!emitted.has(command) || /^::[a-z-]+(?: [^:]*)?::(?:PWNED|\/tmp\/PWNED)/.test(trimmed)) {
      injected.push(line)
    }
  }
  return injected
}

const OUTPUT_NAMES = new Set(Object.keys(readActionYml().outputs))

interface CaseResult {
  name: string
  group: HostileCase['group']
  expected: Expect
  exit: string
  outcome: 'clear error' | 'succeeded safely' | 'UNSAFE'
  message: string
  seconds: number
  githubRequests: number
  githubWrites: number
  ecrRequests: number
  problems: string[]
}

const ledger = new LeakLedger()
const results: CaseResult[] = []
let ecrRecorder: Server
const ecrRequests: string[] = []

async function runCase(hostile: HostileCase): Promise<CaseResult> {
  const started = Date.now()
  const world = await startWorld(
    hostile.values === undefined ? {} : { files: { [VALUES]: hostile.values } }
  )
  const proxy = hostile.contents
    ? await startContentsProxy(world, hostile.contents(world.seeded[VALUES]))
    : undefined
  const workspace = mkdtempSync(path.join(scratch, 'workspace-'))
  for (const [file, text] of Object.entries(hostile.workspaceFiles ?? {})) {
    const full = path.join(workspace, file)
    mkdirSync(path.dirname(full), { recursive: true })
    writeFileSync(full, text)
  }
  const ecrBefore = ecrRequests.length
  const apiUrl = proxy ? `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` : undefined
  const sha = shaOf(hostile.name)
  const run: BumpRunOptions = {
    sha,
    runNumber: 3,
    eventName: hostile.eventName,
    payload: hostile.payload,
    payloadText: hostile.payloadText,
    ecrUrl: `http://127.0.0.1:${(ecrRecorder.address() as AddressInfo).port}`,
    workspace,
    inputs: {
      ...(apiUrl ? { 'github-api-url': apiUrl } : {}),
      ...hostile.inputs
    },
    env: { ...(apiUrl ? { GITHUB_API_URL: apiUrl } : {}), ...hostile.env },
    timeoutMs: 60_000
  }
  try {
    const result = await bumpRun(world, run)
    const writes = world.sim.requests.filter((r) => r.method !== 'GET').length
    const problems: string[] = []
    const exit = String(result.code ?? result.signal)
    const failed = result.code !== 0
    if (result.code !== 0 && result.code !== 1) problems.push(`exit ${exit}`)
    if (failed) {
      const unclear = unclearFailure(result)
      if (unclear) problems.push(unclear)
      if (hostile.subject && !hostile.subject.test(errorLines(result))) {
        problems.push(`the error does not match ${String(hostile.subject)}`)
      }
      if (writes > 0) problems.push(`${writes} write requests reached GitHub (a partial write)`)
      if (world.sim.pulls(SLUG).length > 0) problems.push('a pull request was made')
      if (world.sim.fileAt(SLUG, 'main', VALUES) !== world.seeded[VALUES]) {
        problems.push('main changed')
      }
      if (hostile.expect === 'success') problems.push(`expected success: ${failureLine(result)}`)
      if (hostile.expect === 'input-error') {
        if (world.sim.requests.length > 0) problems.push('GitHub was called before validation')
        if (ecrRequests.length > ecrBefore) problems.push('ECR was called before validation')
      }
    } else {
      if (hostile.expect === 'error' || hostile.expect === 'input-error') {
        problems.push('expected a clear error, but the run succeeded')
      }
      if (hostile.inputs?.['dry-run'] === 'true') {
        if (writes > 0) problems.push('a dry run wrote to GitHub')
      } else {
        problems.push(...bumpProblems(world, APP, imageOf(APP, sha, 3)))
      }
      problems.push(...(hostile.literal?.(world) ?? []))
    }
    const injected = injectedCommandLines(result.stdout)
    if (injected.length > 0) {
      problems.push(`workflow commands from user data reached the log: ${JSON.stringify(injected)}`)
    }
    const unknownOutputs = Object.keys(result.outputs).filter((name) => !OUTPUT_NAMES.has(name))
    if (unknownOutputs.length > 0) problems.push(`outputs injected: ${unknownOutputs.join(', ')}`)
    if (existsSync(SHELL_MARKER)) problems.push('a shell ran the injected command')
    const leaks = ledger.scan(hostile.name, leakTexts(world, result))
    if (leaks.length > 0) problems.push(`leaked: ${leaks.map((l) => l.where).join(', ')}`)
    cleanupRun(result)
    return {
      name: hostile.name,
      group: hostile.group,
      expected: hostile.expect,
      exit,
      outcome: problems.length > 0 ? 'UNSAFE' : failed ? 'clear error' : 'succeeded safely',
      message: failed ? failureLine(result) : '',
      seconds: (Date.now() - started) / 1000,
      githubRequests: world.sim.requests.length,
      githubWrites: writes,
      ecrRequests: ecrRequests.length - ecrBefore,
      problems
    }
  } finally {
    if (proxy) await new Promise((resolve) => proxy.close(resolve))
    await world.stop()
  }
}

beforeAll(async () => {
  ecrRecorder = createServer((request, response) => {
    ecrRequests.push(`${request.method} ${request.url}`)
    response.writeHead(500).end()
  })
  await new Promise<void>((resolve) => ecrRecorder.listen(0, '127.0.0.1', resolve))
  results.push(
    ...(await pool(
      CASES.map((hostile) => () => runCase(hostile)),
      PARALLEL
    ))
  )
}, 300_000)

afterAll(async () => {
  await new Promise((resolve) => ecrRecorder.close(resolve))
  rmSync(scratch, { recursive: true, force: true })
  const by = (outcome: CaseResult['outcome']) => results.filter((r) => r.outcome === outcome).length
  writeSection('hostile', {
    totals: {
      tried: results.length,
      clearErrors: by('clear error'),
      succeededSafely: by('succeeded safely'),
      unsafe: by('UNSAFE')
    },
    cases: results,
    secrets: ledger.figures()
  })
})

describe('hostile and broken input through the committed bundle', () => {
  it.each(CASES.map((c) => [c.group, c.name] as const))(
    '%s: %s — clear error or a safe, literal result; no injection, no partial write',
    (_group, name) => {
      const result = results.find((r) => r.name === name)
      expect(result?.problems).toEqual([])
    }
  )

  it('leaks no secret in any hostile run', () => {
    expect(ledger.runs).toBe(CASES.length)
    expect(ledger.figures().where).toEqual([])
  })
})
