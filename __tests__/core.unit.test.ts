/**
 * src/core.ts against @actions/core (a dev dependency kept for this): the same calls must give the
 * runner the same bytes (stdout commands, GITHUB_OUTPUT heredocs, the job summary), and the same
 * inputs must read the same.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as actions from '@actions/core'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as core from '../src/core.js'

const MESSAGES = [
  'plain',
  '',
  '100% done',
  'two\nlines\r\nand CR',
  '::warning::not a command',
  'a:b,c',
  'ünïcödé ✓',
  '%0A already escaped'
]

let dir: string
const savedEnv = { ...process.env }

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gib-core-'))
})

afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...savedEnv }
  process.exitCode = undefined
  rmSync(dir, { recursive: true, force: true })
})

/** What `fn` writes to stdout. */
async function stdoutOf(fn: () => unknown): Promise<string> {
  const written: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    written.push(String(chunk))
    return true
  })
  try {
    await fn()
  } finally {
    spy.mockRestore()
  }
  return written.join('')
}

describe('log commands: the same bytes as @actions/core', () => {
  const calls: [string, (module: typeof core | typeof actions, message: string) => unknown][] = [
    ['info', (module, message) => module.info(message)],
    ['debug', (module, message) => module.debug(message)],
    ['warning', (module, message) => module.warning(message)],
    ['error', (module, message) => module.error(message)],
    ['setSecret', (module, message) => module.setSecret(message)]
  ]
  for (const [name, call] of calls) {
    it.each(MESSAGES)(`${name}(%j)`, async (message) => {
      expect(await stdoutOf(() => call(core, message))).toBe(
        await stdoutOf(() => call(actions, message))
      )
    })
  }

  it('setFailed writes the same error and sets exit code 1', async () => {
    const ours = await stdoutOf(() => core.setFailed('broken:\nhere'))
    expect(process.exitCode).toBe(1)
    process.exitCode = undefined
    expect(ours).toBe(await stdoutOf(() => actions.setFailed('broken:\nhere')))
    expect(process.exitCode).toBe(1)
  })

  it('group opens and closes the group around the work, also when it throws', async () => {
    const work = async () => {
      await Promise.resolve()
      throw new Error('inside')
    }
    const ours = await stdoutOf(() => core.group('Name %\n', work).catch(() => undefined))
    const theirs = await stdoutOf(() => actions.group('Name %\n', work).catch(() => undefined))
    expect(ours).toBe(theirs)
    await expect(core.group('g', () => Promise.resolve(42))).resolves.toBe(42)
  })
})

describe('setOutput', () => {
  /** The output file with its random delimiters replaced by a fixed one. */
  function outputFile(file: string): string {
    return readFileSync(file, 'utf8').replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIMITER')
  }

  it.each(MESSAGES)('writes the same heredoc to GITHUB_OUTPUT for %j', (value) => {
    const ours = path.join(dir, 'ours')
    const theirs = path.join(dir, 'theirs')
    writeFileSync(ours, '')
    writeFileSync(theirs, '')
    process.env.GITHUB_OUTPUT = ours
    core.setOutput('pull-request-url', value)
    process.env.GITHUB_OUTPUT = theirs
    actions.setOutput('pull-request-url', value)
    expect(outputFile(ours)).toBe(outputFile(theirs))
  })

  it('uses a new delimiter for each output', () => {
    const file = path.join(dir, 'out')
    writeFileSync(file, '')
    process.env.GITHUB_OUTPUT = file
    core.setOutput('a', '1')
    core.setOutput('b', '2')
    const delimiters = readFileSync(file, 'utf8').match(/ghadelimiter_[0-9a-f-]{36}/g) ?? []
    expect(new Set(delimiters).size).toBe(2)
  })

  it('fails, as @actions/core does, when GITHUB_OUTPUT names a missing file', () => {
    process.env.GITHUB_OUTPUT = path.join(dir, 'missing')
    expect(() => core.setOutput('a', '1')).toThrow(/Missing file at path/)
    expect(() => actions.setOutput('a', '1')).toThrow(/Missing file at path/)
  })

  it('falls back to the set-output command without GITHUB_OUTPUT', async () => {
    delete process.env.GITHUB_OUTPUT
    expect(await stdoutOf(() => core.setOutput('a', 'x\ny'))).toBe(
      await stdoutOf(() => actions.setOutput('a', 'x\ny'))
    )
  })
})

describe('getInput', () => {
  it.each([
    ['gitops-token', 'INPUT_GITOPS-TOKEN', '  ghs_x \n'],
    ['app', 'INPUT_APP', 'myapp'],
    ['with space', 'INPUT_WITH_SPACE', ' v '],
    ['missing', 'INPUT_OTHER', 'x']
  ])('reads %s as @actions/core does', (name, variable, value) => {
    process.env[variable] = value
    expect(core.getInput(name)).toBe(actions.getInput(name))
  })
})

describe('appendSummary', () => {
  it('appends the same bytes as summary.addRaw().write()', async () => {
    const ours = path.join(dir, 'ours.md')
    const theirs = path.join(dir, 'theirs.md')
    writeFileSync(ours, 'before\n')
    writeFileSync(theirs, 'before\n')
    process.env.GITHUB_STEP_SUMMARY = ours
    await core.appendSummary('## Title\n\n| a |\n')
    process.env.GITHUB_STEP_SUMMARY = theirs
    await actions.summary.addRaw('## Title\n\n| a |\n').write()
    expect(readFileSync(ours, 'utf8')).toBe(readFileSync(theirs, 'utf8'))
  })

  it('says which variable is missing', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(core.appendSummary('x')).rejects.toThrow(/GITHUB_STEP_SUMMARY/)
  })
})
