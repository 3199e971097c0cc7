import { createHash, type Hash } from 'node:crypto'

/**
 * A persistent (copy-on-write) hash array mapped trie from file path to blob sha, with a lazily
 * computed, memoised Merkle digest per node.
 *
 * Why not a plain Map per commit: the benchmarks seed repositories of 100,000 files, and copying
 * or re-hashing the whole tree on every commit would make each simulated write cost O(files).
 * Here an update copies only the O(log32 n) nodes on the key's path, the digest of every shared
 * subtree is reused, and two trees are diffed by walking only the subtrees whose digests differ.
 *
 * The structure is canonical (a leaf sits at the shallowest level where its hash prefix is unique;
 * removal collapses single-leaf branches), so equal maps have equal digests whatever the order of
 * the edits that produced them.
 */

const BITS = 5
const MASK = (1 << BITS) - 1
/** Past this shift all 32 hash bits are consumed and equal hashes go into a collision node. */
const MAX_SHIFT = 30

interface Leaf {
  readonly kind: 'leaf'
  readonly hash: number
  readonly key: string
  readonly value: string
  digest?: Buffer
}

interface Collision {
  readonly kind: 'collision'
  readonly hash: number
  /** Sorted by key, at least two. */
  readonly leaves: readonly Leaf[]
  digest?: Buffer
}

interface Branch {
  readonly kind: 'branch'
  readonly bitmap: number
  readonly children: readonly TrieNode[]
  readonly size: number
  digest?: Buffer
}

type TrieNode = Leaf | Collision | Branch

/** FNV-1a over UTF-16 code units: fast, and only used to place keys, never for integrity. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

function fragment(hash: number, shift: number): number {
  return (hash >>> shift) & MASK
}

function sizeOf(node: TrieNode): number {
  switch (node.kind) {
    case 'leaf':
      return 1
    case 'collision':
      return node.leaves.length
    case 'branch':
      return node.size
  }
}

function makeBranch(bitmap: number, children: TrieNode[]): Branch {
  let size = 0
  for (const child of children) size += sizeOf(child)
  return { kind: 'branch', bitmap, children, size }
}

const EMPTY: Branch = { kind: 'branch', bitmap: 0, children: [], size: 0 }

/** A branch holding two nodes whose hashes differ at or below `shift`. */
function mergeNodes(a: Leaf | Collision, b: Leaf, shift: number): TrieNode {
  if (shift > MAX_SHIFT || a.hash === b.hash) {
    const leaves = a.kind === 'leaf' ? [a, b] : [...a.leaves, b]
    leaves.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    return { kind: 'collision', hash: a.hash, leaves }
  }
  const fa = fragment(a.hash, shift)
  const fb = fragment(b.hash, shift)
  if (fa === fb) return makeBranch(1 << fa, [mergeNodes(a, b, shift + BITS)])
  return makeBranch((1 << fa) | (1 << fb), fa < fb ? [a, b] : [b, a])
}

function insert(node: TrieNode, leaf: Leaf, shift: number): TrieNode {
  switch (node.kind) {
    case 'leaf':
      if (node.key === leaf.key) return node.value === leaf.value ? node : leaf
      return mergeNodes(node, leaf, shift)
    case 'collision': {
      if (node.hash !== leaf.hash) return mergeNodes(node, leaf, shift)
      const index = node.leaves.findIndex((l) => l.key === leaf.key)
      if (index >= 0) {
        if (node.leaves[index].value === leaf.value) return node
        const leaves = node.leaves.slice()
        leaves[index] = leaf
        return { kind: 'collision', hash: node.hash, leaves }
      }
      return mergeNodes(node, leaf, shift)
    }
    case 'branch': {
      const bit = 1 << fragment(leaf.hash, shift)
      const index = popcount(node.bitmap & (bit - 1))
      const children = node.children.slice()
      if ((node.bitmap & bit) === 0) {
        children.splice(index, 0, leaf)
        return makeBranch(node.bitmap | bit, children)
      }
      const child = children[index]
      const updated = insert(child, leaf, shift + BITS)
      if (updated === child) return node
      children[index] = updated
      return makeBranch(node.bitmap, children)
    }
  }
}

/** Returns the node without `key`, `undefined` when the node becomes empty. */
function remove(
  node: TrieNode,
  key: string,
  hash: number,
  shift: number,
  isRoot: boolean
): TrieNode | undefined {
  switch (node.kind) {
    case 'leaf':
      return node.key === key ? undefined : node
    case 'collision': {
      const leaves = node.leaves.filter((l) => l.key !== key)
      if (leaves.length === node.leaves.length) return node
      return leaves.length === 1 ? leaves[0] : { kind: 'collision', hash: node.hash, leaves }
    }
    case 'branch': {
      const bit = 1 << fragment(hash, shift)
      if ((node.bitmap & bit) === 0) return node
      const index = popcount(node.bitmap & (bit - 1))
      const child = node.children[index]
      const updated = remove(child, key, hash, shift + BITS, false)
      if (updated === child) return node
      const children = node.children.slice()
      let bitmap = node.bitmap
      if (updated === undefined) {
        children.splice(index, 1)
        bitmap &= ~bit
      } else {
        children[index] = updated
      }
      if (children.length === 0) return isRoot ? EMPTY : undefined
      // Canonical form: a lone leaf or collision moves up to where its prefix is unique.
      if (!isRoot && children.length === 1 && children[0].kind !== 'branch') return children[0]
      return makeBranch(bitmap, children)
    }
  }
}

function lookup(node: TrieNode, key: string, hash: number, shift: number): string | undefined {
  let current: TrieNode = node
  let s = shift
  for (;;) {
    switch (current.kind) {
      case 'leaf':
        return current.key === key ? current.value : undefined
      case 'collision':
        return current.leaves.find((l) => l.key === key)?.value
      case 'branch': {
        const bit = 1 << fragment(hash, s)
        if ((current.bitmap & bit) === 0) return undefined
        current = current.children[popcount(current.bitmap & (bit - 1))]
        s += BITS
      }
    }
  }
}

/**
 * Leaves are fed into their parent's hash instead of being hashed one by one: a 100,000-file seed
 * then costs a few thousand sha1 computations, not a hundred thousand.
 */
function digestOf(node: TrieNode): Buffer {
  if (node.digest !== undefined) return node.digest
  const hash = createHash('sha1')
  feed(hash, node)
  node.digest = hash.digest()
  return node.digest
}

function feed(hash: Hash, node: TrieNode): void {
  switch (node.kind) {
    case 'leaf':
      hash.update(`L${node.key}\0${node.value}\n`)
      return
    case 'collision':
      hash.update('C')
      for (const leaf of node.leaves) feed(hash, leaf)
      return
    case 'branch':
      hash.update(`B${node.bitmap}:`)
      for (const child of node.children) {
        if (child.kind === 'leaf') feed(hash, child)
        else hash.update(digestOf(child))
      }
  }
}

function sameContent(a: TrieNode, b: TrieNode): boolean {
  if (a.kind === 'leaf' || b.kind === 'leaf') {
    return a.kind === 'leaf' && b.kind === 'leaf' && a.key === b.key && a.value === b.value
  }
  return digestOf(a).equals(digestOf(b))
}

/** Builds the canonical trie for distinct-key leaves in one pass (no intermediate copies). */
function build(leaves: Leaf[], shift: number, isRoot: boolean): TrieNode {
  if (leaves.length === 1 && !isRoot) return leaves[0]
  if (!isRoot && (shift > MAX_SHIFT || leaves.every((l) => l.hash === leaves[0].hash))) {
    const sorted = leaves.slice().sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    return { kind: 'collision', hash: leaves[0].hash, leaves: sorted }
  }
  const buckets: Leaf[][] = []
  let bitmap = 0
  for (const leaf of leaves) {
    const f = fragment(leaf.hash, shift)
    bitmap |= 1 << f
    ;(buckets[f] ??= []).push(leaf)
  }
  const children: TrieNode[] = []
  for (let f = 0; f < 32; f++) {
    const bucket = buckets[f]
    if (bucket !== undefined) children.push(build(bucket, shift + BITS, false))
  }
  return makeBranch(bitmap, children)
}

function* entriesOf(node: TrieNode): Generator<[string, string]> {
  switch (node.kind) {
    case 'leaf':
      yield [node.key, node.value]
      return
    case 'collision':
      for (const leaf of node.leaves) yield [leaf.key, leaf.value]
      return
    case 'branch':
      for (const child of node.children) yield* entriesOf(child)
  }
}

/** One changed key between two maps; `before`/`after` undefined means absent on that side. */
export interface MapChange {
  key: string
  before?: string
  after?: string
}

function diffNodes(a: TrieNode | undefined, b: TrieNode | undefined, out: MapChange[]): void {
  if (a === b) return
  if (a !== undefined && b !== undefined && sameContent(a, b)) return
  if (a?.kind === 'branch' && b?.kind === 'branch') {
    const union = a.bitmap | b.bitmap
    for (let f = 0; f < 32; f++) {
      const bit = 1 << f
      if ((union & bit) === 0) continue
      const ca = a.bitmap & bit ? a.children[popcount(a.bitmap & (bit - 1))] : undefined
      const cb = b.bitmap & bit ? b.children[popcount(b.bitmap & (bit - 1))] : undefined
      diffNodes(ca, cb, out)
    }
    return
  }
  // Leaves and collisions are small on at least one side: compare the key sets directly.
  const before = new Map(a === undefined ? [] : entriesOf(a))
  const after = new Map(b === undefined ? [] : entriesOf(b))
  for (const [key, value] of before) {
    const next = after.get(key)
    if (next !== value) out.push({ key, before: value, after: next })
  }
  for (const [key, value] of after) {
    if (!before.has(key)) out.push({ key, after: value })
  }
}

/** An immutable map from string to string; every update returns a new map sharing structure. */
export class PersistentMap {
  private constructor(private readonly root: Branch) {}

  static readonly empty = new PersistentMap(EMPTY)

  static from(entries: Iterable<[string, string]>): PersistentMap {
    const byKey = new Map(entries)
    if (byKey.size === 0) return PersistentMap.empty
    const leaves: Leaf[] = []
    for (const [key, value] of byKey) leaves.push({ kind: 'leaf', hash: hashKey(key), key, value })
    return new PersistentMap(build(leaves, 0, true) as Branch)
  }

  get size(): number {
    return this.root.size
  }

  get(key: string): string | undefined {
    return lookup(this.root, key, hashKey(key), 0)
  }

  has(key: string): boolean {
    return this.get(key) !== undefined
  }

  set(key: string, value: string): PersistentMap {
    const leaf: Leaf = { kind: 'leaf', hash: hashKey(key), key, value }
    const root = insert(this.root, leaf, 0) as Branch
    return root === this.root ? this : new PersistentMap(root)
  }

  delete(key: string): PersistentMap {
    const root = remove(this.root, key, hashKey(key), 0, true) as Branch
    return root === this.root ? this : new PersistentMap(root)
  }

  /** Stable 40-hex digest of the whole content; shared subtrees are hashed once. */
  digest(): string {
    return digestOf(this.root).toString('hex')
  }

  entries(): IterableIterator<[string, string]> {
    return entriesOf(this.root)
  }

  /**
   * Trie nodes of `this` that `base` does not share (compared position by position): what an
   * update really allocated. Lets tests check that a commit costs O(log n), not O(n).
   */
  unsharedNodes(base: PersistentMap): number {
    const count = (node: TrieNode, old: TrieNode | undefined): number => {
      if (node === old) return 0
      if (node.kind !== 'branch') return 1
      let total = 1
      for (let f = 0; f < 32; f++) {
        const bit = 1 << f
        if ((node.bitmap & bit) === 0) continue
        const child = node.children[popcount(node.bitmap & (bit - 1))]
        const oldChild =
          old?.kind === 'branch' && (old.bitmap & bit) !== 0
            ? old.children[popcount(old.bitmap & (bit - 1))]
            : undefined
        total += count(child, oldChild)
      }
      return total
    }
    return count(this.root, base.root)
  }

  /** Changes from `this` to `other`, in no particular order. Cost grows with the changes only. */
  diff(other: PersistentMap): MapChange[] {
    const out: MapChange[] = []
    diffNodes(this.root, other.root, out)
    return out
  }
}
