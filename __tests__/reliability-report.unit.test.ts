/**
 * The report generator: it refuses incomplete or mixed results, and its findings follow the
 * figures (a lost cell, a bad race round, a missing licence each become a finding; clean figures
 * give none).
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  SECTIONS,
  findings,
  readResults,
  renderReport,
  type Results
} from '../scripts/reliability-report.js'

const bundle = { script: 'dist/index.js', sha256: 'a'.repeat(64) }
const noLeaks = { runsScanned: 2, leaks: 0, where: [] }

function cleanResults(): Results {
  const section = <T>(name: string, figures: T) => ({
    section: name,
    measuredAt: '2026-11-27T00:00:00.000Z',
    bundle,
    figures
  })
  return {
    faults: section('faults', {
      positions: ['GET {repo}'],
      ecrPositions: { promotion: ['DescribeImages'], build: [] },
      ecrSkipped: '',
      client: {
        requestTimeoutMs: 1500,
        retryDelayUnitMs: 20,
        attempts: 4,
        holdMs: 4000,
        jobTimeoutMs: 15000
      },
      kinds: { github: ['500'], ecr: ['500'] },
      totals: { tried: 1, survived: 1, failedThenRecovered: 0, hungThenRecovered: 0, lost: 0 },
      cells: [
        {
          system: 'github' as const,
          position: 1,
          request: 'GET {repo}',
          fault: '500',
          outcome: 'survived' as const,
          answered: true,
          firstExit: '0',
          firstRunSeconds: 3,
          message: '',
          attempts: 2,
          problems: []
        }
      ],
      secrets: noLeaks
    }),
    kill: section('kill', {
      positions: ['GET {repo}'],
      totals: { tried: 1, killed: 1, recovered: 1, lost: 0 },
      cells: [],
      secrets: noLeaks
    }),
    concurrency: section('concurrency', {
      sequential: { order: [1, 3, 2], operations: [], openBumpPulls: 1, problems: [] },
      manyApps: { apps: 20, seconds: 10, failures: [], pullRequests: 20, problems: [] },
      race: {
        seed: 1,
        rounds: 2,
        runsPerRound: 5,
        roundsWithExactlyOneOpenNewestPr: 2,
        failedRuns: 0,
        distinctFinishOrders: 2,
        newestFinishedLast: 1,
        roundDetails: [
          { round: 1, finishOrder: [1, 2], operations: {}, openBumpPulls: 1, problems: [] },
          { round: 2, finishOrder: [2, 1], operations: {}, openBumpPulls: 1, problems: [] }
        ]
      },
      secrets: noLeaks
    }),
    hostile: section('hostile', {
      totals: { tried: 1, clearErrors: 1, succeededSafely: 0, unsafe: 0 },
      cases: [
        {
          name: 'bad app',
          group: 'template injection',
          outcome: 'clear error',
          message: '1 input is invalid: - app',
          githubWrites: 0,
          problems: []
        }
      ],
      secrets: noLeaks
    }),
    'supply-chain': section('supply-chain', {
      audit: { ran: true, findings: [] },
      explainedAdvisories: {},
      bundledPackages: 2,
      licencesListed: 2,
      licencesMissing: [],
      licenceKinds: { MIT: 2 },
      isolatedRuns: [],
      workflows: { files: 2, references: 3, unpinned: [] },
      distPathProblems: [],
      secrets: noLeaks
    }),
    secrets: section('secrets', {
      runs: [],
      userDockerConfigUnchanged: true,
      secrets: noLeaks
    })
  }
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gib-report-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('the reliability report', () => {
  it('reports no finding when every figure meets its target', () => {
    const results = cleanResults()
    expect(findings(results)).toEqual([])
    expect(renderReport(results, { commit: 'c0ffee', generatedAt: 'now' })).toContain(
      'None: every figure meets its target.'
    )
  })

  it('turns a lost cell, a bad race round and a missing licence into findings', () => {
    const results = cleanResults()
    results.faults.figures.cells[0].outcome = 'lost'
    results.concurrency.figures.race.roundsWithExactlyOneOpenNewestPr = 1
    results.concurrency.figures.race.roundDetails[1].openBumpPulls = 3
    results['supply-chain'].figures.licencesMissing = ['undici (MIT)']
    const text = findings(results).join('\n')
    expect(text).toMatch(/1 fault cells lost the bump.*GET \{repo\} × 500/)
    expect(text).toMatch(/Supersede race: 1 of 2 rounds.*1, 3/)
    expect(text).toMatch(/misses 1 of 2 bundled packages.*undici \(MIT\)/)
  })

  it('reports a run that hung although the client times out, naming the cell', () => {
    const results = cleanResults()
    Object.assign(results.faults.figures.cells[0], {
      fault: 'no answer',
      answered: false,
      outcome: 'hung-then-recovered',
      firstExit: 'killed'
    })
    const text = findings(results).join('\n')
    expect(text).toMatch(
      /1 runs hung on a GitHub request that got no answer.*GET \{repo\} × no answer/
    )
    expect(text).toMatch(/still running 15 s after.*after 1500 ms.*4 times/)
  })

  it('reports a request GitHub never answered that the error calls an answer of GitHub', () => {
    const results = cleanResults()
    const message = 'GitHub answered 500 trying to read the repository: aborted due to timeout'
    Object.assign(results.faults.figures.cells[0], {
      fault: 'no answer on every attempt',
      answered: false,
      outcome: 'failed-then-recovered',
      firstExit: '1',
      message
    })
    expect(findings(results).join('\n')).toMatch(
      /never answered is reported as GitHub's answer\*\* in 1 cells \(no answer on every attempt\)/
    )
    // The same message for a 500 GitHub did send is right, and no finding.
    results.faults.figures.cells[0].answered = true
    expect(findings(results)).toEqual([])
  })

  it('says how long the runs without any answer took to give up', () => {
    const results = cleanResults()
    results.faults.figures.cells.push(
      ...[6.5, 9.25].map((firstRunSeconds) => ({
        ...results.faults.figures.cells[0],
        fault: 'no answer on every attempt',
        answered: false,
        outcome: 'failed-then-recovered' as const,
        firstExit: '1',
        firstRunSeconds,
        message: 'Could not reach GitHub to read the repository: aborted due to timeout'
      }))
    )
    expect(renderReport(results, { commit: 'c0ffee', generatedAt: 'now' })).toContain(
      'The 2 runs whose request got no answer on any send gave up after 6.5–9.3 s'
    )
  })

  it('describes a safe dry run as writing nothing, not as a PR', () => {
    const results = cleanResults()
    results.hostile.figures.cases[0] = {
      name: 'PR body with workflow commands in a dry run',
      group: 'template injection',
      outcome: 'succeeded safely',
      message: '',
      githubWrites: 0,
      problems: []
    }
    const report = renderReport(results, { commit: 'c0ffee', generatedAt: 'now' })
    const row = report.split('\n').find((line) => line.includes('in a dry run'))
    expect(row).toContain('nothing written to GitHub (dry run)')
    expect(row).not.toContain('one PR')
  })

  it('refuses results with a section missing, naming it', () => {
    const directory = mkdtempSync(path.join(scratch, 'missing-'))
    const results = cleanResults() as unknown as Record<string, unknown>
    for (const name of SECTIONS.filter((n) => n !== 'kill')) {
      writeFileSync(path.join(directory, `${name}.json`), JSON.stringify(results[name]))
    }
    expect(() => readResults(directory)).toThrow(/lacks kill/)
  })

  it('refuses sections measured on different bundles', () => {
    const directory = mkdtempSync(path.join(scratch, 'mixed-'))
    const results = cleanResults() as unknown as Record<string, { bundle: { sha256: string } }>
    results.kill.bundle = { ...results.kill.bundle, sha256: 'b'.repeat(64) }
    for (const name of SECTIONS) {
      writeFileSync(path.join(directory, `${name}.json`), JSON.stringify(results[name]))
    }
    expect(() => readResults(directory)).toThrow(/2 different bundles/)
  })
})
