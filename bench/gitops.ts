/**
 * Section 1: the GitOps bump, latency and requests against the size of the GitOps repository.
 *
 * The action: `node dist/index.js` on Node 24 as a runner runs it, promoting an image (`image`
 * input, so no build), against the GitHub simulator seeded with the repository. Also the same bump
 * in-process without the write spacing of the throttling plugin, to show where the time goes.
 *
 * The baseline: the clone-based chain on the same repository served by `git http-backend`:
 * `git clone --depth 1`, the YAML edit, `git commit`, `git push`, and one pull-request request.
 *
 * Both sides go through the same latency proxy (bench/latency-proxy.ts): a fixed delay per HTTP
 * request, as a stand-in for github.com round trips.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseDocument } from 'yaml'
import { startGitHubSimulator, type GitHubSimulator } from '../sandbox/github/index.js'
import { bumpGitOps } from '../src/gitops.js'
import { ACTION_THROTTLE, createGitHubClient } from '../src/octokit.js'
import { createBareRepository, startGitServer } from './git-server.js'
import { bumpableApps, gitopsRepoFiles, pseudoSha, valuesPath } from './gitops-repo.js'
import {
  actionEnv,
  benchTmpIsTmpfs,
  bundleSnapshot,
  gitEnv,
  groupDuration,
  node24Binary,
  removeDir,
  run,
  scratchDir,
  secrets,
  spawnTimed,
  stepFiles
} from './harness.js'
import { startLatencyProxy, type LatencyProxy } from './latency-proxy.js'
import type { SectionReport, TargetCheck } from './report.js'
import { renderTable } from './report.js'
import {
  formatBytes,
  formatCount,
  formatMs,
  formatRatio,
  growth,
  median,
  pairedRatio,
  summarize,
  type Summary
} from './stats.js'

const OWNER = 'acme'
const REPO = 'gitops-apps'
const SLUG = `${OWNER}/${REPO}`
const TOKEN = 'ghs_benchgitopstoken0000000000000000000'
/** Not an ECR reference, so the promotion reads nothing from ECR: only the GitOps step talks. */
const IMAGE_REGISTRY = 'images.acme.internal'
const GITOPS_GROUP = 'GitOps pull request'

export interface GitOpsBenchOptions {
  sizes: number[]
  /** Rounds per size below 100,000 files. */
  runs: number
  /** Rounds at 100,000 files and more (each clone of the baseline is slow there). */
  largeRuns: number
  latencyMs: number
  log: (message: string) => void
}

interface ActionSample {
  wallMs: number
  stepMs: number
  requests: number
  roundTrips: number
  requestLog: string[]
  bytes: number
}

interface InProcessSample {
  ms: number
  requests: number
}

interface ChainSample {
  totalMs: number
  cloneMs: number
  editMs: number
  commitMs: number
  pushMs: number
  prMs: number
  requests: number
  bytes: number
}

interface SizeResult {
  files: number
  repoBytes: number
  setup: { simulatorSeedMs: number; bareRepositoryMs: number }
  action: {
    wallMs: Summary
    stepMs: Summary
    requests: number[]
    /** Round trips waited for one after another (requests sent together count once). */
    roundTrips: number[]
    requestLog: string[]
    bytes: number[]
  }
  inProcess: { ms: Summary; requests: number[] }
  chain: {
    totalMs: Summary
    cloneMs: Summary
    editMs: Summary
    commitMs: Summary
    pushMs: Summary
    prMs: Summary
    requests: number[]
    bytes: number[]
  }
  /** Median over rounds of chain / action (whole process), paired per round. */
  speedup: number | undefined
}

/** A fresh source commit per bump, so every run opens a new branch and PR. */
function sourceSha(label: string): string {
  return (pseudoSha(label) + '0'.repeat(40)).slice(0, 33) + pseudoSha(`${label}!`)
}

async function actionRun(
  scratch: string,
  proxy: LatencyProxy,
  app: string,
  label: string,
  runNumber: number
): Promise<ActionSample> {
  const sha = sourceSha(label)
  const files = stepFiles(scratch, {})
  const env = actionEnv({
    files,
    eventName: 'workflow_dispatch',
    sha,
    runNumber,
    inputs: {
      app,
      environment: 'dev',
      'gitops-repository': SLUG,
      'gitops-token': TOKEN,
      'github-api-url': proxy.url,
      // The request budget of the issue is defined without supersede (the default, true, adds
      // the listings of open and recently closed PRs).
      supersede: 'false',
      image: `${IMAGE_REGISTRY}/${app}:main-${sha.slice(0, 7)}-${runNumber}`
    }
  })
  proxy.reset()
  const result = await spawnTimed(node24Binary(), [bundleSnapshot().script], {
    env,
    cwd: files.workspace
  })
  const output = readFileSync(files.outputPath, 'utf8')
  removeDir(files.dir)
  if (result.code !== 0 || !/pull-request-operation<<[^\n]+\ncreated\n/.test(output)) {
    throw new Error(
      `the action did not open a pull request (exit ${result.code}): ${result.stdout.slice(-2000)}`
    )
  }
  const stepMs = groupDuration(result.lines, GITOPS_GROUP)
  if (stepMs === undefined) throw new Error(`no "${GITOPS_GROUP}" group in the action's log`)
  return {
    wallMs: result.wallMs,
    stepMs,
    requests: proxy.stats.requests,
    roundTrips: proxy.stats.roundTrips,
    requestLog: [...proxy.stats.log],
    bytes: proxy.stats.requestBytes + proxy.stats.responseBytes
  }
}

/** The same bump through src/gitops.ts in this process, with no spacing between writes. */
async function inProcessRun(
  proxy: LatencyProxy,
  app: string,
  label: string,
  runNumber: number
): Promise<InProcessSample> {
  const sha = sourceSha(label)
  const tag = `main-${sha.slice(0, 7)}-${runNumber}`
  const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined }
  proxy.reset()
  const started = performance.now()
  const client = createGitHubClient({
    token: TOKEN,
    baseUrl: proxy.url,
    throttle: ACTION_THROTTLE,
    onRetryWait: () => undefined
  })
  const result = await bumpGitOps(
    client,
    {
      repository: { owner: OWNER, repo: REPO },
      valuesFile: valuesPath('dev', app),
      imageKey: 'microservice.image',
      image: `${IMAGE_REGISTRY}/${app}:${tag}`,
      branch: `update-${app}-${sha.slice(0, 7)}`,
      commitMessage: `chore(dev): bump ${app} to ${tag}`,
      prTitle: `chore(dev): bump ${app} to ${tag}`,
      draft: false,
      labels: [],
      reviewers: [],
      teamReviewers: [],
      autoMerge: false,
      supersede: false,
      mode: 'pull-request',
      dryRun: false,
      tokenKind: 'app',
      source: {
        app,
        environment: 'dev',
        repository: 'acme/myapp-010',
        sha,
        runNumber,
        runAttempt: 1,
        runId: '4242',
        serverUrl: 'https://github.com'
      }
    },
    { log: quiet }
  )
  const ms = performance.now() - started
  if (result.operation !== 'created') throw new Error(`in-process bump: ${result.operation}`)
  return { ms, requests: proxy.stats.requests }
}

/** The clone-based chain: clone --depth 1, edit, commit, push, one PR request. */
async function chainRun(
  scratch: string,
  gitProxy: LatencyProxy,
  simProxy: LatencyProxy,
  sim: GitHubSimulator,
  app: string,
  label: string,
  runNumber: number,
  environment = 'staging'
): Promise<ChainSample> {
  const home = path.join(scratch, 'home')
  mkdirSync(home, { recursive: true })
  const env = gitEnv(home)
  const dir = path.join(scratch, `clone-${label}`)
  const sha = sourceSha(label)
  const tag = `main-${sha.slice(0, 7)}-${runNumber}`
  const branch = `update-${app}-${sha.slice(0, 7)}`
  const file = valuesPath(environment, app)
  gitProxy.reset()
  simProxy.reset()

  let mark = performance.now()
  const lap = (): number => {
    const now = performance.now()
    const elapsed = now - mark
    mark = now
    return elapsed
  }
  await run(
    'git',
    [
      'clone',
      '--quiet',
      '--depth',
      '1',
      '--single-branch',
      '--branch',
      'main',
      `${gitProxy.url}/${SLUG}.git`,
      dir
    ],
    { env }
  )
  const cloneMs = lap()
  // What YAML-update actions do (e.g. fjogeleit/yaml-update-action): parse, set, serialise.
  const document = parseDocument(readFileSync(path.join(dir, file), 'utf8'))
  document.setIn(['microservice', 'image'], `${IMAGE_REGISTRY}/${app}:${tag}`)
  const edited = document.toString()
  writeFileSync(path.join(dir, file), edited)
  const editMs = lap()
  await run('git', ['-C', dir, 'checkout', '--quiet', '-b', branch], { env })
  await run(
    'git',
    ['-C', dir, 'commit', '--quiet', '-a', '-m', `chore(dev): bump ${app} to ${tag}`],
    {
      env
    }
  )
  const commitMs = lap()
  await run('git', ['-C', dir, 'push', '--quiet', 'origin', branch], { env })
  const pushMs = lap()
  // The simulator is not the git server: give it the branch (no HTTP, not timed) so the PR
  // request is answered as GitHub would answer it after the push.
  const pausedAt = performance.now()
  sim.pushCommit(SLUG, branch, { [file]: edited }, { createBranchFrom: 'main', message: 'bump' })
  mark += performance.now() - pausedAt
  const response = await fetch(`${simProxy.url}/repos/${SLUG}/pulls`, {
    method: 'POST',
    headers: {
      authorization: `token ${TOKEN}`,
      accept: 'application/vnd.github+json',
      'content-type': 'application/json'
    },
    body: JSON.stringify({ title: `chore(dev): bump ${app} to ${tag}`, head: branch, base: 'main' })
  })
  await response.arrayBuffer()
  if (response.status !== 201) throw new Error(`chain PR request answered ${response.status}`)
  const prMs = lap()
  const totalMs = cloneMs + editMs + commitMs + pushMs + prMs
  removeDir(dir)
  return {
    totalMs,
    cloneMs,
    editMs,
    commitMs,
    pushMs,
    prMs,
    requests: gitProxy.stats.requests + simProxy.stats.requests,
    bytes:
      gitProxy.stats.requestBytes +
      gitProxy.stats.responseBytes +
      simProxy.stats.requestBytes +
      simProxy.stats.responseBytes
  }
}

async function benchSize(
  size: number,
  options: GitOpsBenchOptions & { warmUp: boolean }
): Promise<SizeResult> {
  const { runs, latencyMs, log } = options
  const scratch = scratchDir(`gitops-${size}`)
  const files = gitopsRepoFiles(size)
  const repoBytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0)
  // Round 0 is a warm-up (page cache, JIT) on the first size only; it is not counted.
  // Every bump touches its own values file, so no run supersedes another: the action and the
  // in-process bump take dev apps, the chain staging ones.
  const apps = bumpableApps(files, 2 * (runs + 1))
  const chainApps = bumpableApps(files, runs + 1, 'staging')
  if (apps.length < 2 * (runs + 1) || chainApps.length < runs + 1) {
    throw new Error(`${size} files hold too few apps for ${runs} runs`)
  }

  let started = performance.now()
  const sim = await startGitHubSimulator({
    repos: [{ owner: OWNER, name: REPO, files, private: true }],
    tokens: [{ token: TOKEN, login: 'gitops-bot[bot]', kind: 'app' }]
  })
  const simulatorSeedMs = performance.now() - started
  started = performance.now()
  const root = path.join(scratch, 'git-root')
  await createBareRepository(path.join(root, `${SLUG}.git`), files)
  const bareRepositoryMs = performance.now() - started
  const gitServer = await startGitServer(root)
  const simProxy = await startLatencyProxy({ target: sim.url, latencyMs })
  const gitProxy = await startLatencyProxy({ target: gitServer.url, latencyMs })

  const action: ActionSample[] = []
  const inProcess: InProcessSample[] = []
  const chain: ChainSample[] = []
  try {
    for (let round = options.warmUp ? 0 : 1; round <= runs; round++) {
      const label = `${size}-${round}`
      const a = await actionRun(scratch, simProxy, apps[2 * round], `a${label}`, round + 1)
      const c = await chainRun(
        scratch,
        gitProxy,
        simProxy,
        sim,
        chainApps[round],
        `c${label}`,
        round + 1
      )
      const i = await inProcessRun(simProxy, apps[2 * round + 1], `i${label}`, round + 1)
      log(
        `  ${formatCount(size)} files, round ${round}${round === 0 ? ' (warm-up)' : ''}: action ${formatMs(a.wallMs)} (${a.requests} requests), in-process ${formatMs(i.ms)}, chain ${formatMs(c.totalMs)} (clone ${formatMs(c.cloneMs)})`
      )
      if (round === 0) continue
      action.push(a)
      chain.push(c)
      inProcess.push(i)
    }
  } finally {
    await simProxy.stop()
    await gitProxy.stop()
    await gitServer.stop()
    await sim.stop()
    removeDir(scratch)
  }
  return {
    files: size,
    repoBytes,
    setup: { simulatorSeedMs, bareRepositoryMs },
    action: {
      wallMs: summarize(action.map((s) => s.wallMs)),
      stepMs: summarize(action.map((s) => s.stepMs)),
      requests: action.map((s) => s.requests),
      roundTrips: action.map((s) => s.roundTrips),
      requestLog: action[0]?.requestLog ?? [],
      bytes: action.map((s) => s.bytes)
    },
    inProcess: {
      ms: summarize(inProcess.map((s) => s.ms)),
      requests: inProcess.map((s) => s.requests)
    },
    chain: {
      totalMs: summarize(chain.map((s) => s.totalMs)),
      cloneMs: summarize(chain.map((s) => s.cloneMs)),
      editMs: summarize(chain.map((s) => s.editMs)),
      commitMs: summarize(chain.map((s) => s.commitMs)),
      pushMs: summarize(chain.map((s) => s.pushMs)),
      prMs: summarize(chain.map((s) => s.prMs)),
      requests: chain.map((s) => s.requests),
      bytes: chain.map((s) => s.bytes)
    },
    speedup: pairedRatio(
      chain.map((s) => s.totalMs),
      action.map((s) => s.wallMs)
    )
  }
}

function distinct(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b)
}

function countText(values: number[]): string {
  const unique = distinct(values)
  return unique.length === 1 ? String(unique[0]) : unique.join('–')
}

/** The Markdown and the target checks, from the figures; pure. */
export function renderGitopsSection(
  results: SizeResult[],
  options: { latencyMs: number; tmpfs: boolean }
): { markdown: string; targets: TargetCheck[] } {
  const first = results[0]
  const last = results.at(-1)
  const rows = results.map((r) => [
    formatCount(r.files),
    formatBytes(r.repoBytes),
    countText(r.action.requests),
    countText(r.action.roundTrips),
    formatMs(r.action.wallMs.median),
    formatMs(r.action.stepMs.median),
    formatMs(r.inProcess.ms.median),
    countText(r.inProcess.requests),
    countText(r.chain.requests),
    formatMs(r.chain.totalMs.median),
    formatRatio(r.speedup)
  ])
  const chainRows = results.map((r) => [
    formatCount(r.files),
    formatMs(r.chain.cloneMs.median),
    formatMs(r.chain.editMs.median),
    formatMs(r.chain.commitMs.median),
    formatMs(r.chain.pushMs.median),
    formatMs(r.chain.prMs.median),
    formatBytes(median(r.chain.bytes)),
    formatBytes(median(r.action.bytes))
  ])
  const targets: TargetCheck[] = []
  // The bundle's requests; the in-process bump runs the current src/, which may be newer.
  const allRequests = results.flatMap((r) => r.action.requests)
  const constant = distinct(allRequests).length === 1
  const maxRequests = Math.max(...allRequests)
  targets.push({
    target: 'Request count constant in repository size, ≤ 6',
    measured: `${countText(allRequests)} requests at every size (${results.map((r) => formatCount(r.files)).join(' / ')} files; current src/ in-process: ${countText(results.flatMap((r) => r.inProcess.requests))}); the chain: ${countText(results.flatMap((r) => r.chain.requests))}`,
    verdict: constant && maxRequests <= 6 ? 'met' : 'not met',
    note:
      constant && maxRequests > 6
        ? `Constant, but ${maxRequests}, not 6 or fewer: with the default inputs the action also reads the repository (for the default branch, as \`gitops-base\` is empty) and lists the pull requests of the base (\`supersede: true\`: newest-wins and the closing of superseded PRs); the list of requests is below.`
        : undefined
  })
  if (first && last && first !== last) {
    const wallGrowth = growth(first.action.wallMs.median, last.action.wallMs.median) ?? NaN
    const stepGrowth = growth(first.inProcess.ms.median, last.inProcess.ms.median) ?? NaN
    const flat = wallGrowth <= 1.25 || last.action.wallMs.median - first.action.wallMs.median < 150
    targets.push({
      target: 'Wall time flat in repository size',
      measured: `action ${formatMs(first.action.wallMs.median)} at ${formatCount(first.files)} files → ${formatMs(last.action.wallMs.median)} at ${formatCount(last.files)} (${formatRatio(wallGrowth)}; in-process bump ${formatRatio(stepGrowth)}); chain ${formatMs(first.chain.totalMs.median)} → ${formatMs(last.chain.totalMs.median)} (${formatRatio(growth(first.chain.totalMs.median, last.chain.totalMs.median))})`,
      verdict: flat ? 'met' : 'not met',
      note: flat
        ? undefined
        : 'The action itself does not read the tree; see the in-process column for the request path alone.'
    })
    const speedup = last.speedup ?? NaN
    targets.push({
      target: `At ${formatCount(last.files)} files, the action ≥ 10x faster than the clone-based chain`,
      measured: `${formatRatio(speedup)} (action ${formatMs(last.action.wallMs.median)}, chain ${formatMs(last.chain.totalMs.median)}; median of per-round ratios)`,
      verdict: speedup >= 10 ? 'met' : 'not met',
      note:
        speedup >= 10
          ? undefined
          : `Not met in this run. The chain's ${formatMs(last.chain.totalMs.median)} is mostly its clone (${formatMs(last.chain.cloneMs.median)}) and its commit (${formatMs(last.chain.commitMs.median)}) of the whole tree, which depend on how busy this shared machine is: they are what moves this ratio from run to run. The action's ${formatMs(last.action.wallMs.median)} is ${countText(last.action.requests)} requests in ${countText(last.action.roundTrips)} round trips behind the ${options.latencyMs} ms latency, plus about ${formatMs(last.action.wallMs.median - last.action.stepMs.median)} of process start-up, loading and exit; the in-process column (${formatMs(last.inProcess.ms.median)}) is the same bump without them.`
    })
  }

  const log = first?.action.requestLog ?? []
  const slower = results.filter((r) => (r.speedup ?? 0) < 1)
  const shortName = (entry: string): string => {
    const [method, url = ''] = entry.split(' ')
    const parts = url.replace(/\?.*$/, '').split('/').slice(4)
    return `${method} ${parts[0] === 'git' ? parts.slice(0, 2).join('/') : (parts[0] ?? 'repository')}`
  }
  const readEntries = log.filter((entry) => entry.startsWith('GET '))
  const writeEntries = log.filter((entry) => !entry.startsWith('GET '))
  const reads = readEntries.length
  const writes = writeEntries.length
  const readList = readEntries.map(shortName).join(', ')
  const writeList = writeEntries.map(shortName).join(', ')
  const overhead = last ? last.action.wallMs.median - last.action.stepMs.median : NaN
  const reading =
    first && last
      ? `**Reading the figures.** The action's time does not move with the repository size; the chain's grows with it (the clone and the commit of the full tree). ` +
        (slower.length > 0
          ? `At ${slower.map((r) => formatCount(r.files)).join(' and ')} files the chain is faster. `
          : '') +
        `The action's GitOps step (${formatMs(last.action.stepMs.median)} at ${formatCount(last.files)} files) is ${countText(last.action.requests)} requests in ${countText(last.action.roundTrips)} round trips behind the ${options.latencyMs} ms latency (requests sent together share one): ${reads} reads (${readList}), then ${writes} writes (${writeList}), one after another. The in-process column is the same bump inside the benchmark process; the action adds its process start-up, loading and exit (${formatMs(overhead)}).`
      : ''
  const markdown = [
    '**Method.** A GitOps repository of ' +
      results.map((r) => formatCount(r.files)).join(', ') +
      ' files in the layout of SPEC.md (`values/<env>/<app>/values.yaml` and `argocd/applications/<env>/<app>.yaml` for 3 environments; every file differs) is served twice: by the GitHub simulator (sandbox/github) to the action, and as a bare git repository by `git http-backend` (real git smart HTTP, protocol v2) to the chain. ' +
      `Both servers sit behind the same latency proxy (bench/latency-proxy.ts), which holds **every HTTP request for ${options.latencyMs} ms** before forwarding it — a stand-in for a github.com round trip. Bandwidth is not limited (loopback), which favours the clone. ` +
      `Rounds (action, chain and in-process bump interleaved in each): ${results.map((r) => `${r.action.wallMs.n} at ${formatCount(r.files)} files`).join(', ')}, after one uncounted warm-up round at the first size; figures are medians. ` +
      (options.tmpfs
        ? "The chain clones into tmpfs (/dev/shm), so writing and deleting its working tree costs less than on a runner's disk: this favours the chain."
        : 'The chain clones to disk.'),
    '',
    '- **Action** — `node dist/index.js` on Node 24 with the runner environment, `workflow_dispatch`, promoting an image (`image` input: no build), default inputs otherwise (no `gitops-base`), but `supersede: false`, as the request budget of the issue is defined without supersede (the default `supersede: true` adds three listings of pull requests). Whole process, spawn to exit; "GitOps step" is the `GitOps pull request` log group. Each round bumps a different app, so each opens a new PR.',
    "- **In-process** — the same bump through the current `src/gitops.ts` (compiled by `npm run bench`, so it may be newer than dist/), in the benchmark process, with the throttling plugin's spacing between writes set to 0 as the action sets it: the request path without the process around it.",
    '- **Chain** — `git clone --depth 1 --single-branch`, the edit as YAML-update actions do it (`parseDocument().setIn().toString()`), `git checkout -b` + `git commit -a`, `git push`, then one `POST /pulls` to the simulator. Every git command is a real process; the clone writes the full working tree (to tmpfs or disk, as said above). The real chain does more (create-pull-request also fetches, lists and updates PRs), so this baseline is a lower bound.',
    '',
    renderTable(
      [
        'Files',
        'Repo text',
        'Action requests',
        'Action round trips',
        'Action (process)',
        'Action GitOps step',
        'In-process bump',
        'In-process requests',
        'Chain requests',
        'Chain total',
        'Chain / action'
      ],
      rows,
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']
    ),
    '',
    "Where the chain spends its time (medians), and the bytes each side moves (the action's do not grow with the repository):",
    '',
    renderTable(
      ['Files', 'clone', 'edit', 'commit', 'push', 'PR request', 'Chain bytes', 'Action bytes'],
      chainRows,
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']
    ),
    '',
    reading,
    '',
    `The action's requests (first counted round at ${formatCount(first?.files ?? 0)} files): ${log.map((entry) => `\`${entry.replace(/\?.*$/, '')}\``).join(', ')}.`,
    '',
    'Set-up (not timed in the figures): ' +
      results
        .map(
          (r) =>
            `${formatCount(r.files)} files — simulator seeded in ${formatMs(r.setup.simulatorSeedMs)}, bare repository built in ${formatMs(r.setup.bareRepositoryMs)}`
        )
        .join('; ') +
      '.'
  ].join('\n')
  return { markdown, targets }
}

export async function runGitopsBench(options: GitOpsBenchOptions): Promise<SectionReport> {
  secrets.add(TOKEN)
  bundleSnapshot()
  const results: SizeResult[] = []
  for (const [index, size] of options.sizes.entries()) {
    options.log(`GitOps: ${formatCount(size)} files`)
    results.push(
      await benchSize(size, {
        ...options,
        runs: size >= 100_000 ? options.largeRuns : options.runs,
        warmUp: index === 0
      })
    )
  }
  const { markdown, targets } = renderGitopsSection(results, {
    latencyMs: options.latencyMs,
    tmpfs: benchTmpIsTmpfs()
  })
  return {
    id: 'gitops',
    title: '1. GitOps bump: latency and requests vs repository size',
    markdown,
    targets,
    results: {
      latencyMs: options.latencyMs,
      tmpfs: benchTmpIsTmpfs(),
      bundle: bundleSnapshot(),
      sizes: results
    }
  }
}
