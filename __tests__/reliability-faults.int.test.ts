/**
 * Reliability, fault matrix: a fresh bump through the committed bundle, with one fault injected
 * at each GitHub request position in turn (found from the request log of a clean run), and on
 * ECR at each position of a promotion. Each cell must either succeed with exactly one PR and a
 * one-line diff, or fail with a clear message after which a clean re-run does. The figures go to
 * the `faults` section of the reliability report.
 *
 * The GitHub runs get the action's test knobs (`fastClientEnv`): a 1.5 s request timeout and
 * 20 ms "seconds" of retry backoff and `retry-after`, so the held cells test the client timeout
 * and the retry cells do not wait real seconds.
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
  CLIENT_ATTEMPTS,
  CLIENT_BACKOFF_MS,
  CLIENT_TIMEOUT_MS,
  LeakLedger,
  RETRY_DELAY_UNIT_MS,
  attemptsAt,
  bumpProblems,
  bumpRun,
  createStandInRepository,
  failureLine,
  fastClientEnv,
  imageOf,
  leakTexts,
  pool,
  pushTinyImage,
  requestLabel,
  requestPositions,
  requestsAt,
  settlesWithin,
  shaOf,
  startWorld,
  unclearFailure,
  waitFor,
  writeSection,
  type BumpRunOptions,
  type RequestPosition,
  type World
} from './support/reliability.js'
import { cleanupRun, repoRoot, type RunnerResult } from './support/runner.js'

/**
 * How many GitHub cells run at once (each has its own simulator). Most of a cell is waiting (the
 * client's 1 s spacing of writes, held requests), so more cells than the 2 shared cores.
 */
const PARALLEL = Number(process.env.GIB_RELIABILITY_PARALLEL ?? 8)
/**
 * How long the simulator holds a request in the "held" columns: well past the client timeout, so
 * the client gives up first; GitHub still completes the request afterwards.
 */
const HOLD_MS = 4000
/**
 * The stand-in for the job's `timeout-minutes`, counted from the arrival of the first held
 * request: a run still going then is killed. It exceeds the longest a run can legitimately spend
 * on one request (every attempt timing out, plus the backoff between), so only a run that hangs
 * is killed.
 */
const JOB_TIMEOUT_MS = 15_000
if (JOB_TIMEOUT_MS < 2 * (CLIENT_TIMEOUT_MS * CLIENT_ATTEMPTS + CLIENT_BACKOFF_MS)) {
  throw new Error('the job-timeout stand-in must leave room for every attempt to time out')
}

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
  /** Whether the fault answers the request at all (false: a reset or no answer in time). */
  answered: boolean
  /** Requests the first run sent to the faulted position (retries included). */
  attempts: number
  problems: string[]
  /** How long the first run took, start to exit (or kill). */
  firstRunSeconds: number
  seconds: number
}

interface FaultKind {
  name: string
  /** Survival is what the spec promises (retries); otherwise failing clearly is enough. */
  mustSurvive: boolean
  fault?: () => Omit<SimFault, 'method' | 'path' | 'after'>
  /**
   * The server holds this many sends of the request for HOLD_MS each (past the client timeout)
   * and processes them afterwards; a run that has not ended JOB_TIMEOUT_MS after the first one
   * arrived is killed.
   */
  hold?: number
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
    name: `no answer for ${HOLD_MS / 1000} s, once (client timeout ${CLIENT_TIMEOUT_MS / 1000} s)`,
    mustSurvive: true,
    hold: 1
  },
  {
    name: `no answer for ${HOLD_MS / 1000} s on every attempt (${CLIENT_ATTEMPTS} × ${CLIENT_TIMEOUT_MS / 1000} s timeouts)`,
    mustSurvive: false,
    hold: CLIENT_ATTEMPTS
  },
  {
    name: '500 on every attempt (past the 3 retries)',
    mustSurvive: false,
    fault: () => ({ status: 500, times: 4 })
  }
]

/** The name of the column that holds `times` sends of the request. */
function heldFault(times: number): string {
  const kind = GITHUB_FAULTS.find((k) => k.hold === times)
  if (!kind) throw new Error(`no column holds ${times} sends`)
  return kind.name
}

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
let positions: RequestPosition[] = []
type EcrPath = 'promotion' | 'build'
const ecrPositions: Record<EcrPath, string[]> = { promotion: [], build: [] }
const ecrPositionsOf = (path: EcrPath): string[] => ecrPositions[path]
const scratch = mkdtempSync(path_.join(os.tmpdir(), 'gib-reliability-faults-'))
const FIXTURE = path_.join(repoRoot, '__tests__/fixtures/app-context')
const builtImages: string[] = []
let cleanProblems: string[] = []
const ecrSkipped = services ? '' : 'the test registry is not running'

function finish(world: World, result: RunnerResult, name: string): void {
  ledger.scan(name, leakTexts(world, result))
  cleanupRun(result)
}

interface FirstRun {
  result: RunnerResult
  /** Whether the job-timeout stand-in killed it. */
  killed: boolean
  /** When its process ended, when the cell waited on something else afterwards. */
  endedAt?: number
}

/**
 * One cell: the faulted run, then (when it did not succeed) a clean re-run as a re-run of the job
 * (same run number, next attempt). `first` starts the faulted run and says how it ended.
 */
async function judgeCell(
  world: World,
  run: BumpRunOptions,
  image: string,
  first: () => Promise<FirstRun>,
  mustSurvive: boolean
): Promise<Pick<Cell, 'outcome' | 'firstExit' | 'message' | 'problems' | 'firstRunSeconds'>> {
  const started = Date.now()
  const { result, killed, endedAt } = await first()
  const firstRunSeconds = ((endedAt ?? Date.now()) - started) / 1000
  const firstExit = killed ? 'killed' : String(result.code ?? result.signal)
  const message = killed ? '' : failureLine(result)
  const problems: string[] = []
  finish(world, result, `${run.sha} first`)
  if (!killed && result.code === 0) {
    problems.push(...bumpProblems(world, APP, image))
    const outcome = problems.length === 0 ? 'survived' : 'lost'
    return { outcome, firstExit, message, problems, firstRunSeconds }
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
  return { outcome, firstExit, message, problems, firstRunSeconds }
}

async function githubCell(position: RequestPosition, kind: FaultKind): Promise<Cell> {
  const started = Date.now()
  const world = await startWorld()
  try {
    const run: BumpRunOptions = {
      sha: shaOf(`${position.index} ${kind.name}`),
      runNumber: 7,
      env: fastClientEnv()
    }
    const matching = () => requestsAt(world.sim.requests, position)
    world.sim.inject({
      method: position.method,
      path: position.path,
      after: position.after,
      ...(kind.hold ? { delayMs: HOLD_MS, times: kind.hold } : kind.fault?.())
    })
    let attempts = 0
    const verdict = await judgeCell(
      world,
      run,
      imageOf(APP, run.sha ?? '', run.runNumber ?? 1),
      async () => {
        if (!kind.hold) {
          const result = await bumpRun(world, run)
          attempts = attemptsAt(world.sim.requests, position)
          return { result, killed: false }
        }
        let pid = 0
        let endedAt: number | undefined
        const running = bumpRun(world, { ...run, onSpawn: (p) => (pid = p) }).then((result) => {
          endedAt = Date.now()
          return result
        })
        await waitFor(
          () => endedAt !== undefined || matching().length > position.after,
          `${requestLabel(position)} to arrive`
        )
        // The job's timeout-minutes, scaled down: a run that still waits then has hung.
        const killed = !(await settlesWithin(running, JOB_TIMEOUT_MS))
        if (killed) process.kill(pid, 'SIGKILL')
        const result = await running
        // GitHub finishes a request whose client went away: wait until the simulator has
        // processed every held send, so the cell is judged on what they did too.
        const held = matching().slice(position.after, position.after + (kind.hold ?? 0))
        await waitFor(
          () => held.every((request) => request.status !== 0),
          'the held requests to be processed'
        )
        attempts = attemptsAt(world.sim.requests, position)
        return { result, killed, endedAt }
      },
      kind.mustSurvive
    )
    return {
      system: 'github',
      answered: kind.hold === undefined && kind.fault?.().reset !== true,
      position: position.index,
      request: requestLabel(position),
      fault: kind.name,
      attempts,
      seconds: (Date.now() - started) / 1000,
      ...verdict
    }
  } finally {
    await world.stop()
  }
}

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
        env: fastClientEnv(),
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
      env: fastClientEnv(),
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
      answered: true,
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

/** The ECR cells: positions from a clean promotion and a clean build, then a fault at each. */
async function ecrMatrix(): Promise<Cell[]> {
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
  return pool(tasks, 2)
}

/** The GitHub cells: positions from a clean fresh bump, then each fault at each. */
async function githubMatrix(): Promise<Cell[]> {
  const world = await startWorld()
  const clean = await bumpRun(world, { sha: shaOf('clean'), runNumber: 7, env: fastClientEnv() })
  cleanProblems =
    clean.code === 0
      ? bumpProblems(world, APP, imageOf(APP, shaOf('clean'), 7))
      : [`clean run failed: ${failureLine(clean)}`]
  positions = requestPositions(world.sim.requests)
  finish(world, clean, 'clean')
  await world.stop()

  const tasks = positions.flatMap((position) =>
    GITHUB_FAULTS.map((kind) => () => githubCell(position, kind))
  )
  return pool(tasks, PARALLEL)
}

let ecrFailure: Error | undefined

beforeAll(async () => {
  // The ECR cells wait on Docker, the GitHub cells mostly on timers: they run side by side.
  const ecr = services
    ? ecrMatrix().catch((error: unknown) => {
        ecrFailure = error instanceof Error ? error : new Error(String(error))
        return []
      })
    : Promise.resolve([])
  const github = await githubMatrix()
  cells.push(...github, ...(await ecr))
}, 600_000)

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
  const count = (outcome: Outcome, system?: Cell['system']) =>
    cells.filter((c) => c.outcome === outcome && (system === undefined || c.system === system))
      .length
  writeSection('faults', {
    positions: positions.map((p) => requestLabel(p)),
    ecrPositions,
    ecrSkipped,
    client: {
      requestTimeoutMs: CLIENT_TIMEOUT_MS,
      retryDelayUnitMs: RETRY_DELAY_UNIT_MS,
      attempts: CLIENT_ATTEMPTS,
      holdMs: HOLD_MS,
      jobTimeoutMs: JOB_TIMEOUT_MS
    },
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

  it('abandons a request GitHub does not answer after the client timeout and sends it again', () => {
    const once = cells.filter((c) => c.system === 'github' && c.fault === heldFault(1))
    expect(once).toHaveLength(positions.length)
    for (const cell of once) {
      expect({ cell: cell.request, outcome: cell.outcome, attempts: cell.attempts }).toEqual({
        cell: cell.request,
        outcome: 'survived',
        attempts: 2
      })
    }
  })

  it('fails clearly, not hangs, when GitHub answers no attempt of a request', () => {
    const never = cells.filter(
      (c) => c.system === 'github' && c.fault === heldFault(CLIENT_ATTEMPTS)
    )
    expect(never).toHaveLength(positions.length)
    // Every attempt times out, with the backoff between them; the rest is the run around it.
    const budget = (CLIENT_ATTEMPTS * CLIENT_TIMEOUT_MS + CLIENT_BACKOFF_MS) / 1000 + 10
    for (const cell of never) {
      expect({
        cell: cell.request,
        exit: cell.firstExit,
        attempts: cell.attempts,
        withinBudget: cell.firstRunSeconds < budget,
        outcome: cell.outcome
      }).toEqual({
        cell: cell.request,
        exit: '1',
        attempts: CLIENT_ATTEMPTS,
        withinBudget: true,
        outcome: 'failed-then-recovered'
      })
    }
  })

  it('says GitHub did not answer, not that it answered 500, when every attempt timed out', () => {
    const never = cells.filter(
      (c) => c.system === 'github' && c.fault === heldFault(CLIENT_ATTEMPTS)
    )
    expect(never.length).toBe(positions.length)
    expect(
      never
        .filter((c) => /GitHub answered \d+/.test(c.message) || !/time(d)? ?out/i.test(c.message))
        .map((c) => `${c.request}: ${c.message}`)
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
  beforeAll(() => {
    // The ECR cells ran beside the GitHub cells in the file's beforeAll; their failure is theirs.
    if (ecrFailure !== undefined) throw ecrFailure
  })

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
