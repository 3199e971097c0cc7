/**
 * Reliability, kill and resume: the bundle is killed with SIGKILL at each GitHub request position
 * of a fresh bump (found from a clean run), then the job is re-run. The re-run must finish the
 * bump with exactly one PR and a one-line diff, leave no orphan branch and make no duplicate.
 *
 * Two ways to die at position k:
 * - after request k was answered, before request k+1 is processed (it is held, then dropped);
 * - while request k is in flight, which GitHub completes anyway (the response is lost).
 *
 * The runs get the action's test knobs (`fastClientEnv`: 1.5 s request timeout, 20 ms retry
 * "seconds"); the request a run is killed in is held for less than that timeout, so the kill, not a
 * client retry, is what ends it, and each cell checks the request was still unanswered then.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  APP,
  CLIENT_TIMEOUT_MS,
  LeakLedger,
  SLUG,
  bumpProblems,
  bumpRun,
  failureLine,
  fastClientEnv,
  imageOf,
  leakTexts,
  pool,
  requestLabel,
  requestPositions,
  requestsAt,
  resentAfter,
  shaOf,
  startWorld,
  waitFor,
  writeSection,
  type RequestPosition,
  type World
} from './support/reliability.js'
import { cleanupRun, type RunnerResult } from './support/runner.js'

const PARALLEL = Number(process.env.GIB_RELIABILITY_PARALLEL ?? 8)
/** How long GitHub takes over the request a run is killed during: under the client timeout. */
const IN_FLIGHT_MS = CLIENT_TIMEOUT_MS - 500

interface KillCell {
  position: number
  when: string
  /** Whether the SIGKILL landed (false: the run had already exited). */
  killed: boolean
  /**
   * Whether the request the kill targets was still unanswered, and the run's last, when the kill
   * was sent (absent for the kill after the last answer, which targets no request).
   */
  inFlightAtKill?: boolean
  rerunExit: string
  rerunOperation: string
  problems: string[]
  seconds: number
}

const ledger = new LeakLedger()
const cells: KillCell[] = []
let positions: RequestPosition[] = []

function scan(world: World, result: RunnerResult, name: string): void {
  ledger.scan(name, leakTexts(world, result))
  cleanupRun(result)
}

/**
 * Kills a run at `k`: `mode: 'after'` once request k is answered (k = 0: before any request
 * reaches GitHub; k = last: after the last answer), `mode: 'during'` while request k is in flight.
 */
async function killCell(k: number, mode: 'after' | 'during'): Promise<KillCell> {
  const started = Date.now()
  const world = await startWorld()
  const sha = shaOf(`kill ${mode} ${k}`)
  const run = { sha, runNumber: 11, env: fastClientEnv() }
  try {
    const held = mode === 'after' ? positions[k] : positions[k - 1]
    if (held) {
      world.sim.inject({
        method: held.method,
        path: held.path,
        after: held.after,
        // After: never processed (held, then the connection is dropped). During: processed late.
        ...(mode === 'after' ? { delayMs: 60_000, reset: true } : { delayMs: IN_FLIGHT_MS })
      })
    }
    let pid = 0
    let exited = false
    const running = bumpRun(world, { ...run, onSpawn: (p) => (pid = p) }).then((result) => {
      exited = true
      return result
    })
    const arrived = () =>
      held === undefined
        ? world.sim.requests.length >= k && world.sim.requests.every((r) => r.status !== 0)
        : requestsAt(world.sim.requests, held).length > held.after
    await waitFor(() => exited || arrived(), `position ${k} of a run`)
    const killed = !exited
    // The targeted request must still be unanswered and not sent again: no client retry yet.
    // (Other reads may have gone out alongside it: the branch head and the values file.)
    const target = held ? requestsAt(world.sim.requests, held)[held.after] : undefined
    const inFlightAtKill =
      target === undefined
        ? undefined
        : target.status === 0 && !resentAfter(world.sim.requests, target)
    if (killed) process.kill(pid, 'SIGKILL')
    const first = await running
    if (mode === 'during' && target) {
      await waitFor(() => target.status !== 0, 'GitHub to finish the request of the killed run')
    }
    scan(world, first, `kill ${mode} ${k}`)

    const rerun = await bumpRun(world, { ...run, runAttempt: 2 })
    const problems = [
      ...(rerun.code === 0 ? [] : [`re-run failed: ${failureLine(rerun)}`]),
      ...bumpProblems(world, APP, imageOf(APP, sha, run.runNumber))
    ]
    const made = world.sim.pulls(SLUG).filter((pull) => pull.head.startsWith(`update-${APP}-`))
    if (made.length !== 1) problems.push(`${made.length} bump PRs were made in all`)
    const cell: KillCell = {
      position: k,
      when:
        mode === 'after'
          ? k === 0
            ? 'before the first request is processed'
            : `after ${requestLabel(positions[k - 1])} was answered`
          : `during ${requestLabel(positions[k - 1])} (GitHub completes it, the answer is lost)`,
      killed,
      inFlightAtKill,
      rerunExit: String(rerun.code ?? rerun.signal),
      rerunOperation: rerun.outputs['pull-request-operation'] ?? '',
      problems,
      seconds: (Date.now() - started) / 1000
    }
    scan(world, rerun, `kill ${mode} ${k} re-run`)
    return cell
  } finally {
    await world.stop()
  }
}

beforeAll(async () => {
  const world = await startWorld()
  const clean = await bumpRun(world, {
    sha: shaOf('kill clean'),
    runNumber: 11,
    env: fastClientEnv()
  })
  if (clean.code !== 0) throw new Error(`the clean run failed: ${failureLine(clean)}`)
  positions = requestPositions(world.sim.requests)
  scan(world, clean, 'kill clean')
  await world.stop()

  const tasks = [
    ...positions.map((_, k) => () => killCell(k, 'after')),
    () => killCell(positions.length, 'after'),
    ...positions.map((_, k) => () => killCell(k + 1, 'during'))
  ]
  cells.push(...(await pool(tasks, PARALLEL)))
}, 400_000)

afterAll(() => {
  writeSection('kill', {
    positions: positions.map((p) => requestLabel(p)),
    totals: {
      tried: cells.length,
      killed: cells.filter((c) => c.killed).length,
      recovered: cells.filter((c) => c.problems.length === 0).length,
      lost: cells.filter((c) => c.problems.length > 0).length
    },
    cells,
    secrets: ledger.figures()
  })
})

describe('SIGKILL at each GitHub request position, then a re-run', () => {
  it('kills a run at every position of a fresh bump, after and during each request', () => {
    expect(cells).toHaveLength(positions.length * 2 + 1)
    // Only the kill after the very last answer may miss: the run may already have exited.
    expect(cells.filter((c) => !c.killed).map((c) => c.when)).toEqual(
      cells.filter((c) => !c.killed && c.position === positions.length).map((c) => c.when)
    )
  })

  it('kills each run while the targeted request is unanswered, before any client retry', () => {
    expect(cells.filter((c) => c.killed && c.inFlightAtKill === false).map((c) => c.when)).toEqual(
      []
    )
    // Every cell but the kill after the last answer targets a request.
    expect(cells.filter((c) => c.inFlightAtKill === true)).toHaveLength(positions.length * 2)
  })

  it('finishes the bump on re-run with one PR, a one-line diff, no orphan branch, no duplicate', () => {
    expect(
      cells.filter((c) => c.problems.length > 0).map((c) => `${c.when}: ${c.problems.join('; ')}`)
    ).toEqual([])
    expect(cells.every((c) => c.rerunExit === '0')).toBe(true)
  })

  it('leaks no secret in the killed runs, their re-runs or what they left behind', () => {
    expect(ledger.runs).toBe(cells.length * 2 + 1)
    expect(ledger.figures().where).toEqual([])
  })
})
