/**
 * A docs-only push through the bundle, as the runner runs it (`node dist/index.js`): the step
 * lists the changed files with the app repository's token against the GitHub simulator, skips,
 * and touches nothing else — no ECR request, no GitHub write, no `docker` process.
 * Needs main.ts's skip step wired to `evaluateSkip` and a rebuilt dist/.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { startGitHubSimulator } from '../sandbox/github/index.js'
import type { GitHubSimulator } from '../sandbox/github/types.js'
import { cleanupRun, runAction, type RunnerResult } from './support/runner.js'
import { filesUnder, findLeaks } from './support/secrets.js'

const APP_TOKEN = 'ghs_appRepoE2eToken0123456789abcdefABCD'
const GITOPS_TOKEN = 'ghs_gitopsE2eToken0123456789abcdefABCD'
const APP = 'acme/myapp-010'

let sim: GitHubSimulator
let ecr: Server
let ecrRequests: string[]
let scratch: string
let dockerMarker: string
let result: RunnerResult
let before: string
let after: string

beforeAll(async () => {
  sim = await startGitHubSimulator({
    repos: [
      {
        owner: 'acme',
        name: 'myapp-010',
        files: { 'src/app.ts': 'export {}\n', 'README.md': '# app\n', Dockerfile: 'FROM scratch\n' }
      },
      {
        owner: 'acme',
        name: 'gitops-apps',
        files: {
          'values/dev/myapp-010/values.yaml': 'microservice:\n  image: old.example/app:1\n'
        }
      }
    ],
    tokens: [
      { token: APP_TOKEN, login: 'app-ci[bot]', kind: 'app', repos: [APP] },
      { token: GITOPS_TOKEN, login: 'gitops-bot[bot]', kind: 'app' }
    ]
  })
  ecrRequests = []
  ecr = createServer((request, response) => {
    ecrRequests.push(`${request.method} ${request.url}`)
    response.writeHead(500).end()
  })
  await new Promise<void>((resolve) => ecr.listen(0, '127.0.0.1', resolve))

  // A `docker` first on PATH that leaves a mark if anything starts it.
  scratch = mkdtempSync(path.join(os.tmpdir(), 'changes-e2e-'))
  dockerMarker = path.join(scratch, 'docker-was-run')
  const docker = path.join(scratch, 'docker')
  writeFileSync(docker, `#!/bin/sh\necho "$@" >> '${dockerMarker}'\nexit 1\n`)
  chmodSync(docker, 0o755)

  before = sim.branchSha(APP, 'main') ?? ''
  after = sim.pushCommit(APP, 'main', { 'README.md': '# app, documented\n', 'docs/x.md': 'x\n' })
  sim.requests.length = 0
  result = await runAction({
    eventName: 'push',
    payload: {
      ref: 'refs/heads/main',
      before,
      after,
      created: false,
      deleted: false,
      forced: false,
      repository: {
        full_name: APP,
        name: 'myapp-010',
        owner: { login: 'acme' },
        default_branch: 'main'
      }
    },
    inputs: {
      app: 'myapp-010',
      'gitops-repository': 'acme/gitops-apps',
      'gitops-token': GITOPS_TOKEN,
      'github-token': APP_TOKEN,
      'github-api-url': sim.url
    },
    env: {
      PATH: `${scratch}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      GITHUB_SHA: after,
      GITHUB_REPOSITORY: APP,
      GITHUB_API_URL: sim.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'e2eSecretAccessKeyExample0123456789',
      AWS_ENDPOINT_URL_ECR: `http://127.0.0.1:${(ecr.address() as AddressInfo).port}`,
      AWS_ENDPOINT_URL: `http://127.0.0.1:${(ecr.address() as AddressInfo).port}`
    },
    timeoutMs: 60_000
  })
}, 90_000)

afterAll(async () => {
  cleanupRun(result)
  await sim.stop()
  await new Promise<void>((resolve) => ecr.close(() => resolve()))
  rmSync(scratch, { recursive: true, force: true })
})

describe('a docs-only push through node dist/index.js', () => {
  it('succeeds with skipped=true and a skip-reason naming the files and their count', () => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' })
    expect(result.outputs.skipped).toBe('true')
    expect(result.outputs['skip-reason']).toBe(
      'all 2 changed files match paths-ignore: README.md, docs/x.md'
    )
  })

  it('says in the job summary that it skipped, and why', () => {
    expect(result.summary).toMatch(/skipped/i)
    expect(result.summary).toContain('all 2 changed files match paths-ignore: README.md, docs/x.md')
  })

  it('only reads the comparison from GitHub, with the app repository token', () => {
    expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.token === APP_TOKEN}`)).toEqual([
      `GET /repos/acme/myapp-010/compare/${before}...${after} true`
    ])
  })

  it('sends nothing to ECR and starts no docker process', () => {
    expect(ecrRequests).toEqual([])
    expect(existsSync(dockerMarker)).toBe(false)
  })

  it('prints and leaves behind neither token', () => {
    const texts = { everything: result.everything, ...filesUnder(result.runnerTemp) }
    expect(findLeaks(texts, [APP_TOKEN, GITOPS_TOKEN])).toEqual([])
    // The scan sees the tokens where they are meant to be: in the masking commands.
    expect(result.stdout).toContain(`::add-mask::${APP_TOKEN}`)
  })
})
