/**
 * The job summary (`GITHUB_STEP_SUMMARY`), rendered from plain data. Short: it is read on a phone.
 */

import type { GitOpsOperation as Operation } from './gitops.js'

export interface SkippedReport {
  readonly kind: 'skipped'
  readonly app: string
  readonly environment: string
  readonly reason: string
}

export interface DoneReport {
  readonly kind: 'done'
  readonly app: string
  readonly environment: string
  readonly dryRun: boolean
  readonly image: string
  readonly digest: string
  /** How the image came to be: built now, reused (the tag existed), or promoted. */
  readonly imageSource: 'built' | 'reused' | 'promoted' | 'planned'
  readonly repositoryCreated: boolean
  readonly gitopsRepository: string
  readonly valuesFile: string
  readonly operation: Operation
  readonly pullRequestUrl: string
  readonly pullRequestNumber: string
  readonly commitSha: string
  readonly supersededBy?: string
  readonly diff: string
  readonly notes: readonly string[]
}

export interface FailedReport {
  readonly kind: 'failed'
  readonly app: string
  readonly environment: string
  /** The step that failed, e.g. "GitOps pull request". */
  readonly step: string
  readonly message: string
  readonly hint?: string
  /** What had already happened, e.g. "image pushed: …", so a re-run is understood. */
  readonly done: readonly string[]
}

export type Report = SkippedReport | DoneReport | FailedReport

const OPERATION_TEXT: Record<Operation, string> = {
  created: 'pull request opened',
  updated: 'pull request updated',
  unchanged: 'already up to date',
  superseded: 'a newer run already bumped this file',
  committed: 'committed to the base branch',
  none: 'nothing changed'
}

/** Markdown for the job summary. */
export function renderSummary(report: Report): string {
  const title = (icon: string, text: string) =>
    `### ${icon} ${text}: \`${report.app}\` → \`${report.environment}\``
  if (report.kind === 'skipped') {
    return `${title('⏭️', 'Skipped')}\n\n${escapeText(report.reason)}\n\nSet \`force: true\` to build anyway.\n`
  }
  if (report.kind === 'failed') {
    const lines = [title('❌', `Failed at ${report.step}`), '', `**${escapeText(report.message)}**`]
    if (report.hint) lines.push('', escapeText(report.hint))
    if (report.done.length > 0) {
      lines.push(
        '',
        'Done before the failure:',
        ...report.done.map((item) => `- ${escapeText(item)}`)
      )
    }
    lines.push(
      '',
      'Re-running the job is safe: it finishes what is missing and opens no second pull request.'
    )
    return lines.join('\n') + '\n'
  }
  const heading = report.dryRun ? title('🧪', 'Dry run') : title('✅', 'Bumped')
  const rows: [string, string][] = [
    ['Image', `\`${report.image}\`${imageSourceText(report)}`],
    ['Digest', report.digest ? `\`${report.digest}\`` : '—'],
    ['Values', `\`${report.gitopsRepository}\` \`${report.valuesFile}\``],
    ['Result', resultText(report)]
  ]
  const lines = [heading, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)]
  for (const note of report.notes) lines.push('', `> ${escapeText(note)}`)
  if (report.diff) lines.push('', '```diff', report.diff.replace(/\n$/, ''), '```')
  return lines.join('\n') + '\n'
}

function imageSourceText(report: DoneReport): string {
  const created = report.repositoryCreated ? ', repository created' : ''
  switch (report.imageSource) {
    case 'built':
      return ` (built and pushed${created})`
    case 'reused':
      return ` (tag already in the registry, not rebuilt${created})`
    case 'promoted':
      return ' (promoted, not rebuilt)'
    case 'planned':
      return ' (would be built and pushed)'
  }
}

function resultText(report: DoneReport): string {
  if (report.dryRun) return 'dry run: nothing was changed'
  const link = report.pullRequestUrl
    ? ` [#${report.pullRequestNumber}](${report.pullRequestUrl})`
    : report.commitSha
      ? ` \`${report.commitSha.slice(0, 7)}\``
      : ''
  const newer = report.supersededBy ? ` (${report.supersededBy})` : ''
  return `${OPERATION_TEXT[report.operation]}${link}${newer}`
}

/** Keeps user-controlled text from turning into Markdown structure or HTML. */
function escapeText(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
}
