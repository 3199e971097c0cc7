/**
 * The whole world a runner-level test runs the bundle in: the GitHub simulator holding the app
 * repository and one or more GitOps repositories (seeded from examples/gitops-apps), the ECR
 * stand-in handing out the real local registry's login, an app workspace with a Dockerfile FROM
 * the local base image, the runner environment (safe, local AWS variables), and the secret scan
 * over everything a run printed, wrote, left behind or sent to GitHub and ECR.
 *
 * One world per test file: start it in `beforeAll`, give every scenario its own GitOps
 * repository (`gitopsRepos`), stop it in `afterAll`.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { standInAwsEnv } from '../../sandbox/aws-env.js'
import { startEcrServer, type EcrServer } from '../../sandbox/ecr-server.js'
import {
  startGitHubSimulator,
  type GitHubSimulator,
  type SimOptions
} from '../../sandbox/github/index.js'
import { cleanupRun, repoRoot, runAction, type RunnerResult } from './runner.js'
import { filesUnder, findLeaks, requestTexts, simulatorState, type Leak } from './secrets.js'
import type { TestServices } from './services.js'

export const OWNER = 'acme'
export const APP = 'myapp-010'
/** The application repository the runs belong to (`GITHUB_REPOSITORY`). */
export const APP_REPOSITORY = `${OWNER}/${APP}`
export const REGION = 'us-east-1'
/** The account the stand-in's credentials belong to (its repositories live there). */
export const ACCOUNT_ID = '123456789012'
/** Where the dev values file of the example GitOps repository lives. */
export const DEV_VALUES_FILE = `values/dev/${APP}/values.yaml`

/** The secrets a world hands to the action; the scan looks for every one of them. */
export interface WorldSecrets {
  readonly gitopsToken: string
  readonly githubToken: string
  readonly awsSecretAccessKey: string
  /** The registry password the stand-in hands out in GetAuthorizationToken. */
  readonly registryPassword: string
  /** `base64(user:password)`: what a Docker config would hold if one were left behind. */
  readonly registryAuth: string
}

export interface WorldOptions {
  /** GitOps repository names under `acme`, one per scenario (default `['gitops-apps']`). */
  gitopsRepos?: readonly string[]
  /** Environments besides dev that get a copy of the dev values file (e.g. `['staging']`). */
  environments?: readonly string[]
  /** Extra files in every GitOps repository (path → text). */
  extraFiles?: Readonly<Record<string, string>>
  /** `/api/v3` serves the simulator like GitHub Enterprise Server. */
  apiPrefix?: '' | '/api/v3'
  /** The local Docker services; without them the ECR stand-in gets an unreachable registry. */
  services?: TestServices
  /** Passed on to the simulator (rate limits, clocks, latency). */
  simulator?: Pick<SimOptions, 'secondaryRateLimit' | 'clock' | 'latencyMs'>
}

/** A commit pushed to the app repository, and the push event payload a runner would hand over. */
export interface AppPush {
  readonly before: string
  readonly after: string
  readonly sha7: string
  readonly payload: Record<string, unknown>
}

export interface WorldRunOptions {
  /** The push the run is for (its sha, payload and compare range). */
  push: AppPush
  /** Inputs on top of the world's defaults; `undefined` removes a default. */
  inputs?: Record<string, string | undefined>
  /** GitOps repository name under `acme` (default: the first of `gitopsRepos`). */
  gitopsRepo?: string
  runNumber?: number
  runAttempt?: number
  eventName?: string
  /** Node binary (default: this process's Node 20; `node24` for the runner runtime). */
  node?: string
  /** App workspace (default: a fresh one from `createWorkspace()`). */
  workspace?: string
  env?: Record<string, string | undefined>
  timeoutMs?: number
}

export interface World {
  readonly sim: GitHubSimulator
  readonly ecr: EcrServer
  readonly services: TestServices | undefined
  readonly secrets: WorldSecrets
  /** A repository name no earlier test run used in the long-lived registry (`ecr-repository`). */
  readonly ecrRepository: string
  /** Base image of the workspace's Dockerfile. */
  readonly baseImage: string
  /** `acme/<name>` */
  gitops(name?: string): string
  /** Pushes a commit to the app repository's main branch in the simulator. */
  pushToApp(files: Record<string, string | null>, message?: string): AppPush
  /** A fresh app workspace: a Dockerfile FROM the base image with one RUN step, and `files`. */
  createWorkspace(files?: Record<string, string>): string
  /** The inputs and environment a run gets before `options` are applied. */
  runDefaults(options: WorldRunOptions): {
    inputs: Record<string, string>
    env: Record<string, string>
  }
  /** Runs the bundle as a runner does (see support/runner.ts); the world cleans up afterwards. */
  run(options: WorldRunOptions): Promise<RunnerResult>
  /** Every text the secret scan covers for `run`, by where it came from. */
  scannedTexts(run: RunnerResult): Record<string, string>
  /** The secrets that appear anywhere in `scannedTexts(run)` (and in `extra`). */
  leaks(run: RunnerResult, extra?: Record<string, string>): Leak[]
  /** Stops the servers, removes workspaces and scratch folders and the locally built images. */
  stop(): Promise<void>
}

const EXAMPLE_GITOPS = path.join(repoRoot, 'examples/gitops-apps')

/** The example GitOps repository's files (path → text), plus copies for more environments. */
export function exampleGitOpsFiles(
  environments: readonly string[] = [],
  extraFiles: Readonly<Record<string, string>> = {}
): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile())
        files[path.relative(EXAMPLE_GITOPS, full).split(path.sep).join('/')] = readFileSync(
          full,
          'utf8'
        )
    }
  }
  walk(EXAMPLE_GITOPS)
  const dev = files[DEV_VALUES_FILE]
  if (dev === undefined) throw new Error(`examples/gitops-apps has no ${DEV_VALUES_FILE}`)
  for (const environment of environments) {
    files[`values/${environment}/${APP}/values.yaml`] = dev
      .replaceAll(' in dev', ` in ${environment}`)
      .replaceAll(`${APP}-dev`, `${APP}-${environment}`)
      .replaceAll('applications/dev/', `applications/${environment}/`)
  }
  return { ...files, ...extraFiles }
}

/** A token-shaped random string, different in every world, so a leak cannot be a coincidence. */
function randomSecret(prefix: string): string {
  return prefix + randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const gitopsRepos = options.gitopsRepos ?? ['gitops-apps']
  const services = options.services
  const registry = services?.registry ?? {
    // Nothing listens on the discard port: image steps fail fast without the Docker services.
    host: '127.0.0.1:9',
    username: 'nobody',
    password: randomSecret('nopass')
  }
  const secrets: WorldSecrets = {
    gitopsToken: randomSecret('ghs_gitops'),
    githubToken: randomSecret('ghs_app'),
    awsSecretAccessKey: randomSecret('awsSecret/'),
    registryPassword: registry.password,
    registryAuth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64')
  }
  const gitopsFiles = exampleGitOpsFiles(options.environments, options.extraFiles)
  const sim = await startGitHubSimulator({
    ...options.simulator,
    apiPrefix: options.apiPrefix ?? '',
    repos: [
      {
        owner: OWNER,
        name: APP,
        files: {
          'app.py': 'print("hello")\n',
          'README.md': `# ${APP}\n`,
          Dockerfile: 'FROM scratch\n'
        }
      },
      ...gitopsRepos.map((name) => ({
        owner: OWNER,
        name,
        private: true,
        files: gitopsFiles
      }))
    ],
    tokens: [
      {
        token: secrets.gitopsToken,
        login: 'gitops-bot[bot]',
        kind: 'app',
        repos: gitopsRepos.map((name) => `${OWNER}/${name}`)
      },
      {
        token: secrets.githubToken,
        login: 'github-actions[bot]',
        kind: 'actions',
        repos: [APP_REPOSITORY]
      }
    ]
  })
  let ecr: EcrServer
  try {
    ecr = await startEcrServer({ registry, accountId: ACCOUNT_ID, region: REGION })
  } catch (error) {
    await sim.stop()
    throw error
  }

  const baseImage = services?.baseImage ?? 'gib-base:busybox'
  const ecrRepository = `e2e-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}/${APP}`
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'gib-world-'))
  const runs: RunnerResult[] = []
  let workspaces = 0

  const world: World = {
    sim,
    ecr,
    services,
    secrets,
    ecrRepository,
    baseImage,
    gitops: (name = gitopsRepos[0] ?? 'gitops-apps') => `${OWNER}/${name}`,

    pushToApp(files, message = 'change the app') {
      const before = sim.branchSha(APP_REPOSITORY, 'main')
      if (before === undefined) throw new Error(`${APP_REPOSITORY} has no main branch`)
      const after = sim.pushCommit(APP_REPOSITORY, 'main', files, { message, login: 'alice' })
      return {
        before,
        after,
        sha7: after.slice(0, 7),
        payload: {
          ref: 'refs/heads/main',
          before,
          after,
          created: false,
          deleted: false,
          forced: false,
          repository: {
            full_name: APP_REPOSITORY,
            name: APP,
            owner: { login: OWNER },
            default_branch: 'main'
          },
          head_commit: { id: after, message }
        }
      }
    },

    createWorkspace(files = {}) {
      const workspace = path.join(scratch, `workspace-${++workspaces}`)
      mkdirSync(workspace, { recursive: true })
      const all: Record<string, string> = {
        Dockerfile: [
          `FROM ${baseImage}`,
          '# One RUN step: it needs a network mode that works here (input network: host).',
          'RUN echo "built by the end-to-end test" > /e2e.txt',
          ''
        ].join('\n'),
        'app.py': 'print("hello")\n',
        ...files
      }
      for (const [name, text] of Object.entries(all)) {
        mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true })
        writeFileSync(path.join(workspace, name), text)
      }
      return workspace
    },

    runDefaults(run) {
      const inputs: Record<string, string> = {
        app: APP,
        'gitops-repository': world.gitops(run.gitopsRepo),
        'gitops-token': secrets.gitopsToken,
        'github-token': secrets.githubToken,
        'github-api-url': sim.url,
        'aws-region': REGION,
        'ecr-repository': ecrRepository,
        network: 'host'
      }
      const env: Record<string, string> = {
        GITHUB_SHA: run.push.after,
        GITHUB_REPOSITORY: APP_REPOSITORY,
        GITHUB_API_URL: sim.url,
        GITHUB_RUN_NUMBER: String(run.runNumber ?? 1),
        GITHUB_RUN_ATTEMPT: String(run.runAttempt ?? 1),
        GITHUB_RUN_ID: String(9000 + (run.runNumber ?? 1)),
        // The AWS SDK in the child talks to the stand-in only, with dummy keys, and never looks
        // for instance, container or file credentials (only loopback is reachable).
        ...standInAwsEnv(ecr.url, {
          keys: { accessKeyId: 'AKIDE2ESTANDIN000000', secretAccessKey: secrets.awsSecretAccessKey }
        })
      }
      if (services?.dockerHost) env.DOCKER_HOST = services.dockerHost
      return { inputs, env }
    },

    async run(run) {
      const defaults = world.runDefaults(run)
      const inputs: Record<string, string> = { ...defaults.inputs }
      for (const [name, value] of Object.entries(run.inputs ?? {})) {
        if (value === undefined) delete inputs[name]
        else inputs[name] = value
      }
      const result = await runAction({
        eventName: run.eventName ?? 'push',
        payload: run.push.payload,
        inputs,
        env: { ...defaults.env, ...run.env },
        node: run.node,
        workspace: run.workspace ?? world.createWorkspace(),
        timeoutMs: run.timeoutMs ?? 180_000
      })
      runs.push(result)
      return result
    },

    scannedTexts(run) {
      const texts: Record<string, string> = {
        stdout: run.stdout,
        stderr: run.stderr,
        outputs: JSON.stringify(run.outputs),
        summary: run.summary,
        ...prefixed('runner-temp', filesUnder(run.runnerTemp)),
        ...prefixed('workspace', filesUnder(run.workspace)),
        'ecr requests': JSON.stringify(ecr.requests)
      }
      for (const repo of [APP_REPOSITORY, ...gitopsRepos.map((name) => `${OWNER}/${name}`)]) {
        Object.assign(texts, simulatorState(sim, repo))
      }
      // What the action sent to GitHub (the Authorization header is where a token belongs).
      texts['github requests'] = requestTexts(sim.requests)
      return texts
    },

    leaks(run, extra = {}) {
      return findLeaks({ ...world.scannedTexts(run), ...extra }, Object.values(secrets))
    },

    async stop() {
      for (const run of runs) cleanupRun(run)
      rmSync(scratch, { recursive: true, force: true })
      await Promise.allSettled([sim.stop(), ecr.stop()])
      if (services) await removeLocalImages(`${registry.host}/${ecrRepository}`)
    }
  }
  return world
}

function prefixed(prefix: string, texts: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(texts).map(([key, text]) => [`${prefix}:${key}`, text]))
}

/** Removes the images the runs built into the local engine (the vfs driver keeps every layer). */
async function removeLocalImages(repositoryUri: string): Promise<void> {
  const list = await new Promise<string>((resolve) =>
    execFile(
      'docker',
      ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repositoryUri],
      (error, stdout) => {
        if (error) console.warn(`Could not list the images of ${repositoryUri}: ${error.message}`)
        resolve(error ? '' : stdout)
      }
    )
  )
  const references = list.split('\n').filter((line) => line.trim() !== '')
  if (references.length === 0) return
  await new Promise<void>((resolve) =>
    execFile('docker', ['image', 'rm', '--force', ...references], (error) => {
      if (error) console.warn(`Could not remove ${references.join(', ')}: ${error.message}`)
      resolve()
    })
  )
}
