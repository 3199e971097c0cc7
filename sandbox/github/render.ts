import type { CommitObject } from './git.js'
import { lineStats, type FileChange } from './git.js'
import {
  userId,
  type Actor,
  type CommentState,
  type LabelState,
  type PullState,
  type RepoState,
  type ReviewState
} from './state.js'

/** The simulator's two base URLs: the REST API (with any prefix) and the "web" host. */
export interface Urls {
  api: string
  html: string
}

type Json = Record<string, unknown>

function enc(segment: string): string {
  return encodeURIComponent(segment)
}

/** Paths keep their slashes; every segment is escaped. */
function encPath(path: string): string {
  return path.split('/').map(enc).join('/')
}

function nodeId(prefix: string, ...parts: (string | number)[]): string {
  return `${prefix}_kwDO${Buffer.from(parts.join(':')).toString('base64url')}`
}

export function pullNodeId(repo: RepoState, number: number): string {
  return nodeId('PR', repo.id, number)
}

export function repoNodeId(repo: RepoState): string {
  return nodeId('R', repo.id)
}

/** The inverse of the node ids above, for GraphQL `node(id:)`. */
export function parseNodeId(id: string): { type: string; parts: string[] } | undefined {
  const match = /^([A-Z]+)_kwDO([A-Za-z0-9_-]+)$/.exec(id)
  if (match === null) return undefined
  return { type: match[1], parts: Buffer.from(match[2], 'base64url').toString('utf8').split(':') }
}

export function user(urls: Urls, login: string, type?: 'User' | 'Bot' | 'Organization'): Json {
  const id = userId(login)
  const u = `${urls.api}/users/${enc(login)}`
  const kind = type ?? (login.endsWith('[bot]') ? 'Bot' : 'User')
  return {
    login,
    id,
    node_id: nodeId(kind === 'Bot' ? 'BOT' : 'U', id),
    avatar_url: `${urls.html}/avatars/u/${id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${urls.html}/${enc(login)}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: kind,
    user_view_type: 'public',
    site_admin: false
  }
}

/**
 * A repository in the `repository`/`full-repository` shapes. Merge settings are only shown to a
 * token that can write contents, as GitHub does, so `allow_auto_merge` may be absent.
 */
export function repository(urls: Urls, repo: RepoState, actor?: Actor): Json {
  const r = `${urls.api}/repos/${enc(repo.owner)}/${enc(repo.name)}`
  const html = `${urls.html}/${enc(repo.owner)}/${enc(repo.name)}`
  const host = new URL(urls.html).host
  const openIssues = [...repo.pulls.values()].filter((p) => p.state === 'open').length
  const body: Json = {
    id: repo.id,
    node_id: repoNodeId(repo),
    name: repo.name,
    full_name: repo.fullName,
    owner: user(urls, repo.owner, 'Organization'),
    private: repo.private,
    html_url: html,
    description: null,
    fork: false,
    url: r,
    archive_url: `${r}/{archive_format}{/ref}`,
    assignees_url: `${r}/assignees{/user}`,
    blobs_url: `${r}/git/blobs{/sha}`,
    branches_url: `${r}/branches{/branch}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    comments_url: `${r}/comments{/number}`,
    commits_url: `${r}/commits{/sha}`,
    compare_url: `${r}/compare/{base}...{head}`,
    contents_url: `${r}/contents/{+path}`,
    contributors_url: `${r}/contributors`,
    deployments_url: `${r}/deployments`,
    downloads_url: `${r}/downloads`,
    events_url: `${r}/events`,
    forks_url: `${r}/forks`,
    git_commits_url: `${r}/git/commits{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    git_url: `git://${host}/${repo.fullName}.git`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    issue_events_url: `${r}/issues/events{/number}`,
    issues_url: `${r}/issues{/number}`,
    keys_url: `${r}/keys{/key_id}`,
    labels_url: `${r}/labels{/name}`,
    languages_url: `${r}/languages`,
    merges_url: `${r}/merges`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    pulls_url: `${r}/pulls{/number}`,
    releases_url: `${r}/releases{/id}`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    stargazers_url: `${r}/stargazers`,
    statuses_url: `${r}/statuses/{sha}`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    tags_url: `${r}/tags`,
    teams_url: `${r}/teams`,
    trees_url: `${r}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${r}/hooks`,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    pushed_at: repo.pushedAt,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    network_count: 0,
    subscribers_count: 0
  }
  if (actor !== undefined && actor.kind !== 'anonymous') {
    body.permissions = {
      admin: false,
      maintain: false,
      push: actor.contents === 'write',
      triage: actor.pullRequests === 'write',
      pull: true
    }
  }
  if (actor?.contents === 'write') {
    Object.assign(body, {
      allow_squash_merge: true,
      allow_merge_commit: true,
      allow_rebase_merge: true,
      allow_auto_merge: repo.allowAutoMerge,
      delete_branch_on_merge: false,
      allow_update_branch: false,
      use_squash_pr_title_as_default: false,
      squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
      squash_merge_commit_message: 'COMMIT_MESSAGES',
      merge_commit_title: 'MERGE_MESSAGE',
      merge_commit_message: 'PR_TITLE'
    })
  }
  return body
}

export function label(urls: Urls, repo: RepoState, l: LabelState): Json {
  return {
    id: l.id,
    node_id: nodeId('LA', repo.id, l.id),
    url: `${urls.api}/repos/${enc(repo.owner)}/${enc(repo.name)}/labels/${enc(l.name)}`,
    name: l.name,
    color: l.color,
    default: false,
    description: l.description
  }
}

export function issueComment(urls: Urls, repo: RepoState, c: CommentState): Json {
  const r = `${urls.api}/repos/${enc(repo.owner)}/${enc(repo.name)}`
  return {
    id: c.id,
    node_id: nodeId('IC', repo.id, c.id),
    url: `${r}/issues/comments/${c.id}`,
    html_url: `${urls.html}/${repo.fullName}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body,
    user: user(urls, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${r}/issues/${c.issueNumber}`,
    author_association: 'CONTRIBUTOR',
    reactions: {
      url: `${r}/issues/comments/${c.id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0
    }
  }
}

/** `pull-request-review`, as GET /pulls/{n}/reviews lists it. */
export function review(urls: Urls, repo: RepoState, rv: ReviewState): Json {
  const r = `${urls.api}/repos/${enc(repo.owner)}/${enc(repo.name)}`
  const html = `${urls.html}/${repo.fullName}/pull/${rv.pullNumber}#pullrequestreview-${rv.id}`
  return {
    id: rv.id,
    node_id: nodeId('PRR', repo.id, rv.id),
    user: user(urls, rv.user),
    body: rv.body,
    state: rv.state,
    html_url: html,
    pull_request_url: `${r}/pulls/${rv.pullNumber}`,
    author_association: 'COLLABORATOR',
    _links: {
      html: { href: html },
      pull_request: { href: `${r}/pulls/${rv.pullNumber}` }
    },
    submitted_at: rv.submittedAt,
    commit_id: rv.commitId === '' ? null : rv.commitId
  }
}

function team(urls: Urls, repo: RepoState, slug: string): Json {
  const id = userId(`team:${repo.owner}/${slug}`)
  const t = `${urls.api}/orgs/${enc(repo.owner)}/teams/${enc(slug)}`
  return {
    id,
    node_id: nodeId('T', id),
    url: t,
    html_url: `${urls.html}/orgs/${enc(repo.owner)}/teams/${enc(slug)}`,
    name: slug,
    slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${t}/members{/member}`,
    repositories_url: `${t}/repos`,
    parent: null,
    type: 'organization'
  }
}

/** Extra numbers only the single-pull-request shape carries (mergeability, diff size). */
export interface PullDetails {
  mergeable: boolean | null
  mergeableState: string
  commits: number
  additions: number
  deletions: number
  changedFiles: number
}

/** `pull-request-simple`, or `pull-request` when details are given. */
export function pull(urls: Urls, repo: RepoState, p: PullState, details?: PullDetails): Json {
  const r = `${urls.api}/repos/${enc(repo.owner)}/${enc(repo.name)}`
  const html = `${urls.html}/${repo.fullName}/pull/${p.number}`
  const headSha = repo.headSha(p)
  const repoJson = repository(urls, repo)
  const ownerJson = user(urls, repo.owner, 'Organization')
  const body: Json = {
    url: `${r}/pulls/${p.number}`,
    id: p.id,
    node_id: pullNodeId(repo, p.number),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${r}/issues/${p.number}`,
    commits_url: `${r}/pulls/${p.number}/commits`,
    review_comments_url: `${r}/pulls/${p.number}/comments`,
    review_comment_url: `${r}/pulls/comments{/number}`,
    comments_url: `${r}/issues/${p.number}/comments`,
    statuses_url: `${r}/statuses/${headSha}`,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user: user(urls, p.user),
    body: p.body === '' ? null : p.body,
    // pull-request(-simple) types label descriptions as non-null strings, unlike `label`.
    labels: repo
      .labelsOf(p)
      .map((l) => ({ ...label(urls, repo, l), description: l.description ?? '' })),
    milestone: null,
    active_lock_reason: null,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    closed_at: p.closedAt,
    merged_at: p.mergedAt,
    merge_commit_sha: p.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: p.reviewers.map((login) => user(urls, login)),
    requested_teams: p.teamReviewers.map((slug) => team(urls, repo, slug)),
    head: {
      label: `${repo.owner}:${p.head}`,
      ref: p.head,
      sha: headSha,
      user: ownerJson,
      repo: repoJson
    },
    base: {
      label: `${repo.owner}:${p.base}`,
      ref: p.base,
      sha: repo.baseSha(p),
      user: ownerJson,
      repo: repoJson
    },
    _links: {
      self: { href: `${r}/pulls/${p.number}` },
      html: { href: html },
      issue: { href: `${r}/issues/${p.number}` },
      comments: { href: `${r}/issues/${p.number}/comments` },
      review_comments: { href: `${r}/pulls/${p.number}/comments` },
      review_comment: { href: `${r}/pulls/comments{/number}` },
      commits: { href: `${r}/pulls/${p.number}/commits` },
      statuses: { href: `${r}/statuses/${headSha}` }
    },
    author_association: 'CONTRIBUTOR',
    auto_merge:
      p.autoMerge === null
        ? null
        : {
            enabled_by: user(urls, p.autoMerge.enabledBy),
            merge_method: p.autoMerge.mergeMethod,
            commit_title: '',
            commit_message: ''
          },
    draft: p.draft
  }
  if (details !== undefined) {
    Object.assign(body, {
      merged: p.merged,
      mergeable: details.mergeable,
      rebaseable: details.mergeable,
      mergeable_state: details.mergeableState,
      merged_by: p.mergedBy === null ? null : user(urls, p.mergedBy),
      comments: repo.comments.get(p.number)?.length ?? 0,
      review_comments: 0,
      maintainer_can_modify: p.maintainerCanModify,
      commits: details.commits,
      additions: details.additions,
      deletions: details.deletions,
      changed_files: details.changedFiles
    })
  }
  return body
}

export function gitRef(urls: Urls, repo: RepoState, name: string, sha: string): Json {
  const r = `${urls.api}/repos/${enc(repo.owner)}/${enc(repo.name)}`
  return {
    ref: `refs/${name}`,
    node_id: nodeId('REF', repo.id, name),
    url: `${r}/git/refs/${encPath(name)}`,
    object: { type: 'commit', sha, url: `${r}/git/commits/${sha}` }
  }
}

export function verification(commit: CommitObject): Json {
  return commit.verified
    ? {
        verified: true,
        reason: 'valid',
        signature: `-----BEGIN PGP SIGNATURE-----\n\nsimulated ${commit.sha}\n-----END PGP SIGNATURE-----\n`,
        payload: commit.payload,
        verified_at: commit.committer.date
      }
    : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
}

/** The `git-commit` shape (GET /git/commits/{sha}, and `commit` of a file-commit). */
export function gitCommit(urls: Urls, repo: RepoState, commit: CommitObject): Json {
  const r = `${urls.api}/repos/${enc(repo.owner)}/${enc(repo.name)}`
  return {
    sha: commit.sha,
    node_id: nodeId('C', repo.id, commit.sha),
    url: `${r}/git/commits/${commit.sha}`,
    html_url: `${urls.html}/${repo.fullName}/commit/${commit.sha}`,
    author: { ...commit.author },
    committer: { ...commit.committer },
    tree: { sha: commit.treeSha, url: `${r}/git/trees/${commit.treeSha}` },
    message: commit.message,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${r}/git/commits/${sha}`,
      html_url: `${urls.html}/${repo.fullName}/commit/${sha}`
    })),
    verification: verification(commit)
  }
}

/** One entry of `files[]` in a comparison or a commit. */
export function diffEntry(urls: Urls, repo: RepoState, ref: string, change: FileChange): Json {
  const before = change.before === undefined ? '' : (repo.store.blob(change.before) ?? '')
  const after = change.after === undefined ? '' : (repo.store.blob(change.after) ?? '')
  const stats = lineStats(before, after)
  const path = encPath(change.filename)
  const entry: Json = {
    sha: change.after ?? change.before ?? null,
    filename: change.filename,
    status: change.status,
    additions: stats.additions,
    deletions: stats.deletions,
    changes: stats.additions + stats.deletions,
    blob_url: `${urls.html}/${repo.fullName}/blob/${ref}/${path}`,
    raw_url: `${urls.html}/${repo.fullName}/raw/${ref}/${path}`,
    contents_url: `${urls.api}/repos/${enc(repo.owner)}/${enc(repo.name)}/contents/${path}?ref=${ref}`
  }
  if (change.previousFilename !== undefined) entry.previous_filename = change.previousFilename
  return entry
}

/** The `commit` shape (GET /commits/{ref}, compare's commits[]); files only when given. */
export function commitInfo(
  urls: Urls,
  repo: RepoState,
  commit: CommitObject,
  files?: FileChange[]
): Json {
  const r = `${urls.api}/repos/${enc(repo.owner)}/${enc(repo.name)}`
  const body: Json = {
    url: `${r}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId('C', repo.id, commit.sha),
    html_url: `${urls.html}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${r}/commits/${commit.sha}/comments`,
    commit: {
      url: `${r}/git/commits/${commit.sha}`,
      author: { ...commit.author },
      committer: { ...commit.committer },
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.treeSha, url: `${r}/git/trees/${commit.treeSha}` },
      verification: verification(commit)
    },
    author: user(urls, commit.login),
    committer: commit.verified ? user(urls, 'web-flow') : user(urls, commit.login),
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${r}/commits/${sha}`,
      html_url: `${urls.html}/${repo.fullName}/commit/${sha}`
    }))
  }
  if (files !== undefined) {
    const entries = files.map((f) => diffEntry(urls, repo, commit.sha, f))
    let additions = 0
    let deletions = 0
    for (const e of entries) {
      additions += e.additions as number
      deletions += e.deletions as number
    }
    body.stats = { total: additions + deletions, additions, deletions }
    body.files = entries
  }
  return body
}

/** A file in the `content-file` shape (or one entry of a directory listing, without content). */
export function contentEntry(
  urls: Urls,
  repo: RepoState,
  ref: string,
  path: string,
  entry: { type: 'file' | 'dir'; sha: string; size: number }
): Json {
  const r = `${urls.api}/repos/${enc(repo.owner)}/${enc(repo.name)}`
  const p = encPath(path)
  const self = `${r}/contents/${p}?ref=${enc(ref)}`
  const isFile = entry.type === 'file'
  const git = `${r}/git/${isFile ? 'blobs' : 'trees'}/${entry.sha}`
  const html = `${urls.html}/${repo.fullName}/${isFile ? 'blob' : 'tree'}/${enc(ref)}/${p}`
  return {
    type: entry.type,
    size: entry.size,
    name: path.slice(path.lastIndexOf('/') + 1),
    path,
    sha: entry.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: isFile ? `${urls.html}/${repo.fullName}/raw/${enc(ref)}/${p}` : null,
    _links: { self, git, html }
  }
}

/** Base64 the way GitHub sends file contents: a newline after every 60 characters and at the end. */
export function wrappedBase64(text: string): string {
  const b64 = Buffer.from(text, 'utf8').toString('base64')
  let out = ''
  for (let i = 0; i < b64.length; i += 60) out += `${b64.slice(i, i + 60)}\n`
  return out
}

export function errorBody(
  status: number,
  message: string,
  documentationUrl: string,
  errors?: Json[]
): Json {
  const body: Json = { message }
  if (errors !== undefined) body.errors = errors
  body.documentation_url = documentationUrl
  body.status = String(status)
  return body
}
