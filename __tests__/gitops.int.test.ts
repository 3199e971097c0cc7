/**
 * The GitOps flow through the real Octokit (retry and throttling plugins included) against the
 * GitHub simulator in sandbox/github: real HTTP, real git object ids, GitHub's status codes.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { ActionError } from '../src/errors.js'
import { bumpGitOps, COMMIT_TRAILER, type GitOpsBumpOptions } from '../src/gitops.js'
import { parseMarker } from '../src/pr-body.js'
import {
  APP_TOKEN,
  OLD_IMAGE,
  OWNER,
  REPO,
  OTHER_VALUES_FILE,
  REGISTRY,
  SLUG,
  VALUES_FILE,
  VALUES_TEXT,
  appToken,
  bumpOptions,
  changedLines,
  repoSeed,
  startFixture,
  valuesFor,
  type Fixture
} from './support/gitops-fixture.js'

let fixture: Fixture | undefined

afterEach(async () => {
  await fixture?.sim.stop()
  fixture = undefined
})

async function start(...args: Parameters<typeof startFixture>): Promise<Fixture> {
  fixture = await startFixture(...args)
  return fixture
}

function openPulls(f: Fixture) {
  return f.sim.pulls(SLUG).filter((pull) => pull.state === 'open')
}

/** Options of a later run of the app workflow (another commit, a higher run number). */
function laterRun(runNumber: number, sha: string, extra: Partial<GitOpsBumpOptions> = {}) {
  return bumpOptions({ ...extra, source: { ...bumpOptions().source, runNumber, sha } })
}

async function expectActionError(promise: Promise<unknown>): Promise<ActionError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown
  )
  expect(error).toBeInstanceOf(ActionError)
  return error as ActionError
}

describe('a base that moves between the reads', () => {
  // The base's head and the values file are read at the same time (one round trip, not two or
  // three), so a push to the base can fall between the two reads, in either order. The write is
  // locked by the blob sha that was read; it must never land a file patched from another commit.
  type Order = 'file after the head' | 'head after the file'
  const moved = (image = 'replicas: 4') => VALUES_TEXT.replace('replicas: 2', image)

  /** Pushes `text` to main between the two reads; `first` is the read let through first. */
  function pushBetweenReads(f: Fixture, order: Order, text: string): { pushed: () => boolean } {
    const headRead = (url: string) => url.includes('/git/ref/') || /\/commits$/.test(url)
    const fileRead = (url: string) => url.includes('/contents/')
    const [first, second] =
      order === 'file after the head' ? [headRead, fileRead] : [fileRead, headRead]
    let pushed = false
    let firstDone = () => {}
    const firstAnswered = new Promise<void>((resolve) => (firstDone = resolve))
    f.client.hook.after('request', (_response, request) => {
      if (request.method === 'GET' && first(request.url)) firstDone()
    })
    f.client.hook.before('request', async (request) => {
      if (pushed || request.method !== 'GET' || !second(request.url)) return
      pushed = true
      await firstAnswered
      f.sim.pushCommit(SLUG, 'main', { [VALUES_FILE]: text }, { login: 'alice' })
    })
    return { pushed: () => pushed }
  }

  /** The branch holds exactly one commit of the bump, on top of main's current head. */
  function expectBumpOnMain(f: Fixture, branch: string, image: string): void {
    const main = f.sim.branchSha(SLUG, 'main') ?? ''
    const commits = f.sim.commitsOn(SLUG, branch, main)
    expect(commits).toHaveLength(1)
    expect(commits[0].parents).toEqual([main])
    const onMain = f.sim.fileAt(SLUG, 'main', VALUES_FILE) ?? ''
    const onBranch = f.sim.fileAt(SLUG, branch, VALUES_FILE) ?? ''
    expect(onBranch).toContain('replicas: 4')
    expect(changedLines(onMain, onBranch)).toEqual([
      `  image: ${image}   # set by gitops-image-bump`
    ])
  }

  for (const base of ['main', undefined]) {
    for (const order of ['file after the head', 'head after the file'] as const) {
      it(`never writes a file patched from another commit (${order}, base ${base ? 'given' : 'from the repository'})`, async () => {
        const f = await start()
        const options = bumpOptions({ base })
        const move = pushBetweenReads(f, order, moved())
        const result = await bumpGitOps(f.client, options, f.deps)
        expect(move.pushed()).toBe(true)
        expect(result.operation).toBe('created')
        expectBumpOnMain(f, options.branch, options.image)
        // The result and the PR describe what was written: the file of the moved base.
        expect(result.diff).toContain(`+  image: ${options.image}`)
        expect(result.diff).toContain('   replicas: 4')
        const [pull] = openPulls(f)
        expect(pull.number).toBe(result.pullRequestNumber)
        expect(pull.body).toBe(result.body)
        expect(result.commitSha).toBe(f.sim.branchSha(SLUG, options.branch))
      })
    }
  }

  it('deletes the branch it created and opens nothing when the moved base already holds the image', async () => {
    const f = await start()
    const options = bumpOptions({ base: 'main' })
    const done = VALUES_TEXT.replace(OLD_IMAGE, options.image)
    expect(done).not.toBe(VALUES_TEXT)
    // The file is read before the push, the head after it: the branch is made at the new head,
    // the write meets the moved file, and the re-read finds the image already there.
    const move = pushBetweenReads(f, 'head after the file', done)
    const result = await bumpGitOps(f.client, options, f.deps)
    expect(move.pushed()).toBe(true)
    expect(result.operation).toBe('unchanged')
    expect(result.diff).toBe('')
    expect(result.pullRequestNumber).toBeNull()
    const writes = f
      .takeRequests()
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.status}`)
    expect(writes).toEqual(['POST 201', 'PUT 409', 'DELETE 204'])
    expect(f.sim.branchSha(SLUG, options.branch)).toBeUndefined()
    expect(openPulls(f)).toHaveLength(0)
  })

  it('makes the branch again when it is deleted between its creation and the write', async () => {
    const f = await start()
    const options = bumpOptions({ base: 'main' })
    let deleted = false
    f.client.hook.before('request', async (request) => {
      if (deleted || request.method !== 'PUT') return
      deleted = true
      await f.client.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
        owner: OWNER,
        repo: REPO,
        ref: `heads/${options.branch}`
      })
    })
    const result = await bumpGitOps(f.client, options, f.deps)
    expect(deleted).toBe(true)
    expect(result.operation).toBe('created')
    const onBranch = f.sim.fileAt(SLUG, options.branch, VALUES_FILE) ?? ''
    expect(changedLines(VALUES_TEXT, onBranch)).toEqual([
      `  image: ${options.image}   # set by gitops-image-bump`
    ])
    expect(openPulls(f)).toHaveLength(1)
  })

  it('in mode commit, commits the bump on top of the moved base, losing nothing', async () => {
    const f = await start()
    const options = bumpOptions({ mode: 'commit', base: 'main' })
    const before = f.sim.branchSha(SLUG, 'main')
    const move = pushBetweenReads(f, 'file after the head', moved())
    const result = await bumpGitOps(f.client, options, f.deps)
    expect(move.pushed()).toBe(true)
    expect(result.operation).toBe('committed')
    const commits = f.sim.commitsOn(SLUG, 'main', before)
    expect(commits).toHaveLength(2)
    const text = f.sim.fileAt(SLUG, 'main', VALUES_FILE) ?? ''
    expect(changedLines(moved(), text)).toEqual([
      `  image: ${options.image}   # set by gitops-image-bump`
    ])
  })
})

describe('a fresh bump', () => {
  it('opens one PR with a one-line diff on a new branch in 6 requests, base from the repository', async () => {
    const f = await start()
    const options = bumpOptions()
    const result = await bumpGitOps(f.client, options, f.deps)
    const requests = f.takeRequests()

    expect(requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'GET 200',
      'GET 200',
      'POST 201',
      'PUT 200',
      'POST 201'
    ])
    expect(result.operation).toBe('created')
    expect(result.baseBranch).toBe('main')
    expect(result.previousImage).toBe(OLD_IMAGE)
    expect(result.commitsVerified).toBe(true)

    const onBranch = f.sim.fileAt(SLUG, options.branch, VALUES_FILE) ?? ''
    expect(changedLines(VALUES_TEXT, onBranch)).toEqual([
      `  image: ${options.image}   # set by gitops-image-bump`
    ])
    expect(result.diff).toContain(`-  image: ${OLD_IMAGE}   # set by gitops-image-bump`)
    expect(result.diff).toContain(`+  image: ${options.image}   # set by gitops-image-bump`)

    const commits = f.sim.commitsOn(SLUG, options.branch, f.sim.branchSha(SLUG, 'main'))
    expect(commits).toHaveLength(1)
    expect(commits[0].sha).toBe(result.commitSha)
    expect(commits[0].message).toContain(`${COMMIT_TRAILER}: ${VALUES_FILE}`)
    expect(commits[0].verified).toBe(true)

    const [pull] = openPulls(f)
    expect(pull.number).toBe(result.pullRequestNumber)
    expect(pull.title).toBe(options.prTitle)
    expect(pull.head).toBe(options.branch)
    expect(pull.base).toBe('main')
    expect(parseMarker(pull.body)).toMatchObject({
      valuesFile: VALUES_FILE,
      base: 'main',
      runNumber: 7,
      runAttempt: 1,
      sha: options.source.sha,
      image: options.image
    })
    expect(result.pullRequestUrl).toMatch(new RegExp(`/${SLUG}/pull/${pull.number}$`))
  })

  it('sends no author or committer, so GitHub signs the commit', async () => {
    const f = await start()
    await bumpGitOps(f.client, bumpOptions({ base: 'main' }), f.deps)
    const put = f.takeRequests().find((r) => r.method === 'PUT')
    expect(put?.body).toBeDefined()
    expect(Object.keys(put?.body as object).sort()).toEqual(
      ['branch', 'content', 'message', 'sha'].sort()
    )
  })

  it('costs the same 6 requests in a repository of 5,000 files', async () => {
    const files: Record<string, string> = { ...repoSeed().files }
    for (let i = 0; i < 5000; i++)
      files[`values/dev/app-${i}/values.yaml`] = valuesFor(`app-${i}`, 'r/x:1')
    const f = await start({ repos: [repoSeed({ files })] })
    const result = await bumpGitOps(f.client, bumpOptions(), f.deps)
    expect(result.operation).toBe('created')
    expect(f.takeRequests()).toHaveLength(6)
  })

  it('costs 5 requests when the base is given, and three listings more with supersede', async () => {
    const f = await start()
    await bumpGitOps(f.client, bumpOptions({ base: 'main' }), f.deps)
    expect(f.takeRequests()).toHaveLength(5)
    await bumpGitOps(
      f.client,
      laterRun(8, 'b'.repeat(40), { supersede: true, base: 'main' }),
      f.deps
    )
    const second = f.takeRequests()
    // + the open and the recently closed listings, + the open listing again once the PR is open,
    // + closing the older PR: comment, close, compare, delete its branch.
    expect(second.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/${SLUG}/git/ref/heads/main`,
      `GET /repos/${SLUG}/contents/${VALUES_FILE}`,
      `GET /repos/${SLUG}/pulls`,
      `GET /repos/${SLUG}/pulls`,
      `POST /repos/${SLUG}/git/refs`,
      `PUT /repos/${SLUG}/contents/${VALUES_FILE}`,
      `POST /repos/${SLUG}/pulls`,
      `GET /repos/${SLUG}/pulls`,
      `POST /repos/${SLUG}/issues/1/comments`,
      `PATCH /repos/${SLUG}/pulls/1`,
      `GET /repos/${SLUG}/compare/main...update-myapp-010-abc1234`,
      `DELETE /repos/${SLUG}/git/refs/heads/update-myapp-010-abc1234`
    ])
  })

  it('does nothing when the base already holds the image: no branch, no commit, no PR', async () => {
    const options = bumpOptions()
    const f = await start({
      repos: [repoSeed({ files: { [VALUES_FILE]: VALUES_TEXT.replace(OLD_IMAGE, options.image) } })]
    })
    const result = await bumpGitOps(f.client, options, f.deps)
    expect(result.operation).toBe('unchanged')
    expect(result.diff).toBe('')
    expect(f.takeRequests().every((r) => r.method === 'GET')).toBe(true)
    expect(f.sim.branchSha(SLUG, options.branch)).toBeUndefined()
    expect(f.sim.pulls(SLUG)).toHaveLength(0)
  })

  it('writes nothing in a dry run and returns the diff, title and body it would use', async () => {
    const f = await start()
    const result = await bumpGitOps(f.client, bumpOptions({ dryRun: true }), f.deps)
    expect(result.operation).toBe('none')
    expect(result.diff).toContain(`+  image: ${bumpOptions().image}`)
    expect(parseMarker(result.body)?.image).toBe(bumpOptions().image)
    expect(f.takeRequests().every((r) => r.method === 'GET')).toBe(true)
    expect(f.sim.pulls(SLUG)).toHaveLength(0)
  })

  it('adds labels (created on the fly), reviewers except the author, and team reviewers', async () => {
    const f = await start()
    const result = await bumpGitOps(
      f.client,
      bumpOptions({
        labels: ['gitops', 'dev'],
        reviewers: ['alice', 'gitops-bot[bot]'],
        teamReviewers: ['devops'],
        draft: true
      }),
      f.deps
    )
    const [pull] = openPulls(f)
    expect(pull.number).toBe(result.pullRequestNumber)
    expect(pull.labels.sort()).toEqual(['dev', 'gitops'])
    expect(pull.reviewers).toEqual(['alice'])
    expect(pull.teamReviewers).toEqual(['devops'])
    expect(pull.draft).toBe(true)
    expect(f.logs.filter((l) => l.level === 'warning')).toEqual([])
  })

  it('retries follow-ups that race GitHub right after the PR is created', async () => {
    const f = await start()
    f.sim.inject({
      method: 'POST',
      path: `/repos/${SLUG}/issues/1/labels`,
      status: 422,
      message: "Could not resolve to a node with the global id of 'PR_x'"
    })
    await bumpGitOps(f.client, bumpOptions({ labels: ['gitops'] }), f.deps)
    expect(openPulls(f)[0].labels).toEqual(['gitops'])
    expect(f.sleeps).toEqual([1000])
  })

  it('warns, and keeps the PR, when a reviewer cannot be asked', async () => {
    const f = await start({ repos: [repoSeed({ collaborators: ['alice'] })] })
    const result = await bumpGitOps(f.client, bumpOptions({ reviewers: ['mallory'] }), f.deps)
    expect(result.operation).toBe('created')
    const warnings = f.logs.filter((l) => l.level === 'warning').map((l) => l.message)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('request reviews on #1')
    expect(warnings[0]).toContain('Reviews may only be requested from collaborators')
  })

  it('works against a GHES-style API under /api/v3, GraphQL included', async () => {
    const f = await start({ repos: [repoSeed({ allowAutoMerge: true })], apiPrefix: '/api/v3' })
    expect(f.sim.url).toMatch(/\/api\/v3$/)
    const result = await bumpGitOps(f.client, bumpOptions({ autoMerge: 'squash' }), f.deps)
    expect(result.operation).toBe('created')
    expect(openPulls(f)[0].autoMerge).toEqual(expect.objectContaining({ mergeMethod: 'squash' }))
  })
})

describe('re-runs', () => {
  it('finds the branch and PR again and changes nothing: one PR, unchanged', async () => {
    const f = await start()
    const first = await bumpGitOps(f.client, bumpOptions(), f.deps)
    const head = f.sim.branchSha(SLUG, bumpOptions().branch)
    f.takeRequests()

    const rerun = await bumpGitOps(
      f.client,
      bumpOptions({ source: { ...bumpOptions().source, runAttempt: 2 } }),
      f.deps
    )
    expect(rerun.operation).toBe('unchanged')
    expect(rerun.pullRequestNumber).toBe(first.pullRequestNumber)
    expect(rerun.commitSha).toBe(head)
    expect(f.sim.branchSha(SLUG, bumpOptions().branch)).toBe(head)
    expect(f.sim.pulls(SLUG)).toHaveLength(1)
    const writes = f.takeRequests().filter((r) => r.method !== 'GET')
    // The branch creation is refused with 422 "Reference already exists"; nothing else is written.
    expect(writes.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 422'])
  })

  it('also finds its PR through the supersede listing, without another lookup', async () => {
    const f = await start()
    await bumpGitOps(f.client, bumpOptions({ supersede: true, base: 'main' }), f.deps)
    f.takeRequests()
    const rerun = await bumpGitOps(f.client, bumpOptions({ supersede: true, base: 'main' }), f.deps)
    expect(rerun.operation).toBe('unchanged')
    // ref, contents, open PRs, the refused branch creation, compare, open PRs again.
    expect(f.takeRequests()).toHaveLength(6)
    expect(f.sim.pulls(SLUG)).toHaveLength(1)
  })

  it('resets its own branch onto a base that moved, keeping one commit and one PR', async () => {
    const f = await start()
    const options = bumpOptions()
    const first = await bumpGitOps(f.client, options, f.deps)
    const movedBase = f.sim.pushCommit(
      SLUG,
      'main',
      { 'README.md': '# GitOps apps\n' },
      { login: 'alice' }
    )

    const rerun = await bumpGitOps(f.client, options, f.deps)
    expect(rerun.operation).toBe('updated')
    expect(rerun.pullRequestNumber).toBe(first.pullRequestNumber)
    const commits = f.sim.commitsOn(SLUG, options.branch, movedBase)
    expect(commits).toHaveLength(1)
    expect(commits[0].parents).toEqual([movedBase])
    expect(f.sim.fileAt(SLUG, options.branch, 'README.md')).toBe('# GitOps apps\n')
    expect(
      changedLines(VALUES_TEXT, f.sim.fileAt(SLUG, options.branch, VALUES_FILE) ?? '')
    ).toHaveLength(1)
    expect(openPulls(f)).toHaveLength(1)
  })

  it('finishes a run that died after creating the branch', async () => {
    const f = await start()
    const options = bumpOptions()
    f.sim.inject({
      method: 'PUT',
      path: `/repos/${SLUG}/contents/${VALUES_FILE}`,
      status: 500,
      times: 4
    })
    await expectActionError(bumpGitOps(f.client, options, f.deps))
    expect(f.sim.branchSha(SLUG, options.branch)).toBe(f.sim.branchSha(SLUG, 'main'))

    const rerun = await bumpGitOps(f.client, options, f.deps)
    expect(rerun.operation).toBe('created')
    expect(f.sim.commitsOn(SLUG, options.branch, f.sim.branchSha(SLUG, 'main'))).toHaveLength(1)
  })

  it('updates title and body of its PR when a re-run brings a new image', async () => {
    const f = await start()
    const first = await bumpGitOps(f.client, bumpOptions(), f.deps)
    const options = bumpOptions({
      image: `${REGISTRY}/myapp-010:main-abc1234-7-rebuilt`,
      prTitle: 'rebuilt'
    })
    const rerun = await bumpGitOps(f.client, options, f.deps)
    expect(rerun.operation).toBe('updated')
    expect(rerun.pullRequestNumber).toBe(first.pullRequestNumber)
    const [pull] = openPulls(f)
    expect(pull.title).toBe('rebuilt')
    expect(parseMarker(pull.body)?.image).toBe(options.image)
    expect(f.sim.fileAt(SLUG, options.branch, VALUES_FILE)).toContain(options.image)
  })

  it('refuses a bump branch carrying a human commit and leaves it exactly as it was', async () => {
    const f = await start()
    const options = bumpOptions()
    await bumpGitOps(f.client, options, f.deps)
    const human = f.sim.pushCommit(
      SLUG,
      options.branch,
      { [VALUES_FILE]: VALUES_TEXT.replace('replicas: 2', 'replicas: 3') },
      { message: 'more replicas', login: 'alice' }
    )
    f.sim.pushCommit(SLUG, 'main', { 'README.md': 'moved\n' }, { login: 'bob' })

    const error = await expectActionError(bumpGitOps(f.client, options, f.deps))
    expect(error.message).toBe(
      `The bump branch ${options.branch} in ${SLUG} carries commit ${human.slice(0, 7)} ` +
        '"more replicas" by alice, which gitops-image-bump did not make; it is left untouched.'
    )
    expect(error.hint).toContain(`delete ${options.branch}`)
    expect(f.sim.branchSha(SLUG, options.branch)).toBe(human)
    expect(f.sim.fileAt(SLUG, options.branch, VALUES_FILE)).toContain('replicas: 3')
  })
})

describe('re-runs and review requests', () => {
  const REVIEWS = `/repos/${SLUG}/pulls/1/reviews`
  const REQUEST = `/repos/${SLUG}/pulls/1/requested_reviewers`
  /** Attempt `runAttempt` of the same run, with reviewers (the author among them) and a team. */
  const attempt = (runAttempt: number, extra: Partial<GitOpsBumpOptions> = {}) =>
    bumpOptions({
      reviewers: ['alice', 'bob', 'gitops-bot[bot]'],
      teamReviewers: ['devops'],
      ...extra,
      source: { ...bumpOptions().source, runAttempt }
    })

  /** A first run that opens the PR but whose review request never reaches GitHub. */
  async function firstRunLosesTheReviewRequest(f: Fixture, extra: Partial<GitOpsBumpOptions> = {}) {
    // The connection drops on every attempt (plugin-retry sends it 4 times).
    f.sim.inject({ method: 'POST', path: REQUEST, reset: true, times: 4 })
    const first = await bumpGitOps(f.client, attempt(1, extra), f.deps)
    expect(first.operation).toBe('created')
    expect(openPulls(f)[0]).toMatchObject({ reviewers: [], teamReviewers: [] })
    expect(f.logs.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      expect.stringContaining('request reviews on #1')
    ])
    f.sim.clearFaults()
    f.logs.length = 0
    f.takeRequests()
  }

  function reviewRequests(f: Fixture) {
    return f.takeRequests().filter((r) => r.path === REVIEWS || r.path === REQUEST)
  }

  it('a re-run asks the reviewers and teams a lost review request never reached', async () => {
    const f = await start()
    await firstRunLosesTheReviewRequest(f)

    const rerun = await bumpGitOps(f.client, attempt(2), f.deps)
    expect(rerun.operation).toBe('unchanged')
    expect(openPulls(f)[0]).toMatchObject({
      reviewers: ['alice', 'bob'],
      teamReviewers: ['devops']
    })
    const requests = f.takeRequests()
    // The three reads, the refused branch creation, compare, the PR lookup, then the reviews
    // and one request for everyone missing (the author left out): 8 requests.
    expect(
      requests.slice(3).map((r) => `${r.method} ${r.path.replace(/compare\/.*/, 'compare')}`)
    ).toEqual([
      `POST /repos/${SLUG}/git/refs`,
      `GET /repos/${SLUG}/compare`,
      `GET /repos/${SLUG}/pulls`,
      `GET ${REVIEWS}`,
      `POST ${REQUEST}`
    ])
    expect(requests.at(-1)).toMatchObject({
      status: 201,
      body: { reviewers: ['alice', 'bob'], team_reviewers: ['devops'] }
    })
    expect(f.logs.filter((l) => l.level === 'warning')).toEqual([])
    expect(f.logs.map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^Requested reviews on #1 from alice, bob, team devops: /)
    )
  })

  it('never asks again whoever already reviewed, nor a team once the PR has a review', async () => {
    const f = await start()
    await firstRunLosesTheReviewRequest(f)
    // alice reviews without having been asked.
    f.sim.submitReview(SLUG, 1, 'alice', 'APPROVED')

    await bumpGitOps(f.client, attempt(2), f.deps)
    const asked = reviewRequests(f)
    expect(asked.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${REVIEWS}`, `POST ${REQUEST}`])
    expect(asked[1].body).toEqual({ reviewers: ['bob'], team_reviewers: [] })
    expect(openPulls(f)[0]).toMatchObject({ reviewers: ['bob'], teamReviewers: [] })

    // bob reviews too (GitHub takes him off the requested reviewers): nothing is missing that
    // may be asked, so the next re-run reads the reviews and sends no request.
    f.sim.submitReview(SLUG, 1, 'bob', 'CHANGES_REQUESTED')
    expect(openPulls(f)[0].reviewers).toEqual([])
    await bumpGitOps(f.client, attempt(3), f.deps)
    expect(reviewRequests(f).map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${REVIEWS}`])
    expect(openPulls(f)[0]).toMatchObject({ reviewers: [], teamReviewers: [] })
    expect(f.logs.filter((l) => l.level === 'warning')).toEqual([])
  })

  it('once everyone is requested, a re-run sends no extra request (logins in any case)', async () => {
    const f = await start()
    await firstRunLosesTheReviewRequest(f, { supersede: true, base: 'main' })
    // The PR is found through the supersede listing this time.
    await bumpGitOps(f.client, attempt(2, { supersede: true, base: 'main' }), f.deps)
    expect(openPulls(f)[0]).toMatchObject({
      reviewers: ['alice', 'bob'],
      teamReviewers: ['devops']
    })
    f.takeRequests()

    const rerun = await bumpGitOps(
      f.client,
      attempt(3, {
        supersede: true,
        base: 'main',
        reviewers: ['ALICE', 'Bob', 'GitOps-Bot[bot]'],
        teamReviewers: ['DevOps']
      }),
      f.deps
    )
    expect(rerun.operation).toBe('unchanged')
    // ref, contents, open PRs, the refused branch creation, compare, open PRs again: as without
    // reviewers.
    expect(f.takeRequests()).toHaveLength(6)
    expect(openPulls(f)[0]).toMatchObject({
      reviewers: ['alice', 'bob'],
      teamReviewers: ['devops']
    })
  })

  it('warns and asks nobody when the reviews cannot be read', async () => {
    const f = await start()
    await firstRunLosesTheReviewRequest(f)
    f.sim.inject({ method: 'GET', path: REVIEWS, status: 403, message: 'Forbidden' })
    const rerun = await bumpGitOps(f.client, attempt(2), f.deps)
    expect(rerun.operation).toBe('unchanged')
    expect(reviewRequests(f).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 403'])
    const warnings = f.logs.filter((l) => l.level === 'warning').map((l) => l.message)
    expect(warnings).toEqual([expect.stringContaining('read the reviews of #1')])
    expect(openPulls(f)[0]).toMatchObject({ reviewers: [], teamReviewers: [] })
  })
})

describe('races and faults', () => {
  it('updates the PR that another run opened first (422 "already exists")', async () => {
    const f = await start()
    const options = bumpOptions()
    const racer = f.clientFor(APP_TOKEN)
    let other: Awaited<ReturnType<typeof bumpGitOps>> | undefined
    f.client.hook.before('request', async (request) => {
      if (other === undefined && request.method === 'POST' && request.url.endsWith('/pulls')) {
        // The other run finishes completely between our commit and our PR creation.
        other = await bumpGitOps(racer, options, f.deps)
      }
    })
    const result = await bumpGitOps(f.client, options, f.deps)
    expect(other?.operation).toBe('created')
    expect(['updated', 'unchanged']).toContain(result.operation)
    expect(f.sim.pulls(SLUG)).toHaveLength(1)
    expect(result.pullRequestNumber).toBe(f.sim.pulls(SLUG)[0].number)
    expect(
      f.sim.requests
        .filter((r) => r.method === 'POST' && r.path.endsWith('/pulls'))
        .map((r) => r.status)
    ).toEqual([201, 422])
  })

  it('re-reads the branch and retries when a write meets a stale sha (409)', async () => {
    const f = await start()
    const options = bumpOptions()
    await bumpGitOps(f.client, options, f.deps)
    const newer = bumpOptions({ image: `${REGISTRY}/myapp-010:retagged` })
    let moved = false
    f.client.hook.before('request', (request) => {
      if (!moved && request.method === 'PUT') {
        moved = true
        // Another run of this action commits to the branch between our read and our write.
        f.sim.pushCommit(
          SLUG,
          options.branch,
          { [VALUES_FILE]: VALUES_TEXT.replace(OLD_IMAGE, 'r/other:1') },
          { message: `other run\n\n${COMMIT_TRAILER}: ${VALUES_FILE}`, login: 'gitops-bot[bot]' }
        )
      }
    })
    f.takeRequests()
    const result = await bumpGitOps(f.client, newer, f.deps)
    expect(result.operation).toBe('updated')
    // The stale PUT is not resent as is: the branch is compared again and the PUT carries the new sha.
    const sent = f.takeRequests().filter((r) => r.method !== 'GET' || r.path.includes('/compare/'))
    expect(sent.map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 422',
      'GET 200',
      'PUT 409',
      'GET 200',
      'PUT 200',
      'PATCH 200'
    ])
    expect(f.sleeps).toEqual([1000])
    expect(f.sim.fileAt(SLUG, options.branch, VALUES_FILE)).toBe(
      VALUES_TEXT.replace(OLD_IMAGE, newer.image)
    )
  })

  it('gives up after a bounded number of 409s with a message that says what to do', async () => {
    const f = await start()
    f.sim.inject({
      method: 'PUT',
      path: `/repos/${SLUG}/contents/${VALUES_FILE}`,
      status: 409,
      message: `${VALUES_FILE} does not match abc`,
      times: 10
    })
    const error = await expectActionError(bumpGitOps(f.client, bumpOptions(), f.deps))
    expect(error.message).toBe(
      `update-myapp-010-abc1234 in ${SLUG} kept moving while ${VALUES_FILE} was committed ` +
        `(${VALUES_FILE} does not match abc); gave up after 4 attempts.`
    )
    expect(f.sleeps).toEqual([1000, 2000, 4000])
    expect(f.sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(4)
  })

  it('survives a 502 on PR creation and a secondary rate limit on branch creation', async () => {
    const f = await start()
    f.sim.inject({ method: 'POST', path: `/repos/${SLUG}/pulls`, status: 502 })
    f.sim.inject({
      method: 'POST',
      path: `/repos/${SLUG}/git/refs`,
      status: 403,
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '7' }
    })
    const result = await bumpGitOps(f.client, bumpOptions(), f.deps)
    expect(result.operation).toBe('created')
    expect(openPulls(f)).toHaveLength(1)
    const statuses = f.sim.requests.filter((r) => r.method === 'POST').map((r) => r.status)
    expect(statuses).toEqual([403, 201, 502, 201])
    expect(f.waits.map((w) => [w.reason, w.status, w.waitMs])).toEqual([
      ['secondary-rate-limit', undefined, 7],
      ['server-error', 502, 1]
    ])
  })
})

/** Polls the simulator's state (not the clock) until `ready` holds, for interleaving two runs. */
async function waitFor(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  if (!ready()) throw new Error('the awaited state never came')
}

describe('supersede and newest-wins', () => {
  const RUN_8 = '8'.repeat(40)
  const RUN_9 = '9'.repeat(40)

  it('closes older bump PRs of the same values file with a comment and deletes their branches', async () => {
    const f = await start()
    const older = bumpOptions({ supersede: true })
    const first = await bumpGitOps(f.client, older, f.deps)
    const newer = laterRun(8, RUN_8, { supersede: true })
    const result = await bumpGitOps(f.client, newer, f.deps)

    expect(result.operation).toBe('created')
    expect(result.closed).toEqual([first.pullRequestNumber])
    const old = f.sim.pulls(SLUG).find((p) => p.number === first.pullRequestNumber)
    expect(old?.state).toBe('closed')
    expect(old?.comments).toEqual([`Superseded by #${result.pullRequestNumber}.`])
    expect(f.sim.branchSha(SLUG, older.branch)).toBeUndefined()
    expect(openPulls(f).map((p) => p.number)).toEqual([result.pullRequestNumber])
  })

  it('keeps an older bump branch that a person has committed to, but still closes its PR', async () => {
    const f = await start()
    const older = bumpOptions({ supersede: true })
    await bumpGitOps(f.client, older, f.deps)
    const human = f.sim.pushCommit(SLUG, older.branch, { 'notes.txt': 'wip\n' }, { login: 'alice' })
    const result = await bumpGitOps(f.client, laterRun(8, RUN_8, { supersede: true }), f.deps)
    expect(result.closed).toHaveLength(1)
    expect(f.sim.branchSha(SLUG, older.branch)).toBe(human)
  })

  it('lets the newest run win when runs finish in reverse order', async () => {
    const f = await start()
    const newest = await bumpGitOps(f.client, laterRun(9, RUN_9, { supersede: true }), f.deps)
    const newestPull = openPulls(f)[0]
    f.takeRequests()

    const late = await bumpGitOps(f.client, laterRun(8, RUN_8, { supersede: true }), f.deps)
    expect(late.operation).toBe('superseded')
    expect(late.supersededBy).toBe(newest.pullRequestNumber)
    expect(late.pullRequestUrl).toBe(newest.pullRequestUrl)
    expect(f.takeRequests().every((r) => r.method === 'GET')).toBe(true)
    expect(f.sim.branchSha(SLUG, laterRun(8, RUN_8).branch)).toBeUndefined()
    expect(openPulls(f)).toEqual([newestPull])
    expect(f.sim.fileAt(SLUG, newestPull.head, VALUES_FILE)).toContain(laterRun(9, RUN_9).image)
  })

  it('does not bring an older image back after a newer run was merged', async () => {
    const f = await start()
    const newest = await bumpGitOps(f.client, laterRun(9, RUN_9, { supersede: true }), f.deps)
    await f.client.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', {
      owner: OWNER,
      repo: REPO,
      pull_number: newest.pullRequestNumber ?? 0
    })
    const merged = f.sim.fileAt(SLUG, 'main', VALUES_FILE)
    expect(merged).toContain(laterRun(9, RUN_9).image)
    f.takeRequests()

    const late = await bumpGitOps(f.client, laterRun(8, RUN_8, { supersede: true }), f.deps)
    expect(late.operation).toBe('superseded')
    expect(late.supersededBy).toBe(newest.pullRequestNumber)
    expect(f.takeRequests().every((r) => r.method === 'GET')).toBe(true)
    expect(openPulls(f)).toEqual([])
    expect(f.sim.fileAt(SLUG, 'main', VALUES_FILE)).toBe(merged)
  })

  it('leaves one open PR when a newer run opened its PR while an older run was writing', async () => {
    const f = await start()
    // The older run lists the open PRs first, finds nothing, and then the newer run completes
    // before the older one opens its PR: the second listing makes the older run close its own.
    f.sim.inject({ method: 'POST', path: `/repos/${SLUG}/pulls`, delayMs: 2000, times: 1 })
    const olderOptions = laterRun(8, RUN_8, { supersede: true })
    const olderRun = bumpGitOps(f.client, olderOptions, f.deps)
    // Start the newer run once the older one has committed and is opening its PR.
    await waitFor(
      () =>
        f.sim.branchSha(SLUG, olderOptions.branch) !== undefined &&
        f.sim.commitsOn(SLUG, olderOptions.branch, f.sim.branchSha(SLUG, 'main')).length > 0
    )
    const newest = await bumpGitOps(f.client, laterRun(9, RUN_9, { supersede: true }), f.deps)
    const late = await olderRun
    expect(late.operation).toBe('superseded')
    expect(late.supersededBy).toBe(newest.pullRequestNumber)
    expect(openPulls(f).map((p) => p.number)).toEqual([newest.pullRequestNumber])
  })

  it('never touches bump PRs of another app or environment', async () => {
    const f = await start()
    const mine = await bumpGitOps(f.client, bumpOptions({ supersede: true }), f.deps)
    const other = await bumpGitOps(
      f.client,
      laterRun(50, RUN_9, {
        supersede: true,
        valuesFile: OTHER_VALUES_FILE,
        branch: 'update-other-app-9999999',
        image: `${REGISTRY}/other-app:main-9999999-50`,
        source: { ...bumpOptions().source, app: 'other-app', runNumber: 50, sha: RUN_9 }
      }),
      f.deps
    )
    expect(other.operation).toBe('created')
    expect(other.closed).toEqual([])
    expect(
      openPulls(f)
        .map((p) => p.number)
        .sort()
    ).toEqual([mine.pullRequestNumber, other.pullRequestNumber].sort())
  })
})

describe('errors users can act on', () => {
  it('names the missing permission when the token can only read', async () => {
    const f = await start({
      tokens: [
        appToken,
        {
          token: 'ghs_readonly',
          login: 'reader[bot]',
          kind: 'app',
          permissions: { contents: 'read', pull_requests: 'read' }
        }
      ]
    })
    const error = await expectActionError(
      bumpGitOps(f.clientFor('ghs_readonly'), bumpOptions(), f.deps)
    )
    expect(error.message).toBe(
      `gitops-token may not create branch update-myapp-010-abc1234 in ${SLUG} ` +
        '(403: Resource not accessible by integration); it needs contents: write.'
    )
    expect(error.hint).toBe(
      `Grant the token contents: write on ${SLUG} (fine-grained PAT or GitHub App permissions), then re-run.`
    )
  })

  it('explains the 404 GitHub gives for a repository the token cannot see', async () => {
    const f = await start({
      tokens: [{ token: 'ghs_elsewhere', login: 'other[bot]', kind: 'app', repos: ['acme/other'] }]
    })
    const error = await expectActionError(
      bumpGitOps(f.clientFor('ghs_elsewhere'), bumpOptions({ base: 'main' }), f.deps)
    )
    expect(error.message).toBe(
      `The GitOps repository ${SLUG} is not visible to gitops-token (404 Not Found trying to read the repository).`
    )
    expect(error.hint).toContain('GitHub answers 404 when a token cannot see a private repository')
    expect(error.hint).toContain('contents: write and pull requests: write')
  })

  it('gives the exact setting when GitHub Actions may not create PRs, and a re-run finishes', async () => {
    const f = await start({
      tokens: [
        appToken,
        {
          token: 'ghs_actions',
          login: 'github-actions[bot]',
          kind: 'actions',
          canCreatePullRequests: false
        }
      ]
    })
    const options = bumpOptions()
    const error = await expectActionError(bumpGitOps(f.clientFor('ghs_actions'), options, f.deps))
    expect(error.message).toBe(
      `GitHub Actions is not permitted to create pull requests in ${SLUG} ` +
        '(403: GitHub Actions is not permitted to create or approve pull requests.).'
    )
    expect(error.hint).toContain(
      'Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"'
    )
    expect(error.hint).toContain('GitHub App installation token')

    const rerun = await bumpGitOps(f.client, options, f.deps)
    expect(rerun.operation).toBe('created')
    expect(f.sim.pulls(SLUG)).toHaveLength(1)
  })

  it('says to merge the onboarding PR when the values file is missing on the base', async () => {
    const f = await start()
    const error = await expectActionError(
      bumpGitOps(f.client, bumpOptions({ valuesFile: 'values/dev/new-app/values.yaml' }), f.deps)
    )
    expect(error.message).toBe(
      `The values file values/dev/new-app/values.yaml does not exist on main of ${SLUG}.`
    )
    expect(error.hint).toBe(
      'Merge the onboarding pull request that adds it, or set values-file to the file that holds microservice.image.'
    )
  })

  it('says when gitops-base names a branch that does not exist', async () => {
    const f = await start()
    const error = await expectActionError(
      bumpGitOps(f.client, bumpOptions({ base: 'prod' }), f.deps)
    )
    expect(error.message).toBe(`The base branch "prod" does not exist in ${SLUG}.`)
  })

  it('passes the values file key errors through', async () => {
    const f = await start()
    const error = await expectActionError(
      bumpGitOps(f.client, bumpOptions({ imageKey: 'microservice.probes' }), f.deps)
    )
    expect(error.constructor.name).toBe('ValuesError')
    expect(f.takeRequests().every((r) => r.method === 'GET')).toBe(true)
  })

  it('never puts the token in the PR, the commit, the result or the log', async () => {
    const f = await start()
    const result = await bumpGitOps(f.client, bumpOptions({ supersede: true }), f.deps)
    const everything = JSON.stringify({
      result,
      logs: f.logs,
      pulls: f.sim.pulls(SLUG),
      commits: f.sim.commitsOn(SLUG, bumpOptions().branch)
    })
    expect(everything).not.toContain(APP_TOKEN)
    const error = await expectActionError(
      bumpGitOps(f.clientFor('ghp_wrongwrongwrongwrong'), bumpOptions(), f.deps)
    )
    expect(`${error.message} ${error.hint} ${String(error.cause)}`).not.toContain('ghp_wrong')
  })
})

describe('tokens and signing', () => {
  it('warns once that a PAT makes unsigned commits, and reports them unverified', async () => {
    const pat = 'ghp_' + 'p'.repeat(36)
    const f = await start({ tokens: [{ token: pat, login: 'alice', kind: 'pat' }] })
    const result = await bumpGitOps(f.clientFor(pat), bumpOptions({ tokenKind: 'pat' }), f.deps)
    expect(result.commitsVerified).toBe(false)
    const warnings = f.logs.filter((l) => l.level === 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0].message).toContain('personal access token')
    expect(warnings[0].message).not.toContain(pat)
  })
})

describe('auto-merge', () => {
  it('enables auto-merge with the chosen method when the repository allows it', async () => {
    const f = await start({ repos: [repoSeed({ allowAutoMerge: true })] })
    await bumpGitOps(f.client, bumpOptions({ autoMerge: 'rebase' }), f.deps)
    expect(openPulls(f)[0].autoMerge).toEqual(expect.objectContaining({ mergeMethod: 'rebase' }))
    expect(f.logs.filter((l) => l.level === 'warning')).toEqual([])
  })

  it('warns with the setting to change when the repository does not allow auto-merge', async () => {
    const f = await start()
    const result = await bumpGitOps(f.client, bumpOptions({ autoMerge: 'squash' }), f.deps)
    expect(result.operation).toBe('created')
    expect(openPulls(f)[0].autoMerge).toBeNull()
    const warnings = f.logs.filter((l) => l.level === 'warning').map((l) => l.message)
    expect(warnings).toEqual([
      `Auto-merge is not allowed in ${SLUG}, so #1 waits for a manual merge. Turn on Settings → ` +
        `General → Pull Requests → "Allow auto-merge" in ${SLUG}, or set auto-merge: false.`
    ])
  })

  it('warns when the PR is already in clean status', async () => {
    const f = await start({ repos: [repoSeed({ allowAutoMerge: true, cleanStatus: true })] })
    await bumpGitOps(f.client, bumpOptions({ autoMerge: 'merge' }), f.deps)
    const warnings = f.logs.filter((l) => l.level === 'warning').map((l) => l.message)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('#1 can already be merged and nothing is pending')
  })

  it('does not ask again on a re-run when auto-merge is already on', async () => {
    const f = await start({ repos: [repoSeed({ allowAutoMerge: true })] })
    await bumpGitOps(f.client, bumpOptions({ autoMerge: 'squash', supersede: true }), f.deps)
    f.takeRequests()
    await bumpGitOps(f.client, bumpOptions({ autoMerge: 'squash', supersede: true }), f.deps)
    expect(f.takeRequests().some((r) => r.path.endsWith('graphql'))).toBe(false)
  })
})

describe('mode: commit', () => {
  it('commits straight to the base with no branch and no PR, then is idempotent', async () => {
    const f = await start()
    const options = bumpOptions({ mode: 'commit', base: 'main' })
    const result = await bumpGitOps(f.client, options, f.deps)
    expect(result.operation).toBe('committed')
    expect(result.branch).toBe('main')
    expect(result.commitSha).toBe(f.sim.branchSha(SLUG, 'main'))
    expect(changedLines(VALUES_TEXT, f.sim.fileAt(SLUG, 'main', VALUES_FILE) ?? '')).toHaveLength(1)
    expect(f.sim.commit(SLUG, result.commitSha ?? '')?.message).toContain(COMMIT_TRAILER)
    expect(f.sim.pulls(SLUG)).toHaveLength(0)
    expect(f.sim.branchSha(SLUG, options.branch)).toBeUndefined()
    expect(f.takeRequests()).toHaveLength(3)

    const rerun = await bumpGitOps(f.client, options, f.deps)
    expect(rerun.operation).toBe('unchanged')
    expect(f.takeRequests().every((r) => r.method === 'GET')).toBe(true)
  })

  it('re-reads the base when another commit changed the values file meanwhile', async () => {
    const f = await start()
    const options = bumpOptions({ mode: 'commit', base: 'main' })
    let moved = false
    f.client.hook.before('request', (request) => {
      if (!moved && request.method === 'PUT') {
        moved = true
        f.sim.pushCommit(
          SLUG,
          'main',
          { [VALUES_FILE]: VALUES_TEXT.replace('replicas: 2', 'replicas: 4') },
          { login: 'alice' }
        )
      }
    })
    const result = await bumpGitOps(f.client, options, f.deps)
    expect(result.operation).toBe('committed')
    const text = f.sim.fileAt(SLUG, 'main', VALUES_FILE) ?? ''
    expect(text).toContain('replicas: 4')
    expect(text).toContain(options.image)
  })
})
