/**
 * Reliability, secrets on the build path: the committed bundle builds and pushes through the real
 * docker CLI, dockerd and the htpasswd registry (behind the ECR stand-in), while every process it
 * starts is watched. The registry password must never be on a process's argv, and the private
 * Docker config must be gone after a success, a failure and a SIGTERM during the build. Every run
 * is scanned for the registry password, its base64 auth, the tokens and the AWS secrets.
 *
 * The scan itself is checked too (no Docker needed): a secret that reaches GitHub only inside a
 * file's content (base64 in a PUT body, or a file on a branch) must be reported.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEcrServer, type EcrServer } from '../sandbox/ecr-server.js'
import { dockerServicesOrSkip, uniqueName } from './support/docker.js'
import {
  LeakLedger,
  SECRETS,
  SLUG,
  bumpRun,
  errorLines,
  leakTexts,
  openBumpPulls,
  shaOf,
  startWorld,
  unclearFailure,
  valuesFileOf,
  waitFor,
  writeSection,
  type World
} from './support/reliability.js'
import { cleanupRun, repoRoot, type RunnerResult } from './support/runner.js'
import { findLeaks } from './support/secrets.js'

const services = await dockerServicesOrSkip('reliability-secrets.int.test.ts (build path)')
const describeDocker = services ? describe : describe.skip

const CONFIG_PREFIX = 'gitops-image-bump-docker-'
const FIXTURE = path.join(repoRoot, '__tests__/fixtures/app-context')

/** What a watch of the action's process tree saw. */
interface Watch {
  polls: number
  processes: number
  /** `docker <subcommand>` of every docker CLI process seen. */
  dockerCommands: string[]
  /** Processes whose argv held a secret (the secret masked). */
  argvHits: string[]
  /** Processes whose environment held the registry password. */
  environHits: string[]
  /** Whether the private config directory was seen while the run lasted. */
  configSeen: boolean
}

/** The pids below `root` (children, grandchildren, …), from /proc. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // the process ended between the listing and the read
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
  }
  const found: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.shift() ?? 0
    for (const child of children.get(pid) ?? []) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

function readProc(pid: number, file: 'cmdline' | 'environ'): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'latin1').split('\0')
  } catch {
    return undefined
  }
}

/** The subcommand of a docker CLI argv (`login`, `build`, `buildx`, `push`, …). */
function dockerSubcommand(argv: readonly string[]): string {
  for (let i = 1; i < argv.length; i++) {
    if (['--config', '--host', '-H', '--context', '-c'].includes(argv[i])) i++
    else if (argv[i] !== '' && !argv[i].startsWith('-')) return argv[i]
  }
  return ''
}

/** RUNNER_TEMP of a running process, from its environment. */
function runnerTempOf(pid: number): string | undefined {
  return readProc(pid, 'environ')
    ?.find((v) => v.startsWith('RUNNER_TEMP='))
    ?.slice('RUNNER_TEMP='.length)
}

/** Watches the process tree of `root` every 20 ms until `stop()`; argv and env of each process. */
function watchProcessTree(
  root: () => number,
  secrets: readonly string[],
  registryPassword: string
): { stop(): Watch; alive(): number[] } {
  const watch: Watch = {
    polls: 0,
    processes: 0,
    dockerCommands: [],
    argvHits: [],
    environHits: [],
    configSeen: false
  }
  const seen = new Set<number>()
  let current: number[] = []
  let temp: string | undefined
  const poll = () => {
    const pid = root()
    if (pid === 0) return
    watch.polls++
    // The environment is the node binary's once it runs; before exec it is still the parent's.
    if (readProc(pid, 'cmdline')?.some((a) => a.endsWith('.js'))) temp ??= runnerTempOf(pid)
    if (temp && existsSync(temp) && readdirSync(temp).some((n) => n.startsWith(CONFIG_PREFIX))) {
      watch.configSeen = true
    }
    current = [pid, ...descendants(pid)]
    for (const child of current) {
      const argv = readProc(child, 'cmdline')
      if (argv === undefined) continue
      if (!seen.has(child)) {
        seen.add(child)
        watch.processes++
        if (path.basename(argv[0] ?? '') === 'docker') {
          watch.dockerCommands.push(`docker ${dockerSubcommand(argv)}`)
        }
      }
      const joined = argv.join(' ')
      for (const secret of secrets) {
        if (joined.includes(secret)) watch.argvHits.push(`${argv[0]}: ${secret.slice(0, 3)}…`)
      }
      if (readProc(child, 'environ')?.some((v) => v.includes(registryPassword))) {
        watch.environHits.push(argv[0] ?? String(child))
      }
    }
  }
  const timer = setInterval(poll, 20)
  return {
    stop: () => {
      clearInterval(timer)
      poll()
      return watch
    },
    alive: () => current
  }
}

interface BuildRun {
  name: string
  exit: string
  message: string
  unclear: string
  configLeft: string[]
  watch: Watch
  /** Docker CLI processes of the run still alive after it ended (SIGTERM case). */
  orphans: string[]
  seconds: number
}

const ledger = new LeakLedger()
const runs: BuildRun[] = []

describeDocker('secrets on the build path (docker CLI, dockerd, htpasswd registry)', () => {
  let ecr: EcrServer
  let world: World
  let secrets: string[]
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'gib-reliability-secrets-'))
  const userConfig = path.join(os.homedir(), '.docker', 'config.json')
  const userConfigBefore = existsSync(userConfig) ? readFileSync(userConfig, 'utf8') : undefined
  const images: string[] = []

  /** A workspace with the fixture app and `extra` appended to its Dockerfile. */
  function workspaceWith(extra: string): string {
    const workspace = mkdtempSync(path.join(scratch, 'workspace-'))
    cpSync(FIXTURE, workspace, { recursive: true })
    const dockerfile = path.join(workspace, 'Dockerfile')
    writeFileSync(dockerfile, `${readFileSync(dockerfile, 'utf8')}${extra}`)
    return workspace
  }

  async function buildRun(
    name: string,
    extra: string,
    options: { terminateWhen?: (argv: readonly string[]) => boolean } = {}
  ): Promise<{ run: BuildRun; result: RunnerResult }> {
    if (!services) throw new Error('services are required here')
    const started = Date.now()
    const repository = uniqueName('reliability/secrets')
    const sha = shaOf(`secrets ${name} ${repository}`)
    let pid = 0
    const watcher = watchProcessTree(() => pid, secrets, services.registry.password)
    let terminated = false
    const running = bumpRun(world, {
      sha,
      runNumber: 5,
      ecrUrl: ecr.url,
      workspace: workspaceWith(extra),
      timeoutMs: 240_000,
      onSpawn: (p) => (pid = p),
      inputs: {
        image: '',
        'aws-region': 'us-east-1',
        'ecr-repository': repository,
        'build-args': `BASE_IMAGE=${services.baseImage}`,
        network: 'host'
      }
    })
    let orphans: number[] = []
    if (options.terminateWhen) {
      const terminateWhen = options.terminateWhen
      try {
        await waitFor(
          () => watcher.alive().some((p) => terminateWhen(readProc(p, 'cmdline') ?? [])),
          'the build to start',
          180_000
        )
      } catch (error) {
        process.kill(pid, 'SIGKILL')
        await running
        watcher.stop()
        throw error
      }
      orphans = watcher.alive().filter((p) => p !== pid)
      process.kill(pid, 'SIGTERM')
      terminated = true
    }
    const result = await running
    const watch = watcher.stop()
    // A zombie (already exited, not yet reaped) has an empty command line.
    const stillAlive = orphans.filter((p) => (readProc(p, 'cmdline')?.[0] ?? '') !== '')
    const orphanCommands = stillAlive.map((p) => (readProc(p, 'cmdline') ?? []).join(' ').trim())
    // They are this test's own descendants (reparented when the action exited): end them by pid.
    for (const p of stillAlive) process.kill(p, 'SIGKILL')
    const leftover = existsSync(result.runnerTemp) ? readdirSync(result.runnerTemp) : []
    images.push(`${services.registry.host}/${repository}:main-${sha.slice(0, 7)}-5`)
    const run: BuildRun = {
      name,
      exit: String(result.code ?? result.signal),
      message: errorLines(result).slice(0, 800),
      unclear: terminated ? '' : result.code === 0 ? '' : (unclearFailure(result) ?? ''),
      configLeft: leftover.filter((n) => n.startsWith(CONFIG_PREFIX)),
      watch,
      orphans: orphanCommands,
      seconds: (Date.now() - started) / 1000
    }
    runs.push(run)
    ledger.scan(name, leakTexts(world, result), secrets)
    return { run, result }
  }

  let success: BuildRun
  let failure: BuildRun
  let terminated: BuildRun

  beforeAll(async () => {
    if (!services) throw new Error('services are required here')
    ecr = await startEcrServer({ registry: services.registry, accountId: '226633502530' })
    world = await startWorld()
    const { username, password } = services.registry
    secrets = [
      ...Object.values(SECRETS),
      password,
      Buffer.from(`${username}:${password}`).toString('base64')
    ]
    const ok = await buildRun('success', '')
    success = ok.run
    cleanupRun(ok.result)
    const failed = await buildRun('failure', 'RUN echo "the build fails here" && exit 3\n')
    failure = failed.run
    cleanupRun(failed.result)
    const slow = await buildRun('SIGTERM during the build', 'RUN sleep 120\n', {
      terminateWhen: (argv) =>
        path.basename(argv[0] ?? '') === 'docker' &&
        (dockerSubcommand(argv) === 'build' ||
          (dockerSubcommand(argv) === 'buildx' && argv.includes('build')))
    })
    terminated = slow.run
    cleanupRun(slow.result)
  }, 600_000)

  afterAll(async () => {
    await world?.stop()
    await ecr?.stop()
    rmSync(scratch, { recursive: true, force: true })
    if (images.length > 0) {
      await new Promise((resolve) => execFile('docker', ['image', 'rm', ...images], resolve))
    }
    writeSection('secrets', {
      runs,
      userDockerConfigUnchanged:
        (existsSync(userConfig) ? readFileSync(userConfig, 'utf8') : undefined) ===
        userConfigBefore,
      secrets: ledger.figures()
    })
  })

  it('builds, pushes and opens the PR on the build path', () => {
    expect({ exit: success.exit, message: success.message }).toEqual({ exit: '0', message: '' })
    expect(success.watch.dockerCommands).toEqual(expect.arrayContaining(['docker login']))
  })

  it('never passes the registry password (or any secret) on a process argv', () => {
    expect(runs.every((run) => run.watch.polls > 10)).toBe(true)
    expect(runs.flatMap((run) => run.watch.argvHits)).toEqual([])
    expect(runs.flatMap((run) => run.watch.environHits)).toEqual([])
  })

  it('removes the private Docker config after a success', () => {
    expect(success.watch.configSeen).toBe(true)
    expect(success.configLeft).toEqual([])
  })

  it('removes the private Docker config after a failed build, with a clear error', () => {
    expect(failure.exit).toBe('1')
    expect(failure.unclear).toBe('')
    expect(failure.watch.configSeen).toBe(true)
    expect(failure.configLeft).toEqual([])
  })

  it('removes the private Docker config when SIGTERM arrives during the build', () => {
    expect(terminated.watch.dockerCommands).toContain('docker build')
    expect(terminated.exit).toBe('143')
    expect(terminated.watch.configSeen).toBe(true)
    expect(terminated.configLeft).toEqual([])
  })

  it('leaves the user docker config untouched and leaks no secret anywhere', () => {
    const now = existsSync(userConfig) ? readFileSync(userConfig, 'utf8') : undefined
    expect(now).toBe(userConfigBefore)
    expect(ledger.runs).toBe(3)
    expect(ledger.figures().where).toEqual([])
  })
})

describe('the reliability secret scan', () => {
  it('catches a secret planted only in file contents (base64 in a PUT body, a file on a branch)', async () => {
    const world = await startWorld()
    let result: RunnerResult | undefined
    try {
      const run = await bumpRun(world, { sha: shaOf('planted file contents') })
      result = run
      expect(run.code).toBe(0)
      const leaks = (secrets: readonly string[]) =>
        findLeaks(leakTexts(world, run), secrets).map((leak) => leak.where)
      expect(leaks(Object.values(SECRETS))).toEqual([])

      const [pull] = openBumpPulls(world)
      const file = valuesFileOf()
      const putValues = async (secret: string, sha: string): Promise<number> => {
        const text = `${world.sim.fileAt(SLUG, pull.head, file) ?? ''}# ${secret}\n`
        const response = await fetch(`${world.sim.url}/repos/${SLUG}/contents/${file}`, {
          method: 'PUT',
          headers: {
            authorization: `token ${SECRETS.gitopsToken}`,
            'content-type': 'application/json'
          },
          body: JSON.stringify({
            message: 'Bump',
            content: Buffer.from(text, 'utf8').toString('base64'),
            sha,
            branch: pull.head
          })
        })
        await response.text()
        return response.status
      }
      const tip = world.sim.branchSha(SLUG, pull.head) ?? ''
      const blob = world.sim.commit(SLUG, tip)?.tree[file] ?? ''

      // Committed: the file on the bump branch, and the PUT body (base64) that wrote it.
      expect(await putValues(SECRETS.awsSecretAccessKey, blob)).toBe(200)
      const bodies = JSON.stringify(world.sim.requests.map((request) => request.body))
      expect(bodies).not.toContain(SECRETS.awsSecretAccessKey)
      expect(leaks([SECRETS.awsSecretAccessKey])).toEqual([
        `${SLUG}@${pull.head}:${file}`,
        'request bodies sent to GitHub'
      ])

      // Rejected (a stale sha): only in the base64 of the request body.
      expect(await putValues(SECRETS.awsSessionToken, blob)).toBe(409)
      expect(leaks([SECRETS.awsSessionToken])).toEqual(['request bodies sent to GitHub'])

      // Pushed without a request the scan reads: only in a file on main.
      world.sim.pushCommit(SLUG, 'main', { 'leak.txt': `key ${SECRETS.awsAccessKeyId}\n` })
      expect(leaks([SECRETS.awsAccessKeyId])).toEqual([`${SLUG}@main:leak.txt`])

      expect(leaks([SECRETS.gitopsToken, SECRETS.githubToken])).toEqual([])
    } finally {
      if (result) cleanupRun(result)
      await world.stop()
    }
  })
})
