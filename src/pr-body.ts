/**
 * The bump pull request's body and its hidden marker. Pure.
 *
 * The marker is an HTML comment holding JSON. It is how a bump PR is recognised (title prefixes and
 * branch names are user templates, so they prove nothing) and how runs are ordered for newest-wins.
 */

/** What the hidden marker records about the run that made a bump PR. */
export interface BumpMarker {
  /** Values file path in the GitOps repository. */
  valuesFile: string
  /** Branch the PR targets. */
  base: string
  app: string
  environment: string
  /** `owner/name` of the application repository that ran the bump. */
  repository: string
  /** Source commit of the image. */
  sha: string
  runNumber: number
  runAttempt: number
  /** The image the PR sets. */
  image: string
}

export interface PrSource {
  /** `owner/name` of the application repository. */
  repository: string
  sha: string
  runNumber: number
  runAttempt: number
  runId: string
  /** e.g. `https://github.com`, or the GHES host. */
  serverUrl: string
}

export interface PrBodyInput {
  app: string
  environment: string
  valuesFile: string
  imageKey: string
  base: string
  previousImage: string | null
  image: string
  digest?: string
  source: PrSource
  /** The user's `pr-body`, already expanded. Replaces the generated text; the marker is kept. */
  override?: string
}

const MARKER_PREFIX = '<!-- gitops-image-bump:v1 '
const MARKER_PATTERN = /<!-- gitops-image-bump:v1 (\{[^\n]*?\}) -->/

/** The marker comment for a run. `<`, `>` and `&` are escaped so no value can close the comment. */
export function formatMarker(marker: BumpMarker): string {
  const ordered: BumpMarker = {
    valuesFile: marker.valuesFile,
    base: marker.base,
    app: marker.app,
    environment: marker.environment,
    repository: marker.repository,
    sha: marker.sha,
    runNumber: marker.runNumber,
    runAttempt: marker.runAttempt,
    image: marker.image
  }
  const json = JSON.stringify(ordered)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
  return `${MARKER_PREFIX}${json} -->`
}

/** The marker of a PR body, or undefined when the body has none or a malformed one. */
export function parseMarker(body: string | null | undefined): BumpMarker | undefined {
  if (!body) return undefined
  const match = MARKER_PATTERN.exec(body)
  if (!match) return undefined
  let value: unknown
  try {
    value = JSON.parse(match[1])
  } catch {
    // A PR that merely quotes a broken marker is not a bump PR; nothing to report.
    return undefined
  }
  if (value === null || typeof value !== 'object') return undefined
  const record = value as Record<string, unknown>
  const strings = ['valuesFile', 'base', 'app', 'environment', 'repository', 'sha', 'image']
  if (!strings.every((key) => typeof record[key] === 'string')) return undefined
  const { runNumber, runAttempt } = record
  if (!isPositiveInteger(runNumber) || !isPositiveInteger(runAttempt)) return undefined
  return {
    valuesFile: record.valuesFile as string,
    base: record.base as string,
    app: record.app as string,
    environment: record.environment as string,
    repository: record.repository as string,
    sha: record.sha as string,
    runNumber,
    runAttempt,
    image: record.image as string
  }
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
}

/**
 * Newest-wins order of two runs: negative when `a` is older than `b`, 0 for the same run and
 * attempt. Run numbers order runs; attempts order re-runs of one run.
 */
export function compareRuns(
  a: { runNumber: number; runAttempt: number },
  b: { runNumber: number; runAttempt: number }
): number {
  return a.runNumber - b.runNumber || a.runAttempt - b.runAttempt
}

/** The marker a run writes into its PR. */
export function markerFor(input: PrBodyInput): BumpMarker {
  return {
    valuesFile: input.valuesFile,
    base: input.base,
    app: input.app,
    environment: input.environment,
    repository: input.source.repository,
    sha: input.source.sha,
    runNumber: input.source.runNumber,
    runAttempt: input.source.runAttempt,
    image: input.image
  }
}

/** The PR body: a short table for the reviewer, then the marker. */
export function renderPrBody(input: PrBodyInput): string {
  const marker = formatMarker(markerFor(input))
  if (input.override !== undefined && input.override.trim() !== '') {
    return `${input.override.trimEnd()}\n\n${marker}\n`
  }
  const server = input.source.serverUrl.replace(/\/+$/, '')
  const repositoryUrl = `${server}/${input.source.repository}`
  const shortSha = input.source.sha.slice(0, 7)
  const rows: [string, string][] = [
    ['Values file', `${code(input.valuesFile)} (${code(input.imageKey)})`],
    ['Old image', input.previousImage === null ? '_not set_' : code(input.previousImage)],
    ['New image', code(input.image)]
  ]
  if (input.digest) rows.push(['Digest', code(input.digest)])
  rows.push(
    ['Source', `[${input.source.repository}](${repositoryUrl})`],
    ['Commit', `[${shortSha}](${repositoryUrl}/commit/${input.source.sha})`]
  )
  if (input.source.runId !== '') {
    rows.push([
      'Workflow run',
      `[#${input.source.runNumber}](${repositoryUrl}/actions/runs/${input.source.runId})`
    ])
  }
  return [
    `Bumps **${escapeMarkdown(input.app)}** in **${escapeMarkdown(input.environment)}** ` +
      `to a new image, targeting ${code(input.base)}.`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([name, value]) => `| ${name} | ${value.replace(/\|/g, '\\|')} |`),
    '',
    'Opened by gitops-image-bump. Newer runs for this values file close this pull request.',
    '',
    marker,
    ''
  ].join('\n')
}

/**
 * Whether an existing PR body says the same as the one this run would write. The marker's attempt
 * is ignored: a re-run of the same run bumps to the same image and should leave the PR alone.
 */
export function sameBody(existing: string | null, wanted: string): boolean {
  if (existing === null) return false
  const a = parseMarker(existing)
  const b = parseMarker(wanted)
  if (a === undefined || b === undefined) return normalise(existing) === normalise(wanted)
  return (
    normalise(stripMarker(existing)) === normalise(stripMarker(wanted)) &&
    JSON.stringify({ ...a, runAttempt: 0 }) === JSON.stringify({ ...b, runAttempt: 0 })
  )
}

function stripMarker(body: string): string {
  return body.replace(MARKER_PATTERN, '')
}

// GitHub stores bodies edited in the web UI with CRLF; that is not a difference worth a PATCH.
function normalise(body: string): string {
  return body.replace(/\r\n/g, '\n').trimEnd()
}

/** A Markdown code span that holds any text, backticks included. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1')
}
