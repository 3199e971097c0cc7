/**
 * Section 4: build-and-push overhead. The action's image step (ensure repository + isolated login +
 * build + push + digest read-back, as `node dist/index.js` runs it against the ECR stand-in) against
 * the raw `docker build && docker push` of the same kind of context to the same real registry
 * (scripts/services.sh: dockerd + an htpasswd registry), cold and for a no-change rebuild.
 *
 * The action's figure is its `Image` log group, time-stamped from its stdout as it arrives; the
 * GitOps step that follows (against the simulator, no latency) is not part of it.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { readServices, servicesProblem } from '../__tests__/support/services.js'
import { startGitHubSimulator } from '../sandbox/github/index.js'
import { standInAwsEnv } from '../sandbox/aws-env.js'
import { startEcrServer } from '../sandbox/ecr-server.js'
import { labelInstruction } from '../src/docker.js'
import {
  actionEnv,
  bundleSnapshot,
  gitEnv,
  groupDuration,
  node24Binary,
  removeDir,
  run,
  scratchDir,
  secrets,
  spawnTimed,
  stepFiles,
  type TimedLine
} from './harness.js'
import { renderTable, type SectionReport, type TargetCheck } from './report.js'
import { formatMs, formatRatio, median, pairedRatio, summarize, type Summary } from './stats.js'

export interface ImageBenchOptions {
  runs: number
  log: (message: string) => void
}

const TOKEN = 'ghs_benchimagegitopstoken000000000000000'
const ACCOUNT = '226633502530'
const PAYLOAD_BYTES = 512 * 1024
/** `org.opencontainers.image.source` of the runs: the runner's server URL and repository. */
const SOURCE_URL = 'https://github.com/acme/myapp-010'

/** Where the action's image step spends its time, from its time-stamped log lines. */
export interface ImagePhases {
  /** ECR describe, authorization token, image lookup and the isolated login. */
  setupMs: number
  /** The build of the image, unlabelled. */
  buildMs: number
  /** The label step: a second `docker build -` of `FROM <image id>` and one `LABEL`, tagging. */
  labelMs: number
  pushMs: number
  /** Reading the pushed digest back from the registry. */
  readBackMs: number
}

interface ActionSample {
  /** Its Image group. */
  ms: number
  /** Spawn to the end of its Image group (start-up and skip decision included). */
  untilImageDoneMs: number
  phases?: ImagePhases
}

interface RawSample {
  ms: number
  /** Both builds when labelled. */
  buildMs: number
  /** The label step, when labelled. */
  labelMs?: number
  pushMs: number
}

interface KindResult {
  action: Summary
  actionFromSpawn: Summary
  phases: ImagePhases | undefined
  raw: Summary
  rawBuild: Summary
  rawPush: Summary
  rawLabelled: Summary
  /** The label step of the labelled raw commands. */
  rawLabelStep: Summary
  /** Median of per-round action / raw. */
  ratio: number | undefined
  /** Median of per-round action − raw, ms. */
  extraMs: number
  /** Median of per-round action / raw with the action's labels. */
  ratioLabelled: number | undefined
  extraLabelledMs: number
}

/**
 * Splits the Image group into phases by the lines the action prints: `[command]… docker build`
 * (the build), a second `[command]… docker build` (the label step), `[command]… docker push`,
 * `…: digest: sha256:…` (docker's push result) and `Pushed …` (after the read-back). Undefined
 * when a line is missing (e.g. a reused image, or buildx).
 */
export function imagePhases(lines: readonly TimedLine[]): ImagePhases | undefined {
  const at = (predicate: (text: string) => boolean, from = 0): number | undefined => {
    const index = lines.findIndex((line, i) => i >= from && predicate(line.text))
    return index < 0 ? undefined : index
  }
  const start = at((text) => text === '::group::Image')
  if (start === undefined) return undefined
  const isBuild = (text: string) => text.startsWith('[command]') && / build /.test(text)
  const build = at(isBuild, start)
  const label = build === undefined ? undefined : at(isBuild, build + 1)
  const push =
    label === undefined
      ? undefined
      : at((text) => text.startsWith('[command]') && / push /.test(text), label)
  const digest =
    push === undefined ? undefined : at((text) => /: digest: sha256:[0-9a-f]{64}/.test(text), push)
  const done = digest === undefined ? undefined : at((text) => text.startsWith('Pushed '), digest)
  if (
    build === undefined ||
    label === undefined ||
    push === undefined ||
    digest === undefined ||
    done === undefined
  ) {
    return undefined
  }
  return {
    setupMs: lines[build].atMs - lines[start].atMs,
    buildMs: lines[label].atMs - lines[build].atMs,
    labelMs: lines[push].atMs - lines[label].atMs,
    pushMs: lines[digest].atMs - lines[push].atMs,
    readBackMs: lines[done].atMs - lines[digest].atMs
  }
}

/** A build context whose layers no earlier build made: a fresh nonce and payload. */
function writeContext(dir: string): void {
  mkdirSync(dir, { recursive: true })
  // Every context has it, so the action's checkout sends the daemon the same bytes as the others.
  writeFileSync(path.join(dir, '.dockerignore'), '.git\n')
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    [
      'ARG BASE_IMAGE',
      'FROM ${BASE_IMAGE}',
      'COPY payload.bin nonce.txt /app/',
      'RUN cp /app/nonce.txt /built.txt',
      ''
    ].join('\n')
  )
  writeFileSync(path.join(dir, 'payload.bin'), randomBytes(PAYLOAD_BYTES))
  writeFileSync(path.join(dir, 'nonce.txt'), randomBytes(16).toString('hex'))
}

/**
 * Commits the context as a checkout of one commit, as actions/checkout leaves the workspace, and
 * returns its sha: the action dates the image by that commit, as it does on a runner.
 */
async function commitContext(dir: string, home: string): Promise<string> {
  const env = gitEnv(home)
  await run('git', ['init', '-q', dir], { env })
  await run('git', ['-C', dir, 'add', '-A'], { env })
  await run('git', ['-C', dir, 'commit', '-q', '-m', 'bench context'], { env })
  return (await run('git', ['-C', dir, 'rev-parse', 'HEAD'], { env })).stdout.trim()
}

function dockerEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    ...extra
  }
  if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST
  return env
}

export async function runImageBench(options: ImageBenchOptions): Promise<SectionReport> {
  const services = readServices()
  const problem = services
    ? await servicesProblem(services)
    : 'the Docker services are not started (no services.json)'
  if (services === undefined || problem !== undefined) {
    return {
      id: 'image',
      title: '4. Build-and-push overhead',
      markdown:
        'Needs Docker and the test registry: start them with `bash scripts/services.sh start` and re-run `npm run bench`.',
      targets: [
        {
          target: 'Image step ≤ 1.2x raw `docker build && docker push`, or ≤ 1 s more',
          measured: 'not measured',
          verdict: 'not measured',
          note: problem
        }
      ],
      results: { skipped: problem },
      skipped: `Docker services unavailable: ${problem}`
    }
  }
  secrets.add(services.registry.password)
  secrets.add(TOKEN)
  const scratch = scratchDir('image')
  const ecr = await startEcrServer({ registry: services.registry, accountId: ACCOUNT })
  const sim = await startGitHubSimulator({
    repos: [
      {
        owner: 'acme',
        name: 'gitops-apps',
        files: { 'values/dev/bench-app/values.yaml': 'microservice:\n  image: old\n' }
      }
    ],
    tokens: [{ token: TOKEN, login: 'gitops-bot[bot]', kind: 'app' }]
  })
  const repository = `bench-${Date.now().toString(36)}/bench-app`
  const rawRepository = `${services.registry.host}/${repository}-raw`
  const rawConfig = path.join(scratch, 'raw-docker-config')
  mkdirSync(rawConfig, { mode: 0o700 })
  const rawEnv = dockerEnv({ DOCKER_CONFIG: rawConfig, DOCKER_BUILDKIT: '0' })
  const built: string[] = []
  let runNumber = 0
  // Said in the report: the storage driver sets what a build step costs.
  const storageDriver = await run('docker', ['info', '--format', '{{.Driver}}'], { env: rawEnv })
    .then((result) => result.stdout.trim() || 'unknown')
    .catch(() => 'unknown')

  /** One run of the action on commit `sha` of `context`; returns its Image group duration. */
  async function actionRun(context: string, sha: string): Promise<ActionSample> {
    runNumber++
    const files = stepFiles(scratch, {})
    const env = actionEnv({
      files: { ...files, workspace: context },
      eventName: 'workflow_dispatch',
      sha,
      runNumber,
      inputs: {
        app: 'bench-app',
        'gitops-repository': 'acme/gitops-apps',
        'gitops-token': TOKEN,
        'github-api-url': sim.url,
        'aws-region': 'us-east-1',
        'ecr-repository': repository,
        'build-args': `BASE_IMAGE=${services!.baseImage}`,
        network: 'host'
      },
      env: {
        ...standInAwsEnv(ecr.url, {
          keys: { accessKeyId: 'AKIDBENCHSTANDIN0000', secretAccessKey: 'bench-stand-in-secret' }
        }),
        ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {})
      }
    })
    const result = await spawnTimed(node24Binary(), [bundleSnapshot().script], {
      env,
      cwd: context,
      timeoutMs: 300_000
    })
    const outputs = readFileSync(files.outputPath, 'utf8')
    removeDir(files.dir)
    const image = /^image<<([^\n]+)\n([^\n]*)\n/m.exec(outputs)?.[2]
    if (result.code !== 0 || image === undefined || image === '') {
      throw new Error(
        `the action's image step failed (exit ${result.code}): ${result.stdout.slice(-2500)}`
      )
    }
    built.push(image)
    const ms = groupDuration(result.lines, 'Image')
    const end = result.lines.findIndex(
      (line, i, all) =>
        line.text === '::endgroup::' && all.slice(0, i).some((l) => l.text === '::group::Image')
    )
    if (ms === undefined || end < 0) throw new Error('no Image group in the log')
    return { ms, untilImageDoneMs: result.lines[end].atMs, phases: imagePhases(result.lines) }
  }

  /**
   * The raw commands: build then push, timed apart. `labels`, when given, labels the image as the
   * action does with the classic builder: the build untagged (`--iidfile`), then one label step on
   * the image it made, a second `docker build -` of `FROM <image id>` and one `LABEL` instruction
   * (src/docker.ts's `labelInstruction`, the same labels), tagging the result. The rebuild passes
   * the same labels, as the action keeps `created` for the same commit.
   */
  async function rawRun(
    context: string,
    labels?: { created: string; revision: string }
  ): Promise<RawSample> {
    runNumber++
    const reference = `${rawRepository}:main-raw-${runNumber}`
    const idFile = path.join(scratch, `raw-image-id-${runNumber}`)
    const started = performance.now()
    await run(
      'docker',
      [
        'build',
        '--network',
        'host',
        '--build-arg',
        `BASE_IMAGE=${services!.baseImage}`,
        ...(labels ? ['--iidfile', idFile] : ['-t', reference]),
        context
      ],
      { env: rawEnv, timeoutMs: 300_000 }
    )
    let labelMs: number | undefined
    if (labels) {
      const labelStarted = performance.now()
      const instruction = labelInstruction({ source: { url: SOURCE_URL, ...labels } })
      await run('docker', ['build', '--force-rm', '--tag', reference, '-'], {
        env: rawEnv,
        stdin: `FROM ${readFileSync(idFile, 'utf8').trim()}\n${instruction}`,
        timeoutMs: 300_000
      })
      labelMs = performance.now() - labelStarted
    }
    const buildMs = performance.now() - started
    await run('docker', ['push', reference], { env: rawEnv, timeoutMs: 300_000 })
    const ms = performance.now() - started
    built.push(reference)
    return { ms, buildMs, labelMs, pushMs: ms - buildMs }
  }

  type Round = { action: ActionSample; raw: RawSample; labelled: RawSample }
  const cold: Round[] = []
  const rebuild: Round[] = []
  try {
    await run(
      'docker',
      ['login', services.registry.host, '-u', services.registry.username, '--password-stdin'],
      { env: rawEnv, stdin: services.registry.password }
    )
    for (let round = 0; round <= options.runs; round++) {
      const contexts = ['action', 'raw', 'labelled'].map((who) => {
        const dir = path.join(scratch, `context-${who}-${round}`)
        writeContext(dir)
        return dir
      })
      const sha = await commitContext(contexts[0], scratch)
      const created = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
      const measure = {
        action: () => actionRun(contexts[0], sha),
        raw: () => rawRun(contexts[1]),
        labelled: () => rawRun(contexts[2], { created, revision: sha })
      }
      // Rotate who goes first, so none always meets a warmer (or busier) daemon.
      const order = (['action', 'raw', 'labelled'] as const).map(
        (_, i, all) => all[(i + round) % all.length]
      )
      const once = async (): Promise<Round> => {
        const got: Partial<Round> = {}
        for (const who of order) {
          if (who === 'action') got.action = await measure.action()
          else got[who] = await measure[who]()
        }
        return got as Round
      }
      const first = await once()
      const again = await once()
      options.log(
        `  image, round ${round}${round === 0 ? ' (warm-up, creates the repository)' : ''}: cold action ${formatMs(first.action.ms)} / raw ${formatMs(first.raw.ms)} / raw+labels ${formatMs(first.labelled.ms)}; rebuild action ${formatMs(again.action.ms)} / raw ${formatMs(again.raw.ms)} / raw+labels ${formatMs(again.labelled.ms)}`
      )
      if (round === 0) continue
      cold.push(first)
      rebuild.push(again)
    }
  } finally {
    await ecr.stop()
    await sim.stop()
    await new Promise((resolve) =>
      execFile('docker', ['image', 'rm', '--force', ...new Set(built)], { env: rawEnv }, resolve)
    )
    removeDir(scratch)
  }

  const kind = (rounds: Round[]): KindResult => {
    const action = rounds.map((r) => r.action.ms)
    const raw = rounds.map((r) => r.raw.ms)
    const labelled = rounds.map((r) => r.labelled.ms)
    const phases = rounds
      .map((r) => r.action.phases)
      .filter((p): p is ImagePhases => p !== undefined)
    return {
      action: summarize(action),
      actionFromSpawn: summarize(rounds.map((r) => r.action.untilImageDoneMs)),
      phases:
        phases.length === 0
          ? undefined
          : {
              setupMs: median(phases.map((p) => p.setupMs)),
              buildMs: median(phases.map((p) => p.buildMs)),
              labelMs: median(phases.map((p) => p.labelMs)),
              pushMs: median(phases.map((p) => p.pushMs)),
              readBackMs: median(phases.map((p) => p.readBackMs))
            },
      raw: summarize(raw),
      rawBuild: summarize(rounds.map((r) => r.raw.buildMs)),
      rawPush: summarize(rounds.map((r) => r.raw.pushMs)),
      rawLabelled: summarize(labelled),
      rawLabelStep: summarize(rounds.map((r) => r.labelled.labelMs ?? Number.NaN)),
      ratio: pairedRatio(action, raw),
      extraMs: median(action.map((value, i) => value - raw[i])),
      ratioLabelled: pairedRatio(action, labelled),
      extraLabelledMs: median(action.map((value, i) => value - labelled[i]))
    }
  }
  const results = { cold: kind(cold), rebuild: kind(rebuild) }
  const ecrCalls = [...new Set(ecr.requests.map((request) => request.target))]
  const { markdown, targets } = renderImageSection(results, {
    runs: options.runs,
    ecrCalls,
    storageDriver
  })
  return {
    id: 'image',
    title: '4. Build-and-push overhead',
    markdown,
    targets,
    results: {
      runs: options.runs,
      payloadBytes: PAYLOAD_BYTES,
      storageDriver,
      ...results,
      ecrCalls
    }
  }
}

const signed = (ms: number): string => `${ms >= 0 ? '+' : '−'}${formatMs(Math.abs(ms))}`

/**
 * Where the action's step spends more than the raw commands, largest first: its build and push
 * against theirs, and what they do not do at all (the label step, the ECR calls and the login,
 * the digest read-back).
 */
function extraCosts(r: KindResult): string {
  if (r.phases === undefined) return 'its phases could not be read from the log'
  const costs: [string, number][] = [
    ['the label step', r.phases.labelMs],
    ['the build', r.phases.buildMs - r.rawBuild.median],
    ['the push', r.phases.pushMs - r.rawPush.median],
    ['the ECR calls and the isolated login', r.phases.setupMs],
    ['the digest read-back', r.phases.readBackMs]
  ]
  return costs
    .sort((a, b) => b[1] - a[1])
    .map(([what, ms]) => `${what} ${signed(ms)}`)
    .join(', ')
}

/** The Markdown and the target checks, from the figures; pure. */
export function renderImageSection(
  results: { cold: KindResult; rebuild: KindResult },
  info: { runs: number; ecrCalls: string[]; storageDriver: string }
): { markdown: string; targets: TargetCheck[] } {
  const targets: TargetCheck[] = []
  const rows: string[][] = []
  const phaseRows: string[][] = []
  const labelStep = (r: KindResult) => (r.phases ? formatMs(r.phases.labelMs) : 'n/a')
  for (const [label, r] of [
    ['Cold build', results.cold],
    ['No-change rebuild', results.rebuild]
  ] as const) {
    const met = (r.ratio ?? Infinity) <= 1.2 || r.extraMs <= 1000
    const labelledMet = (r.ratioLabelled ?? Infinity) <= 1.2 || r.extraLabelledMs <= 1000
    targets.push({
      target: `${label}: image step ≤ 1.2x raw \`docker build && docker push\`, or ≤ 1 s more`,
      measured: `${formatMs(r.action.median)} against ${formatMs(r.raw.median)} raw: ${formatRatio(r.ratio)}, ${signed(r.extraMs)} (against raw labelled the same way, in one \`LABEL\` step, ${formatMs(r.rawLabelled.median)}: ${formatRatio(r.ratioLabelled)}, ${signed(r.extraLabelledMs)})`,
      verdict: met ? 'met' : 'not met',
      note: met
        ? undefined
        : `Against the raw build and push, the step's phases (medians, so they need not add up to the ${signed(r.extraMs)}): ${extraCosts(r)}. ` +
          `With the classic builder the action builds the image, then adds all its labels (org.opencontainers.image.created, .revision, .source and the \`labels\` input) in one \`LABEL\` step on it, a second \`docker build\` whose step commits a container: it took ${labelStep(results.cold)} on the cold build and ${labelStep(results.rebuild)} on the no-change rebuild (the same commit, so the same \`created\`, and the classic builder may take the step from its cache). ` +
          `Against raw commands that label the same way (${formatMs(r.rawLabelled.median)}, their label step ${formatMs(r.rawLabelStep.median)}) the step is ${labelledMet ? 'within the target: the cost is the label step, not the ECR calls, the isolated login or the digest read-back' : 'over the target too'}. ` +
          `The storage driver here is ${info.storageDriver}${info.storageDriver === 'vfs' ? ', which copies the whole filesystem per step; overlay2 on a runner makes each step far cheaper' : ''}; buildx (which the action prefers when installed) sets labels without steps. ` +
          "Tried on this engine: BuildKit without buildx (`DOCKER_BUILDKIT=1` refuses: the engine's CLI needs the buildx component, and no buildx package can be installed here); `--label` flags (one build step per label); the labels appended to the Dockerfile of the same build (the same one step); `docker commit` of a created container (the same copy of the filesystem). Every way the classic builder has to set a label commits a container."
    })
    rows.push([
      label,
      formatMs(r.action.median),
      formatMs(r.actionFromSpawn.median),
      formatMs(r.raw.median),
      formatRatio(r.ratio),
      signed(r.extraMs),
      formatMs(r.rawLabelled.median),
      formatRatio(r.ratioLabelled),
      signed(r.extraLabelledMs)
    ])
    phaseRows.push([
      label,
      r.phases ? formatMs(r.phases.setupMs) : 'n/a',
      r.phases ? formatMs(r.phases.buildMs) : 'n/a',
      labelStep(r),
      r.phases ? formatMs(r.phases.pushMs) : 'n/a',
      r.phases ? formatMs(r.phases.readBackMs) : 'n/a',
      formatMs(r.rawBuild.median),
      formatMs(r.rawPush.median),
      formatMs(r.rawLabelStep.median)
    ])
  }
  const markdown = [
    `**Method.** Each round writes fresh build contexts (a Dockerfile \`FROM\` the local busybox base image, one \`COPY\` of a ${PAYLOAD_BYTES / 1024} KiB random payload and a nonce, one \`RUN\`), so a cold build shares no layer with an earlier one. ` +
      'The action (`node dist/index.js` on Node 24, `workflow_dispatch`) builds one against the ECR stand-in (sandbox/ecr-server.ts: the real AWS SDK over HTTP, handing out the login of the real registry) and the htpasswd registry of scripts/services.sh. ' +
      "The action's context is committed first, as actions/checkout leaves a workspace, and `GITHUB_SHA` names that commit, by whose time the action dates the image (`org.opencontainers.image.created`). " +
      'The raw commands (`docker build --network host` then `docker push`, logged in beforehand — the login is not timed) build another, to the same registry; and once more labelled as the action labels: the build untagged, then a second `docker build -` of `FROM <image id>` and one `LABEL` instruction with the three OCI labels the action adds (the same text, from src/docker.ts), tagging the result. ' +
      'Every context has a `.dockerignore` of `.git`, so all send the daemon the same bytes. ' +
      `Then each rebuilds its context unchanged under a new tag (the no-change rebuild): the action the same commit (same \`GITHUB_SHA\`, next run number), the labelled raw commands with the same labels. All use the classic builder (\`DOCKER_BUILDKIT=0\`; storage driver ${info.storageDriver}): buildx is not installed here, and the action picks the classic builder for the same reason. ` +
      `The action's figure is its \`Image\` log group, timed from its stdout as it arrives; "from spawn" adds the process start-up and the skip decision before it. ${info.runs} rounds after one uncounted warm-up round (which also creates the ECR repository); the order rotates per round; figures are medians, ratios medians of per-round ratios.`,
    '',
    renderTable(
      [
        '',
        'Action image step',
        'Action from spawn',
        'Raw build + push',
        'Action / raw',
        'Action − raw',
        'Raw + labels',
        'Action / raw + labels',
        'Action − raw + labels'
      ],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']
    ),
    '',
    "Where the action's image step spends its time (medians, from its log lines), against the raw commands:",
    '',
    renderTable(
      [
        '',
        'ECR + login',
        'build',
        'label step',
        'push',
        'digest read-back',
        'raw build',
        'raw push',
        'raw + labels: label step'
      ],
      phaseRows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']
    ),
    '',
    `ECR operations the action called (stand-in log): ${info.ecrCalls.map((call) => `\`${call}\``).join(', ') || 'none'}.`
  ].join('\n')
  return { markdown, targets }
}
