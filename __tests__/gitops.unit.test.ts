import { describe, it, expect } from '@jest/globals'
import {
  autoMergeRefusal,
  commitMessageWithTrailer,
  decideBranch,
  describeAcceptedPermissions,
  gitBlobSha,
  isOwnCommit,
  planSupersede,
  type BranchComparison,
  type OpenPull
} from '../src/gitops.js'
import { formatMarker, type BumpMarker } from '../src/pr-body.js'

const FILE = 'values/dev/app/values.yaml'
const OWN = commitMessageWithTrailer('chore(dev): bump app to main-abc1234-1', FILE)

describe('gitBlobSha', () => {
  it.each([
    ['', 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'],
    ['hello\n', 'ce013625030ba8dba906f756967f9e9ca394464a'],
    ['what is up, doc?', 'bd9dbf5aae1a3862dd1526723246b20206e5fc37']
  ])('gives git the object id of %j', (text, sha) => {
    expect(gitBlobSha(Buffer.from(text, 'utf8'))).toBe(sha)
  })
})

describe('commit trailer', () => {
  it('appends the trailer naming the values file after a blank line', () => {
    expect(commitMessageWithTrailer('chore: bump\n', FILE)).toBe(
      `chore: bump\n\nGitOps-Image-Bump: ${FILE}\n`
    )
  })

  it.each([
    [OWN, true],
    ['Merge branch main into update-app', false],
    ['fix values by hand\n\nSigned-off-by: Alice <a@example.com>', false],
    ['mentions GitOps-Image-Bump: inline only', false],
    [`squashed\n\n* chore\n\nGitOps-Image-Bump: ${FILE}`, true]
  ])('recognises %j as the action’s own: %s', (message, own) => {
    expect(isOwnCommit(message)).toBe(own)
  })
})

describe('decideBranch', () => {
  const BASE_BLOB = 'b'.repeat(40)
  const WANTED = 'w'.repeat(40)
  const OTHER = 'o'.repeat(40)
  const own = (sha: string) => ({ sha, message: OWN, author: 'gitops-bot[bot]', verified: true })
  const human = (sha: string) => ({
    sha,
    message: 'tweak replicas',
    author: 'alice',
    verified: false
  })
  const comparison = (overrides: Partial<BranchComparison>): BranchComparison => ({
    aheadBy: 0,
    behindBy: 0,
    commits: [],
    files: [],
    headSha: 'c'.repeat(40),
    ...overrides
  })

  it.each<[string, Partial<BranchComparison>, ReturnType<typeof decideBranch>]>([
    [
      'an empty branch at the base gets the commit on the base blob',
      {},
      { action: 'commit', fileSha: BASE_BLOB }
    ],
    [
      'an own branch already holding the bytes is kept',
      {
        aheadBy: 1,
        commits: [own('1'.repeat(40))],
        files: [{ filename: FILE, sha: WANTED, status: 'modified' }],
        headSha: '1'.repeat(40)
      },
      { action: 'keep', headSha: '1'.repeat(40), verified: true }
    ],
    [
      'an own branch holding another image gets a commit on its blob',
      {
        aheadBy: 1,
        commits: [own('1'.repeat(40))],
        files: [{ filename: FILE, sha: OTHER, status: 'modified' }]
      },
      { action: 'commit', fileSha: OTHER }
    ],
    [
      'an own branch behind the base is reset',
      { aheadBy: 1, behindBy: 3, commits: [own('1'.repeat(40))] },
      { action: 'reset' }
    ],
    [
      'a branch that is only behind (never committed to) is reset',
      { behindBy: 2 },
      { action: 'reset' }
    ],
    [
      'a branch with a human commit is refused, even when current',
      {
        aheadBy: 2,
        commits: [own('1'.repeat(40)), human('2'.repeat(40))],
        files: [{ filename: FILE, sha: WANTED, status: 'modified' }]
      },
      { action: 'refuse', commit: human('2'.repeat(40)) }
    ],
    [
      'a branch with a human commit is refused, not reset, when behind',
      { aheadBy: 1, behindBy: 4, commits: [human('2'.repeat(40))] },
      { action: 'refuse', commit: human('2'.repeat(40)) }
    ],
    [
      'a branch with more commits than GitHub lists is refused',
      { aheadBy: 300, commits: [own('1'.repeat(40))] },
      { action: 'refuse', commit: undefined }
    ],
    [
      'own commits that left the values file as on the base get a commit on the base blob',
      { aheadBy: 1, commits: [own('1'.repeat(40))], files: [] },
      { action: 'commit', fileSha: BASE_BLOB }
    ]
  ])('%s', (_name, overrides, expected) => {
    expect(decideBranch(comparison(overrides), FILE, WANTED, BASE_BLOB)).toEqual(expected)
  })
})

describe('planSupersede', () => {
  const REPO = 'acme/gitops'
  const ours = {
    branch: 'update-app-ccc',
    valuesFile: FILE,
    base: 'main',
    runNumber: 10,
    runAttempt: 1
  }
  const marker = (overrides: Partial<BumpMarker>): BumpMarker => ({
    valuesFile: FILE,
    base: 'main',
    app: 'app',
    environment: 'dev',
    repository: 'acme/app',
    sha: 'a'.repeat(40),
    runNumber: 1,
    runAttempt: 1,
    image: 'r/app:1',
    ...overrides
  })
  let next = 1
  const pull = (headRef: string, body: string | null, headRepository: string | null = REPO) =>
    ({
      number: next++,
      url: `https://github.com/${REPO}/pull/${next}`,
      nodeId: `PR_${next}`,
      headRef,
      headRepository,
      title: 't',
      body,
      labels: [],
      autoMerge: null,
      author: 'gitops-bot[bot]'
    }) satisfies OpenPull

  it('finds its own PR by branch, closes older runs and ignores other values files', () => {
    const own = pull('update-app-ccc', formatMarker(marker({ runNumber: 10 })))
    const older = pull('update-app-aaa', formatMarker(marker({ runNumber: 8 })))
    const olderAttempt = pull(
      'update-app-bbb',
      formatMarker(marker({ runNumber: 10, runAttempt: 1 }))
    )
    const otherApp = pull(
      'update-other',
      formatMarker(marker({ valuesFile: 'values/dev/other/values.yaml', runNumber: 3 }))
    )
    const otherBase = pull(
      'update-app-ddd',
      formatMarker(marker({ base: 'release', runNumber: 3 }))
    )
    const human = pull('feature/x', 'A human PR')
    const plan = planSupersede({ ...ours, runAttempt: 2 }, REPO, [
      own,
      older,
      olderAttempt,
      otherApp,
      otherBase,
      human
    ])
    expect(plan.own).toBe(own)
    expect(plan.newer).toBeUndefined()
    expect(plan.older.map((p) => p.number)).toEqual([older.number, olderAttempt.number])
  })

  it('loses to the newest newer run and reports that one', () => {
    const newer = pull('update-app-eee', formatMarker(marker({ runNumber: 11 })))
    const newest = pull('update-app-fff', formatMarker(marker({ runNumber: 12 })))
    const newerAttempt = pull(
      'update-app-ggg',
      formatMarker(marker({ runNumber: 11, runAttempt: 3 }))
    )
    const plan = planSupersede(ours, REPO, [newer, newest, newerAttempt])
    expect(plan.newer).toBe(newest)
  })

  it('ignores a fork PR that copies a marker with a huge run number', () => {
    const fork = pull(
      'update-app-zzz',
      formatMarker(marker({ runNumber: 999999 })),
      'mallory/gitops'
    )
    const gone = pull('update-app-yyy', formatMarker(marker({ runNumber: 999999 })), null)
    const plan = planSupersede(ours, REPO, [fork, gone])
    expect(plan).toEqual({ older: [] })
  })

  it('never treats a PR with the same run and attempt as older or newer', () => {
    const twin = pull('other-branch', formatMarker(marker({ runNumber: 10 })))
    expect(planSupersede(ours, REPO, [twin])).toEqual({ older: [] })
  })

  it('matches the repository case-insensitively, as GitHub does', () => {
    const own = pull('update-app-ccc', null, 'Acme/GitOps')
    expect(planSupersede(ours, REPO, [own]).own).toBe(own)
  })
})

describe('describeAcceptedPermissions', () => {
  it.each([
    ['contents=write', 'contents: write'],
    ['contents=write,pull_requests=write', 'contents: write and pull_requests: write'],
    ['contents=read; issues=write', 'contents: read, or issues: write'],
    [
      'actions=read,contents=read; actions=read,checks=read',
      'actions: read and contents: read, or actions: read and checks: read'
    ]
  ])('names %j as %j', (header, text) => {
    expect(describeAcceptedPermissions(header)).toBe(text)
  })
})

describe('autoMergeRefusal', () => {
  it.each([
    ['Auto merge is not allowed for this repository', 'not-allowed'],
    ['Pull request Auto merge is not allowed for this repository', 'not-allowed'],
    ['Pull request Pull request is in clean status', 'clean-status'],
    ['Pull request Pull request is in unstable status', 'not-ready'],
    ['Resource not accessible by integration', undefined]
  ])('classifies %j as %s', (message, kind) => {
    expect(autoMergeRefusal(message)).toBe(kind)
  })
})
