/**
 * Every input of action.yml, read and checked in one place before any network call. All problems
 * are reported at once, each naming its input.
 */
import * as core from './core.js'
import type { RepositoryEncryption, TagMutability } from './ecr.js'
import { IMAGE_KEY_HINT, KeyPathError, parseKeyPath } from './key-path.js'
import path from 'node:path'
import { ActionError } from './errors.js'
import { loadLifecyclePolicy } from './lifecycle-policy.js'
import type { RunContext } from './context.js'
import { parseImageReference } from './image-reference.js'
import { patternListProblems } from './path-patterns.js'
import {
  PLACEHOLDERS,
  branchNameProblem,
  expandTemplate,
  isValidDockerTag,
  sanitizeRefName,
  unknownPlaceholders,
  type Placeholder,
  type TemplateValues
} from './template.js'

export type AutoMerge = false | 'merge' | 'squash' | 'rebase'
export type Mode = 'pull-request' | 'commit'

/** The action's settings, typed and checked. Templates are kept raw where they need run-time values. */
export interface Inputs {
  /** Application name (DNS-1123 label). */
  readonly app: string
  /** Environment folder in the GitOps repository (DNS-1123 label). */
  readonly environment: string
  /** The GitOps repository. */
  readonly gitopsRepository: { readonly owner: string; readonly repo: string }
  /** Token for the GitOps repository; '' only in dry-run. Registered as a secret. */
  readonly gitopsToken: string
  /** Target branch; '' means the repository's default branch. */
  readonly gitopsBase: string
  /** Values file path, expanded, relative to the GitOps repository root. */
  readonly valuesFile: string
  /** Dot path of the image scalar. */
  readonly imageKey: string
  /** REST API base URL of the GitOps repository's host, without a trailing slash. */
  readonly githubApiUrl: string
  /** App-repository token, used only to list changed files. Registered as a secret. */
  readonly githubToken: string
  /** An existing image to promote; '' means build and push. */
  readonly image: string
  /** ECR repository name, expanded. */
  readonly ecrRepository: string
  /** Registry account ID; '' means the caller's account. */
  readonly registryId: string
  /** AWS region of the registry; '' only when no ECR call is needed. */
  readonly awsRegion: string
  /** Image tag: expanded from the `tag` template, or the tag of `image` when promoting. */
  readonly tag: string
  /** Build context, relative to the workspace. */
  readonly context: string
  /** Dockerfile path, expanded, relative to the workspace. */
  readonly dockerfile: string
  readonly buildArgs: Readonly<Record<string, string>>
  readonly labels: Readonly<Record<string, string>>
  readonly target: string
  readonly platforms: readonly string[]
  readonly cacheFrom: readonly string[]
  readonly cacheTo: readonly string[]
  readonly network: string
  readonly createRepository: boolean
  readonly repositoryTagMutability: TagMutability
  readonly repositoryScanOnPush: boolean
  readonly repositoryEncryption: RepositoryEncryption
  readonly repositoryKmsKey: string
  /** The lifecycle policy JSON text (read from the file when a path was given); '' for none. */
  readonly repositoryLifecyclePolicy: string
  readonly repositoryTags: Readonly<Record<string, string>>
  readonly pathsIgnore: readonly string[]
  readonly paths: readonly string[]
  readonly force: boolean
  /** Raw templates, expanded once the image is known (see `renderTemplates`). */
  readonly branchTemplate: string
  readonly commitMessageTemplate: string
  readonly prTitleTemplate: string
  readonly prBodyTemplate: string
  readonly prLabels: readonly string[]
  readonly prReviewers: readonly string[]
  readonly prTeamReviewers: readonly string[]
  readonly prDraft: boolean
  readonly autoMerge: AutoMerge
  readonly supersede: boolean
  readonly digestPin: boolean
  readonly mode: Mode
  readonly provenance: string
  readonly sbom: string
  readonly dryRun: boolean
}

/** One invalid input and what is wrong with it. */
export interface InputProblem {
  readonly input: string
  readonly message: string
}

/** Thrown by `getInputs` with every problem found. */
export class InputError extends ActionError {
  readonly problems: readonly InputProblem[]

  constructor(problems: InputProblem[]) {
    const count = problems.length === 1 ? '1 input is' : `${problems.length} inputs are`
    super(`${count} invalid:\n${problems.map((p) => `- ${p.input}: ${p.message}`).join('\n')}`, {
      hint: 'Fix the inputs of the gitops-image-bump step in your workflow; nothing was changed anywhere.'
    })
    this.name = 'InputError'
    this.problems = problems
  }
}

/**
 * Defaults applied when an input is empty. The runner already applies action.yml's defaults; these
 * make a run outside the runner behave the same (a unit test keeps them equal to action.yml).
 * `paths-ignore` is the exception: set empty, it ignores nothing; only when absent does its
 * default apply.
 */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  environment: 'dev',
  'values-file': 'values/{environment}/{app}/values.yaml',
  'image-key': 'microservice.image',
  'ecr-repository': '{app}',
  tag: '{ref_name}-{sha7}-{run_number}',
  context: '.',
  dockerfile: '{context}/Dockerfile',
  'create-repository': 'true',
  'repository-tag-mutability': 'IMMUTABLE',
  'repository-scan-on-push': 'true',
  'repository-encryption': 'AES256',
  'paths-ignore': '**/*.md\n**/README*\ndocs/**\n**/.gitignore\n',
  force: 'false',
  branch: 'update-{app}-{sha7}',
  'commit-message': 'chore({environment}): bump {app} to {tag}',
  'pr-draft': 'false',
  'auto-merge': 'false',
  supersede: 'true',
  'digest-pin': 'false',
  mode: 'pull-request',
  'dry-run': 'false'
}

/** Which placeholders each template input may use. */
export const TEMPLATE_PLACEHOLDERS: Readonly<Record<string, readonly Placeholder[]>> = {
  'values-file': ['app', 'environment'],
  'ecr-repository': ['app', 'environment'],
  tag: ['app', 'environment', 'sha', 'sha7', 'ref_name', 'run_number', 'run_attempt'],
  dockerfile: ['context', 'app', 'environment'],
  branch: PLACEHOLDERS.filter((name) => name !== 'context'),
  'commit-message': PLACEHOLDERS.filter((name) => name !== 'context'),
  'pr-title': PLACEHOLDERS.filter((name) => name !== 'context'),
  'pr-body': PLACEHOLDERS.filter((name) => name !== 'context')
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/
const ECR_REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
const ACCOUNT_ID = /^\d{12}$/
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/
const TEAM_SLUG = /^(?:[A-Za-z0-9][A-Za-z0-9-]{0,38}\/)?[A-Za-z0-9._-]{1,100}$/
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/

/** Splits a list input on commas and newlines, trimming and dropping empty items. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** Splits a one-item-a-line input, trimming and dropping empty lines and `#` comments. */
export function splitLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** `paths-ignore` when the input is not set: action.yml's default, which INPUT_DEFAULTS holds. */
export const DEFAULT_PATHS_IGNORE: readonly string[] = Object.freeze(
  splitLines(INPUT_DEFAULTS['paths-ignore'] ?? '')
)

/** Reads the inputs (src/core.ts), checks them against the run, and freezes the result. */
export function getInputs(context: RunContext, env: NodeJS.ProcessEnv = process.env): Inputs {
  const problems: InputProblem[] = []
  const raw = (name: string): string => {
    const value = core.getInput(name)
    return value === '' ? (INPUT_DEFAULTS[name] ?? '') : value
  }
  const problem = (input: string, message: string): void => {
    problems.push({ input, message })
  }
  const hasProblem = (input: string): boolean => problems.some((p) => p.input === input)

  // Secrets first, so that nothing below can print them.
  const gitopsToken = core.getInput('gitops-token')
  const githubToken = core.getInput('github-token')
  for (const secret of [gitopsToken, githubToken]) if (secret) core.setSecret(secret)

  const bool = (name: string): boolean => {
    const value = raw(name)
    if (['true', 'True', 'TRUE'].includes(value)) return true
    if (['false', 'False', 'FALSE'].includes(value)) return false
    problem(name, `"${value}" is not a boolean; use true or false.`)
    return false
  }
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T => {
    const value = raw(name)
    if ((allowed as readonly string[]).includes(value)) return value as T
    problem(name, `"${value}" is not one of ${allowed.join(', ')}.`)
    return allowed[0]
  }
  const keyValues = (name: string, check?: (key: string, value: string) => string | undefined) => {
    const entries: Record<string, string> = {}
    for (const line of splitLines(raw(name))) {
      const equals = line.indexOf('=')
      const key = equals < 0 ? '' : line.slice(0, equals).trim()
      const value = equals < 0 ? '' : line.slice(equals + 1).trim()
      if (equals <= 0 || /\s/.test(key)) {
        problem(name, `"${line}" is not KEY=value; write one KEY=value a line.`)
        continue
      }
      if (key in entries) problem(name, `key "${key}" is given twice.`)
      const wrong = check?.(key, value)
      if (wrong) problem(name, wrong)
      entries[key] = value
    }
    return entries
  }
  const template = (name: string): string => {
    const value = raw(name)
    const unknown = unknownPlaceholders(value, TEMPLATE_PLACEHOLDERS[name] ?? [])
    if (unknown.length > 0) {
      problem(
        name,
        `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => `{${p}}`).join(', ')}; ` +
          `${name} may use ${(TEMPLATE_PLACEHOLDERS[name] ?? []).map((p) => `{${p}}`).join(', ')}.`
      )
    }
    return value
  }

  const dryRun = bool('dry-run')

  const app = raw('app')
  if (app === '') problem('app', 'is required: the application name, e.g. myapp-010.')
  else if (!DNS_LABEL.test(app)) {
    problem(
      'app',
      `"${app}" is not a DNS-1123 label (lowercase letters, digits and '-', at most 63).`
    )
  }
  const environment = raw('environment')
  if (!DNS_LABEL.test(environment)) {
    problem(
      'environment',
      `"${environment}" is not a DNS-1123 label (lowercase letters, digits and '-', at most 63).`
    )
  }

  const repositoryInput = raw('gitops-repository')
  const [owner = '', repo = '', ...rest] = repositoryInput.split('/')
  if (repositoryInput === '') {
    problem('gitops-repository', 'is required: owner/name of the GitOps repository.')
  } else if (
    rest.length > 0 ||
    !OWNER.test(owner) ||
    !REPO_NAME.test(repo) ||
    repo === '.' ||
    repo === '..'
  ) {
    problem('gitops-repository', `"${repositoryInput}" is not owner/name (e.g. acme/gitops-apps).`)
  }

  if (gitopsToken === '' && !dryRun) {
    problem(
      'gitops-token',
      'is required unless dry-run is true: pass a token with contents:write and pull-requests:write on the GitOps repository, e.g. ${{ secrets.GITOPS_TOKEN }}.'
    )
  }
  const gitopsBase = core.getInput('gitops-base')
  if (gitopsBase !== '') {
    const wrong = branchNameProblem(gitopsBase)
    if (wrong) problem('gitops-base', `"${gitopsBase}" is not a valid branch name: it ${wrong}.`)
  }

  // Derived names are checked with stand-ins for an invalid app or environment, so that one
  // mistake is reported once, under its own input.
  const appName = DNS_LABEL.test(app) ? app : 'app'
  const environmentName = DNS_LABEL.test(environment) ? environment : 'env'
  const valuesFile = expandTemplate(template('values-file'), { app, environment })
  const valuesProblem = repositoryPathProblem(
    expandTemplate(raw('values-file'), { app: appName, environment: environmentName })
  )
  if (valuesProblem) problem('values-file', `"${valuesFile}" ${valuesProblem}.`)

  const imageKey = raw('image-key')
  const keyProblem = keyPathProblem(imageKey)
  if (keyProblem) problem('image-key', `"${imageKey}" ${keyProblem}.`)

  const githubApiUrl = (core.getInput('github-api-url') || context.apiUrl).replace(/\/+$/, '')
  if (!isHttpUrl(githubApiUrl)) {
    problem('github-api-url', `"${githubApiUrl}" is not an http(s) URL.`)
  }

  const image = core.getInput('image')
  const parsedImage = image === '' ? undefined : parseImageReference(image)
  if (image !== '' && !parsedImage) {
    problem('image', `"${image}" is not a valid image reference (registry/repository:tag).`)
  } else if (parsedImage && !parsedImage.tag && !parsedImage.digest) {
    problem(
      'image',
      `"${image}" has neither a tag nor a digest; promote an exact image (repository:tag or @sha256:...), never an implied :latest.`
    )
  }

  const ecrRepository = expandTemplate(template('ecr-repository'), { app, environment })
  const ecrRepositoryChecked = expandTemplate(raw('ecr-repository'), {
    app: appName,
    environment: environmentName
  })
  if (
    ecrRepositoryChecked.length < 2 ||
    ecrRepositoryChecked.length > 256 ||
    !ECR_REPOSITORY.test(ecrRepositoryChecked)
  ) {
    problem(
      'ecr-repository',
      `"${ecrRepository}" is not a valid ECR repository name (lowercase, digits, '.', '_', '-', '/' between parts).`
    )
  }
  const registryId = core.getInput('registry-id')
  if (registryId !== '' && !ACCOUNT_ID.test(registryId)) {
    problem('registry-id', `"${registryId}" is not a 12-digit AWS account ID.`)
  }
  const awsRegion = core.getInput('aws-region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || ''
  if (awsRegion !== '' && !AWS_REGION.test(awsRegion)) {
    problem('aws-region', `"${awsRegion}" is not an AWS region name (e.g. us-east-1).`)
  } else if (awsRegion === '' && image === '' && !dryRun) {
    problem(
      'aws-region',
      'is required to build and push: set aws-region, or run aws-actions/configure-aws-credentials first (it sets AWS_REGION).'
    )
  }

  const sha7 = context.sha.slice(0, 7)
  const runValues: TemplateValues = {
    app: appName,
    environment: environmentName,
    sha: context.sha,
    sha7,
    ref_name: sanitizeRefName(context.refName || 'detached'),
    run_number: String(context.runNumber),
    run_attempt: String(context.runAttempt)
  }
  const tagTemplate = template('tag')
  let tag = expandTemplate(tagTemplate, runValues)
  if (parsedImage) {
    tag = parsedImage.tag ?? ''
  } else if (!hasProblem('tag') && !isValidDockerTag(tag)) {
    problem(
      'tag',
      `"${tagTemplate}" expands to "${tag}", which is not a valid Docker tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}).`
    )
  }

  const buildContext = raw('context')
  const contextProblem = workspacePathProblem(buildContext, context.workspace)
  if (image === '' && contextProblem) problem('context', `"${buildContext}" ${contextProblem}.`)
  const dockerfile = expandTemplate(template('dockerfile'), {
    context: buildContext.replace(/\/+$/, ''),
    app,
    environment
  })
  const dockerfileProblem = workspacePathProblem(dockerfile, context.workspace)
  if (image === '' && !hasProblem('context') && dockerfileProblem)
    problem('dockerfile', `"${dockerfile}" ${dockerfileProblem}.`)

  const buildArgs = keyValues('build-args')
  const labels = keyValues('labels')
  const platforms = splitList(raw('platforms'))
  for (const platform of platforms) {
    if (!PLATFORM.test(platform)) {
      problem('platforms', `"${platform}" is not os/arch[/variant] (e.g. linux/amd64).`)
    }
  }

  const repositoryEncryption = oneOf<RepositoryEncryption>('repository-encryption', [
    'AES256',
    'KMS'
  ])
  const repositoryKmsKey = core.getInput('repository-kms-key')
  if (repositoryKmsKey !== '' && repositoryEncryption !== 'KMS') {
    problem(
      'repository-kms-key',
      'is set but repository-encryption is not KMS; set both or neither.'
    )
  }
  const repositoryTags = keyValues('repository-tags', (key, value) =>
    key.length > 128 || value.length > 256
      ? `tag "${key}" is too long (keys up to 128 characters, values up to 256).`
      : undefined
  )
  let repositoryLifecyclePolicy = ''
  try {
    repositoryLifecyclePolicy = loadLifecyclePolicy(
      core.getInput('repository-lifecycle-policy'),
      context.workspace
    )
  } catch (error) {
    if (!(error instanceof ActionError)) throw error
    problem(
      'repository-lifecycle-policy',
      error.message.replace(/^repository-lifecycle-policy:? ?/, '')
    )
  }

  // The runner sets every input of action.yml, its default when the workflow leaves it out, so an
  // empty `paths-ignore` was set empty on purpose: nothing is ignored. Absent (a run outside the
  // runner) means the default.
  const pathsIgnore = !core.hasInput('paths-ignore')
    ? [...DEFAULT_PATHS_IGNORE]
    : splitLines(core.getInput('paths-ignore'))
  const paths = splitLines(core.getInput('paths'))
  for (const [name, patterns] of [
    ['paths-ignore', pathsIgnore],
    ['paths', paths]
  ] as const) {
    for (const message of patternListProblems(patterns)) problem(name, `${message}.`)
  }

  const branchTemplate = template('branch')
  const commitMessageTemplate = template('commit-message')
  const prTitleTemplate =
    core.getInput('pr-title') === '' ? commitMessageTemplate : template('pr-title')
  const prBodyTemplate = core.getInput('pr-body') === '' ? '' : template('pr-body')

  // The branch depends on the image, known only after the registry answers: check it with a
  // representative image now, and again when it is expanded for real.
  const sampleImage =
    image || `123456789012.dkr.ecr.us-east-1.amazonaws.com/${ecrRepository}:${tag}`
  const sampleValues = { ...runValues, tag, image: sampleImage }
  const sampleBranch = expandTemplate(branchTemplate, sampleValues)
  const branchProblem = branchNameProblem(sampleBranch)
  if (branchProblem && !hasProblem('branch')) {
    problem('branch', `"${branchTemplate}" expands to "${sampleBranch}", which ${branchProblem}.`)
  }
  if (expandTemplate(commitMessageTemplate, sampleValues).trim() === '') {
    problem('commit-message', 'expands to an empty message.')
  }

  const prReviewers = splitList(core.getInput('pr-reviewers'))
  for (const login of prReviewers) {
    if (!GITHUB_LOGIN.test(login)) problem('pr-reviewers', `"${login}" is not a GitHub login.`)
  }
  const prTeamReviewers = splitList(core.getInput('pr-team-reviewers')).map((team) => {
    if (!TEAM_SLUG.test(team)) problem('pr-team-reviewers', `"${team}" is not a team slug.`)
    return team.includes('/') ? team.slice(team.indexOf('/') + 1) : team
  })
  const prLabels = splitList(core.getInput('pr-labels'))
  for (const label of prLabels) {
    if (label.length > 50) problem('pr-labels', `"${label}" is longer than 50 characters.`)
  }

  const autoMergeValue = oneOf('auto-merge', ['false', 'merge', 'squash', 'rebase'] as const)
  const mode = oneOf<Mode>('mode', ['pull-request', 'commit'])

  const inputs: Inputs = {
    app,
    environment,
    gitopsRepository: Object.freeze({ owner, repo }),
    gitopsToken,
    gitopsBase,
    valuesFile,
    imageKey,
    githubApiUrl,
    githubToken,
    image,
    ecrRepository,
    registryId,
    awsRegion,
    tag,
    context: buildContext,
    dockerfile,
    buildArgs: Object.freeze(buildArgs),
    labels: Object.freeze(labels),
    target: core.getInput('target'),
    platforms: Object.freeze(platforms),
    cacheFrom: Object.freeze(splitLines(core.getInput('cache-from'))),
    cacheTo: Object.freeze(splitLines(core.getInput('cache-to'))),
    network: core.getInput('network'),
    createRepository: bool('create-repository'),
    repositoryTagMutability: oneOf<TagMutability>('repository-tag-mutability', [
      'IMMUTABLE',
      'MUTABLE'
    ]),
    repositoryScanOnPush: bool('repository-scan-on-push'),
    repositoryEncryption,
    repositoryKmsKey,
    repositoryLifecyclePolicy,
    repositoryTags: Object.freeze(repositoryTags),
    pathsIgnore: Object.freeze(pathsIgnore),
    paths: Object.freeze(paths),
    force: bool('force'),
    branchTemplate,
    commitMessageTemplate,
    prTitleTemplate,
    prBodyTemplate,
    prLabels: Object.freeze(prLabels),
    prReviewers: Object.freeze(prReviewers),
    prTeamReviewers: Object.freeze(prTeamReviewers),
    prDraft: bool('pr-draft'),
    autoMerge: autoMergeValue === 'false' ? false : autoMergeValue,
    supersede: bool('supersede'),
    digestPin: bool('digest-pin'),
    mode,
    provenance: core.getInput('provenance'),
    sbom: core.getInput('sbom'),
    dryRun
  }
  if (problems.length > 0) throw new InputError(problems)
  return Object.freeze(inputs)
}

/** The run's template values once the image is known. */
export function templateValues(
  inputs: Inputs,
  context: RunContext,
  image: string
): Required<Omit<TemplateValues, 'context'>> {
  return {
    app: inputs.app,
    environment: inputs.environment,
    sha: context.sha,
    sha7: context.sha.slice(0, 7),
    ref_name: sanitizeRefName(context.refName || 'detached'),
    run_number: String(context.runNumber),
    run_attempt: String(context.runAttempt),
    tag: inputs.tag,
    image
  }
}

/** Why `file` is not a safe path inside a repository, or undefined. */
export function repositoryPathProblem(file: string): string | undefined {
  if (file === '') return 'is empty'
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file))
    return 'is absolute; give a path relative to the repository root'
  if (file.includes('\\')) return "contains '\\'; use '/' between folders"
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(file)) return 'contains a control character'
  const segments = file.split('/')
  if (segments.includes('..')) return "contains '..' and could leave the repository"
  if (segments.some((segment) => segment === '' || segment === '.')) {
    return "has an empty or '.' folder; write a plain relative path"
  }
  if (segments[0] === '.git') return 'points inside .git'
  return undefined
}

/** Why `keyPath` is not a usable dot path, or undefined: the patch's own parser, asked now. */
function keyPathProblem(keyPath: string): string | undefined {
  try {
    parseKeyPath(keyPath)
    return undefined
  } catch (error) {
    if (!(error instanceof KeyPathError)) throw error
    return `is not a valid key path: ${error.message}; ${IMAGE_KEY_HINT}`
  }
}

function workspacePathProblem(file: string, workspace: string): string | undefined {
  if (file === '') return 'is empty'
  const resolved = path.resolve(workspace, file)
  const relative = path.relative(workspace, resolved)
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return `is outside the workspace (${workspace}); give a path inside the repository`
  }
  return undefined
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}
