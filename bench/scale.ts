/**
 * Section 5: many apps at once. N bumps of different apps start together on one GitOps repository,
 * through the GitHub simulator with GitHub's secondary rate limit for content creation (at most 80
 * content-creating requests a minute), each bump with its own client as on its own runner.
 *
 * Time is compressed so the run takes seconds, not minutes: every wait — the per-request latency,
 * `retry-after`, backoff — is divided by `timeScale`, the
 * simulator's rate-limit clock runs `timeScale` times faster, and measured times are multiplied
 * back. CPU time is not compressed, so it is over-counted `timeScale`-fold: the figures are upper
 * bounds.
 */
import { performance } from 'node:perf_hooks'
import { startGitHubSimulator } from '../sandbox/github/index.js'
import { bumpGitOps, type GitOpsBumpResult } from '../src/gitops.js'
import { ACTION_THROTTLE, createGitHubClient, type RetryWait } from '../src/octokit.js'
import { bumpableApps, gitopsRepoFiles, valuesPath } from './gitops-repo.js'
import { secrets } from './harness.js'
import { startLatencyProxy } from './latency-proxy.js'
import { renderTable, type SectionReport, type TargetCheck } from './report.js'
import { formatMs, formatRatio, median } from './stats.js'

export interface ScaleBenchOptions {
  counts: number[]
  /** How many times faster than real time the simulated clock runs. */
  timeScale: number
  /** Simulated latency per request, ms. */
  latencyMs: number
  log: (message: string) => void
}

const OWNER = 'acme'
const REPO = 'gitops-apps'
const TOKEN = 'ghs_benchscaletoken00000000000000000000'
const WRITES_PER_MINUTE = 80

interface BumpOutcome {
  app: string
  /** Simulated ms from the common start to the end of this bump. */
  doneMs: number
  ok: boolean
  error?: string
  operation?: GitOpsBumpResult['operation']
  waits: RetryWait[]
}

interface CountResult {
  n: number
  /** Simulated ms until the last PR was open. */
  allOpenMs: number
  /** Median simulated ms of one bump. */
  medianBumpMs: number
  failures: number
  errors: string[]
  openPulls: number
  requests: number
  rateLimited: number
  secondaryWaits: number
  longestWaitMs: number
  /** The requests, for N = 1 only. */
  requestLog?: string[]
}

async function runCount(n: number, options: ScaleBenchOptions): Promise<CountResult> {
  const k = options.timeScale
  const files = gitopsRepoFiles(Math.max(100, 7 + 6 * (n + 2)))
  const apps = bumpableApps(files, n)
  if (apps.length < n) throw new Error(`the repository holds only ${apps.length} apps`)
  const realStart = performance.now()
  const simulatedNow = () => 1_764_230_400_000 + (performance.now() - realStart) * k
  const sim = await startGitHubSimulator({
    repos: [{ owner: OWNER, name: REPO, files, private: true }],
    tokens: [{ token: TOKEN, login: 'gitops-bot[bot]', kind: 'app' }],
    secondaryRateLimit: { writesPerMinute: WRITES_PER_MINUTE, clock: simulatedNow }
  })
  const proxy = await startLatencyProxy({ target: sim.url, latencyMs: options.latencyMs / k })
  const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined }
  try {
    const started = performance.now()
    const outcomes = await Promise.all(
      apps.map(async (app, index): Promise<BumpOutcome> => {
        const waits: RetryWait[] = []
        const sha = `${(index + 1).toString(16).padStart(7, '0')}${'a'.repeat(33)}`
        const tag = `main-${sha.slice(0, 7)}-${index + 1}`
        // Each bump has its own client, as each runs on its own runner, configured as the action
        // configures it (no spacing between writes; retry-after and backoff scaled).
        const client = createGitHubClient({
          token: TOKEN,
          baseUrl: proxy.url,
          delayUnitMs: 1000 / k,
          throttle: ACTION_THROTTLE,
          onRetryWait: (wait) => waits.push(wait)
        })
        try {
          const result = await bumpGitOps(
            client,
            {
              repository: { owner: OWNER, repo: REPO },
              valuesFile: valuesPath('dev', app),
              imageKey: 'microservice.image',
              image: `226633502530.dkr.ecr.us-east-1.amazonaws.com/${app}:${tag}`,
              branch: `update-${app}-${sha.slice(0, 7)}`,
              commitMessage: `chore(dev): bump ${app} to ${tag}`,
              prTitle: `chore(dev): bump ${app} to ${tag}`,
              draft: false,
              labels: [],
              reviewers: [],
              teamReviewers: [],
              autoMerge: false,
              supersede: true,
              mode: 'pull-request',
              dryRun: false,
              tokenKind: 'app',
              source: {
                app,
                environment: 'dev',
                repository: `acme/${app}`,
                sha,
                runNumber: index + 1,
                runAttempt: 1,
                runId: String(5000 + index),
                serverUrl: 'https://github.com'
              }
            },
            {
              log: quiet,
              backoffMs: (attempt) => (1000 * 2 ** (attempt - 1)) / k
            }
          )
          return {
            app,
            doneMs: (performance.now() - started) * k,
            ok: result.operation === 'created',
            operation: result.operation,
            waits
          }
        } catch (error) {
          return {
            app,
            doneMs: (performance.now() - started) * k,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
            waits
          }
        }
      })
    )
    const failures = outcomes.filter((o) => !o.ok)
    const allWaits = outcomes.flatMap((o) => o.waits)
    const secondary = allWaits.filter((w) => w.reason === 'secondary-rate-limit')
    const result: CountResult = {
      n,
      allOpenMs: Math.max(...outcomes.map((o) => o.doneMs)),
      medianBumpMs: median(outcomes.map((o) => o.doneMs)),
      failures: failures.length,
      errors: [...new Set(failures.map((o) => o.error ?? `operation ${o.operation}`))].slice(0, 5),
      openPulls: sim.pulls(`${OWNER}/${REPO}`).filter((p) => p.state === 'open').length,
      requests: proxy.stats.requests,
      rateLimited: sim.requests.filter((r) => r.status === 403).length,
      secondaryWaits: secondary.length,
      longestWaitMs: Math.max(0, ...secondary.map((w) => w.waitMs * k)),
      requestLog: n === 1 ? proxy.stats.log.map((entry) => entry.replace(/\?.*$/, '')) : undefined
    }
    options.log(
      `  scale: N=${n}: all open after ${formatMs(result.allOpenMs)} (simulated), ${result.failures} failures, ${result.rateLimited} rate-limited answers`
    )
    return result
  } finally {
    await proxy.stop()
    await sim.stop()
  }
}

export async function runScaleBench(options: ScaleBenchOptions): Promise<SectionReport> {
  secrets.add(TOKEN)
  // N = 1 first: the baseline, one bump alone under the same rules.
  const counts = [1, ...options.counts.filter((n) => n !== 1)]
  const results: CountResult[] = []
  for (const n of counts) results.push(await runCount(n, options))
  const { markdown, targets } = renderScaleSection(results, options)
  return {
    id: 'scale',
    title: '5. Scale of many apps',
    markdown,
    targets,
    results: {
      timeScale: options.timeScale,
      latencyMs: options.latencyMs,
      writesPerMinute: WRITES_PER_MINUTE,
      counts: results
    }
  }
}

/** The Markdown and the target checks, from the figures; pure. */
export function renderScaleSection(
  results: CountResult[],
  options: { timeScale: number; latencyMs: number }
): { markdown: string; targets: TargetCheck[] } {
  const single = results.find((r) => r.n === 1)
  const many = results.filter((r) => r.n > 1)
  const writes = single?.requestLog?.filter((entry) => !entry.startsWith('GET ')).length ?? 3
  const targets: TargetCheck[] = many.map((r) => ({
    target: `N = ${r.n} bumps of different apps at once: 0 failures`,
    measured: `${r.failures} failures; all ${r.openPulls} PRs open after ${formatMs(r.allOpenMs)} (one bump alone: ${single ? formatMs(single.allOpenMs) : 'n/a'}); ${r.rateLimited} secondary-rate-limit answers, retried`,
    verdict: r.failures === 0 && r.openPulls === r.n ? 'met' : 'not met',
    note:
      r.failures === 0
        ? undefined
        : `Failures: ${r.errors.join(' | ')}. Each bump makes ${writes} content-creating requests (create branch, commit, open PR); ${r.n} bumps make ${writes * r.n} against a budget of ${WRITES_PER_MINUTE} a minute, and the client gives up after 3 rate-limited retries of one request.`
  }))
  const rows = results.map((r) => [
    String(r.n),
    formatMs(r.allOpenMs),
    formatMs(r.medianBumpMs),
    single ? formatRatio(r.allOpenMs / single.allOpenMs) : 'n/a',
    `${r.openPulls} / ${r.n}`,
    String(r.failures),
    String(r.requests),
    String(r.rateLimited),
    r.longestWaitMs > 0 ? formatMs(r.longestWaitMs) : '—'
  ])
  const markdown = [
    `**Method.** N bumps of different apps (\`values/dev/<app>/values.yaml\`) start at the same instant, in one process, each through its own GitOps client (\`src/octokit.ts\`, configured as the action configures it: no spacing between writes, retry-after and backoff honoured) and \`src/gitops.ts\` with the default inputs (\`supersede: true\`). ` +
      `The simulator enforces GitHub's secondary limit for content creation: at most ${WRITES_PER_MINUTE} content-creating requests (POST, PATCH, PUT, DELETE, GraphQL mutations) in any sliding minute, answering 403 "You have exceeded a secondary rate limit" with \`retry-after\`, as GitHub does. ${options.latencyMs} ms latency per request. ` +
      `Time is compressed ${options.timeScale}-fold (every wait divided, the simulator's clock sped up, the measured times multiplied back); CPU time is not compressed and so is over-counted ${options.timeScale}-fold, which makes these times upper bounds. N = 1 is the baseline: one bump alone under the same rules, in the same run.`,
    '',
    renderTable(
      [
        'N',
        'All PRs open after',
        'Median bump',
        'vs one bump',
        'PRs open',
        'Failures',
        'Requests',
        'Rate-limited answers',
        'Longest retry-after wait'
      ],
      rows,
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']
    ),
    '',
    single?.requestLog
      ? `One bump (the current src/, in-process): ${single.requestLog.length} requests, ${single.requestLog.filter((entry) => !entry.startsWith('GET ')).length} of them content-creating: ${single.requestLog.map((entry) => `\`${entry}\``).join(', ')}.`
      : '',
    '',
    many.some((r) => r.rateLimited > 0)
      ? "Above the budget the bumps that meet the limit wait for `retry-after` (up to a minute) and go on: the time is the limit's, not the action's, and the chain of actions meets the same limit (create-pull-request uses the same throttling plugin)."
      : ''
  ].join('\n')
  return { markdown, targets }
}
