/**
 * The `repository-lifecycle-policy` input: JSON text, or a JSON file inside the workspace. Checked
 * while the inputs are read, before any network call; applied by `ensureRepository` on creation.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { ActionError, errorMessage } from './errors.js'

const LIFECYCLE_INPUT = 'repository-lifecycle-policy'

/**
 * The lifecycle policy as JSON text: the value itself when it is JSON, else the file it names,
 * which must stay inside `workspace`. '' for an empty value. Throws an ActionError naming
 * `repository-lifecycle-policy`; makes no network call.
 */
export function loadLifecyclePolicy(valueOrPath: string, workspace: string): string {
  const value = valueOrPath.trim()
  if (value === '') return ''
  if (value.startsWith('{')) return checkLifecyclePolicy(value)
  const root = path.resolve(workspace)
  const file = path.resolve(root, value)
  const inside = (candidate: string, base: string) => {
    const relative = path.relative(base, candidate)
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
  }
  if (!inside(file, root)) {
    throw new ActionError(`${LIFECYCLE_INPUT}: "${value}" is outside the workspace.`, {
      hint: 'Give the policy as JSON text, or the path of a file in the repository.'
    })
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new ActionError(
      `${LIFECYCLE_INPUT}: "${value}" is neither JSON text nor a file in the workspace.`,
      {
        hint: 'Give the policy as JSON text, or the path of a file in the repository (relative to the workspace).'
      }
    )
  }
  let text: string
  try {
    if (!inside(realpathSync(file), realpathSync(root))) {
      throw new ActionError(`${LIFECYCLE_INPUT}: "${value}" links outside the workspace.`, {
        hint: 'Use a regular file in the repository.'
      })
    }
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (error instanceof ActionError) throw error
    throw new ActionError(
      `${LIFECYCLE_INPUT}: "${value}" cannot be read: ${errorMessage(error)}.`,
      {
        cause: error
      }
    )
  }
  return checkLifecyclePolicy(text, value)
}

/** Checks that the text is an ECR lifecycle policy document (JSON with a `rules` array). */
export function checkLifecyclePolicy(text: string, file?: string): string {
  const where = file ? ` (file "${file}")` : ''
  let policy: unknown
  try {
    policy = JSON.parse(text)
  } catch (error) {
    throw new ActionError(`${LIFECYCLE_INPUT}${where} is not valid JSON: ${errorMessage(error)}.`, {
      hint: 'Fix the JSON; see the ECR lifecycle policy format ({"rules": [...]}).'
    })
  }
  if (
    typeof policy !== 'object' ||
    policy === null ||
    !Array.isArray((policy as { rules?: unknown }).rules)
  ) {
    throw new ActionError(`${LIFECYCLE_INPUT}${where} is JSON but has no "rules" array.`, {
      hint: 'An ECR lifecycle policy looks like {"rules": [{"rulePriority": 1, "selection": {...}, "action": {"type": "expire"}}]}.'
    })
  }
  return text
}
