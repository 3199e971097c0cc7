import { PersistentMap } from './hamt.js'
import { ObjectStore, type CommitObject, type GitIdentity } from './git.js'
import type { SimCommit, SimPull, SimRepoSeed, SimTokenSeed } from './types.js'

/** Who is making a request, resolved from its token. */
export interface Actor {
  login: string
  kind: SimTokenSeed['kind'] | 'anonymous'
  token?: string
  /** Lower-cased 'owner/name' the token may see; undefined = all. */
  repos?: Set<string>
  contents: 'none' | 'read' | 'write'
  pullRequests: 'none' | 'read' | 'write'
  canCreatePullRequests: boolean
}

export function actorFromSeed(seed: SimTokenSeed): Actor {
  const permissions = seed.permissions
  return {
    login: seed.login,
    kind: seed.kind,
    token: seed.token,
    repos: seed.repos && new Set(seed.repos.map((r) => r.toLowerCase())),
    contents: permissions === undefined ? 'write' : (permissions.contents ?? 'none'),
    pullRequests: permissions === undefined ? 'write' : (permissions.pull_requests ?? 'none'),
    canCreatePullRequests: seed.canCreatePullRequests ?? true
  }
}

/** GitHub's 403 text for a token that lacks a permission. */
export function notAccessibleMessage(actor: Actor): string {
  return actor.kind === 'pat'
    ? 'Resource not accessible by personal access token'
    : 'Resource not accessible by integration'
}

/** A stable positive id per login, so users look the same in every response. */
export function userId(login: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < login.length; i++) {
    h ^= login.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) % 100_000_000 || 1
}

export function noreplyEmail(login: string): string {
  return `${userId(login)}+${login}@users.noreply.github.com`
}

/** GitHub's timestamp style: ISO 8601 in UTC, whole seconds. */
export function isoTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

export interface LabelState {
  id: number
  name: string
  color: string
  description: string | null
}

export interface CommentState {
  id: number
  issueNumber: number
  body: string
  user: string
  createdAt: string
  updatedAt: string
}

export interface PullState {
  id: number
  number: number
  state: 'open' | 'closed'
  merged: boolean
  mergedAt: string | null
  mergedBy: string | null
  mergeCommitSha: string | null
  title: string
  body: string
  head: string
  base: string
  draft: boolean
  maintainerCanModify: boolean
  /** Label names, lower-cased keys into the repository's labels, in the order they were added. */
  labels: string[]
  reviewers: string[]
  teamReviewers: string[]
  autoMerge: null | { mergeMethod: 'merge' | 'squash' | 'rebase'; enabledBy: string; at: string }
  user: string
  createdAt: string
  updatedAt: string
  closedAt: string | null
  /** Head and base shas when the pull request was last open (a deleted branch has none). */
  lastHeadSha: string
  lastBaseSha: string
}

export interface ReviewState {
  id: number
  pullNumber: number
  user: string
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'
  body: string
  submittedAt: string
  /** The head of the pull request when the review was submitted. */
  commitId: string
}

/** Changes to apply to a tree: path → new text, or null to delete. */
export type FileEdits = Record<string, string | null>

/** Commit metadata a writer supplies. */
export interface CommitMeta {
  message: string
  author: GitIdentity
  committer: GitIdentity
  verified: boolean
  login: string
}

export class RepoState {
  readonly store = new ObjectStore()
  /** 'heads/main' → sha, 'tags/v1' → sha. */
  readonly refs = new Map<string, string>()
  readonly pulls = new Map<number, PullState>()
  /** Lower-cased name → label. */
  readonly labels = new Map<string, LabelState>()
  readonly comments = new Map<number, CommentState[]>()
  /** Pull request number → submitted reviews, oldest first. */
  readonly reviews = new Map<number, ReviewState[]>()
  nextNumber = 1
  readonly fullName: string
  readonly defaultBranch: string
  readonly private: boolean
  readonly allowAutoMerge: boolean
  readonly cleanStatus: boolean
  readonly collaborators?: Set<string>
  readonly createdAt: string
  pushedAt: string
  updatedAt: string

  constructor(
    readonly id: number,
    readonly owner: string,
    readonly name: string,
    seed: SimRepoSeed,
    private readonly world: World
  ) {
    this.fullName = `${owner}/${name}`
    this.defaultBranch = seed.defaultBranch ?? 'main'
    this.private = seed.private ?? false
    this.allowAutoMerge = seed.allowAutoMerge ?? false
    this.cleanStatus = seed.cleanStatus ?? false
    this.collaborators =
      seed.collaborators && new Set(seed.collaborators.map((c) => c.toLowerCase()))
    this.createdAt = world.now()
    this.pushedAt = this.createdAt
    this.updatedAt = this.createdAt
    const tree = PersistentMap.from(
      Object.entries(seed.files).map(([path, text]) => [path, this.store.putBlob(text)])
    )
    const identity = { name: owner, email: noreplyEmail(owner), date: this.createdAt }
    const root = this.store.createCommit({
      tree,
      parents: [],
      message: 'Initial commit',
      author: identity,
      committer: identity,
      verified: false,
      login: owner
    })
    this.refs.set(`heads/${this.defaultBranch}`, root.sha)
  }

  branchSha(branch: string): string | undefined {
    return this.refs.get(`heads/${branch}`)
  }

  /** A branch name, `refs/heads/x`, `heads/x`, a tag, a full sha or a unique prefix of 7+. */
  resolve(ref: string): CommitObject | undefined {
    const name = ref.startsWith('refs/') ? ref.slice(5) : ref
    const direct =
      this.refs.get(name) ?? this.refs.get(`heads/${name}`) ?? this.refs.get(`tags/${name}`)
    if (direct !== undefined) return this.store.commit(direct)
    return this.store.resolveCommit(ref)
  }

  /** The tree of `parent` with `edits` applied. */
  editTree(tree: PersistentMap, edits: FileEdits): PersistentMap {
    let next = tree
    for (const [path, text] of Object.entries(edits)) {
      next = text === null ? next.delete(path) : next.set(path, this.store.putBlob(text))
    }
    return next
  }

  /** Makes a commit on top of `branch` and moves the branch to it. */
  commitOnBranch(branch: string, edits: FileEdits, meta: CommitMeta): CommitObject {
    const parentSha = this.branchSha(branch)
    const parent = parentSha === undefined ? undefined : this.store.commit(parentSha)
    if (parent === undefined) throw new Error(`simulator: branch ${branch} does not exist`)
    const commit = this.store.createCommit({
      ...meta,
      tree: this.editTree(parent.tree, edits),
      parents: [parent.sha]
    })
    this.setRef(`heads/${branch}`, commit.sha)
    return commit
  }

  setRef(name: string, sha: string): void {
    this.refs.set(name, sha)
    this.pushedAt = this.world.now()
  }

  /** Deletes a ref; a deleted branch closes the open pull requests that use it, as GitHub does. */
  deleteRef(name: string): void {
    this.refs.delete(name)
    if (!name.startsWith('heads/')) return
    const branch = name.slice('heads/'.length)
    for (const pull of this.pulls.values()) {
      if (pull.state === 'open' && (pull.head === branch || pull.base === branch)) {
        this.closePull(pull)
      }
    }
  }

  headSha(pull: PullState): string {
    if (pull.state === 'open') return this.branchSha(pull.head) ?? pull.lastHeadSha
    return pull.lastHeadSha
  }

  baseSha(pull: PullState): string {
    if (pull.state === 'open') return this.branchSha(pull.base) ?? pull.lastBaseSha
    return pull.lastBaseSha
  }

  closePull(pull: PullState): void {
    pull.lastHeadSha = this.headSha(pull)
    pull.lastBaseSha = this.baseSha(pull)
    pull.state = 'closed'
    pull.autoMerge = null
    pull.closedAt = this.world.now()
    pull.updatedAt = pull.closedAt
  }

  openPull(input: {
    title: string
    body: string
    head: string
    base: string
    draft: boolean
    maintainerCanModify: boolean
    user: string
  }): PullState {
    const now = this.world.now()
    const pull: PullState = {
      ...input,
      id: this.world.nextId(),
      number: this.nextNumber++,
      state: 'open',
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      labels: [],
      reviewers: [],
      teamReviewers: [],
      autoMerge: null,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      lastHeadSha: this.branchSha(input.head) ?? '',
      lastBaseSha: this.branchSha(input.base) ?? ''
    }
    this.pulls.set(pull.number, pull)
    return pull
  }

  /** Adds labels by name (creating missing ones with GitHub's default colour) and returns all. */
  addLabels(pull: PullState, names: string[]): LabelState[] {
    for (const name of names) {
      const key = name.toLowerCase()
      if (!this.labels.has(key)) {
        this.labels.set(key, { id: this.world.nextId(), name, color: 'ededed', description: null })
      }
      if (!pull.labels.includes(key)) pull.labels.push(key)
    }
    pull.updatedAt = this.world.now()
    return this.labelsOf(pull)
  }

  labelsOf(pull: PullState): LabelState[] {
    return pull.labels.flatMap((key) => {
      const label = this.labels.get(key)
      return label === undefined ? [] : [label]
    })
  }

  addComment(issueNumber: number, body: string, user: string): CommentState {
    const now = this.world.now()
    const comment: CommentState = {
      id: this.world.nextId(),
      issueNumber,
      body,
      user,
      createdAt: now,
      updatedAt: now
    }
    const list = this.comments.get(issueNumber) ?? []
    list.push(comment)
    this.comments.set(issueNumber, list)
    return comment
  }

  /**
   * Records a submitted review. As on GitHub, the reviewer leaves the requested reviewers; so does
   * `team`, the requested team the review is given for (the simulator has no team membership).
   */
  addReview(
    pull: PullState,
    input: { user: string; state: ReviewState['state']; body: string; team?: string }
  ): ReviewState {
    const review: ReviewState = {
      id: this.world.nextId(),
      pullNumber: pull.number,
      user: input.user,
      state: input.state,
      body: input.body,
      submittedAt: this.world.now(),
      commitId: this.headSha(pull)
    }
    const list = this.reviews.get(pull.number) ?? []
    list.push(review)
    this.reviews.set(pull.number, list)
    const login = input.user.toLowerCase()
    pull.reviewers = pull.reviewers.filter((r) => r.toLowerCase() !== login)
    const team = input.team?.toLowerCase()
    if (team !== undefined) {
      pull.teamReviewers = pull.teamReviewers.filter((t) => t.toLowerCase() !== team)
    }
    pull.updatedAt = review.submittedAt
    return review
  }

  toSimPull(pull: PullState): SimPull {
    return {
      number: pull.number,
      state: pull.state,
      merged: pull.merged,
      title: pull.title,
      body: pull.body,
      head: pull.head,
      base: pull.base,
      draft: pull.draft,
      labels: this.labelsOf(pull).map((l) => l.name),
      reviewers: [...pull.reviewers],
      teamReviewers: [...pull.teamReviewers],
      autoMerge: pull.autoMerge && { mergeMethod: pull.autoMerge.mergeMethod },
      comments: (this.comments.get(pull.number) ?? []).map((c) => c.body),
      user: pull.user
    }
  }
}

export function toSimCommit(commit: CommitObject): SimCommit {
  let tree: Record<string, string> | undefined
  const result = {
    sha: commit.sha,
    message: commit.message,
    parents: [...commit.parents],
    author: { ...commit.author },
    committer: { ...commit.committer },
    verified: commit.verified,
    login: commit.login
  }
  // Materialising a 100,000-entry tree per commit would dominate benchmarks; do it on demand.
  Object.defineProperty(result, 'tree', {
    enumerable: true,
    get: () => (tree ??= Object.fromEntries(commit.tree.entries()))
  })
  return result as SimCommit
}

/** All repositories, tokens and id counters of one simulator. */
export class World {
  readonly repos = new Map<string, RepoState>()
  readonly tokens = new Map<string, Actor>()
  private lastId = 1_000_000

  constructor(readonly clock: () => number) {}

  now(): string {
    return isoTime(this.clock())
  }

  nextId(): number {
    return ++this.lastId
  }

  addRepo(seed: SimRepoSeed): RepoState {
    const repo = new RepoState(this.nextId(), seed.owner, seed.name, seed, this)
    this.repos.set(repo.fullName.toLowerCase(), repo)
    return repo
  }

  repo(fullName: string): RepoState | undefined {
    return this.repos.get(fullName.toLowerCase())
  }

  /** For the synchronous inspection API: unknown repositories are a test bug, so throw. */
  mustRepo(fullName: string): RepoState {
    const repo = this.repo(fullName)
    if (repo === undefined) throw new Error(`simulator: no repository ${fullName}`)
    return repo
  }
}
