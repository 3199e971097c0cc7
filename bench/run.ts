/**
 * `npm run bench`: runs every benchmark section in turn and writes BENCHMARKS.md and
 * bench/results.json. A section that fails or cannot run (no Docker, a missing module) is reported
 * as such in both files; the others still run.
 *
 * Environment:
 * - `GIB_BENCH_QUICK=1`  fewer runs and smaller sizes (a smoke run of a few minutes at most);
 * - `GIB_BENCH_ONLY=gitops,startup`  only these sections (ids: gitops, startup, values, image, scale);
 * - `GIB_BENCH_OUT=<dir>`  where to write BENCHMARKS.md and results.json (default: the checkout,
 *   BENCHMARKS.md at the root and results.json in bench/).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { runGitopsBench } from './gitops.js'
import {
  benchTmp,
  describeMachine,
  nodeRuntimes,
  quickMode,
  removeDir,
  repoRoot,
  secrets
} from './harness.js'
import { runImageBench } from './image.js'
import {
  redact,
  renderBenchmarks,
  renderResultsJson,
  type BenchmarkRun,
  type SectionReport
} from './report.js'
import { runScaleBench } from './scale.js'
import { runStartupBench } from './startup.js'

export const SECTION_IDS = ['gitops', 'startup', 'values', 'image', 'scale'] as const
export type SectionId = (typeof SECTION_IDS)[number]

const TITLES: Record<SectionId, string> = {
  gitops: '1. GitOps bump: latency and requests vs repository size',
  startup: '2. Start-up cost',
  values: '3. Values patching',
  image: '4. Build-and-push overhead',
  scale: '5. Scale of many apps'
}

/** The sections `GIB_BENCH_ONLY` selects; all of them when it is empty. Unknown ids are an error. */
export function selectSections(only: string | undefined): SectionId[] {
  const wanted = (only ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '')
  if (wanted.length === 0) return [...SECTION_IDS]
  const unknown = wanted.filter((id) => !(SECTION_IDS as readonly string[]).includes(id))
  if (unknown.length > 0) {
    throw new Error(
      `GIB_BENCH_ONLY names unknown sections: ${unknown.join(', ')} (known: ${SECTION_IDS.join(', ')})`
    )
  }
  return SECTION_IDS.filter((id) => wanted.includes(id))
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`)
}

/**
 * The values section is another engineer's module (bench/values.ts); it is loaded only when its
 * section runs, so a module that fails to load fails that section alone.
 */
async function runValuesSection(runs: number): Promise<SectionReport> {
  const { runValuesBench } = await import('./values.js')
  const { markdown, results, targets } = await runValuesBench({ runs })
  return { id: 'values', title: TITLES.values, markdown, targets, results }
}

async function runSection(id: SectionId, quick: boolean): Promise<SectionReport> {
  switch (id) {
    case 'gitops':
      return runGitopsBench({
        sizes: quick ? [100, 2000] : [100, 10_000, 100_000],
        runs: quick ? 2 : 5,
        largeRuns: 3,
        latencyMs: 50,
        log
      })
    case 'startup':
      return runStartupBench({ runs: quick ? 2 : 7, minify: !quick, log })
    case 'values':
      return runValuesSection(quick ? 1 : 3)
    case 'image':
      return runImageBench({ runs: quick ? 1 : 2, log })
    case 'scale':
      return runScaleBench({ counts: quick ? [10] : [10, 50], timeScale: 6, latencyMs: 50, log })
  }
}

/**
 * The text as Prettier formats it with the project's settings, so the generated files pass
 * `npm run format:check`; unformatted (with a note in the log) if Prettier cannot run.
 */
async function formatted(file: string, text: string): Promise<string> {
  try {
    const prettier = await import('prettier')
    const options = (await prettier.resolveConfig(path.join(repoRoot, 'package.json'))) ?? {}
    return await prettier.format(text, { ...options, filepath: file })
  } catch (error) {
    log(
      `could not format ${file} with Prettier: ${error instanceof Error ? error.message : String(error)}`
    )
    return text
  }
}

export async function main(): Promise<void> {
  const quick = quickMode()
  const sections = selectSections(process.env.GIB_BENCH_ONLY)
  const outDir = process.env.GIB_BENCH_OUT ? path.resolve(process.env.GIB_BENCH_OUT) : undefined
  const date = new Date().toISOString()
  const started = performance.now()
  const machine = describeMachine(nodeRuntimes().found)
  log(`${quick ? 'quick' : 'full'} run of ${sections.join(', ')}`)
  const reports: SectionReport[] = []
  for (const id of sections) {
    log(`section ${id}`)
    const sectionStart = performance.now()
    let report: SectionReport
    try {
      report = await runSection(id, quick)
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error), secrets)
      log(`section ${id} failed: ${message}`)
      report = {
        id,
        title: TITLES[id],
        markdown: '',
        targets: [],
        results: { error: message },
        skipped: `the section failed: ${message}`
      }
    }
    report.durationMs = performance.now() - sectionStart
    log(`section ${id} done in ${(report.durationMs / 1000).toFixed(0)} s`)
    reports.push(report)
  }
  removeDir(benchTmp)
  const benchmark: BenchmarkRun = {
    date,
    quick,
    durationMs: performance.now() - started,
    machine,
    sections: reports
  }
  const markdownPath = outDir
    ? path.join(outDir, 'BENCHMARKS.md')
    : path.join(repoRoot, 'BENCHMARKS.md')
  const jsonPath = outDir
    ? path.join(outDir, 'results.json')
    : path.join(repoRoot, 'bench/results.json')
  mkdirSync(path.dirname(markdownPath), { recursive: true })
  writeFileSync(
    markdownPath,
    await formatted(markdownPath, redact(renderBenchmarks(benchmark), secrets))
  )
  writeFileSync(jsonPath, await formatted(jsonPath, redact(renderResultsJson(benchmark), secrets)))
  log(`wrote ${markdownPath} and ${jsonPath} in ${(benchmark.durationMs / 1000).toFixed(0)} s`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
