/**
 * A small GraphQL endpoint: a real parser (operations, variables, aliases, fragments, inline
 * fragments, @include/@skip) and an executor over a hand-written slice of GitHub's schema —
 * the shapes the action and its tests send: pull request lookup by node id or number,
 * auto-merge, draft toggling and createCommitOnBranch. Anything else gets GitHub's
 * "Field 'x' doesn't exist on type 'Y'" error, so a query outside the slice fails loudly.
 */
import { pullNodeId, parseNodeId, repoNodeId, type Urls } from './render.js'
import { commitMeta, mergeTrees } from './routes.js'
import type { CommitObject } from './git.js'
import {
  noreplyEmail,
  notAccessibleMessage,
  type Actor,
  type PullState,
  type RepoState,
  type World
} from './state.js'

type Json = Record<string, unknown>

// ---------------------------------------------------------------------------------------------
// Lexer and parser

interface Token {
  kind: 'punct' | 'name' | 'int' | 'float' | 'string' | 'eof'
  value: string
  line: number
  column: number
}

interface Location {
  line: number
  column: number
}

type ValueNode =
  | { kind: 'variable'; name: string }
  | { kind: 'constant'; value: unknown }
  | { kind: 'enum'; value: string }
  | { kind: 'list'; items: ValueNode[] }
  | { kind: 'object'; fields: Record<string, ValueNode> }

interface Directive {
  name: string
  args: Record<string, ValueNode>
}

interface FieldNode {
  kind: 'field'
  alias?: string
  name: string
  args: Record<string, ValueNode>
  directives: Directive[]
  selections?: Selection[]
  loc: Location
}

interface InlineFragmentNode {
  kind: 'inline'
  typeCondition?: string
  directives: Directive[]
  selections: Selection[]
}

interface SpreadNode {
  kind: 'spread'
  name: string
  directives: Directive[]
}

type Selection = FieldNode | InlineFragmentNode | SpreadNode

interface Operation {
  type: 'query' | 'mutation'
  variables: { name: string; type: string; defaultValue?: ValueNode }[]
  selections: Selection[]
}

interface Document {
  operations: Operation[]
  fragments: Map<string, { typeCondition: string; selections: Selection[] }>
}

class ParseError extends Error {
  constructor(
    message: string,
    readonly loc: Location
  ) {
    super(message)
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  let line = 1
  let lineStart = 0
  const at = (): Location => ({ line, column: i - lineStart + 1 })
  while (i < source.length) {
    const c = source[i]
    if (c === '\n') {
      i++
      line++
      lineStart = i
      continue
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === ',' || c === '\ufeff') {
      i++
      continue
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++
      continue
    }
    const loc = at()
    if (source.startsWith('...', i)) {
      tokens.push({ kind: 'punct', value: '...', ...loc })
      i += 3
      continue
    }
    if ('!$()[]{}:=@|&'.includes(c)) {
      tokens.push({ kind: 'punct', value: c, ...loc })
      i++
      continue
    }
    if (/[A-Za-z_]/.test(c)) {
      const start = i
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i])) i++
      tokens.push({ kind: 'name', value: source.slice(start, i), ...loc })
      continue
    }
    if (/[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i))
      if (match === null) throw new ParseError(`Parse error on "${c}"`, loc)
      tokens.push({
        kind: match[1] !== undefined || match[2] !== undefined ? 'float' : 'int',
        value: match[0],
        ...loc
      })
      i += match[0].length
      continue
    }
    if (source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3)
      if (end < 0) throw new ParseError('Parse error: unterminated string', loc)
      const text = source.slice(i + 3, end)
      for (const ch of text) if (ch === '\n') line++
      tokens.push({ kind: 'string', value: text, ...loc })
      i = end + 3
      continue
    }
    if (c === '"') {
      let j = i + 1
      let text = ''
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\n') throw new ParseError('Parse error: unterminated string', loc)
        if (source[j] === '\\') {
          const e = source[j + 1]
          if (e === 'u') {
            text += String.fromCharCode(parseInt(source.slice(j + 2, j + 6), 16))
            j += 6
            continue
          }
          const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }
          text += escapes[e] ?? e
          j += 2
          continue
        }
        text += source[j]
        j++
      }
      if (j >= source.length) throw new ParseError('Parse error: unterminated string', loc)
      tokens.push({ kind: 'string', value: text, ...loc })
      i = j + 1
      continue
    }
    throw new ParseError(`Parse error on "${c}"`, loc)
  }
  tokens.push({ kind: 'eof', value: '', ...at() })
  return tokens
}

class Parser {
  private pos = 0

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos]
  }

  private next(): Token {
    return this.tokens[this.pos++]
  }

  private fail(token: Token): never {
    const shown = token.kind === 'eof' ? 'end of file' : `"${token.value}"`
    throw new ParseError(`Parse error on ${shown} at [${token.line}, ${token.column}]`, {
      line: token.line,
      column: token.column
    })
  }

  private is(value: string): boolean {
    const t = this.peek()
    return (t.kind === 'punct' || t.kind === 'name') && t.value === value
  }

  private expect(value: string): Token {
    const t = this.next()
    if (t.value !== value || (t.kind !== 'punct' && t.kind !== 'name')) this.fail(t)
    return t
  }

  private name(): string {
    const t = this.next()
    if (t.kind !== 'name') this.fail(t)
    return t.value
  }

  document(): Document {
    const doc: Document = { operations: [], fragments: new Map() }
    while (this.peek().kind !== 'eof') {
      if (this.is('{')) {
        doc.operations.push({ type: 'query', variables: [], selections: this.selectionSet() })
      } else if (this.is('query') || this.is('mutation')) {
        doc.operations.push(this.operation())
      } else if (this.is('fragment')) {
        this.next()
        const name = this.name()
        this.expect('on')
        const typeCondition = this.name()
        this.directives()
        doc.fragments.set(name, { typeCondition, selections: this.selectionSet() })
      } else {
        this.fail(this.peek())
      }
    }
    return doc
  }

  private operation(): Operation {
    const type = this.name() as 'query' | 'mutation'
    if (this.peek().kind === 'name') this.next()
    const variables: Operation['variables'] = []
    if (this.is('(')) {
      this.next()
      while (!this.is(')')) {
        this.expect('$')
        const name = this.name()
        this.expect(':')
        const typeName = this.typeRef()
        let defaultValue: ValueNode | undefined
        if (this.is('=')) {
          this.next()
          defaultValue = this.value()
        }
        variables.push({ name, type: typeName, defaultValue })
      }
      this.next()
    }
    this.directives()
    return { type, variables, selections: this.selectionSet() }
  }

  private typeRef(): string {
    let text: string
    if (this.is('[')) {
      this.next()
      text = `[${this.typeRef()}]`
      this.expect(']')
    } else {
      text = this.name()
    }
    if (this.is('!')) {
      this.next()
      text += '!'
    }
    return text
  }

  private selectionSet(): Selection[] {
    this.expect('{')
    const selections: Selection[] = []
    while (!this.is('}')) {
      if (this.peek().kind === 'eof') this.fail(this.peek())
      selections.push(this.selection())
    }
    this.next()
    return selections
  }

  private selection(): Selection {
    if (this.is('...')) {
      this.next()
      if (this.is('on')) {
        this.next()
        const typeCondition = this.name()
        return {
          kind: 'inline',
          typeCondition,
          directives: this.directives(),
          selections: this.selectionSet()
        }
      }
      if (this.is('{') || this.is('@')) {
        return { kind: 'inline', directives: this.directives(), selections: this.selectionSet() }
      }
      return { kind: 'spread', name: this.name(), directives: this.directives() }
    }
    const first = this.peek()
    let name = this.name()
    let alias: string | undefined
    if (this.is(':')) {
      this.next()
      alias = name
      name = this.name()
    }
    const args = this.is('(') ? this.arguments() : {}
    const directives = this.directives()
    const selections = this.is('{') ? this.selectionSet() : undefined
    return {
      kind: 'field',
      alias,
      name,
      args,
      directives,
      selections,
      loc: { line: first.line, column: first.column }
    }
  }

  private arguments(): Record<string, ValueNode> {
    this.expect('(')
    const args: Record<string, ValueNode> = {}
    while (!this.is(')')) {
      const name = this.name()
      this.expect(':')
      args[name] = this.value()
    }
    this.next()
    return args
  }

  private directives(): Directive[] {
    const directives: Directive[] = []
    while (this.is('@')) {
      this.next()
      const name = this.name()
      directives.push({ name, args: this.is('(') ? this.arguments() : {} })
    }
    return directives
  }

  private value(): ValueNode {
    const t = this.next()
    if (t.kind === 'punct' && t.value === '$') return { kind: 'variable', name: this.name() }
    if (t.kind === 'int') return { kind: 'constant', value: parseInt(t.value, 10) }
    if (t.kind === 'float') return { kind: 'constant', value: parseFloat(t.value) }
    if (t.kind === 'string') return { kind: 'constant', value: t.value }
    if (t.kind === 'name') {
      if (t.value === 'true') return { kind: 'constant', value: true }
      if (t.value === 'false') return { kind: 'constant', value: false }
      if (t.value === 'null') return { kind: 'constant', value: null }
      return { kind: 'enum', value: t.value }
    }
    if (t.kind === 'punct' && t.value === '[') {
      const items: ValueNode[] = []
      while (!this.is(']')) items.push(this.value())
      this.next()
      return { kind: 'list', items }
    }
    if (t.kind === 'punct' && t.value === '{') {
      const fields: Record<string, ValueNode> = {}
      while (!this.is('}')) {
        const name = this.name()
        this.expect(':')
        fields[name] = this.value()
      }
      this.next()
      return { kind: 'object', fields }
    }
    return this.fail(t)
  }
}

// ---------------------------------------------------------------------------------------------
// Executor

/** A resolver failure, reported in `errors[]` with GitHub's `type`. */
export class GqlError extends Error {
  constructor(
    readonly type: string,
    message: string
  ) {
    super(message)
  }
}

type Resolver = (args: Json) => unknown

/** An object of the schema slice: `__typename` plus fields (values or resolvers). */
interface GqlObject {
  __typename: string
  /** Interfaces and unions the type belongs to, for fragment type conditions. */
  __implements?: string[]
  [field: string]: unknown
}

function isObject(value: unknown): value is GqlObject {
  return typeof value === 'object' && value !== null && '__typename' in value
}

function resolveValue(node: ValueNode, variables: Json): unknown {
  switch (node.kind) {
    case 'variable':
      return variables[node.name] ?? null
    case 'constant':
      return node.value
    case 'enum':
      return node.value
    case 'list':
      return node.items.map((item) => resolveValue(item, variables))
    case 'object':
      return Object.fromEntries(
        Object.entries(node.fields).map(([k, v]) => [k, resolveValue(v, variables)])
      )
  }
}

class Execution {
  readonly errors: Json[] = []
  readonly validationErrors: Json[] = []

  constructor(
    private readonly doc: Document,
    private readonly variables: Json
  ) {}

  private included(directives: Directive[]): boolean {
    for (const d of directives) {
      const condition =
        d.args.if === undefined ? undefined : resolveValue(d.args.if, this.variables)
      if (d.name === 'include' && condition === false) return false
      if (d.name === 'skip' && condition === true) return false
    }
    return true
  }

  private fields(selections: Selection[], obj: GqlObject): FieldNode[] {
    const out: FieldNode[] = []
    for (const sel of selections) {
      if (!this.included(sel.directives)) continue
      if (sel.kind === 'field') {
        out.push(sel)
        continue
      }
      const fragment =
        sel.kind === 'inline'
          ? { typeCondition: sel.typeCondition, selections: sel.selections }
          : this.doc.fragments.get(sel.name)
      if (fragment === undefined) {
        this.validationErrors.push({
          message: `Fragment ${(sel as SpreadNode).name} was used, but not defined`
        })
        continue
      }
      const condition = fragment.typeCondition
      if (
        condition === undefined ||
        condition === obj.__typename ||
        (obj.__implements ?? []).includes(condition)
      ) {
        out.push(...this.fields(fragment.selections, obj))
      }
    }
    return out
  }

  selectionSet(selections: Selection[], obj: GqlObject, path: (string | number)[]): Json {
    const result: Json = {}
    for (const field of this.fields(selections, obj)) {
      const key = field.alias ?? field.name
      if (field.name === '__typename') {
        result[key] = obj.__typename
        continue
      }
      if (!(field.name in obj) || field.name.startsWith('__')) {
        this.validationErrors.push({
          path: [...path, key],
          extensions: {
            code: 'undefinedField',
            typeName: obj.__typename,
            fieldName: field.name
          },
          locations: [field.loc],
          message: `Field '${field.name}' doesn't exist on type '${obj.__typename}'`
        })
        continue
      }
      const raw = obj[field.name]
      let value: unknown
      try {
        const args = Object.fromEntries(
          Object.entries(field.args).map(([k, v]) => [k, resolveValue(v, this.variables)])
        )
        value = typeof raw === 'function' ? (raw as Resolver)(args) : raw
      } catch (error) {
        if (!(error instanceof GqlError)) throw error
        this.errors.push({
          type: error.type,
          path: [...path, key],
          locations: [field.loc],
          message: error.message
        })
        result[key] = null
        continue
      }
      result[key] = this.complete(value, field, [...path, key])
    }
    return result
  }

  private complete(value: unknown, field: FieldNode, path: (string | number)[]): unknown {
    if (value === null || value === undefined) return null
    if (Array.isArray(value))
      return value.map((item, i) => this.complete(item, field, [...path, i]))
    if (isObject(value)) {
      if (field.selections === undefined) {
        this.validationErrors.push({
          path,
          locations: [field.loc],
          message: `Field must have selections (field '${field.name}' returns ${value.__typename} but has no selections. Did you mean '${field.name} { ... }'?)`
        })
        return null
      }
      return this.selectionSet(field.selections, value, path)
    }
    if (field.selections !== undefined) {
      this.validationErrors.push({
        path,
        locations: [field.loc],
        message: `Selections can't be made on scalars (field '${field.name}' returns a scalar)`
      })
      return null
    }
    return value
  }
}

// ---------------------------------------------------------------------------------------------
// The schema slice

function visible(actor: Actor, repo: RepoState): boolean {
  return (
    (actor.repos === undefined || actor.repos.has(repo.fullName.toLowerCase())) &&
    !(actor.kind === 'anonymous' && repo.private)
  )
}

function requireWrite(actor: Actor, needs: ('contents' | 'pullRequests')[]): void {
  for (const need of needs) {
    if (actor[need] !== 'write') throw new GqlError('FORBIDDEN', notAccessibleMessage(actor))
  }
}

class Schema {
  constructor(
    private readonly world: World,
    private readonly actor: Actor,
    private readonly urls: Urls
  ) {}

  private repoById(id: number): RepoState | undefined {
    for (const repo of this.world.repos.values()) if (repo.id === id) return repo
    return undefined
  }

  private repoByName(owner: string, name: string): RepoState {
    const repo = this.world.repo(`${owner}/${name}`)
    if (repo === undefined || !visible(this.actor, repo)) {
      throw new GqlError(
        'NOT_FOUND',
        `Could not resolve to a Repository with the name '${owner}/${name}'.`
      )
    }
    return repo
  }

  /** A node by global id, or undefined. */
  private lookupNode(id: string): { repo: RepoState; pull?: PullState } | undefined {
    const parsed = parseNodeId(id)
    if (parsed === undefined) return undefined
    const repo = this.repoById(Number(parsed.parts[0]))
    if (repo === undefined || !visible(this.actor, repo)) return undefined
    if (parsed.type === 'R') return { repo }
    if (parsed.type === 'PR') {
      const pull = repo.pulls.get(Number(parsed.parts[1]))
      return pull === undefined ? undefined : { repo, pull }
    }
    return undefined
  }

  private pullByNodeId(id: unknown): { repo: RepoState; pull: PullState } {
    const found = typeof id === 'string' ? this.lookupNode(id) : undefined
    if (found?.pull === undefined) {
      throw new GqlError(
        'NOT_FOUND',
        `Could not resolve to a node with the global id of '${String(id)}'`
      )
    }
    return { repo: found.repo, pull: found.pull }
  }

  query(): GqlObject {
    return {
      __typename: 'Query',
      repository: (args: Json) =>
        this.repository(this.repoByName(asText(args.owner), asText(args.name))),
      node: (args: Json) => {
        const found = typeof args.id === 'string' ? this.lookupNode(args.id) : undefined
        if (found === undefined) {
          throw new GqlError(
            'NOT_FOUND',
            `Could not resolve to a node with the global id of '${String(args.id)}'`
          )
        }
        return found.pull === undefined
          ? this.repository(found.repo)
          : this.pullRequest(found.repo, found.pull)
      },
      viewer: this.user(this.actor.login),
      rateLimit: {
        __typename: 'RateLimit',
        limit: 5000,
        cost: 1,
        remaining: 4999,
        used: 1,
        nodeCount: 1,
        resetAt: new Date(this.world.clock() + 3_600_000).toISOString()
      }
    }
  }

  mutation(): GqlObject {
    return {
      __typename: 'Mutation',
      enablePullRequestAutoMerge: (args: Json) => this.enableAutoMerge(args.input as Json),
      disablePullRequestAutoMerge: (args: Json) => {
        const input = args.input as Json
        const { repo, pull } = this.pullByNodeId(input.pullRequestId)
        requireWrite(this.actor, ['pullRequests'])
        pull.autoMerge = null
        return this.payload('DisablePullRequestAutoMergePayload', input, repo, pull)
      },
      convertPullRequestToDraft: (args: Json) => this.setDraft(args.input as Json, true),
      markPullRequestReadyForReview: (args: Json) => this.setDraft(args.input as Json, false),
      createCommitOnBranch: (args: Json) => this.createCommitOnBranch(args.input as Json)
    }
  }

  private payload(typename: string, input: Json, repo: RepoState, pull: PullState): GqlObject {
    return {
      __typename: typename,
      clientMutationId: input.clientMutationId ?? null,
      actor: this.user(this.actor.login),
      pullRequest: this.pullRequest(repo, pull)
    }
  }

  private enableAutoMerge(input: Json): GqlObject {
    const { repo, pull } = this.pullByNodeId(input.pullRequestId)
    requireWrite(this.actor, ['pullRequests', 'contents'])
    // GitHub checks the repository setting before anything else about the pull request.
    if (!repo.allowAutoMerge) {
      throw new GqlError('UNPROCESSABLE', 'Auto merge is not allowed for this repository')
    }
    if (pull.state !== 'open') {
      throw new GqlError('UNPROCESSABLE', 'Pull request Pull request is closed')
    }
    if (repo.cleanStatus && !pull.draft) {
      throw new GqlError('UNPROCESSABLE', 'Pull request Pull request is in clean status')
    }
    const expected = input.expectedHeadOid
    if (typeof expected === 'string' && expected !== repo.headSha(pull)) {
      throw new GqlError('UNPROCESSABLE', 'Pull request head has been modified')
    }
    const method = asText(input.mergeMethod, 'MERGE').toLowerCase()
    if (method !== 'merge' && method !== 'squash' && method !== 'rebase') {
      throw new GqlError(
        'INVALID',
        `Argument 'mergeMethod' has an invalid value (${method.toUpperCase()}).`
      )
    }
    pull.autoMerge = { mergeMethod: method, enabledBy: this.actor.login, at: this.world.now() }
    pull.updatedAt = this.world.now()
    return this.payload('EnablePullRequestAutoMergePayload', input, repo, pull)
  }

  private setDraft(input: Json, draft: boolean): GqlObject {
    const { repo, pull } = this.pullByNodeId(input.pullRequestId)
    requireWrite(this.actor, ['pullRequests'])
    pull.draft = draft
    pull.updatedAt = this.world.now()
    return this.payload(
      draft ? 'ConvertPullRequestToDraftPayload' : 'MarkPullRequestReadyForReviewPayload',
      input,
      repo,
      pull
    )
  }

  private createCommitOnBranch(input: Json): GqlObject {
    const branchInput = (input.branch ?? {}) as Json
    const nameWithOwner = asText(branchInput.repositoryNameWithOwner)
    const [owner = '', name = ''] = nameWithOwner.split('/')
    const repo = this.repoByName(owner, name)
    requireWrite(this.actor, ['contents'])
    const branch = asText(branchInput.branchName).replace(/^refs\/heads\//, '')
    const head = repo.branchSha(branch)
    if (head === undefined) {
      throw new GqlError(
        'NOT_FOUND',
        `Could not resolve to a Ref with the name 'refs/heads/${branch}'.`
      )
    }
    const expected = asText(input.expectedHeadOid)
    if (expected !== head) {
      throw new GqlError(
        'STALE_DATA',
        `Expected branch to point to "${expected}" but it did not.  Pull and try again.`
      )
    }
    const message = (input.message ?? {}) as Json
    const headline = asText(message.headline)
    if (headline === '')
      throw new GqlError('UNPROCESSABLE', 'A commit message headline is required')
    const body =
      typeof message.body === 'string' && message.body !== '' ? `\n\n${message.body}` : ''
    const changes = (input.fileChanges ?? {}) as Json
    const edits: Record<string, string | null> = {}
    for (const deletion of (changes.deletions ?? []) as Json[]) edits[asText(deletion.path)] = null
    for (const addition of (changes.additions ?? []) as Json[]) {
      edits[asText(addition.path)] = Buffer.from(asText(addition.contents), 'base64').toString(
        'utf8'
      )
    }
    const now = this.world.now()
    // GraphQL commits are signed by GitHub whatever the token, personal ones included.
    const meta = {
      ...commitMeta(this.actor, headline + body, now),
      committer: { name: 'GitHub', email: 'noreply@github.com', date: now },
      author: { name: this.actor.login, email: noreplyEmail(this.actor.login), date: now },
      verified: true
    }
    const commit = repo.commitOnBranch(branch, edits, meta)
    return {
      __typename: 'CreateCommitOnBranchPayload',
      clientMutationId: input.clientMutationId ?? null,
      commit: this.commit(repo, commit),
      ref: this.ref(repo, branch)
    }
  }

  private user(login: string): GqlObject {
    const bot = login.endsWith('[bot]')
    return {
      __typename: bot ? 'Bot' : 'User',
      __implements: ['Actor', 'Node'],
      login: bot ? login.slice(0, -'[bot]'.length) : login,
      url: `${this.urls.html}/${encodeURIComponent(login)}`
    }
  }

  private repository(repo: RepoState): GqlObject {
    return {
      __typename: 'Repository',
      __implements: ['Node'],
      id: repoNodeId(repo),
      name: repo.name,
      nameWithOwner: repo.fullName,
      url: `${this.urls.html}/${repo.fullName}`,
      isPrivate: repo.private,
      owner: { __typename: 'Organization', __implements: ['RepositoryOwner'], login: repo.owner },
      autoMergeAllowed: repo.allowAutoMerge,
      mergeCommitAllowed: true,
      squashMergeAllowed: true,
      rebaseMergeAllowed: true,
      defaultBranchRef: () => this.ref(repo, repo.defaultBranch),
      ref: (args: Json) => {
        const qualified = asText(args.qualifiedName)
        const branch = qualified.replace(/^refs\/heads\//, '')
        return repo.branchSha(branch) === undefined ? null : this.ref(repo, branch)
      },
      pullRequest: (args: Json) => {
        const pull = repo.pulls.get(Number(args.number))
        if (pull === undefined) {
          throw new GqlError(
            'NOT_FOUND',
            `Could not resolve to a PullRequest with the number of ${String(args.number)}.`
          )
        }
        return this.pullRequest(repo, pull)
      },
      pullRequests: (args: Json) => {
        const states = Array.isArray(args.states) ? (args.states as string[]) : undefined
        let pulls = [...repo.pulls.values()].filter(
          (p) => states === undefined || states.includes(pullState(p))
        )
        if (typeof args.headRefName === 'string')
          pulls = pulls.filter((p) => p.head === args.headRefName)
        if (typeof args.baseRefName === 'string')
          pulls = pulls.filter((p) => p.base === args.baseRefName)
        const first = typeof args.first === 'number' ? args.first : 100
        const nodes = pulls.slice(0, first).map((p) => this.pullRequest(repo, p))
        return {
          __typename: 'PullRequestConnection',
          totalCount: pulls.length,
          nodes,
          edges: nodes.map((node) => ({ __typename: 'PullRequestEdge', node, cursor: node.id })),
          pageInfo: {
            __typename: 'PageInfo',
            hasNextPage: pulls.length > first,
            hasPreviousPage: false,
            endCursor: null,
            startCursor: null
          }
        }
      }
    }
  }

  private ref(repo: RepoState, branch: string): GqlObject | null {
    const sha = repo.branchSha(branch)
    const commit = sha === undefined ? undefined : repo.store.commit(sha)
    if (commit === undefined) return null
    return {
      __typename: 'Ref',
      __implements: ['Node'],
      id: `REF_${Buffer.from(`${repo.id}:${branch}`).toString('base64url')}`,
      name: branch,
      prefix: 'refs/heads/',
      target: this.commit(repo, commit)
    }
  }

  private commit(repo: RepoState, commit: CommitObject): GqlObject {
    const [headline, ...rest] = commit.message.split('\n')
    return {
      __typename: 'Commit',
      __implements: ['GitObject', 'Node'],
      id: `C_${Buffer.from(`${repo.id}:${commit.sha}`).toString('base64url')}`,
      oid: commit.sha,
      abbreviatedOid: commit.sha.slice(0, 7),
      message: commit.message,
      messageHeadline: headline,
      messageBody: rest.join('\n').replace(/^\n/, ''),
      url: `${this.urls.html}/${repo.fullName}/commit/${commit.sha}`,
      committedDate: commit.committer.date,
      authoredDate: commit.author.date,
      signature: commit.verified
        ? { __typename: 'GpgSignature', isValid: true, state: 'VALID', wasSignedByGitHub: true }
        : null,
      file: (args: Json) => {
        const path = asText(args.path)
        const blobSha = commit.tree.get(path)
        if (blobSha === undefined) return null
        const text = repo.store.blob(blobSha) ?? ''
        return {
          __typename: 'TreeEntry',
          name: path.slice(path.lastIndexOf('/') + 1),
          path,
          oid: blobSha,
          type: 'blob',
          object: {
            __typename: 'Blob',
            __implements: ['GitObject', 'Node'],
            oid: blobSha,
            text,
            byteSize: Buffer.byteLength(text, 'utf8'),
            isBinary: false,
            isTruncated: false
          }
        }
      }
    }
  }

  private pullRequest(repo: RepoState, pull: PullState): GqlObject {
    return {
      __typename: 'PullRequest',
      __implements: ['Node', 'Labelable'],
      id: pullNodeId(repo, pull.number),
      number: pull.number,
      title: pull.title,
      body: pull.body,
      state: pullState(pull),
      closed: pull.state === 'closed',
      merged: pull.merged,
      isDraft: pull.draft,
      url: `${this.urls.html}/${repo.fullName}/pull/${pull.number}`,
      headRefName: pull.head,
      baseRefName: pull.base,
      headRefOid: repo.headSha(pull),
      baseRefOid: repo.baseSha(pull),
      createdAt: pull.createdAt,
      updatedAt: pull.updatedAt,
      author: this.user(pull.user),
      repository: () => this.repository(repo),
      mergeable: () => {
        if (pull.state !== 'open') return 'UNKNOWN'
        return typeof mergeTrees(repo, repo.baseSha(pull), repo.headSha(pull)) === 'string'
          ? 'CONFLICTING'
          : 'MERGEABLE'
      },
      mergeStateStatus: () => {
        if (pull.state !== 'open') return 'UNKNOWN'
        if (typeof mergeTrees(repo, repo.baseSha(pull), repo.headSha(pull)) === 'string') {
          return 'DIRTY'
        }
        return pull.draft ? 'DRAFT' : repo.cleanStatus ? 'CLEAN' : 'BLOCKED'
      },
      autoMergeRequest:
        pull.autoMerge === null
          ? null
          : {
              __typename: 'AutoMergeRequest',
              enabledAt: pull.autoMerge.at,
              mergeMethod: pull.autoMerge.mergeMethod.toUpperCase(),
              enabledBy: this.user(pull.autoMerge.enabledBy)
            },
      labels: () => {
        const nodes = repo.labelsOf(pull).map((l) => ({
          __typename: 'Label',
          name: l.name,
          color: l.color
        }))
        return { __typename: 'LabelConnection', totalCount: nodes.length, nodes }
      }
    }
  }
}

/** A GraphQL String/ID/enum argument as text ('' when absent or not a scalar). */
function asText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return fallback
}

function pullState(pull: PullState): 'OPEN' | 'CLOSED' | 'MERGED' {
  return pull.merged ? 'MERGED' : pull.state === 'open' ? 'OPEN' : 'CLOSED'
}

/** Runs one GraphQL request body ({query, variables, operationName}); always HTTP 200. */
export function executeGraphql(world: World, actor: Actor, urls: Urls, body: unknown): Json {
  const request = (typeof body === 'object' && body !== null ? body : {}) as Json
  if (typeof request.query !== 'string') {
    return { errors: [{ message: 'A query attribute must be specified and must be a string.' }] }
  }
  let doc: Document
  try {
    doc = new Parser(tokenize(request.query)).document()
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    return { errors: [{ message: error.message, locations: [error.loc] }] }
  }
  const operation = doc.operations[0]
  if (operation === undefined) return { errors: [{ message: 'No operations in query document' }] }
  const given = (
    typeof request.variables === 'object' && request.variables !== null ? request.variables : {}
  ) as Json
  const variables: Json = {}
  for (const v of operation.variables) {
    const value = given[v.name] ?? (v.defaultValue && resolveValue(v.defaultValue, {}))
    if ((value === undefined || value === null) && v.type.endsWith('!')) {
      return {
        errors: [
          {
            extensions: {
              value: null,
              problems: [{ path: [], explanation: 'Expected value to not be null' }]
            },
            locations: [{ line: 1, column: 1 }],
            message: `Variable $${v.name} of type ${v.type} was provided invalid value`
          }
        ]
      }
    }
    variables[v.name] = value ?? null
  }
  const schema = new Schema(world, actor, urls)
  const execution = new Execution(doc, variables)
  const root = operation.type === 'mutation' ? schema.mutation() : schema.query()
  const data = execution.selectionSet(operation.selections, root, [])
  if (execution.validationErrors.length > 0) return { errors: execution.validationErrors }
  return execution.errors.length > 0 ? { data, errors: execution.errors } : { data }
}
