/**
 * The demo's pure parts: how the action's log is shown, how a text block is laid out, and the
 * check that decides whether the bump is the one-line change it must be.
 */
import { countChangedLines } from '../../src/diff.js'

/**
 * One line of the action's stdout as a reader wants it: workflow commands turned into words,
 * masks and debug lines left out (a runner never shows them either), or undefined to hide it.
 */
export function renderActionLine(line: string): string | undefined {
  const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
  if (!command) return `  | ${line}`
  const [, name, rawMessage] = command
  const message = rawMessage.replace(/%0D/g, '').replace(/%0A/g, '\n    ').replace(/%25/g, '%')
  switch (name) {
    case 'group':
      return `  > ${message}`
    case 'error':
      return `  | error: ${message}`
    case 'warning':
      return `  | warning: ${message}`
    case 'notice':
      return `  | notice: ${message}`
    default:
      // add-mask, debug, endgroup, set-output, …: nothing a person reads.
      return undefined
  }
}

/** Splits streamed chunks into whole lines; `flush` hands over an unterminated last line. */
export function lineSplitter(onLine: (line: string) => void): {
  push(chunk: string): void
  flush(): void
} {
  let pending = ''
  return {
    push(chunk) {
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) onLine(line.replace(/\r$/, ''))
    },
    flush() {
      if (pending !== '') onLine(pending)
      pending = ''
    }
  }
}

/** `text` with every line indented by `prefix` (and no trailing blank line). */
export function indent(text: string, prefix = '    '): string {
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' ? prefix.trimEnd() : prefix + line))
    .join('\n')
}

/** `name  value` rows with the values aligned; empty values show as `(empty)`. */
export function table(rows: readonly (readonly [string, string])[], prefix = '  '): string {
  const width = Math.max(0, ...rows.map(([name]) => name.length))
  return rows
    .map(([name, value]) => `${prefix}${name.padEnd(width)}  ${value === '' ? '(empty)' : value}`)
    .join('\n')
}

export interface BumpFacts {
  /** Exit code of `node dist/index.js` (null when it was killed). */
  readonly exitCode: number | null
  readonly valuesFile: string
  /** The pull request the outputs name, as the GitOps repository holds it. */
  readonly pull?: { readonly number: number; readonly state: string; readonly head: string }
  /** The values file on the base branch and on the bump branch. */
  readonly before?: string
  readonly after?: string
  /** Every path whose content differs between the base branch and the bump branch. */
  readonly changedFiles: readonly string[]
}

/** What is wrong with the bump; empty when it is exactly a one-line change in an open PR. */
export function checkBump(facts: BumpFacts): string[] {
  const problems: string[] = []
  if (facts.exitCode !== 0) {
    problems.push(`the action exited with ${facts.exitCode ?? 'a signal'}, not 0`)
  }
  if (!facts.pull) {
    problems.push('the outputs name no pull request in the GitOps repository')
    return problems
  }
  if (facts.pull.state !== 'open') {
    problems.push(`pull request #${facts.pull.number} is ${facts.pull.state}, not open`)
  }
  const others = facts.changedFiles.filter((file) => file !== facts.valuesFile)
  if (others.length > 0) {
    problems.push(`the branch ${facts.pull.head} also changes ${others.join(', ')}`)
  }
  if (facts.before === undefined || facts.after === undefined) {
    problems.push(`${facts.valuesFile} is missing on the base or the bump branch`)
    return problems
  }
  const { removed, added } = countChangedLines(facts.before, facts.after)
  if (removed !== 1 || added !== 1) {
    problems.push(
      `${facts.valuesFile} changed by ${removed} removed and ${added} added lines, not exactly one line`
    )
  }
  return problems
}
