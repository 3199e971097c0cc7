/**
 * The step, as SPEC.md tells it: inputs → skip? → image → GitOps bump → outputs and summary.
 * The only place that calls `core.setFailed`.
 */
import * as core from '@actions/core'
import { ActionError, errorMessage } from './errors.js'
import { readRunContext, type RunContext } from './context.js'
import { getInputs, type Inputs } from './inputs.js'

/** Every output of action.yml, with the value it has on a path that never sets it. */
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
  try {
    const context = readRunContext()
    const inputs = getInputs(context)
    outputs['values-file'] = inputs.valuesFile
    outputs.tag = inputs.tag
    if (await skipThisChange(inputs, context, outputs)) return
    await produceImage(inputs, context, outputs)
    await bumpGitOpsRepository(inputs, context, outputs)
  } catch (error) {
    core.setFailed(failureMessage(error))
  } finally {
    for (const name of OUTPUT_NAMES) core.setOutput(name, outputs[name])
  }
}

/** Step 1: decide whether this push deserves an image at all. */
async function skipThisChange(
  _inputs: Inputs,
  _context: RunContext,
  _outputs: Outputs
): Promise<boolean> {
  return Promise.reject(notBuiltYet('the skip decision (paths-ignore, paths, force)'))
}

/** Steps 2 and 3: ensure the ECR repository, build and push, or promote `image`. */
async function produceImage(
  _inputs: Inputs,
  _context: RunContext,
  _outputs: Outputs
): Promise<void> {
  return Promise.reject(notBuiltYet('the image step (ECR repository, build and push)'))
}

/** Step 4: patch the values file on a branch and open or update the pull request. */
async function bumpGitOpsRepository(
  _inputs: Inputs,
  _context: RunContext,
  _outputs: Outputs
): Promise<void> {
  return Promise.reject(notBuiltYet('the GitOps pull request'))
}

function notBuiltYet(step: string): ActionError {
  return new ActionError(`${step} is not built yet in this version of gitops-image-bump.`, {
    hint: 'Nothing was changed. Use a released version of the action.'
  })
}

function failureMessage(error: unknown): string {
  if (error instanceof ActionError) {
    return error.hint ? `${error.message}\n${error.hint}` : error.message
  }
  return `Unexpected error (a bug in gitops-image-bump; please report it): ${errorMessage(error)}`
}
