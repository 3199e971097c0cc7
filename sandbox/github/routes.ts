import { fileChanges, lineStats, type CommitObject, type GitIdentity } from './git.js'
import { PersistentMap } from './hamt.js'
import { createHash, type Hash } from 'node:crypto'
import * as render from './render.js'
import type { Urls } from './render.js'
import {
  noreplyEmail,
  type Actor,
  type CommitMeta,
  type PullState,
  type RepoState,
  type World
} from './state.js'

type Json = Record<string, unknown>

/** An error response in GitHub's shape; routes throw it, the server renders it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly options: { docs?: string; errors?: Json[]; headers?: Record<string, string> } = {}
  ) {
    super(message)
  }
}

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** A non-JSON body (raw file contents). */
  text?: string
}

export interface RouteContext {
  world: World
  repo: RepoState
  actor: Actor
  urls: Urls
  params: string[]
  query: URLSearchParams
  body: unknown
  accept: string
}

/** What a route needs from the token, as GitHub's x-accepted-github-permissions names it. */
export type Need =
  | 'metadata'
  | 'contents:read'
  | 'contents:write'
  | 'pull_requests:read'
  | 'pull_requests:write'
  | 'issues_or_pull_requests:write'

export interface Route {
  method: string
  /** Matched against the decoded path after /repos/{owner}/{repo}. */
  pattern: RegExp
  need: Need
  docs: string
  handle(ctx: RouteContext): Reply
}

const DOCS = 'https://docs.github.com/rest'
const CONTENTS_DOCS = `${DOCS}/repos/contents#get-repository-content`
/** One megabyte: larger files come back without inline content, as on GitHub. */
const INLINE_CONTENT_LIMIT = 1024 * 1024
const COMPARE_FILE_LIMIT = 300
const COMPARE_COMMIT_LIMIT = 250

// ---------------------------------------------------------------------------------------------
// Request body helpers: GitHub answers schema problems with 422 "Invalid request.\n\n…".

function bodyObject(ctx: RouteContext): Json {
  if (ctx.body === undefined || ctx.body === null) return {}
  if (typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
    throw new HttpError(400, 'Problems parsing JSON')
  }
  return ctx.body as Json
}

function invalid(detail: string): HttpError {
  return new HttpError(422, `Invalid request.\n\n${detail}`)
}

function requiredString(body: Json, key: string): string {
  const value = optionalString(body, key)
  if (value === undefined) throw invalid(`"${key}" wasn't supplied.`)
  return value
}

function optionalString(body: Json, key: string): string | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') {
    throw invalid(`For 'properties/${key}', ${JSON.stringify(value)} is not a string.`)
  }
  return value
}

function optionalBoolean(body: Json, key: string): boolean | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') {
    throw invalid(`For 'properties/${key}', ${JSON.stringify(value)} is not a boolean.`)
  }
  return value
}

function optionalStringList(body: Json, key: string): string[] {
  const value = body[key]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw invalid(`For 'properties/${key}', ${JSON.stringify(value)} is not an array of strings.`)
  }
  return value as string[]
}

function optionalIdentity(body: Json, key: string, date: string): GitIdentity | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`For 'properties/${key}', ${JSON.stringify(value)} is not an object.`)
  }
  const v = value as Json
  if (typeof v.name !== 'string') throw invalid(`"name" wasn't supplied.`)
  if (typeof v.email !== 'string') throw invalid(`"email" wasn't supplied.`)
  return { name: v.name, email: v.email, date: typeof v.date === 'string' ? v.date : date }
}

function pageParams(
  query: URLSearchParams,
  defaultPerPage = 30
): { perPage: number; page: number } {
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? defaultPerPage) || 30))
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
  return { perPage, page }
}

/** GitHub's Link header for a paged list. */
function linkHeader(
  urls: Urls,
  path: string,
  query: URLSearchParams,
  page: number,
  lastPage: number
): Record<string, string> {
  const link = (p: number, rel: string): string => {
    const q = new URLSearchParams(query)
    q.set('page', String(p))
    return `<${urls.api}${path}?${q.toString()}>; rel="${rel}"`
  }
  const parts: string[] = []
  if (page > 1) parts.push(link(page - 1, 'prev'))
  if (page < lastPage) parts.push(link(page + 1, 'next'), link(lastPage, 'last'))
  if (page > 1) parts.push(link(1, 'first'))
  return parts.length === 0 ? {} : { link: parts.join(', ') }
}

function paged<T>(
  ctx: RouteContext,
  items: T[],
  path: string
): { items: T[]; headers: Record<string, string> } {
  const { perPage, page } = pageParams(ctx.query)
  const lastPage = Math.max(1, Math.ceil(items.length / perPage))
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: linkHeader(ctx.urls, path, ctx.query, page, lastPage)
  }
}

function repoPath(repo: RepoState): string {
  return `/repos/${repo.owner}/${repo.name}`
}

// ---------------------------------------------------------------------------------------------
// Commit authorship: who GitHub records, and whether it signs the commit.

/**
 * App and Actions tokens get GitHub-signed ("Verified") commits when author and committer are
 * left to GitHub; a personal access token's commits are unsigned.
 */
export function commitMeta(
  actor: Actor,
  message: string,
  now: string,
  custom: { author?: GitIdentity; committer?: GitIdentity } = {}
): CommitMeta {
  const self: GitIdentity = { name: actor.login, email: noreplyEmail(actor.login), date: now }
  const botSigned = actor.kind === 'app' || actor.kind === 'actions'
  if (custom.author === undefined && custom.committer === undefined) {
    return {
      message,
      author: self,
      committer: botSigned ? { name: 'GitHub', email: 'noreply@github.com', date: now } : self,
      verified: botSigned,
      login: actor.login
    }
  }
  const committer = custom.committer ?? custom.author ?? self
  return {
    message,
    author: custom.author ?? committer,
    committer,
    verified: false,
    login: actor.login
  }
}

// ---------------------------------------------------------------------------------------------
// Merging: a three-way tree merge, enough for mergeability and PUT /merge.

type MergeResult = { tree: PersistentMap; mergeBase: string } | 'conflict' | 'unrelated'

export function mergeTrees(repo: RepoState, baseSha: string, headSha: string): MergeResult {
  const mergeBaseSha = repo.store.ancestry(baseSha, headSha).mergeBase
  const base = repo.store.commit(baseSha)
  const head = repo.store.commit(headSha)
  const mergeBase = mergeBaseSha === undefined ? undefined : repo.store.commit(mergeBaseSha)
  if (base === undefined || head === undefined || mergeBase === undefined) return 'unrelated'
  const theirs = mergeBase.tree.diff(head.tree)
  const ours = new Map(mergeBase.tree.diff(base.tree).map((c) => [c.key, c.after]))
  let tree = base.tree
  for (const change of theirs) {
    if (ours.has(change.key) && ours.get(change.key) !== change.after) return 'conflict'
    tree = change.after === undefined ? tree.delete(change.key) : tree.set(change.key, change.after)
  }
  return { tree, mergeBase: mergeBase.sha }
}

export function pullDetails(repo: RepoState, p: PullState): render.PullDetails {
  const headSha = repo.headSha(p)
  const baseSha = repo.baseSha(p)
  const ancestry = repo.store.ancestry(baseSha, headSha)
  const mergeBase =
    ancestry.mergeBase === undefined ? undefined : repo.store.commit(ancestry.mergeBase)
  const head = repo.store.commit(headSha)
  let additions = 0
  let deletions = 0
  let changedFiles = 0
  if (mergeBase !== undefined && head !== undefined) {
    for (const change of fileChanges(mergeBase.tree, head.tree)) {
      const before = change.before === undefined ? '' : (repo.store.blob(change.before) ?? '')
      const after = change.after === undefined ? '' : (repo.store.blob(change.after) ?? '')
      const stats = lineStats(before, after)
      additions += stats.additions
      deletions += stats.deletions
      changedFiles++
    }
  }
  let mergeable: boolean | null = null
  let mergeableState = 'unknown'
  if (p.state === 'open') {
    const merged = mergeTrees(repo, baseSha, headSha)
    mergeable = typeof merged !== 'string'
    mergeableState = !mergeable
      ? 'dirty'
      : p.draft
        ? 'draft'
        : repo.cleanStatus
          ? 'clean'
          : 'blocked'
  }
  return {
    mergeable,
    mergeableState,
    commits: ancestry.ahead.length,
    additions,
    deletions,
    changedFiles
  }
}

// ---------------------------------------------------------------------------------------------
// Routes

function findPull(ctx: RouteContext): PullState {
  const pull = ctx.repo.pulls.get(Number(ctx.params[0]))
  if (pull === undefined) throw new HttpError(404, 'Not Found')
  return pull
}

function resolveOrThrow(repo: RepoState, ref: string, message: string): CommitObject {
  const commit = repo.resolve(ref)
  if (commit === undefined) throw new HttpError(404, message)
  return commit
}

/** Immediate children of a directory: scans the tree (directory listings are rare here). */
function listDirectory(
  repo: RepoState,
  tree: PersistentMap,
  dir: string
): { name: string; path: string; type: 'file' | 'dir'; sha: string; size: number }[] {
  const prefix = dir === '' ? '' : `${dir}/`
  const files = new Map<string, string>()
  // A stand-in for the subdirectory's tree id: a digest of what it holds.
  const dirs = new Map<string, Hash>()
  for (const [path, sha] of tree.entries()) {
    if (!path.startsWith(prefix)) continue
    const rest = path.slice(prefix.length)
    const slash = rest.indexOf('/')
    if (slash < 0) {
      files.set(rest, sha)
    } else {
      const name = rest.slice(0, slash)
      const hash = dirs.get(name) ?? createHash('sha1')
      dirs.set(name, hash.update(`${rest}\0${sha}\n`))
    }
  }
  const out: { name: string; path: string; type: 'file' | 'dir'; sha: string; size: number }[] = []
  for (const [name, hash] of dirs) {
    out.push({ name, path: prefix + name, type: 'dir', sha: hash.digest('hex'), size: 0 })
  }
  for (const [name, sha] of files) {
    const size = Buffer.byteLength(repo.store.blob(sha) ?? '', 'utf8')
    out.push({ name, path: prefix + name, type: 'file', sha, size })
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function normalisePath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '')
}

function fileCommitBody(
  ctx: RouteContext,
  path: string,
  branch: string,
  commit: CommitObject,
  blob: string | undefined
): Json {
  return {
    content:
      blob === undefined
        ? null
        : render.contentEntry(ctx.urls, ctx.repo, branch, path, {
            type: 'file',
            sha: blob,
            size: Buffer.byteLength(ctx.repo.store.blob(blob) ?? '', 'utf8')
          }),
    commit: render.gitCommit(ctx.urls, ctx.repo, commit)
  }
}

const getRepository: Route = {
  method: 'GET',
  pattern: /^$/,
  need: 'metadata',
  docs: `${DOCS}/repos/repos#get-a-repository`,
  handle: (ctx) => ({ status: 200, body: render.repository(ctx.urls, ctx.repo, ctx.actor) })
}

function refName(raw: string): string {
  return raw.replace(/^\/+/, '')
}

const getRef: Route = {
  method: 'GET',
  pattern: /^\/git\/ref\/(.+)$/,
  need: 'contents:read',
  docs: `${DOCS}/git/refs#get-a-reference`,
  handle(ctx) {
    const name = refName(ctx.params[0])
    const sha = ctx.repo.refs.get(name)
    if (sha === undefined) throw new HttpError(404, 'Not Found')
    return { status: 200, body: render.gitRef(ctx.urls, ctx.repo, name, sha) }
  }
}

function validRefName(name: string): boolean {
  return (
    // eslint-disable-next-line no-control-regex -- git forbids control characters in ref names
    !/[\s~^:?*[\\\x00-\x1f\x7f]/.test(name) &&
    !name.includes('..') &&
    !name.includes('//') &&
    !name.includes('@{') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    !name.endsWith('.lock') &&
    !name.split('/').some((part) => part.startsWith('.'))
  )
}

const createRef: Route = {
  method: 'POST',
  pattern: /^\/git\/refs$/,
  need: 'contents:write',
  docs: `${DOCS}/git/refs#create-a-reference`,
  handle(ctx) {
    const body = bodyObject(ctx)
    const ref = requiredString(body, 'ref')
    const sha = requiredString(body, 'sha')
    if (!ref.startsWith('refs/') || ref.split('/').length < 3) {
      throw new HttpError(
        422,
        'Reference name must contain at least three slash-separated components.'
      )
    }
    const name = ref.slice('refs/'.length)
    if (!validRefName(name)) throw new HttpError(422, `${ref} is not a valid ref name.`)
    if (ctx.repo.store.commit(sha) === undefined) throw new HttpError(422, 'Object does not exist')
    if (ctx.repo.refs.has(name)) throw new HttpError(422, 'Reference already exists')
    ctx.repo.setRef(name, sha)
    const json = render.gitRef(ctx.urls, ctx.repo, name, sha)
    return { status: 201, body: json, headers: { location: json.url as string } }
  }
}

const updateRef: Route = {
  method: 'PATCH',
  pattern: /^\/git\/refs\/(.+)$/,
  need: 'contents:write',
  docs: `${DOCS}/git/refs#update-a-reference`,
  handle(ctx) {
    const name = refName(ctx.params[0]).replace(/^refs\//, '')
    const body = bodyObject(ctx)
    const sha = requiredString(body, 'sha')
    const force = optionalBoolean(body, 'force') ?? false
    const current = ctx.repo.refs.get(name)
    if (current === undefined) throw new HttpError(422, 'Reference does not exist')
    if (ctx.repo.store.commit(sha) === undefined) throw new HttpError(422, 'Object does not exist')
    if (!force && !ctx.repo.store.isAncestor(current, sha)) {
      throw new HttpError(422, 'Update is not a fast forward')
    }
    ctx.repo.setRef(name, sha)
    return { status: 200, body: render.gitRef(ctx.urls, ctx.repo, name, sha) }
  }
}

const deleteRef: Route = {
  method: 'DELETE',
  pattern: /^\/git\/refs\/(.+)$/,
  need: 'contents:write',
  docs: `${DOCS}/git/refs#delete-a-reference`,
  handle(ctx) {
    const name = refName(ctx.params[0]).replace(/^refs\//, '')
    if (!ctx.repo.refs.has(name)) throw new HttpError(422, 'Reference does not exist')
    if (name === `heads/${ctx.repo.defaultBranch}`) {
      throw new HttpError(422, 'Cannot delete the default branch')
    }
    ctx.repo.deleteRef(name)
    return { status: 204 }
  }
}

const getGitCommit: Route = {
  method: 'GET',
  pattern: /^\/git\/commits\/([^/]+)$/,
  need: 'contents:read',
  docs: `${DOCS}/git/commits#get-a-commit-object`,
  handle(ctx) {
    const commit = ctx.repo.store.commit(ctx.params[0])
    if (commit === undefined) throw new HttpError(404, 'Not Found')
    return { status: 200, body: render.gitCommit(ctx.urls, ctx.repo, commit) }
  }
}

const getCommit: Route = {
  method: 'GET',
  pattern: /^\/commits\/(.+)$/,
  need: 'contents:read',
  docs: `${DOCS}/commits/commits#get-a-commit`,
  handle(ctx) {
    const ref = ctx.params[0]
    const commit = resolveOrThrow(ctx.repo, ref, `No commit found for SHA: ${ref}`)
    const parent =
      commit.parents.length === 0 ? undefined : ctx.repo.store.commit(commit.parents[0])
    const files = fileChanges(parent?.tree ?? PersistentMap.empty, commit.tree)
    const { perPage, page } = pageParams(ctx.query, COMPARE_FILE_LIMIT)
    const shown = files.slice((page - 1) * perPage, page * perPage)
    return { status: 200, body: render.commitInfo(ctx.urls, ctx.repo, commit, shown) }
  }
}

/**
 * List commits: `sha` (a branch, tag or commit; the default branch when absent) and paging. The
 * history comes newest first (by generation), so the first item is always the start commit.
 * Filters the simulator does not implement are refused rather than ignored.
 */
const listCommits: Route = {
  method: 'GET',
  pattern: /^\/commits$/,
  need: 'contents:read',
  docs: `${DOCS}/commits/commits#list-commits`,
  handle(ctx) {
    for (const filter of ['path', 'author', 'committer', 'since', 'until']) {
      if (ctx.query.has(filter)) {
        throw new HttpError(422, `The simulator does not implement the ${filter} filter.`)
      }
    }
    const start = ctx.query.get('sha') ?? ctx.repo.defaultBranch
    const head = resolveOrThrow(ctx.repo, start, `No commit found for SHA: ${start}`)
    const history = ctx.repo.store.history(head.sha)
    const { items, headers } = paged(ctx, history, `${repoPath(ctx.repo)}/commits`)
    return {
      status: 200,
      headers,
      body: items.map((commit) => render.commitInfo(ctx.urls, ctx.repo, commit))
    }
  }
}

const getContent: Route = {
  method: 'GET',
  pattern: /^\/contents(?:\/(.*))?$/,
  need: 'contents:read',
  docs: CONTENTS_DOCS,
  handle(ctx) {
    const path = normalisePath(ctx.params[0] ?? '')
    const ref = ctx.query.get('ref') ?? ctx.repo.defaultBranch
    const commit = ctx.repo.resolve(ref)
    if (commit === undefined) {
      throw new HttpError(404, `No commit found for the ref ${ref}`, {
        docs: 'https://docs.github.com/v3/repos/contents/'
      })
    }
    const blob = path === '' ? undefined : commit.tree.get(path)
    if (blob !== undefined) {
      const text = ctx.repo.store.blob(blob) ?? ''
      if (/application\/vnd\.github(\.v3)?\.raw/.test(ctx.accept)) {
        return { status: 200, text }
      }
      const size = Buffer.byteLength(text, 'utf8')
      const large = size > INLINE_CONTENT_LIMIT
      return {
        status: 200,
        body: {
          ...render.contentEntry(ctx.urls, ctx.repo, ref, path, { type: 'file', sha: blob, size }),
          content: large ? '' : render.wrappedBase64(text),
          encoding: large ? 'none' : 'base64'
        }
      }
    }
    const entries = listDirectory(ctx.repo, commit.tree, path)
    if (entries.length === 0) throw new HttpError(404, 'Not Found')
    return {
      status: 200,
      body: entries.map((e) => render.contentEntry(ctx.urls, ctx.repo, ref, e.path, e))
    }
  }
}

function decodeBase64(content: string): string {
  const compact = content.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw invalid('content is not valid Base64')
  return Buffer.from(compact, 'base64').toString('utf8')
}

const putContent: Route = {
  method: 'PUT',
  pattern: /^\/contents\/(.+)$/,
  need: 'contents:write',
  docs: `${DOCS}/repos/contents#create-or-update-file-contents`,
  handle(ctx) {
    const path = normalisePath(ctx.params[0])
    const body = bodyObject(ctx)
    const message = requiredString(body, 'message')
    const content = decodeBase64(requiredString(body, 'content'))
    const sha = optionalString(body, 'sha')
    const branch = optionalString(body, 'branch') ?? ctx.repo.defaultBranch
    const now = ctx.world.now()
    const author = optionalIdentity(body, 'author', now)
    const committer = optionalIdentity(body, 'committer', now)
    const headSha = ctx.repo.branchSha(branch)
    const head = headSha === undefined ? undefined : ctx.repo.store.commit(headSha)
    if (head === undefined) throw new HttpError(404, `Branch ${branch} not found`)
    const existing = head.tree.get(path)
    if (existing !== undefined) {
      if (sha === undefined) throw invalid(`"sha" wasn't supplied.`)
      if (sha !== existing) throw new HttpError(409, `${path} does not match ${sha}`)
    }
    // Identical content still makes a (no-change) commit, as GitHub does.
    const commit = ctx.repo.commitOnBranch(
      branch,
      { [path]: content },
      commitMeta(ctx.actor, message, now, { author, committer })
    )
    return {
      status: existing === undefined ? 201 : 200,
      body: fileCommitBody(ctx, path, branch, commit, commit.tree.get(path))
    }
  }
}

const deleteContent: Route = {
  method: 'DELETE',
  pattern: /^\/contents\/(.+)$/,
  need: 'contents:write',
  docs: `${DOCS}/repos/contents#delete-a-file`,
  handle(ctx) {
    const path = normalisePath(ctx.params[0])
    const body = bodyObject(ctx)
    const message = requiredString(body, 'message')
    const sha = requiredString(body, 'sha')
    const branch = optionalString(body, 'branch') ?? ctx.repo.defaultBranch
    const now = ctx.world.now()
    const author = optionalIdentity(body, 'author', now)
    const committer = optionalIdentity(body, 'committer', now)
    const headSha = ctx.repo.branchSha(branch)
    const head = headSha === undefined ? undefined : ctx.repo.store.commit(headSha)
    if (head === undefined) throw new HttpError(404, `Branch ${branch} not found`)
    const existing = head.tree.get(path)
    if (existing === undefined) throw new HttpError(404, 'Not Found')
    if (sha !== existing) throw new HttpError(409, `${path} does not match ${sha}`)
    const commit = ctx.repo.commitOnBranch(
      branch,
      { [path]: null },
      commitMeta(ctx.actor, message, now, { author, committer })
    )
    return { status: 200, body: fileCommitBody(ctx, path, branch, commit, undefined) }
  }
}

/** `owner:ref` (same repository only) or `ref`. */
function compareSide(repo: RepoState, side: string): string {
  const colon = side.indexOf(':')
  if (colon < 0) return side
  const owner = side.slice(0, colon)
  return owner.toLowerCase() === repo.owner.toLowerCase() ? side.slice(colon + 1) : side
}

const compare: Route = {
  method: 'GET',
  pattern: /^\/compare\/(.+)$/,
  need: 'contents:read',
  docs: `${DOCS}/commits/commits#compare-two-commits`,
  handle(ctx) {
    const basehead = ctx.params[0]
    const dots = basehead.indexOf('...')
    if (dots < 0) throw new HttpError(404, 'Not Found')
    const baseName = basehead.slice(0, dots)
    const headName = basehead.slice(dots + 3)
    const noAncestor = `No common ancestor between ${baseName} and ${headName}.`
    const base = resolveOrThrow(ctx.repo, compareSide(ctx.repo, baseName), noAncestor)
    const head = resolveOrThrow(ctx.repo, compareSide(ctx.repo, headName), noAncestor)
    const ancestry = ctx.repo.store.ancestry(base.sha, head.sha)
    const mergeBase =
      ancestry.mergeBase === undefined ? undefined : ctx.repo.store.commit(ancestry.mergeBase)
    if (mergeBase === undefined) throw new HttpError(404, noAncestor)
    const aheadBy = ancestry.ahead.length
    const behindBy = ancestry.behind.length
    const status =
      aheadBy > 0 && behindBy > 0
        ? 'diverged'
        : aheadBy > 0
          ? 'ahead'
          : behindBy > 0
            ? 'behind'
            : 'identical'
    const paging = ctx.query.has('page') || ctx.query.has('per_page')
    const { perPage, page } = paging
      ? pageParams(ctx.query)
      : { perPage: COMPARE_COMMIT_LIMIT, page: 1 }
    const oldestFirst = ancestry.ahead.slice().reverse()
    const commits = oldestFirst.slice((page - 1) * perPage, page * perPage)
    const files =
      page === 1 ? fileChanges(mergeBase.tree, head.tree).slice(0, COMPARE_FILE_LIMIT) : []
    const r = `${ctx.urls.api}${repoPath(ctx.repo)}`
    const html = `${ctx.urls.html}/${ctx.repo.fullName}`
    return {
      status: 200,
      headers: paging
        ? linkHeader(
            ctx.urls,
            `${repoPath(ctx.repo)}/compare/${basehead}`,
            ctx.query,
            page,
            Math.max(1, Math.ceil(aheadBy / perPage))
          )
        : {},
      body: {
        url: `${r}/compare/${encodeURIComponent(baseName)}...${encodeURIComponent(headName)}`,
        html_url: `${html}/compare/${encodeURIComponent(baseName)}...${encodeURIComponent(headName)}`,
        permalink_url: `${html}/compare/${ctx.repo.owner}:${base.sha}...${ctx.repo.owner}:${head.sha}`,
        diff_url: `${html}/compare/${encodeURIComponent(baseName)}...${encodeURIComponent(headName)}.diff`,
        patch_url: `${html}/compare/${encodeURIComponent(baseName)}...${encodeURIComponent(headName)}.patch`,
        base_commit: render.commitInfo(ctx.urls, ctx.repo, base),
        merge_base_commit: render.commitInfo(ctx.urls, ctx.repo, mergeBase),
        status,
        ahead_by: aheadBy,
        behind_by: behindBy,
        total_commits: aheadBy,
        commits: commits.map((c) => render.commitInfo(ctx.urls, ctx.repo, c)),
        files: files.map((f) => render.diffEntry(ctx.urls, ctx.repo, head.sha, f))
      }
    }
  }
}

const listPulls: Route = {
  method: 'GET',
  pattern: /^\/pulls$/,
  need: 'pull_requests:read',
  docs: `${DOCS}/pulls/pulls#list-pull-requests`,
  handle(ctx) {
    const state = ctx.query.get('state') ?? 'open'
    const head = ctx.query.get('head')
    const base = ctx.query.get('base')
    let pulls = [...ctx.repo.pulls.values()]
    if (state !== 'all') pulls = pulls.filter((p) => p.state === state)
    // A head without "owner:" is silently ignored, exactly as GitHub does.
    if (head !== null && head.includes(':')) {
      const owner = head.slice(0, head.indexOf(':')).toLowerCase()
      const branch = head.slice(head.indexOf(':') + 1)
      pulls = pulls.filter((p) => owner === ctx.repo.owner.toLowerCase() && p.head === branch)
    }
    if (base !== null && base !== '') pulls = pulls.filter((p) => p.base === base)
    const sort = ctx.query.get('sort') ?? 'created'
    const direction = ctx.query.get('direction') ?? (sort === 'created' ? 'desc' : 'desc')
    const key = (p: PullState): string => (sort === 'updated' ? p.updatedAt : p.createdAt)
    pulls.sort((a, b) => {
      const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number
      return direction === 'asc' ? order : -order
    })
    const { items, headers } = paged(ctx, pulls, `${repoPath(ctx.repo)}/pulls`)
    return { status: 200, headers, body: items.map((p) => render.pull(ctx.urls, ctx.repo, p)) }
  }
}

function validationFailed(errors: Json[]): HttpError {
  return new HttpError(422, 'Validation Failed', { errors })
}

const createPull: Route = {
  method: 'POST',
  pattern: /^\/pulls$/,
  need: 'pull_requests:write',
  docs: `${DOCS}/pulls/pulls#create-a-pull-request`,
  handle(ctx) {
    if (!ctx.actor.canCreatePullRequests) {
      throw new HttpError(
        403,
        'GitHub Actions is not permitted to create or approve pull requests.'
      )
    }
    const body = bodyObject(ctx)
    const title = optionalString(body, 'title')
    const headParam = requiredString(body, 'head')
    const base = requiredString(body, 'base')
    const text = optionalString(body, 'body') ?? ''
    const draft = optionalBoolean(body, 'draft') ?? false
    const maintainerCanModify = optionalBoolean(body, 'maintainer_can_modify') ?? true
    if (title === undefined || title === '') {
      throw validationFailed([{ resource: 'PullRequest', code: 'missing_field', field: 'title' }])
    }
    const colon = headParam.indexOf(':')
    const headOwner = colon < 0 ? ctx.repo.owner : headParam.slice(0, colon)
    const head = colon < 0 ? headParam : headParam.slice(colon + 1)
    const errors: Json[] = []
    if (ctx.repo.branchSha(base) === undefined) {
      errors.push({ resource: 'PullRequest', field: 'base', code: 'invalid' })
    }
    if (
      headOwner.toLowerCase() !== ctx.repo.owner.toLowerCase() ||
      ctx.repo.branchSha(head) === undefined
    ) {
      errors.push({ resource: 'PullRequest', field: 'head', code: 'invalid' })
    }
    if (errors.length > 0) throw validationFailed(errors)
    const existing = [...ctx.repo.pulls.values()].find(
      (p) => p.state === 'open' && p.head === head && p.base === base
    )
    if (existing !== undefined) {
      throw validationFailed([
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${ctx.repo.owner}:${head}.`
        }
      ])
    }
    const baseSha = ctx.repo.branchSha(base) ?? ''
    const headSha = ctx.repo.branchSha(head) ?? ''
    if (ctx.repo.store.ancestry(baseSha, headSha).ahead.length === 0) {
      throw validationFailed([
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `No commits between ${base} and ${headParam}`
        }
      ])
    }
    const pull = ctx.repo.openPull({
      title,
      body: text,
      head,
      base,
      draft,
      maintainerCanModify,
      user: ctx.actor.login
    })
    const json = render.pull(ctx.urls, ctx.repo, pull, {
      ...pullDetails(ctx.repo, pull),
      // GitHub computes mergeability in the background: a fresh pull request does not know yet.
      mergeable: null,
      mergeableState: 'unknown'
    })
    return { status: 201, body: json, headers: { location: json.url as string } }
  }
}

const getPull: Route = {
  method: 'GET',
  pattern: /^\/pulls\/(\d+)$/,
  need: 'pull_requests:read',
  docs: `${DOCS}/pulls/pulls#get-a-pull-request`,
  handle(ctx) {
    const pull = findPull(ctx)
    return {
      status: 200,
      body: render.pull(ctx.urls, ctx.repo, pull, pullDetails(ctx.repo, pull))
    }
  }
}

const updatePull: Route = {
  method: 'PATCH',
  pattern: /^\/pulls\/(\d+)$/,
  need: 'pull_requests:write',
  docs: `${DOCS}/pulls/pulls#update-a-pull-request`,
  handle(ctx) {
    const pull = findPull(ctx)
    const body = bodyObject(ctx)
    const title = optionalString(body, 'title')
    const text = optionalString(body, 'body')
    const state = optionalString(body, 'state')
    const base = optionalString(body, 'base')
    const maintainerCanModify = optionalBoolean(body, 'maintainer_can_modify')
    if (state !== undefined && state !== 'open' && state !== 'closed') {
      throw validationFailed([
        { resource: 'PullRequest', code: 'invalid', field: 'state', value: state }
      ])
    }
    if (base !== undefined && ctx.repo.branchSha(base) === undefined) {
      throw validationFailed([{ resource: 'PullRequest', code: 'invalid', field: 'base' }])
    }
    if (state === 'open' && pull.state === 'closed') {
      if (pull.merged || ctx.repo.branchSha(pull.head) === undefined) {
        throw validationFailed([
          {
            resource: 'PullRequest',
            code: 'custom',
            field: 'state',
            message: `state cannot be changed. The ${pull.head} branch has been deleted.`
          }
        ])
      }
      pull.state = 'open'
      pull.closedAt = null
    }
    if (title !== undefined) pull.title = title
    if (text !== undefined) pull.body = text
    if (base !== undefined) pull.base = base
    if (maintainerCanModify !== undefined) pull.maintainerCanModify = maintainerCanModify
    if (state === 'closed' && pull.state === 'open') ctx.repo.closePull(pull)
    pull.updatedAt = ctx.world.now()
    return {
      status: 200,
      body: render.pull(ctx.urls, ctx.repo, pull, pullDetails(ctx.repo, pull))
    }
  }
}

const mergePull: Route = {
  method: 'PUT',
  pattern: /^\/pulls\/(\d+)\/merge$/,
  need: 'contents:write',
  docs: `${DOCS}/pulls/pulls#merge-a-pull-request`,
  handle(ctx) {
    const pull = findPull(ctx)
    const body = bodyObject(ctx)
    const method = optionalString(body, 'merge_method') ?? 'merge'
    const expectedSha = optionalString(body, 'sha')
    const commitTitle = optionalString(body, 'commit_title')
    const commitMessage = optionalString(body, 'commit_message')
    if (method !== 'merge' && method !== 'squash' && method !== 'rebase') {
      throw validationFailed([
        { resource: 'PullRequest', code: 'invalid', field: 'merge_method', value: method }
      ])
    }
    if (pull.state !== 'open' || pull.draft) {
      throw new HttpError(405, 'Pull Request is not mergeable')
    }
    const headSha = ctx.repo.headSha(pull)
    const baseSha = ctx.repo.baseSha(pull)
    if (expectedSha !== undefined && expectedSha !== headSha) {
      throw new HttpError(409, 'Head branch was modified. Review and try the merge again.')
    }
    const merged = mergeTrees(ctx.repo, baseSha, headSha)
    if (typeof merged === 'string') throw new HttpError(405, 'Pull Request is not mergeable')
    const now = ctx.world.now()
    const signed = (message: string): CommitMeta => ({
      ...commitMeta(ctx.actor, message, now),
      committer: { name: 'GitHub', email: 'noreply@github.com', date: now },
      verified: true
    })
    let tip: CommitObject
    if (method === 'merge') {
      const title =
        commitTitle ?? `Merge pull request #${pull.number} from ${ctx.repo.owner}/${pull.head}`
      tip = ctx.repo.store.createCommit({
        ...signed(`${title}\n\n${commitMessage ?? pull.title}`),
        tree: merged.tree,
        parents: [baseSha, headSha]
      })
    } else if (method === 'squash') {
      const ahead = ctx.repo.store.ancestry(baseSha, headSha).ahead.slice().reverse()
      const title = commitTitle ?? `${pull.title} (#${pull.number})`
      const details = commitMessage ?? ahead.map((c) => `* ${c.message}`).join('\n\n')
      tip = ctx.repo.store.createCommit({
        ...signed(details === '' ? title : `${title}\n\n${details}`),
        tree: merged.tree,
        parents: [baseSha]
      })
    } else {
      // Rebase: replay each commit's own changes on top of the base, oldest first.
      const ahead = ctx.repo.store.ancestry(baseSha, headSha).ahead.slice().reverse()
      let current = ctx.repo.store.commit(baseSha)
      for (const c of ahead) {
        const parent = ctx.repo.store.commit(c.parents[0] ?? '')
        if (current === undefined || parent === undefined) break
        let tree = current.tree
        for (const change of parent.tree.diff(c.tree)) {
          tree =
            change.after === undefined
              ? tree.delete(change.key)
              : tree.set(change.key, change.after)
        }
        current = ctx.repo.store.createCommit({
          ...signed(c.message),
          author: c.author,
          tree,
          parents: [current.sha]
        })
      }
      if (current === undefined) throw new HttpError(405, 'Pull Request is not mergeable')
      tip = current
    }
    ctx.repo.setRef(`heads/${pull.base}`, tip.sha)
    pull.lastHeadSha = headSha
    pull.lastBaseSha = tip.sha
    pull.state = 'closed'
    pull.merged = true
    pull.mergedAt = now
    pull.closedAt = now
    pull.updatedAt = now
    pull.mergedBy = ctx.actor.login
    pull.mergeCommitSha = tip.sha
    pull.autoMerge = null
    return {
      status: 200,
      body: { sha: tip.sha, merged: true, message: 'Pull Request successfully merged' }
    }
  }
}

function labelNames(ctx: RouteContext): string[] {
  const raw: unknown = Array.isArray(ctx.body) ? ctx.body : bodyObject(ctx).labels
  if (!Array.isArray(raw)) throw invalid(`"labels" wasn't supplied.`)
  const names = raw.map((item: unknown) =>
    typeof item === 'string'
      ? item
      : typeof item === 'object' && item !== null && typeof (item as Json).name === 'string'
        ? ((item as Json).name as string)
        : undefined
  )
  if (names.some((n) => n === undefined || n.trim() === '')) {
    throw validationFailed([{ resource: 'Label', code: 'invalid', field: 'name' }])
  }
  return names as string[]
}

const addLabels: Route = {
  method: 'POST',
  pattern: /^\/issues\/(\d+)\/labels$/,
  need: 'issues_or_pull_requests:write',
  docs: `${DOCS}/issues/labels#add-labels-to-an-issue`,
  handle(ctx) {
    const pull = findPull(ctx)
    const labels = ctx.repo.addLabels(pull, labelNames(ctx))
    return { status: 200, body: labels.map((l) => render.label(ctx.urls, ctx.repo, l)) }
  }
}

const listLabels: Route = {
  method: 'GET',
  pattern: /^\/issues\/(\d+)\/labels$/,
  need: 'pull_requests:read',
  docs: `${DOCS}/issues/labels#list-labels-for-an-issue`,
  handle(ctx) {
    const pull = findPull(ctx)
    const labels = ctx.repo.labelsOf(pull)
    const { items, headers } = paged(
      ctx,
      labels,
      `${repoPath(ctx.repo)}/issues/${pull.number}/labels`
    )
    return { status: 200, headers, body: items.map((l) => render.label(ctx.urls, ctx.repo, l)) }
  }
}

const createComment: Route = {
  method: 'POST',
  pattern: /^\/issues\/(\d+)\/comments$/,
  need: 'issues_or_pull_requests:write',
  docs: `${DOCS}/issues/comments#create-an-issue-comment`,
  handle(ctx) {
    const pull = findPull(ctx)
    const text = requiredString(bodyObject(ctx), 'body')
    const comment = ctx.repo.addComment(pull.number, text, ctx.actor.login)
    const json = render.issueComment(ctx.urls, ctx.repo, comment)
    return { status: 201, body: json, headers: { location: json.url as string } }
  }
}

const listComments: Route = {
  method: 'GET',
  pattern: /^\/issues\/(\d+)\/comments$/,
  need: 'pull_requests:read',
  docs: `${DOCS}/issues/comments#list-issue-comments`,
  handle(ctx) {
    const pull = findPull(ctx)
    const comments = ctx.repo.comments.get(pull.number) ?? []
    const { items, headers } = paged(
      ctx,
      comments,
      `${repoPath(ctx.repo)}/issues/${pull.number}/comments`
    )
    return {
      status: 200,
      headers,
      body: items.map((c) => render.issueComment(ctx.urls, ctx.repo, c))
    }
  }
}

const requestReviewers: Route = {
  method: 'POST',
  pattern: /^\/pulls\/(\d+)\/requested_reviewers$/,
  need: 'pull_requests:write',
  docs: `${DOCS}/pulls/review-requests#request-reviewers-for-a-pull-request`,
  handle(ctx) {
    const pull = findPull(ctx)
    const body = bodyObject(ctx)
    const reviewers = optionalStringList(body, 'reviewers')
    const teams = optionalStringList(body, 'team_reviewers')
    if (reviewers.some((r) => r.toLowerCase() === pull.user.toLowerCase())) {
      throw new HttpError(422, 'Review cannot be requested from pull request author.')
    }
    const collaborators = ctx.repo.collaborators
    if (collaborators !== undefined && reviewers.some((r) => !collaborators.has(r.toLowerCase()))) {
      throw new HttpError(
        422,
        `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${ctx.repo.fullName} repository.`
      )
    }
    for (const r of reviewers) {
      if (!pull.reviewers.some((x) => x.toLowerCase() === r.toLowerCase())) pull.reviewers.push(r)
    }
    for (const t of teams) if (!pull.teamReviewers.includes(t)) pull.teamReviewers.push(t)
    pull.updatedAt = ctx.world.now()
    return { status: 201, body: render.pull(ctx.urls, ctx.repo, pull) }
  }
}

const listReviews: Route = {
  method: 'GET',
  pattern: /^\/pulls\/(\d+)\/reviews$/,
  need: 'pull_requests:read',
  docs: `${DOCS}/pulls/reviews#list-reviews-for-a-pull-request`,
  handle(ctx) {
    const pull = findPull(ctx)
    const reviews = ctx.repo.reviews.get(pull.number) ?? []
    const { items, headers } = paged(
      ctx,
      reviews,
      `${repoPath(ctx.repo)}/pulls/${pull.number}/reviews`
    )
    return { status: 200, headers, body: items.map((r) => render.review(ctx.urls, ctx.repo, r)) }
  }
}

/** Every REST route under /repos/{owner}/{repo}, most specific first. */
export const repoRoutes: Route[] = [
  getRepository,
  getRef,
  createRef,
  updateRef,
  deleteRef,
  getGitCommit,
  listCommits,
  getCommit,
  getContent,
  putContent,
  deleteContent,
  compare,
  listPulls,
  createPull,
  getPull,
  updatePull,
  mergePull,
  addLabels,
  listLabels,
  createComment,
  listComments,
  requestReviewers,
  listReviews
]
