/**
 * patchScalar on 70 real public Helm values files (../shared/corpus/values, see its SOURCES.md),
 * read in place. For each file the first image-like scalar (else the first scalar) and the
 * deepest one are set, and the result must differ from the original in exactly that scalar's bytes,
 * where yaml's Document API (not the patcher) says the scalar is.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Document } from 'yaml'
import { patchScalar, ValuesError } from '../src/values.js'
import {
  changedWindow,
  corpusDir,
  corpusFiles,
  ECR_IMAGE,
  parseValues,
  pickTargets,
  scalarSitesOf,
  type CorpusTarget
} from './support/corpus.js'

const dir = corpusDir()
const required = process.env.GIB_REQUIRE_CORPUS === '1'
if (!dir && !required) {
  console.warn(
    'values corpus not found (../shared/corpus/values or GIB_CORPUS_DIR): corpus tests skipped. ' +
      'Set GIB_REQUIRE_CORPUS=1 to make this a failure.'
  )
}
const files = dir ? corpusFiles(dir) : []

/** Empty, comment-only or `{}`-only files hold nothing to set, and patchScalar must say so. */
function refusalProblems(text: string): string[] {
  try {
    patchScalar(text, 'microservice.image', ECR_IMAGE)
    return ['patched a file that has no scalar']
  } catch (error) {
    return error instanceof ValuesError && error.code === 'key-missing'
      ? []
      : [`expected key-missing, got ${String(error)}`]
  }
}

function toJS(docs: Document.Parsed[]): unknown[] {
  return docs.map((doc): unknown => doc.toJS({ maxAliasCount: -1 }))
}

/** `value` with the scalar at `keyPath` replaced, for plain JS trees from toJS(). */
function withValue(value: unknown, keyPath: (string | number)[], newValue: string): unknown {
  const copy = structuredClone(value)
  let node = copy as Record<string | number, unknown>
  keyPath.slice(0, -1).forEach((key) => {
    node = node[key] as Record<string | number, unknown>
  })
  node[keyPath[keyPath.length - 1]] = newValue
  return copy
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length

/** Every way the patched text differs from the original, other than the target scalar. */
function problems(
  text: string,
  target: CorpusTarget,
  baseline: unknown[],
  deep: boolean
): string[] {
  const { site, newValue } = target
  const found: string[] = []
  const result = patchScalar(text, site.keyPath, newValue, { fileName: 'corpus file' })
  const window = changedWindow(text, result.text)
  if (!result.changed) found.push('not changed')
  if (result.previous !== site.value) found.push(`previous ${result.previous} ≠ ${site.value}`)
  if (result.line !== lineOf(text, site.start)) found.push(`line ${result.line}`)
  if (window.start < site.start || window.end > site.end) {
    found.push(`bytes ${window.start}–${window.end} changed outside ${site.start}–${site.end}`)
  }
  if (/[\r\n]/.test(window.inserted)) found.push('the new value spans lines')
  const oldLines = text.split('\n')
  const newLines = result.text.split('\n')
  const scalarLines = text.slice(site.start, site.end).split('\n').length - 1
  if (newLines.length !== oldLines.length - scalarLines) found.push('line count changed')
  if (scalarLines === 0) {
    const changed = oldLines.filter((line, i) => line !== newLines[i]).length
    if (changed !== 1) found.push(`${changed} lines changed`)
  }
  // Read back as Helm would (YAML 1.1): the target holds the new string, all else is as before.
  const expected = [withValue(baseline[0], site.path, newValue), ...baseline.slice(1)]
  expect(toJS(parseValues(result.text))).toEqual(expected)

  if (deep) {
    const again = patchScalar(result.text, site.keyPath, newValue)
    if (again.changed || again.text !== result.text) found.push('not idempotent')
    // Writing the old value back restores the original bytes, where the old value is already
    // written the way the patcher would write it (checked on the smaller files, for speed).
    if (
      text.length < 64 * 1024 &&
      site.value !== null &&
      !patchScalar(text, site.keyPath, site.value).changed
    ) {
      const back = patchScalar(result.text, site.keyPath, site.value)
      if (back.text !== text) found.push('writing the old value back does not restore the file')
    }
  }
  return found.map((problem) => `${target.label} ${site.keyPath}: ${problem}`)
}

describe('patchScalar on the real values corpus', () => {
  if (!dir) {
    // Skipped with the notice above, or a failure when the corpus is required.
    const check = required ? it : it.skip
    check('finds the corpus (GIB_REQUIRE_CORPUS=1)', () => {
      throw new Error('values corpus not found: ../shared/corpus/values or GIB_CORPUS_DIR')
    })
    return
  }

  it('covers all 70 files of the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(70)
  })

  it.each(files.map((f) => [f.name, f.file]))(
    'changes exactly the target scalar and nothing else in %s',
    (_name, file) => {
      const text = readFileSync(file, 'utf8')
      const docs = parseValues(text)
      const targets = pickTargets(scalarSitesOf(docs))
      const baseline = toJS(docs)
      const found =
        targets.length === 0
          ? refusalProblems(text)
          : targets.flatMap((target, i) => problems(text, target, baseline, i === 0))
      expect(found).toEqual([])
    }
  )

  const named = (suffix: string): string | undefined => {
    const match = files.find((f) => f.name.endsWith(suffix))
    return match && path.join(dir, match.name)
  }

  it('names both lines of the real duplicate key in metal-toolbox/sandbox', () => {
    const file = named('metal-toolbox__sandbox__values.yaml')
    expect(file).toBeDefined()
    const text = readFileSync(file as string, 'utf8')
    let error: unknown
    try {
      patchScalar(text, 'broker.image.pullPolicy', 'IfNotPresent')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ValuesError)
    expect(error).toMatchObject({ code: 'duplicate-key', line: 215 })
    expect((error as ValuesError).message).toContain('lines 215 and 218')
  })

  it('edits only the first document of the 3-document Flux manifest', () => {
    const file = named('controllers__cert-manager.yaml')
    expect(file).toBeDefined()
    const text = readFileSync(file as string, 'utf8')
    const result = patchScalar(text, 'metadata.name', 'renamed')
    expect(result.text).toBe(text.replace('name: cert-manager', 'name: renamed'))
    expect(() => patchScalar(text, 'spec.values.crds.enabled', 'false')).toThrow(
      expect.objectContaining({ code: 'key-missing' })
    )
  })
})
