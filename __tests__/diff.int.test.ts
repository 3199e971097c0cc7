/**
 * unifiedDiff against the real tools: GNU diff (how many lines a shortest edit changes) and
 * `git apply` (the diff we print is a patch git accepts and that reproduces the new file).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { countChangedLines, unifiedDiff } from '../src/diff.js'
import { patchScalar } from '../src/values.js'
import { ECR_IMAGE, seededRandom } from './support/corpus.js'

let dir: string

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gib-diff-'))
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** `+`/`-` line counts of `diff --minimal -u`. */
function gnuCounts(before: string, after: string): { removed: number; added: number } {
  writeFileSync(path.join(dir, 'before'), before)
  writeFileSync(path.join(dir, 'after'), after)
  const run = spawnSync('diff', ['--minimal', '-u', 'before', 'after'], { cwd: dir })
  if (run.status !== 0 && run.status !== 1) throw new Error(`diff failed: ${run.stderr.toString()}`)
  const lines = run.stdout.toString('latin1').split('\n').slice(2)
  return {
    removed: lines.filter((l) => l.startsWith('-')).length,
    added: lines.filter((l) => l.startsWith('+')).length
  }
}

/** Apply our diff with `git apply` to a copy of `before` and return the result. */
function gitApply(before: string, after: string): string {
  const file = path.join(dir, 'values.yaml')
  writeFileSync(file, before)
  const patch = unifiedDiff('values.yaml', before, after)
  writeFileSync(path.join(dir, 'change.patch'), patch)
  execFileSync('git', ['apply', '--whitespace=nowarn', 'change.patch'], {
    cwd: dir,
    env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }
  })
  return readFileSync(file, 'latin1')
}

describe('unifiedDiff against diff and git', () => {
  it('changes as few lines as GNU diff --minimal, and git apply reproduces the new text', () => {
    const random = seededRandom(7)
    const text = (): string => {
      const n = Math.floor(random() * 10)
      let out = ''
      for (let i = 0; i < n; i++) {
        out += ['a', 'b', 'c', 'd\r'][Math.floor(random() * 4)]
        if (i < n - 1 || random() < 0.8) out += '\n'
      }
      return out
    }
    let compared = 0
    for (let round = 0; round < 40; round++) {
      const before = text()
      const after = text()
      if (before === after || before === '') continue
      expect(countChangedLines(before, after)).toEqual(gnuCounts(before, after))
      expect(gitApply(before, after)).toBe(after)
      compared++
    }
    expect(compared).toBeGreaterThan(20)
  })

  it('prints a values-file bump as a patch git applies, CRLF and missing final newline included', () => {
    const before = '# app\r\nmicroservice:\r\n  image: old # set by CI\r\n  port: 8000'
    const after = patchScalar(before, 'microservice.image', ECR_IMAGE).text
    expect(gnuCounts(before, after)).toEqual({ removed: 1, added: 1 })
    expect(gitApply(before, after)).toBe(after)
  })
})
