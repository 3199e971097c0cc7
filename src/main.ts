/**
 * The step, as SPEC.md tells it: inputs → skip? → image → GitOps bump → outputs and summary.
 * The only place that calls `core.setFailed`. The modules of each step are imported when the
 * step runs, so a skipped run never loads the AWS SDK or the Docker code.
 */
import * as core from './core.js'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { ActionError, errorMessage } from './errors.js'
import { readRunContext, type RunContext } from './context.js'
import type { DockerCapabilities, PublishImageOptions, PublishedImage } from './docker.js'
import type { RegistryLogin } from './ecr.js'
import { parseEcrImageReference, registryOf } from './image-reference.js'
import { getInputs, templateValues, type Inputs } from './inputs.js'
import { renderSummary, type Report } from './summary.js'
import { branchNameProblem, expandTemplate } from './template.js'

/** Every output of action.yml. */
export const OUTPUT_NAMES = [
  'skipped',
  'skip-reason',
  'image',
  'tag',
  'digest',
  'registry',
  'repository-uri',
  'repository-created',
  'previous-image',
  'values-file',
  'branch',
  'commit-sha',
  'commits-verified',
  'pull-request-number',
  'pull-request-url',
  'pull-request-operation'
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]
export type Outputs = Record<OutputName, string>

/** The image the GitOps step writes, and how it came to be. */
interface ProducedImage {
  /** `<registry>/<repository>:<tag>` (the reference pushed or promoted). */
  readonly reference: string
  readonly digest: string
  readonly source: 'built' | 'reused' | 'promoted' | 'planned'
  readonly repositoryCreated: boolean
}

/** What the run has done so far, for the failure summary and the cleanup. */
interface Progress {
  step: string
  readonly done: string[]
  readonly notes: string[]
  readonly cleanups: (() => Promise<void>)[]
}

function initialOutputs(): Outputs {
  const outputs = Object.fromEntries(OUTPUT_NAMES.map((name) => [name, ''])) as Outputs
  outputs.skipped = 'false'
  outputs['repository-created'] = 'false'
  outputs['commits-verified'] = 'false'
  outputs['pull-request-operation'] = 'none'
  return outputs
}

export async function run(): Promise<void> {
  const outputs = initialOutputs()
  const progress: Progress = { step: 'input validation', done: [], notes: [], cleanups: [] }
  let app = core.getInput('app')
  let environment = core.getInput('environment') || 'dev'
  let report: Report | undefined
  try {
    const context = readRunContext()
    const inputs = getInputs(context)
    app = inputs.app
    environment = inputs.environment
    outputs['values-file'] = inputs.valuesFile
    outputs.tag = inputs.tag

    progress.step = 'the skip decision'
    const skipReason = await core.group('Changed files', () => decideSkipReason(inputs, context))
    if (skipReason !== undefined) {
      outputs.skipped = 'true'
      outputs['skip-reason'] = skipReason
      report = { kind: 'skipped', app, environment, reason: skipReason }
      return
    }

    progress.step = 'the image'
    const image = await core.group('Image', () => produceImage(inputs, context, outputs, progress))

    progress.step = 'the GitOps pull request'
    report = await core.group('GitOps pull request', () =>
      bumpGitOpsRepository(inputs, context, image, outputs, progress)
    )
  } catch (error) {
    const actionError = error instanceof ActionError ? error : undefined
    core.setFailed(failureMessage(error))
    // For a bug report (step debug logging on): where in dist/index.js, mapped by dist/*.map.
    if (!actionError && error instanceof Error && error.stack) core.debug(error.stack)
    report = {
      kind: 'failed',
      app,
      environment,
      step: progress.step,
      message: actionError ? actionError.message : `Unexpected error: ${errorMessage(error)}`,
      hint: actionError
        ? actionError.hint
        : 'This is a bug in gitops-image-bump; please report it.',
      done: progress.done
    }
  } finally {
    for (const cleanup of progress.cleanups.reverse()) {
      await cleanup().catch((error: unknown) =>
        core.warning(`Cleanup failed: ${errorMessage(error)}`)
      )
    }
    for (const name of OUTPUT_NAMES) core.setOutput(name, outputs[name])
    if (report) await writeSummary(report)
  }
}

/** Step 1: the reason to skip this run, or undefined to go on. */
async function decideSkipReason(inputs: Inputs, context: RunContext): Promise<string | undefined> {
  const { createGitRunner, evaluateSkip } = await import('./changes.js')
  const filters = { force: inputs.force, paths: inputs.paths, pathsIgnore: inputs.pathsIgnore }
  // The GitHub client is loaded only when the compare API is asked.
  const octokit = inputs.githubToken
    ? async () =>
        (await import('./github-http.js')).createRequestClient({
          token: inputs.githubToken,
          baseUrl: context.apiUrl,
          requestTimeoutMs: positiveNumber(process.env.GIB_GITHUB_REQUEST_TIMEOUT_MS)
        })
    : undefined
  const decision = await evaluateSkip(context, filters, {
    octokit,
    git: createGitRunner(context.workspace)
  })
  core.info(`${decision.skip ? 'Skipping' : 'Building'}: ${decision.reason}`)
  return decision.skip ? decision.reason : undefined
}

/** Steps 2 and 3: promote `image`, or ensure the ECR repository, log in, build and push. */
async function produceImage(
  inputs: Inputs,
  context: RunContext,
  outputs: Outputs,
  progress: Progress
): Promise<ProducedImage> {
  if (inputs.image) {
    const image = await promotedImage(inputs, progress)
    Object.assign(outputs, {
      image: inputs.image,
      digest: image.digest,
      registry: registryOf(inputs.image)?.registry ?? '',
      'repository-uri': registryOf(inputs.image)?.repositoryUri ?? ''
    })
    return image
  }

  const ecr = await import('./ecr.js')
  const client = ecr.createEcrClient({ region: inputs.awsRegion })
  if (inputs.dryRun) return plannedImage(inputs, ecr, client, outputs, progress)

  // What the build needs besides ECR: a Docker daemon that answers (and whether buildx is there)
  // and the image's created time (it may ask git; a bad SOURCE_DATE_EPOCH fails). Asked once ECR
  // has answered the first read, so their process starts do not hold that request back
  // (BENCHMARKS.md §2), and always before anything is created in ECR. Docker's error comes
  // first, whatever ECR answered.
  // A build setting this Docker cannot honour (the classic builder: one platform, no cache
  // export, no attestation, labels a Dockerfile can carry) is refused here too, before anything
  // is created in ECR.
  let prerequisites: Promise<[DockerCapabilities, BuildSettings]> | undefined
  const prepare = (): Promise<[DockerCapabilities, BuildSettings]> => {
    if (prerequisites === undefined) {
      const docker = import('./docker.js')
      const dockerCheck = docker.then((module) => module.detectDocker())
      const created = import('./image-created.js').then(({ imageCreated }) => imageCreated(context))
      created.catch(() => undefined)
      prerequisites = dockerCheck.then(async (capabilities) => {
        const build = buildSettings(inputs, context, await created)
        ;(await docker).checkBuildable(build, capabilities)
        return [capabilities, build]
      })
      prerequisites.catch(() => undefined)
    }
    return prerequisites
  }
  const repository = await ecr
    .ensureRepository(client, {
      repositoryName: inputs.ecrRepository,
      registryId: inputs.registryId || undefined,
      tagMutability: inputs.repositoryTagMutability,
      scanOnPush: inputs.repositoryScanOnPush,
      encryption: inputs.repositoryEncryption,
      kmsKey: inputs.repositoryKmsKey || undefined,
      tags: inputs.repositoryTags,
      lifecyclePolicy: inputs.repositoryLifecyclePolicy || undefined,
      create: inputs.createRepository,
      beforeCreate: prepare
    })
    .catch(async (error: unknown) => {
      await prepare()
      throw error
    })
  outputs['repository-created'] = String(repository.created)
  if (repository.created) progress.done.push(`ECR repository created: ${repository.repositoryUri}`)

  // The registry token and, where this tag is immutable, whether it is already there (a re-run)
  // are asked at once, while Docker is checked. A mutable tag is built and pushed again, and a
  // repository this run created holds no tag yet: neither is looked up.
  const preparing = prepare()
  const loginRequest = ecr.getRegistryLogin(client, inputs.registryId || undefined)
  loginRequest.catch(() => undefined)
  const existing = await ecr
    .findReusableImage(client, repository, {
      repositoryName: inputs.ecrRepository,
      registryId: inputs.registryId || undefined,
      tag: inputs.tag
    })
    .catch(async (error: unknown) => {
      await preparing
      throw error
    })
  // Reusing the image needs neither Docker nor its created time; a build waits for both before
  // the token, so Docker's error comes first.
  if (existing === undefined) await preparing
  const login = await loginRequest
  const docker = await import('./docker.js')
  const repositoryUri = `${login.host}/${inputs.ecrRepository}`
  Object.assign(outputs, { registry: login.host, 'repository-uri': repositoryUri })

  let published: PublishedImage
  if (existing !== undefined) {
    published = docker.reusedImage(`${repositoryUri}:${inputs.tag}`, existing)
  } else {
    const [capabilities, build] = await preparing
    published = await buildAndPushImage(
      inputs,
      context,
      docker,
      { login, repositoryUri, capabilities, build },
      progress
    )
  }
  Object.assign(outputs, { image: published.image, digest: published.digest })
  progress.done.push(`image ${published.built ? 'pushed' : 'reused'}: ${published.image}`)
  return {
    reference: published.image,
    digest: published.digest,
    source: published.built ? 'built' : 'reused',
    repositoryCreated: repository.created
  }
}

/** The isolated Docker login, then the build and push of `<repositoryUri>:<tag>`. */
async function buildAndPushImage(
  inputs: Inputs,
  context: RunContext,
  docker: typeof import('./docker.js'),
  target: {
    login: RegistryLogin
    repositoryUri: string
    capabilities: DockerCapabilities
    build: BuildSettings
  },
  progress: Progress
): Promise<PublishedImage> {
  const { login, repositoryUri, capabilities, build } = target
  const session = await docker.createDockerSession(context.runnerTemp)
  progress.cleanups.push(() => session.dispose())
  // Exiting runs the session's own 'exit' handler, which removes the private Docker config.
  const onSignal = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143)
  process.once('SIGTERM', onSignal)
  process.once('SIGINT', onSignal)
  progress.cleanups.push(() => {
    process.off('SIGTERM', onSignal)
    process.off('SIGINT', onSignal)
    return Promise.resolve()
  })
  await session.login(login.host, login.username, login.password)

  return docker.publishImage({ session, repositoryUri, tag: inputs.tag, capabilities, build })
}

type BuildSettings = PublishImageOptions['build']

/** How to build, from the inputs and the run; `createdTime` dates the image. */
function buildSettings(inputs: Inputs, context: RunContext, createdTime: string): BuildSettings {
  return {
    context: path.resolve(context.workspace, inputs.context),
    dockerfile: path.resolve(context.workspace, inputs.dockerfile),
    buildArgs: inputs.buildArgs,
    labels: inputs.labels,
    target: inputs.target,
    network: inputs.network,
    platforms: inputs.platforms,
    cacheFrom: inputs.cacheFrom,
    cacheTo: inputs.cacheTo,
    provenance: inputs.provenance,
    sbom: inputs.sbom,
    source: {
      url: context.repository ? `${context.serverUrl}/${context.repository}` : undefined,
      revision: context.sha,
      created: createdTime
    }
  }
}

/** Promotion: no build; an image in ECR must exist there, and its digest is read back. */
async function promotedImage(inputs: Inputs, progress: Progress): Promise<ProducedImage> {
  const inEcr = parseEcrImageReference(inputs.image)
  let digest = registryOf(inputs.image)?.digest ?? ''
  if (inEcr) {
    const ecr = await import('./ecr.js')
    try {
      digest = await ecr.verifyImage(ecr.createEcrClient({ region: inEcr.region }), inEcr)
      core.info(`Promoting ${inputs.image} (${digest}); nothing is built.`)
    } catch (error) {
      if (!inputs.dryRun) throw error
      progress.notes.push(`Could not verify ${inputs.image} in ECR: ${errorMessage(error)}`)
    }
  } else {
    core.info(`Promoting ${inputs.image}; it is not in ECR, so its existence is not checked.`)
  }
  return { reference: inputs.image, digest, source: 'promoted', repositoryCreated: false }
}

/** Dry run: only reads. The repository URI comes from ECR when it can be read. */
async function plannedImage(
  inputs: Inputs,
  ecr: typeof import('./ecr.js'),
  client: ReturnType<typeof ecr.createEcrClient>,
  outputs: Outputs,
  progress: Progress
): Promise<ProducedImage> {
  let repositoryUri = `${inputs.registryId || '<account>'}.dkr.ecr.${inputs.awsRegion || '<region>'}.amazonaws.com/${inputs.ecrRepository}`
  try {
    const found = await ecr.findRepository(
      client,
      inputs.ecrRepository,
      inputs.registryId || undefined
    )
    if (found) repositoryUri = found.repositoryUri
    else {
      progress.notes.push(
        inputs.createRepository
          ? `Dry run: the ECR repository ${inputs.ecrRepository} does not exist yet; a real run would create it.`
          : `Dry run: the ECR repository ${inputs.ecrRepository} does not exist and create-repository is false; a real run would stop there.`
      )
    }
  } catch (error) {
    progress.notes.push(`Dry run: the ECR repository could not be read (${errorMessage(error)}).`)
  }
  const reference = `${repositoryUri}:${inputs.tag}`
  Object.assign(outputs, {
    image: reference,
    registry: registryOf(reference)?.registry ?? '',
    'repository-uri': repositoryUri
  })
  core.info(`Dry run: would build and push ${reference}.`)
  return { reference, digest: '', source: 'planned', repositoryCreated: false }
}

/** Step 4: patch the values file on a branch and open or update the pull request. */
async function bumpGitOpsRepository(
  inputs: Inputs,
  context: RunContext,
  image: ProducedImage,
  outputs: Outputs,
  progress: Progress
): Promise<Report> {
  const pinned = image.reference.includes('@')
  if (inputs.digestPin && !pinned && !image.digest) {
    const note = `digest-pin is on, but the digest of ${image.reference} is not known${image.source === 'planned' ? ' before the image is built' : ''}; writing it without one.`
    if (image.source === 'planned') progress.notes.push(note)
    else core.warning(note)
  }
  const value =
    inputs.digestPin && image.digest && !pinned
      ? `${image.reference}@${image.digest}`
      : image.reference
  // The `image` output is what the values file gets.
  outputs.image = value
  const values = templateValues(inputs, context, value)
  const branch = expandTemplate(inputs.branchTemplate, values)
  const branchProblem = branchNameProblem(branch)
  if (branchProblem) {
    throw new ActionError(
      `branch: "${inputs.branchTemplate}" expands to "${branch}", which ${branchProblem}.`,
      {
        hint: 'Use placeholders that give a valid branch name, e.g. update-{app}-{sha7}.'
      }
    )
  }
  outputs.branch = inputs.mode === 'commit' ? '' : branch
  const repository = `${inputs.gitopsRepository.owner}/${inputs.gitopsRepository.repo}`
  const base: Omit<Extract<Report, { kind: 'done' }>, 'operation' | 'diff'> = {
    kind: 'done',
    app: inputs.app,
    environment: inputs.environment,
    dryRun: inputs.dryRun,
    image: value,
    digest: image.digest,
    imageSource: image.source,
    repositoryCreated: image.repositoryCreated,
    gitopsRepository: repository,
    valuesFile: inputs.valuesFile,
    pullRequestUrl: '',
    pullRequestNumber: '',
    commitSha: '',
    notes: progress.notes
  }
  if (!inputs.gitopsToken) {
    const note = `Dry run without gitops-token: ${repository} was not read, so the diff of ${inputs.valuesFile} cannot be shown. It would set ${inputs.imageKey} to ${value} on branch ${branch}.`
    core.info(note)
    progress.notes.push(note)
    return { ...base, operation: 'none', diff: '' }
  }

  const { ACTION_THROTTLE, createGitHubClient, tokenKindOf } = await import('./octokit.js')
  const { bumpGitOps } = await import('./gitops.js')
  const client = createGitHubClient({
    token: inputs.gitopsToken,
    baseUrl: inputs.githubApiUrl,
    throttle: ACTION_THROTTLE,
    // Test knobs: the reliability suite shortens the request timeout and the retry waits.
    requestTimeoutMs: positiveNumber(process.env.GIB_GITHUB_REQUEST_TIMEOUT_MS),
    delayUnitMs: positiveNumber(process.env.GIB_RETRY_DELAY_UNIT_MS)
  })
  const result = await bumpGitOps(client, {
    repository: inputs.gitopsRepository,
    base: inputs.gitopsBase || undefined,
    valuesFile: inputs.valuesFile,
    imageKey: inputs.imageKey,
    image: value,
    digest: image.digest || undefined,
    branch,
    commitMessage: expandTemplate(inputs.commitMessageTemplate, values),
    prTitle: expandTemplate(inputs.prTitleTemplate, values),
    prBody: inputs.prBodyTemplate ? expandTemplate(inputs.prBodyTemplate, values) : undefined,
    draft: inputs.prDraft,
    labels: [...inputs.prLabels],
    reviewers: [...inputs.prReviewers],
    teamReviewers: [...inputs.prTeamReviewers],
    autoMerge: inputs.autoMerge,
    supersede: inputs.supersede,
    mode: inputs.mode,
    dryRun: inputs.dryRun,
    source: {
      app: inputs.app,
      environment: inputs.environment,
      repository: context.repository,
      sha: context.sha,
      runNumber: context.runNumber,
      runAttempt: context.runAttempt,
      runId: context.runId,
      serverUrl: context.serverUrl
    },
    tokenKind: tokenKindOf(inputs.gitopsToken)
  })
  Object.assign(outputs, {
    'previous-image': result.previousImage ?? '',
    branch: result.branch,
    'commit-sha': result.commitSha ?? '',
    'commits-verified': String(result.commitsVerified === true),
    'pull-request-number':
      result.pullRequestNumber === null ? '' : String(result.pullRequestNumber),
    'pull-request-url': result.pullRequestUrl ?? '',
    'pull-request-operation': result.operation
  })
  if (inputs.dryRun) {
    core.info(`Dry run: the values diff of ${repository}, and the pull request it would open:`)
    printVerbatim(
      [
        result.diff || '(none: the file already holds this image)',
        `Pull request title: ${result.title}`,
        'Pull request body:',
        result.body
      ].join('\n')
    )
  }
  return {
    ...base,
    operation: result.operation,
    diff: result.diff,
    pullRequestUrl: result.pullRequestUrl ?? '',
    pullRequestNumber: result.pullRequestNumber === null ? '' : String(result.pullRequestNumber),
    commitSha: result.commitSha ?? '',
    supersededBy:
      result.supersededBy === undefined ? undefined : `newer bump #${result.supersededBy}`
  }
}

/**
 * Prints text that comes from files and inputs (values lines, PR body) with workflow commands
 * switched off, so a line such as `::add-mask::` or `::set-output` in it is shown, not obeyed.
 */
function printVerbatim(text: string): void {
  const token = randomUUID()
  core.info(`::stop-commands::${token}`)
  core.info(text)
  core.info(`::${token}::`)
}

function positiveNumber(value: string | undefined): number | undefined {
  const number = Number(value)
  return value && Number.isFinite(number) && number > 0 ? number : undefined
}

async function writeSummary(report: Report): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.appendSummary(renderSummary(report))
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

function failureMessage(error: unknown): string {
  if (error instanceof ActionError) {
    return error.hint ? `${error.message}\n${error.hint}` : error.message
  }
  return `Unexpected error (a bug in gitops-image-bump; please report it): ${errorMessage(error)}`
}
