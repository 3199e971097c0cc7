import { describe, it, expect } from '@jest/globals'
import { DEFAULT_PATHS_IGNORE } from '../src/inputs.js'
import {
  decideSkip,
  parseNameStatus,
  planComparison,
  type ChangedFile,
  type ChangedFiles,
  type SkipInput
} from '../src/changes.js'
import { ActionError } from '../src/errors.js'

const modified = (...names: string[]): ChangedFile[] =>
  names.map((filename) => ({ filename, status: 'modified' }))
const renamed = (previousFilename: string, filename: string): ChangedFile => ({
  filename,
  status: 'renamed',
  previousFilename
})
const known = (files: ChangedFile[]): ChangedFiles => ({ known: true, files })

const base: SkipInput = {
  eventName: 'push',
  force: false,
  ref: 'refs/heads/main',
  changedFiles: known(modified('README.md')),
  paths: [],
  pathsIgnore: DEFAULT_PATHS_IGNORE
}

type DecisionRow = [behaviour: string, change: Partial<SkipInput>, skip: boolean, reason: RegExp]

const decisions: DecisionRow[] = [
  // Docs-only changes skip, naming the files and their count.
  [
    'a docs-only push',
    { changedFiles: known(modified('README.md', 'docs/a.md', 'docs/b.md')) },
    true,
    /^all 3 changed files match paths-ignore: README\.md, docs\/a\.md, docs\/b\.md$/
  ],
  [
    'a push of one README',
    { changedFiles: known(modified('services/api/README.md')) },
    true,
    /^the only changed file matches paths-ignore: services\/api\/README\.md$/
  ],
  [
    'a docs-only pull request',
    {
      eventName: 'pull_request',
      ref: 'refs/pull/7/merge',
      changedFiles: known(modified('docs/x.md'))
    },
    true,
    /paths-ignore: docs\/x\.md$/
  ],
  [
    'a docs-only pull_request_target',
    { eventName: 'pull_request_target', changedFiles: known(modified('.gitignore')) },
    true,
    /paths-ignore: \.gitignore$/
  ],
  [
    'a large docs-only push, naming five files and the count',
    {
      changedFiles: known(modified(...Array.from({ length: 12 }, (_, i) => `docs/page-${i}.md`)))
    },
    true,
    /^all 12 changed files match paths-ignore: docs\/page-0\.md, docs\/page-1\.md, docs\/page-2\.md, docs\/page-3\.md, docs\/page-4\.md and 7 more$/
  ],
  // One code file is enough to build, and the reason names it.
  [
    'a push with code and docs',
    { changedFiles: known(modified('README.md', 'src/main.ts', 'docs/a.md')) },
    false,
    /^1 of 3 changed files does not match paths-ignore: src\/main\.ts$/
  ],
  [
    'a deleted source file',
    { changedFiles: known([{ filename: 'src/old.ts', status: 'removed' }]) },
    false,
    /src\/old\.ts/
  ],
  // Renames count under both names.
  [
    'a doc renamed into the source tree',
    { changedFiles: known([renamed('docs/example.ts', 'src/example.ts')]) },
    false,
    /docs\/example\.ts → src\/example\.ts/
  ],
  [
    'a source file renamed into docs',
    { changedFiles: known([renamed('src/example.ts', 'docs/example.ts')]) },
    false,
    /src\/example\.ts → docs\/example\.ts/
  ],
  [
    'a rename inside docs',
    { changedFiles: known([renamed('docs/old.md', 'docs/new.md')]) },
    true,
    /^the only changed file matches paths-ignore: docs\/old\.md → docs\/new\.md$/
  ],
  // Events that never skip.
  [
    'workflow_dispatch',
    { eventName: 'workflow_dispatch' },
    false,
    /^workflow_dispatch events always build/
  ],
  ['schedule', { eventName: 'schedule' }, false, /^schedule events always build/],
  ['release', { eventName: 'release' }, false, /^release events always build/],
  ['merge_group', { eventName: 'merge_group' }, false, /^merge_group events always build/],
  ['an unnamed event', { eventName: '' }, false, /^this events always build/],
  [
    'a tag push',
    { ref: 'refs/tags/v1.2.0' },
    false,
    /^tag pushes always build \(refs\/tags\/v1\.2\.0\)$/
  ],
  ['force', { force: true }, false, /^force is true/],
  ['force on a pull request', { eventName: 'pull_request', force: true }, false, /^force is true/],
  // Unknown changed files build and carry the reason.
  [
    'a new branch whose files are unknown',
    { changedFiles: { known: false, reason: 'no default branch' } },
    false,
    /^the changed files are unknown \(no default branch\); a skip must be proven$/
  ],
  [
    'a force push answered 404',
    { changedFiles: { known: false, reason: 'GitHub cannot compare abc...def (404)' } },
    false,
    /404/
  ],
  [
    'a push of 300 files',
    { changedFiles: { known: false, reason: 'the compare API lists 300 files, its cap' } },
    false,
    /300 files/
  ],
  // An empty change list builds.
  ['an empty commit', { changedFiles: known([]) }, false, /^no file changed/],
  [
    'an empty commit with paths',
    { paths: ['src/**'], changedFiles: known([]) },
    false,
    /^no file changed/
  ],
  // No filter at all.
  ['no filters', { pathsIgnore: [] }, false, /^paths and paths-ignore are both empty/],
  // `paths` only.
  [
    'paths only, nothing in them',
    { paths: ['src/**'], pathsIgnore: [], changedFiles: known(modified('tools/a.sh', 'Makefile')) },
    true,
    /^none of the 2 changed files match paths: tools\/a\.sh, Makefile$/
  ],
  [
    'paths only, one file outside them',
    { paths: ['src/**'], pathsIgnore: [], changedFiles: known(modified('Makefile')) },
    true,
    /^the only changed file does not match paths: Makefile$/
  ],
  [
    'paths only, a match',
    { paths: ['src/**'], pathsIgnore: [], changedFiles: known(modified('Makefile', 'src/a.ts')) },
    false,
    /^1 of 2 changed files matches paths: src\/a\.ts$/
  ],
  [
    'paths only, a README inside them',
    { paths: ['src/**'], pathsIgnore: [], changedFiles: known(modified('src/README.md')) },
    false,
    /matches paths: src\/README\.md/
  ],
  [
    'paths with an exclusion',
    {
      paths: ['sub-project/**', '!sub-project/docs/**'],
      pathsIgnore: [],
      changedFiles: known(modified('sub-project/docs/readme.txt'))
    },
    true,
    /does not match paths/
  ],
  [
    'paths, a file renamed out of them',
    {
      paths: ['src/**'],
      pathsIgnore: [],
      changedFiles: known([renamed('src/tool.ts', 'tools/tool.ts')])
    },
    false,
    /src\/tool\.ts → tools\/tool\.ts/
  ],
  // Both: a file must match paths and not be ignored.
  [
    'paths and paths-ignore, only a README in paths',
    { paths: ['src/**'], changedFiles: known(modified('src/README.md', 'Makefile')) },
    true,
    /^every changed file that matches paths also matches paths-ignore \(1 of 2 changed files\): src\/README\.md$/
  ],
  [
    'paths and paths-ignore, code in paths',
    { paths: ['src/**'], changedFiles: known(modified('src/README.md', 'src/a.ts')) },
    false,
    /^1 of 2 changed files matches paths and not paths-ignore: src\/a\.ts$/
  ],
  [
    'paths and paths-ignore, nothing in paths',
    { paths: ['src/**'], changedFiles: known(modified('Makefile')) },
    true,
    /does not match paths: Makefile/
  ],
  // paths-ignore is ordered, with re-includes.
  [
    'paths-ignore re-including a file with !',
    {
      pathsIgnore: ['docs/**', '!docs/openapi.yaml'],
      changedFiles: known(modified('docs/openapi.yaml'))
    },
    false,
    /docs\/openapi\.yaml/
  ],
  [
    'paths-ignore with a re-include that does not apply',
    {
      pathsIgnore: ['docs/**', '!docs/openapi.yaml'],
      changedFiles: known(modified('docs/intro.md'))
    },
    true,
    /paths-ignore: docs\/intro\.md/
  ]
]

describe('decideSkip', () => {
  it.each(decisions)('decides %s', (_behaviour, change, expectedSkip, reason) => {
    const decision = decideSkip({ ...base, ...change })
    expect(decision).toEqual({ skip: expectedSkip, reason: expect.stringMatching(reason) })
  })

  it('checks the patterns even when the changed files are unknown', () => {
    expect(() =>
      decideSkip({
        ...base,
        paths: ['src/[oops'],
        changedFiles: { known: false, reason: 'a shallow clone' }
      })
    ).toThrow(ActionError)
    expect(() => decideSkip({ ...base, pathsIgnore: ['docs/'] })).toThrow(/^Invalid paths-ignore/)
  })
})

const sha = (digit: string): string => digit.repeat(40)
const repository = {
  full_name: 'acme/app',
  name: 'app',
  owner: { login: 'acme' },
  default_branch: 'main'
}

describe('planComparison', () => {
  it.each<[string, Parameters<typeof planComparison>[0], unknown]>([
    [
      'compares before...after for a push to an existing branch, tree against tree',
      {
        eventName: 'push',
        payload: { ref: 'refs/heads/main', before: sha('a'), after: sha('b'), repository }
      },
      {
        known: true,
        owner: 'acme',
        repo: 'app',
        base: sha('a'),
        baseIsBranch: false,
        head: sha('b'),
        twoDot: true
      }
    ],
    [
      "compares the default branch with after for a branch's first push",
      {
        eventName: 'push',
        payload: {
          ref: 'refs/heads/feature',
          before: sha('0'),
          after: sha('b'),
          created: true,
          repository
        }
      },
      {
        known: true,
        owner: 'acme',
        repo: 'app',
        base: 'main',
        baseIsBranch: true,
        head: sha('b'),
        twoDot: false
      }
    ],
    [
      'compares base.sha...head.sha for a pull request',
      {
        eventName: 'pull_request',
        payload: { pull_request: { base: { sha: sha('c') }, head: { sha: sha('d') } }, repository }
      },
      {
        known: true,
        owner: 'acme',
        repo: 'app',
        base: sha('c'),
        baseIsBranch: false,
        head: sha('d'),
        twoDot: false
      }
    ],
    [
      'compares base.sha...head.sha for pull_request_target',
      {
        eventName: 'pull_request_target',
        payload: { pull_request: { base: { sha: sha('c') }, head: { sha: sha('d') } }, repository }
      },
      {
        known: true,
        owner: 'acme',
        repo: 'app',
        base: sha('c'),
        baseIsBranch: false,
        head: sha('d'),
        twoDot: false
      }
    ],
    [
      'takes the repository from the run context first',
      {
        eventName: 'push',
        repository: 'other/repo',
        payload: { before: sha('a'), after: sha('b') }
      },
      {
        known: true,
        owner: 'other',
        repo: 'repo',
        base: sha('a'),
        baseIsBranch: false,
        head: sha('b'),
        twoDot: true
      }
    ],
    [
      'cannot compare a deleted branch',
      {
        eventName: 'push',
        payload: {
          ref: 'refs/heads/gone',
          before: sha('a'),
          after: sha('0'),
          deleted: true,
          repository
        }
      },
      { known: false, reason: 'the push deleted refs/heads/gone' }
    ],
    [
      'cannot compare a tag push',
      {
        eventName: 'push',
        ref: 'refs/tags/v1',
        payload: { before: sha('0'), after: sha('b'), repository }
      },
      { known: false, reason: 'refs/tags/v1 is a tag push' }
    ],
    [
      'cannot compare a first push without the default branch',
      {
        eventName: 'push',
        payload: { before: sha('0'), after: sha('b'), repository: { full_name: 'acme/app' } }
      },
      { known: false, reason: expect.stringMatching(/names no default branch/) }
    ],
    [
      'cannot compare a push without after',
      { eventName: 'push', payload: { before: sha('a'), repository } },
      { known: false, reason: "the push event has no 'after' commit" }
    ],
    [
      'cannot compare a pull request without shas',
      { eventName: 'pull_request', payload: { pull_request: { number: 1 }, repository } },
      { known: false, reason: 'the pull_request event has no base and head commits' }
    ],
    [
      'cannot compare without a repository',
      { eventName: 'push', payload: { before: sha('a'), after: sha('b') } },
      { known: false, reason: 'the event names no repository' }
    ],
    [
      'has nothing to compare for workflow_dispatch',
      { eventName: 'workflow_dispatch', payload: { repository } },
      { known: false, reason: 'workflow_dispatch events have no changed files' }
    ]
  ])('%s', (_behaviour, ctx, expected) => {
    expect(planComparison(ctx)).toEqual(expected)
  })
})

describe('parseNameStatus', () => {
  it('reads git diff --name-status -z output, renames under both names', () => {
    const output = [
      'M',
      'src/a.ts',
      'A',
      'docs/new file.md',
      'D',
      'old.txt',
      'R087',
      'docs/guide.md',
      'docs/handbook.md',
      'C100',
      'a.txt',
      'b.txt',
      'T',
      'link',
      ''
    ].join('\0')
    expect(parseNameStatus(output)).toEqual([
      { filename: 'src/a.ts', status: 'modified' },
      { filename: 'docs/new file.md', status: 'added' },
      { filename: 'old.txt', status: 'removed' },
      { filename: 'docs/handbook.md', status: 'renamed', previousFilename: 'docs/guide.md' },
      { filename: 'b.txt', status: 'copied' },
      { filename: 'link', status: 'changed' }
    ])
  })

  it('reads an empty diff as no files', () => {
    expect(parseNameStatus('')).toEqual([])
  })

  it('keeps names with newlines, tabs and quotes intact', () => {
    expect(parseNameStatus('M\0a\nb\t"c".md\0')).toEqual([
      { filename: 'a\nb\t"c".md', status: 'modified' }
    ])
  })
})
