/**
 * The simulator's GraphQL endpoint through the real Octokit (`octokit.graphql`): auto-merge and
 * its refusals, node id resolution, draft toggling, createCommitOnBranch, and injected failures.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { startGitHubSimulator, type GitHubSimulator } from '../sandbox/github/index.js'

const APP = 'ghs_graphql_app_00000000000000000000000000'
const PAT = 'github_pat_graphql_0000000000000000000000'
const PR_ONLY = 'ghs_graphql_pr_only_000000000000000000000'
const VALUES = 'values/dev/myapp/values.yaml'
const AUTO_MERGE = `mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: {pullRequestId: $pullRequestId, mergeMethod: $mergeMethod}) {
    pullRequest { number autoMergeRequest { mergeMethod } }
  }
}`

type Octokit = ReturnType<typeof getOctokit>
let sim: GitHubSimulator
let gh: Octokit

interface GraphqlFailure {
  errors: { type?: string; message: string; path?: string[] }[]
  data?: unknown
}

async function graphqlFailure(promise: Promise<unknown>): Promise<GraphqlFailure> {
  try {
    await promise
  } catch (error) {
    return error as GraphqlFailure
  }
  throw new Error('expected the GraphQL call to fail')
}

/** Opens a pull request on a fresh branch of `repo` and returns its number and node id. */
async function openPull(repo: string, branch: string): Promise<{ number: number; nodeId: string }> {
  const [owner, name] = repo.split('/')
  sim.pushCommit(repo, branch, { [VALUES]: `image: ${branch}\n` }, { createBranchFrom: 'main' })
  const { data } = await gh.rest.pulls.create({
    owner,
    repo: name,
    head: branch,
    base: 'main',
    title: branch
  })
  return { number: data.number, nodeId: data.node_id }
}

beforeAll(async () => {
  const files = { [VALUES]: 'image: old\n' }
  sim = await startGitHubSimulator({
    repos: [
      { owner: 'acme', name: 'gitops', files, allowAutoMerge: true },
      { owner: 'acme', name: 'strict', files },
      { owner: 'acme', name: 'clean', files, allowAutoMerge: true, cleanStatus: true }
    ],
    tokens: [
      { token: APP, login: 'gitops-bot[bot]', kind: 'app' },
      { token: PAT, login: 'alice', kind: 'pat' },
      {
        token: PR_ONLY,
        login: 'pr-only[bot]',
        kind: 'app',
        permissions: { contents: 'read', pull_requests: 'write' }
      }
    ]
  })
  gh = getOctokit(APP, { baseUrl: sim.url })
})

afterAll(async () => {
  await sim.stop()
})

describe('pull request lookup', () => {
  it('resolves the node id REST returned, by node(id:) and by repository number', async () => {
    const pr = await openPull('acme/gitops', 'lookup')
    const result = await gh.graphql<{
      node: { __typename: string; number: number; headRefName: string; state: string }
      repository: { pullRequest: { id: string } }
    }>(
      `query($id: ID!, $n: Int!) {
        node(id: $id) { __typename ... on PullRequest { number headRefName state } }
        repository(owner: "acme", name: "gitops") { pullRequest(number: $n) { id } }
      }`,
      { id: pr.nodeId, n: pr.number }
    )
    expect(result).toEqual({
      node: { __typename: 'PullRequest', number: pr.number, headRefName: 'lookup', state: 'OPEN' },
      repository: { pullRequest: { id: pr.nodeId } }
    })
  })

  it('answers an unknown node id with a NOT_FOUND error on HTTP 200', async () => {
    const failure = await graphqlFailure(gh.graphql('query { node(id: "PR_kwDOnope") { id } }'))
    expect(failure.errors).toEqual([
      expect.objectContaining({
        type: 'NOT_FOUND',
        message: "Could not resolve to a node with the global id of 'PR_kwDOnope'"
      })
    ])
    expect(sim.requests.at(-1)).toMatchObject({ path: '/graphql', status: 200 })
  })

  it('rejects a query outside the schema slice instead of inventing data', async () => {
    const failure = await graphqlFailure(gh.graphql('{ viewer { login email } }'))
    expect(failure.errors[0].message).toBe("Field 'email' doesn't exist on type 'Bot'")
    expect(failure.data).toBeUndefined()
  })
})

describe('auto-merge', () => {
  it('enables auto-merge and shows it in REST and in the simulator state', async () => {
    const pr = await openPull('acme/gitops', 'auto')
    const result = await gh.graphql<{
      enablePullRequestAutoMerge: {
        pullRequest: { number: number; autoMergeRequest: { mergeMethod: string } }
      }
    }>(AUTO_MERGE, { pullRequestId: pr.nodeId, mergeMethod: 'SQUASH' })
    expect(result.enablePullRequestAutoMerge.pullRequest).toEqual({
      number: pr.number,
      autoMergeRequest: { mergeMethod: 'SQUASH' }
    })
    const rest = await gh.rest.pulls.get({ owner: 'acme', repo: 'gitops', pull_number: pr.number })
    expect(rest.data.auto_merge).toMatchObject({
      merge_method: 'squash',
      enabled_by: { login: 'gitops-bot[bot]' }
    })
    expect(sim.pulls('acme/gitops').find((p) => p.number === pr.number)?.autoMerge).toEqual({
      mergeMethod: 'squash'
    })
  })

  it('says auto-merge is not allowed when the repository setting is off, before any other check', async () => {
    const pr = await openPull('acme/strict', 'strict')
    const failure = await graphqlFailure(
      gh.graphql(
        `mutation($id: ID!) {
          enablePullRequestAutoMerge(input: {pullRequestId: $id, expectedHeadOid: "${'0'.repeat(40)}"}) {
            clientMutationId
          }
        }`,
        { id: pr.nodeId }
      )
    )
    expect(failure.errors).toEqual([
      expect.objectContaining({
        type: 'UNPROCESSABLE',
        path: ['enablePullRequestAutoMerge'],
        message: 'Auto merge is not allowed for this repository'
      })
    ])
    expect(failure.data).toEqual({ enablePullRequestAutoMerge: null })
  })

  it('refuses a pull request that is already clean', async () => {
    const pr = await openPull('acme/clean', 'clean')
    const failure = await graphqlFailure(
      gh.graphql(AUTO_MERGE, { pullRequestId: pr.nodeId, mergeMethod: 'MERGE' })
    )
    expect(failure.errors[0]).toMatchObject({
      type: 'UNPROCESSABLE',
      message: 'Pull request Pull request is in clean status'
    })
    const rest = await gh.rest.pulls.get({ owner: 'acme', repo: 'clean', pull_number: pr.number })
    expect(rest.data.mergeable_state).toBe('clean')
    const state = await gh.graphql<{ node: { mergeStateStatus: string; mergeable: string } }>(
      'query($id: ID!) { node(id: $id) { ... on PullRequest { mergeStateStatus mergeable } } }',
      { id: pr.nodeId }
    )
    expect(state.node).toEqual({ mergeStateStatus: 'CLEAN', mergeable: 'MERGEABLE' })
  })

  it('refuses a token that lacks contents:write', async () => {
    const pr = await openPull('acme/gitops', 'pr-only')
    const failure = await graphqlFailure(
      getOctokit(PR_ONLY, { baseUrl: sim.url }).graphql(AUTO_MERGE, {
        pullRequestId: pr.nodeId,
        mergeMethod: 'MERGE'
      })
    )
    expect(failure.errors[0]).toMatchObject({
      type: 'FORBIDDEN',
      message: 'Resource not accessible by integration'
    })
  })

  it('fails with an injected "Could not resolve to a node" once, then succeeds', async () => {
    const pr = await openPull('acme/gitops', 'eventual')
    sim.inject({
      path: '/graphql',
      status: 200,
      message: `Could not resolve to a node with the global id of '${pr.nodeId}'`
    })
    const first = await graphqlFailure(
      gh.graphql(AUTO_MERGE, { pullRequestId: pr.nodeId, mergeMethod: 'MERGE' })
    )
    expect(first.errors[0]).toMatchObject({ type: 'NOT_FOUND' })
    await expect(
      gh.graphql(AUTO_MERGE, { pullRequestId: pr.nodeId, mergeMethod: 'MERGE' })
    ).resolves.toBeDefined()
  })
})

describe('drafts', () => {
  it('converts a pull request to draft and back, which REST cannot do', async () => {
    const pr = await openPull('acme/gitops', 'drafty')
    const toDraft = await gh.graphql<{
      convertPullRequestToDraft: { pullRequest: { isDraft: boolean } }
    }>(
      'mutation($id: ID!) { convertPullRequestToDraft(input: {pullRequestId: $id}) { pullRequest { isDraft } } }',
      { id: pr.nodeId }
    )
    expect(toDraft.convertPullRequestToDraft.pullRequest.isDraft).toBe(true)
    expect(sim.pulls('acme/gitops').find((p) => p.number === pr.number)?.draft).toBe(true)
    await gh.graphql(
      'mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id}) { clientMutationId } }',
      { id: pr.nodeId }
    )
    expect(sim.pulls('acme/gitops').find((p) => p.number === pr.number)?.draft).toBe(false)
  })
})

describe('createCommitOnBranch', () => {
  const COMMIT = `mutation($input: CreateCommitOnBranchInput!) {
    createCommitOnBranch(input: $input) { commit { oid url } ref { name } }
  }`

  it('commits a file change signed by GitHub, even with a personal access token', async () => {
    const head = sim.pushCommit('acme/gitops', 'gql-commit', {}, { createBranchFrom: 'main' })
    const result = await getOctokit(PAT, { baseUrl: sim.url }).graphql<{
      createCommitOnBranch: { commit: { oid: string }; ref: { name: string } }
    }>(COMMIT, {
      input: {
        branch: { repositoryNameWithOwner: 'acme/gitops', branchName: 'gql-commit' },
        expectedHeadOid: head,
        message: { headline: 'chore(dev): bump myapp', body: 'from GraphQL' },
        fileChanges: {
          additions: [{ path: VALUES, contents: Buffer.from('image: gql\n').toString('base64') }]
        }
      }
    })
    const oid = result.createCommitOnBranch.commit.oid
    expect(result.createCommitOnBranch.ref.name).toBe('gql-commit')
    expect(sim.branchSha('acme/gitops', 'gql-commit')).toBe(oid)
    expect(sim.fileAt('acme/gitops', oid, VALUES)).toBe('image: gql\n')
    expect(sim.commit('acme/gitops', oid)).toMatchObject({
      message: 'chore(dev): bump myapp\n\nfrom GraphQL',
      parents: [head],
      verified: true,
      login: 'alice',
      committer: { name: 'GitHub', email: 'noreply@github.com' }
    })
  })

  it("answers STALE_DATA with GitHub's exact text when the branch moved", async () => {
    const stale = sim.pushCommit('acme/gitops', 'gql-stale', {}, { createBranchFrom: 'main' })
    sim.pushCommit('acme/gitops', 'gql-stale', { 'other.txt': 'moved\n' })
    const failure = await graphqlFailure(
      gh.graphql(COMMIT, {
        input: {
          branch: { repositoryNameWithOwner: 'acme/gitops', branchName: 'gql-stale' },
          expectedHeadOid: stale,
          message: { headline: 'x' },
          fileChanges: { additions: [] }
        }
      })
    )
    expect(failure.errors[0]).toMatchObject({
      type: 'STALE_DATA',
      path: ['createCommitOnBranch'],
      message: `Expected branch to point to "${stale}" but it did not.  Pull and try again.`
    })
  })
})

describe('transport', () => {
  it('requires authentication and reports the graphql rate-limit resource', async () => {
    const anonymous = await fetch(sim.graphqlUrl, {
      method: 'POST',
      body: JSON.stringify({ query: '{ viewer { login } }' })
    })
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toMatchObject({
      message: 'This endpoint requires you to be authenticated.'
    })
    const response = await gh.request('POST /graphql', { query: '{ viewer { login } }' })
    expect(response.headers['x-ratelimit-resource']).toBe('graphql')
    expect(response.data).toEqual({ data: { viewer: { login: 'gitops-bot' } } })
  })
})
