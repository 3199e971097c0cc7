/**
 * The committed bundle, run as a runner runs it, reports the same input problems as the unit
 * tests, exits 1, and makes no network request before the inputs are valid.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { findLeaks } from './support/secrets.js'
import { cleanupRun, errorAnnotations, machineNode, node24, runAction } from './support/runner.js'

let server: Server
let requests: string[] = []
let url = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    res.writeHead(500).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

const VALID = {
  app: 'myapp-010',
  'gitops-repository': 'acme/gitops-apps',
  'gitops-token': 'ghs_inputsTestToken0123456789',
  'github-token': 'ghs_appRepoToken0123456789',
  'aws-region': 'us-east-1'
}

const CASES: [string, Record<string, string>, string[]][] = [
  ['a bad app name', { app: 'My_App' }, ['app']],
  ['a repository without owner', { 'gitops-repository': 'gitops' }, ['gitops-repository']],
  ['no token and no dry-run', { 'gitops-token': '' }, ['gitops-token']],
  ['a values file leaving the repository', { 'values-file': '../../etc/passwd' }, ['values-file']],
  ['a strict boolean', { 'dry-run': 'yes' }, ['dry-run']],
  ['an unknown placeholder', { branch: 'bump-{nope}' }, ['branch']],
  [
    'five problems at once',
    { app: 'X', mode: 'push', 'auto-merge': 'true', tag: '{x}', 'image-key': 'a..b' },
    ['app', 'auto-merge', 'image-key', 'mode', 'tag']
  ]
]

describe.each([
  ['the machine Node (20 here)', machineNode],
  ['Node 24 (the runner runtime)', node24]
])('node dist/index.js on %s with bad inputs', (_runtime, node) => {
  it.each(CASES)(
    'fails on %s, naming exactly the inputs, with no request',
    async (_n, bad, names) => {
      requests = []
      const result = await runAction({
        node,
        inputs: { ...VALID, 'github-api-url': url, ...bad },
        env: { AWS_ENDPOINT_URL_ECR: url, AWS_ENDPOINT_URL: url },
        payload: { before: 'a'.repeat(40), after: 'b'.repeat(40) }
      })
      expect(result.code).toBe(1)
      const named = [
        ...errorAnnotations(result.stdout)
          .join('\n')
          .matchAll(/^- ([a-z-]+): /gm)
      ]
        .map((m) => m[1])
        .sort()
      expect(named).toEqual(names)
      expect(result.stdout).toContain('::error::')
      expect(requests).toEqual([])
      expect(result.outputs['pull-request-operation']).toBe('none')
      expect(
        findLeaks({ run: result.everything }, [VALID['gitops-token'], VALID['github-token']])
      ).toEqual([])
      cleanupRun(result)
    }
  )
})
