/**
 * GitHub's path filter patterns (`on.push.paths` / `paths-ignore`), matched the way the
 * "Filter pattern cheat sheet" of GitHub's workflow-syntax documentation describes them:
 *
 * - `*` matches any run of characters except `/`; `**` matches any run, `/` included;
 *   `**` followed by `/` also matches nothing at all (`**` + `/README.md` matches `README.md`).
 * - `?` makes the preceding character optional and `+` repeats it one or more times
 *   (`*.jsx?` matches `page.js` and `page.jsx`). At the very start they are literal.
 * - `[...]` matches one listed character or range; ranges stay within `a-z`, `A-Z` or `0-9`.
 * - `\` makes the next character literal (`\!file`, `\*`, `\[`).
 * - A leading `!` negates the pattern. In a list, patterns are applied in order and the last
 *   one that matches a path decides, so a later pattern re-includes what a `!` excluded.
 * - Matching is case-sensitive, covers the whole path from the repository root, and dotfiles
 *   are ordinary files (`*` matches `.gitignore`).
 *
 * Anything else (`.`, `{`, `(`, `|`) is literal: GitHub does not expand braces either.
 * Matching never backtracks exponentially: it is a memoised walk over (pattern token, path
 * position), so a pattern with many stars costs at most tokens × length².
 */
import { ActionError } from './errors.js'

/** One step of a compiled pattern. */
type Token =
  | {
      readonly kind: 'char'
      readonly accepts: (char: string) => boolean
      /** Minimum repetitions: 0 or 1. */
      readonly min: number
      /** Maximum repetitions: 1 or Infinity. */
      readonly max: number
      /** `*` and `**` already repeat freely; a `?` or `+` after them changes nothing. */
      readonly wildcard: boolean
    }
  /** `**` followed by `/`: nothing, or any characters ending with `/`. */
  | { readonly kind: 'any-directories' }

/** A compiled pattern: its tokens, and whether it came with a leading `!`. */
export interface CompiledPattern {
  readonly source: string
  readonly negated: boolean
  readonly tokens: readonly Token[]
}

/** Why a pattern cannot be used; thrown by `compilePattern`. */
export class PatternSyntaxError extends Error {
  constructor(
    readonly pattern: string,
    readonly problem: string
  ) {
    super(`path pattern '${pattern}' ${problem}`)
    this.name = 'PatternSyntaxError'
  }
}

const RANGE_CLASSES: readonly (readonly [string, string])[] = [
  ['a', 'z'],
  ['A', 'Z'],
  ['0', '9']
]

/** Parses one pattern. Throws `PatternSyntaxError` saying what is wrong with it. */
export function compilePattern(pattern: string): CompiledPattern {
  const chars = Array.from(pattern)
  let index = 0
  let negated = false
  if (chars[0] === '!') {
    negated = true
    index = 1
  }
  if (index >= chars.length) {
    throw new PatternSyntaxError(pattern, negated ? "has nothing after '!'" : 'is empty')
  }
  const body = chars.slice(index).join('')
  if (body.startsWith('/') || body.startsWith('./')) {
    throw new PatternSyntaxError(
      pattern,
      "starts with '/' or './', so it can never match: paths are relative to the repository root without a leading slash"
    )
  }
  if (body.endsWith('/')) {
    throw new PatternSyntaxError(
      pattern,
      `ends with '/', so it can never match: filters match files; write '${pattern}**' for everything below that folder`
    )
  }

  const tokens: Token[] = []
  const literal = (char: string): Token => ({
    kind: 'char',
    accepts: (c) => c === char,
    min: 1,
    max: 1,
    wildcard: false
  })

  while (index < chars.length) {
    const char = chars[index]
    if (char === '*') {
      if (chars[index + 1] === '*') {
        if (chars[index + 2] === '/') {
          tokens.push({ kind: 'any-directories' })
          index += 3
        } else {
          tokens.push({ kind: 'char', accepts: () => true, min: 0, max: Infinity, wildcard: true })
          index += 2
        }
      } else {
        tokens.push({
          kind: 'char',
          accepts: (c) => c !== '/',
          min: 0,
          max: Infinity,
          wildcard: true
        })
        index += 1
      }
    } else if (char === '?' || char === '+') {
      const previous = tokens.at(-1)
      if (previous === undefined || previous.kind !== 'char') {
        // Nothing to repeat (start of the pattern, or right after `**/`): a literal character.
        tokens.push(literal(char))
      } else if (!previous.wildcard) {
        tokens[tokens.length - 1] =
          char === '?' ? { ...previous, min: 0 } : { ...previous, max: Infinity }
      }
      index += 1
    } else if (char === '[') {
      const parsed = parseBracket(pattern, chars, index)
      tokens.push({ kind: 'char', accepts: parsed.accepts, min: 1, max: 1, wildcard: false })
      index = parsed.next
    } else if (char === '\\') {
      const escaped = chars[index + 1]
      if (escaped === undefined) {
        throw new PatternSyntaxError(pattern, "ends with '\\', which escapes nothing")
      }
      tokens.push(literal(escaped))
      index += 2
    } else {
      tokens.push(literal(char))
      index += 1
    }
  }
  return { source: pattern, negated, tokens }
}

function parseBracket(
  pattern: string,
  chars: readonly string[],
  open: number
): { accepts: (char: string) => boolean; next: number } {
  const singles = new Set<string>()
  const ranges: [string, string][] = []
  let index = open + 1
  if (chars[index] === ']') {
    throw new PatternSyntaxError(pattern, `has empty brackets '[]' at position ${open + 1}`)
  }
  if (chars[index] === '!' || chars[index] === '^') {
    throw new PatternSyntaxError(
      pattern,
      `has '[${chars[index]}' at position ${open + 1}: negated character classes are not part of GitHub's filter syntax; use a '!' pattern instead`
    )
  }
  while (index < chars.length && chars[index] !== ']') {
    let char = chars[index]
    if (char === '\\') {
      index += 1
      char = chars[index]
      if (char === undefined) break
      singles.add(char)
      index += 1
      continue
    }
    const rangeEnd = chars[index + 2]
    if (chars[index + 1] === '-' && rangeEnd !== undefined && rangeEnd !== ']') {
      const valid = RANGE_CLASSES.some(
        ([low, high]) => char >= low && rangeEnd <= high && char <= rangeEnd && rangeEnd >= low
      )
      if (!valid || char.length !== 1 || rangeEnd.length !== 1) {
        throw new PatternSyntaxError(
          pattern,
          `has the range '${char}-${rangeEnd}': ranges can only go from low to high within a-z, A-Z or 0-9`
        )
      }
      ranges.push([char, rangeEnd])
      index += 3
      continue
    }
    singles.add(char)
    index += 1
  }
  if (index >= chars.length) {
    throw new PatternSyntaxError(
      pattern,
      `has '[' at position ${open + 1} without a closing ']'; write '\\[' to match a bracket`
    )
  }
  return {
    accepts: (c) => singles.has(c) || ranges.some(([low, high]) => c >= low && c <= high),
    next: index + 1
  }
}

/** Whether the compiled pattern's glob (ignoring its `!`) covers the whole path. */
function globMatches(pattern: CompiledPattern, path: string): boolean {
  const chars = Array.from(path)
  const { tokens } = pattern
  const width = chars.length + 1
  // 0 = not computed, 1 = matches, 2 = does not.
  const memo = new Uint8Array((tokens.length + 1) * width)

  const matchFrom = (tokenIndex: number, position: number): boolean => {
    const slot = tokenIndex * width + position
    const cached = memo[slot]
    if (cached !== 0) return cached === 1
    const result = compute(tokenIndex, position)
    memo[slot] = result ? 1 : 2
    return result
  }

  const compute = (tokenIndex: number, position: number): boolean => {
    const token = tokens[tokenIndex]
    if (token === undefined) return position === chars.length
    if (token.kind === 'any-directories') {
      if (matchFrom(tokenIndex + 1, position)) return true
      for (let end = position; end < chars.length; end += 1) {
        if (chars[end] === '/' && matchFrom(tokenIndex + 1, end + 1)) return true
      }
      return false
    }
    let count = 0
    let at = position
    while (count < token.min) {
      if (at >= chars.length || !token.accepts(chars[at])) return false
      at += 1
      count += 1
    }
    for (;;) {
      if (matchFrom(tokenIndex + 1, at)) return true
      if (count >= token.max || at >= chars.length || !token.accepts(chars[at])) return false
      at += 1
      count += 1
    }
  }

  return matchFrom(0, 0)
}

const cache = new Map<string, CompiledPattern>()

function compiled(pattern: string): CompiledPattern {
  let entry = cache.get(pattern)
  if (entry === undefined) {
    entry = compilePattern(pattern)
    if (cache.size > 1000) cache.clear()
    cache.set(pattern, entry)
  }
  return entry
}

/**
 * Whether `file` matches one pattern. A `!` pattern on its own matches nothing: negation
 * only takes away what an earlier pattern in a list matched (see `matchesPatterns`).
 * Throws `PatternSyntaxError` for an invalid pattern.
 */
export function matchesPattern(file: string, pattern: string): boolean {
  return matchesPatterns(file, [pattern])
}

/**
 * Whether `file` is selected by an ordered list of patterns, as `paths` and `paths-ignore`
 * evaluate it: every pattern that matches sets the answer (`true`, or `false` for a `!`
 * pattern), so the last matching pattern wins. Throws `PatternSyntaxError`.
 */
export function matchesPatterns(file: string, patterns: readonly string[]): boolean {
  let selected = false
  for (const pattern of patterns) {
    const entry = compiled(pattern)
    if (entry.negated === selected && globMatches(entry, file)) selected = !entry.negated
  }
  return selected
}

/**
 * Problems with one input's list of patterns, one message each (without the input's name),
 * empty when all are usable. For input validation before any network call.
 */
export function patternListProblems(patterns: readonly string[]): string[] {
  const problems: string[] = []
  for (const pattern of patterns) {
    try {
      compiled(pattern)
    } catch (error) {
      if (!(error instanceof PatternSyntaxError)) throw error
      problems.push(error.message)
    }
  }
  if (patterns.length > 0 && patterns.every((pattern) => pattern.startsWith('!'))) {
    problems.push(
      "every pattern starts with '!', so the list matches nothing: a '!' pattern only takes away files an earlier pattern matched"
    )
  }
  return problems
}

/**
 * A matcher for one input's patterns, checked up front. Throws an ActionError naming the
 * input when a pattern is invalid.
 */
export function compilePatternList(
  inputName: string,
  patterns: readonly string[]
): (file: string) => boolean {
  const problems = patternListProblems(patterns)
  if (problems.length > 0) {
    throw new ActionError(`Invalid ${inputName}: ${problems.join('; ')}.`, {
      hint: "Fix the pattern in the action's inputs. The syntax is that of GitHub's on.push.paths filters: '*', '**', '?', '+', '[a-z]', and a leading '!' to negate."
    })
  }
  return (file) => matchesPatterns(file, patterns)
}
