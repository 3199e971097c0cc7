/**
 * `{placeholder}` templates of the inputs (tag, branch, commit message, …), and the name rules
 * their results must meet. Pure.
 */

export const PLACEHOLDERS = [
  'app',
  'environment',
  'sha',
  'sha7',
  'ref_name',
  'run_number',
  'run_attempt',
  'tag',
  'image',
  'context'
] as const

export type Placeholder = (typeof PLACEHOLDERS)[number]
export type TemplateValues = Partial<Record<Placeholder, string>>

const PLACEHOLDER_PATTERN = /\{([A-Za-z0-9_-]*)\}/g

/** The placeholder names a template uses, in order of appearance, known or not. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1])
}

/** Placeholders in `template` that are not in `allowed`. */
export function unknownPlaceholders(template: string, allowed: readonly string[]): string[] {
  return [...new Set(placeholdersIn(template).filter((name) => !allowed.includes(name)))]
}

/**
 * Replaces every `{name}` with its value. A placeholder without a value is left as written; callers
 * check `unknownPlaceholders` first, so that only happens for a value that is not known yet.
 */
export function expandTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
    const value = values[name as Placeholder]
    return value === undefined ? whole : value
  })
}

/**
 * Makes a ref name (`feature/x`, `12/merge`, `Release_1.2`) usable inside a Docker tag and a git
 * branch name: every run of characters outside `[A-Za-z0-9_.-]` becomes one `-`, runs of `.` become
 * one `.`, and leading or trailing separators are dropped.
 */
export function sanitizeRefName(refName: string): string {
  const cleaned = refName
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/[.-]+$/, '')
    .slice(0, 64)
    .replace(/[.-]+$/, '')
  return cleaned === '' ? 'ref' : cleaned
}

/** A Docker tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`. */
export function isValidDockerTag(tag: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)
}

/**
 * Why `name` is not a valid git branch name (the rules of `git check-ref-format --branch`), or
 * undefined when it is valid.
 */
export function branchNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty'
  if (name.length > 255) return 'is longer than 255 characters'
  if (name.startsWith('-')) return "starts with '-'"
  if (name === '@') return "is '@'"
  if (name.includes('..')) return "contains '..'"
  if (name.includes('@{')) return "contains '@{'"
  if (name.includes('//')) return "contains '//'"
  if (name.startsWith('/') || name.endsWith('/')) return "starts or ends with '/'"
  if (name.endsWith('.')) return "ends with '.'"
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) {
    return 'contains a space, a control character or one of ~ ^ : ? * [ \\'
  }
  for (const component of name.split('/')) {
    if (component.startsWith('.')) return `has a component starting with '.' (${component})`
    if (component.endsWith('.lock')) return `has a component ending with '.lock' (${component})`
  }
  return undefined
}
