import { createHash } from 'node:crypto'
import { PersistentMap, type MapChange } from './hamt.js'

/** Name, email and ISO date of a commit author or committer. */
export interface GitIdentity {
  name: string
  email: string
  date: string
}

/** A commit as the simulator stores it. Trees are persistent maps from path to blob sha. */
export interface CommitObject {
  sha: string
  tree: PersistentMap
  /** Digest of the tree: 40-hex and stable, not git's tree-object id. */
  treeSha: string
  parents: string[]
  message: string
  author: GitIdentity
  committer: GitIdentity
  verified: boolean
  login: string
  /** 1 + the highest parent generation; lets ancestry walks stop early. */
  generation: number
  /** The canonical commit text that was hashed (also the verification payload). */
  payload: string
}

/** What a walk between two commits found, as `git rev-list base...head` would. */
export interface Ancestry {
  /** Best common ancestor, undefined when the histories are unrelated. */
  mergeBase?: string
  /** Reachable from head but not base, newest first. */
  ahead: CommitObject[]
  /** Reachable from base but not head, newest first. */
  behind: CommitObject[]
}

/** Git's blob id: sha1("blob <byte length>\0<bytes>"). */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8')
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

function gitDate(iso: string): string {
  return `${Math.floor(Date.parse(iso) / 1000)} +0000`
}

/** Max-heap of commits by generation, for the ancestry walk. */
class GenerationQueue {
  private readonly items: CommitObject[] = []

  get length(): number {
    return this.items.length
  }

  push(item: CommitObject): void {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (items[parent].generation >= items[i].generation) break
      ;[items[parent], items[i]] = [items[i], items[parent]]
      i = parent
    }
  }

  pop(): CommitObject | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length > 0 && last !== undefined) {
      items[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let best = i
        if (l < items.length && items[l].generation > items[best].generation) best = l
        if (r < items.length && items[r].generation > items[best].generation) best = r
        if (best === i) break
        ;[items[best], items[i]] = [items[i], items[best]]
        i = best
      }
    }
    return top
  }
}

const FROM_BASE = 1
const FROM_HEAD = 2
const STALE = 4

/** Blobs and commits of one repository. Objects are immutable once stored. */
export class ObjectStore {
  private readonly blobs = new Map<string, string>()
  private readonly commits = new Map<string, CommitObject>()

  /** Stores a text blob and returns its git id. */
  putBlob(content: string): string {
    const sha = blobSha(content)
    if (!this.blobs.has(sha)) this.blobs.set(sha, content)
    return sha
  }

  blob(sha: string): string | undefined {
    return this.blobs.get(sha)
  }

  commit(sha: string): CommitObject | undefined {
    return this.commits.get(sha)
  }

  /** A full sha, or an unambiguous prefix of at least 7 hex digits. */
  resolveCommit(shaOrPrefix: string): CommitObject | undefined {
    const exact = this.commits.get(shaOrPrefix)
    if (exact !== undefined || !/^[0-9a-f]{7,39}$/.test(shaOrPrefix)) return exact
    let found: CommitObject | undefined
    for (const [sha, commit] of this.commits) {
      if (!sha.startsWith(shaOrPrefix)) continue
      if (found !== undefined) return undefined
      found = commit
    }
    return found
  }

  createCommit(input: {
    tree: PersistentMap
    parents: string[]
    message: string
    author: GitIdentity
    committer: GitIdentity
    verified: boolean
    login: string
  }): CommitObject {
    const treeSha = input.tree.digest()
    const lines = [`tree ${treeSha}`]
    for (const parent of input.parents) lines.push(`parent ${parent}`)
    lines.push(`author ${input.author.name} <${input.author.email}> ${gitDate(input.author.date)}`)
    lines.push(
      `committer ${input.committer.name} <${input.committer.email}> ${gitDate(input.committer.date)}`
    )
    const payload = `${lines.join('\n')}\n\n${input.message}`
    const bytes = Buffer.from(payload, 'utf8')
    const sha = createHash('sha1').update(`commit ${bytes.length}\0`).update(bytes).digest('hex')
    const existing = this.commits.get(sha)
    if (existing !== undefined) return existing
    let generation = 1
    for (const parent of input.parents) {
      const p = this.commits.get(parent)
      if (p === undefined) throw new Error(`simulator bug: unknown parent ${parent}`)
      generation = Math.max(generation, p.generation + 1)
    }
    const commit: CommitObject = { ...input, sha, treeSha, generation, payload }
    this.commits.set(sha, commit)
    return commit
  }

  /**
   * Walks down from both commits in generation order, painting each commit with the side(s) it is
   * reachable from, and stops once only commonly reachable commits are left. Cost grows with the
   * distance to the merge base, not with the history's length.
   */
  ancestry(baseSha: string, headSha: string): Ancestry {
    const flags = new Map<string, number>()
    const queue = new GenerationQueue()
    const result: Ancestry = { ahead: [], behind: [] }
    const base = this.commits.get(baseSha)
    const head = this.commits.get(headSha)
    if (base === undefined || head === undefined) return result
    const mark = (commit: CommitObject, flag: number): void => {
      const old = flags.get(commit.sha)
      if (old === undefined) {
        flags.set(commit.sha, flag)
        queue.push(commit)
      } else {
        flags.set(commit.sha, old | flag)
      }
    }
    mark(base, FROM_BASE)
    mark(head, FROM_HEAD)
    let active = base === head ? 0 : 2
    if (base === head) result.mergeBase = base.sha
    while (queue.length > 0 && active > 0) {
      const commit = queue.pop()
      if (commit === undefined) break
      const flag = flags.get(commit.sha) ?? 0
      if ((flag & STALE) === 0) active--
      let propagate = flag
      if ((flag & (FROM_BASE | FROM_HEAD)) === (FROM_BASE | FROM_HEAD)) {
        if (result.mergeBase === undefined && (flag & STALE) === 0) result.mergeBase = commit.sha
        propagate = flag | STALE
      } else if (flag === FROM_HEAD) {
        result.ahead.push(commit)
      } else if (flag === FROM_BASE) {
        result.behind.push(commit)
      }
      for (const parentSha of commit.parents) {
        const parent = this.commits.get(parentSha)
        if (parent === undefined) continue
        const before = flags.get(parentSha)
        const wasActive = before !== undefined && (before & STALE) === 0
        mark(parent, propagate)
        const after = flags.get(parentSha) ?? 0
        const isActive = (after & STALE) === 0
        if (isActive && !wasActive) active++
        if (!isActive && wasActive) active--
      }
    }
    return result
  }

  /** Every commit reachable from `sha`, newest (highest generation) first. */
  history(sha: string): CommitObject[] {
    const out: CommitObject[] = []
    const seen = new Set<string>()
    const queue = new GenerationQueue()
    const start = this.commits.get(sha)
    if (start !== undefined) queue.push(start)
    seen.add(sha)
    for (let commit = queue.pop(); commit !== undefined; commit = queue.pop()) {
      out.push(commit)
      for (const parentSha of commit.parents) {
        const parent = this.commits.get(parentSha)
        if (parent === undefined || seen.has(parentSha)) continue
        seen.add(parentSha)
        queue.push(parent)
      }
    }
    return out
  }

  /** True when `ancestorSha` is `sha` or one of its ancestors. */
  isAncestor(ancestorSha: string, sha: string): boolean {
    return this.ancestry(ancestorSha, sha).behind.length === 0 && this.commits.has(ancestorSha)
  }
}

/** Line counts of a text change, as GitHub reports them per file. */
export function lineStats(before: string, after: string): { additions: number; deletions: number } {
  const a = splitLines(before)
  const b = splitLines(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const n = endA - start
  const m = endB - start
  if (n === 0 || m === 0) return { additions: m, deletions: n }
  let common: number
  if (n * m <= 4_000_000) {
    // Longest common subsequence, one row at a time.
    let prev = new Int32Array(m + 1)
    let row = new Int32Array(m + 1)
    for (let i = 1; i <= n; i++) {
      for (let j = 1; j <= m; j++) {
        row[j] =
          a[start + i - 1] === b[start + j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1])
      }
      ;[prev, row] = [row, prev]
    }
    common = prev[m]
  } else {
    // Huge rewrites: count lines common to both sides as a multiset (an upper bound of the LCS).
    const counts = new Map<string, number>()
    for (let i = start; i < endA; i++) counts.set(a[i], (counts.get(a[i]) ?? 0) + 1)
    common = 0
    for (let j = start; j < endB; j++) {
      const c = counts.get(b[j]) ?? 0
      if (c > 0) {
        common++
        counts.set(b[j], c - 1)
      }
    }
  }
  return { additions: m - common, deletions: n - common }
}

function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** One file of a tree diff, with renames (same blob removed at one path, added at another) paired. */
export interface FileChange {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed'
  previousFilename?: string
  before?: string
  after?: string
}

export function fileChanges(from: PersistentMap, to: PersistentMap): FileChange[] {
  const raw: MapChange[] = from.diff(to)
  const removedByBlob = new Map<string, MapChange[]>()
  for (const change of raw) {
    if (change.after !== undefined || change.before === undefined) continue
    const list = removedByBlob.get(change.before) ?? []
    list.push(change)
    removedByBlob.set(change.before, list)
  }
  const renamedFrom = new Set<string>()
  const out: FileChange[] = []
  for (const change of raw) {
    if (change.before === undefined && change.after !== undefined) {
      const candidates = removedByBlob.get(change.after)
      const source = candidates?.shift()
      if (source !== undefined) {
        renamedFrom.add(source.key)
        out.push({
          filename: change.key,
          status: 'renamed',
          previousFilename: source.key,
          before: source.before,
          after: change.after
        })
        continue
      }
      out.push({ filename: change.key, status: 'added', after: change.after })
    } else if (change.before !== undefined && change.after !== undefined) {
      out.push({
        filename: change.key,
        status: 'modified',
        before: change.before,
        after: change.after
      })
    }
  }
  for (const change of raw) {
    if (change.after === undefined && !renamedFrom.has(change.key)) {
      out.push({ filename: change.key, status: 'removed', before: change.before })
    }
  }
  out.sort((x, y) => (x.filename < y.filename ? -1 : x.filename > y.filename ? 1 : 0))
  return out
}
