/**
 * The GitOps half of the step: patch the values file in the GitOps repository on a branch and open
 * (or update) the pull request, through the GitHub API only; no clone. Every Octokit call of the flow
 * lives here. Request sequences follow the GitHub API reference sheet (shared/reference/github-api.md §6):
 *
 * - fresh bump: the reads at once (GET repo, GET commits?per_page=1 and GET contents; with a given
 *   base, GET ref and GET contents), then POST ref · PUT contents · POST pulls: 6 requests or 5;
 *   `supersede` adds a listing of the open PRs of the base before writing and another once this
 *   run's PR is open (overlapping runs), and one of its 30 most recently closed PRs (a newer
 *   run's bump may already be merged);
 * - re-run: the POST ref answers 422 "Reference already exists"; one compare of base...branch tells
 *   whether the branch is ours, current, and already holds the file; configured reviewers the
 *   found PR does not request cost a listing of its reviews and one review request;
 * - writes are locked by the blob sha; a 409 re-reads the branch and tries again, bounded.
 *
 * The decisions (is a branch ours, which PR is newer, what to close) are pure functions below.
 */
import { createHash } from 'node:crypto'
import * as core from './core.js'
import { unifiedDiff } from './diff.js'
import { ActionError, errorMessage, hasResponse, httpStatus } from './errors.js'
import type { GitHubClient, TokenKind } from './octokit.js'
import { compareRuns, parseMarker, renderPrBody, sameBody, type PrSource } from './pr-body.js'

export type GitOpsOperation =
  'created' | 'updated' | 'unchanged' | 'superseded' | 'committed' | 'none'
export type AutoMergeMethod = 'merge' | 'squash' | 'rebase'

export interface GitOpsSource extends PrSource {
  /** The application name (`app`). */
  app: string
  /** The environment folder (`environment`). */
  environment: string
}

/** Typed values for one bump; templates are already expanded. */
export interface GitOpsBumpOptions {
  repository: { owner: string; repo: string }
  /** Branch to target; the repository's default branch when empty or undefined. */
  base?: string
  valuesFile: string
  /** Dot path of the scalar, e.g. `microservice.image`. */
  imageKey: string
  /** The full image reference to write. */
  image: string
  digest?: string
  /** Bump branch name. */
  branch: string
  commitMessage: string
  prTitle: string
  /** The user's `pr-body`; the generated body when undefined or empty. */
  prBody?: string
  draft: boolean
  labels: readonly string[]
  reviewers: readonly string[]
  teamReviewers: readonly string[]
  autoMerge: false | AutoMergeMethod
  /** Close older bump PRs of the same values file, and let a newer run win. */
  supersede: boolean
  mode: 'pull-request' | 'commit'
  /** Read and patch only; write nothing. */
  dryRun: boolean
  source: GitOpsSource
  tokenKind?: TokenKind
}

export interface GitOpsBumpResult {
  operation: GitOpsOperation
  /** The bump branch, or the base in `mode: commit`. */
  branch: string
  baseBranch: string
  /** The commit that holds the bump on `branch`; null when nothing was written. */
  commitSha: string | null
  /** GitHub's verification of that commit; null when no commit is involved. */
  commitsVerified: boolean | null
  pullRequestNumber: number | null
  pullRequestUrl: string | null
  /** The image the values file held on the base, null when the key was unset. */
  previousImage: string | null
  valuesFile: string
  /** Unified diff of the values file, base → bump; empty when it already holds the image. */
  diff: string
  /** The newer PR that won, when `operation` is `superseded`. */
  supersededBy?: number
  /** Older bump PRs this run closed. */
  closed: number[]
  title: string
  body: string
}

export interface GitOpsLog {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

/** Injected effects, so tests neither sleep nor print. */
export interface GitOpsDeps {
  sleep?: (ms: number) => Promise<void>
  log?: GitOpsLog
  /** Attempts of a write that meets a moved branch (409), default 4. */
  maxAttempts?: number
  /** Wait before attempt `n + 1`, default 1 s, 2 s, 4 s … */
  backoffMs?: (attempt: number) => number
}

const RERUN_HINT = 'Re-run the job; a re-run finishes what this run started.'

/** The trailer every commit of the action carries; how its own commits are told from people's. */
export const COMMIT_TRAILER = 'GitOps-Image-Bump'

/** The commit message with the trailer naming the values file. */
export function commitMessageWithTrailer(message: string, valuesFile: string): string {
  const trimmed = message.trimEnd()
  return `${trimmed}\n\n${COMMIT_TRAILER}: ${valuesFile}\n`
}

/** Whether a commit message carries the action's trailer (so the commit is the action's own). */
export function isOwnCommit(message: string): boolean {
  return new RegExp(`^${COMMIT_TRAILER}: \\S`, 'm').test(message)
}

/** Git's object id of a blob: sha1 of `blob <length>\0<bytes>`. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

/** One commit of a base...branch comparison, reduced to what the decision needs. */
export interface BranchCommit {
  sha: string
  message: string
  author: string
  verified: boolean | null
}

/** The comparison of base...branch, reduced. */
export interface BranchComparison {
  aheadBy: number
  behindBy: number
  /** Oldest first, as GitHub lists them. */
  commits: BranchCommit[]
  /** Changed files with their blob sha on the branch. */
  files: { filename: string; sha: string | null; status: string }[]
  headSha: string
}

export type BranchDecision =
  | { action: 'refuse'; commit: BranchCommit | undefined }
  | { action: 'reset' }
  | { action: 'keep'; headSha: string; verified: boolean | null }
  | { action: 'commit'; fileSha: string | undefined }

/**
 * What to do with an existing bump branch. A branch carrying any commit that is not the action's
 * own is refused (never reset, never written to). An own branch behind the base is reset to it. An
 * own, current branch gets a commit only when its file differs from the wanted bytes.
 */
export function decideBranch(
  comparison: BranchComparison,
  valuesFile: string,
  wantedBlobSha: string,
  baseBlobSha: string
): BranchDecision {
  if (comparison.commits.length < comparison.aheadBy) {
    // GitHub lists at most 250 commits; what it does not show cannot be proven ours.
    return { action: 'refuse', commit: undefined }
  }
  const foreign = comparison.commits.find((commit) => !isOwnCommit(commit.message))
  if (foreign) return { action: 'refuse', commit: foreign }
  if (comparison.behindBy > 0) return { action: 'reset' }
  const entry = comparison.files.find((file) => file.filename === valuesFile)
  const branchBlobSha =
    comparison.aheadBy === 0 || entry === undefined
      ? baseBlobSha
      : entry.status === 'removed'
        ? undefined
        : (entry.sha ?? undefined)
  if (branchBlobSha === wantedBlobSha) {
    const head = comparison.commits.at(-1)
    return { action: 'keep', headSha: comparison.headSha, verified: head ? head.verified : null }
  }
  return { action: 'commit', fileSha: branchBlobSha }
}

/** An open pull request, reduced to what the flow needs. */
export interface OpenPull {
  number: number
  url: string
  nodeId: string
  headRef: string
  /** `owner/name` of the head repository; null when the fork is gone. */
  headRepository: string | null
  title: string
  body: string | null
  labels: string[]
  /** Auto-merge method already enabled, lower case; null when off. */
  autoMerge: string | null
  author: string | null
  /**
   * Logins whose review is requested and still pending (GitHub drops a reviewer from the list once
   * they review). Always set by the API readers; optional so that hand-built values need not.
   */
  requestedReviewers?: string[]
  /** Slugs of the teams whose review is requested and still pending. */
  requestedTeams?: string[]
}

export interface SupersedePlan {
  /** This run's own open PR (same head branch in the GitOps repository). */
  own?: OpenPull
  /** The newest open bump PR of a newer run, when there is one: this run has lost. */
  newer?: OpenPull
  /** Open bump PRs of older runs, to close once this run's PR is in place. */
  older: OpenPull[]
}

/**
 * Sorts the open PRs of the base into this run's own, newer and older bump PRs of the same values
 * file. Only PRs whose head lives in the GitOps repository count: a fork could copy a marker.
 */
export function planSupersede(
  ours: { branch: string; valuesFile: string; base: string; runNumber: number; runAttempt: number },
  repository: string,
  pulls: OpenPull[]
): SupersedePlan {
  const plan: SupersedePlan = { older: [] }
  let newestMarker: { runNumber: number; runAttempt: number } | undefined
  for (const pull of pulls) {
    if (pull.headRepository?.toLowerCase() !== repository.toLowerCase()) continue
    if (pull.headRef === ours.branch) {
      plan.own ??= pull
      continue
    }
    const marker = parseMarker(pull.body)
    if (!marker || marker.valuesFile !== ours.valuesFile || marker.base !== ours.base) continue
    const order = compareRuns(marker, ours)
    if (order < 0) plan.older.push(pull)
    else if (order > 0 && (newestMarker === undefined || compareRuns(marker, newestMarker) > 0)) {
      plan.newer = pull
      newestMarker = marker
    }
  }
  plan.older.sort((a, b) => a.number - b.number)
  return plan
}

/**
 * The permissions named by `x-accepted-github-permissions`, in words: `,` joins permissions needed
 * together, `;` separates alternatives. `contents=write` → `contents: write`.
 */
export function describeAcceptedPermissions(header: string): string {
  return header
    .split(';')
    .map((set) =>
      set
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => item.replace('=', ': '))
        .join(' and ')
    )
    .filter((set) => set !== '')
    .join(', or ')
}

/** How an `enablePullRequestAutoMerge` refusal should be reported. */
export function autoMergeRefusal(
  message: string
): 'not-allowed' | 'clean-status' | 'not-ready' | undefined {
  if (/auto merge is not allowed/i.test(message)) return 'not-allowed'
  if (/is in clean status/i.test(message)) return 'clean-status'
  if (/is in (unstable|has_hooks|unknown) status/i.test(message)) return 'not-ready'
  return undefined
}

/** Bumps the image in the GitOps repository; see the module comment for the request sequences. */
type ValuesModule = typeof import('./values.js')
let valuesModule: Promise<ValuesModule> | undefined

/** src/values.ts and the yaml parser it imports (about 300 KB of JavaScript), loaded once. */
function loadValues(): Promise<ValuesModule> {
  valuesModule ??= import('./values.js')
  return valuesModule
}

export async function bumpGitOps(
  client: GitHubClient,
  options: GitOpsBumpOptions,
  deps: GitOpsDeps = {}
): Promise<GitOpsBumpResult> {
  return new GitOpsBump(client, options, deps).run()
}

interface HttpFailure {
  status: number
  message: string
  headers: Record<string, string | number | undefined>
}

/** The status, GitHub's message and headers of a failed request; undefined for other errors. */
function httpFailure(error: unknown): HttpFailure | undefined {
  const status = httpStatus(error)
  if (status === undefined || !hasResponse(error)) return undefined
  const response = (error as { response: { data?: unknown; headers?: unknown } }).response
  const headers = (response.headers ?? {}) as Record<string, string | number | undefined>
  const data = response.data
  let message = error instanceof Error ? error.message : ''
  if (data !== null && typeof data === 'object' && 'message' in data) {
    const parts = [String(data.message)]
    if ('errors' in data && Array.isArray(data.errors)) {
      for (const item of data.errors as unknown[]) {
        if (item !== null && typeof item === 'object' && 'message' in item) {
          parts.push(String(item.message))
        }
      }
    }
    message = parts.join(': ')
  }
  return { status, message, headers }
}

function failedWith(error: unknown, status: number, pattern?: RegExp): boolean {
  const failure = httpFailure(error)
  return (
    failure !== undefined &&
    failure.status === status &&
    (pattern === undefined || pattern.test(failure.message))
  )
}

/**
 * Awaits every promise, then throws the first rejection in the order given, not in the order they
 * happened: the caller lists its reads from the most to the least fundamental.
 */
async function allInOrder<T extends readonly unknown[]>(promises: {
  readonly [K in keyof T]: Promise<T[K]>
}): Promise<T> {
  const outcomes = await Promise.allSettled(promises)
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason
  return outcomes.map(
    (outcome) => (outcome as PromiseFulfilledResult<unknown>).value
  ) as unknown as T
}

/** Thrown inside a write attempt when the branch moved under it; the attempt is redone. */
class StaleBranch extends Error {
  /** `gone`: the branch may not exist any more, so the next attempt creates it again. */
  constructor(
    readonly why: string,
    readonly gone = false
  ) {
    super(why)
  }
}

interface ValuesFileAtBase {
  baseSha: string
  text: string
  blobSha: string
}

/** A read of the values file and the patch of it. */
interface Bump {
  read: ValuesFileAtBase
  patch: { text: string; previous: string | null; changed: boolean }
}

interface BranchWrite {
  commitSha: string
  verified: boolean | null
  committed: boolean
}

class GitOpsBump {
  private readonly owner: string
  private readonly repo: string
  private readonly slug: string
  private readonly log: GitOpsLog
  private readonly sleep: (ms: number) => Promise<void>
  private readonly maxAttempts: number
  private readonly backoffMs: (attempt: number) => number
  private warnedUnsigned = false

  constructor(
    private readonly client: GitHubClient,
    private readonly options: GitOpsBumpOptions,
    deps: GitOpsDeps
  ) {
    this.owner = options.repository.owner
    this.repo = options.repository.repo
    this.slug = `${this.owner}/${this.repo}`
    this.log = deps.log ?? core
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.maxAttempts = deps.maxAttempts ?? 4
    this.backoffMs = deps.backoffMs ?? ((attempt) => 1000 * 2 ** (attempt - 1))
  }

  async run(): Promise<GitOpsBumpResult> {
    const { options } = this
    const first = await this.readBase()
    const values = await loadValues()
    const { base } = first
    let bump: Bump = { read: first.read, patch: this.patch(values, first.read.text) }
    let result = this.describe(base, bump)
    if (options.dryRun) {
      this.log.info(
        bump.patch.changed
          ? `Dry run: would set ${options.imageKey} in ${options.valuesFile} to ${options.image}.`
          : `Dry run: ${options.valuesFile} on ${base} already holds ${options.image}.`
      )
      return result
    }
    if (!bump.patch.changed) {
      this.log.info(
        `${options.valuesFile} on ${base} already holds ${options.image}; nothing to do.`
      )
      return { ...result, operation: 'unchanged' }
    }
    const reread = async (): Promise<Bump | undefined> => {
      const read = await this.readValuesAtBase(base, options.base ? 'input' : 'default')
      const patch = this.patch(values, read.text)
      if (patch.changed) return { read, patch }
      this.log.info(`${options.valuesFile} on ${base} now holds ${options.image}.`)
      return undefined
    }
    if (options.mode === 'commit') {
      for (let attempt = 1; ; attempt++) {
        try {
          const write = await this.putFile(base, bump.patch.text, bump.read.blobSha)
          this.log.info(`Committed ${options.valuesFile} to ${base}: ${write.commitSha}.`)
          return {
            ...result,
            operation: 'committed',
            commitSha: write.commitSha,
            commitsVerified: write.verified
          }
        } catch (error) {
          if (!(error instanceof StaleBranch) || attempt >= this.maxAttempts) {
            throw this.staleToError(error, base)
          }
          this.log.info(`${base} moved (${error.why}); reading it again.`)
          await this.sleep(this.backoffMs(attempt))
          const next = await reread()
          if (next === undefined) return { ...result, operation: 'unchanged', diff: '' }
          bump = next
          result = this.describe(base, bump)
        }
      }
    }
    return this.pullRequestFlow(result, base, bump, reread)
  }

  /** The result of a bump of `read` before anything is written: diff, previous image, PR text. */
  private describe(base: string, { read, patch }: Bump): GitOpsBumpResult {
    const { options } = this
    const previousImage = patch.previous
    const body = renderPrBody({
      app: options.source.app,
      environment: options.source.environment,
      valuesFile: options.valuesFile,
      imageKey: options.imageKey,
      base,
      previousImage,
      image: options.image,
      digest: options.digest,
      source: options.source,
      override: options.prBody
    })
    return {
      operation: 'none',
      branch: options.mode === 'commit' ? base : options.branch,
      baseBranch: base,
      commitSha: null,
      commitsVerified: null,
      pullRequestNumber: null,
      pullRequestUrl: null,
      previousImage,
      valuesFile: options.valuesFile,
      diff: patch.changed ? unifiedDiff(options.valuesFile, read.text, patch.text) : '',
      closed: [],
      title: options.prTitle,
      body
    }
  }

  private async pullRequestFlow(
    described: GitOpsBumpResult,
    base: string,
    bump: Bump,
    reread: () => Promise<Bump | undefined>
  ): Promise<GitOpsBumpResult> {
    const { options } = this
    const ours = {
      branch: options.branch,
      valuesFile: options.valuesFile,
      base,
      runNumber: options.source.runNumber,
      runAttempt: options.source.runAttempt
    }
    let plan: SupersedePlan | undefined
    if (options.supersede) {
      plan = planSupersede(ours, this.slug, await this.listOpenPulls(base))
      // A newer run would have closed this run's own open PR, so only without one can a newer
      // bump already be merged.
      const newer = plan.newer ?? (plan.own ? undefined : await this.findNewerMergedPull(base))
      if (newer) {
        this.log.info(
          `A newer run already ${plan.newer ? 'proposes' : 'merged'} ${options.valuesFile} in ` +
            `#${newer.number}; this older run leaves it alone.`
        )
        return {
          ...described,
          operation: 'superseded',
          supersededBy: newer.number,
          pullRequestNumber: newer.number,
          pullRequestUrl: newer.url
        }
      }
    }

    const written = await this.writeBranch(base, bump, reread)
    if (written.unchanged) return { ...described, operation: 'unchanged', diff: '' }
    const { write, createdBranch } = written
    // A write that had to read the base again describes what it wrote.
    const result = written.bump === bump ? described : this.describe(base, written.bump)
    result.commitSha = write.commitSha
    result.commitsVerified = write.verified

    let pull = createdBranch ? undefined : plan ? plan.own : await this.findOpenPull(base)
    let operation: GitOpsOperation | undefined
    if (pull === undefined) {
      const opened = await this.openPull(base, result.title, result.body)
      pull = opened.pull
      if (opened.created) operation = 'created'
    }
    if (operation === undefined) {
      const refreshed = await this.refreshPull(pull, result)
      operation = refreshed || write.committed ? 'updated' : 'unchanged'
    }
    if (operation === 'created') {
      await this.addLabels(pull, options.labels)
      await this.requestReviewers(pull)
    } else {
      await this.addLabels(
        pull,
        options.labels.filter((label) => !pull.labels.includes(label))
      )
      await this.requestMissingReviewers(pull)
    }
    if (options.autoMerge && pull.autoMerge !== options.autoMerge) {
      await this.enableAutoMerge(pull, options.autoMerge)
    }
    this.log.info(`Pull request #${pull.number} (${operation}): ${pull.url}`)

    const closed: number[] = []
    if (plan) {
      // Runs of the same values file may overlap: look again now that this run's PR is open, so
      // that whichever run looks last closes the other, and exactly one bump PR stays open.
      const after = planSupersede(ours, this.slug, await this.listOpenPulls(base))
      if (after.newer) {
        this.log.info(
          `A newer run opened #${after.newer.number} for ${options.valuesFile} meanwhile; ` +
            `closing this run's #${pull.number}.`
        )
        await this.closeSuperseded(pull, after.newer, base)
        return {
          ...result,
          operation: 'superseded',
          supersededBy: after.newer.number,
          pullRequestNumber: after.newer.number,
          pullRequestUrl: after.newer.url,
          closed: [pull.number]
        }
      }
      for (const older of after.older) {
        await this.closeSuperseded(older, pull, base)
        closed.push(older.number)
      }
    }
    return {
      ...result,
      operation,
      pullRequestNumber: pull.number,
      pullRequestUrl: pull.url,
      closed
    }
  }

  // ---- reading --------------------------------------------------------------------------------

  private async defaultBranch(): Promise<string> {
    try {
      const { data } = await this.client.request('GET /repos/{owner}/{repo}', {
        owner: this.owner,
        repo: this.repo
      })
      return data.default_branch
    } catch (error) {
      throw this.translate(error, 'read the repository')
    }
  }

  private async branchHead(branch: string, origin: 'input' | 'default'): Promise<string> {
    try {
      const { data } = await this.client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`
      })
      return data.object.sha
    } catch (error) {
      if (!failedWith(error, 404)) throw this.translate(error, `read branch ${branch}`)
      // The same 404 means "no such branch" and "no such repository"; one more read tells which.
      if (origin === 'input') await this.defaultBranch()
      throw new ActionError(
        origin === 'input'
          ? `The base branch "${branch}" does not exist in ${this.slug}.`
          : `The default branch "${branch}" of ${this.slug} has no commits.`,
        {
          hint:
            origin === 'input'
              ? 'Set gitops-base to an existing branch of the GitOps repository, or leave it empty for the default branch.'
              : 'Push the values files to the GitOps repository first (merge the onboarding pull request).',
          cause: error
        }
      )
    }
  }

  private async readValuesAtBase(
    base: string,
    origin: 'input' | 'default'
  ): Promise<ValuesFileAtBase> {
    const baseSha = await this.branchHead(base, origin)
    const { text, blobSha } = await this.readValues(baseSha, base)
    return { baseSha, text, blobSha }
  }

  /**
   * The values file at `ref` (the default branch when undefined). `branch` names the branch in
   * errors; a promise when its name is being read at the same time.
   */
  private async readValues(
    ref: string | undefined,
    branch: string | Promise<string>
  ): Promise<{ text: string; blobSha: string }> {
    const { valuesFile } = this.options
    let data: unknown
    try {
      ;({ data } = await this.client.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner: this.owner,
        repo: this.repo,
        path: valuesFile,
        ...(ref === undefined ? {} : { ref })
      }))
    } catch (error) {
      if (failedWith(error, 404, /^Not Found/)) {
        const name = await Promise.resolve(branch).catch(() => 'the default branch')
        throw new ActionError(
          `The values file ${valuesFile} does not exist on ${name} of ${this.slug}.`,
          {
            hint:
              'Merge the onboarding pull request that adds it, or set values-file to the file that ' +
              `holds ${this.options.imageKey}.`,
            cause: error
          }
        )
      }
      throw this.translate(error, `read ${valuesFile}`)
    }
    if (Array.isArray(data) || data === null || typeof data !== 'object') {
      throw new ActionError(`values-file ${valuesFile} is a directory in ${this.slug}.`, {
        hint: 'Set values-file to the path of the YAML file itself.'
      })
    }
    const file = data as { type?: string; encoding?: string; content?: string; sha?: string }
    if (file.type !== 'file' || typeof file.sha !== 'string') {
      throw new ActionError(`values-file ${valuesFile} is not a regular file in ${this.slug}.`, {
        hint: 'Set values-file to the path of the YAML file itself, not a link or submodule.'
      })
    }
    if (file.encoding !== 'base64' || typeof file.content !== 'string') {
      throw new ActionError(
        `The values file ${valuesFile} is too large to edit through the API (over 1 MB).`,
        { hint: 'Split the values file; a Helm values file this large is unusual.' }
      )
    }
    const bytes = Buffer.from(file.content, 'base64')
    const text = bytes.toString('utf8')
    if (!Buffer.from(text, 'utf8').equals(bytes)) {
      throw new ActionError(`The values file ${valuesFile} is not UTF-8 text.`, {
        hint: 'Convert the file to UTF-8; YAML files must be UTF-8 to be edited byte-exactly.'
      })
    }
    return { text, blobSha: file.sha }
  }

  /**
   * The base branch, its head commit and the values file, read at once: the reads go out together
   * (three without `gitops-base`, two with it), so the bump pays one round trip for them, not
   * three (BENCHMARKS.md §1). They are not pinned to one commit: a push to the base between them
   * can pair a head with a newer or older file. The write is locked by the file's blob sha, so
   * such a pair cannot land: the write answers 409, and `writeBranch` (or the commit loop) reads
   * the base again, file pinned to the head, and redoes the bump on that. When several reads
   * fail, the error of the first one (repository, branch, file) is the one that explains.
   */
  private async readBase(): Promise<{ base: string; read: ValuesFileAtBase }> {
    const { options } = this
    const name = options.base ? Promise.resolve(options.base) : this.defaultBranch()
    const head = options.base ? this.branchHead(options.base, 'input') : this.defaultHead(name)
    const file = this.readValues(options.base || undefined, name)
    // The YAML patcher is loaded once GitHub has answered the first read, so that the reads are
    // not held back by it, and it compiles while the others travel (BENCHMARKS.md §2).
    void Promise.race([name, head, file])
      .then(loadValues, loadValues)
      .catch(() => undefined)
    const [base, baseSha, values] = await allInOrder([name, head, file] as const)
    return { base, read: { baseSha, ...values } }
  }

  /** The head commit of the default branch: the first commit GitHub lists, the name unknown yet. */
  private async defaultHead(name: Promise<string>): Promise<string> {
    let head: { sha: string } | undefined
    try {
      const { data } = await this.client.request('GET /repos/{owner}/{repo}/commits', {
        owner: this.owner,
        repo: this.repo,
        per_page: 1
      })
      head = data[0]
    } catch (error) {
      // An empty repository answers 409 "Git Repository is empty."
      if (!failedWith(error, 409)) throw this.translate(error, 'read the default branch')
    }
    if (head !== undefined) return head.sha
    const branch = await name.catch(() => 'the default branch')
    throw new ActionError(`The default branch "${branch}" of ${this.slug} has no commits.`, {
      hint: 'Push the values files to the GitOps repository first (merge the onboarding pull request).'
    })
  }

  private patch(
    values: ValuesModule,
    text: string
  ): { text: string; previous: string | null; changed: boolean } {
    return values.patchScalar(text, this.options.imageKey, this.options.image, {
      fileName: this.options.valuesFile
    })
  }

  // ---- branch and commit ----------------------------------------------------------------------

  /**
   * Puts the bump on the bump branch: creates it at the base head, or brings an existing one of
   * ours up to date. The write is locked by the blob sha that was read; when it meets a branch
   * that moved, or a read that straddled a push to the base (`readBase`), the base is read again,
   * pinned to one commit, and the bump redone on it, a bounded number of times. When the base
   * meanwhile holds the image, a branch this run created is deleted and nothing is left behind.
   */
  private async writeBranch(
    base: string,
    first: Bump,
    reread: () => Promise<Bump | undefined>
  ): Promise<
    | { unchanged: false; bump: Bump; write: BranchWrite; createdBranch: boolean }
    | { unchanged: true }
  > {
    const { branch, valuesFile } = this.options
    let bump = first
    let createdBranch = false
    let exists = false
    for (let attempt = 1; ; attempt++) {
      const { read, patch } = bump
      try {
        const done = (write: BranchWrite) =>
          ({ unchanged: false, bump, write, createdBranch }) as const
        if (!exists) {
          exists = true
          if (await this.createBranch(branch, read.baseSha)) {
            createdBranch = true
            const write = await this.putFile(branch, patch.text, read.blobSha)
            this.log.info(`Created ${branch} with the bump: ${write.commitSha}.`)
            return done(write)
          }
        }
        const wantedBlobSha = gitBlobSha(Buffer.from(patch.text, 'utf8'))
        const comparison = await this.compareBranch(read.baseSha, branch)
        const decision = decideBranch(comparison, valuesFile, wantedBlobSha, read.blobSha)
        switch (decision.action) {
          case 'refuse':
            throw this.foreignBranchError(branch, decision.commit)
          case 'keep':
            this.log.info(`${branch} already holds the bump (${decision.headSha}).`)
            return done({
              commitSha: decision.headSha,
              verified: decision.verified,
              committed: false
            })
          case 'reset': {
            this.log.info(`${branch} is behind ${base}; resetting it to ${read.baseSha}.`)
            await this.resetBranch(branch, read.baseSha)
            return done(await this.putFile(branch, patch.text, read.blobSha))
          }
          case 'commit': {
            const write = await this.putFile(branch, patch.text, decision.fileSha)
            this.log.info(`Committed ${valuesFile} to ${branch}: ${write.commitSha}.`)
            return done(write)
          }
        }
      } catch (error) {
        if (!(error instanceof StaleBranch) || attempt >= this.maxAttempts) {
          throw this.staleToError(error, branch)
        }
        this.log.info(`${branch} moved while writing (${error.why}); reading ${base} again.`)
        await this.sleep(this.backoffMs(attempt))
        const next = await reread()
        if (next === undefined) {
          if (createdBranch && (await this.deleteBranchIfOwn(base, branch)) === 'deleted') {
            this.log.info(`Deleted ${branch}, which this run created: there is nothing to bump.`)
          }
          return { unchanged: true }
        }
        bump = next
        if (error.gone) exists = false
      }
    }
  }

  /**
   * Deletes `branch` when every commit on it past `base` carries the action's trailer (README: a
   * bump branch is only ever reset or deleted then). 'kept' when it has commits of others or
   * shares no history with the base, 'gone' when it no longer exists.
   */
  private async deleteBranchIfOwn(
    base: string,
    branch: string
  ): Promise<'deleted' | 'kept' | 'gone'> {
    const target = { owner: this.owner, repo: this.repo }
    try {
      const { data } = await this.client.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
        ...target,
        basehead: `${base}...${branch}`
      })
      const onlyOwn =
        data.commits.length === data.ahead_by &&
        data.commits.every((commit) => isOwnCommit(commit.commit.message))
      if (!onlyOwn) return 'kept'
    } catch (error) {
      if (failedWith(error, 404, /No common ancestor/i)) return 'kept'
      if (failedWith(error, 404)) return 'gone'
      throw this.translate(error, `inspect branch ${branch}`)
    }
    try {
      await this.client.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
        ...target,
        ref: `heads/${branch}`
      })
    } catch (error) {
      if (failedWith(error, 422, /Reference does not exist/i)) return 'gone'
      throw this.translate(error, `delete branch ${branch}`)
    }
    return 'deleted'
  }

  /** Creates the branch; false when it already exists. */
  private async createBranch(branch: string, sha: string): Promise<boolean> {
    try {
      await this.client.request('POST /repos/{owner}/{repo}/git/refs', {
        owner: this.owner,
        repo: this.repo,
        ref: `refs/heads/${branch}`,
        sha
      })
      return true
    } catch (error) {
      if (failedWith(error, 422, /Reference already exists/i)) return false
      if (failedWith(error, 422, /Reference update failed/i)) {
        throw new StaleBranch('reference update failed', true)
      }
      throw this.translate(error, `create branch ${branch}`)
    }
  }

  private async resetBranch(branch: string, sha: string): Promise<void> {
    try {
      await this.client.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${branch}`,
        sha,
        force: true
      })
    } catch (error) {
      if (failedWith(error, 422, /Reference does not exist/i)) {
        throw new StaleBranch('the branch was deleted', true)
      }
      throw this.translate(error, `reset branch ${branch}`)
    }
  }

  private async compareBranch(baseSha: string, branch: string): Promise<BranchComparison> {
    try {
      const { data } = await this.client.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
        owner: this.owner,
        repo: this.repo,
        basehead: `${baseSha}...${branch}`
      })
      const commits = data.commits.map((commit) => ({
        sha: commit.sha,
        message: commit.commit.message,
        author: commit.author?.login ?? commit.commit.author?.name ?? 'unknown',
        verified: commit.commit.verification?.verified ?? null
      }))
      return {
        aheadBy: data.ahead_by,
        behindBy: data.behind_by,
        commits,
        files: (data.files ?? []).map((file) => ({
          filename: file.filename,
          sha: file.sha,
          status: file.status
        })),
        headSha: commits.at(-1)?.sha ?? data.merge_base_commit.sha
      }
    } catch (error) {
      if (failedWith(error, 404, /No common ancestor/i)) {
        throw this.foreignBranchError(branch, undefined, 'shares no history with the base')
      }
      if (failedWith(error, 404)) throw new StaleBranch('the branch was deleted', true)
      throw this.translate(error, `compare ${branch} with the base`)
    }
  }

  private async putFile(
    branch: string,
    text: string,
    fileSha: string | undefined
  ): Promise<BranchWrite> {
    const { valuesFile } = this.options
    this.warnUnsignedOnce()
    try {
      const { data } = await this.client.request('PUT /repos/{owner}/{repo}/contents/{path}', {
        owner: this.owner,
        repo: this.repo,
        path: valuesFile,
        branch,
        // No author or committer: GitHub signs the commit when the token is an App's or GITHUB_TOKEN.
        message: commitMessageWithTrailer(this.options.commitMessage, valuesFile),
        content: Buffer.from(text, 'utf8').toString('base64'),
        ...(fileSha === undefined ? {} : { sha: fileSha })
      })
      const sha = data.commit.sha
      if (sha === undefined) {
        throw new ActionError(`GitHub did not return the commit of ${valuesFile} on ${branch}.`, {
          hint: RERUN_HINT
        })
      }
      return {
        commitSha: sha,
        verified: data.commit.verification?.verified ?? null,
        committed: true
      }
    } catch (error) {
      if (failedWith(error, 409)) throw new StaleBranch(httpFailure(error)?.message ?? '409')
      if (failedWith(error, 404)) throw new StaleBranch('the branch was deleted', true)
      throw this.translate(error, `commit ${valuesFile} to ${branch}`)
    }
  }

  private warnUnsignedOnce(): void {
    if (this.options.tokenKind !== 'pat' || this.warnedUnsigned) return
    this.warnedUnsigned = true
    this.log.warning(
      'gitops-token is a personal access token: GitHub does not sign commits made with it, so the ' +
        'bump commit shows as Unverified. Use a GitHub App installation token ' +
        '(actions/create-github-app-token) or GITHUB_TOKEN for Verified commits.'
    )
  }

  // ---- pull requests --------------------------------------------------------------------------

  private async listOpenPulls(base: string): Promise<OpenPull[]> {
    try {
      const pulls = await this.client.paginate('GET /repos/{owner}/{repo}/pulls', {
        owner: this.owner,
        repo: this.repo,
        state: 'open',
        base,
        per_page: 100
      })
      return pulls.map(toOpenPull)
    } catch (error) {
      throw this.translate(error, `list the open pull requests of ${base}`)
    }
  }

  /**
   * The most recently merged bump PR of a newer run for the same values file and base, if any
   * among the last 30 closed PRs of the base: an older run that finishes after a newer one was
   * already merged must not bring the older image back.
   */
  private async findNewerMergedPull(base: string): Promise<OpenPull | undefined> {
    const { options } = this
    let closed
    try {
      const { data } = await this.client.request('GET /repos/{owner}/{repo}/pulls', {
        owner: this.owner,
        repo: this.repo,
        state: 'closed',
        base,
        sort: 'updated',
        direction: 'desc',
        per_page: 30
      })
      closed = data
    } catch (error) {
      throw this.translate(error, `list the closed pull requests of ${base}`)
    }
    const ours = { runNumber: options.source.runNumber, runAttempt: options.source.runAttempt }
    for (const item of closed) {
      if (!item.merged_at) continue
      const pull = toOpenPull(item)
      if (pull.headRepository?.toLowerCase() !== this.slug.toLowerCase()) continue
      const marker = parseMarker(pull.body)
      if (marker?.valuesFile !== options.valuesFile || marker.base !== base) continue
      if (compareRuns(marker, ours) > 0) return pull
    }
    return undefined
  }

  private async findOpenPull(base: string): Promise<OpenPull | undefined> {
    try {
      const { data } = await this.client.request('GET /repos/{owner}/{repo}/pulls', {
        owner: this.owner,
        repo: this.repo,
        state: 'open',
        head: `${this.owner}:${this.options.branch}`,
        base,
        per_page: 100
      })
      // Filter again: GitHub ignores a head filter it cannot parse and lists every PR.
      return data.map(toOpenPull).find((pull) => this.isOurBranch(pull))
    } catch (error) {
      throw this.translate(error, `find the pull request of ${this.options.branch}`)
    }
  }

  private isOurBranch(pull: OpenPull): boolean {
    return (
      pull.headRef === this.options.branch &&
      pull.headRepository?.toLowerCase() === this.slug.toLowerCase()
    )
  }

  /** Opens the PR; when one already exists for the branch (a race), returns that one instead. */
  private async openPull(
    base: string,
    title: string,
    body: string
  ): Promise<{ pull: OpenPull; created: boolean }> {
    try {
      const { data } = await this.client.request('POST /repos/{owner}/{repo}/pulls', {
        owner: this.owner,
        repo: this.repo,
        head: this.options.branch,
        base,
        title,
        body,
        draft: this.options.draft
      })
      return { pull: toOpenPull(data), created: true }
    } catch (error) {
      if (failedWith(error, 422, /A pull request already exists/i)) {
        const existing = await this.findOpenPull(base)
        if (existing) {
          this.log.info(
            `A pull request for ${this.options.branch} appeared meanwhile: #${existing.number}.`
          )
          return { pull: existing, created: false }
        }
      }
      throw this.translate(error, `open the pull request from ${this.options.branch}`)
    }
  }

  /** Brings title and body up to date; true when something was changed. */
  private async refreshPull(pull: OpenPull, result: GitOpsBumpResult): Promise<boolean> {
    if (pull.title === result.title && sameBody(pull.body, result.body)) return false
    try {
      await this.client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
        owner: this.owner,
        repo: this.repo,
        pull_number: pull.number,
        title: result.title,
        body: result.body
      })
      return true
    } catch (error) {
      throw this.translate(error, `update pull request #${pull.number}`)
    }
  }

  private async addLabels(pull: OpenPull, labels: readonly string[]): Promise<void> {
    if (labels.length === 0) return
    try {
      await this.eventually(() =>
        this.client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
          owner: this.owner,
          repo: this.repo,
          issue_number: pull.number,
          labels: [...labels]
        })
      )
    } catch (error) {
      this.warnFailure(error, `add the labels ${labels.join(', ')} to #${pull.number}`)
    }
  }

  /** The configured reviewers, less the PR's author: GitHub refuses to ask the author. */
  private wantedReviewers(pull: OpenPull): string[] {
    const author = pull.author?.toLowerCase()
    return this.options.reviewers.filter((login) => login.toLowerCase() !== author)
  }

  private async requestReviewers(pull: OpenPull): Promise<void> {
    await this.postReviewRequest(
      pull,
      this.wantedReviewers(pull),
      [...this.options.teamReviewers],
      {
        justCreated: true
      }
    )
  }

  /**
   * On a PR that already existed, asks the configured reviewers and teams that are not requested,
   * e.g. because the run that opened it died, or lost the answer, before it asked them. Nobody is
   * asked twice: whoever is still requested is left alone, and so is whoever already reviewed
   * (GitHub takes a reviewer off the list once they review; asking again would notify them
   * again). A team is only asked while the PR has no review at all: a member's review satisfies
   * the team's request, and the PR does not say who belongs to which team.
   */
  private async requestMissingReviewers(pull: OpenPull): Promise<void> {
    const requestedLogins = new Set((pull.requestedReviewers ?? []).map((l) => l.toLowerCase()))
    const requestedTeams = new Set((pull.requestedTeams ?? []).map((t) => t.toLowerCase()))
    let reviewers = this.wantedReviewers(pull).filter(
      (login) => !requestedLogins.has(login.toLowerCase())
    )
    let teams = this.options.teamReviewers.filter((slug) => !requestedTeams.has(slug.toLowerCase()))
    if (reviewers.length === 0 && teams.length === 0) return
    let reviewed: Set<string>
    let anyReview: boolean
    try {
      const reviews = await this.client.paginate(
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        { owner: this.owner, repo: this.repo, pull_number: pull.number, per_page: 100 }
      )
      anyReview = reviews.length > 0
      reviewed = new Set(
        reviews.flatMap((review) => (review.user ? [review.user.login.toLowerCase()] : []))
      )
    } catch (error) {
      // Without the reviews, asking could notify someone who already reviewed: ask nobody.
      this.warnFailure(error, `read the reviews of #${pull.number} to request the missing ones`)
      return
    }
    const alreadyReviewed = reviewers.filter((login) => reviewed.has(login.toLowerCase()))
    reviewers = reviewers.filter((login) => !reviewed.has(login.toLowerCase()))
    if (anyReview) teams = []
    if (reviewers.length === 0 && teams.length === 0) {
      this.log.debug(
        `#${pull.number} has reviews from ${alreadyReviewed.join(', ') || 'others'}; ` +
          'no review request is missing.'
      )
      return
    }
    const named = [...reviewers, ...teams.map((slug) => `team ${slug}`)].join(', ')
    if (await this.postReviewRequest(pull, reviewers, teams, { justCreated: false })) {
      this.log.info(
        `Requested reviews on #${pull.number} from ${named}: they were configured but not ` +
          'requested on the existing pull request (an earlier run did not get to ask them).'
      )
    }
  }

  /**
   * One review request; a refusal is a warning, the PR stands. True when GitHub accepted it. Only
   * a PR created a moment ago is waited for ("Could not resolve to a node", `eventually`).
   */
  private async postReviewRequest(
    pull: OpenPull,
    reviewers: string[],
    teamReviewers: string[],
    { justCreated }: { justCreated: boolean }
  ): Promise<boolean> {
    if (reviewers.length === 0 && teamReviewers.length === 0) return false
    const send = () =>
      this.client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
        owner: this.owner,
        repo: this.repo,
        pull_number: pull.number,
        reviewers,
        team_reviewers: teamReviewers
      })
    try {
      await (justCreated ? this.eventually(send) : send())
      return true
    } catch (error) {
      this.warnFailure(error, `request reviews on #${pull.number}`)
      return false
    }
  }

  private async enableAutoMerge(pull: OpenPull, method: AutoMergeMethod): Promise<void> {
    const mutation = `mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: {pullRequestId: $pullRequestId, mergeMethod: $mergeMethod}) {
    pullRequest { number autoMergeRequest { mergeMethod } }
  }
}`
    try {
      await this.eventually(() =>
        this.client.graphql(mutation, {
          pullRequestId: pull.nodeId,
          mergeMethod: method.toUpperCase()
        })
      )
      this.log.info(`Auto-merge (${method}) is on for #${pull.number}.`)
    } catch (error) {
      const message = graphqlMessage(error)
      switch (autoMergeRefusal(message)) {
        case 'not-allowed':
          this.log.warning(
            `Auto-merge is not allowed in ${this.slug}, so #${pull.number} waits for a manual merge. ` +
              `Turn on Settings → General → Pull Requests → "Allow auto-merge" in ${this.slug}, ` +
              'or set auto-merge: false.'
          )
          return
        case 'clean-status':
          this.log.warning(
            `#${pull.number} can already be merged and nothing is pending, so GitHub does not queue ` +
              'auto-merge. Merge it yourself, or protect the base branch with required status ' +
              'checks or reviews so auto-merge has something to wait for.'
          )
          return
        case 'not-ready':
          this.log.warning(
            `GitHub could not enable auto-merge on #${pull.number} yet (${message}). Re-run the job ` +
              'once its checks have started, or merge it yourself.'
          )
          return
        default:
          throw this.translate(error, `enable auto-merge on #${pull.number}`)
      }
    }
  }

  private async closeSuperseded(older: OpenPull, newer: OpenPull, base: string): Promise<void> {
    const target = { owner: this.owner, repo: this.repo }
    try {
      await this.client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...target,
        issue_number: older.number,
        body: `Superseded by #${newer.number}.`
      })
      await this.client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
        ...target,
        pull_number: older.number,
        state: 'closed'
      })
    } catch (error) {
      throw this.translate(error, `close the superseded pull request #${older.number}`)
    }
    const outcome = await this.deleteBranchIfOwn(base, older.headRef)
    this.log.info(
      outcome === 'kept'
        ? `Closed #${older.number}; kept ${older.headRef}, which has commits of others.`
        : `Closed #${older.number} (superseded by #${newer.number})` +
            (outcome === 'deleted' ? ' and deleted its branch.' : '; its branch was already gone.')
    )
  }

  /**
   * Right after a PR is created, follow-up calls can fail with "Could not resolve to a node" while
   * GitHub catches up; retry those a few times.
   */
  private async eventually<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call()
      } catch (error) {
        const message = httpFailure(error)?.message ?? graphqlMessage(error)
        if (attempt >= this.maxAttempts || !/Could not resolve to a node/i.test(message))
          throw error
        await this.sleep(this.backoffMs(attempt))
      }
    }
  }

  // ---- errors ---------------------------------------------------------------------------------

  private warnFailure(error: unknown, what: string): void {
    const translated = this.translate(error, what)
    // The pull request is in place; only a hint about access is worth adding to the warning.
    const hint =
      translated instanceof ActionError && translated.hint && translated.hint !== RERUN_HINT
        ? ` ${translated.hint}`
        : ''
    this.log.warning(`${translated.message}${hint}`)
  }

  private foreignBranchError(branch: string, commit: BranchCommit | undefined, why?: string) {
    const what = commit
      ? `carries commit ${commit.sha.slice(0, 7)} "${commit.message.split('\n')[0]}" by ${commit.author}, which gitops-image-bump did not make`
      : (why ?? 'has more commits than can be checked')
    return new ActionError(
      `The bump branch ${branch} in ${this.slug} ${what}; it is left untouched.`,
      {
        hint:
          `Merge or close its pull request and delete ${branch}, then re-run; or change the ` +
          '`branch` input so this run uses a new branch.'
      }
    )
  }

  private staleToError(error: unknown, branch: string): unknown {
    if (!(error instanceof StaleBranch)) return error
    return new ActionError(
      `${branch} in ${this.slug} kept moving while ${this.options.valuesFile} was committed ` +
        `(${error.why}); gave up after ${this.maxAttempts} attempts.`,
      { hint: 'Another job is writing the same branch. Re-run this job once it is done.' }
    )
  }

  /** Turns a failed request into an ActionError that says what to do. */
  private translate(error: unknown, what: string): Error {
    if (error instanceof ActionError) return error
    const failure = httpFailure(error)
    if (failure === undefined) {
      const graphql = graphqlMessage(error)
      if (graphql !== '') {
        return new ActionError(`GitHub refused to ${what} in ${this.slug}: ${graphql}`, {
          hint: 'Check that gitops-token has contents:write and pull-requests:write there.',
          cause: error
        })
      }
      return new ActionError(
        `Could not reach GitHub to ${what} in ${this.slug}: ${errorMessage(error)}`,
        {
          hint: 'Check github-api-url and the runner network. A re-run finishes what this run started.',
          cause: error
        }
      )
    }
    const { status, message, headers } = failure
    const accepted = headers['x-accepted-github-permissions']
    if (status === 401) {
      return new ActionError(`GitHub rejected gitops-token (401 ${message}) trying to ${what}.`, {
        hint:
          'The token is wrong, revoked or expired (GitHub App tokens last one hour). Pass a valid ' +
          `token with contents:write and pull-requests:write on ${this.slug}.`,
        cause: error
      })
    }
    if (status === 403 && /not permitted to create or approve pull requests/i.test(message)) {
      return new ActionError(
        `GitHub Actions is not permitted to create pull requests in ${this.slug} (403: ${message}).`,
        {
          hint:
            `In ${this.slug} (or its organization) turn on Settings → Actions → General → Workflow ` +
            'permissions → "Allow GitHub Actions to create and approve pull requests", or pass a ' +
            `GitHub App installation token as gitops-token. The branch ${this.options.branch} is ` +
            'already pushed; a re-run opens the pull request.',
          cause: error
        }
      )
    }
    if (
      (status === 403 || status === 429) &&
      (/rate limit/i.test(message) || String(headers['x-ratelimit-remaining']) === '0')
    ) {
      return new ActionError(
        `GitHub's rate limit stopped the request to ${what} in ${this.slug}.`,
        {
          hint:
            'Wait for the limit to reset and re-run the job; a GitHub App token has higher limits ' +
            'than GITHUB_TOKEN.',
          cause: error
        }
      )
    }
    if (status === 403) {
      const needed = typeof accepted === 'string' && accepted !== '' ? accepted : undefined
      return new ActionError(
        `gitops-token may not ${what} in ${this.slug} (403: ${message})` +
          (needed ? `; it needs ${describeAcceptedPermissions(needed)}.` : '.'),
        {
          hint: needed
            ? `Grant the token ${describeAcceptedPermissions(needed)} on ${this.slug} ` +
              '(fine-grained PAT or GitHub App permissions), then re-run.'
            : `Give the token contents:write and pull-requests:write on ${this.slug}, then re-run.`,
          cause: error
        }
      )
    }
    if (status === 404) {
      return new ActionError(
        `The GitOps repository ${this.slug} is not visible to gitops-token (404 Not Found trying to ${what}).`,
        {
          hint:
            'GitHub answers 404 when a token cannot see a private repository. Check ' +
            `gitops-repository, and give the token in gitops-token access to ${this.slug} with ` +
            'contents: write and pull requests: write (a fine-grained PAT or a GitHub App ' +
            "installation). The workflow's own GITHUB_TOKEN only reaches its own repository.",
          cause: error
        }
      )
    }
    return new ActionError(
      `GitHub answered ${status} trying to ${what} in ${this.slug}: ${message}`,
      {
        hint: RERUN_HINT,
        cause: error
      }
    )
  }
}

function graphqlMessage(error: unknown): string {
  if (error === null || typeof error !== 'object' || !('errors' in error)) return ''
  const errors = error.errors
  if (!Array.isArray(errors)) return ''
  return errors
    .map((item: unknown) =>
      item !== null && typeof item === 'object' && 'message' in item ? String(item.message) : ''
    )
    .filter((message) => message !== '')
    .join('; ')
}

interface PullData {
  number: number
  html_url: string
  node_id: string
  title: string
  body?: string | null
  head: { ref: string; repo: { full_name: string } | null }
  labels: { name?: string }[]
  auto_merge?: { merge_method: string } | null
  user?: { login: string } | null
  requested_reviewers?: { login: string }[] | null
  requested_teams?: { slug: string }[] | null
}

function toOpenPull(data: PullData): OpenPull {
  return {
    number: data.number,
    url: data.html_url,
    nodeId: data.node_id,
    headRef: data.head.ref,
    headRepository: data.head.repo?.full_name ?? null,
    title: data.title,
    body: data.body ?? null,
    labels: data.labels.map((label) => label.name ?? '').filter((name) => name !== ''),
    autoMerge: data.auto_merge?.merge_method ?? null,
    author: data.user?.login ?? null,
    requestedReviewers: (data.requested_reviewers ?? []).map((reviewer) => reviewer.login),
    requestedTeams: (data.requested_teams ?? []).map((team) => team.slug)
  }
}
