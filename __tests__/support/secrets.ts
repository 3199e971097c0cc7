/**
 * The secret scan every runner-level scenario runs: no secret may appear in what the action
 * printed or wrote. `::add-mask::` commands are the one place a secret is meant to be: the runner
 * consumes them and never shows them.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export interface Leak {
  secret: string
  where: string
}

/** Texts (by name) in which any of `secrets` appears outside `::add-mask::` lines. */
export function findLeaks(texts: Record<string, string>, secrets: readonly string[]): Leak[] {
  const leaks: Leak[] = []
  for (const [where, text] of Object.entries(texts)) {
    const visible = text
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
    for (const secret of secrets) {
      if (secret.length >= 6 && visible.includes(secret))
        leaks.push({ secret: mask(secret), where })
    }
  }
  return leaks
}

/** Every regular file under `dir` (recursively) as text, keyed by path, for leftover scans. */
export function filesUnder(dir: string): Record<string, string> {
  const texts: Record<string, string> = {}
  if (!existsSync(dir)) return texts
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder)) {
      const full = path.join(folder, entry)
      const stat = lstatSync(full)
      if (stat.isDirectory()) walk(full)
      else if (stat.isFile() && stat.size < 10 * 1024 * 1024)
        texts[full] = readFileSync(full, 'latin1')
    }
  }
  walk(dir)
  return texts
}

function mask(secret: string): string {
  return `${secret.slice(0, 3)}…(${secret.length} chars)`
}
