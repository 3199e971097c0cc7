/**
 * `npm run demo` on a fresh machine: only Node, no Docker, no services.json, nothing else on PATH.
 * The demo must notice, say how to get a real build, and still show a one-line bump by promotion.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const saved = { path: process.env.PATH, services: process.env.GIB_SERVICES_DIR }
let emptyServicesDir: string

beforeAll(() => {
  emptyServicesDir = mkdtempSync(path.join(os.tmpdir(), 'gib-demo-no-services-'))
  // Read when the services module loads, so set before the demo is imported below.
  process.env.GIB_SERVICES_DIR = emptyServicesDir
  process.env.PATH = path.dirname(process.execPath)
})

afterAll(() => {
  process.env.PATH = saved.path
  if (saved.services === undefined) delete process.env.GIB_SERVICES_DIR
  else process.env.GIB_SERVICES_DIR = saved.services
  rmSync(emptyServicesDir, { recursive: true, force: true })
})

it('falls back to promotion without Docker, says how to get a build, and bumps one line', async () => {
  const { runDemo } = await import('../sandbox/demo.js')
  let printed = ''
  const result = await runDemo({ write: (text) => (printed += text) })
  expect(result.mode).toBe('promote')
  expect(result.modeReason).toContain(path.join(emptyServicesDir, 'services.json'))
  expect(printed).toContain('bash scripts/services.sh start')
  expect(result.problems).toEqual([])
  expect(result.diff.split('\n').filter((line) => /^[-+] /.test(line))).toHaveLength(2)
  expect(result.outputs['pull-request-operation']).toBe('created')
})
