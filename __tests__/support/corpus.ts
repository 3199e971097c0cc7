/**
 * The real-world values corpus (../shared/corpus/values, read in place, never copied), an
 * enumeration of the scalars in a values file made with yaml's Document API (independent of
 * src/values.ts, so tests can hold the patcher to it), and a seeded generator of synthetic
 * values files. Used by the values tests and by bench/values.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Parser,
  visit,
  type Document,
  type Node as YamlNode,
  type Scalar
} from 'yaml'
import { formatKeyPath } from '../../src/key-path.js'

export const ECR_IMAGE = '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-abc1234-1'
export const TAG_VALUE = 'main-abc1234-1'

/** The repository root: the nearest folder above this file with our package.json. */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }
      if (name === 'gitops-image-bump') return dir
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('gitops-image-bump package.json not found above ' + dir)
    dir = parent
  }
}

/** `GIB_CORPUS_DIR`, else `<repo>/../shared/corpus/values`; undefined when it does not exist. */
export function corpusDir(): string | undefined {
  const dir = process.env.GIB_CORPUS_DIR ?? path.resolve(repoRoot(), '../shared/corpus/values')
  return existsSync(dir) ? dir : undefined
}

export interface CorpusFile {
  name: string
  file: string
}

export function corpusFiles(dir: string): CorpusFile[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({ name, file: path.join(dir, name) }))
}

/** One scalar of the first document, as yaml's Document API sees it. */
export interface ScalarSite {
  path: (string | number)[]
  keyPath: string
  /** The scalar's source range (quotes included); for an empty value, from the key's end. */
  start: number
  end: number
  empty: boolean
  /** The scalar's string as written (`1.10` stays `1.10`), null when empty or null. */
  value: string | null
  style: Scalar['type']
  /** The scalar sits inside {…} or […]. */
  inFlow: boolean
}

/**
 * Every scalar the patcher should be able to set: reached through maps and sequences, not
 * through or inside anything aliased, not under a duplicated or merge key, not a block scalar.
 */
export function scalarSites(text: string): ScalarSite[] {
  return scalarSitesOf(parseValues(text))
}

/** All documents of a values file as Helm reads them: YAML 1.1, duplicate keys allowed. */
export function parseValues(text: string): Document.Parsed[] {
  // Parser + Composer directly: the same documents as parseAllDocuments, at half the cost.
  const composer = new Composer({ uniqueKeys: false, version: '1.1' })
  return [...composer.compose(new Parser().parse(text))]
}

export function scalarSitesOf(docs: Document.Parsed[]): ScalarSite[] {
  if (docs.length === 0) return []
  const doc = docs[0]
  if (docs.some((d) => d.errors.length > 0) || !doc.contents) return []
  const aliased = new Set<string>()
  visit(doc, {
    Alias(_key, node) {
      aliased.add(node.source)
    }
  })

  const sites: ScalarSite[] = []
  const walk = (
    node: unknown,
    nodePath: (string | number)[],
    keyEnd: number,
    inFlow: boolean
  ): void => {
    if (node === null || node === undefined) {
      if (nodePath.length > 0 && keyEnd >= 0) {
        sites.push(site(nodePath, keyEnd, keyEnd, true, null, 'PLAIN', inFlow))
      }
      return
    }
    if (isAlias(node)) return
    const yamlNode = node as YamlNode
    if (yamlNode.anchor && aliased.has(yamlNode.anchor)) return
    if (isScalar(node)) {
      if (nodePath.length === 0) return
      if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return
      const range = node.range as [number, number, number]
      const source = node.source ?? ''
      if (source === '' && node.type === 'PLAIN') {
        if (keyEnd >= 0) sites.push(site(nodePath, keyEnd, range[0], true, null, 'PLAIN', inFlow))
        return
      }
      const value = node.value === null ? null : source
      sites.push(site(nodePath, range[0], range[1], false, value, node.type, inFlow))
      return
    }
    if (isMap(node)) {
      const counts = new Map<string, number>()
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = pair.key.source ?? ''
          counts.set(key, (counts.get(key) ?? 0) + 1)
        }
      }
      for (const pair of node.items) {
        if (
          !isScalar(pair.key) ||
          (pair.key.type !== 'PLAIN' &&
            pair.key.type !== 'QUOTE_DOUBLE' &&
            pair.key.type !== 'QUOTE_SINGLE')
        )
          continue
        const key = pair.key.source ?? ''
        if (key === '' || key === '<<' || counts.get(key) !== 1) continue
        if (node.items.some((p) => isScalar(p.key) && p.key.source === '<<')) continue
        const end = (pair.key.range as [number, number, number])[1]
        walk(pair.value, [...nodePath, key], end, node.flow === true)
      }
      return
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (isScalar(item) || isMap(item) || isSeq(item))
          walk(item, [...nodePath, i], -1, node.flow === true)
      })
    }
  }
  walk(doc.contents, [], -1, false)
  return sites
}

function site(
  sitePath: (string | number)[],
  start: number,
  end: number,
  empty: boolean,
  value: string | null,
  style: Scalar['type'],
  inFlow: boolean
): ScalarSite {
  return {
    path: sitePath,
    keyPath: formatKeyPath(sitePath),
    start,
    end,
    empty,
    value,
    style,
    inFlow
  }
}

/** `image: …`, or `tag`/`repository` under a key ending in `image`. */
export function isImageLike(s: ScalarSite): boolean {
  const last = s.path[s.path.length - 1]
  const parent = s.path[s.path.length - 2]
  if (last === 'image') return true
  return (
    typeof parent === 'string' &&
    /image$/i.test(parent) &&
    (last === 'tag' || last === 'repository')
  )
}

export interface CorpusTarget {
  label: 'image-like' | 'deepest' | 'first'
  site: ScalarSite
  newValue: string
}

/**
 * The first image-like scalar (or the first scalar when none is image-like) and the deepest one
 * (non-empty ones only; one target when they are the same).
 */
export function pickTargets(sites: ScalarSite[]): CorpusTarget[] {
  const real = sites.filter((s) => !s.empty)
  if (real.length === 0) return []
  const imageLike = real.find(isImageLike)
  const picks: [CorpusTarget['label'], ScalarSite][] = [
    imageLike ? ['image-like', imageLike] : ['first', real[0]],
    ['deepest', real.reduce((best, s) => (s.path.length > best.path.length ? s : best))]
  ]
  const seen = new Set<string>()
  const out: CorpusTarget[] = []
  for (const [label, s] of picks) {
    if (seen.has(s.keyPath)) continue
    seen.add(s.keyPath)
    out.push({ label, site: s, newValue: newValueFor(s) })
  }
  return out
}

/** An ECR reference for `image`, else a tag; never the value already there. */
export function newValueFor(s: ScalarSite): string {
  const value = s.path[s.path.length - 1] === 'image' ? ECR_IMAGE : TAG_VALUE
  return value === s.value ? `${value}-2` : value
}

/**
 * Where `after` differs from `before`: the smallest window [start, end) of `before` replaced
 * by `inserted`.
 */
export function changedWindow(
  before: string,
  after: string
): { start: number; end: number; inserted: string } {
  let prefix = 0
  const limit = Math.min(before.length, after.length)
  while (prefix < limit && before[prefix] === after[prefix]) prefix++
  let suffix = 0
  while (
    suffix < limit - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++
  }
  return {
    start: prefix,
    end: before.length - suffix,
    inserted: after.slice(prefix, after.length - suffix)
  }
}

// ---------------------------------------------------------------------------------------------
// Synthetic values files

/** mulberry32: a small seeded PRNG, so every generated file can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GenerateOptions {
  /** Stop adding top-level keys once the text is at least this long. */
  minLength?: number
  /** Top-level keys when minLength is not set. */
  topKeys?: number
  maxDepth?: number
}

const WORDS = [
  'microservice',
  'image',
  'tag',
  'repository',
  'name',
  'namespace',
  'port',
  'replicas',
  'resources',
  'limits',
  'cpu',
  'memory',
  'probes',
  'liveness',
  'path',
  'enabled',
  'ingress',
  'hosts',
  'annotations',
  'env',
  'value',
  'service',
  'type',
  'labels',
  'securityContext',
  'runAsUser',
  'nodeSelector',
  'tolerations',
  'config',
  'url',
  'timeout',
  'mode'
]

const PLAIN_STRINGS = [
  'nginx',
  'main-abc1234-1',
  'v1.2.3',
  'ghcr.io/acme/app:1.0',
  'ClusterIP',
  '/healthz',
  'https://example.com/a?b=c',
  'a b c',
  'IfNotPresent',
  'café',
  '日本語',
  'x-y_z'
]
const QUOTABLE_STRINGS = [
  '1.10',
  'yes',
  'on',
  '',
  "it's",
  'say "hi"',
  'a: b',
  'x #y',
  '#start',
  '- dash',
  '{x}',
  '[y]',
  '0x1F',
  '~',
  'null',
  'tab\there',
  '*star',
  '&amp',
  '!bang',
  '%pct',
  '@at',
  '`tick',
  ' lead'
]
const TYPED_PLAIN = ['8000', '3', 'true', 'false', '0.5', '~', 'null']

/**
 * A random values file: block maps with 2- or 4-space indents, block and flow collections,
 * plain/single/double-quoted scalars, empty values, comments (full-line and trailing, with
 * spaces or tabs), blank lines, LF/CRLF/mixed line endings, an optional BOM, `---`, a second
 * document, and an optional missing final newline. Every file parses.
 */
export function generateValuesFile(random: () => number, options: GenerateOptions = {}): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const chance = (p: number): boolean => random() < p
  const eolStyle = pick(['lf', 'crlf', 'mixed'] as const)
  const eol = (): string =>
    eolStyle === 'lf' ? '\n' : eolStyle === 'crlf' ? '\r\n' : chance(0.5) ? '\r\n' : '\n'
  const indentUnit = pick([2, 4])
  const maxDepth = options.maxDepth ?? 4
  const lines: string[] = []
  const comment = (): string => pick(['  # note', ' # pinned', '\t# tab before', '    #x'])

  const quoteSingle = (s: string): string => `'${s.replace(/'/g, "''")}'`
  const quoteDouble = (s: string): string =>
    `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t')}"`
  const scalar = (inFlow: boolean): string => {
    const r = random()
    if (r < 0.35)
      return pick(inFlow ? PLAIN_STRINGS.filter((s) => !/[:,[\]{}]/.test(s)) : PLAIN_STRINGS)
    if (r < 0.5) return pick(TYPED_PLAIN)
    const s = pick([...PLAIN_STRINGS, ...QUOTABLE_STRINGS])
    return r < 0.75 || s.includes('\t') ? quoteDouble(s) : quoteSingle(s)
  }
  const flow = (depth: number): string => {
    if (chance(0.5) || depth >= maxDepth) {
      const n = 1 + Math.floor(random() * 3)
      const items = Array.from({ length: n }, () => scalar(true))
      return `[${items.join(', ')}]`
    }
    const n = 1 + Math.floor(random() * 3)
    const keys = uniqueKeys(n)
    const inner = keys.map((k) => `${k}: ${chance(0.2) ? flow(depth + 1) : scalar(true)}`)
    return chance(0.5) ? `{${inner.join(', ')}}` : `{ ${inner.join(', ')} }`
  }
  const uniqueKeys = (n: number): string[] => {
    const keys = new Set<string>()
    while (keys.size < n) {
      const base = pick(WORDS)
      keys.add(keys.has(base) ? `${base}${keys.size}` : chance(0.05) ? `${base}.io/x` : base)
    }
    return [...keys]
  }
  const keyText = (k: string): string => (chance(0.1) ? `"${k}"` : k)

  const blockMap = (depth: number, indent: number, count: number): void => {
    const pad = ' '.repeat(indent)
    for (const key of uniqueKeys(count)) {
      if (chance(0.1)) lines.push('')
      if (chance(0.1)) lines.push(`${pad}# about ${key}`)
      const r = random()
      if (depth < maxDepth && r < 0.3) {
        lines.push(`${pad}${keyText(key)}:${chance(0.2) ? comment() : ''}`)
        blockMap(depth + 1, indent + indentUnit, 1 + Math.floor(random() * 4))
      } else if (depth < maxDepth && r < 0.4) {
        lines.push(`${pad}${keyText(key)}:`)
        blockSeq(depth + 1, chance(0.5) ? indent : indent + indentUnit)
      } else if (r < 0.5) {
        lines.push(`${pad}${keyText(key)}: ${flow(depth + 1)}${chance(0.3) ? comment() : ''}`)
      } else if (r < 0.56) {
        lines.push(`${pad}${keyText(key)}:${chance(0.5) ? comment() : ''}`)
      } else {
        lines.push(`${pad}${keyText(key)}: ${scalar(false)}${chance(0.25) ? comment() : ''}`)
      }
    }
  }
  const blockSeq = (depth: number, indent: number): void => {
    const pad = ' '.repeat(indent)
    const n = 1 + Math.floor(random() * 3)
    for (let i = 0; i < n; i++) {
      if (depth < maxDepth && chance(0.4)) {
        const keys = uniqueKeys(1 + Math.floor(random() * 3))
        keys.forEach((k, j) => {
          const lead = j === 0 ? `${pad}- ` : `${pad}  `
          lines.push(`${lead}${keyText(k)}: ${scalar(false)}`)
        })
      } else {
        lines.push(`${pad}- ${scalar(false)}${chance(0.2) ? comment() : ''}`)
      }
    }
  }

  if (chance(0.2)) lines.push('# generated values')
  if (chance(0.2)) lines.push('---')
  if (options.minLength !== undefined) {
    let length = 0
    let round = 0
    while (length < options.minLength) {
      const before = lines.length
      lines.push(`section${round++}:`)
      blockMap(1, indentUnit, 6)
      for (let i = before; i < lines.length; i++) length += lines[i].length + 1
    }
  } else {
    blockMap(0, 0, options.topKeys ?? 1 + Math.floor(random() * 6))
  }
  if (chance(0.1)) {
    lines.push('---')
    lines.push(`other: ${scalar(false)}`)
  }
  let text = lines.map((line) => line + eol()).join('')
  if (chance(0.15)) text = '\uFEFF' + text
  if (chance(0.2)) text = text.replace(/\r?\n$/, '')
  return text
}
