/**
 * `npm run demo`: one real bump on this machine, watched from both sides.
 *
 * It starts the GitHub simulator (the GitOps repository seeded from examples/gitops-apps, the app
 * repository from examples/app) and the ECR stand-in, simulates a push to the app, and runs the
 * committed `dist/index.js` exactly as a runner does. When Docker and the local registry of
 * scripts/services.sh answer, the action builds examples/app and pushes it for real; otherwise it
 * promotes an image that an earlier run "pushed" (the `image` input). Then it prints the outputs,
 * the pull request as DevOps sees it (with the values diff from the simulator's state) and the job
 * summary, stops everything it started, and exits non-zero unless the bump is a one-line diff.
 *
 * usage: node build/sandbox/demo.js [--build | --promote]
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { readServices, servicesFile, servicesProblem, type TestServices } from './services.js'
import { unifiedDiff } from '../src/diff.js'
import { standInAwsEnv } from './aws-env.js'
import { startEcrServer } from './ecr-server.js'
import { startGitHubSimulator, type GitHubSimulator, type SimPull } from './github/index.js'
import { startManifestRegistry } from './demo/registry.js'
import {
  checkBump,
  indent,
  lineSplitter,
  renderActionLine,
  table,
  type BumpFacts
} from './demo/report.js'
import {
  actionScript,
  cleanupRun,
  node24,
  readActionYml,
  repoRoot,
  runAction,
  type RunnerResult
} from './run-action.js'

const APP = 'myapp-010'
const ENVIRONMENT = 'dev'
const OWNER = 'acme'
const GITOPS_REPOSITORY = `${OWNER}/gitops-apps`
const APP_REPOSITORY = `${OWNER}/${APP}`
const VALUES_FILE = `values/${ENVIRONMENT}/${APP}/values.yaml`
const ACCOUNT_ID = '226633502530'
const REGION = 'us-east-1'
const RUN_NUMBER = '1'

export type DemoMode = 'build' | 'promote'

/** The throw-away credentials of one demo run. Never printed. */
export interface DemoSecrets {
  /** `gitops-token`: a GitHub App installation token for the GitOps repository. */
  readonly gitopsToken: string
  /** `github-token`: the app repository's `GITHUB_TOKEN`, to list the changed files. */
  readonly githubToken: string
  readonly awsSecretAccessKey: string
  /** The password of the promotion mode's registry. */
  readonly registryPassword: string
}

export interface DemoOptions {
  /** `auto` (default): build when Docker and the registry answer, else promote. */
  readonly mode?: 'auto' | DemoMode
  /** Where the demo prints (default: stdout). */
  readonly write?: (text: string) => void
  /** Aborting it stops the action and everything the demo started (Ctrl-C). */
  readonly signal?: AbortSignal
  /** The bundle to run (default: the committed dist/index.js, or GIB_ACTION_SCRIPT). */
  readonly script?: string
  /** The node binary (default: Node 24 from node_modules, as `runs.using: node24`, else this one). */
  readonly node?: string
  /** Fixed credentials (tests scan for them); default: fresh random ones. */
  readonly secrets?: DemoSecrets
}

export interface DemoResult {
  readonly mode: DemoMode
  /** Why that mode. */
  readonly modeReason: string
  readonly interrupted: boolean
  /** Empty when the bump is exactly a one-line diff in an open pull request. */
  readonly problems: readonly string[]
  readonly exitCode: number | null
  readonly outputs: Readonly<Record<string, string>>
  readonly pull?: SimPull
  /** The unified diff of the values file between the base and the bump branch. */
  readonly diff: string
  readonly summary: string
  /** Everything the action printed (stdout and stderr). */
  readonly log: string
  /** The action's RUNNER_TEMP, removed when the demo ends. */
  readonly runnerTemp?: string
  /** Where the stand-ins listened; nothing listens there once the demo returns. */
  readonly urls: readonly string[]
  /** The image the promotion mode promoted. */
  readonly promotedImage?: string
}

/** A problem that stops the demo before the action runs, told as what to do. */
export class DemoError extends Error {}

export function freshSecrets(): DemoSecrets {
  const random = (length: number) =>
    randomBytes(length)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, length)
  return {
    gitopsToken: `ghs_${random(36)}`,
    githubToken: `ghs_${random(36)}`,
    awsSecretAccessKey: random(40),
    registryPassword: random(24)
  }
}

/** Every file under `folder` (recursively, dotfiles included) by its path relative to it. */
export function readFolder(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(folder, relative), { withFileTypes: true })) {
      const name = relative === '' ? entry.name : `${relative}/${entry.name}`
      if (entry.isDirectory() && entry.name !== '__pycache__') walk(name)
      else if (entry.isFile()) files[name] = readFileSync(path.join(folder, name), 'utf8')
    }
  }
  walk('')
  return files
}

interface ModeChoice {
  mode: DemoMode
  reason: string
  services?: TestServices
}

async function chooseMode(requested: 'auto' | DemoMode): Promise<ModeChoice> {
  if (requested === 'promote') return { mode: 'promote', reason: '--promote asked for it.' }
  const services = readServices()
  const problem = services
    ? await servicesProblem(services)
    : `${servicesFile} does not exist (the local Docker services are not started)`
  if (services && problem === undefined) {
    return {
      mode: 'build',
      reason: `Docker and the registry at ${services.registry.host} answer (${servicesFile})`,
      services
    }
  }
  const start = 'Start them with: bash scripts/services.sh start'
  if (requested === 'build') throw new DemoError(`--build needs Docker: ${problem}. ${start}`)
  return {
    mode: 'promote',
    reason: `nothing can be built here: ${problem}. (${start}, to watch a real build.)`
  }
}

/** Paths whose content differs between two commits of the simulator. */
function changedPaths(sim: GitHubSimulator, repo: string, base: string, head: string): string[] {
  const before = sim.commit(repo, base)?.tree ?? {}
  const after = sim.commit(repo, head)?.tree ?? {}
  const paths = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...paths].filter((file) => before[file] !== after[file]).sort()
}

function docker(args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) =>
    execFile('docker', args, { env, timeout: 60_000 }, (error, _stdout, stderr) =>
      resolve(error ? stderr.trim() || error.message : undefined)
    )
  )
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text))
  const say = (text = '') => write(`${text}\n`)
  const heading = (text: string) => say(`\n== ${text} ${'='.repeat(Math.max(3, 72 - text.length))}`)
  const secrets = options.secrets ?? freshSecrets()
  const stops: { what: string; stop: () => Promise<void> }[] = []
  const urls: string[] = []
  let run: RunnerResult | undefined

  say('gitops-image-bump demo: one bump, from the push to the pull request DevOps approves.')
  try {
    const choice = await chooseMode(options.mode ?? 'auto')
    say(
      choice.mode === 'build'
        ? `Mode: build, because ${choice.reason}.`
        : `Mode: promotion of an existing image (the image input), because ${choice.reason}`
    )

    heading('The stand-ins (all on 127.0.0.1, stopped at the end)')
    const gitopsFiles = readFolder(path.join(repoRoot, 'examples/gitops-apps'))
    const appFiles = readFolder(path.join(repoRoot, 'examples/app'))
    // The push the run reacts to: it brings app.py to what examples/app holds today.
    const staleAppPy = `${appFiles['app.py'] ?? ''}\n# TODO: say hello\n`
    const sim = await startGitHubSimulator({
      repos: [
        { owner: OWNER, name: 'gitops-apps', files: gitopsFiles, private: true },
        { owner: OWNER, name: APP, files: { ...appFiles, 'app.py': staleAppPy }, private: true }
      ],
      tokens: [
        {
          token: secrets.gitopsToken,
          login: 'gitops-bot[bot]',
          kind: 'app',
          repos: [GITOPS_REPOSITORY]
        },
        {
          token: secrets.githubToken,
          login: 'github-actions[bot]',
          kind: 'actions',
          repos: [APP_REPOSITORY],
          permissions: { contents: 'read' }
        }
      ]
    })
    stops.push({ what: 'the GitHub simulator', stop: () => sim.stop() })
    urls.push(sim.url)
    say(`  GitHub simulator  ${sim.url}`)
    say(
      `    ${GITOPS_REPOSITORY}: the ${Object.keys(gitopsFiles).length} files of examples/gitops-apps`
    )
    say(`    ${APP_REPOSITORY}: the ${Object.keys(appFiles).length} files of examples/app`)

    const before = sim.branchSha(APP_REPOSITORY, 'main') ?? ''
    const after = sim.pushCommit(
      APP_REPOSITORY,
      'main',
      { 'app.py': appFiles['app.py'] ?? '' },
      { message: 'Drop a stale TODO from app.py', login: 'alice' }
    )
    const sha7 = after.slice(0, 7)
    const tag = `main-${sha7}-${RUN_NUMBER}`

    let registry: { host: string; username: string; password: string }
    let promotedImage: string | undefined
    if (choice.services) {
      registry = choice.services.registry
    } else {
      promotedImage = `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/${APP}:${tag}`
      const held = await startManifestRegistry({
        images: [{ repository: APP, tag }],
        username: 'AWS',
        password: secrets.registryPassword
      })
      stops.push({ what: 'the registry stand-in', stop: () => held.stop() })
      urls.push(`http://${held.host}`)
      registry = held
      say(`  Registry stand-in ${held.host}  (holds only the manifest of ${APP}:${tag})`)
    }
    const ecr = await startEcrServer({ registry, accountId: ACCOUNT_ID, region: REGION })
    stops.push({ what: 'the ECR stand-in', stop: () => ecr.stop() })
    urls.push(ecr.url)
    say(`  ECR stand-in      ${ecr.url}  (account ${ACCOUNT_ID}, ${REGION})`)
    if (choice.services) say(`  Registry          ${registry.host}  (scripts/services.sh)`)
    if (promotedImage) await createRepository(ecr.url, APP)

    heading(`A push to ${APP_REPOSITORY}`)
    say(`  main ${before.slice(0, 7)}..${sha7}  "Drop a stale TODO from app.py"  (changes app.py)`)

    const inputs: Record<string, string> = {
      app: APP,
      environment: ENVIRONMENT,
      'gitops-repository': GITOPS_REPOSITORY,
      'gitops-token': secrets.gitopsToken,
      'github-api-url': sim.url,
      'github-token': secrets.githubToken,
      ...(promotedImage
        ? { image: promotedImage }
        : {
            'aws-region': REGION,
            context: 'examples/app',
            dockerfile: 'sandbox/demo/Dockerfile',
            'build-args': `BASE_IMAGE=${choice.services?.baseImage ?? ''}`,
            network: 'host'
          })
    }
    const node = options.node ?? (existsSync(node24) ? node24 : process.execPath)
    const script = options.script ?? actionScript()
    heading(`The step: ${path.relative(repoRoot, script) || script}, run as a runner runs it`)
    say(
      `  node ${path.relative(repoRoot, node).startsWith('..') ? node : path.relative(repoRoot, node)}`
    )
    say('  with:')
    say(table(shownInputs(inputs), '    '))
    if (!promotedImage) {
      say(
        '  (sandbox/demo/Dockerfile copies the examples/app context onto the local base image:\n' +
          "   the app's own Dockerfile runs pip install, and no package index is reachable here.)"
      )
    }
    say()

    const stdout = lineSplitter((line) => {
      const shown = renderActionLine(line)
      if (shown !== undefined) say(shown)
    })
    const stderr = lineSplitter((line) => say(`  ! ${line}`))
    run = await runAction({
      inputs,
      eventName: 'push',
      payload: {
        ref: 'refs/heads/main',
        before,
        after,
        repository: {
          full_name: APP_REPOSITORY,
          name: APP,
          owner: { login: OWNER },
          default_branch: 'main'
        }
      },
      env: {
        GITHUB_SHA: after,
        GITHUB_REPOSITORY: APP_REPOSITORY,
        GITHUB_API_URL: sim.url,
        GITHUB_RUN_NUMBER: RUN_NUMBER,
        ...standInAwsEnv(ecr.url, {
          keys: { accessKeyId: 'AKIDDEMOSTANDIN00000', secretAccessKey: secrets.awsSecretAccessKey }
        }),
        ...(choice.services?.dockerHost ? { DOCKER_HOST: choice.services.dockerHost } : {})
      },
      node,
      script,
      workspace: repoRoot,
      timeoutMs: 300_000,
      onOutput: (chunk, stream) => (stream === 'stdout' ? stdout : stderr).push(chunk),
      signal: options.signal
    })
    stdout.flush()
    stderr.flush()
    say(run.code === null ? `  (ended by ${run.signal})` : `  (exit code ${run.code})`)

    const base = {
      mode: choice.mode,
      modeReason: choice.reason,
      exitCode: run.code,
      outputs: run.outputs,
      summary: run.summary,
      log: `${run.stdout}\n${run.stderr}`,
      runnerTemp: run.runnerTemp,
      urls,
      promotedImage
    }
    if (options.signal?.aborted) {
      return { ...base, interrupted: true, problems: ['interrupted'], diff: '' }
    }

    heading('Outputs')
    const outputNames = Object.keys(readActionYml().outputs)
    say(table(outputNames.map((name) => [name, run?.outputs[name] ?? ''] as const)))

    const number = Number(run.outputs['pull-request-number'] || NaN)
    const pull = sim.pulls(GITOPS_REPOSITORY).find((candidate) => candidate.number === number)
    let diff = ''
    let facts: BumpFacts = {
      exitCode: run.code,
      valuesFile: VALUES_FILE,
      changedFiles: []
    }
    if (pull) {
      const baseSha = sim.branchSha(GITOPS_REPOSITORY, pull.base) ?? ''
      const headSha = sim.branchSha(GITOPS_REPOSITORY, pull.head) ?? ''
      const valuesBefore = sim.fileAt(GITOPS_REPOSITORY, baseSha, VALUES_FILE)
      const valuesAfter = sim.fileAt(GITOPS_REPOSITORY, headSha, VALUES_FILE)
      diff = unifiedDiff(VALUES_FILE, valuesBefore ?? '', valuesAfter ?? '')
      facts = {
        ...facts,
        pull,
        before: valuesBefore,
        after: valuesAfter,
        changedFiles: changedPaths(sim, GITOPS_REPOSITORY, baseSha, headSha)
      }
      const headCommit = sim.commit(GITOPS_REPOSITORY, headSha)
      heading(`Pull request #${pull.number} in ${GITOPS_REPOSITORY}, as DevOps sees it`)
      say(`  ${pull.head} -> ${pull.base}  (${pull.state}, opened by ${pull.user})`)
      say(`  Title: ${pull.title}`)
      if (pull.labels.length > 0) say(`  Labels: ${pull.labels.join(', ')}`)
      say(
        `  Commit: ${headSha.slice(0, 7)} "${headCommit?.message.split('\n')[0] ?? ''}"` +
          `${headCommit?.verified ? ' (verified)' : ''}`
      )
      say(`  Files changed: ${facts.changedFiles.join(', ') || '(none)'}`)
      say('  Body:')
      say(indent(pull.body))
      say('  Diff (base branch -> bump branch, from the simulator):')
      say(indent(diff || '(none)'))
    }

    heading('Job summary (GITHUB_STEP_SUMMARY, Markdown)')
    say(indent(run.summary || '(empty)', '  '))

    const problems = checkBump(facts)
    heading('Result')
    if (problems.length === 0) {
      say(`  OK: ${VALUES_FILE} changed by exactly one line, in pull request #${pull?.number}.`)
    } else {
      for (const problem of problems) say(`  FAILED: ${problem}`)
    }
    if (!promotedImage && run.outputs.digest) {
      const problem = await docker(['image', 'rm', run.outputs.image], {
        ...process.env,
        ...(choice.services?.dockerHost ? { DOCKER_HOST: choice.services.dockerHost } : {})
      })
      say(
        problem === undefined
          ? `  Removed the local copy of ${run.outputs.image} (the registry keeps it).`
          : `  Note: the local image ${run.outputs.image} was not removed: ${problem}`
      )
    }
    return { ...base, interrupted: false, problems, pull, diff }
  } finally {
    if (run) cleanupRun(run)
    for (const { what, stop } of stops.reverse()) {
      await stop().catch((error: unknown) =>
        say(
          `  Note: stopping ${what} failed: ${error instanceof Error ? error.message : String(error)}`
        )
      )
    }
    say(`\nStopped the stand-ins${run ? ' and removed the runner folders' : ''}.`)
  }
}

/** The inputs as the demo shows them: tokens never, only what they are. */
function shownInputs(inputs: Record<string, string>): [string, string][] {
  const described: Record<string, string> = {
    'gitops-token': `*** (GitHub App token of gitops-bot[bot], write access to ${GITOPS_REPOSITORY})`,
    'github-token': `*** (the app repository's GITHUB_TOKEN, contents: read)`
  }
  return Object.entries(inputs).map(([name, value]) => [name, described[name] ?? value])
}

/** The ECR repository that an earlier run created, for the promotion mode. */
async function createRepository(url: string, name: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.CreateRepository',
      // The stand-in only checks that a call is signed at all.
      authorization: 'AWS4-HMAC-SHA256 demo'
    },
    body: JSON.stringify({ repositoryName: name, imageTagMutability: 'IMMUTABLE' })
  })
  if (!response.ok) {
    throw new DemoError(`The ECR stand-in refused to create ${name}: ${await response.text()}`)
  }
}

/** `--build`, `--promote` or nothing; undefined asks for the usage text. */
export function parseArguments(args: readonly string[]): 'auto' | DemoMode | undefined {
  if (args.length === 0) return 'auto'
  if (args.length === 1 && args[0] === '--build') return 'build'
  if (args.length === 1 && args[0] === '--promote') return 'promote'
  return undefined
}

async function main(): Promise<number> {
  const mode = parseArguments(process.argv.slice(2))
  if (mode === undefined) {
    process.stderr.write(
      'usage: npm run demo [-- --build | --promote]\n' +
        '  --build    build examples/app with Docker (fails when Docker is not available)\n' +
        '  --promote  promote an existing image, no Docker needed\n' +
        '  default    build when Docker and the registry of scripts/services.sh answer\n'
    )
    return 2
  }
  const controller = new AbortController()
  const interrupt = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143)
    process.stderr.write(`\n${signal}: stopping the action and the stand-ins…\n`)
    controller.abort()
  }
  process.on('SIGINT', interrupt)
  process.on('SIGTERM', interrupt)
  try {
    const result = await runDemo({ mode, signal: controller.signal })
    if (result.interrupted) return 130
    return result.problems.length === 0 ? 0 : 1
  } catch (error) {
    process.stderr.write(
      `demo: ${error instanceof DemoError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    )
    return controller.signal.aborted ? 130 : 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main()
}
