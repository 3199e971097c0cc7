/**
 * `npm run demo` through its exported runDemo(): the committed bundle run as a runner runs it
 * against the GitHub simulator and the ECR stand-in, in promotion mode (no Docker) and, when the
 * services of scripts/services.sh answer, in build mode.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { freshSecrets, runDemo, type DemoResult, type DemoSecrets } from '../sandbox/demo.js'
import { repoRoot } from '../sandbox/run-action.js'
import { unifiedDiff } from '../src/diff.js'
import { dockerServicesOrSkip } from './support/docker.js'
import { registryManifest } from './support/registry.js'
import { findLeaks } from './support/secrets.js'

const VALUES_FILE = 'values/dev/myapp-010/values.yaml'
const VALUES_TEXT = readFileSync(path.join(repoRoot, 'examples/gitops-apps', VALUES_FILE), 'utf8')
const OLD_IMAGE = (parse(VALUES_TEXT) as { microservice: { image: string } }).microservice.image

/** Runs the demo and keeps what it printed. */
async function demo(
  options: Parameters<typeof runDemo>[0] = {}
): Promise<{ result: DemoResult; printed: string; secrets: DemoSecrets }> {
  const secrets = freshSecrets()
  let printed = ''
  const result = await runDemo({ secrets, write: (text) => (printed += text), ...options })
  return { result, printed, secrets }
}

/** Whether anything still listens at `url`. */
async function listens(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) })
    return true
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code
    if (code === 'ECONNREFUSED') return false
    throw error
  }
}

/** The checks every successful demo passes, whatever the mode. */
async function expectOneLineBump(
  { result, printed, secrets }: Awaited<ReturnType<typeof demo>>,
  image: string
): Promise<void> {
  expect(result.problems).toEqual([])
  expect(result.exitCode).toBe(0)
  const tag = result.outputs.tag
  const sha7 = /^main-([0-9a-f]{7})-1$/.exec(tag)?.[1]
  expect(sha7).toBeDefined()

  // The values diff is the examples file with only the image replaced.
  const expected = unifiedDiff(VALUES_FILE, VALUES_TEXT, VALUES_TEXT.replace(OLD_IMAGE, image))
  expect(result.diff).toBe(expected)
  expect(result.diff.split('\n').filter((line) => /^[-+] /.test(line))).toEqual([
    expect.stringContaining(OLD_IMAGE),
    expect.stringContaining(image)
  ])

  expect(result.pull).toMatchObject({
    number: 1,
    state: 'open',
    head: `update-myapp-010-${sha7}`,
    base: 'main',
    title: `chore(dev): bump myapp-010 to ${tag}`,
    user: 'gitops-bot[bot]'
  })
  expect(result.pull?.body).toContain(image)
  expect(result.pull?.body).toContain(result.outputs.digest)
  expect(result.outputs).toMatchObject({
    image,
    'previous-image': OLD_IMAGE,
    'pull-request-operation': 'created',
    'commits-verified': 'true'
  })
  expect(result.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)

  // What a person reads: the PR, its diff lines, the summary, the verdict.
  expect(printed).toContain(`Pull request #1 in acme/gitops-apps`)
  expect(printed).toContain(`Title: ${result.pull?.title}`)
  for (const line of expected.split('\n').filter((l) => /^[-+] /.test(l))) {
    expect(printed).toContain(`    ${line}`)
  }
  expect(printed).toContain(`  ${result.summary.split('\n')[0]}`)
  expect(printed).toContain(`OK: ${VALUES_FILE} changed by exactly one line`)

  // Nothing leaks, nothing stays behind.
  const texts = {
    printed,
    log: result.log,
    outputs: JSON.stringify(result.outputs),
    summary: result.summary,
    'pull request': result.pull?.body ?? ''
  }
  expect(findLeaks(texts, Object.values(secrets))).toEqual([])
  expect(result.runnerTemp && existsSync(result.runnerTemp)).toBe(false)
  for (const url of result.urls) expect(await listens(url)).toBe(false)
}

describe('npm run demo, promotion mode (no Docker needed)', () => {
  let run: Awaited<ReturnType<typeof demo>>
  beforeAll(async () => {
    run = await demo({ mode: 'promote' })
  })

  it('promotes the image into a one-line diff of the values file in one open pull request', async () => {
    expect(run.result.mode).toBe('promote')
    expect(run.result.promotedImage).toMatch(
      /^226633502530\.dkr\.ecr\.us-east-1\.amazonaws\.com\/myapp-010:main-[0-9a-f]{7}-1$/
    )
    await expectOneLineBump(run, run.result.promotedImage ?? '')
  })

  it('shows the action log with its groups, and never a token', () => {
    expect(run.printed).toMatch(/^ {2}> Changed files$/m)
    expect(run.printed).toMatch(/^ {2}\| Building: .*app\.py$/m)
    expect(run.printed).toMatch(/^ {2}\| Promoting .*nothing is built\.$/m)
    expect(run.printed).toMatch(/gitops-token +\*\*\* /)
  })
})

describe('npm run demo when things go wrong', () => {
  let scratch: string
  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'gib-demo-test-'))
  })
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('fails, says why and still stops everything when the action fails', async () => {
    const script = path.join(scratch, 'failing-action.mjs')
    writeFileSync(
      script,
      "process.stdout.write('::error::values file not found\\n')\nprocess.exit(1)\n"
    )
    const { result, printed } = await demo({ mode: 'promote', script })
    expect(result.problems).toEqual([
      'the action exited with 1, not 0',
      'the outputs name no pull request in the GitOps repository'
    ])
    expect(printed).toContain('  | error: values file not found')
    expect(printed).toContain('FAILED: the action exited with 1, not 0')
    expect(result.runnerTemp && existsSync(result.runnerTemp)).toBe(false)
    for (const url of result.urls) expect(await listens(url)).toBe(false)
  })

  it('stops the action and every stand-in when interrupted (Ctrl-C)', async () => {
    // An action that would never end on its own: only the abort can stop it.
    const script = path.join(scratch, 'hanging-action.mjs')
    writeFileSync(script, "process.stdout.write('working\\n')\nsetInterval(() => {}, 1000)\n")
    const controller = new AbortController()
    const { result } = await demo({
      mode: 'promote',
      script,
      signal: controller.signal,
      write: (text) => {
        if (text.includes('| working')) controller.abort()
      }
    })
    expect(result.interrupted).toBe(true)
    expect(result.exitCode).toBeNull()
    expect(result.urls.length).toBeGreaterThanOrEqual(3)
    for (const url of result.urls) expect(await listens(url)).toBe(false)
    expect(result.runnerTemp && existsSync(result.runnerTemp)).toBe(false)
  })
})

describe('npm run demo, build mode (Docker and the registry of scripts/services.sh)', () => {
  it('builds examples/app, pushes it and bumps the values file by one line', async () => {
    const services = await dockerServicesOrSkip('the demo build mode')
    if (!services) return
    const run = await demo({ mode: 'build' })
    expect(run.result.mode).toBe('build')
    const image = run.result.outputs.image
    expect(image).toBe(`${services.registry.host}/myapp-010:${run.result.outputs.tag}`)
    // The digest is the registry's, read independently of the action.
    const pushed = await registryManifest(services, 'myapp-010', run.result.outputs.tag)
    expect(run.result.outputs.digest).toBe(pushed.digest)
    expect(run.result.outputs['repository-created']).toBe('true')
    await expectOneLineBump(run, image)
    expect(
      findLeaks({ printed: run.printed, log: run.result.log }, [services.registry.password])
    ).toEqual([])
  })
})
