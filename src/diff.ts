/**
 * Minimal unified diffs of two texts, as `diff -u` prints them, for the job summary, the dry-run
 * output and the pull request body.
 *
 * Lines are compared with their line break, so a line that only changed from CRLF to LF, or that
 * lost its final newline, shows as changed; `\ No newline at end of file` marks a last line
 * without one. The edit script is a shortest one (Myers' O(ND) algorithm in linear space).
 */

type Op = ' ' | '-' | '+'

interface Line {
  op: Op
  text: string
}

/**
 * A unified diff of `before` → `after` for `fileName` (`--- a/<file>`, `+++ b/<file>`,
 * `@@ -l,n +l,n @@` hunks with `context` lines around each change), or '' when they are equal.
 */
export function unifiedDiff(fileName: string, before: string, after: string, context = 3): string {
  if (before === after) return ''
  const lines = diffLines(splitLines(before), splitLines(after))
  let out = `--- a/${fileName}\n+++ b/${fileName}\n`
  for (const hunk of hunks(lines, Math.max(0, Math.floor(context)))) out += hunk
  return out
}

/** How many lines a shortest edit from `before` to `after` removes and adds. */
export function countChangedLines(
  before: string,
  after: string
): { removed: number; added: number } {
  let removed = 0
  let added = 0
  for (const line of diffLines(splitLines(before), splitLines(after))) {
    if (line.op === '-') removed++
    else if (line.op === '+') added++
  }
  return { removed, added }
}

/** Lines with their terminator (`\n`, or `\r\n`); the last one may have none. */
function splitLines(text: string): string[] {
  const lines: string[] = []
  let start = 0
  for (;;) {
    const end = text.indexOf('\n', start)
    if (end === -1) break
    lines.push(text.slice(start, end + 1))
    start = end + 1
  }
  if (start < text.length) lines.push(text.slice(start))
  return lines
}

function hunks(lines: Line[], context: number): string[] {
  const out: string[] = []
  let i = 0
  // Line numbers (1-based) of the next line of each side.
  let oldLine = 1
  let newLine = 1
  while (i < lines.length) {
    if (lines[i].op === ' ') {
      i++
      oldLine++
      newLine++
      continue
    }
    // A change at i: the hunk starts `context` lines earlier and runs until a gap of more than
    // 2 × context unchanged lines (or the end).
    const lead = Math.min(context, countBackEqual(lines, i))
    const start = i - lead
    let end = i
    for (;;) {
      while (end < lines.length && lines[end].op !== ' ') end++
      let gap = 0
      while (end + gap < lines.length && lines[end + gap].op === ' ') gap++
      if (end + gap >= lines.length || gap > 2 * context) {
        end += Math.min(gap, context)
        break
      }
      end += gap
    }
    const hunkOldStart = oldLine - lead
    const hunkNewStart = newLine - lead
    let oldCount = 0
    let newCount = 0
    let body = ''
    for (let j = start; j < end; j++) {
      const { op, text } = lines[j]
      if (op !== '+') oldCount++
      if (op !== '-') newCount++
      body += op + (text.endsWith('\n') ? text : `${text}\n\\ No newline at end of file\n`)
    }
    out.push(`@@ -${range(hunkOldStart, oldCount)} +${range(hunkNewStart, newCount)} @@\n${body}`)
    oldLine = hunkOldStart + oldCount
    newLine = hunkNewStart + newCount
    i = end
  }
  return out
}

function countBackEqual(lines: Line[], i: number): number {
  let n = 0
  while (i - n - 1 >= 0 && lines[i - n - 1].op === ' ') n++
  return n
}

/** `l,n` as diff prints it: `,1` is left out, and an empty range names the line before it. */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`
  return count === 1 ? `${start}` : `${start},${count}`
}

/** A shortest edit script from `a` to `b`, as kept, removed and added lines in order. */
function diffLines(a: string[], b: string[]): Line[] {
  const raw: Line[] = []
  diffRange(a, 0, a.length, b, 0, b.length, raw)
  // Within each run of changes, removals come first, as diff prints them.
  const out: Line[] = []
  let added: Line[] = []
  for (const line of raw) {
    if (line.op === '+') {
      added.push(line)
      continue
    }
    if (line.op === ' ' && added.length > 0) {
      out.push(...added)
      added = []
    }
    out.push(line)
  }
  out.push(...added)
  return out
}

function diffRange(
  a: string[],
  aLo: number,
  aHi: number,
  b: string[],
  bLo: number,
  bHi: number,
  out: Line[]
): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
    out.push({ op: ' ', text: a[aLo] })
    aLo++
    bLo++
  }
  let suffix = 0
  while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) {
    aHi--
    bHi--
    suffix++
  }
  if (aLo === aHi) {
    for (let j = bLo; j < bHi; j++) out.push({ op: '+', text: b[j] })
  } else if (bLo === bHi) {
    for (let j = aLo; j < aHi; j++) out.push({ op: '-', text: a[j] })
  } else {
    // Both sides are non-empty and differ at both ends, so the shortest edit has D ≥ 2 and the
    // middle snake splits it into two strictly smaller problems.
    const [x0, y0, x1, y1] = middleSnake(a, aLo, aHi, b, bLo, bHi)
    diffRange(a, aLo, x0, b, bLo, y0, out)
    for (let j = x0; j < x1; j++) out.push({ op: ' ', text: a[j] })
    diffRange(a, x1, aHi, b, y1, bHi, out)
  }
  for (let j = aHi; j < aHi + suffix; j++) out.push({ op: ' ', text: a[j] })
}

/**
 * The middle snake of a shortest edit path (Myers 1986, section 4b): returns its start and end
 * points in absolute coordinates. Forward V holds furthest x per diagonal k = x − y; reverse V
 * holds furthest distance from the ends per reverse diagonal.
 */
function middleSnake(
  a: string[],
  aLo: number,
  aHi: number,
  b: string[],
  bLo: number,
  bHi: number
): [number, number, number, number] {
  const n = aHi - aLo
  const m = bHi - bLo
  const delta = n - m
  const odd = (delta & 1) !== 0
  const max = Math.ceil((n + m) / 2)
  const off = max + 1
  const forward = new Int32Array(2 * max + 3)
  const reverse = new Int32Array(2 * max + 3)
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && forward[off + k - 1] < forward[off + k + 1])
          ? forward[off + k + 1]
          : forward[off + k - 1] + 1
      let y = x - k
      const x0 = x
      const y0 = y
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++
        y++
      }
      forward[off + k] = x
      const kr = delta - k
      if (odd && kr >= -(d - 1) && kr <= d - 1 && x + reverse[off + kr] >= n) {
        return [aLo + x0, bLo + y0, aLo + x, bLo + y]
      }
    }
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && reverse[off + k - 1] < reverse[off + k + 1])
          ? reverse[off + k + 1]
          : reverse[off + k - 1] + 1
      let y = x - k
      const x0 = x
      const y0 = y
      while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
        x++
        y++
      }
      reverse[off + k] = x
      const kf = delta - k
      if (!odd && kf >= -d && kf <= d && forward[off + kf] + x >= n) {
        return [aLo + n - x, bLo + m - y, aLo + n - x0, bLo + m - y0]
      }
    }
  }
  throw new Error('diff: no middle snake found (unreachable)')
}
