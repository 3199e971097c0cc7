import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { executeGraphql } from './graphql.js'
import { errorBody, type Urls } from './render.js'
import { HttpError, repoRoutes, type Need, type Reply } from './routes.js'
import {
  actorFromSeed,
  noreplyEmail,
  notAccessibleMessage,
  toSimCommit,
  World,
  type Actor
} from './state.js'
import type {
  GitHubSimulator,
  SimCommit,
  SimFault,
  SimOptions,
  SimRequest,
  SimReviewState,
  SimTokenSeed
} from './types.js'

const DOCS = 'https://docs.github.com/rest'
const SECONDARY_DOCS =
  'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits'
const GRAPHQL_PATH = '/graphql'
const MINUTE_MS = 60_000

/** When no token is seeded, every caller is this app installation with write access everywhere. */
const OPEN_ACTOR: Actor = {
  login: 'sim-bot[bot]',
  kind: 'app',
  contents: 'write',
  pullRequests: 'write',
  canCreatePullRequests: true
}

const ANONYMOUS: Actor = {
  login: 'anonymous',
  kind: 'anonymous',
  contents: 'read',
  pullRequests: 'read',
  canCreatePullRequests: false
}

const DEFAULT_FAULT_MESSAGES: Record<number, string> = {
  401: 'Bad credentials',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Validation Failed',
  429: 'API rate limit exceeded',
  500: 'Server Error',
  502: 'Server Error',
  503: 'No server is currently available to service your request. Sorry about that. Please try resubmitting your request and contact us if the problem persists.'
}

interface ActiveFault {
  fault: SimFault
  seen: number
  applied: number
}

interface Outcome extends Reply {
  /** x-ratelimit-resource: 'core' for REST, 'graphql' for GraphQL. */
  resource?: string
}

function bearer(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const match = /^(?:token|bearer)\s+(.+)$/i.exec(header.trim())
  return match === null ? undefined : match[1].trim()
}

function permissionHeader(need: Need): string {
  switch (need) {
    case 'contents:read':
      return 'contents=read'
    case 'contents:write':
      return 'contents=write'
    case 'pull_requests:read':
      return 'pull_requests=read'
    case 'pull_requests:write':
      return 'pull_requests=write'
    case 'issues_or_pull_requests:write':
      return 'issues=write; pull_requests=write'
    case 'metadata':
      return 'metadata=read'
  }
}

function allows(actor: Actor, need: Need): boolean {
  switch (need) {
    case 'metadata':
      return true
    case 'contents:read':
      return actor.contents !== 'none'
    case 'contents:write':
      return actor.contents === 'write'
    case 'pull_requests:read':
      return actor.pullRequests !== 'none'
    case 'pull_requests:write':
    case 'issues_or_pull_requests:write':
      return actor.pullRequests === 'write'
  }
}

/**
 * Starts the simulator on 127.0.0.1. Everything is in memory; each request is handled
 * atomically (no await between reading and writing state), so concurrent clients see the
 * serialised behaviour GitHub's own locking gives.
 */
export async function startGitHubSimulator(opts: SimOptions): Promise<GitHubSimulator> {
  const clock = opts.clock ?? Date.now
  const rateClock = opts.secondaryRateLimit?.clock ?? clock
  const world = new World(clock)
  for (const seed of opts.repos) world.addRepo(seed)
  for (const seed of opts.tokens ?? []) world.tokens.set(seed.token, actorFromSeed(seed))
  const prefix = opts.apiPrefix ?? ''
  let latencyMs = opts.latencyMs ?? 0
  let faults: ActiveFault[] = []
  const requests: SimRequest[] = []
  const usedByToken = new Map<string, number>()
  let usageHour = 0
  const recentWrites: number[] = []
  const sleepers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>()
  let stopped = false
  let requestCounter = 0

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A simulator bug: answer 500 so the test sees it, and keep the stack in the body.
      if (!res.headersSent) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify(errorBody(500, `simulator error: ${message}`, DOCS)))
      }
    })
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  const urls: Urls = { api: origin + prefix, html: origin }
  const graphqlUrl = prefix === '' ? `${origin}/graphql` : `${origin}/api/graphql`

  /** Resolves true after `ms`, or false at once if the simulator stops meanwhile. */
  function sleep(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(!stopped)
    return new Promise((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          sleepers.delete(sleeper)
          resolve(!stopped)
        }, ms),
        wake: () => resolve(false)
      }
      sleepers.add(sleeper)
    })
  }

  function identify(token: string | undefined): Actor | HttpError {
    if (world.tokens.size === 0) return token === undefined ? OPEN_ACTOR : { ...OPEN_ACTOR, token }
    if (token === undefined) return ANONYMOUS
    return world.tokens.get(token) ?? new HttpError(401, 'Bad credentials', { docs: DOCS })
  }

  function matchFault(method: string, path: string): SimFault | undefined {
    for (const active of faults) {
      const { fault } = active
      if (fault.method !== undefined && fault.method.toUpperCase() !== method) continue
      const hit = typeof fault.path === 'string' ? fault.path === path : fault.path.test(path)
      if (!hit) continue
      if (active.seen < (fault.after ?? 0)) {
        active.seen++
        continue
      }
      if (active.applied >= (fault.times ?? 1)) continue
      active.applied++
      return fault
    }
    return undefined
  }

  /** Sliding-minute count of content-creating requests; undefined = allowed. */
  function secondaryLimit(): Outcome | undefined {
    const rule = opts.secondaryRateLimit
    if (rule === undefined) return undefined
    const now = rateClock()
    while (recentWrites.length > 0 && recentWrites[0] <= now - MINUTE_MS) recentWrites.shift()
    if (recentWrites.length < rule.writesPerMinute) {
      recentWrites.push(now)
      return undefined
    }
    const oldest = recentWrites[0] ?? now
    const retryAfter = Math.max(1, Math.ceil((oldest + MINUTE_MS - now) / 1000))
    return {
      status: 403,
      headers: { 'retry-after': String(retryAfter) },
      body: errorBody(
        403,
        `You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later. If you reach out to GitHub Support for help, please include the request ID ${requestId()}.`,
        SECONDARY_DOCS
      )
    }
  }

  function requestId(): string {
    return `SIM0:${requestCounter.toString(16).toUpperCase().padStart(6, '0')}`
  }

  function errorOutcome(error: HttpError, docs: string): Outcome {
    return {
      status: error.status,
      headers: error.options.headers,
      body: errorBody(error.status, error.message, error.options.docs ?? docs, error.options.errors)
    }
  }

  function dispatchRest(
    method: string,
    path: string,
    actor: Actor,
    query: URLSearchParams,
    body: unknown,
    accept: string
  ): Outcome {
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path)
    if (match === null) return errorOutcome(new HttpError(404, 'Not Found'), DOCS)
    const [, owner, name, rest = ''] = match
    const repo = world.repo(`${owner}/${name}`)
    const visible =
      repo !== undefined &&
      (actor.repos === undefined || actor.repos.has(repo.fullName.toLowerCase())) &&
      !(actor.kind === 'anonymous' && repo.private)
    if (repo === undefined || !visible) {
      return errorOutcome(new HttpError(404, 'Not Found'), `${DOCS}/repos/repos#get-a-repository`)
    }
    for (const route of repoRoutes) {
      if (route.method !== method) continue
      const params = route.pattern.exec(rest)
      if (params === null) continue
      const write = route.need.endsWith(':write')
      if (actor.kind === 'anonymous' && write) {
        return errorOutcome(new HttpError(401, 'Requires authentication'), route.docs)
      }
      if (!allows(actor, route.need)) {
        return errorOutcome(
          new HttpError(403, notAccessibleMessage(actor), {
            headers: { 'x-accepted-github-permissions': permissionHeader(route.need) }
          }),
          route.docs
        )
      }
      try {
        return route.handle({
          world,
          repo,
          actor,
          urls,
          params: params.slice(1),
          query,
          body,
          accept
        })
      } catch (error) {
        if (error instanceof HttpError) return errorOutcome(error, route.docs)
        throw error
      }
    }
    return errorOutcome(new HttpError(404, 'Not Found'), DOCS)
  }

  function respond(
    res: ServerResponse,
    record: SimRequest,
    token: string | undefined,
    outcome: Outcome
  ): void {
    record.status = outcome.status
    const headers: Record<string, string> = {
      'x-github-request-id': requestId(),
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json'
    }
    const hour = Math.floor(clock() / 1000 / 3600) * 3600
    if (hour !== usageHour) {
      usageHour = hour
      usedByToken.clear()
    }
    const key = token ?? 'anonymous'
    const used = (usedByToken.get(key) ?? 0) + 1
    usedByToken.set(key, used)
    const limit = token === undefined ? 60 : 5000
    headers['x-ratelimit-limit'] = String(limit)
    // The primary limit is not enforced (inject a fault with x-ratelimit-remaining: '0' to
    // emulate it), so long benchmarks never see a misleading 0 here.
    headers['x-ratelimit-remaining'] = String(Math.max(1, limit - used))
    headers['x-ratelimit-used'] = String(used)
    headers['x-ratelimit-reset'] = String(hour + 3600)
    headers['x-ratelimit-resource'] = outcome.resource ?? 'core'
    // Fault headers come last so a test can fake e.g. x-ratelimit-remaining: 0.
    Object.assign(headers, outcome.headers)
    if (outcome.status === 204 || outcome.status === 304) {
      res.writeHead(outcome.status, headers)
      res.end()
      return
    }
    if (outcome.text !== undefined) {
      headers['content-type'] = 'text/plain; charset=utf-8'
      res.writeHead(outcome.status, headers)
      res.end(outcome.text)
      return
    }
    headers['content-type'] = 'application/json; charset=utf-8'
    res.writeHead(outcome.status, headers)
    res.end(outcome.body === undefined ? '' : JSON.stringify(outcome.body))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    requestCounter++
    const raw = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', origin)
    const method = (req.method ?? 'GET').toUpperCase()
    let rawPath = url.pathname
    let underPrefix = true
    if (prefix !== '') {
      if (rawPath === '/api/graphql') rawPath = GRAPHQL_PATH
      else if (rawPath.startsWith(`${prefix}/`)) rawPath = rawPath.slice(prefix.length)
      else underPrefix = false
    }
    const path = decodePath(rawPath)
    const token = bearer(req.headers.authorization)
    let body: unknown
    let unparsable = false
    if (raw !== '') {
      try {
        body = JSON.parse(raw)
      } catch {
        // Kept as text in the request log; the client gets GitHub's 400 below.
        body = raw
        unparsable = true
      }
    }
    const record: SimRequest = { method, path, query: url.search.replace(/^\?/, ''), status: 0 }
    if (token !== undefined) record.token = token
    if (body !== undefined) record.body = body
    requests.push(record)

    if (!(await sleep(latencyMs))) return void res.destroy()
    const fault = matchFault(method, path)
    if (fault?.delayMs !== undefined && !(await sleep(fault.delayMs))) return void res.destroy()
    if (fault?.reset === true) {
      record.status = 0
      req.socket.destroy()
      return
    }
    if (fault?.status === 200 && path === GRAPHQL_PATH) {
      // A GraphQL failure rides on HTTP 200, e.g. "Could not resolve to a node…" right after a
      // pull request is created.
      const message = fault.message ?? 'Something went wrong while executing your query.'
      const type = /could not resolve/i.test(message)
        ? 'NOT_FOUND'
        : /rate limit/i.test(message)
          ? 'RATE_LIMITED'
          : 'UNPROCESSABLE'
      return respond(res, record, token, {
        status: 200,
        headers: fault.headers,
        resource: 'graphql',
        body: { data: null, errors: [{ type, message }] }
      })
    }
    if (fault?.status !== undefined) {
      const message =
        fault.message ??
        DEFAULT_FAULT_MESSAGES[fault.status] ??
        STATUS_CODES[fault.status] ??
        'Error'
      return respond(res, record, token, {
        status: fault.status,
        headers: fault.headers,
        body: errorBody(fault.status, message, DOCS)
      })
    }

    const outcome = ((): Outcome => {
      if (!underPrefix) return errorOutcome(new HttpError(404, 'Not Found'), DOCS)
      const actor = identify(token)
      if (actor instanceof HttpError) return errorOutcome(actor, DOCS)
      if (unparsable) return errorOutcome(new HttpError(400, 'Problems parsing JSON'), DOCS)
      const isGraphql = path === GRAPHQL_PATH && method === 'POST'
      if (method !== 'GET' && method !== 'HEAD') {
        const counts = !isGraphql || /\bmutation\b/.test(JSON.stringify(body ?? ''))
        const limited = counts ? secondaryLimit() : undefined
        if (limited !== undefined) return limited
      }
      if (isGraphql) {
        if (actor.kind === 'anonymous') {
          return errorOutcome(
            new HttpError(401, 'This endpoint requires you to be authenticated.'),
            'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql'
          )
        }
        return { status: 200, body: executeGraphql(world, actor, urls, body), resource: 'graphql' }
      }
      return dispatchRest(method, path, actor, url.searchParams, body, req.headers.accept ?? '')
    })()
    respond(res, record, token, outcome)
  }

  function repoFor(fullName: string) {
    return world.mustRepo(fullName)
  }

  const simulator: GitHubSimulator = {
    url: urls.api,
    graphqlUrl,
    requests,
    inject(fault: SimFault): void {
      faults.push({ fault, seen: 0, applied: 0 })
    },
    clearFaults(): void {
      faults = []
    },
    addToken(seed: SimTokenSeed): void {
      world.tokens.set(seed.token, actorFromSeed(seed))
    },
    branchSha(repo: string, branch: string): string | undefined {
      return repoFor(repo).branchSha(branch)
    },
    fileAt(repo: string, ref: string, path: string): string | undefined {
      const state = repoFor(repo)
      const blob = state.resolve(ref)?.tree.get(path)
      return blob === undefined ? undefined : state.store.blob(blob)
    },
    commit(repo: string, sha: string): SimCommit | undefined {
      const commit = repoFor(repo).store.commit(sha)
      return commit === undefined ? undefined : toSimCommit(commit)
    },
    commitsOn(repo: string, branch: string, since?: string): SimCommit[] {
      const state = repoFor(repo)
      const head = state.branchSha(branch)
      if (head === undefined) return []
      if (since !== undefined && state.store.commit(since) !== undefined) {
        return state.store.ancestry(since, head).ahead.map(toSimCommit)
      }
      return state.store.history(head).map(toSimCommit)
    },
    pulls(repo: string) {
      const state = repoFor(repo)
      return [...state.pulls.values()]
        .sort((a, b) => a.number - b.number)
        .map((p) => state.toSimPull(p))
    },
    submitReview(
      repo: string,
      pullNumber: number,
      login: string,
      state: SimReviewState,
      reviewOpts: { body?: string; team?: string } = {}
    ): number {
      const repoState = repoFor(repo)
      const pull = repoState.pulls.get(pullNumber)
      if (pull === undefined) {
        throw new Error(`simulator: no pull request #${pullNumber} in ${repo}`)
      }
      if (state !== 'COMMENTED' && pull.user.toLowerCase() === login.toLowerCase()) {
        throw new Error(`simulator: ${login} cannot approve or request changes on their own PR`)
      }
      return repoState.addReview(pull, {
        user: login,
        state,
        body: reviewOpts.body ?? '',
        team: reviewOpts.team
      }).id
    },
    pushCommit(repo, branch, files, pushOpts = {}): string {
      const state = repoFor(repo)
      if (state.branchSha(branch) === undefined) {
        const from = pushOpts.createBranchFrom
        const start = from === undefined ? undefined : state.resolve(from)
        if (start === undefined) {
          throw new Error(
            `simulator: branch ${branch} does not exist in ${repo}; pass createBranchFrom`
          )
        }
        state.setRef(`heads/${branch}`, start.sha)
      }
      const login = pushOpts.login ?? 'octocat'
      const now = world.now()
      const identity = { name: login, email: noreplyEmail(login), date: now }
      return state.commitOnBranch(branch, files, {
        message: pushOpts.message ?? 'Update files',
        author: identity,
        committer: identity,
        verified: false,
        login
      }).sha
    },
    setLatency(ms: number): void {
      latencyMs = ms
    },
    async stop(): Promise<void> {
      stopped = true
      for (const sleeper of sleepers) {
        clearTimeout(sleeper.timer)
        sleeper.wake()
      }
      sleepers.clear()
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        server.closeAllConnections()
      })
    }
  }
  return simulator
}

/** Decodes %2F and friends; a malformed escape is kept as sent (GitHub would 404 on it). */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
