/**
 * Property-style tests: seeded random values files (block and flow collections, every scalar
 * style, empty values, comments, blank lines, LF/CRLF/mixed endings, BOM, missing final newline,
 * extra documents) and random targets and new values. Every failure names its seed.
 */
import { describe, expect, it } from '@jest/globals'
import { patchScalar, readScalar, ValuesError } from '../src/values.js'
import {
  changedWindow,
  ECR_IMAGE,
  generateValuesFile,
  parseValues,
  scalarSitesOf,
  seededRandom,
  type ScalarSite
} from './support/corpus.js'

const TRICKY_VALUES = [
  ECR_IMAGE,
  'main-abc1234-1',
  'nginx@sha256:' + 'ab'.repeat(32),
  '1.10',
  'yes',
  'off',
  '~',
  '',
  '0o17',
  '012',
  'a: b',
  'x #y',
  '#x',
  '- a',
  '[a]',
  '{a: b}',
  "it's",
  'say "hi"',
  'back\\slash',
  ' lead',
  'trail ',
  'line\nbreak',
  'cr\rlf',
  'tab\there',
  'bell\u0007',
  'nel\u0085',
  'bom\ufeff',
  'ünïcödé 日本',
  'emoji 🚀',
  '*alias',
  '&anchor',
  '!tag',
  '%directive',
  '@at',
  '`tick',
  '<<',
  '---',
  '...',
  'a,b',
  'x'.repeat(300)
]

function randomValue(random: () => number): string {
  if (random() < 0.6) return TRICKY_VALUES[Math.floor(random() * TRICKY_VALUES.length)]
  const alphabet = 'abc019:-_./@# "\'\\,[]{}*&!|>%`\t\nü'
  const n = Math.floor(random() * 12)
  let out = ''
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(random() * alphabet.length)]
  return out
}

function withValue(tree: unknown, path: (string | number)[], value: string): unknown {
  const copy = structuredClone(tree)
  let node = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  node[path[path.length - 1]] = value
  return copy
}

/** What is wrong with setting `site` to `value` in `text`, or [] when nothing is. */
function check(text: string, site: ScalarSite, value: string, baseline: unknown[]): string[] {
  const problems: string[] = []
  const result = patchScalar(text, site.keyPath, value)
  const window = changedWindow(text, result.text)
  if (result.changed !== (result.text !== text)) problems.push('changed flag is wrong')
  if (result.changed) {
    if (window.start < site.start || window.end > site.end) {
      problems.push(`bytes ${window.start}–${window.end} changed outside ${site.start}–${site.end}`)
    }
    if (site.empty && window.end !== window.start) problems.push('an empty value lost bytes')
    if (/[\r\n]/.test(window.inserted)) problems.push('the new value spans lines')
  }
  const docs = parseValues(result.text)
  if (docs.some((doc) => doc.errors.length > 0)) return [...problems, 'result does not parse']
  const actual = docs.map((doc): unknown => doc.toJS())
  const expected = [withValue(baseline[0], site.path, value), ...baseline.slice(1)]
  if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push('documents differ')
  if (readScalar(result.text, site.keyPath) !== value) problems.push('readScalar disagrees')
  const again = patchScalar(result.text, site.keyPath, value)
  if (again.changed || again.text !== result.text) problems.push('not idempotent')
  return problems
}

describe('patchScalar on generated values files', () => {
  it('changes only the target scalar, for 400 random files, targets and values', () => {
    const failures: string[] = []
    let patched = 0
    let empties = 0
    let inFlow = 0
    for (let seed = 1; seed <= 400; seed++) {
      const random = seededRandom(seed)
      const text = generateValuesFile(random)
      const docs = parseValues(text)
      if (docs.some((doc) => doc.errors.length > 0)) {
        failures.push(`seed ${seed}: the generator wrote invalid YAML`)
        continue
      }
      const sites = scalarSitesOf(docs)
      const baseline = docs.map((doc): unknown => doc.toJS())
      for (let n = 0; n < 2 && sites.length > 0; n++) {
        const site = sites[Math.floor(random() * sites.length)]
        const value = randomValue(random)
        try {
          const problems = check(text, site, value, baseline)
          for (const problem of problems) {
            failures.push(`seed ${seed} ${site.keyPath} = ${JSON.stringify(value)}: ${problem}`)
          }
        } catch (error) {
          failures.push(
            `seed ${seed} ${site.keyPath} = ${JSON.stringify(value)}: threw ${String(error)}`
          )
        }
        patched++
        if (site.empty) empties++
        if (site.inFlow) inFlow++
      }
    }
    expect(failures).toEqual([])
    // The generator must keep exercising the awkward cases.
    expect(patched).toBeGreaterThan(600)
    expect(empties).toBeGreaterThan(20)
    expect(inFlow).toBeGreaterThan(40)
  })

  it('either patches or refuses with a clear error for random key paths, never anything else', () => {
    const failures: string[] = []
    const codes = new Set<string>()
    for (let seed = 1001; seed <= 1300; seed++) {
      const random = seededRandom(seed)
      const text = generateValuesFile(random)
      const sites = scalarSitesOf(parseValues(text))
      const words = ['image', 'tag', 'microservice', 'name', '0', '1', 'list', 'a\\.b', 'env']
      const keyPath =
        sites.length > 0 && random() < 0.5
          ? `${sites[Math.floor(random() * sites.length)].keyPath}.${words[Math.floor(random() * words.length)]}`
          : Array.from(
              { length: 1 + Math.floor(random() * 3) },
              () => words[Math.floor(random() * words.length)]
            ).join('.')
      try {
        patchScalar(text, keyPath, randomValue(random))
      } catch (error) {
        if (!(error instanceof ValuesError) || error.code === 'verification-failed') {
          failures.push(`seed ${seed} ${keyPath}: ${String(error)}`)
        } else {
          codes.add(error.code)
        }
      }
    }
    expect(failures).toEqual([])
    expect([...codes].sort()).toEqual(
      expect.arrayContaining(['key-missing', 'not-a-map', 'not-a-scalar'])
    )
  })

  it('keeps the line endings of every line of CRLF and mixed files', () => {
    let checked = 0
    for (let seed = 2001; seed <= 2100; seed++) {
      const random = seededRandom(seed)
      const text = generateValuesFile(random)
      if (!text.includes('\r\n')) continue
      const sites = scalarSitesOf(parseValues(text)).filter((s) => !s.empty)
      if (sites.length === 0) continue
      const result = patchScalar(text, sites[0].keyPath, ECR_IMAGE)
      expect(result.text.match(/\r\n/g)?.length).toBe(text.match(/\r\n/g)?.length)
      expect(result.text.match(/\n/g)?.length).toBe(text.match(/\n/g)?.length)
      checked++
    }
    expect(checked).toBeGreaterThan(30)
  })
})
