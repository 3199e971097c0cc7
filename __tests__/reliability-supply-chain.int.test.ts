/**
 * Reliability, supply chain: what ships in dist/ and what it reaches for at run time.
 * - `npm audit --omit=dev` is clean, or each finding is explained (or why audit could not run);
 * - dist/licenses.txt names every package bundled into dist/ (read from the source maps);
 * - no runtime download: the bundle runs from a copy of dist/ with no node_modules in reach, its
 *   every connection and child process is logged by a preload, and it reaches only the endpoints
 *   it was given; nothing in dist/ points at a download;
 * - every workflow pins its actions by SHA (the enforcing test is examples.unit.test.ts; this
 *   file counts for the report);
 * - dist/ carries no path of the machine it was built on (so a rebuild anywhere gives the same
 *   bytes; .ci/run rebuilds and diffs it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {
  LeakLedger,
  bumpProblems,
  bumpRun,
  failureLine,
  imageOf,
  leakTexts,
  shaOf,
  startWorld,
  writeSection,
  APP,
  type World
} from './support/reliability.js'
import { cleanupRun, repoRoot } from './support/runner.js'
import { actionReferences, pinProblem, workflowFiles } from './support/workflows.js'

const dist = path.join(repoRoot, 'dist')
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gib-supply-chain-'))

/** Findings of `npm audit --omit=dev` that were looked at, and why they do not matter here. */
const EXPLAINED_ADVISORIES: Record<string, string> = {}

interface Audit {
  ran: boolean
  /** Why audit could not run. */
  unavailable?: string
  findings: { name: string; severity: string; via: string[] }[]
}

function npmAudit(): Promise<Audit> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['audit', '--omit=dev', '--json'],
      { cwd: repoRoot, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
      (_error, stdout) => {
        let report: {
          vulnerabilities?: Record<string, { severity: string; via: unknown[] }>
          message?: string
          error?: { summary?: string }
        }
        try {
          report = JSON.parse(stdout) as typeof report
        } catch {
          resolve({ ran: false, unavailable: 'npm audit printed no JSON', findings: [] })
          return
        }
        if (report.vulnerabilities === undefined) {
          // The message names the endpoint; the report keeps only what went wrong.
          const why = (
            report.message ??
            report.error?.summary ??
            'no vulnerabilities section'
          ).replace(/https?:\/\/\S+/g, "(the registry's bulk advisory endpoint)")
          resolve({ ran: false, unavailable: why, findings: [] })
          return
        }
        resolve({
          ran: true,
          findings: Object.entries(report.vulnerabilities).map(([name, v]) => ({
            name,
            severity: v.severity,
            via: v.via.map((item) =>
              typeof item === 'string' ? item : String((item as { url?: string }).url ?? '')
            )
          }))
        })
      }
    )
  })
}

/** The npm packages whose code is in dist/, from the source maps' `node_modules/` paths. */
function bundledPackages(): string[] {
  const names = new Set<string>()
  for (const file of readdirSync(dist).filter((name) => name.endsWith('.js.map'))) {
    const map = JSON.parse(readFileSync(path.join(dist, file), 'utf8')) as { sources: string[] }
    for (const source of map.sources) {
      const at = source.lastIndexOf('node_modules/')
      if (at < 0) continue
      const [scope, name] = source.slice(at + 'node_modules/'.length).split('/')
      names.add(scope.startsWith('@') ? `${scope}/${name}` : scope)
    }
  }
  return [...names].sort()
}

/** Every source file in dist/, from the source maps. */
function bundledSources(): string[] {
  return readdirSync(dist)
    .filter((name) => name.endsWith('.js.map'))
    .flatMap(
      (file) =>
        (JSON.parse(readFileSync(path.join(dist, file), 'utf8')) as { sources: string[] }).sources
    )
}

/** Package name → licence, as dist/licenses.txt lists them (name line, licence line, text). */
function listedLicences(): Map<string, string> {
  const lines = readFileSync(path.join(dist, 'licenses.txt'), 'utf8').split('\n')
  const listed = new Map<string, string>()
  for (let i = 0; i < lines.length - 1; i++) {
    const start = i === 0 || lines[i - 1] === ''
    if (start && /^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/.test(lines[i]) && lines[i + 1] !== '') {
      listed.set(lines[i], lines[i + 1])
    }
  }
  return listed
}

/** The licence a bundled package declares in its package.json. */
function declaredLicence(name: string): string {
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')
    ) as { license?: string }
    return manifest.license ?? 'none declared'
  } catch {
    return 'not installed at the top level'
  }
}

/** A preload that logs every outgoing connection, DNS lookup and child process to a file. */
const PRELOAD = `
import { appendFileSync } from 'node:fs'
import net from 'node:net'
import dns from 'node:dns'
import childProcess from 'node:child_process'
import { syncBuiltinESMExports } from 'node:module'
const log = (entry) => appendFileSync(process.env.GIB_EGRESS_LOG, JSON.stringify(entry) + '\\n')
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
  const options = Array.isArray(args[0]) ? args[0][0] : args[0]
  if (typeof options === 'object' && options !== null) {
    log({ kind: 'connect', host: options.host ?? options.path ?? 'localhost', port: options.port })
  } else {
    log({ kind: 'connect', host: typeof args[1] === 'string' ? args[1] : 'localhost', port: args[0] })
  }
  return connect.apply(this, args)
}
const lookup = dns.lookup
dns.lookup = function (hostname, ...rest) {
  log({ kind: 'dns', host: hostname })
  return lookup.call(this, hostname, ...rest)
}
for (const name of ['spawn', 'execFile', 'exec', 'fork', 'spawnSync', 'execFileSync', 'execSync']) {
  const original = childProcess[name]
  childProcess[name] = function (command, ...rest) {
    log({ kind: 'process', command: String(command) })
    return original.call(this, command, ...rest)
  }
}
syncBuiltinESMExports()
`

interface Egress {
  kind: 'connect' | 'dns' | 'process'
  host?: string
  port?: number
  command?: string
}

function readEgress(file: string): Egress[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Egress)
  } catch {
    return []
  }
}

const ledger = new LeakLedger()
let audit: Audit
let bundled: string[]
let licences: Map<string, string>
let isolatedRuns: {
  name: string
  exit: string
  message: string
  egress: Egress[]
  allowed: string[]
  problems: string[]
}[] = []

beforeAll(async () => {
  audit = await npmAudit()
  bundled = bundledPackages()
  licences = listedLicences()

  // The bundle alone: a copy of dist/ in a folder with no node_modules anywhere above it.
  const isolated = path.join(scratch, 'action')
  cpSync(dist, path.join(isolated, 'dist'), { recursive: true })
  const preload = path.join(scratch, 'egress-preload.mjs')
  writeFileSync(preload, PRELOAD)
  const script = path.join(isolated, 'dist/index.js')

  const recorder: Server = createServer((_request, response) => response.writeHead(500).end())
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve))
  const ecrUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`
  const runs: { name: string; inputs: Record<string, string>; dry: boolean }[] = [
    { name: 'promotion (GitOps bump through the API)', inputs: {}, dry: false },
    {
      name: 'dry run of the build path (ECR, GitOps read)',
      inputs: { image: '', 'dry-run': 'true', 'aws-region': 'us-east-1' },
      dry: true
    }
  ]
  isolatedRuns = []
  for (const run of runs) {
    const world: World = await startWorld()
    const log = path.join(scratch, `egress-${isolatedRuns.length}.jsonl`)
    const sha = shaOf(`supply chain ${run.name}`)
    const result = await bumpRun(world, {
      sha,
      runNumber: 9,
      script,
      ecrUrl,
      inputs: run.inputs,
      env: { NODE_OPTIONS: `--import=${preload}`, GIB_EGRESS_LOG: log }
    })
    const egress = readEgress(log)
    const allowed = [new URL(world.sim.url).host, new URL(ecrUrl).host]
    const problems: string[] = []
    if (result.code !== 0) problems.push(`exit ${result.code}: ${failureLine(result)}`)
    if (!run.dry) problems.push(...bumpProblems(world, APP, imageOf(APP, sha, 9)))
    for (const entry of egress) {
      if (entry.kind === 'connect' && !allowed.includes(`${entry.host}:${entry.port}`)) {
        problems.push(`connected to ${entry.host}:${entry.port}`)
      }
      if (entry.kind === 'dns' && entry.host !== 'localhost') {
        problems.push(`looked up ${entry.host}`)
      }
      if (entry.kind === 'process' && !/^(git|docker)$/.test(path.basename(entry.command ?? ''))) {
        problems.push(`started ${entry.command}`)
      }
    }
    ledger.scan(run.name, leakTexts(world, result))
    isolatedRuns.push({
      name: run.name,
      exit: String(result.code ?? result.signal),
      message: failureLine(result),
      egress,
      allowed,
      problems
    })
    cleanupRun(result)
    await world.stop()
  }
  await new Promise((resolve) => recorder.close(resolve))
}, 240_000)

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
  const workflows = pinnedWorkflows()
  writeSection('supply-chain', {
    audit,
    explainedAdvisories: EXPLAINED_ADVISORIES,
    bundledPackages: bundled.length,
    licencesListed: bundled.filter((name) => licences.has(name)).length,
    licencesMissing: bundled
      .filter((name) => !licences.has(name))
      .map((name) => `${name} (${declaredLicence(name)})`),
    licenceKinds: Object.fromEntries(
      [...new Set([...licences.values()])].map((kind) => [
        kind,
        [...licences.values()].filter((k) => k === kind).length
      ])
    ),
    isolatedRuns,
    workflows,
    distPathProblems: distPathProblems(),
    secrets: ledger.figures()
  })
})

/** Every `uses:` of the repository's and the example's workflows, and the ones not pinned. */
function pinnedWorkflows(): { files: number; references: number; unpinned: string[] } {
  const files = [
    ...workflowFiles(path.join(repoRoot, '.github/workflows')),
    ...workflowFiles(path.join(repoRoot, 'examples/app/.github/workflows'))
  ]
  let references = 0
  const unpinned: string[] = []
  for (const file of files) {
    for (const reference of actionReferences(readFileSync(file, 'utf8'))) {
      references++
      // The example calls this action by its release tag, which is its documented usage.
      const problem = pinProblem(reference, ['org/gitops-image-bump@v1'])
      if (problem) unpinned.push(`${path.relative(repoRoot, file)}:${reference.line} ${problem}`)
    }
  }
  return { files: files.length, references, unpinned }
}

/** Module paths in dist/ that depend on where it was built (absolute, or above the project). */
function distPathProblems(): string[] {
  const problems: string[] = []
  for (const file of readdirSync(dist)) {
    const text = readFileSync(path.join(dist, file), 'utf8')
    if (file.endsWith('.js')) {
      for (const match of text.matchAll(/\/\/ (?:EXTERNAL|CONCATENATED) MODULE: (\S+)/g)) {
        const module = match[1]
        if (module.startsWith('external')) continue
        if (!module.startsWith('./')) problems.push(`${file}: module path ${module}`)
      }
    }
    if (file.endsWith('.map')) {
      const map = JSON.parse(text) as { sources: string[] }
      for (const source of map.sources) {
        if (path.isAbsolute(source) || /^(\.\.\/){2,}/.test(source)) {
          problems.push(`${file}: source ${source}`)
        }
      }
    }
    if (text.includes(repoRoot)) problems.push(`${file}: holds the checkout path ${repoRoot}`)
  }
  return [...new Set(problems)].slice(0, 20)
}

describe('supply chain of the bundle', () => {
  it('has no unexplained `npm audit --omit=dev` finding (when the audit service answers)', () => {
    const unexplained = audit.findings.filter((finding) => !(finding.name in EXPLAINED_ADVISORIES))
    expect(unexplained).toEqual([])
    expect(audit.ran || (audit.unavailable ?? '') !== '').toBe(true)
  })

  it('lists the licence of every package bundled into dist/ in dist/licenses.txt', () => {
    expect(bundled).toEqual(expect.arrayContaining(['yaml', '@aws-sdk/client-ecr']))
    expect(bundled.filter((name) => !licences.has(name))).toEqual([])
  })

  it('bundles only permissively licensed packages', () => {
    const declared = bundled.map((name) => [name, licences.get(name) ?? declaredLicence(name)])
    expect(
      declared.filter(
        ([, licence]) => !/^(MIT|ISC|Apache-2\.0|BSD-[23]-Clause|0BSD)$/.test(licence)
      )
    ).toEqual([])
  })

  it('runs from dist/ alone and reaches only the endpoints it is given, starting no downloader', () => {
    expect(isolatedRuns.map((run) => [run.name, run.problems])).toEqual(
      isolatedRuns.map((run) => [run.name, []])
    )
    // The log saw the run's own connections, so a missing entry would not pass unnoticed.
    expect(isolatedRuns.every((run) => run.egress.some((e) => e.kind === 'connect'))).toBe(true)
  })

  it('points at no download in dist/ (release assets, archives) and bundles no tool installer', () => {
    const downloads = readdirSync(dist)
      .filter((file) => file.endsWith('.js'))
      .flatMap((file) =>
        [
          ...readFileSync(path.join(dist, file), 'utf8').matchAll(
            /https?:\/\/[^\s'"`)]+(?:\/releases\/download\/|\.(?:tar\.gz|tgz|zip|exe|msi))\b/g
          )
        ].map((match) => `${file}: ${match[0]}`)
      )
    expect(downloads).toEqual([])
    expect(bundled.filter((name) => /tool-cache|download|installer/.test(name))).toEqual([])
  })

  it('pins every action of every workflow by SHA (enforced in examples.unit.test.ts)', () => {
    const workflows = pinnedWorkflows()
    expect(workflows.files).toBeGreaterThan(1)
    expect(workflows.unpinned).toEqual([])
  })

  it('bundles the ES builds of the AWS SDK and Smithy (tsconfig.bundle.json), no CommonJS build', () => {
    const sources = bundledSources()
    const sdk = sources.filter((source) => /node_modules\/@(aws-sdk|smithy)\//.test(source))
    expect(sdk.length).toBeGreaterThan(50)
    // A wrong path in tsconfig.bundle.json falls back to the CommonJS build silently, or to the
    // type declarations.
    expect(sdk.filter((source) => /\/dist-cjs\/|\.d\.ts$/.test(source))).toEqual([])
    expect(sdk.some((source) => source.includes('/@aws-sdk/client-ecr/dist-es/'))).toBe(true)
    expect(sdk.some((source) => source.includes('/@smithy/core/dist-es/'))).toBe(true)
  })

  it('holds no path of the machine it was built on, so a rebuild elsewhere is identical', () => {
    expect(distPathProblems()).toEqual([])
  })

  it('leaks no secret in the isolated runs', () => {
    expect(ledger.figures().where).toEqual([])
  })
})
