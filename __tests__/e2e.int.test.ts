/**
 * The whole step, run as the GitHub runner runs it (`node dist/index.js` with INPUT_*, GITHUB_*,
 * an event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY), against the GitHub simulator, the
 * ECR stand-in, the real local registry and dockerd. Every scenario also scans everything the run
 * printed, wrote, left behind or sent to GitHub and ECR for every secret it was given.
 *
 * One world (simulator + stand-in) for the file; each scenario has its own GitOps repository.
 * Scenarios that build or verify images need Docker and skip (or fail under GIB_REQUIRE_DOCKER=1)
 * without it. `GIB_ACTION_SCRIPT` runs a private build instead of the committed dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseMarker } from '../src/pr-body.js'
import { dockerServicesOrSkip } from './support/docker.js'
import { registryImageLabels, registryManifest, registryTags } from './support/registry.js'
import {
  cleanupRun,
  errorAnnotations,
  node24,
  parseGitHubOutput,
  repoRoot,
  runAction,
  type RunnerResult
} from './support/runner.js'
import {
  ACCOUNT_ID,
  APP,
  APP_REPOSITORY,
  DEV_VALUES_FILE,
  REGION,
  startWorld,
  type AppPush,
  type World
} from './support/world.js'

const services = await dockerServicesOrSkip('e2e.int.test.ts (the build, push and promote runs)')
const describeDocker = services ? describe : describe.skip

function hasBuildx(): boolean {
  try {
    execFileSync('docker', ['buildx', 'version'], { stdio: 'ignore', timeout: 20_000 })
    return true
  } catch {
    return false
  }
}

/** The image line of the example values file, before any bump. */
const EXAMPLE_VALUES = readFileSync(
  path.join(repoRoot, 'examples/gitops-apps', DEV_VALUES_FILE),
  'utf8'
)
const OLD_IMAGE = /^ {2}image: (\S+)/m.exec(EXAMPLE_VALUES)?.[1] ?? ''
/** A chart that splits the image, which the action refuses to write into. */
const SPLIT_IMAGE_VALUES = `microservice:
  name: myapp-020
  image:
    repository: ${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/myapp-020
    tag: main-0000000-1
  port: 8000
`
/** A cold build on the vfs storage driver of a shared, busy machine can take a minute. */
const BUILD_TIMEOUT_MS = 240_000
/** One or two runs of the bundle (a few seconds each when the machine is busy). */
const RUN_TIMEOUT_MS = 120_000
/** An image outside ECR: promoting it checks nothing and needs neither Docker nor the stand-in. */
const OUTSIDE_REGISTRY = '127.0.0.1:5999/acme/myapp-010'

let world: World
let html: string

beforeAll(async () => {
  world = await startWorld({
    services,
    environments: ['staging'],
    extraFiles: { 'values/dev/myapp-020/values.yaml': SPLIT_IMAGE_VALUES },
    gitopsRepos: [
      'gitops-fresh',
      'gitops-skip',
      'gitops-promote',
      'gitops-dry',
      'gitops-missing',
      'gitops-map',
      'gitops-newest',
      'gitops-commit',
      'gitops-leak',
      'gitops-pin'
    ]
  })
  html = new URL(world.sim.url).origin
})

afterAll(async () => {
  await world?.stop()
})

/** The requests a run sent, from the marks taken before it. */
function mark(): () => {
  github: { method: string; path: string; status: number; token?: string; mutation: boolean }[]
  ecr: string[]
} {
  const github = world.sim.requests.length
  const ecr = world.ecr.requests.length
  return () => ({
    github: world.sim.requests.slice(github).map(({ method, path: p, status, token, body }) => ({
      method,
      path: p,
      status,
      token,
      mutation: p === '/graphql' && /\bmutation\b/.test(JSON.stringify(body))
    })),
    ecr: world.ecr.requests.slice(ecr).map((request) => request.target)
  })
}

/** A request that changed something (a refused attempt, e.g. 422 on an existing ref, did not). */
const isWrite = (request: { method: string; path: string; status: number; mutation: boolean }) =>
  request.status < 400 &&
  (request.path === '/graphql' ? request.mutation : request.method !== 'GET')

/** The lines that differ between two texts with the same number of lines. */
function changedLines(before: string, after: string): { before: string[]; after: string[] } {
  const a = before.split('\n')
  const b = after.split('\n')
  expect(b).toHaveLength(a.length)
  const indexes = a.flatMap((line, index) => (line === b[index] ? [] : [index]))
  return { before: indexes.map((i) => a[i]), after: indexes.map((i) => b[i]) }
}

function valuesLine(image: string): string {
  return `  image: ${image} # set by CI`
}

function expectNoLeaks(run: RunnerResult, extra: Record<string, string> = {}): void {
  expect(world.leaks(run, extra)).toEqual([])
}

// ---- the fresh bump builds the one image the other Docker scenarios share ----------------------

interface FreshBump {
  push: AppPush
  run: RunnerResult
  requests: ReturnType<ReturnType<typeof mark>>
}

let fresh: Promise<FreshBump> | undefined

/** The first run of the file: a code push, run 1, the repository missing in ECR. Node 24. */
function freshBump(): Promise<FreshBump> {
  fresh ??= (async () => {
    const push = world.pushToApp({ 'app.py': 'print("hello, world")\n' }, 'feat: greet the world')
    const requests = mark()
    const run = await world.run({ push, gitopsRepo: 'gitops-fresh', runNumber: 1, node: node24 })
    return { push, run, requests: requests() }
  })()
  return fresh
}

describeDocker('a code push on a runner (Node 24), repository missing in ECR', () => {
  it(
    'creates the repository, builds and pushes the image, and opens the one-line pull request',
    async () => {
      const env = services!
      const { push, run, requests } = await freshBump()
      expect(errorAnnotations(run.stdout)).toEqual([])
      expect(run.code).toBe(0)

      const tag = `main-${push.sha7}-1`
      const repositoryUri = `${env.registry.host}/${world.ecrRepository}`
      const { digest } = await registryManifest(env, world.ecrRepository, tag)
      const slug = world.gitops('gitops-fresh')
      const branch = `update-${APP}-${push.sha7}`
      expect(run.outputs).toEqual({
        skipped: 'false',
        'skip-reason': '',
        image: `${repositoryUri}:${tag}`,
        tag,
        digest,
        registry: env.registry.host,
        'repository-uri': repositoryUri,
        'repository-created': 'true',
        'previous-image': OLD_IMAGE,
        'values-file': DEV_VALUES_FILE,
        branch,
        'commit-sha': world.sim.branchSha(slug, branch),
        'commits-verified': 'true',
        'pull-request-number': '1',
        'pull-request-url': `${html}/${slug}/pull/1`,
        'pull-request-operation': 'created'
      })
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)

      // ECR: described, created with the secure defaults, logged in; the image is traceable.
      expect(requests.ecr).toContain('CreateRepository')
      // A repository this run created holds no tag yet: nothing is looked up.
      expect(requests.ecr).not.toContain('DescribeImages')
      expect(
        world.ecr.state.repositories.get(`${ACCOUNT_ID}/${world.ecrRepository}`)
      ).toMatchObject({
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: { encryptionType: 'AES256' }
      })
      const labels = await registryImageLabels(env, world.ecrRepository, tag)
      expect(labels).toMatchObject({
        'org.opencontainers.image.revision': push.after,
        'org.opencontainers.image.source': `https://github.com/${APP_REPOSITORY}`
      })

      // GitHub: the changed files came from the compare API with the app token.
      expect(requests.github[0]).toMatchObject({
        method: 'GET',
        path: `/repos/${APP_REPOSITORY}/compare/${push.before}...${push.after}`,
        status: 200,
        token: world.secrets.githubToken
      })
      expect(
        requests.github.filter((r) => r.path.startsWith(`/repos/${slug}/`)).map((r) => r.token)
      ).toEqual(expect.arrayContaining([world.secrets.gitopsToken]))

      const pulls = world.sim.pulls(slug)
      expect(pulls).toHaveLength(1)
      expect(pulls[0]).toMatchObject({
        number: 1,
        state: 'open',
        head: branch,
        base: 'main',
        title: `chore(dev): bump ${APP} to ${tag}`
      })
      expect(parseMarker(pulls[0].body)).toEqual({
        valuesFile: DEV_VALUES_FILE,
        base: 'main',
        app: APP,
        environment: 'dev',
        repository: APP_REPOSITORY,
        sha: push.after,
        runNumber: 1,
        runAttempt: 1,
        image: `${repositoryUri}:${tag}`
      })

      const base = world.sim.fileAt(slug, 'main', DEV_VALUES_FILE) ?? ''
      const bumped = world.sim.fileAt(slug, branch, DEV_VALUES_FILE) ?? ''
      expect(changedLines(base, bumped)).toEqual({
        before: [valuesLine(OLD_IMAGE)],
        after: [valuesLine(`${repositoryUri}:${tag}`)]
      })

      expect(run.summary).toContain('```diff')
      expect(run.summary).toContain(`-${valuesLine(OLD_IMAGE)}`)
      expect(run.summary).toContain(`+${valuesLine(`${repositoryUri}:${tag}`)}`)
      expect(run.summary).toContain(digest)
      expect(run.summary).toContain(`${html}/${slug}/pull/1`)

      // The private Docker config is gone; the user's is not touched by the run.
      expect(readdirSync(run.runnerTemp)).toEqual([])
      expectNoLeaks(run, { 'image labels': JSON.stringify(labels) })
    },
    BUILD_TIMEOUT_MS
  )

  it(
    'on a re-run (attempt 2) reuses the pushed image and leaves the one pull request alone',
    async () => {
      const env = services!
      const first = await freshBump()
      const requests = mark()
      const run = await world.run({
        push: first.push,
        gitopsRepo: 'gitops-fresh',
        runNumber: 1,
        runAttempt: 2
      })
      const sent = requests()
      expect(errorAnnotations(run.stdout)).toEqual([])
      expect(run.code).toBe(0)

      const tag = `main-${first.push.sha7}-1`
      expect(run.outputs).toMatchObject({
        image: first.run.outputs.image,
        digest: first.run.outputs.digest,
        'repository-created': 'false',
        branch: first.run.outputs.branch,
        'commit-sha': first.run.outputs['commit-sha'],
        'pull-request-number': '1',
        'pull-request-operation': 'unchanged'
      })
      expect(run.stdout).toContain('reusing it instead of building again')
      expect(run.stdout).not.toMatch(/docker(?:\s+buildx)? build|docker push/)
      // No Docker login either: the tag's existence is known before it (the first run logged in).
      expect(first.run.stdout).toContain('Logged in to ')
      expect(run.stdout).not.toContain('Logged in to ')
      expect(run.summary).toContain('not rebuilt')
      expect(await registryTags(env, world.ecrRepository)).toEqual([tag])
      expect(sent.ecr).not.toContain('CreateRepository')

      expect(world.sim.pulls(world.gitops('gitops-fresh'))).toHaveLength(1)
      expect(sent.github.filter(isWrite)).toEqual([])
      expect(readdirSync(run.runnerTemp)).toEqual([])
      expectNoLeaks(run)
    },
    BUILD_TIMEOUT_MS
  )
})

describe('a docs-only push', () => {
  it(
    'skips: no ECR request, no GitHub write, and the summary says why',
    async () => {
      const push = world.pushToApp(
        { 'README.md': '# myapp-010\n\nHow to run it.\n' },
        'docs: explain'
      )
      const requests = mark()
      const run = await world.run({ push, gitopsRepo: 'gitops-skip', runNumber: 2 })
      const sent = requests()
      expect(run.code).toBe(0)
      expect(run.outputs).toMatchObject({
        skipped: 'true',
        'skip-reason': 'the only changed file matches paths-ignore: README.md',
        image: '',
        'pull-request-operation': 'none'
      })
      expect(sent.ecr).toEqual([])
      expect(sent.github).toEqual([
        {
          method: 'GET',
          path: `/repos/${APP_REPOSITORY}/compare/${push.before}...${push.after}`,
          status: 200,
          token: world.secrets.githubToken,
          mutation: false
        }
      ])
      expect(run.summary).toMatch(/Skipped/)
      expect(run.summary).toContain('the only changed file matches paths-ignore: README.md')
      expect(world.sim.pulls(world.gitops('gitops-skip'))).toEqual([])
      expectNoLeaks(run)
    },
    RUN_TIMEOUT_MS
  )
})

describeDocker('a promotion to staging with `image`', () => {
  it(
    'bumps values/staging with the existing image and its registry digest, building nothing',
    async () => {
      const { run: built } = await freshBump()
      const tag = built.outputs.tag
      const image = `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/${world.ecrRepository}:${tag}`
      const push = world.pushToApp({ 'app.py': 'print("promote me")\n' })
      const requests = mark()
      const run = await world.run({
        push,
        eventName: 'workflow_dispatch',
        gitopsRepo: 'gitops-promote',
        runNumber: 3,
        inputs: { environment: 'staging', image }
      })
      const sent = requests()
      expect(errorAnnotations(run.stdout)).toEqual([])
      expect(run.code).toBe(0)

      const slug = world.gitops('gitops-promote')
      const valuesFile = `values/staging/${APP}/values.yaml`
      expect(run.outputs).toMatchObject({
        image,
        digest: built.outputs.digest,
        registry: `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com`,
        'repository-uri': image.replace(/:[^:]*$/, ''),
        'repository-created': 'false',
        'previous-image': OLD_IMAGE,
        'values-file': valuesFile,
        'pull-request-operation': 'created'
      })
      // Verified in ECR (the stand-in reads the real registry), nothing built, pushed or created.
      expect(sent.ecr).toContain('DescribeImages')
      expect(sent.ecr).not.toContain('CreateRepository')
      expect(sent.ecr).not.toContain('GetAuthorizationToken')
      expect(run.stdout).not.toMatch(/docker(?:\s+buildx)? build|docker push|docker login/)

      const [pull] = world.sim.pulls(slug)
      expect(pull).toMatchObject({ state: 'open', base: 'main', head: run.outputs.branch })
      expect(parseMarker(pull.body)).toMatchObject({ valuesFile, environment: 'staging', image })
      const base = world.sim.fileAt(slug, 'main', valuesFile) ?? ''
      const bumped = world.sim.fileAt(slug, run.outputs.branch, valuesFile) ?? ''
      expect(changedLines(base, bumped)).toEqual({
        before: [valuesLine(OLD_IMAGE)],
        after: [valuesLine(image)]
      })
      // dev is not touched by a staging promotion.
      expect(world.sim.fileAt(slug, run.outputs.branch, DEV_VALUES_FILE)).toBe(
        world.sim.fileAt(slug, 'main', DEV_VALUES_FILE)
      )
      expect(run.summary).toContain('promoted, not rebuilt')
      expectNoLeaks(run)
    },
    BUILD_TIMEOUT_MS
  )
})

describeDocker('a repository with mutable tags', () => {
  it(
    'builds and pushes an existing tag again instead of reusing it',
    async () => {
      const push = world.pushToApp({ 'app.py': 'print("mutable")\n' })
      const run = (runAttempt: number) =>
        world.run({
          push,
          gitopsRepo: 'gitops-pin',
          runNumber: 14,
          runAttempt,
          inputs: {
            'ecr-repository': `${world.ecrRepository}-mutable`,
            'repository-tag-mutability': 'MUTABLE'
          }
        })
      const first = await run(1)
      const requests = mark()
      const second = await run(2)
      expect([first.code, second.code]).toEqual([0, 0])
      expect(second.outputs.tag).toBe(first.outputs.tag)
      expect(second.stdout).not.toContain('reusing it instead of building again')
      // Pushed again: `docker push` after a classic build, or within `docker buildx build --push`.
      expect(second.stdout).toMatch(/docker push |docker buildx build --push/)
      // No tag lookup: the tag may be pushed again, so whether it exists does not matter.
      expect(requests().ecr).not.toContain('DescribeImages')
      expectNoLeaks(second)
    },
    BUILD_TIMEOUT_MS
  )
})

describeDocker('digest-pin', () => {
  it(
    'writes repo:tag@digest and gives that same reference as the image output',
    async () => {
      const { run: built } = await freshBump()
      const image = `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/${world.ecrRepository}:${built.outputs.tag}`
      const run = await world.run({
        push: world.pushToApp({ 'app.py': 'print("pin me")\n' }),
        eventName: 'workflow_dispatch',
        gitopsRepo: 'gitops-pin',
        runNumber: 12,
        inputs: { environment: 'staging', image, 'digest-pin': 'true' }
      })
      expect(errorAnnotations(run.stdout)).toEqual([])
      expect(run.code).toBe(0)
      const pinned = `${image}@${built.outputs.digest}`
      expect(built.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(run.outputs).toMatchObject({ image: pinned, digest: built.outputs.digest })
      const slug = world.gitops('gitops-pin')
      const valuesFile = `values/staging/${APP}/values.yaml`
      expect(
        changedLines(
          world.sim.fileAt(slug, 'main', valuesFile) ?? '',
          world.sim.fileAt(slug, run.outputs.branch, valuesFile) ?? ''
        )
      ).toEqual({ before: [valuesLine(OLD_IMAGE)], after: [valuesLine(pinned)] })
      expectNoLeaks(run)
    },
    BUILD_TIMEOUT_MS
  )

  it(
    'warns and writes the reference as it is when the digest is not known',
    async () => {
      const run = await world.run({
        push: world.pushToApp({ 'app.py': 'print("no digest")\n' }),
        eventName: 'workflow_dispatch',
        gitopsRepo: 'gitops-pin',
        runNumber: 13,
        inputs: { image: `${OUTSIDE_REGISTRY}:v13`, 'digest-pin': 'true' }
      })
      expect(run.code).toBe(0)
      expect(run.stdout).toContain(
        `::warning::digest-pin is on, but the digest of ${OUTSIDE_REGISTRY}:v13 is not known; writing it without one.`
      )
      expect(run.outputs.image).toBe(`${OUTSIDE_REGISTRY}:v13`)
      expectNoLeaks(run)
    },
    RUN_TIMEOUT_MS
  )
})

describe('dry-run', () => {
  it(
    'with a token prints the exact diff and pull request text, and writes nothing anywhere',
    async () => {
      const push = world.pushToApp({ 'app.py': 'print("dry")\n' })
      const slug = world.gitops('gitops-dry')
      const mainBefore = world.sim.branchSha(slug, 'main')
      const ecrRepository = `${world.ecrRepository}-dry`
      const requests = mark()
      const run = await world.run({
        push,
        gitopsRepo: 'gitops-dry',
        runNumber: 4,
        inputs: { 'dry-run': 'true', 'ecr-repository': ecrRepository }
      })
      const sent = requests()
      expect(errorAnnotations(run.stdout)).toEqual([])
      expect(run.code).toBe(0)

      const tag = `main-${push.sha7}-4`
      const image = run.outputs.image
      expect(image).toMatch(new RegExp(`/${ecrRepository}:${tag}$`))
      // The repository is missing, and create-repository (the default) would create it.
      expect(run.summary).toContain(
        `Dry run: the ECR repository ${ecrRepository} does not exist yet; a real run would create it.`
      )
      expect(run.outputs).toMatchObject({
        tag,
        'previous-image': OLD_IMAGE,
        'commit-sha': '',
        'pull-request-number': '',
        'pull-request-operation': 'none'
      })

      // The exact diff: headers for the file and one line out, one line in.
      const printed = run.stdout.split('\n')
      const start = printed.indexOf(`--- a/${DEV_VALUES_FILE}`)
      expect(start).toBeGreaterThan(0)
      // The printed text sits in a ::stop-commands:: block, so no line of it acts as a command.
      expect(printed[start - 2]).toBe(
        `Dry run: the values diff of ${slug}, and the pull request it would open:`
      )
      const stop = /^::stop-commands::([0-9a-f-]{36})$/.exec(printed[start - 1])
      expect(stop).not.toBeNull()
      expect(printed.indexOf(`::${stop?.[1]}::`)).toBeGreaterThan(start)
      expect(printed[start + 1]).toBe(`+++ b/${DEV_VALUES_FILE}`)
      const end = printed.findIndex(
        (line, index) => index > start && line.startsWith('Pull request')
      )
      const hunk = printed.slice(start + 2, end).filter((line) => line !== '')
      expect(hunk[0]).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/)
      expect(hunk.filter((line) => line.startsWith('-'))).toEqual([`-${valuesLine(OLD_IMAGE)}`])
      expect(hunk.filter((line) => line.startsWith('+'))).toEqual([`+${valuesLine(image)}`])
      expect(printed[end]).toBe(`Pull request title: chore(dev): bump ${APP} to ${tag}`)
      expect(printed[end + 1]).toBe('Pull request body:')
      const body = printed.slice(end + 2, printed.indexOf(`::${stop?.[1]}::`)).join('\n')
      expect(body).toContain(OLD_IMAGE)
      expect(parseMarker(body)).toMatchObject({ runNumber: 4, image, sha: push.after })

      // Nothing written: no branch, commit or pull request; no repository, login or build.
      expect(sent.github.filter(isWrite)).toEqual([])
      expect(world.sim.branchSha(slug, `update-${APP}-${push.sha7}`)).toBeUndefined()
      expect(world.sim.branchSha(slug, 'main')).toBe(mainBefore)
      expect(world.sim.pulls(slug)).toEqual([])
      expect(sent.ecr).not.toContain('CreateRepository')
      expect(sent.ecr).not.toContain('GetAuthorizationToken')
      expect(run.stdout).not.toMatch(/docker(?:\s+buildx)? build|docker push|docker login/)
      const pushed = services ? await registryTags(services, ecrRepository) : []
      expect(pushed).toEqual([])
      expect(run.summary).toMatch(/Dry run/)
      expect(run.summary).toContain('```diff')
      expectNoLeaks(run)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'without a token says what it could not show, and reads nothing in the GitOps repository',
    async () => {
      const push = world.pushToApp({ 'app.py': 'print("dry, no token")\n' })
      const slug = world.gitops('gitops-dry')
      const requests = mark()
      const run = await world.run({
        push,
        gitopsRepo: 'gitops-dry',
        runNumber: 5,
        inputs: { 'dry-run': 'true', 'gitops-token': '', 'ecr-repository': world.ecrRepository }
      })
      const sent = requests()
      expect(errorAnnotations(run.stdout)).toEqual([])
      expect(run.code).toBe(0)
      const note = `Dry run without gitops-token: ${slug} was not read, so the diff of ${DEV_VALUES_FILE} cannot be shown.`
      expect(run.stdout).toContain(note)
      expect(run.summary).toContain(note)
      expect(run.outputs['pull-request-operation']).toBe('none')
      expect(sent.github.filter((r) => r.path.startsWith(`/repos/${slug}`))).toEqual([])
      expect(sent.github.filter(isWrite)).toEqual([])
      expect(sent.ecr).not.toContain('CreateRepository')
      expectNoLeaks(run)
    },
    RUN_TIMEOUT_MS
  )
})

describe('failures a user can act on', () => {
  it(
    'names the missing values file and what to do, exits 1, and the summary says it failed',
    async () => {
      const push = world.pushToApp({ 'app.py': 'print("prod")\n' })
      const slug = world.gitops('gitops-missing')
      const requests = mark()
      const run = await world.run({
        push,
        gitopsRepo: 'gitops-missing',
        runNumber: 6,
        inputs: { environment: 'prod', image: `${OUTSIDE_REGISTRY}:v6` }
      })
      const sent = requests()
      expect(run.code).toBe(1)
      const file = `values/prod/${APP}/values.yaml`
      const [error, ...more] = errorAnnotations(run.stdout)
      expect(more).toEqual([])
      expect(error).toContain(`The values file ${file} does not exist on main of ${slug}.`)
      expect(error).toMatch(/Merge the onboarding pull request that adds it, or set values-file/)
      expect(run.outputs['pull-request-operation']).toBe('none')
      expect(run.summary).toMatch(/Failed at the GitOps pull request/)
      expect(run.summary).toContain(file)
      expect(sent.github.filter(isWrite)).toEqual([])
      expect(world.sim.pulls(slug)).toEqual([])
      expectNoLeaks(run)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'without a Docker daemon: says so, after one ECR read and before creating anything there',
    async () => {
      const push = world.pushToApp({ 'app.py': 'print("no docker")\n' })
      const requests = mark()
      const run = await world.run({
        push,
        gitopsRepo: 'gitops-fresh',
        runNumber: 8,
        inputs: { 'ecr-repository': `${world.ecrRepository}-nodocker` },
        env: {
          DOCKER_HOST: `unix://${path.join(os.tmpdir(), `gib-no-docker-${process.pid}.sock`)}`
        }
      })
      const sent = requests()
      expect(run.code).toBe(1)
      const [error, ...more] = errorAnnotations(run.stdout)
      expect(more).toEqual([])
      expect(error).toMatch(/^No Docker daemon answers at DOCKER_HOST=unix:\/\//)
      expect(sent.ecr).toEqual(['DescribeRepositories'])
      expect(
        [...world.ecr.state.repositories.keys()].filter((key) => key.endsWith('-nodocker'))
      ).toEqual([])
      expect(sent.github.filter(isWrite)).toEqual([])
      expect(run.outputs['repository-created']).toBe('false')
      expect(run.summary).toMatch(/Failed/)
      expectNoLeaks(run)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'refuses a key that holds a map and suggests image-key microservice.image.repository',
    async () => {
      const push = world.pushToApp({ 'app.py': 'print("split image")\n' })
      const slug = world.gitops('gitops-map')
      const requests = mark()
      const run = await world.run({
        push,
        gitopsRepo: 'gitops-map',
        runNumber: 7,
        inputs: { app: 'myapp-020', image: `${OUTSIDE_REGISTRY}:v7` }
      })
      const sent = requests()
      expect(run.code).toBe(1)
      const [error, ...more] = errorAnnotations(run.stdout)
      expect(more).toEqual([])
      expect(error).toContain('values/dev/myapp-020/values.yaml')
      expect(error).toContain('`microservice.image` holds a map (repository, tag), not a scalar')
      expect(error).toContain('Set image-key to microservice.image.repository')
      expect(run.summary).toMatch(/Failed/)
      expect(sent.github.filter(isWrite)).toEqual([])
      expect(world.sim.pulls(slug)).toEqual([])
      expectNoLeaks(run)
    },
    RUN_TIMEOUT_MS
  )
})

// buildx honours every build setting, so only an engine without it can show the refusal.
const buildxInstalled = Boolean(services) && hasBuildx()
const classicBuilderOnly = buildxInstalled ? describe.skip : describeDocker
if (buildxInstalled) {
  console.warn('docker buildx is installed: the classic-builder refusal test is skipped.')
}

classicBuilderOnly('a build setting the classic builder cannot honour', () => {
  it(
    'is refused once Docker has answered, after one ECR read and before creating anything there',
    async () => {
      const push = world.pushToApp({ 'app.py': 'print("cache export")\n' })
      const requests = mark()
      const run = await world.run({
        push,
        gitopsRepo: 'gitops-fresh',
        runNumber: 9,
        inputs: { 'ecr-repository': `${world.ecrRepository}-cacheto`, 'cache-to': 'type=gha' }
      })
      const sent = requests()
      expect(run.code).toBe(1)
      const [error, ...more] = errorAnnotations(run.stdout)
      expect(more).toEqual([])
      expect(error).toMatch(/^cache-to needs docker buildx/)
      expect(sent.ecr).toEqual(['DescribeRepositories'])
      expect(
        [...world.ecr.state.repositories.keys()].filter((key) => key.endsWith('-cacheto'))
      ).toEqual([])
      expect(run.stdout).not.toMatch(/\[command\].*docker (login|build)/)
      expect(sent.github.filter(isWrite)).toEqual([])
      expect(run.outputs['repository-created']).toBe('false')
      expectNoLeaks(run)
    },
    RUN_TIMEOUT_MS
  )
})

describe('two runs of one values file finishing out of order', () => {
  it(
    'lets the newest run win: run 4 finishing after run 5 ends superseded',
    async () => {
      const slug = world.gitops('gitops-newest')
      const older = world.pushToApp({ 'app.py': 'print("run 4")\n' })
      const newer = world.pushToApp({ 'app.py': 'print("run 5")\n' })
      const run5 = await world.run({
        push: newer,
        gitopsRepo: 'gitops-newest',
        runNumber: 5,
        inputs: { image: `${OUTSIDE_REGISTRY}:main-${newer.sha7}-5` }
      })
      expect(run5.code).toBe(0)
      expect(run5.outputs['pull-request-operation']).toBe('created')

      const requests = mark()
      const run4 = await world.run({
        push: older,
        gitopsRepo: 'gitops-newest',
        runNumber: 4,
        inputs: { image: `${OUTSIDE_REGISTRY}:main-${older.sha7}-4` }
      })
      const sent = requests()
      expect(errorAnnotations(run4.stdout)).toEqual([])
      expect(run4.code).toBe(0)
      expect(run4.outputs).toMatchObject({
        'pull-request-operation': 'superseded',
        'pull-request-number': run5.outputs['pull-request-number'],
        'pull-request-url': run5.outputs['pull-request-url']
      })
      expect(run4.summary).toContain('a newer run already bumped this file')

      const pulls = world.sim.pulls(slug)
      expect(pulls.map((pull) => [pull.head, pull.state])).toEqual([
        [`update-${APP}-${newer.sha7}`, 'open']
      ])
      expect(parseMarker(pulls[0].body)).toMatchObject({ runNumber: 5 })
      expect(world.sim.fileAt(slug, pulls[0].head, DEV_VALUES_FILE)).toContain(
        valuesLine(`${OUTSIDE_REGISTRY}:main-${newer.sha7}-5`)
      )
      expect(world.sim.branchSha(slug, `update-${APP}-${older.sha7}`)).toBeUndefined()
      expect(sent.github.filter(isWrite)).toEqual([])
      expectNoLeaks(run5)
      expectNoLeaks(run4)
    },
    RUN_TIMEOUT_MS
  )
})

describe('mode: commit on a runner (Node 24)', () => {
  it(
    'commits the one-line bump straight to the base branch and opens no pull request',
    async () => {
      const slug = world.gitops('gitops-commit')
      const push = world.pushToApp({ 'app.py': 'print("auto-deploy dev")\n' })
      const image = `${OUTSIDE_REGISTRY}:main-${push.sha7}-8`
      const before = world.sim.fileAt(slug, 'main', DEV_VALUES_FILE) ?? ''
      const run = await world.run({
        push,
        node: node24,
        gitopsRepo: 'gitops-commit',
        runNumber: 8,
        inputs: { mode: 'commit', image }
      })
      expect(errorAnnotations(run.stdout)).toEqual([])
      expect(run.code).toBe(0)
      const head = world.sim.branchSha(slug, 'main')
      expect(run.outputs).toMatchObject({
        'pull-request-operation': 'committed',
        'commit-sha': head,
        'commits-verified': 'true',
        'pull-request-number': '',
        'pull-request-url': '',
        'previous-image': OLD_IMAGE
      })
      expect(world.sim.pulls(slug)).toEqual([])
      const after = world.sim.fileAt(slug, 'main', DEV_VALUES_FILE) ?? ''
      expect(changedLines(before, after)).toEqual({
        before: [valuesLine(OLD_IMAGE)],
        after: [valuesLine(image)]
      })
      const [commit] = world.sim.commitsOn(slug, 'main')
      expect(commit.message.split('\n')[0]).toBe(`chore(dev): bump ${APP} to ${run.outputs.tag}`)
      expect(run.summary).toContain('committed to the base branch')
      expectNoLeaks(run)
    },
    RUN_TIMEOUT_MS
  )
})

describe('a GitOps repository on GitHub Enterprise Server (/api/v3), Node 24', () => {
  let ghes: World

  beforeAll(async () => {
    ghes = await startWorld({ services, apiPrefix: '/api/v3', gitopsRepos: ['gitops-ghes'] })
  }, RUN_TIMEOUT_MS)
  afterAll(async () => {
    await ghes?.stop()
  })

  it(
    'opens the pull request through github-api-url <host>/api/v3',
    async () => {
      expect(ghes.sim.url).toMatch(/\/api\/v3$/)
      const push = ghes.pushToApp({ 'app.py': 'print("ghes")\n' })
      const run = await ghes.run({
        push,
        node: node24,
        runNumber: 9,
        inputs: { image: `${OUTSIDE_REGISTRY}:main-${push.sha7}-9` }
      })
      expect(errorAnnotations(run.stdout)).toEqual([])
      expect(run.code).toBe(0)
      const slug = ghes.gitops()
      const origin = new URL(ghes.sim.url).origin
      expect(run.outputs).toMatchObject({
        'pull-request-operation': 'created',
        'pull-request-url': `${origin}/${slug}/pull/1`
      })
      expect(ghes.sim.pulls(slug)).toHaveLength(1)
      // Every request found its route under the prefix (a request outside it gets a 404).
      expect(ghes.sim.requests.filter((r) => r.status >= 400)).toEqual([])
      expect(ghes.sim.requests.map((r) => r.path)).toContain(`/repos/${slug}/pulls`)
      expect(ghes.leaks(run)).toEqual([])
    },
    RUN_TIMEOUT_MS
  )
})

describe('the runner plumbing the scenarios rely on', () => {
  it(
    'parses GITHUB_OUTPUT written in the multiline <<delimiter form by @actions/core',
    async () => {
      const scratch = mkdtempSync(path.join(os.tmpdir(), 'gib-e2e-output-'))
      try {
        const script = path.join(scratch, 'set-outputs.mjs')
        const core = path.join(repoRoot, 'node_modules/@actions/core/lib/core.js')
        writeFileSync(
          script,
          [
            `import * as core from ${JSON.stringify(core)}`,
            "core.setOutput('skip-reason', 'line one\\nline two=with equals\\n')",
            "core.setOutput('image', 'registry/app:tag')",
            "core.setOutput('empty', '')"
          ].join('\n')
        )
        const run = await runAction({ inputs: {}, script })
        expect(run.code).toBe(0)
        expect(run.everything).toMatch(/^skip-reason<<ghadelimiter_[0-9a-f-]+$/m)
        expect(run.outputs).toEqual({
          'skip-reason': 'line one\nline two=with equals\n',
          image: 'registry/app:tag',
          empty: ''
        })
        cleanupRun(run)
      } finally {
        rmSync(scratch, { recursive: true, force: true })
      }
      expect(parseGitHubOutput('a<<EOF\nx\n\ny\nEOF\nb=1\n')).toEqual({ a: 'x\n\ny', b: '1' })
      expect(() => parseGitHubOutput('a<<EOF\nnever closed\n')).toThrow(/not closed/)
    },
    RUN_TIMEOUT_MS
  )

  it(
    'catches a secret planted in the summary, in RUNNER_TEMP and in the GitOps repository',
    async () => {
      const push = world.pushToApp({ 'README.md': '# planted\n' })
      const run = await world.run({ push, gitopsRepo: 'gitops-leak', runNumber: 10 })
      expect(run.outputs.skipped).toBe('true')
      expectNoLeaks(run)

      const { gitopsToken, registryAuth, awsSecretAccessKey } = world.secrets
      const planted = (texts: Record<string, string>) =>
        world.leaks(run, texts).map((leak) => leak.where)
      expect(planted({ summary: `${run.summary}\nBumped with ${gitopsToken}\n` })).toEqual([
        'summary'
      ])

      const config = path.join(run.runnerTemp, 'gitops-image-bump-docker-x', 'config.json')
      mkdirSync(path.dirname(config))
      writeFileSync(config, JSON.stringify({ auths: { registry: { auth: registryAuth } } }))
      expect(planted({})).toEqual([`runner-temp:${config}`])
      rmSync(path.dirname(config), { recursive: true })

      const slug = world.gitops('gitops-leak')
      world.sim.pushCommit(slug, 'main', { 'leak.txt': `aws ${awsSecretAccessKey}\n` })
      expect(planted({})).toEqual([`${slug}@main:leak.txt`])
      world.sim.pushCommit(slug, 'main', { 'leak.txt': null })
      expect(planted({})).toEqual([])
    },
    RUN_TIMEOUT_MS
  )
})
