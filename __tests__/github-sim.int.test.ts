/* eslint jest/no-standalone-expect: ["error", { "additionalTestBlockFunctions": ["itValidates"] }] */
/**
 * The GitHub simulator driven through the real Octokit (`getOctokit` from @actions/github), every
 * response body checked against GitHub's OpenAPI description: happy and error paths of each
 * endpoint the action uses, plus the fidelity details the GitOps code relies on.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { throttling } from '@octokit/plugin-throttling'
import {
  startGitHubSimulator,
  type GitHubSimulator,
  type SimTokenSeed
} from '../sandbox/github/index.js'
import { findTemplate, validateResponse } from './support/openapi.js'

const GITOPS = 'acme/gitops'
const VALUES = 'values/dev/myapp/values.yaml'
const VALUES_TEXT = 'microservice:\n  name: myapp\n  image: registry/myapp:main-aaaaaaa-1\n'
const LONG_TEXT = `${'0123456789'.repeat(20)}\n`

const APP = 'ghs_app_000000000000000000000000000000000'
const ACTIONS = 'ghs_actions_0000000000000000000000000000'
const PAT = 'github_pat_11AAAAAAA0000000000000000000000'
const READ_ONLY = 'ghs_readonly_000000000000000000000000000'
const NO_PULLS = 'ghs_nopulls_0000000000000000000000000000'
const BLIND = 'ghs_blind_000000000000000000000000000000'
const TOKENS: SimTokenSeed[] = [
  { token: APP, login: 'gitops-bot[bot]', kind: 'app' },
  { token: ACTIONS, login: 'github-actions[bot]', kind: 'actions', canCreatePullRequests: false },
  { token: PAT, login: 'alice', kind: 'pat' },
  {
    token: READ_ONLY,
    login: 'reader[bot]',
    kind: 'app',
    permissions: { contents: 'read', pull_requests: 'read' }
  },
  { token: NO_PULLS, login: 'pusher[bot]', kind: 'app', permissions: { contents: 'write' } },
  { token: BLIND, login: 'blind[bot]', kind: 'app', repos: ['acme/public'] }
]

interface Seen {
  method: string
  url: string
  status: number
  body: unknown
}

let sim: GitHubSimulator
/** Every answer any Octokit of this file received, for the endpoint coverage check. */
const allSeen: Seen[] = []
/** Answers received since the current test began. */
let seen: Seen[] = []

type Octokit = ReturnType<typeof getOctokit>

function hasStatus(error: unknown): error is { status: number; response?: { data?: unknown } } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number'
  )
}

/** The real Octokit, recording each answer (status + parsed body) for OpenAPI validation. */
function client(token: string, baseUrl = sim.url): Octokit {
  const octokit = getOctokit(token, { baseUrl })
  octokit.hook.wrap('request', async (request, options) => {
    const note = (status: number, body: unknown): void => {
      const entry = { method: options.method, url: options.url, status, body }
      seen.push(entry)
      allSeen.push(entry)
    }
    try {
      const response = await request(options)
      note(response.status, response.data)
      return response
    } catch (error) {
      if (hasStatus(error) && error.status > 0) note(error.status, error.response?.data)
      throw error
    }
  })
  return octokit
}

function problems(): string[] {
  return seen.flatMap((s) =>
    (typeof s.body === 'string' && s.body !== '') || s.url.endsWith('/graphql')
      ? [] // raw media type, or GraphQL: not in the REST description
      : validateResponse(s.method, s.url, s.status, s.body).map((p) => `${s.method} ${s.url}: ${p}`)
  )
}

/** A test whose every response must match GitHub's OpenAPI description. */
function itValidates(name: string, fn: () => Promise<void>): void {
  // eslint-disable-next-line jest/valid-title -- the callers' titles are string literals
  it(name, async () => {
    seen = []
    await fn()
    expect(seen.length).toBeGreaterThan(0)
    expect(problems()).toEqual([])
  })
}

async function failure(
  promise: Promise<unknown>
): Promise<{ status: number; data: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await promise
  } catch (error) {
    const e = error as {
      status: number
      response?: { data?: unknown; headers?: Record<string, string> }
    }
    return {
      status: e.status,
      data: (e.response?.data ?? {}) as Record<string, unknown>,
      headers: e.response?.headers ?? {}
    }
  }
  throw new Error('expected the request to fail')
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

let gh: Octokit
const repo = { owner: 'acme', repo: 'gitops' }

/** A fresh branch off main with one commit changing the values file. */
async function bumpBranch(name: string, image = 'registry/myapp:new'): Promise<string> {
  const main = sim.branchSha(GITOPS, 'main') ?? ''
  await gh.rest.git.createRef({ ...repo, ref: `refs/heads/${name}`, sha: main })
  const file = await gh.rest.repos.getContent({ ...repo, path: VALUES, ref: main })
  const put = await gh.rest.repos.createOrUpdateFileContents({
    ...repo,
    path: VALUES,
    branch: name,
    message: `bump ${name}`,
    content: b64(sim.fileAt(GITOPS, main, VALUES)?.replace(/image: .*/, `image: ${image}`) ?? ''),
    sha: (file.data as { sha: string }).sha
  })
  return put.data.commit.sha ?? ''
}

beforeAll(async () => {
  sim = await startGitHubSimulator({
    repos: [
      {
        owner: 'acme',
        name: 'gitops',
        private: true,
        collaborators: ['alice', 'bob', 'gitops-bot[bot]'],
        files: {
          [VALUES]: VALUES_TEXT,
          'values/dev/other/values.yaml': 'microservice:\n  image: registry/other:1\n',
          'README.md': '# GitOps\n',
          'hello.txt': 'hello\n',
          'long.txt': LONG_TEXT,
          'feature/x/notes.md': 'notes\n'
        }
      },
      { owner: 'acme', name: 'public', files: { 'a.txt': 'a\n' } }
    ],
    tokens: TOKENS
  })
  gh = client(APP)
})

afterAll(async () => {
  await sim.stop()
})

describe('OpenAPI validation helper', () => {
  it('maps concrete and encoded paths to the spec templates', () => {
    expect(findTemplate('/repos/a/b/contents/values%2Fdev%2Fx.yaml?ref=main')).toBe(
      '/repos/{owner}/{repo}/contents/{path}'
    )
    expect(findTemplate('/api/v3/repos/a/b/git/ref/heads/feature/x')).toBe(
      '/repos/{owner}/{repo}/git/ref/{ref}'
    )
    expect(findTemplate('/repos/a/b/git/refs')).toBe('/repos/{owner}/{repo}/git/refs')
    expect(findTemplate('/repos/a/b/pulls/7/merge')).toBe(
      '/repos/{owner}/{repo}/pulls/{pull_number}/merge'
    )
  })

  it('rejects bodies that drift from the spec', () => {
    const file = { type: 'file', encoding: 'base64', size: 1, name: 'a', path: 'a', content: '' }
    expect(validateResponse('GET', '/repos/a/b/contents/a', 200, file).join('\n')).toMatch(
      /must have required property 'sha'/
    )
    expect(validateResponse('GET', '/repos/a/b/git/ref/heads/main', 200, { ref: 1 })).not.toEqual(
      []
    )
    expect(validateResponse('POST', '/repos/a/b/pulls', 422, { message: 'x' })).toEqual([
      "pulls/create 422: (root) must have required property 'documentation_url'"
    ])
    expect(validateResponse('GET', '/nowhere', 200, {})).toEqual([
      'no operation in the spec serves /nowhere'
    ])
  })
})

describe('repository, tokens and permissions', () => {
  itValidates(
    'describes the repository with its default branch, visibility and merge settings',
    async () => {
      const { data } = await gh.rest.repos.get(repo)
      expect(data).toMatchObject({
        full_name: GITOPS,
        default_branch: 'main',
        private: true,
        visibility: 'private',
        allow_auto_merge: false,
        permissions: { admin: false, push: true, pull: true }
      })
    }
  )

  itValidates('hides merge settings from a token that cannot write contents', async () => {
    const { data } = await client(READ_ONLY).rest.repos.get(repo)
    expect(data.allow_auto_merge).toBeUndefined()
    expect(data.permissions).toMatchObject({ push: false, pull: true })
  })

  itValidates('answers 404, not 403, for a private repository the token cannot see', async () => {
    const hidden = await failure(client(BLIND).rest.repos.get(repo))
    expect(hidden).toMatchObject({ status: 404, data: { message: 'Not Found', status: '404' } })
    const missing = await failure(gh.rest.repos.get({ owner: 'acme', repo: 'nope' }))
    expect(missing.data.message).toBe('Not Found')
    const visible = await client(BLIND).rest.repos.get({ owner: 'acme', repo: 'public' })
    expect(visible.data.private).toBe(false)
  })

  itValidates('answers 401 Bad credentials to a token it does not know', async () => {
    const rejected = await failure(client('ghs_unknown').rest.repos.get(repo))
    expect(rejected).toMatchObject({ status: 401, data: { message: 'Bad credentials' } })
  })

  itValidates(
    'names the missing permission of an app token in x-accepted-github-permissions',
    async () => {
      const put = await failure(
        client(READ_ONLY).rest.repos.createOrUpdateFileContents({
          ...repo,
          path: 'x.txt',
          message: 'x',
          content: b64('x')
        })
      )
      expect(put).toMatchObject({
        status: 403,
        data: { message: 'Resource not accessible by integration', status: '403' },
        headers: { 'x-accepted-github-permissions': 'contents=write' }
      })
      const list = await failure(client(NO_PULLS).rest.pulls.list(repo))
      expect(list.headers['x-accepted-github-permissions']).toBe('pull_requests=read')
    }
  )

  itValidates('says "personal access token" when a PAT lacks a permission', async () => {
    sim.addToken({
      token: 'github_pat_read',
      login: 'carol',
      kind: 'pat',
      permissions: { contents: 'read' }
    })
    const refused = await failure(
      client('github_pat_read').rest.git.createRef({
        ...repo,
        ref: 'refs/heads/carol',
        sha: sim.branchSha(GITOPS, 'main') ?? ''
      })
    )
    expect(refused.data.message).toBe('Resource not accessible by personal access token')
  })

  itValidates('sends the rate-limit headers on successes and errors alike', async () => {
    const first = await gh.rest.repos.get(repo)
    const second = await gh.rest.repos.get(repo)
    for (const headers of [first.headers, second.headers]) {
      expect(headers['x-ratelimit-limit']).toBe('5000')
      expect(headers['x-ratelimit-resource']).toBe('core')
      expect(Number(headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000)
    }
    expect(Number(second.headers['x-ratelimit-remaining'])).toBe(
      Number(first.headers['x-ratelimit-remaining']) - 1
    )
    const missing = await failure(gh.rest.git.getRef({ ...repo, ref: 'heads/nope' }))
    expect(missing.headers['x-ratelimit-remaining']).toMatch(/^\d+$/)
  })

  it('lets a caller without a token read public repositories, and nothing private', async () => {
    const open = await fetch(`${sim.url}/repos/acme/public`)
    const openBody: unknown = await open.json()
    expect(open.status).toBe(200)
    expect(validateResponse('GET', '/repos/acme/public', 200, openBody)).toEqual([])
    expect(open.headers.get('x-ratelimit-limit')).toBe('60')
    const closed = await fetch(`${sim.url}/repos/acme/gitops`)
    expect(closed.status).toBe(404)
    const write = await fetch(`${sim.url}/repos/acme/public/git/refs`, {
      method: 'POST',
      body: JSON.stringify({ ref: 'refs/heads/x', sha: 'a'.repeat(40) })
    })
    expect(write.status).toBe(401)
    expect(await write.json()).toMatchObject({ message: 'Requires authentication' })
  })
})

describe('refs', () => {
  itValidates('reads a branch whose name has slashes, encoded or not', async () => {
    await bumpBranch('feature/slashy')
    const viaOctokit = await gh.rest.git.getRef({ ...repo, ref: 'heads/feature/slashy' })
    expect(viaOctokit.data).toMatchObject({
      ref: 'refs/heads/feature/slashy',
      object: { type: 'commit', sha: sim.branchSha(GITOPS, 'feature/slashy') }
    })
    const plain = await gh.request('GET /repos/acme/gitops/git/ref/heads/feature/slashy')
    expect(plain.data).toEqual(viaOctokit.data)
    expect(
      sim.requests.some((r) => r.path === '/repos/acme/gitops/git/ref/heads/feature/slashy')
    ).toBe(true)
  })

  itValidates('answers 404 Not Found for a missing ref or a bare sha', async () => {
    const missing = await failure(gh.rest.git.getRef({ ...repo, ref: 'heads/nope' }))
    expect(missing).toMatchObject({ status: 404, data: { message: 'Not Found' } })
    const sha = await failure(
      gh.rest.git.getRef({ ...repo, ref: sim.branchSha(GITOPS, 'main') ?? '' })
    )
    expect(sha.status).toBe(404)
  })

  itValidates(
    'creates a branch with 201 and a Location, and refuses bad or duplicate ones',
    async () => {
      const main = sim.branchSha(GITOPS, 'main') ?? ''
      const created = await gh.rest.git.createRef({ ...repo, ref: 'refs/heads/new-one', sha: main })
      expect(created.status).toBe(201)
      expect(created.headers.location).toBe(`${sim.url}/repos/acme/gitops/git/refs/heads/new-one`)
      expect(sim.branchSha(GITOPS, 'new-one')).toBe(main)
      const again = await failure(
        gh.rest.git.createRef({ ...repo, ref: 'refs/heads/new-one', sha: main })
      )
      expect(again).toMatchObject({ status: 422, data: { message: 'Reference already exists' } })
      const short = await failure(gh.rest.git.createRef({ ...repo, ref: 'heads/x', sha: main }))
      expect(short.data.message).toBe(
        'Reference name must contain at least three slash-separated components.'
      )
      const unknown = await failure(
        gh.rest.git.createRef({ ...repo, ref: 'refs/heads/y', sha: 'f'.repeat(40) })
      )
      expect(unknown.data.message).toBe('Object does not exist')
    }
  )

  itValidates('moves a branch forward, refuses a non-fast-forward unless forced', async () => {
    const bumped = await bumpBranch('ff-test')
    const main = sim.branchSha(GITOPS, 'main') ?? ''
    const back = await failure(gh.rest.git.updateRef({ ...repo, ref: 'heads/ff-test', sha: main }))
    expect(back).toMatchObject({ status: 422, data: { message: 'Update is not a fast forward' } })
    const forced = await gh.rest.git.updateRef({
      ...repo,
      ref: 'heads/ff-test',
      sha: main,
      force: true
    })
    expect(forced.data.object.sha).toBe(main)
    const forward = await gh.rest.git.updateRef({ ...repo, ref: 'heads/ff-test', sha: bumped })
    expect(forward.data.object.sha).toBe(bumped)
    const missing = await failure(gh.rest.git.updateRef({ ...repo, ref: 'heads/none', sha: main }))
    expect(missing.data.message).toBe('Reference does not exist')
  })

  itValidates('deletes a branch with 204 and closes the pull requests that use it', async () => {
    await bumpBranch('doomed')
    const pr = await gh.rest.pulls.create({
      ...repo,
      head: 'doomed',
      base: 'main',
      title: 'doomed'
    })
    const deleted = await gh.rest.git.deleteRef({ ...repo, ref: 'heads/doomed' })
    expect(deleted.status).toBe(204)
    expect(sim.branchSha(GITOPS, 'doomed')).toBeUndefined()
    const closed = await gh.rest.pulls.get({ ...repo, pull_number: pr.data.number })
    expect(closed.data).toMatchObject({ state: 'closed', merged: false })
    const again = await failure(gh.rest.git.deleteRef({ ...repo, ref: 'heads/doomed' }))
    expect(again).toMatchObject({ status: 422, data: { message: 'Reference does not exist' } })
    const reopen = await failure(
      gh.rest.pulls.update({ ...repo, pull_number: pr.data.number, state: 'open' })
    )
    expect(reopen.status).toBe(422)
  })
})

describe('contents', () => {
  itValidates('serves a file as git blob id and base64 wrapped at 60 characters', async () => {
    const { data } = await gh.rest.repos.getContent({ ...repo, path: 'hello.txt' })
    expect(data).toMatchObject({
      type: 'file',
      encoding: 'base64',
      sha: 'ce013625030ba8dba906f756967f9e9ca394464a',
      size: 6,
      path: 'hello.txt',
      name: 'hello.txt',
      content: 'aGVsbG8K\n'
    })
    const long = (await gh.rest.repos.getContent({ ...repo, path: 'long.txt' })).data as {
      content: string
    }
    const lines = long.content.split('\n')
    expect(lines.slice(0, -2).every((line) => line.length === 60)).toBe(true)
    expect(long.content.endsWith('\n')).toBe(true)
    expect(Buffer.from(long.content, 'base64').toString('utf8')).toBe(LONG_TEXT)
  })

  itValidates(
    'reads at a branch or a commit sha, and tells a missing ref from a missing file',
    async () => {
      const main = sim.branchSha(GITOPS, 'main') ?? ''
      const atSha = await gh.rest.repos.getContent({ ...repo, path: VALUES, ref: main })
      expect(sim.requests.at(-1)?.path).toBe(`/repos/acme/gitops/contents/${VALUES}`)
      expect(Buffer.from((atSha.data as { content: string }).content, 'base64').toString()).toBe(
        VALUES_TEXT
      )
      const badRef = await failure(
        gh.rest.repos.getContent({ ...repo, path: VALUES, ref: 'no-such-branch' })
      )
      expect(badRef).toMatchObject({
        status: 404,
        data: {
          message: 'No commit found for the ref no-such-branch',
          documentation_url: 'https://docs.github.com/v3/repos/contents/'
        }
      })
      const noFile = await failure(gh.rest.repos.getContent({ ...repo, path: 'values/none.yaml' }))
      expect(noFile.data.message).toBe('Not Found')
    }
  )

  itValidates('lists a directory, and returns raw bytes for the raw media type', async () => {
    const dir = await gh.rest.repos.getContent({ ...repo, path: 'values/dev' })
    expect((dir.data as { name: string; type: string }[]).map((e) => [e.name, e.type])).toEqual([
      ['myapp', 'dir'],
      ['other', 'dir']
    ])
    const raw = await gh.rest.repos.getContent({
      ...repo,
      path: 'hello.txt',
      mediaType: { format: 'raw' }
    })
    expect(raw.data).toBe('hello\n')
  })

  itValidates(
    'updates a file with 200, creates one with 201, and GitHub-signs app commits',
    async () => {
      const main = sim.branchSha(GITOPS, 'main') ?? ''
      await gh.rest.git.createRef({ ...repo, ref: 'refs/heads/contents-put', sha: main })
      const current = await gh.rest.repos.getContent({ ...repo, path: VALUES, ref: 'contents-put' })
      const updated = await gh.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: VALUES,
        branch: 'contents-put',
        message: 'chore(dev): bump myapp',
        content: b64(VALUES_TEXT.replace('main-aaaaaaa-1', 'main-bbbbbbb-2')),
        sha: (current.data as { sha: string }).sha
      })
      expect(updated.status).toBe(200)
      expect(updated.data.commit).toMatchObject({
        message: 'chore(dev): bump myapp',
        parents: [{ sha: main }],
        author: { name: 'gitops-bot[bot]' },
        committer: { name: 'GitHub', email: 'noreply@github.com' },
        verification: { verified: true, reason: 'valid' }
      })
      expect(sim.branchSha(GITOPS, 'contents-put')).toBe(updated.data.commit.sha)
      expect(sim.commit(GITOPS, updated.data.commit.sha ?? '')).toMatchObject({
        verified: true,
        login: 'gitops-bot[bot]'
      })
      const created = await gh.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: 'values/dev/new/values.yaml',
        branch: 'contents-put',
        message: 'add',
        content: b64('new\n'),
        sha: 'ignored-when-the-file-is-new'
      })
      expect(created.status).toBe(201)
      expect(sim.fileAt(GITOPS, 'contents-put', 'values/dev/new/values.yaml')).toBe('new\n')
      expect(sim.fileAt(GITOPS, 'main', 'values/dev/new/values.yaml')).toBeUndefined()
    }
  )

  itValidates('still commits when the content is identical, as GitHub does', async () => {
    await gh.rest.git.createRef({
      ...repo,
      ref: 'refs/heads/same',
      sha: sim.branchSha(GITOPS, 'main') ?? ''
    })
    const before = sim.branchSha(GITOPS, 'same')
    const file = await gh.rest.repos.getContent({ ...repo, path: VALUES, ref: 'same' })
    const put = await gh.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: VALUES,
      branch: 'same',
      message: 'no change',
      content: b64(VALUES_TEXT),
      sha: (file.data as { sha: string }).sha
    })
    expect(put.data.commit.sha).not.toBe(before)
    expect(sim.commitsOn(GITOPS, 'same', before)).toHaveLength(1)
  })

  itValidates(
    'refuses a stale blob sha with 409, a missing one with 422, a missing branch with 404',
    async () => {
      const stale = await failure(
        gh.rest.repos.createOrUpdateFileContents({
          ...repo,
          path: VALUES,
          message: 'm',
          content: b64('x'),
          sha: 'a'.repeat(40)
        })
      )
      expect(stale).toMatchObject({
        status: 409,
        data: { message: `${VALUES} does not match ${'a'.repeat(40)}` }
      })
      const noSha = await failure(
        gh.rest.repos.createOrUpdateFileContents({
          ...repo,
          path: VALUES,
          message: 'm',
          content: b64('x')
        })
      )
      expect(noSha).toMatchObject({
        status: 422,
        data: { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' }
      })
      const noBranch = await failure(
        gh.rest.repos.createOrUpdateFileContents({
          ...repo,
          path: VALUES,
          message: 'm',
          content: b64('x'),
          branch: 'gone',
          sha: 'a'.repeat(40)
        })
      )
      expect(noBranch).toMatchObject({ status: 404, data: { message: 'Branch gone not found' } })
    }
  )

  itValidates('leaves commits of a PAT or with a custom author unsigned', async () => {
    const main = sim.branchSha(GITOPS, 'main') ?? ''
    await gh.rest.git.createRef({ ...repo, ref: 'refs/heads/unsigned', sha: main })
    const pat = client(PAT)
    const first = await pat.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'pat.txt',
      branch: 'unsigned',
      message: 'by pat',
      content: b64('p\n')
    })
    expect(first.data.commit.verification).toEqual({
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
      verified_at: null
    })
    expect(first.data.commit.author?.name).toBe('alice')
    const custom = await gh.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'custom.txt',
      branch: 'unsigned',
      message: 'custom',
      content: b64('c\n'),
      author: { name: 'Someone', email: 'someone@example.com' }
    })
    expect(custom.data.commit).toMatchObject({
      author: { name: 'Someone' },
      committer: { name: 'Someone' },
      verification: { verified: false }
    })
    const actions = await client(ACTIONS).rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'actions.txt',
      branch: 'unsigned',
      message: 'by actions',
      content: b64('a\n')
    })
    expect(actions.data.commit.verification?.verified).toBe(true)
  })

  itValidates('deletes a file with its blob sha', async () => {
    await gh.rest.git.createRef({
      ...repo,
      ref: 'refs/heads/delete-file',
      sha: sim.branchSha(GITOPS, 'main') ?? ''
    })
    const removed = await gh.rest.repos.deleteFile({
      ...repo,
      path: 'hello.txt',
      branch: 'delete-file',
      message: 'rm',
      sha: 'ce013625030ba8dba906f756967f9e9ca394464a'
    })
    expect(removed.data.content).toBeNull()
    expect(sim.fileAt(GITOPS, 'delete-file', 'hello.txt')).toBeUndefined()
  })
})

describe('commits and compare', () => {
  itValidates('serves a git commit and a commit with its files', async () => {
    const sha = await bumpBranch('commit-read', 'registry/myapp:commit-read')
    const git = await gh.rest.git.getCommit({ ...repo, commit_sha: sha })
    expect(git.data).toMatchObject({
      sha,
      message: 'bump commit-read',
      parents: [{ sha: sim.branchSha(GITOPS, 'main') }]
    })
    expect(git.data.tree.sha).toMatch(/^[0-9a-f]{40}$/)
    const full = await gh.rest.repos.getCommit({ ...repo, ref: 'commit-read' })
    expect(full.data.files).toEqual([
      expect.objectContaining({
        filename: VALUES,
        status: 'modified',
        additions: 1,
        deletions: 1,
        changes: 2
      })
    ])
    expect(full.data.stats).toEqual({ total: 2, additions: 1, deletions: 1 })
    const missing = await failure(gh.rest.git.getCommit({ ...repo, commit_sha: 'f'.repeat(40) }))
    expect(missing.status).toBe(404)
    const noRef = await failure(gh.rest.repos.getCommit({ ...repo, ref: 'nope' }))
    expect(noRef.status).toBe(404)
  })

  itValidates(
    'lists commits from a branch, newest first, paged, the default branch by default',
    async () => {
      const sha = await bumpBranch('commit-list', 'registry/myapp:commit-list')
      const main = sim.branchSha(GITOPS, 'main') ?? ''
      const first = await gh.rest.repos.listCommits({ ...repo, per_page: 1 })
      expect(first.data.map((c) => c.sha)).toEqual([main])
      expect(first.data[0].files).toBeUndefined()
      const onBranch = await gh.rest.repos.listCommits({ ...repo, sha: 'commit-list', per_page: 2 })
      expect(onBranch.data.map((c) => c.sha)).toEqual([sha, main])
      const all = await gh.paginate(gh.rest.repos.listCommits, { ...repo, sha, per_page: 1 })
      expect(all.at(0)?.sha).toBe(sha)
      expect(all.at(-1)?.parents).toEqual([])
      expect(new Set(all.map((c) => c.sha)).size).toBe(all.length)
      const noRef = await failure(gh.rest.repos.listCommits({ ...repo, sha: 'nope' }))
      expect(noRef.status).toBe(404)
      const filtered = await failure(gh.rest.repos.listCommits({ ...repo, path: VALUES }))
      expect(filtered.status).toBe(422)
    }
  )

  itValidates('compares ahead, behind, diverged and identical, with the merge base', async () => {
    await bumpBranch('cmp-topic', 'registry/myapp:cmp')
    const main = sim.branchSha(GITOPS, 'main') ?? ''
    const ahead = await gh.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: 'main...cmp-topic'
    })
    expect(ahead.data).toMatchObject({
      status: 'ahead',
      ahead_by: 1,
      behind_by: 0,
      total_commits: 1,
      merge_base_commit: { sha: main }
    })
    const behind = await gh.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: 'cmp-topic...main'
    })
    expect(behind.data).toMatchObject({ status: 'behind', ahead_by: 0, behind_by: 1, files: [] })
    const same = await gh.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `main...${main}`
    })
    expect(same.data.status).toBe('identical')
    sim.pushCommit(
      GITOPS,
      'cmp-topic-base',
      { 'README.md': '# moved\n' },
      { createBranchFrom: 'main', login: 'bob' }
    )
    const diverged = await gh.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: 'acme:cmp-topic-base...cmp-topic'
    })
    expect(diverged.data).toMatchObject({ status: 'diverged', ahead_by: 1, behind_by: 1 })
    expect(diverged.data.files?.map((f) => f.filename)).toEqual([VALUES])
  })

  itValidates('reports renames with their previous name, and line counts', async () => {
    const before = sim.branchSha(GITOPS, 'main') ?? ''
    const after = sim.pushCommit(
      GITOPS,
      'rename',
      { 'README.md': null, 'docs/README.md': '# GitOps\n', 'hello.txt': 'hello\nworld\n' },
      { createBranchFrom: 'main' }
    )
    const { data } = await gh.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${before}...${after}`
    })
    expect(
      data.files?.map((f) => [f.filename, f.status, f.previous_filename, f.additions, f.deletions])
    ).toEqual([
      ['docs/README.md', 'renamed', 'README.md', 0, 0],
      ['hello.txt', 'modified', undefined, 1, 0]
    ])
  })

  itValidates('caps files at 300 and commits at 250, as GitHub does', async () => {
    const many: Record<string, string> = {}
    for (let i = 0; i < 301; i++) many[`bulk/file-${i}.txt`] = `${i}\n`
    const base = sim.branchSha(GITOPS, 'main') ?? ''
    sim.pushCommit(GITOPS, 'bulk', many, { createBranchFrom: 'main' })
    for (let i = 0; i < 250; i++) sim.pushCommit(GITOPS, 'bulk', { 'bulk/counter.txt': `${i}\n` })
    const { data } = await gh.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${base}...bulk`
    })
    expect(data.files).toHaveLength(300)
    expect(data.commits).toHaveLength(250)
    expect(data.total_commits).toBe(251)
    expect(data.commits[0].commit.message).toBe('Update files')
  })

  itValidates('answers 404 "No common ancestor" for an unknown or unrelated base', async () => {
    const zero = '0'.repeat(40)
    const unknown = await failure(
      gh.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${zero}...main` })
    )
    expect(unknown).toMatchObject({
      status: 404,
      data: { message: `No common ancestor between ${zero} and main.` }
    })
  })
})

describe('pull requests', () => {
  itValidates(
    'opens a pull request with 201, a Location and GitHub-shaped head and base',
    async () => {
      const head = await bumpBranch('pr-open')
      const created = await gh.rest.pulls.create({
        ...repo,
        head: 'pr-open',
        base: 'main',
        title: 'Bump myapp',
        body: 'old → new',
        draft: true
      })
      expect(created.status).toBe(201)
      expect(created.headers.location).toBe(created.data.url)
      expect(created.data).toMatchObject({
        state: 'open',
        draft: true,
        title: 'Bump myapp',
        body: 'old → new',
        user: { login: 'gitops-bot[bot]', type: 'Bot' },
        head: { ref: 'pr-open', label: 'acme:pr-open', sha: head },
        base: { ref: 'main', sha: sim.branchSha(GITOPS, 'main') },
        mergeable: null,
        commits: 1,
        changed_files: 1
      })
      expect(created.data.node_id).toMatch(/^PR_/)
      expect(sim.pulls(GITOPS).find((p) => p.number === created.data.number)).toMatchObject({
        head: 'pr-open',
        base: 'main',
        draft: true,
        user: 'gitops-bot[bot]',
        autoMerge: null
      })
    }
  )

  itValidates(
    "refuses a duplicate, an empty and a headless pull request with GitHub's 422s",
    async () => {
      await bumpBranch('pr-dup')
      await gh.rest.pulls.create({ ...repo, head: 'acme:pr-dup', base: 'main', title: 'dup' })
      const dup = await failure(
        gh.rest.pulls.create({ ...repo, head: 'pr-dup', base: 'main', title: 'dup' })
      )
      expect(dup).toMatchObject({
        status: 422,
        data: {
          message: 'Validation Failed',
          status: '422',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: 'A pull request already exists for acme:pr-dup.'
            }
          ]
        }
      })
      await gh.rest.git.createRef({
        ...repo,
        ref: 'refs/heads/pr-empty',
        sha: sim.branchSha(GITOPS, 'main') ?? ''
      })
      const empty = await failure(
        gh.rest.pulls.create({ ...repo, head: 'pr-empty', base: 'main', title: 'e' })
      )
      expect(empty.data.errors).toEqual([
        { resource: 'PullRequest', code: 'custom', message: 'No commits between main and pr-empty' }
      ])
      const headless = await failure(
        gh.rest.pulls.create({ ...repo, head: 'pr-none', base: 'main', title: 'h' })
      )
      expect(headless.data.errors).toEqual([
        { resource: 'PullRequest', field: 'head', code: 'invalid' }
      ])
    }
  )

  itValidates(
    'refuses pull requests from GitHub Actions when the repository setting is off',
    async () => {
      await bumpBranch('pr-actions')
      const refused = await failure(
        client(ACTIONS).rest.pulls.create({ ...repo, head: 'pr-actions', base: 'main', title: 't' })
      )
      expect(refused).toMatchObject({
        status: 403,
        data: { message: 'GitHub Actions is not permitted to create or approve pull requests.' }
      })
    }
  )

  itValidates(
    'filters by owner:branch, ignores an owner-less head, and pages with a Link header',
    async () => {
      await bumpBranch('pr-list-a')
      await bumpBranch('pr-list-b')
      const a = await gh.rest.pulls.create({ ...repo, head: 'pr-list-a', base: 'main', title: 'a' })
      await gh.rest.pulls.create({ ...repo, head: 'pr-list-b', base: 'main', title: 'b' })
      const byHead = await gh.rest.pulls.list({ ...repo, head: 'acme:pr-list-a', state: 'open' })
      expect(byHead.data.map((p) => p.number)).toEqual([a.data.number])
      const openCount = sim.pulls(GITOPS).filter((p) => p.state === 'open').length
      const ownerless = await gh.rest.pulls.list({ ...repo, head: 'pr-list-a', per_page: 100 })
      expect(ownerless.data).toHaveLength(openCount)
      expect(sim.requests.at(-1)?.query).toBe('head=pr-list-a&per_page=100')
      const page1 = await gh.rest.pulls.list({ ...repo, per_page: 1 })
      expect(page1.data[0].number).toBe(
        Math.max(
          ...sim
            .pulls(GITOPS)
            .filter((p) => p.state === 'open')
            .map((p) => p.number)
        )
      )
      expect(page1.headers.link).toMatch(/<[^>]+[?&]page=2[^>]*>; rel="next"/)
      const everything = await gh.paginate(gh.rest.pulls.list, {
        ...repo,
        state: 'all',
        per_page: 2
      })
      expect(everything).toHaveLength(sim.pulls(GITOPS).length)
      const none = await gh.rest.pulls.list({ ...repo, base: 'no-such-base' })
      expect(none.data).toEqual([])
    }
  )

  itValidates('updates title, body and state, and ignores a draft field', async () => {
    await bumpBranch('pr-update')
    const pr = await gh.rest.pulls.create({
      ...repo,
      head: 'pr-update',
      base: 'main',
      title: 'old'
    })
    const updated = await gh.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      ...repo,
      pull_number: pr.data.number,
      title: 'new',
      body: 'text',
      draft: true
    })
    expect(updated.data).toMatchObject({ title: 'new', body: 'text', draft: false })
    const closed = await gh.rest.pulls.update({
      ...repo,
      pull_number: pr.data.number,
      state: 'closed'
    })
    expect(closed.data).toMatchObject({ state: 'closed', merged: false })
    expect(closed.data.closed_at).not.toBeNull()
    const got = await gh.rest.pulls.get({ ...repo, pull_number: pr.data.number })
    expect(got.data.head.sha).toBe(sim.branchSha(GITOPS, 'pr-update'))
    const missing = await failure(gh.rest.pulls.get({ ...repo, pull_number: 9999 }))
    expect(missing.status).toBe(404)
  })

  itValidates('creates missing labels in ededed and answers all labels of the issue', async () => {
    await bumpBranch('pr-labels')
    const pr = await gh.rest.pulls.create({ ...repo, head: 'pr-labels', base: 'main', title: 'l' })
    const first = await gh.rest.issues.addLabels({
      ...repo,
      issue_number: pr.data.number,
      labels: ['gitops', 'Deploy']
    })
    expect(first.data.map((l) => [l.name, l.color])).toEqual([
      ['gitops', 'ededed'],
      ['Deploy', 'ededed']
    ])
    const second = await gh.rest.issues.addLabels({
      ...repo,
      issue_number: pr.data.number,
      labels: ['deploy', 'dev']
    })
    expect(second.data.map((l) => l.name)).toEqual(['gitops', 'Deploy', 'dev'])
    const listed = await gh.rest.issues.listLabelsOnIssue({ ...repo, issue_number: pr.data.number })
    expect(listed.data).toEqual(second.data)
    const noIssue = await failure(
      gh.rest.issues.addLabels({ ...repo, issue_number: 9999, labels: ['x'] })
    )
    expect(noIssue.status).toBe(404)
    const blank = await failure(
      gh.rest.issues.addLabels({ ...repo, issue_number: pr.data.number, labels: [' '] })
    )
    expect(blank.status).toBe(422)
  })

  itValidates('adds and lists comments', async () => {
    await bumpBranch('pr-comments')
    const pr = await gh.rest.pulls.create({
      ...repo,
      head: 'pr-comments',
      base: 'main',
      title: 'c'
    })
    const comment = await gh.rest.issues.createComment({
      ...repo,
      issue_number: pr.data.number,
      body: 'Superseded by #99.'
    })
    expect(comment.status).toBe(201)
    expect(comment.data).toMatchObject({
      body: 'Superseded by #99.',
      user: { login: 'gitops-bot[bot]' }
    })
    const listed = await gh.rest.issues.listComments({ ...repo, issue_number: pr.data.number })
    expect(listed.data.map((c) => c.body)).toEqual(['Superseded by #99.'])
    expect(sim.pulls(GITOPS).find((p) => p.number === pr.data.number)?.comments).toEqual([
      'Superseded by #99.'
    ])
    const empty = await failure(
      gh.rest.issues.createComment({
        ...repo,
        issue_number: pr.data.number,
        body: undefined as unknown as string
      })
    )
    expect(empty.status).toBe(422)
    const noIssue = await failure(gh.rest.issues.listComments({ ...repo, issue_number: 9999 }))
    expect(noIssue.status).toBe(404)
  })

  itValidates(
    'requests reviewers, refusing the author and non-collaborators with 422',
    async () => {
      await bumpBranch('pr-review')
      const pr = await gh.rest.pulls.create({
        ...repo,
        head: 'pr-review',
        base: 'main',
        title: 'r'
      })
      const asked = await gh.rest.pulls.requestReviewers({
        ...repo,
        pull_number: pr.data.number,
        reviewers: ['alice'],
        team_reviewers: ['devops']
      })
      expect(asked.status).toBe(201)
      expect(asked.data.requested_reviewers?.map((u) => u.login)).toEqual(['alice'])
      expect(asked.data.requested_teams?.map((t) => t.slug)).toEqual(['devops'])
      const author = await failure(
        gh.rest.pulls.requestReviewers({
          ...repo,
          pull_number: pr.data.number,
          reviewers: ['gitops-bot[bot]']
        })
      )
      expect(author).toMatchObject({
        status: 422,
        data: { message: 'Review cannot be requested from pull request author.' }
      })
      const stranger = await failure(
        gh.rest.pulls.requestReviewers({
          ...repo,
          pull_number: pr.data.number,
          reviewers: ['mallory']
        })
      )
      expect(stranger.data.message).toMatch(/^Reviews may only be requested from collaborators\./)
      expect(sim.pulls(GITOPS).find((p) => p.number === pr.data.number)).toMatchObject({
        reviewers: ['alice'],
        teamReviewers: ['devops']
      })
    }
  )

  itValidates(
    "lists submitted reviews in pages, and a review ends its reviewer's request",
    async () => {
      await bumpBranch('pr-reviews')
      const pr = await gh.rest.pulls.create({
        ...repo,
        head: 'pr-reviews',
        base: 'main',
        title: 'reviews'
      })
      const number = pr.data.number
      await gh.rest.pulls.requestReviewers({
        ...repo,
        pull_number: number,
        reviewers: ['alice', 'bob'],
        team_reviewers: ['devops', 'sre']
      })
      const none = await gh.rest.pulls.listReviews({ ...repo, pull_number: number })
      expect(none.data).toEqual([])
      const first = sim.submitReview(GITOPS, number, 'alice', 'APPROVED', { body: 'LGTM' })
      sim.submitReview(GITOPS, number, 'bob', 'COMMENTED', { team: 'devops' })
      sim.submitReview(GITOPS, number, 'alice', 'CHANGES_REQUESTED')
      expect(sim.pulls(GITOPS).find((p) => p.number === number)).toMatchObject({
        reviewers: [],
        teamReviewers: ['sre']
      })
      const head = sim.branchSha(GITOPS, 'pr-reviews')
      const page = await gh.rest.pulls.listReviews({ ...repo, pull_number: number, per_page: 2 })
      expect(page.data.map((r) => [r.user?.login, r.state, r.body, r.commit_id])).toEqual([
        ['alice', 'APPROVED', 'LGTM', head],
        ['bob', 'COMMENTED', '', head]
      ])
      expect(page.data[0].id).toBe(first)
      expect(page.headers.link).toContain('rel="next"')
      const all = await gh.paginate(gh.rest.pulls.listReviews, {
        ...repo,
        pull_number: number,
        per_page: 1
      })
      expect(all.map((r) => r.state)).toEqual(['APPROVED', 'COMMENTED', 'CHANGES_REQUESTED'])
      const got = await gh.rest.pulls.get({ ...repo, pull_number: number })
      expect(got.data.requested_reviewers).toEqual([])
      expect(got.data.requested_teams?.map((t) => t.slug)).toEqual(['sre'])
      const missing = await failure(gh.rest.pulls.listReviews({ ...repo, pull_number: 9999 }))
      expect(missing).toMatchObject({ status: 404, data: { message: 'Not Found' } })
      expect(() => sim.submitReview(GITOPS, number, 'gitops-bot[bot]', 'APPROVED')).toThrow(
        /own PR/
      )
      expect(() => sim.submitReview(GITOPS, 9999, 'alice', 'APPROVED')).toThrow(/no pull request/)
    }
  )

  itValidates(
    'merges by merge, squash or rebase and refuses a moved head or a closed pull request',
    async () => {
      const results: string[] = []
      for (const method of ['merge', 'squash', 'rebase'] as const) {
        await bumpBranch(`pr-merge-${method}`, `registry/myapp:${method}`)
        const pr = await gh.rest.pulls.create({
          ...repo,
          head: `pr-merge-${method}`,
          base: 'main',
          title: method
        })
        const moved = await failure(
          gh.rest.pulls.merge({
            ...repo,
            pull_number: pr.data.number,
            merge_method: method,
            sha: 'a'.repeat(40)
          })
        )
        expect(moved).toMatchObject({
          status: 409,
          data: { message: 'Head branch was modified. Review and try the merge again.' }
        })
        const merged = await gh.rest.pulls.merge({
          ...repo,
          pull_number: pr.data.number,
          merge_method: method
        })
        expect(merged.data).toMatchObject({
          merged: true,
          message: 'Pull Request successfully merged'
        })
        expect(sim.branchSha(GITOPS, 'main')).toBe(merged.data.sha)
        expect(sim.fileAt(GITOPS, 'main', VALUES)).toContain(`registry/myapp:${method}`)
        const parents = sim.commit(GITOPS, merged.data.sha)?.parents.length
        results.push(`${method}:${parents}`)
        const again = await failure(gh.rest.pulls.merge({ ...repo, pull_number: pr.data.number }))
        expect(again.status).toBe(405)
        const after = await gh.rest.pulls.get({ ...repo, pull_number: pr.data.number })
        expect(after.data).toMatchObject({
          state: 'closed',
          merged: true,
          merge_commit_sha: merged.data.sha,
          merged_by: { login: 'gitops-bot[bot]' }
        })
      }
      expect(results).toEqual(['merge:2', 'squash:1', 'rebase:1'])
    }
  )

  itValidates('reports a conflicting pull request as not mergeable', async () => {
    await bumpBranch('pr-conflict', 'registry/myapp:conflict-a')
    const pr = await gh.rest.pulls.create({
      ...repo,
      head: 'pr-conflict',
      base: 'main',
      title: 'conflict'
    })
    sim.pushCommit(
      GITOPS,
      'main',
      { [VALUES]: VALUES_TEXT.replace('main-aaaaaaa-1', 'human-edit') },
      { login: 'bob' }
    )
    const got = await gh.rest.pulls.get({ ...repo, pull_number: pr.data.number })
    expect(got.data).toMatchObject({ mergeable: false, mergeable_state: 'dirty' })
    const merge = await failure(gh.rest.pulls.merge({ ...repo, pull_number: pr.data.number }))
    expect(merge).toMatchObject({ status: 405, data: { message: 'Pull Request is not mergeable' } })
  })
})

describe('faults, latency and rate limits', () => {
  itValidates(
    'answers injected errors after `after` matches, `times` times, on the decoded path',
    async () => {
      sim.inject({
        method: 'GET',
        path: `/repos/${GITOPS}/contents/${VALUES}`,
        status: 502,
        after: 1,
        times: 2
      })
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) {
        try {
          statuses.push((await gh.rest.repos.getContent({ ...repo, path: VALUES })).status)
        } catch (error) {
          statuses.push(hasStatus(error) ? error.status : -1)
        }
      }
      expect(statuses).toEqual([200, 502, 502, 200])
      expect(seen[1].body).toMatchObject({ message: 'Server Error', status: '502' })
      sim.clearFaults()
    }
  )

  itValidates('fakes a secondary rate limit with retry-after, matched by a RegExp', async () => {
    sim.inject({
      method: 'POST',
      path: /\/pulls$/,
      status: 403,
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '7' }
    })
    const limited = await failure(
      gh.rest.pulls.create({ ...repo, head: 'x', base: 'main', title: 't' })
    )
    expect(limited).toMatchObject({ status: 403, headers: { 'retry-after': '7' } })
    expect(limited.data.message).toMatch(/secondary rate limit/)
    sim.clearFaults()
  })

  it('resets the connection when asked, and records the request with status 0', async () => {
    sim.inject({ path: '/repos/acme/gitops', reset: true })
    await expect(gh.rest.repos.get(repo)).rejects.toThrow()
    expect(sim.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/repos/acme/gitops',
      status: 0,
      token: APP
    })
    await expect(gh.rest.repos.get(repo)).resolves.toMatchObject({ status: 200 })
  })

  it('delays only the matching request', async () => {
    sim.inject({ path: '/repos/acme/gitops', delayMs: 300 })
    const order: string[] = []
    await Promise.all([
      gh.rest.repos.get(repo).then(() => order.push('delayed')),
      gh.rest.repos.get({ owner: 'acme', repo: 'public' }).then(() => order.push('prompt'))
    ])
    expect(order).toEqual(['prompt', 'delayed'])
  })

  it('limits content-creating requests per sliding minute, with retry-after from its clock', async () => {
    let now = 1_000_000
    const limited = await startGitHubSimulator({
      repos: [{ owner: 'acme', name: 'gitops', files: { 'a.txt': 'a\n' } }],
      secondaryRateLimit: { writesPerMinute: 2, clock: () => now }
    })
    try {
      const octo = getOctokit('any', { baseUrl: limited.url })
      const main = limited.branchSha(GITOPS, 'main') ?? ''
      await octo.rest.git.createRef({ ...repo, ref: 'refs/heads/a', sha: main })
      now += 20_000
      await octo.rest.git.createRef({ ...repo, ref: 'refs/heads/b', sha: main })
      await octo.rest.repos.get(repo) // reads never count
      now += 10_000
      const third = await failure(
        octo.rest.git.createRef({ ...repo, ref: 'refs/heads/c', sha: main })
      )
      expect(third.status).toBe(403)
      expect(third.headers['retry-after']).toBe('30')
      expect(third.headers['x-ratelimit-remaining']).toMatch(/^[1-9]\d*$/)
      expect(third.data.message).toMatch(/^You have exceeded a secondary rate limit/)
      expect(validateResponse('POST', '/repos/acme/gitops/git/refs', 403, third.data)).toEqual([])
      now += 30_000
      await expect(
        octo.rest.git.createRef({ ...repo, ref: 'refs/heads/c', sha: main })
      ).resolves.toMatchObject({ status: 201 })
    } finally {
      await limited.stop()
    }
  })

  it('is recognised as a secondary rate limit by @octokit/plugin-throttling', async () => {
    const limited = await startGitHubSimulator({
      repos: [{ owner: 'acme', name: 'gitops', files: { 'a.txt': 'a\n' } }],
      secondaryRateLimit: { writesPerMinute: 0 }
    })
    const calls: number[] = []
    try {
      const octo = getOctokit(
        'any',
        {
          baseUrl: limited.url,
          throttle: {
            onRateLimit: () => false,
            onSecondaryRateLimit: (retryAfter: number) => {
              calls.push(retryAfter)
              return false
            }
          }
        },
        throttling
      )
      const main = limited.branchSha(GITOPS, 'main') ?? ''
      await expect(
        octo.rest.git.createRef({ ...repo, ref: 'refs/heads/a', sha: main })
      ).rejects.toMatchObject({ status: 403 })
      expect(calls).toEqual([60])
    } finally {
      await limited.stop()
    }
  })

  it('adds the configured latency to every request', async () => {
    sim.setLatency(150)
    const started = performance.now()
    await gh.rest.repos.get(repo)
    const elapsed = performance.now() - started
    sim.setLatency(0)
    expect(elapsed).toBeGreaterThanOrEqual(140)
  })
})

describe('GitHub Enterprise Server layout', () => {
  itValidates(
    'serves REST under /api/v3 and GraphQL at /api/graphql, logging paths without the prefix',
    async () => {
      const ghes = await startGitHubSimulator({
        repos: [
          { owner: 'acme', name: 'gitops', files: { [VALUES]: VALUES_TEXT }, allowAutoMerge: true }
        ],
        tokens: [{ token: APP, login: 'gitops-bot[bot]', kind: 'app' }],
        apiPrefix: '/api/v3'
      })
      try {
        expect(ghes.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/)
        expect(ghes.graphqlUrl).toBe(ghes.url.replace('/api/v3', '/api/graphql'))
        const octo = client(APP, ghes.url)
        const ref = await octo.rest.git.getRef({ ...repo, ref: 'heads/main' })
        expect(ref.data.url).toBe(`${ghes.url}/repos/acme/gitops/git/refs/heads/main`)
        const viewer = await octo.graphql<{ viewer: { login: string } }>('{ viewer { login } }')
        expect(viewer.viewer.login).toBe('gitops-bot')
        expect(ghes.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
          'GET /repos/acme/gitops/git/ref/heads/main',
          'POST /graphql'
        ])
        const outside = await fetch(ghes.url.replace('/api/v3', '/repos/acme/gitops'), {
          headers: { authorization: `token ${APP}` }
        })
        expect(outside.status).toBe(404)
      } finally {
        await ghes.stop()
      }
    }
  )
})

describe('secrets', () => {
  it('never echoes a token in any response it sent', () => {
    const bodies = JSON.stringify(allSeen.map((s) => s.body))
    for (const { token } of TOKENS) expect(bodies).not.toContain(token)
    expect(allSeen.length).toBeGreaterThan(50)
  })
})

describe('coverage of the contract', () => {
  it('exercised every endpoint with a success and an error answer, all validated', () => {
    const endpoints = [
      'GET /repos/{owner}/{repo}',
      'GET /repos/{owner}/{repo}/git/ref/{ref}',
      'POST /repos/{owner}/{repo}/git/refs',
      'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
      'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
      'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
      'GET /repos/{owner}/{repo}/commits',
      'GET /repos/{owner}/{repo}/commits/{ref}',
      'GET /repos/{owner}/{repo}/contents/{path}',
      'PUT /repos/{owner}/{repo}/contents/{path}',
      'GET /repos/{owner}/{repo}/compare/{basehead}',
      'GET /repos/{owner}/{repo}/pulls',
      'POST /repos/{owner}/{repo}/pulls',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge'
    ]
    const outcomes = new Map<string, Set<string>>()
    for (const s of allSeen) {
      const template = findTemplate(s.url)
      if (template === undefined) continue
      const key = `${s.method} ${template}`
      const set = outcomes.get(key) ?? new Set<string>()
      set.add(s.status < 400 ? 'ok' : 'error')
      outcomes.set(key, set)
    }
    const missing = endpoints.filter(
      (e) => !(outcomes.get(e)?.has('ok') && outcomes.get(e)?.has('error'))
    )
    expect(missing).toEqual([])
  })
})
