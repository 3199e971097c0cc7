/**
 * The secret scan every runner-level scenario runs: no secret may appear in what the action
 * printed or wrote, or in what it sent to GitHub (file contents included, which travel base64).
 * `::add-mask::` commands are the one place a secret is meant to be: the runner consumes them and
 * never shows them.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { GitHubSimulator, SimRequest } from '../../sandbox/github/index.js'

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

/**
 * The branches of `repo` a scan reads: main, every pull request's head and every branch a request
 * to the simulator created (a POST with a `ref`), whether or not it still exists.
 */
export function simulatorBranches(sim: GitHubSimulator, repo: string): string[] {
  return [
    ...new Set(['main', ...sim.pulls(repo).map((pull) => pull.head), ...branchesCreated(sim)])
  ]
}

/** The branches requests to the simulator asked it to create (a POST with a `ref`), in order. */
export function branchesCreated(sim: GitHubSimulator): string[] {
  const branches = new Set<string>()
  for (const request of sim.requests) {
    const body = request.body as { ref?: unknown } | undefined
    if (request.method === 'POST' && typeof body?.ref === 'string') {
      branches.add(body.ref.replace(/^refs\/heads\//, ''))
    }
  }
  return [...branches]
}

/** Every file on `branch` of `repo` as text, keyed `repo@branch:path` ({} if the branch is gone). */
export function filesOnBranch(
  sim: GitHubSimulator,
  repo: string,
  branch: string
): Record<string, string> {
  const texts: Record<string, string> = {}
  const tip = sim.branchSha(repo, branch)
  if (tip === undefined) return texts
  for (const file of Object.keys(sim.commit(repo, tip)?.tree ?? {})) {
    texts[`${repo}@${branch}:${file}`] = sim.fileAt(repo, tip, file) ?? ''
  }
  return texts
}

/** PR titles, bodies and comments, every commit message and every file on every branch. */
export function simulatorState(sim: GitHubSimulator, repo: string): Record<string, string> {
  const texts: Record<string, string> = {}
  texts[`${repo} pull requests`] = JSON.stringify(sim.pulls(repo))
  for (const branch of simulatorBranches(sim, repo)) {
    if (sim.branchSha(repo, branch) === undefined) continue
    texts[`${repo}@${branch} commits`] = sim
      .commitsOn(repo, branch)
      .map((commit) => commit.message)
      .join('\n---\n')
    Object.assign(texts, filesOnBranch(sim, repo, branch))
  }
  return texts
}

/**
 * Every request sent to the simulator, one a line: method, path, query string, JSON body and the
 * body's base64 file contents decoded (the Authorization header, where a token belongs, is left
 * out).
 */
export function requestTexts(requests: readonly SimRequest[]): string {
  return requests
    .map(({ method, path: requestPath, query, body }) =>
      [method, requestPath, query, JSON.stringify(body ?? null), decodedContents(body)].join(' ')
    )
    .join('\n')
}

/**
 * The base64 `content` fields of a request body, decoded (file contents sent to GitHub: the REST
 * contents API's `content`, GraphQL `fileChanges.additions[].contents`).
 */
export function decodedContents(body: unknown): string {
  const found: string[] = []
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (/content/i.test(key)) found.push(Buffer.from(value, 'base64').toString('utf8'))
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key)
    } else if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) walk(item, name)
    }
  }
  walk(body, '')
  return found.join('\n')
}

function mask(secret: string): string {
  return `${secret.slice(0, 3)}…(${secret.length} chars)`
}
