/**
 * Reliability, concurrency: many runs of the committed bundle against one GitOps repository at
 * the same time.
 * - 20 different apps at once: 20 PRs, 0 failures.
 * - 5 runs of the same app (5 pushes, run numbers n+1 … n+5) started in a shuffled order with
 *   random offsets, so they finish in random orders; repeated 20 times. Each time exactly one open
 *   bump PR must remain, holding the newest image, and the others must be closed as superseded.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  LeakLedger,
  SLUG,
  bumpProblems,
  bumpRun,
  failureLine,
  imageOf,
  leakTexts,
  orphanBranches,
  pool,
  seededRandom,
  shaOf,
  shuffled,
  startWorld,
  valuesFileOf,
  writeSection,
  type World
} from './support/reliability.js'
import { cleanupRun, type RunnerResult } from './support/runner.js'

const APPS = Array.from({ length: 20 }, (_, i) => `app-${String(i + 1).padStart(2, '0')}`)
const RUNS_PER_ROUND = 5
const ROUNDS = Number(process.env.GIB_RELIABILITY_ROUNDS ?? 20)
/**
 * Rounds run at the same time (each on its own simulator). A run mostly waits (the client spaces
 * its writes 1 s apart), so 10 rounds, 50 processes, keep 2 cores busy without starving them.
 */
const PARALLEL_ROUNDS = Number(process.env.GIB_RELIABILITY_PARALLEL_ROUNDS ?? 10)
/** Longest random offset between the starts of a round's runs. */
const MAX_START_OFFSET_MS = 2000
const SEED = Number(process.env.GIB_RELIABILITY_SEED ?? 20261127)
const RACE_APP = 'myapp-010'

const ledger = new LeakLedger()

function scan(world: World, result: RunnerResult, name: string): void {
  ledger.scan(name, leakTexts(world, result))
  cleanupRun(result)
}

interface ManyApps {
  seconds: number
  exits: string[]
  failures: string[]
  pullRequests: number
  problems: string[]
}

let manyApps: ManyApps

/** The same app bumped by runs one after another (no overlap): the control for the race. */
interface SequentialControl {
  order: number[]
  operations: string[]
  openBumpPulls: number
  problems: string[]
}

let sequential: SequentialControl

interface Round {
  round: number
  startOrder: number[]
  finishOrder: number[]
  operations: Record<string, string>
  failures: string[]
  openBumpPulls: number
  newestHeld: boolean
  closedAsSuperseded: number
  problems: string[]
  seconds: number
}

const rounds: Round[] = []

async function raceRound(round: number): Promise<Round> {
  const started = Date.now()
  const random = seededRandom(SEED + round)
  const world = await startWorld()
  try {
    const runNumbers = Array.from({ length: RUNS_PER_ROUND }, (_, i) => 100 * round + i + 1)
    const startOrder = shuffled(runNumbers, random)
    const offsets = startOrder.map(() => Math.floor(random() * MAX_START_OFFSET_MS))
    const finishOrder: number[] = []
    const results = await Promise.all(
      startOrder.map(async (runNumber, i) => {
        // Random start offsets give random interleavings and finish orders.
        await new Promise((resolve) => setTimeout(resolve, offsets[i]))
        const result = await bumpRun(world, {
          app: RACE_APP,
          sha: shaOf(`round ${round} run ${runNumber}`),
          runNumber
        })
        finishOrder.push(runNumber)
        return { runNumber, result }
      })
    )
    const newest = Math.max(...runNumbers)
    const newestImage = imageOf(RACE_APP, shaOf(`round ${round} run ${newest}`), newest)
    const file = valuesFileOf(RACE_APP)
    const failures = results
      .filter(({ result }) => result.code !== 0)
      .map(({ runNumber, result }) => `run ${runNumber}: ${failureLine(result)}`)
    const pulls = world.sim.pulls(SLUG).filter((p) => p.head.startsWith(`update-${RACE_APP}-`))
    const open = pulls.filter((p) => p.state === 'open')
    const problems: string[] = []
    if (open.length !== 1) {
      problems.push(`${open.length} open bump PRs: ${open.map((p) => `#${p.number}`).join(', ')}`)
    }
    const newestHeld =
      open.length === 1 &&
      world.sim.fileAt(SLUG, open[0].head, file)?.includes(newestImage) === true
    if (open.length === 1 && !newestHeld) {
      problems.push(`the open PR #${open[0].number} does not hold the newest image ${newestImage}`)
    }
    let closedAsSuperseded = 0
    for (const pull of pulls.filter((p) => p.state === 'closed')) {
      // Closed with a comment naming the PR that superseded it, and its branch deleted.
      const by = pull.comments
        .map((c) => /Superseded by #(\d+)/.exec(c)?.[1])
        .find((n) => n !== undefined)
      const branchGone = world.sim.branchSha(SLUG, pull.head) === undefined
      if (by !== undefined && branchGone && !pull.merged) closedAsSuperseded++
      else {
        problems.push(
          `#${pull.number} closed ${by === undefined ? 'without a superseded comment' : 'with its branch left'}`
        )
      }
    }
    if (problems.length === 0) problems.push(...bumpProblems(world, RACE_APP, newestImage))
    const orphans = orphanBranches(world)
    if (orphans.length > 0 && problems.every((p) => !p.startsWith('orphan'))) {
      problems.push(`orphan branches: ${orphans.join(', ')}`)
    }
    for (const { runNumber, result } of results) scan(world, result, `round ${round} ${runNumber}`)
    return {
      round,
      startOrder,
      finishOrder,
      operations: Object.fromEntries(
        results.map(({ runNumber, result }) => [
          String(runNumber),
          result.outputs['pull-request-operation'] ?? `exit ${result.code}`
        ])
      ),
      failures,
      openBumpPulls: open.length,
      newestHeld,
      closedAsSuperseded,
      problems: [...failures, ...problems],
      seconds: (Date.now() - started) / 1000
    }
  } finally {
    await world.stop()
  }
}

beforeAll(async () => {
  const started = Date.now()
  const world = await startWorld({ apps: APPS })
  try {
    const results = await Promise.all(
      APPS.map((app, i) =>
        bumpRun(world, { app, sha: shaOf(`many ${app}`), runNumber: 40 + i }).then((result) => ({
          app,
          result
        }))
      )
    )
    const problems = results.flatMap(({ app }, i) =>
      bumpProblems(world, app, imageOf(app, shaOf(`many ${app}`), 40 + i)).map(
        (p) => `${app}: ${p}`
      )
    )
    manyApps = {
      seconds: (Date.now() - started) / 1000,
      exits: results.map(({ result }) => String(result.code ?? result.signal)),
      failures: results
        .filter(({ result }) => result.code !== 0)
        .map(({ app, result }) => `${app}: ${failureLine(result)}`),
      pullRequests: world.sim.pulls(SLUG).filter((p) => p.state === 'open').length,
      problems
    }
    for (const { app, result } of results) scan(world, result, `many ${app}`)
  } finally {
    await world.stop()
  }

  const control = await startWorld()
  try {
    const order = [1, 3, 2]
    const operations: string[] = []
    for (const runNumber of order) {
      const result = await bumpRun(control, {
        app: RACE_APP,
        sha: shaOf(`sequential ${runNumber}`),
        runNumber
      })
      operations.push(
        `${runNumber}: ${result.outputs['pull-request-operation'] ?? `exit ${result.code}`}`
      )
      scan(control, result, `sequential ${runNumber}`)
    }
    const newestImage = imageOf(RACE_APP, shaOf('sequential 3'), 3)
    const closed = control.sim.pulls(SLUG).filter((p) => p.state === 'closed')
    sequential = {
      order,
      operations,
      openBumpPulls: control.sim.pulls(SLUG).filter((p) => p.state === 'open').length,
      problems: [
        ...bumpProblems(control, RACE_APP, newestImage),
        ...closed
          .filter((p) => !p.comments.some((c) => /Superseded by #\d+/.test(c)))
          .map((p) => `#${p.number} closed without a superseded comment`)
      ]
    }
  } finally {
    await control.stop()
  }

  const tasks = Array.from({ length: ROUNDS }, (_, round) => () => raceRound(round + 1))
  rounds.push(...(await pool(tasks, PARALLEL_ROUNDS)))
}, 600_000)

afterAll(() => {
  const orders = new Set(rounds.map((r) => r.finishOrder.map((n) => n % 100).join('')))
  writeSection('concurrency', {
    manyApps: { apps: APPS.length, ...manyApps },
    sequential,
    race: {
      seed: SEED,
      rounds: rounds.length,
      runsPerRound: RUNS_PER_ROUND,
      roundsWithExactlyOneOpenNewestPr: rounds.filter((r) => r.problems.length === 0).length,
      failedRuns: rounds.reduce((sum, r) => sum + r.failures.length, 0),
      distinctFinishOrders: orders.size,
      newestFinishedLast: rounds.filter((r) => r.finishOrder.at(-1) === Math.max(...r.finishOrder))
        .length,
      roundDetails: rounds
    },
    secrets: ledger.figures()
  })
})

describe('20 different apps bumped at once in one GitOps repository', () => {
  it('opens 20 PRs, each a one-line diff of its own values file, with 0 failures', () => {
    expect(manyApps.failures).toEqual([])
    expect(manyApps.exits).toEqual(APPS.map(() => '0'))
    expect(manyApps.pullRequests).toBe(20)
    expect(manyApps.problems).toEqual([])
  })
})

describe('runs of one app one after another (the control for the race)', () => {
  it('keeps one open PR with the newest image and closes the older one as superseded', () => {
    expect(sequential.problems).toEqual([])
    expect(sequential.operations).toEqual(['1: created', '3: created', '2: superseded'])
  })
})

describe(`${RUNS_PER_ROUND} runs of one app finishing in random orders, ${ROUNDS} times`, () => {
  it('runs every round, in more than one finish order', () => {
    expect(rounds).toHaveLength(ROUNDS)
    const orders = new Set(rounds.map((r) => r.finishOrder.map((n) => n % 100).join('')))
    expect(orders.size).toBeGreaterThan(1)
  })

  it('leaves exactly one open bump PR holding the newest image, the others closed as superseded', () => {
    expect(
      rounds
        .filter((r) => r.problems.length > 0)
        .map((r) => `round ${r.round}: ${r.problems.join('; ')}`)
    ).toEqual([])
  })

  it('never fails a run because another run of the same app is racing it', () => {
    expect(rounds.flatMap((r) => r.failures)).toEqual([])
  })
})

describe('secrets under concurrency', () => {
  it('leaks no secret in any concurrent run', () => {
    expect(ledger.runs).toBe(APPS.length + 3 + ROUNDS * RUNS_PER_ROUND)
    expect(ledger.figures().where).toEqual([])
  })
})
