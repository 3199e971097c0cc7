import { describe, it, expect } from '@jest/globals'
import { PersistentMap, hashKey } from '../sandbox/github/hamt.js'
import {
  ObjectStore,
  blobSha,
  fileChanges,
  lineStats,
  type CommitObject
} from '../sandbox/github/git.js'
import { executeGraphql } from '../sandbox/github/graphql.js'
import { actorFromSeed, World } from '../sandbox/github/state.js'

const identity = { name: 'octocat', email: 'octocat@example.com', date: '2026-01-01T00:00:00Z' }

function files(n: number, value = (i: number): string => `blob-${i}`): [string, string][] {
  return Array.from({ length: n }, (_, i) => [`values/env-${i % 3}/app-${i}/values.yaml`, value(i)])
}

/** Two distinct keys whose FNV hashes are equal, found by brute force (birthday bound). */
function collidingKeys(): [string, string] {
  const seen = new Map<number, string>()
  for (let i = 0; ; i++) {
    const key = `k${i}`
    const h = hashKey(key)
    const other = seen.get(h)
    if (other !== undefined) return [other, key]
    seen.set(h, key)
  }
}

describe('persistent tree map', () => {
  it('gives equal contents the same digest whatever order the edits came in', () => {
    const entries = files(2000)
    const forward = PersistentMap.from(entries)
    let backward = PersistentMap.empty
    for (const [k, v] of [...entries].reverse()) backward = backward.set(k, v)
    expect(backward.digest()).toBe(forward.digest())
    expect(forward.digest()).toMatch(/^[0-9a-f]{40}$/)

    let pruned = forward
    for (const [k] of entries.slice(1000)) pruned = pruned.delete(k)
    expect(pruned.digest()).toBe(PersistentMap.from(entries.slice(0, 1000)).digest())
    expect(pruned.size).toBe(1000)
  })

  it('changes the digest when one value changes, and restores it when the change is undone', () => {
    const map = PersistentMap.from(files(500))
    const changed = map.set('values/env-1/app-1/values.yaml', 'other')
    expect(changed.digest()).not.toBe(map.digest())
    expect(changed.set('values/env-1/app-1/values.yaml', 'blob-1').digest()).toBe(map.digest())
    expect(map.get('values/env-1/app-1/values.yaml')).toBe('blob-1')
  })

  it('copies only a handful of nodes when one file of a 100,000-file tree changes', () => {
    const big = PersistentMap.from(files(100_000))
    const edited = big.set('values/env-2/app-77/values.yaml', 'new').set('new/file.txt', 'x')
    // Two paths from the root, at most ~5 levels each: independent of the number of files.
    expect(edited.unsharedNodes(big)).toBeLessThanOrEqual(12)
    expect(big.unsharedNodes(big)).toBe(0)
    expect(edited.diff(big)).toHaveLength(2)
  })

  it('lists exactly the added, removed and changed keys in a diff', () => {
    const before = PersistentMap.from(files(300))
    const after = before
      .delete('values/env-0/app-0/values.yaml')
      .set('values/env-1/app-1/values.yaml', 'changed')
      .set('added.txt', 'a')
    const changes = before.diff(after).sort((a, b) => a.key.localeCompare(b.key))
    expect(changes).toEqual([
      { key: 'added.txt', after: 'a' },
      { key: 'values/env-0/app-0/values.yaml', before: 'blob-0' },
      { key: 'values/env-1/app-1/values.yaml', before: 'blob-1', after: 'changed' }
    ])
  })

  it('keeps keys whose hashes collide apart, and collapses them canonically on delete', () => {
    const [a, b] = collidingKeys()
    expect(hashKey(a)).toBe(hashKey(b))
    const both = PersistentMap.from([
      [a, '1'],
      [b, '2'],
      ['other', '3']
    ])
    expect([both.get(a), both.get(b), both.size]).toEqual(['1', '2', 3])
    const withoutB = both.delete(b)
    expect(withoutB.get(b)).toBeUndefined()
    expect(withoutB.digest()).toBe(
      PersistentMap.from([
        [a, '1'],
        ['other', '3']
      ]).digest()
    )
    expect(both.diff(withoutB)).toEqual([{ key: b, before: '2' }])
  })
})

describe('git objects', () => {
  it('names blobs with the ids git gives them', () => {
    // `printf 'hello\n' | git hash-object --stdin`, and the empty blob.
    expect(blobSha('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a')
    expect(blobSha('')).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391')
  })

  function history(): { store: ObjectStore; commit: (parents: string[], file: string) => string } {
    const store = new ObjectStore()
    let n = 0
    const commit = (parents: string[], file: string): string => {
      const parent: CommitObject | undefined = store.commit(parents[0] ?? '')
      const tree = (parent?.tree ?? PersistentMap.empty).set(file, store.putBlob(`${n++}\n`))
      return store.createCommit({
        tree,
        parents,
        message: file,
        author: identity,
        committer: identity,
        verified: false,
        login: 'octocat'
      }).sha
    }
    return { store, commit }
  }

  it('finds the merge base and the commits on each side of a diverged history', () => {
    const { store, commit } = history()
    const root = commit([], 'a')
    const base = commit([root], 'b')
    const main1 = commit([base], 'main-1')
    const main2 = commit([main1], 'main-2')
    const topic1 = commit([base], 'topic-1')
    const result = store.ancestry(main2, topic1)
    expect(result.mergeBase).toBe(base)
    expect(result.ahead.map((c) => c.sha)).toEqual([topic1])
    expect(result.behind.map((c) => c.sha)).toEqual([main2, main1])
    expect(store.isAncestor(base, main2)).toBe(true)
    expect(store.isAncestor(topic1, main2)).toBe(false)
    expect(store.ancestry(main2, main2)).toEqual({ mergeBase: main2, ahead: [], behind: [] })
  })

  it('walks through merge commits and reports unrelated histories', () => {
    const { store, commit } = history()
    const root = commit([], 'a')
    const left = commit([root], 'left')
    const right = commit([root], 'right')
    const merge = commit([left, right], 'merge')
    const after = commit([merge], 'after')
    expect(store.ancestry(right, after)).toMatchObject({ mergeBase: right, behind: [] })
    expect(store.ancestry(right, after).ahead.map((c) => c.message)).toEqual([
      'after',
      'merge',
      'left'
    ])
    const orphan = commit([], 'orphan')
    expect(store.ancestry(orphan, after).mergeBase).toBeUndefined()
    expect(store.history(after).map((c) => c.message)).toEqual([
      'after',
      'merge',
      expect.stringMatching(/^(left|right)$/),
      expect.stringMatching(/^(left|right)$/),
      'a'
    ])
  })

  it.each([
    ['', 'a\nb\n', 2, 0],
    ['a\nb\n', '', 0, 2],
    ['a\nb\nc\n', 'a\nB\nc\n', 1, 1],
    ['a\nb\nc\n', 'a\nc\n', 0, 1],
    ['image: x:1\nport: 80\n', 'image: x:2\nport: 80\nreplicas: 2\n', 2, 1],
    ['same\n', 'same\n', 0, 0]
  ])('counts line additions and deletions of %j → %j', (before, after, additions, deletions) => {
    expect(lineStats(before, after)).toEqual({ additions, deletions })
  })

  it('pairs a removed and an added path with the same blob as a rename', () => {
    const store = new ObjectStore()
    const guide = store.putBlob('guide\n')
    const before = PersistentMap.from([
      ['docs/guide.md', guide],
      ['src/a.ts', store.putBlob('a\n')],
      ['old.txt', store.putBlob('old\n')]
    ])
    const after = before
      .delete('docs/guide.md')
      .set('src/guide.md', guide)
      .set('src/a.ts', store.putBlob('b\n'))
      .delete('old.txt')
      .set('new.txt', store.putBlob('new\n'))
    expect(
      fileChanges(before, after).map((c) => [c.filename, c.status, c.previousFilename])
    ).toEqual([
      ['new.txt', 'added', undefined],
      ['old.txt', 'removed', undefined],
      ['src/a.ts', 'modified', undefined],
      ['src/guide.md', 'renamed', 'docs/guide.md']
    ])
  })
})

describe('GraphQL executor', () => {
  function world(): World {
    const w = new World(() => Date.parse('2026-01-01T00:00:00Z'))
    const repo = w.addRepo({ owner: 'acme', name: 'gitops', files: { 'a.txt': 'a\n' } })
    repo.setRef(
      'heads/topic',
      repo.commitOnBranch(
        'main',
        { 'b.txt': 'b\n' },
        {
          message: 'b',
          author: identity,
          committer: identity,
          verified: false,
          login: 'octocat'
        }
      ).sha
    )
    repo.openPull({
      title: 'Bump',
      body: '',
      head: 'topic',
      base: 'main',
      draft: false,
      maintainerCanModify: true,
      user: 'bot[bot]'
    })
    return w
  }
  const actor = actorFromSeed({ token: 't', login: 'bot[bot]', kind: 'app' })
  const urls = { api: 'http://127.0.0.1:1', html: 'http://127.0.0.1:1' }

  it('answers aliases, fragments, variables and __typename', () => {
    const result = executeGraphql(world(), actor, urls, {
      query: `query Find($owner: String!, $name: String!, $n: Int = 1) {
        repo: repository(owner: $owner, name: $name) {
          ...Bits
          pr: pullRequest(number: $n) { __typename number isDraft state headRefName }
        }
      }
      fragment Bits on Repository { nameWithOwner autoMergeAllowed }`,
      variables: { owner: 'acme', name: 'gitops' }
    })
    expect(result).toEqual({
      data: {
        repo: {
          nameWithOwner: 'acme/gitops',
          autoMergeAllowed: false,
          pr: {
            __typename: 'PullRequest',
            number: 1,
            isDraft: false,
            state: 'OPEN',
            headRefName: 'topic'
          }
        }
      }
    })
  })

  it('rejects a field outside the schema with no data, as GitHub does', () => {
    const result = executeGraphql(world(), actor, urls, {
      query: '{ repository(owner: "acme", name: "gitops") { pullRequest(number: 1) { bogus } } }'
    })
    expect(result).toEqual({
      errors: [
        expect.objectContaining({
          message: "Field 'bogus' doesn't exist on type 'PullRequest'",
          locations: [{ line: 1, column: 72 }]
        })
      ]
    })
  })

  it('reports a syntax error with its position', () => {
    const result = executeGraphql(world(), actor, urls, { query: 'mutation { x(input: {a: 1) }' })
    expect(result).toEqual({
      errors: [{ message: 'Parse error on ")" at [1, 26]', locations: [{ line: 1, column: 26 }] }]
    })
  })

  it('refuses a missing required variable', () => {
    const result = executeGraphql(world(), actor, urls, {
      query: 'query($id: ID!) { node(id: $id) { id } }',
      variables: {}
    })
    expect(result.errors).toEqual([
      expect.objectContaining({ message: 'Variable $id of type ID! was provided invalid value' })
    ])
  })

  it('returns partial data and a typed error for a repository it cannot find', () => {
    const result = executeGraphql(world(), actor, urls, {
      query: '{ a: repository(owner: "acme", name: "nope") { id } viewer { login } }'
    })
    expect(result).toEqual({
      data: { a: null, viewer: { login: 'bot' } },
      errors: [
        expect.objectContaining({
          type: 'NOT_FOUND',
          path: ['a'],
          message: "Could not resolve to a Repository with the name 'acme/nope'."
        })
      ]
    })
  })
})
