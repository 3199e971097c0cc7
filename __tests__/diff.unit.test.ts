import { describe, expect, it } from '@jest/globals'
import { countChangedLines, unifiedDiff } from '../src/diff.js'
import { seededRandom } from './support/corpus.js'

/** Lines with their terminators, as the diff compares them. */
const split = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? []

/** Length of a longest common subsequence of lines, by dynamic programming. */
function lcsLength(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0)
  for (let i = a.length - 1; i >= 0; i--) {
    const row = new Array<number>(b.length + 1).fill(0)
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? previous[j + 1] + 1 : Math.max(previous[j], row[j + 1])
    }
    previous = row
  }
  return previous[0]
}

/** Apply a unified diff to `before`, checking every context and removed line on the way. */
function applyDiff(before: string, diff: string): string {
  const source = split(before)
  const out: string[] = []
  let cursor = 0
  const lines = diff.split('\n')
  if (!lines[0].startsWith('--- a/') || !lines[1].startsWith('+++ b/'))
    throw new Error('bad header')
  let i = 2
  while (i < lines.length - 1) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i])
    if (!header) throw new Error(`bad hunk header: ${lines[i]}`)
    const oldStart = Number(header[1])
    const oldCount = header[2] === undefined ? 1 : Number(header[2])
    const firstOld = oldCount === 0 ? oldStart : oldStart - 1
    while (cursor < firstOld) out.push(source[cursor++])
    i++
    let seenOld = 0
    while (i < lines.length - 1 && !lines[i].startsWith('@@')) {
      const op = lines[i][0]
      let text = lines[i].slice(1) + '\n'
      if (lines[i + 1] === '\\ No newline at end of file') {
        text = text.slice(0, -1)
        i++
      }
      if (op === '+') out.push(text)
      else {
        if (source[cursor] !== text)
          throw new Error(`line ${cursor + 1} is not ${JSON.stringify(text)}`)
        if (op === ' ') out.push(text)
        cursor++
        seenOld++
      }
      i++
    }
    if (seenOld !== oldCount) throw new Error(`hunk claims ${oldCount} old lines, has ${seenOld}`)
  }
  while (cursor < source.length) out.push(source[cursor++])
  return out.join('')
}

describe('unifiedDiff', () => {
  it('returns an empty string for identical texts', () => {
    expect(unifiedDiff('values.yaml', 'a: 1\n', 'a: 1\n')).toBe('')
    expect(unifiedDiff('values.yaml', '', '')).toBe('')
  })

  it('shows a one-line change with three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\n'
    const after = 'a\nb\nc\nD\ne\nf\ng\n'
    expect(unifiedDiff('v.yaml', before, after)).toBe(
      '--- a/v.yaml\n+++ b/v.yaml\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n'
    )
  })

  it('cuts context at the start and end of the file', () => {
    expect(unifiedDiff('f', 'x\ny\n', 'X\ny\n')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-x\n+X\n y\n'
    )
  })

  it('merges changes whose context overlaps and splits the ones further apart', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}\n`).join('')
    const near = before.replace('l5\n', 'L5\n').replace('l10\n', 'L10\n')
    expect(unifiedDiff('f', before, near).match(/^@@/gm)).toHaveLength(1)
    expect(unifiedDiff('f', before, near)).toContain('@@ -2,12 +2,12 @@\n')
    const far = before.replace('l2\n', 'L2\n').replace('l18\n', 'L18\n')
    const diff = unifiedDiff('f', before, far)
    expect(diff).toContain('@@ -1,5 +1,5 @@\n')
    expect(diff).toContain('@@ -15,6 +15,6 @@\n')
  })

  it('honours the context argument, down to zero', () => {
    const before = 'a\nb\nc\n'
    const after = 'a\nB\nc\n'
    expect(unifiedDiff('f', before, after, 0)).toBe('--- a/f\n+++ b/f\n@@ -2 +2 @@\n-b\n+B\n')
    expect(unifiedDiff('f', before, after, 1)).toBe(
      '--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n'
    )
  })

  it('numbers pure insertions and deletions the way diff does', () => {
    expect(unifiedDiff('f', '', 'a\n')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n')
    expect(unifiedDiff('f', 'a\n', '')).toBe('--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n')
    expect(unifiedDiff('f', 'a\nb\nc\n', 'a\nb\nX\nc\n', 0)).toBe(
      '--- a/f\n+++ b/f\n@@ -2,0 +3 @@\n+X\n'
    )
  })

  it('marks a last line without a newline', () => {
    expect(unifiedDiff('f', 'a\nb', 'a\nc')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n'
    )
  })

  it('shows a final newline being added as a change of the last line', () => {
    expect(unifiedDiff('f', 'a', 'a\n')).toBe(
      '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n'
    )
  })

  it('keeps CRLF line endings in the diff lines and shows a CRLF → LF change', () => {
    expect(unifiedDiff('f', 'a\r\nb\r\n', 'a\r\nc\r\n')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n'
    )
    expect(unifiedDiff('f', 'a\r\n', 'a\n')).toBe('--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\r\n+a\n')
  })

  it('lists removed lines before added ones within a change', () => {
    expect(unifiedDiff('f', 'a\nb\nc\n', 'x\ny\nc\n', 0)).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n-b\n+x\n+y\n'
    )
  })

  it('finds a shortest edit and a diff that applies, on 2,000 random pairs of texts', () => {
    const random = seededRandom(20261127)
    const text = (): string => {
      const alphabet = ['a', 'b', 'c', 'a\r', 'b'].slice(0, 1 + Math.floor(random() * 5))
      const n = Math.floor(random() * 14)
      let out = ''
      for (let i = 0; i < n; i++) {
        out += alphabet[Math.floor(random() * alphabet.length)]
        if (i < n - 1 || random() < 0.7) out += '\n'
      }
      return out
    }
    const failures: string[] = []
    for (let round = 0; round < 2000; round++) {
      const before = text()
      const after = text()
      const common = lcsLength(split(before), split(after))
      const { removed, added } = countChangedLines(before, after)
      const context = Math.floor(random() * 4)
      const diff = unifiedDiff('f', before, after, context)
      const applied =
        before === after ? (diff === '' ? after : 'not empty') : applyDiff(before, diff)
      if (
        removed !== split(before).length - common ||
        added !== split(after).length - common ||
        applied !== after
      ) {
        failures.push(JSON.stringify({ before, after, context }))
      }
    }
    expect(failures).toEqual([])
  })

  it('diffs a large file with one change quickly enough for a job summary', () => {
    const before = Array.from({ length: 50_000 }, (_, i) => `key${i}: value${i}\n`).join('')
    const after = before.replace('key25000: value25000\n', 'key25000: changed\n')
    expect(countChangedLines(before, after)).toEqual({ removed: 1, added: 1 })
    expect(unifiedDiff('f', before, after)).toBe(
      '--- a/f\n+++ b/f\n@@ -24998,7 +24998,7 @@\n' +
        ' key24997: value24997\n key24998: value24998\n key24999: value24999\n' +
        '-key25000: value25000\n+key25000: changed\n' +
        ' key25001: value25001\n key25002: value25002\n key25003: value25003\n'
    )
  })

  it('handles two completely different large texts in linear space', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `a${i}\n`).join('')
    const after = Array.from({ length: 3000 }, (_, i) => `b${i}\n`).join('')
    expect(countChangedLines(before, after)).toEqual({ removed: 3000, added: 3000 })
  })
})
