/**
 * Pure helpers of the benchmarks: summary statistics, ratios and the formatting of figures.
 * Nothing here measures; the sections do, and hand their samples to these functions.
 */

/** The summary of one measured quantity over several runs. */
export interface Summary {
  /** How many samples. */
  n: number
  median: number
  min: number
  max: number
  /** The samples in the order they were taken. */
  samples: number[]
}

/** The median of the samples (mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    samples: [...samples]
  }
}

/** `value / baseline`, or undefined when the baseline is zero or not a number. */
export function ratio(value: number, baseline: number): number | undefined {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return undefined
  return value / baseline
}

/**
 * Pairs the samples of an action and its baseline taken in the same round (interleaved runs), and
 * returns the median of the per-round ratios: robust against load that drifts during the run.
 */
export function pairedRatio(
  values: readonly number[],
  baselines: readonly number[]
): number | undefined {
  const ratios: number[] = []
  for (let i = 0; i < Math.min(values.length, baselines.length); i++) {
    const r = ratio(values[i], baselines[i])
    if (r !== undefined) ratios.push(r)
  }
  return ratios.length === 0 ? undefined : median(ratios)
}

/**
 * How much a series grows from its first to its last point, as a ratio of medians: 1.0 is flat.
 * Used for "wall time is flat in repository size".
 */
export function growth(first: number, last: number): number | undefined {
  return ratio(last, first)
}

/** Milliseconds, with precision that fits the size: `0.42 ms`, `12.3 ms`, `254 ms`, `12.5 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a'
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (ms >= 100) return `${ms.toFixed(0)} ms`
  if (ms >= 10) return `${ms.toFixed(1)} ms`
  return `${ms.toFixed(2)} ms`
}

/** Bytes in binary units: `512 B`, `1.5 KiB`, `2.47 MiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a'
  if (bytes < 1024) return `${Math.round(bytes)} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`
}

/** A ratio as `3.2x`; `n/a` when there is none. */
export function formatRatio(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a'
  return value >= 100
    ? `${value.toFixed(0)}x`
    : value >= 10
      ? `${value.toFixed(1)}x`
      : `${value.toFixed(2)}x`
}

/** `254 ms (min 172, max 301, n=7)` */
export function formatSummaryMs(summary: Summary): string {
  return `${formatMs(summary.median)} (${formatMs(summary.min)}–${formatMs(summary.max)}, n=${summary.n})`
}

/** A thousands-separated integer: `100,000`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}
