/**
 * Validates response bodies against GitHub's own OpenAPI description
 * (`@octokit/openapi` `generated/api.github.com.json`), so a simulator or fixture cannot drift
 * into shapes GitHub never sends. The 13 MB description is loaded once per test file.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import formats from 'ajv-formats'

type Json = Record<string, unknown>

interface Operation {
  operationId: string
  responses: Record<string, Json>
  parameters?: Json[]
}

interface Spec {
  paths: Record<string, Record<string, Operation | Json[]>>
  components: { schemas: Json; responses: Record<string, Json>; parameters: Record<string, Json> }
}

interface Template {
  path: string
  pattern: RegExp
  /** Literal characters: the most specific template wins when several match. */
  literal: number
}

const REF_PREFIX = 'gh'
const GENERIC_ERROR = { $ref: `${REF_PREFIX}#/components/schemas/basic-error` }

let loaded: { spec: Spec; ajv: Ajv; templates: Template[] } | undefined
const validators = new Map<string, ValidateFunction>()

/**
 * OpenAPI 3.0 `nullable` without `type` (beside allOf/oneOf/$ref) makes Ajv throw; rewrite it
 * to anyOf [x, null]. Local `$ref`s are pointed at the components schema registered as `gh`.
 * `oneOf` becomes `anyOf`: GitHub's description uses it for alternatives that overlap (a 409 is
 * `basic-error` or `repository-rule-violation-error`, and any body matching one matches both),
 * so "exactly one" would reject every real answer.
 */
function fix(node: unknown, rebase: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => fix(n, rebase))
  if (node === null || typeof node !== 'object') return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node as Json)) {
    out[key === 'oneOf' ? 'anyOf' : key] =
      key === '$ref' && rebase && typeof value === 'string' && value.startsWith('#/')
        ? `${REF_PREFIX}${value}`
        : fix(value, rebase)
  }
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable
    return { anyOf: [out, { type: 'null' }] }
  }
  return out
}

function load(): NonNullable<typeof loaded> {
  if (loaded !== undefined) return loaded
  const require = createRequire(import.meta.url)
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json')
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec
  const ajv = new Ajv({ strict: false, allErrors: true })
  formats.default(ajv)
  for (const format of [
    'repo.nwo',
    'timestamp',
    'int32',
    'int64',
    'double',
    'binary',
    'uri-template'
  ]) {
    ajv.addFormat(format, true)
  }
  ajv.addSchema({ $id: REF_PREFIX, components: fix(spec.components, false) })
  const templates: Template[] = Object.keys(spec.paths).map((path) => {
    const multiSegment = new Set<string>()
    for (const op of Object.values(spec.paths[path])) {
      if (Array.isArray(op)) continue
      for (const param of op.parameters ?? []) {
        const resolved = resolveRef(spec, param)
        if (resolved['x-multi-segment'] === true) multiSegment.add(String(resolved.name))
      }
    }
    let literal = 0
    const source = path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const param = /^\{([^}]+)\}$/.exec(part)
        if (param === null) {
          literal += part.length
          return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        }
        return multiSegment.has(param[1]) ? '(.+)' : '([^/]+)'
      })
      .join('')
    return { path, pattern: new RegExp(`^${source}$`), literal }
  })
  templates.sort((a, b) => b.literal - a.literal)
  loaded = { spec, ajv, templates }
  return loaded
}

function resolveRef(spec: Spec, node: Json): Json {
  let current = node
  while (typeof current.$ref === 'string') {
    const [, , section, name] = current.$ref.split('/')
    const table = spec.components[section as keyof Spec['components']] as Record<string, Json>
    current = table[name]
  }
  return current
}

/** The spec's path template for a template or a concrete path (query, /api/v3 and %2F allowed). */
export function findTemplate(pathTemplateOrConcretePath: string): string | undefined {
  const { spec, templates } = load()
  let path = pathTemplateOrConcretePath
  if (/^https?:\/\//.test(path)) path = new URL(path).pathname
  path = path.replace(/\?.*$/, '').replace(/^\/api\/v3(?=\/)/, '')
  if (spec.paths[path] !== undefined) return path
  try {
    path = decodeURIComponent(path)
  } catch {
    // A malformed escape cannot match a template either; keep the raw text.
  }
  return templates.find((t) => t.pattern.test(path))?.path
}

/**
 * Errors (empty = valid) of `body` against `responses[status].content['application/json'].schema`
 * of the operation that serves `method` + path. Error statuses the operation does not document
 * (GitHub may answer 403/429/5xx anywhere) are checked against `basic-error`.
 */
export function validateResponse(
  method: string,
  pathTemplateOrConcretePath: string,
  status: number,
  body: unknown
): string[] {
  const { spec, ajv } = load()
  const template = findTemplate(pathTemplateOrConcretePath)
  if (template === undefined)
    return [`no operation in the spec serves ${pathTemplateOrConcretePath}`]
  const op = spec.paths[template][method.toLowerCase()]
  if (op === undefined || Array.isArray(op))
    return [`no ${method.toUpperCase()} operation on ${template}`]
  const key = `${op.operationId} ${status}`
  let validate = validators.get(key)
  if (validate === undefined) {
    const documented = op.responses[String(status)]
    const response = documented === undefined ? undefined : resolveRef(spec, documented)
    const content = response?.content as Record<string, { schema?: Json }> | undefined
    const schema = content?.['application/json']?.schema
    if (schema === undefined) {
      if (status < 400) {
        if (documented === undefined)
          return [`${op.operationId} does not document status ${status}`]
        return body === undefined || body === '' ? [] : [`${op.operationId} ${status} has no body`]
      }
      validate = ajv.compile(GENERIC_ERROR)
    } else {
      validate = ajv.compile(fix(schema, true) as Json)
    }
    validators.set(key, validate)
  }
  if (validate(body)) return []
  return (validate.errors ?? []).map((e) =>
    `${op.operationId} ${status}: ${e.instancePath || '(root)'} ${e.message ?? ''}`.trim()
  )
}
