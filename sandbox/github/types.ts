/**
 * The GitHub simulator contract, shared by the GitOps, changed-files, end-to-end, demo and
 * benchmark code. Keep it stable: several modules are written against it.
 */

export interface SimTokenSeed {
  /** Value in `Authorization: token X` or `Bearer X`. */
  token: string
  /** e.g. 'gitops-bot[bot]' or 'alice'. */
  login: string
  /** app/actions → commits verified; pat → verification.verified false, reason 'unsigned'. */
  kind: 'app' | 'actions' | 'pat'
  /** 'owner/name' visible to this token; default all. Invisible → 404 Not Found. */
  repos?: string[]
  /**
   * Default write/write when omitted. A permission left out of a given object is missing:
   * 403 "Resource not accessible by integration" (or "… by personal access token" for a pat)
   * with header x-accepted-github-permissions, e.g. 'contents=write'.
   */
  permissions?: { contents?: 'read' | 'write'; pull_requests?: 'read' | 'write' }
  /** false (kind actions) → POST /pulls 403 "GitHub Actions is not permitted to create or approve pull requests." */
  canCreatePullRequests?: boolean
}

export interface SimRepoSeed {
  owner: string
  name: string
  /** Default 'main'. */
  defaultBranch?: string
  /** Path → UTF-8 text content of the initial commit (may be thousands of files). */
  files: Record<string, string>
  /** Default false. */
  allowAutoMerge?: boolean
  private?: boolean
  /**
   * Simulator extension: pull requests report `mergeable_state: 'clean'` (nothing pending), so
   * GraphQL `enablePullRequestAutoMerge` fails with "Pull request Pull request is in clean status".
   */
  cleanStatus?: boolean
  /**
   * Simulator extension: logins that may be asked for a review. When set, anyone else gets 422
   * "Reviews may only be requested from collaborators…". When unset, every login is a collaborator.
   */
  collaborators?: string[]
}

export interface SimFault {
  /** e.g. 'POST'; omitted = any. */
  method?: string
  /** Matched against the DECODED path without query and without the prefix, e.g. '/repos/acme/gitops/pulls'. */
  path: string | RegExp
  /**
   * Respond with this status (body: GitHub-shaped error). On '/graphql', status 200 answers a
   * GraphQL error instead: `{data: null, errors: [{type, message}]}`.
   */
  status?: number
  /** Error body message (e.g. 'You have exceeded a secondary rate limit...'). */
  message?: string
  /** e.g. { 'retry-after': '1' } */
  headers?: Record<string, string>
  /** Wait before answering (or before the fault). */
  delayMs?: number
  /** Destroy the socket (connection reset). */
  reset?: boolean
  /** How many matching requests it applies to (default 1). */
  times?: number
  /** Skip this many matching requests first (default 0). */
  after?: number
}

export interface SimRequest {
  method: string
  path: string
  query: string
  /** 0 when the connection was reset by a fault. */
  status: number
  token?: string
  body?: unknown
}

export interface SimPull {
  number: number
  state: 'open' | 'closed'
  merged: boolean
  title: string
  body: string
  head: string
  base: string
  draft: boolean
  labels: string[]
  reviewers: string[]
  teamReviewers: string[]
  autoMerge: null | { mergeMethod: string }
  comments: string[]
  user: string
}

/** A submitted review's state (a pending review is never listed to others). */
export type SimReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'

export interface SimCommit {
  sha: string
  message: string
  parents: string[]
  /** path → blob sha (materialised on first access: repositories can hold 100,000 files). */
  tree: Record<string, string>
  author: { name: string; email: string; date: string }
  committer: { name: string; email: string; date: string }
  verified: boolean
  login: string
}

export interface GitHubSimulator {
  /** REST base URL, e.g. http://127.0.0.1:PORT or http://127.0.0.1:PORT/api/v3 (apiPrefix). */
  url: string
  /** http://127.0.0.1:PORT/graphql or .../api/graphql. */
  graphqlUrl: string
  /** Every request, in order. */
  requests: SimRequest[]
  inject(fault: SimFault): void
  clearFaults(): void
  addToken(t: SimTokenSeed): void
  // state inspection / setup (synchronous, no HTTP); an unknown repository throws (a test bug)
  branchSha(repo: string, branch: string): string | undefined
  /** ref = branch or commit sha. */
  fileAt(repo: string, ref: string, path: string): string | undefined
  commit(repo: string, sha: string): SimCommit | undefined
  /**
   * Newest first, back to (excluding) `since`: the commits reachable from the branch and not from
   * `since` (git's `since..branch`). Without `since` (or with an unknown one), the whole history.
   */
  commitsOn(repo: string, branch: string, since?: string): SimCommit[]
  pulls(repo: string): SimPull[]
  /**
   * Simulator extension: `login` submits a review of the pull request, listed by
   * GET /pulls/{n}/reviews. As on GitHub, `login` leaves the PR's requested reviewers; `team`
   * (a slug) names the requested team on whose behalf they review, which leaves the requested
   * teams (the simulator has no team membership). The PR's author may only comment. Returns the
   * review id; an unknown pull request throws.
   */
  submitReview(
    repo: string,
    pullNumber: number,
    login: string,
    state: SimReviewState,
    opts?: { body?: string; team?: string }
  ): number
  /** A "human" commit; null deletes a file; returns the sha. */
  pushCommit(
    repo: string,
    branch: string,
    files: Record<string, string | null>,
    opts?: { message?: string; login?: string; createBranchFrom?: string }
  ): string
  /** Fixed per-request latency (benchmarks). */
  setLatency(ms: number): void
  stop(): Promise<void>
}

export interface SimOptions {
  repos: SimRepoSeed[]
  tokens?: SimTokenSeed[]
  apiPrefix?: '' | '/api/v3'
  latencyMs?: number
  port?: number
  secondaryRateLimit?: { writesPerMinute: number; clock?: () => number }
  /** Simulator extension: time source for commit and pull request dates (default Date.now). */
  clock?: () => number
}
