/**
 * Checks for GitHub Actions workflow files, shared by the tests that hold the repository's own
 * workflows and the copyable examples to the same bar: GitHub's own parser accepts them, and every
 * action they use is pinned to a commit.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser'
import type { TraceWriter } from '@actions/workflow-parser'
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import type { Node } from 'yaml'

/**
 * Every error GitHub's workflow parser (`@actions/workflow-parser`, the parser behind the Actions
 * language service) reports for a workflow: YAML syntax, the workflow schema, expressions and the
 * checks that only run while converting the template (job `needs`, for one). Empty when valid.
 */
export async function workflowErrors(fileName: string, content: string): Promise<string[]> {
  // The parser reports each error through the trace as it records it, including the ones found
  // during conversion, which never reach the parse result's error list.
  const traced: string[] = []
  const trace: TraceWriter = {
    error: (message) => traced.push(message),
    info: () => undefined,
    verbose: () => undefined
  }
  const parsed = parseWorkflow({ name: fileName, content }, trace)
  const converted =
    parsed.value === undefined
      ? undefined
      : await convertWorkflowTemplate(parsed.context, parsed.value)
  const reported = [
    ...parsed.context.errors.getErrors().map((error) => error.message),
    ...(converted?.errors ?? []).map((error) => error.Message)
  ]
  return [...new Set([...traced, ...reported])]
}

/** The workflow files GitHub would run from a `.github/workflows` folder (it does not recurse). */
export function workflowFiles(directory: string): string[] {
  if (!existsSync(directory)) return []
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(directory, entry.name))
    .sort()
}

/** One `uses:` of a workflow: a step's action or a job's reusable workflow. */
export interface ActionReference {
  /** The reference as written, e.g. `actions/checkout@<sha>`. */
  uses: string
  /** 1-based line of the reference in the file. */
  line: number
  /** The comment after the reference on the same line, without `#`, or undefined. */
  comment: string | undefined
}

/** Every `uses:` in a workflow (`jobs.<id>.uses` and `jobs.<id>.steps[*].uses`), in file order. */
export function actionReferences(content: string): ActionReference[] {
  const lineCounter = new LineCounter()
  const document = parseDocument(content, { lineCounter })
  if (document.errors.length > 0) {
    throw new Error(`not valid YAML: ${document.errors.map((error) => error.message).join('; ')}`)
  }
  const references: ActionReference[] = []
  const collect = (node: unknown): void => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return
    const [start, valueEnd] = node.range
    const lineEnd = content.indexOf('\n', valueEnd)
    const rest = content.slice(valueEnd, lineEnd === -1 ? content.length : lineEnd)
    const comment = /^\s+#\s*(.*?)\s*$/.exec(rest)?.[1]
    references.push({ uses: node.value, line: lineCounter.linePos(start).line, comment })
  }
  const jobs = document.get('jobs', true)
  if (!isMap(jobs)) return references
  for (const job of jobs.items) {
    if (!isMap(job.value)) continue
    collect(job.value.get('uses', true))
    const steps = job.value.get('steps', true)
    if (!isSeq(steps)) continue
    for (const step of steps.items as Node[]) {
      if (isMap(step)) collect(step.get('uses', true))
    }
  }
  return references
}

const COMMIT_SHA = /^[0-9a-f]{40}$/
const IMAGE_DIGEST = /@sha256:[0-9a-f]{64}$/
const VERSION_COMMENT = /^v\d+\.\d+\.\d+\b/

/**
 * Why a `uses:` reference breaks the pinning rule, or undefined when it keeps it. The rule: a
 * remote action or reusable workflow is pinned to a full 40-hex commit SHA (a tag can be moved, as
 * the 2025 tj-actions hijack showed), a Docker action to an image digest, and either carries the
 * version it stands for in a `# vX.Y.Z` comment so that a reviewer and Dependabot can read it.
 * Local actions (`./…`) come from the same commit as the workflow and need no pin; `allowed` lists
 * the references a caller accepts as written.
 */
export function pinProblem(
  reference: Pick<ActionReference, 'uses' | 'comment'>,
  allowed: readonly string[] = []
): string | undefined {
  const { uses, comment } = reference
  if (uses.startsWith('./') || allowed.includes(uses)) return undefined
  if (uses.startsWith('docker://')) {
    if (!IMAGE_DIGEST.test(uses)) return `${uses} is not pinned to an image digest (@sha256:…)`
  } else {
    const at = uses.lastIndexOf('@')
    const ref = at === -1 ? '' : uses.slice(at + 1)
    if (!COMMIT_SHA.test(ref)) return `${uses} is not pinned to a full 40-character commit SHA`
  }
  if (comment === undefined || !VERSION_COMMENT.test(comment)) {
    return `${uses} has no '# vX.Y.Z' comment naming the version it pins`
  }
  return undefined
}
