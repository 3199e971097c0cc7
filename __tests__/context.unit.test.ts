import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readRunContext } from '../src/context.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'gib-context-'))
const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => ({
  GITHUB_SHA: 'abc1234def5678900000000000000000000000ff',
  GITHUB_REF: 'refs/heads/feature/x',
  GITHUB_RUN_NUMBER: '12',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_EVENT_NAME: 'push',
  ...extra
})

describe('readRunContext', () => {
  it('reads the run from the runner variables', () => {
    const payloadPath = path.join(dir, 'push.json')
    writeFileSync(payloadPath, JSON.stringify({ before: '0'.repeat(40) }))
    const context = readRunContext(env({ GITHUB_EVENT_PATH: payloadPath }))
    expect(context).toMatchObject({
      refName: 'feature/x',
      runNumber: 12,
      runAttempt: 2,
      payload: { before: '0'.repeat(40) },
      serverUrl: 'https://github.com'
    })
  })

  it('names the payload file when it is not JSON, instead of crashing', () => {
    const payloadPath = path.join(dir, 'broken.json')
    writeFileSync(payloadPath, '{"ref": ')
    expect(() => readRunContext(env({ GITHUB_EVENT_PATH: payloadPath }))).toThrow(
      /GITHUB_EVENT_PATH \(.*broken\.json\) is not valid JSON/
    )
  })

  it('names a payload file that does not exist or holds no object', () => {
    expect(() => readRunContext(env({ GITHUB_EVENT_PATH: path.join(dir, 'none.json') }))).toThrow(
      /cannot be read/
    )
    const arrayPath = path.join(dir, 'array.json')
    writeFileSync(arrayPath, '[]')
    expect(() => readRunContext(env({ GITHUB_EVENT_PATH: arrayPath }))).toThrow(
      /does not hold a JSON object/
    )
  })

  it('names every missing or malformed variable at once', () => {
    expect(() => readRunContext(env({ GITHUB_SHA: 'HEAD', GITHUB_RUN_NUMBER: undefined }))).toThrow(
      /GITHUB_SHA "HEAD" is not a 40-character commit sha; GITHUB_RUN_NUMBER is not set/
    )
  })
})
