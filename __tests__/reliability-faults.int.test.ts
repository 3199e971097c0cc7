/**
 * Reliability, fault matrix: a fresh bump through the committed bundle, with one fault injected
 * at each GitHub request position in turn (found from the request log of a clean run), and on
 * ECR at each position of a promotion. Each cell must either succeed with exactly one PR and a
 * one-line diff, or fail with a clear message after which a clean re-run does. The figures go to
 * the `faults` section of the reliability report.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path_ from 'node:path'
import { startEcrServer, type EcrFault, type EcrServer } from '../sandbox/ecr-server.js'
import type { SimFault } from '../sandbox/github/index.js'
import { dockerServicesOrSkip, uniqueName } from './support/docker.js'
import {
  APP,
  LeakLedger,
  bumpProblems,
  bumpRun,
  createStandInRepository,
  failureLine,
  imageOf,
  leakTexts,
  pool,
  pushTinyImage,
  shaOf,
  startWorld,
  unclearFailure,
  waitFor,
  writeSection,
  type BumpRunOptions,
  type World
} from './support/reliability.js'
import { cleanupRun, repoRoot, type RunnerResult } from './support/runner.js'

/** How many cells run at once (each has its own simulator); the machine has 2 shared cores. */
const PARALLEL = Number(process.env.GIB_RELIABILITY_PARALLEL ?? 6)
/** How long the server holds a request in the "held" column. */
const HOLD_MS = 4000
/** The stand-in for the job's timeout: how long after a held request the run is killed. */
const JOB_TIMEOUT_MS = 2000

type Outcome = 'survived' | 'failed-then-recovered' | 'hung-then-recovered' | 'lost'

interface Cell {
  system: 'github' | 'ecr'
  position: number
  request: string
  fault: string
  outcome: Outcome
  /** First run: exit code, or `killed` when the job-timeout stand-in ended it. */
  firstExit: string
  /** The first line of the error annotation when the first run failed. */
  message: string
  /** Requests the first run sent to the faulted position (retries included). */
  attempts: number
  problems: string[]
  seconds: number
}

interface Position {
  index: number
  method: string
  path: string
  /** Earlier requests with the same method and path in a clean run. */
  after: number
}

interface FaultKind {
  name: string
  /** Survival is what the spec promises (retries); otherwise failing clearly is enough. */
  mustSurvive: boolean
  fault?: () => Omit<SimFault, 'method' | 'path' | 'after'>
  /** The server holds the request past the job timeout and processes it afterwards. */
  hold?: boolean
}

const GITHUB_FAULTS: FaultKind[] = [
  { name: '500', mustSurvive: true, fault: () => ({ status: 500 }) },
  { name: '502', mustSurvive: true, fault: () => ({ status: 502 }) },
  {
    name: '403 secondary rate limit, retry-after: 1',
    mustSurvive: true,
    fault: () => ({
      status: 403,
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '1' }
    })
  },
  {
    name: '429 rate limit (x-ratelimit-remaining: 0, reset in 1 s)',
    mustSurvive: true,
    fault: () => ({
      status: 429,
      message: 'API rate limit exceeded for installation ID 42.',
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1)
      }
    })
  },
  { name: 'connection reset', mustSurvive: true, fault: () => ({ reset: true }) },
  {
    name: `held ${HOLD_MS / 1000} s (longer than the job timeout stand-in; no client timeout exists)`,
    mustSurvive: false,
    hold: true
  },
  {
    name: '500 on every attempt (past the 3 retries)',
    mustSurvive: false,
    fault: () => ({ status: 500, times: 4 })
  }
]

const ECR_FAULTS: { name: string; mustSurvive: boolean; fault: Omit<EcrFault, 'target'> }[] = [
  {
    name: 'ThrottlingException',
    mustSurvive: true,
    fault: { status: 400, type: 'ThrottlingException', message: 'Rate exceeded' }
  },
  { name: '500', mustSurvive: true, fault: { status: 500, type: 'ServerException' } },
  {
    name: 'ThrottlingException on every attempt (past the SDK retries)',
    mustSurvive: false,
    fault: { status: 400, type: 'ThrottlingException', message: 'Rate exceeded', times: 5 }
  }
]

const services = await dockerServicesOrSkip('reliability-faults.int.test.ts (the ECR cells)')
const describeEcr = services ? describe : describe.skip

const ledger = new LeakLedger()
const cells: Cell[] = []
let positions: Position[] = []
type EcrPath = 'promotion' | 'build'
const ecrPositions: Record<EcrPath, string[]> = { promotion: [], build: [] }
const ecrPositionsOf = (path: EcrPath): string[] => ecrPositions[path]
const scratch = mkdtempSync(path_.join(os.tmpdir(), 'gib-reliability-faults-'))
const FIXTURE = path_.join(repoRoot, '__tests__/fixtures/app-context')
const builtImages: string[] = []
let cleanProblems: string[] = []
const ecrSkipped = services ? '' : 'the test registry is not running'

function describeRequest(position: Position): string {
  return `${position.method} ${position.path.replace(/^\/repos\/acme\/gitops-apps/, '{repo}')}`
}

function finish(world: World, result: RunnerResult, name: string): void {
  ledger.scan(name, leakTexts(world, result))
  cleanupRun(result)
}

/**
 * One cell: the faulted run, then (when it did not succeed) a clean re-run as a re-run of the job
 * (same run number, next attempt). `first` starts the faulted run and says how it ended.
 */
async function judgeCell(
  world: World,
  run: BumpRunOptions,
  image: string,
  first: () => Promise<{ result: RunnerResult; killed: boolean }>,
  mustSurvive: boolean
): Promise<Pick<Cell, 'outcome' | 'firstExit' | 'message' | 'problems'>> {
  const { result, killed } = await first()
  const firstExit = killed ? 'killed' : String(result.code ?? result.signal)
  const message = killed ? '' : failureLine(result)
  const problems: string[] = []
  finish(world, result, `${run.sha} first`)
  if (!killed && result.code === 0) {
    problems.push(...bumpProblems(world, APP, image))
    return { outcome: problems.length === 0 ? 'survived' : 'lost', firstExit, message, problems }
  }
  if (mustSurvive) problems.push(`did not survive a fault the client retries (${firstExit})`)
  if (!killed) {
    const unclear = unclearFailure(result)
    if (unclear) problems.push(`unclear failure: ${unclear}`)
  }
  world.sim.clearFaults()
  const rerun = await bumpRun(world, { ...run, runAttempt: 2 })
  if (rerun.code !== 0) problems.push(`re-run failed: ${failureLine(rerun)}`)
  problems.push(...bumpProblems(world, APP, image))
  finish(world, rerun, `${run.sha} re-run`)
  const outcome: Outcome =
    problems.length > 0 ? 'lost' : killed ? 'hung-then-recovered' : 'failed-then-recovered'
  return { outcome, firstExit, message, problems }
}

async function githubCell(position: Position, kind: FaultKind): Promise<Cell> {
  const started = Date.now()
  const world = await startWorld()
  try {
    const run: BumpRunOptions = { sha: shaOf(`${position.index} ${kind.name}`), runNumber: 7 }
    const matching = () =>
      world.sim.requests.filter((r) => r.method === position.method && r.path === position.path)
    world.sim.inject({
      method: position.method,
      path: position.path,
      after: position.after,
      ...(kind.hold ? { delayMs: HOLD_MS } : kind.fault?.())
    })
    let attempts = 0
    const verdict = await judgeCell(
      world,
      run,
      imageOf(APP, run.sha ?? '', run.runNumber ?? 1),
      async () => {
        if (!kind.hold) {
          const result = await bumpRun(world, run)
          attempts = matching().length - position.after
          return { result, killed: false }
        }
        let pid = 0
        let exited = false
        const running = bumpRun(world, { ...run, onSpawn: (p) => (pid = p) }).then((result) => {
          exited = true
          return result
        })
        await waitFor(
          () => exited || matching().length > position.after,
          `${describeRequest(position)} to arrive`
        )
        let killed = false
        if (!exited) {
          // The job's timeout-minutes, scaled down: the run is still waiting on the held request.
          await new Promise((resolve) => setTimeout(resolve, JOB_TIMEOUT_MS))
          if (!exited) {
            process.kill(pid, 'SIGKILL')
            killed = true
          }
        }
        const result = await running
        // GitHub finishes a request whose client went away: wait until the simulator has.
        const held = matching()[position.after]
        if (held) await waitFor(() => held.status !== 0, 'the held request to be processed')
        attempts = matching().length - position.after
        return { result, killed }
      },
      kind.mustSurvive
    )
    return {
      system: 'github',
      position: position.index,
      request: describeRequest(position),
      fault: kind.name,
      attempts,
      seconds: (Date.now() - started) / 1000,
      ...verdict
    }
  } finally {
    await world.stop()
  }
}

beforeAll(async () => {
  const world = await startWorld()
  const clean = await bumpRun(world, { sha: shaOf('clean'), runNumber: 7 })
  cleanProblems =
    clean.code === 0
      ? bumpProblems(world, APP, imageOf(APP, shaOf('clean'), 7))
      : [`clean run failed: ${failureLine(clean)}`]
  const seen = new Map<string, number>()
  positions = world.sim.requests.map((request, index) => {
    const key = `${request.method} ${request.path}`
    const after = seen.get(key) ?? 0
    seen.set(key, after + 1)
    return { index: index + 1, method: request.method, path: request.path, after }
  })
  finish(world, clean, 'clean')
  await world.stop()

  const tasks = positions.flatMap((position) =>
    GITHUB_FAULTS.map((kind) => () => githubCell(position, kind))
  )
  cells.push(...(await pool(tasks, PARALLEL)))
}, 600_000)

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
  const count = (outcome: Outcome, system?: Cell['system']) =>
    cells.filter((c) => c.outcome === outcome && (system === undefined || c.system === system))
      .length
  writeSection('faults', {
    positions: positions.map(describeRequest),
    ecrPositions,
    ecrSkipped,
    kinds: { github: GITHUB_FAULTS.map((k) => k.name), ecr: ECR_FAULTS.map((k) => k.name) },
    totals: {
      tried: cells.length,
      survived: count('survived'),
      failedThenRecovered: count('failed-then-recovered'),
      hungThenRecovered: count('hung-then-recovered'),
      lost: count('lost')
    },
    cells,
    secrets: ledger.figures()
  })
})

describe('fault matrix on GitHub (fresh bump, promotion path, committed bundle)', () => {
  it('takes the request positions from a clean fresh bump, which opens one PR', () => {
    expect(cleanProblems).toEqual([])
    expect(positions.length).toBeGreaterThanOrEqual(5)
    expect(positions.map((p) => p.method)).toContain('POST')
  })

  it('loses no bump in any cell: it succeeds, or fails clearly and a re-run finishes it', () => {
    const lost = cells.filter((c) => c.system === 'github' && c.outcome === 'lost')
    expect(
      lost.map((c) => `#${c.position} ${c.request} × ${c.fault}: ${c.problems.join('; ')}`)
    ).toEqual([])
    expect(cells.filter((c) => c.system === 'github')).toHaveLength(
      positions.length * GITHUB_FAULTS.length
    )
  })

  it('survives every single 5xx, reset and rate limit at every position, without a re-run', () => {
    const mustSurvive = new Set(GITHUB_FAULTS.filter((k) => k.mustSurvive).map((k) => k.name))
    const notSurvived = cells.filter(
      (c) => c.system === 'github' && mustSurvive.has(c.fault) && c.outcome !== 'survived'
    )
    expect(
      notSurvived.map((c) => `#${c.position} ${c.request} × ${c.fault}: ${c.firstExit}`)
    ).toEqual([])
  })

  it('names the failed GitHub call when a 500 outlasts the retries', () => {
    const persistent = cells.filter((c) => c.fault.startsWith('500 on every attempt'))
    expect(persistent.length).toBe(positions.length)
    for (const cell of persistent) {
      expect({ cell: cell.request, exit: cell.firstExit }).toEqual({
        cell: cell.request,
        exit: '1'
      })
      expect(cell.message).toMatch(/GitHub answered 500/)
      expect(cell.attempts).toBe(4)
    }
  })
})

describeEcr('fault matrix on ECR (promotion of an ECR image, and the build path)', () => {
  const promoted = { repository: 'reliability/promote', tag: 'main-abc1234-1' }
  const promotedImage = `226633502530.dkr.ecr.us-east-1.amazonaws.com/${promoted.repository}:${promoted.tag}`

  /** A run on `path` against the stand-in at `ecrUrl`, and the image it must write. */
  function ecrRun(
    path: EcrPath,
    ecrUrl: string,
    sha: string
  ): { run: BumpRunOptions; image: string } {
    if (!services) throw new Error('the ECR cells need the test registry')
    if (path === 'promotion') {
      return {
        run: {
          sha,
          runNumber: 7,
          ecrUrl,
          inputs: { image: promotedImage, 'aws-region': 'us-east-1' }
        },
        image: promotedImage
      }
    }
    const repository = uniqueName('reliability/faults')
    const workspace = mkdtempSync(path_.join(scratch, 'workspace-'))
    cpSync(FIXTURE, workspace, { recursive: true })
    builtImages.push(`${services.registry.host}/${repository}:main-${sha.slice(0, 7)}-7`)
    return {
      run: {
        sha,
        runNumber: 7,
        ecrUrl,
        workspace,
        timeoutMs: 240_000,
        inputs: {
          image: '',
          'aws-region': 'us-east-1',
          'ecr-repository': repository,
          'build-args': `BASE_IMAGE=${services.baseImage}`,
          network: 'host'
        }
      },
      image: `${services.registry.host}/${repository}:main-${sha.slice(0, 7)}-7`
    }
  }

  async function startStandIn(): Promise<EcrServer> {
    if (!services) throw new Error('the ECR cells need the test registry')
    const ecr = await startEcrServer({ registry: services.registry, accountId: '226633502530' })
    await createStandInRepository(ecr.url, promoted.repository)
    ecr.requests.length = 0
    return ecr
  }

  /** The ECR calls of a clean run on `path`, in order. */
  async function cleanEcrCalls(path: EcrPath): Promise<string[]> {
    const ecr = await startStandIn()
    const world = await startWorld()
    try {
      const { run } = ecrRun(path, ecr.url, shaOf(`ecr clean ${path}`))
      const clean = await bumpRun(world, run)
      if (clean.code !== 0) throw new Error(`clean ${path} run failed: ${failureLine(clean)}`)
      finish(world, clean, `ecr clean ${path}`)
      return ecr.requests.map((request) => request.target)
    } finally {
      await world.stop()
      await ecr.stop()
    }
  }

  async function ecrCell(
    path: EcrPath,
    index: number,
    target: string,
    kind: (typeof ECR_FAULTS)[number]
  ): Promise<Cell> {
    const started = Date.now()
    const ecr = await startStandIn()
    const world = await startWorld()
    try {
      const { run, image } = ecrRun(path, ecr.url, shaOf(`ecr ${path} ${index} ${kind.name}`))
      const earlier = ecrPositionsOf(path)
        .slice(0, index)
        .filter((t) => t === target).length
      // The stand-in faults the next calls of an operation: let the earlier ones of it through.
      let attempts = 0
      const verdict = await judgeCell(
        world,
        run,
        image,
        async () => {
          const injectWhenDue = setInterval(() => {
            if (ecr.requests.filter((r) => r.target === target).length >= earlier) {
              clearInterval(injectWhenDue)
              ecr.inject({ target, ...kind.fault })
            }
          }, 1)
          if (earlier === 0) {
            clearInterval(injectWhenDue)
            ecr.inject({ target, ...kind.fault })
          }
          const result = await bumpRun(world, run)
          clearInterval(injectWhenDue)
          attempts = ecr.requests.filter((r) => r.target === target).length - earlier
          return { result, killed: false }
        },
        kind.mustSurvive
      )
      return {
        system: 'ecr',
        position: index + 1,
        request: `${target} (${path})`,
        fault: kind.name,
        attempts,
        seconds: (Date.now() - started) / 1000,
        ...verdict
      }
    } finally {
      await world.stop()
      await ecr.stop()
    }
  }

  beforeAll(async () => {
    if (!services) throw new Error('the ECR cells need the test registry')
    await pushTinyImage(services.registry, promoted.repository, promoted.tag)
    ecrPositions.promotion = await cleanEcrCalls('promotion')
    ecrPositions.build = await cleanEcrCalls('build')
    const tasks = (['promotion', 'build'] as const).flatMap((path) =>
      ecrPositionsOf(path).flatMap((target, index) =>
        ECR_FAULTS.filter((kind) => path === 'promotion' || kind.mustSurvive).map(
          (kind) => () => ecrCell(path, index, target, kind)
        )
      )
    )
    // Builds share one dockerd on the vfs driver: two cells at a time.
    cells.push(...(await pool(tasks, 2)))
  }, 600_000)

  afterAll(async () => {
    if (builtImages.length > 0) {
      await new Promise((resolve) => execFile('docker', ['image', 'rm', ...builtImages], resolve))
    }
  })

  it('finds the ECR calls of a clean promotion and a clean build', () => {
    expect(ecrPositions.promotion).toContain('DescribeImages')
    expect(ecrPositions.build).toEqual(
      expect.arrayContaining(['DescribeRepositories', 'CreateRepository', 'GetAuthorizationToken'])
    )
  })

  it('loses no bump when ECR throttles or fails at any position', () => {
    const lost = cells.filter((c) => c.system === 'ecr' && c.outcome === 'lost')
    expect(
      lost.map((c) => `#${c.position} ${c.request} × ${c.fault}: ${c.problems.join('; ')}`)
    ).toEqual([])
  })

  it('rides out a single ThrottlingException or 500 at every ECR position', () => {
    const mustSurvive = new Set(ECR_FAULTS.filter((k) => k.mustSurvive).map((k) => k.name))
    expect(
      cells
        .filter((c) => c.system === 'ecr' && mustSurvive.has(c.fault) && c.outcome !== 'survived')
        .map((c) => `${c.request} × ${c.fault}: ${c.firstExit} ${c.message}`)
    ).toEqual([])
  })
})

describe('secrets during the fault matrix', () => {
  it('leaks no token or AWS secret in any run of the matrix', () => {
    expect(ledger.runs).toBeGreaterThan(cells.length)
    expect(ledger.figures().where).toEqual([])
  })
})
