/**
 * Values patching: how long patchScalar takes on the largest real values file and on a generated
 * 1 MB one, against `yaml`'s plain parseDocument of the same text (the floor of any parser-based
 * approach), and how faithful it is on every file of the corpus against the naive
 * `parseDocument().setIn().toString()`.
 *
 * Standalone: `npx tsc -p tsconfig.build.json && node build/bench/values.js [--runs N]` prints the
 * Markdown section and exits 1 when fidelity is below 100%.
 */
import { readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseDocument } from 'yaml'
import { countChangedLines } from '../src/diff.js'
import { patchScalar } from '../src/values.js'
import {
  changedWindow,
  corpusDir,
  corpusFiles,
  generateValuesFile,
  parseValues,
  pickTargets,
  repoRoot,
  scalarSitesOf,
  seededRandom,
  type CorpusTarget
} from '../__tests__/support/corpus.js'
import { renderTable, type TargetCheck } from './report.js'
import {
  formatBytes,
  formatCount,
  formatMs,
  formatRatio,
  median,
  pairedRatio,
  summarize,
  type Summary
} from './stats.js'

const WARM_UP = 3

interface TimingResult {
  input: string
  bytes: number
  lines: number
  keyPath: string
  patch: Summary
  parseDocument: Summary
  naive: Summary
  /** Median of per-round patch / parseDocument ratios. */
  ratio: number | undefined
}

/** Whether the text changed only inside the target scalar's span. */
function withinTarget(before: string, after: string, target: CorpusTarget): boolean {
  const window = changedWindow(before, after)
  return window.start >= target.site.start && window.end <= target.site.end
}

interface FidelityRow {
  file: string
  keyPath?: string
  /** Lines changed beyond the target (max(removed, added) − 1); undefined when not applicable. */
  ours?: number
  oursExact?: boolean
  oursError?: string
  naive?: number
  naiveExact?: boolean
  naiveError?: string
}

export interface ValuesBenchResults {
  machine: { node: string; cpu: string; cores: number; yaml: string }
  runs: number
  timing: TimingResult[]
  fidelity: {
    corpus?: string
    files: number
    withScalar: number
    oursExact: number
    naiveExact: number
    naiveErrors: number
    naiveExtra: { median: number; p90: number; max: number } | undefined
    rows: FidelityRow[]
  }
}

export async function runValuesBench(opts: {
  runs: number
}): Promise<{ markdown: string; results: ValuesBenchResults; targets: TargetCheck[] }> {
  const runs = Math.max(1, Math.floor(opts.runs))
  const dir = corpusDir()
  const timing: TimingResult[] = []

  if (dir) {
    const largest = corpusFiles(dir)
      .map((f) => ({ ...f, size: statSync(f.file).size }))
      .sort((a, b) => b.size - a.size)[0]
    const text = readFileSync(largest.file, 'utf8')
    const [target] = pickTargets(scalarSitesOf(parseValues(text)))
    timing.push(await measure(`largest corpus file (${largest.name})`, text, target, runs))
  }
  const generated = generateValuesFile(seededRandom(42), { minLength: 1_000_000 })
  const [generatedTarget] = pickTargets(scalarSitesOf(parseValues(generated)))
  timing.push(await measure('generated values file', generated, generatedTarget, runs))

  const fidelity = measureFidelity(dir)
  const results: ValuesBenchResults = { machine: machine(), runs, timing, fidelity }
  const targets = checkTargets(results)
  return { markdown: render(results), results, targets }
}

// ---------------------------------------------------------------------------------------------

async function measure(
  input: string,
  text: string,
  target: CorpusTarget,
  runs: number
): Promise<TimingResult> {
  const { keyPath, path: keyPathSegments } = target.site
  const patch = (): void => {
    patchScalar(text, keyPath, target.newValue)
  }
  const parse = (): void => {
    parseDocument(text, { uniqueKeys: false })
  }
  const naive = (): void => {
    const doc = parseDocument(text, { uniqueKeys: false })
    doc.setIn(keyPathSegments, target.newValue)
    doc.toString()
  }
  const samples = { patch: [] as number[], parse: [] as number[], naive: [] as number[] }
  for (let round = 0; round < WARM_UP + runs; round++) {
    // Interleaved, so that load drifting during the run hits all three alike.
    const p = time(patch)
    const q = time(parse)
    const n = time(naive)
    if (round >= WARM_UP) {
      samples.patch.push(p)
      samples.parse.push(q)
      samples.naive.push(n)
    }
    // Let timers and I/O of the caller run between rounds.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return {
    input,
    bytes: Buffer.byteLength(text, 'utf8'),
    lines: text.split('\n').length,
    keyPath,
    patch: summarize(samples.patch),
    parseDocument: summarize(samples.parse),
    naive: summarize(samples.naive),
    ratio: pairedRatio(samples.patch, samples.parse)
  }
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

function extraLines(before: string, after: string): number {
  const { removed, added } = countChangedLines(before, after)
  return Math.max(removed, added) - 1
}

function measureFidelity(dir: string | undefined): ValuesBenchResults['fidelity'] {
  const rows: FidelityRow[] = []
  for (const { name, file } of dir ? corpusFiles(dir) : []) {
    const text = readFileSync(file, 'utf8')
    const [target] = pickTargets(scalarSitesOf(parseValues(text)))
    if (!target) {
      rows.push({ file: name })
      continue
    }
    const row: FidelityRow = { file: name, keyPath: target.site.keyPath }
    try {
      const after = patchScalar(text, target.site.keyPath, target.newValue).text
      row.ours = extraLines(text, after)
      row.oursExact = row.ours === 0 && withinTarget(text, after, target)
    } catch (error) {
      row.oursError = error instanceof Error ? error.message : String(error)
    }
    try {
      // The same parse options as the timing above, and the same test of "exact" as ours.
      const doc = parseDocument(text, { uniqueKeys: false })
      doc.setIn(target.site.path, target.newValue)
      const after = doc.toString()
      row.naive = extraLines(text, after)
      row.naiveExact = row.naive === 0 && withinTarget(text, after, target)
    } catch (error) {
      row.naiveError = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    }
    rows.push(row)
  }
  const measured = rows.filter((r) => r.keyPath !== undefined)
  const naiveExtras = measured.flatMap((r) => (r.naive === undefined ? [] : [r.naive]))
  return {
    corpus: dir && path.relative(repoRoot(), dir),
    files: rows.length,
    withScalar: measured.length,
    oursExact: measured.filter((r) => r.oursExact === true).length,
    naiveExact: measured.filter((r) => r.naiveExact === true).length,
    naiveErrors: measured.filter((r) => r.naiveError !== undefined).length,
    naiveExtra:
      naiveExtras.length === 0
        ? undefined
        : {
            median: median(naiveExtras),
            p90: percentile(naiveExtras, 0.9),
            max: Math.max(...naiveExtras)
          },
    rows
  }
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
}

function machine(): ValuesBenchResults['machine'] {
  const cpus = os.cpus()
  const yamlManifest = path.join(repoRoot(), 'node_modules/yaml/package.json')
  const { version } = JSON.parse(readFileSync(yamlManifest, 'utf8')) as { version: string }
  return {
    node: process.version,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    yaml: version
  }
}

function checkTargets(results: ValuesBenchResults): TargetCheck[] {
  const { fidelity } = results
  if (fidelity.corpus === undefined) {
    return [
      {
        target: 'Fidelity 100%: every corpus file patched in exactly the target scalar',
        measured: 'corpus not found',
        verdict: 'not measured',
        note: 'Put the corpus at ../shared/corpus/values or set GIB_CORPUS_DIR.'
      }
    ]
  }
  return [
    {
      target: 'Fidelity 100%: every corpus file patched in exactly the target scalar',
      measured: `${fidelity.oursExact} / ${fidelity.withScalar} files exact (naive: ${fidelity.naiveExact})`,
      verdict: fidelity.oursExact === fidelity.withScalar ? 'met' : 'not met'
    }
  ]
}

// ---------------------------------------------------------------------------------------------

function render(results: ValuesBenchResults): string {
  const { machine: m, timing, fidelity, runs } = results
  const out: string[] = []
  out.push(
    `Node ${m.node}, yaml ${m.yaml}, ${m.cpu} (${m.cores} cores). Each figure is the median of ` +
      `${runs} interleaved runs after ${WARM_UP} warm-up runs (min–max in brackets); the ratio is ` +
      'the median of the per-run ratios.'
  )
  out.push('', '### Time')
  out.push(
    '',
    renderTable(
      ['input', 'size', 'patchScalar', 'parseDocument', 'ratio', 'naive setIn + toString'],
      timing.map((t) => [
        `${t.input}, \`${t.keyPath}\``,
        `${formatBytes(t.bytes)}, ${formatCount(t.lines)} lines`,
        `${formatMs(t.patch.median)} (${formatMs(t.patch.min)}–${formatMs(t.patch.max)})`,
        `${formatMs(t.parseDocument.median)} (${formatMs(t.parseDocument.min)}–${formatMs(t.parseDocument.max)})`,
        formatRatio(t.ratio),
        formatMs(t.naive.median)
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r']
    )
  )
  out.push(
    '',
    'patchScalar parses the file into its concrete syntax tree, composes it to find the key, edits ' +
      'one token, stringifies the tokens, then parses the result again and compares both documents ' +
      'node by node. Lexing dominates and happens twice, so about twice one parse is the floor of ' +
      'a patch that proves itself; `parseDocument` alone also builds a LineCounter and pretty errors.'
  )

  out.push('', '### Fidelity: one edit in every corpus file')
  if (fidelity.corpus === undefined) {
    out.push('', 'Not measured: the corpus (../shared/corpus/values or GIB_CORPUS_DIR) is absent.')
    return out.join('\n') + '\n'
  }
  const percent = (n: number): string =>
    fidelity.withScalar === 0 ? 'n/a' : `${((100 * n) / fidelity.withScalar).toFixed(0)}%`
  const oursRows = fidelity.rows.filter((r) => r.ours !== undefined)
  const oursExtra = oursRows.map((r) => r.ours as number)
  out.push(
    '',
    `${fidelity.files} files in \`${fidelity.corpus}\`; ${fidelity.withScalar} hold a scalar to set ` +
      '(the first image-like one, else the first one; an ECR reference for `image`, else ' +
      '`main-abc1234-1`). The others are empty, comment-only or hold only `{}`/`[]`: there is ' +
      'nothing to set in them. Both sides parse with `uniqueKeys: false`; a file is exact when no ' +
      'line changes beyond the target and the change stays inside the target scalar. "Extra lines" are lines changed beyond the ' +
      'target: max(removed, added) − 1 in a shortest line diff.',
    '',
    renderTable(
      ['approach', 'exactly the target', 'extra lines: median / p90 / max', 'errors'],
      [
        [
          '`patchScalar` (CST edit, verified)',
          `**${fidelity.oursExact} / ${fidelity.withScalar} (${percent(fidelity.oursExact)})**`,
          oursExtra.length === 0
            ? 'n/a'
            : `${median(oursExtra)} / ${percentile(oursExtra, 0.9)} / ${Math.max(...oursExtra)}`,
          String(fidelity.withScalar - oursRows.length)
        ],
        [
          '`parseDocument().setIn().toString()`',
          `${fidelity.naiveExact} / ${fidelity.withScalar} (${percent(fidelity.naiveExact)})`,
          fidelity.naiveExtra
            ? `${fidelity.naiveExtra.median} / ${fidelity.naiveExtra.p90} / ${fidelity.naiveExtra.max}`
            : 'n/a',
          String(fidelity.naiveErrors)
        ]
      ],
      ['l', 'r', 'r', 'r']
    )
  )
  out.push(
    '',
    '<details><summary>Per file</summary>',
    '',
    renderTable(
      ['file', 'target', 'patchScalar extra lines', 'naive extra lines'],
      fidelity.rows.map((r) => [
        r.file,
        r.keyPath === undefined ? '(no scalar)' : `\`${r.keyPath}\``,
        r.keyPath === undefined
          ? '—'
          : r.oursError !== undefined
            ? `error: ${r.oursError}`
            : `${r.ours}${r.oursExact ? '' : ' (not exact)'}`,
        r.keyPath === undefined ? '—' : (r.naiveError ?? String(r.naive))
      ]),
      ['l', 'l', 'r', 'r']
    ),
    '',
    '</details>'
  )
  return out.join('\n') + '\n'
}

// ---------------------------------------------------------------------------------------------

function runsFromArgs(argv: string[]): number {
  const at = argv.indexOf('--runs')
  const value = at >= 0 ? Number(argv[at + 1]) : 9
  if (!Number.isInteger(value) || value < 1) throw new Error('--runs takes a positive integer')
  return value
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  const { markdown, targets } = await runValuesBench({ runs: runsFromArgs(process.argv.slice(2)) })
  process.stdout.write(`## Values patching\n\n${markdown}`)
  if (targets.some((t) => t.verdict === 'not met')) process.exitCode = 1
}
