import { describe, it, expect } from '@jest/globals'
import {
  compilePattern,
  compilePatternList,
  matchesPattern,
  matchesPatterns,
  patternListProblems,
  PatternSyntaxError
} from '../src/path-patterns.js'
import { ActionError } from '../src/errors.js'
import { DEFAULT_PATHS_IGNORE } from '../src/inputs.js'

type Row = [pattern: string, file: string, matches: boolean]

// "Patterns to match file paths" in GitHub's workflow-syntax documentation: every example
// it lists as a match, plus near misses reasoned from the stated meaning of each pattern.
const cheatSheetPaths: Row[] = [
  ['*', 'README.md', true],
  ['*', 'server.rb', true],
  ['*', 'docs/README.md', false],
  ['*.jsx?', 'page.js', true],
  ['*.jsx?', 'page.jsx', true],
  ['*.jsx?', 'page.jsxx', false],
  ['*.jsx?', 'page.json', false],
  ['*.jsx?', 'src/page.js', false],
  ['**', 'all/the/files.md', true],
  ['**', 'README.md', true],
  ['*.js', 'app.js', true],
  ['*.js', 'index.js', true],
  ['*.js', 'js/index.js', false],
  ['*.js', 'app.jsx', false],
  ['**.js', 'index.js', true],
  ['**.js', 'js/index.js', true],
  ['**.js', 'src/js/app.js', true],
  ['**.js', 'src/js/app.jsx', false],
  ['docs/*', 'docs/README.md', true],
  ['docs/*', 'docs/file.txt', true],
  ['docs/*', 'docs/mona/octocat.txt', false],
  ['docs/*', 'README.md', false],
  ['docs/**', 'docs/README.md', true],
  ['docs/**', 'docs/mona/octocat.txt', true],
  ['docs/**', 'dir/docs/my-file.txt', false],
  ['docs/**', 'docs.md', false],
  ['docs/**/*.md', 'docs/README.md', true],
  ['docs/**/*.md', 'docs/mona/hello-world.md', true],
  ['docs/**/*.md', 'docs/a/markdown/file.md', true],
  ['docs/**/*.md', 'docs/a/notes.txt', false],
  ['docs/**/*.md', 'README.md', false],
  ['**/docs/**', 'docs/hello.md', true],
  ['**/docs/**', 'dir/docs/my-file.txt', true],
  ['**/docs/**', 'space/docs/plan/space.doc', true],
  ['**/docs/**', 'dir/documents/file.txt', false],
  ['**/docs/**', 'mydocs/file.txt', false],
  ['**/README.md', 'README.md', true],
  ['**/README.md', 'js/README.md', true],
  ['**/README.md', 'js/READMES.md', false],
  ['**/README.md', 'js/NOT-README.md', false],
  ['**/README.md', 'README.md.bak', false],
  ['**/*src/**', 'a/src/app.js', true],
  ['**/*src/**', 'my-src/code/js/app.js', true],
  ['**/*src/**', 'source/app.js', false],
  ['**/*src/**', 'src.js', false],
  ['**/*-post.md', 'my-post.md', true],
  ['**/*-post.md', 'path/their-post.md', true],
  ['**/*-post.md', 'path/post.md', false],
  ['**/*-post.md', 'my-post.md.txt', false],
  ['**/migrate-*.sql', 'migrate-10909.sql', true],
  ['**/migrate-*.sql', 'db/migrate-v1.0.sql', true],
  ['**/migrate-*.sql', 'db/sept/migrate-v1.sql', true],
  ['**/migrate-*.sql', 'db/migrate-v1.0.txt', false],
  ['**/migrate-*.sql', 'db/migration-v1.sql', false],
  ['migrate-10909.sql', 'migrate-10909.sql', true],
  ['migrate-10909.sql', 'db/migrate-10909.sql', false],
  ['migrate-10909.sql', 'migrate-10909.sql.gz', false]
]

// "Patterns to match branches and tags" and the list of special characters: the same language.
const cheatSheetNames: Row[] = [
  ['feature/*', 'feature/my-branch', true],
  ['feature/*', 'feature/your-branch', true],
  ['feature/*', 'feature/beta-a/my-branch', false],
  ['feature/**', 'feature/beta-a/my-branch', true],
  ['feature/**', 'feature/your-branch', true],
  ['feature/**', 'feature/mona/the/octocat', true],
  ['main', 'main', true],
  ['main', 'main2', false],
  ['releases/mona-the-octocat', 'releases/mona-the-octocat', true],
  ['*', 'main', true],
  ['*', 'releases', true],
  ['*', 'all/the/branches', false],
  ['**', 'all/the/branches', true],
  ['**', 'every/tag', true],
  ['*feature', 'mona-feature', true],
  ['*feature', 'feature', true],
  ['*feature', 'ver-10-feature', true],
  ['*feature', 'feature-x', false],
  ['v2*', 'v2', true],
  ['v2*', 'v2.0', true],
  ['v2*', 'v2.9', true],
  ['v2*', 'v3', false],
  ['v[12].[0-9]+.[0-9]+', 'v1.10.1', true],
  ['v[12].[0-9]+.[0-9]+', 'v2.0.0', true],
  ['v[12].[0-9]+.[0-9]+', 'v3.0.0', false],
  ['v[12].[0-9]+.[0-9]+', 'v1..1', false],
  ['v[12].[0-9]+.[0-9]+', 'v1.x.1', false],
  ['Octo*', 'Octocat', true],
  ['[CB]at', 'Cat', true],
  ['[CB]at', 'Bat', true],
  ['[CB]at', 'cat', false],
  ['[CB]at', 'Ca', false],
  ['[1-2]00', '100', true],
  ['[1-2]00', '200', true],
  ['[1-2]00', '300', false],
  ['[0-9a-z]', 'q', true],
  ['[0-9a-z]', 'Q', false]
]

const otherRules: Row[] = [
  // Dotfiles are ordinary files.
  ['*', '.gitignore', true],
  ['*', '.env', true],
  ['**', '.github/workflows/ci.yml', true],
  ['**/.gitignore', '.gitignore', true],
  ['**/.gitignore', 'a/b/.gitignore', true],
  ['**/*.md', '.github/PULL_REQUEST_TEMPLATE.md', true],
  ['.github/**', '.github/dependabot.yml', true],
  // Whole path, case-sensitive.
  ['*.md', 'README.MD', false],
  ['docs', 'docs/a.md', false],
  ['ocs/a.md', 'docs/a.md', false],
  // `?` and `+` quantify the preceding character; at the start they are literal.
  ['colou?r.txt', 'color.txt', true],
  ['colou?r.txt', 'colour.txt', true],
  ['colou?r.txt', 'colouur.txt', false],
  ['a+b', 'ab', true],
  ['a+b', 'aaab', true],
  ['a+b', 'b', false],
  ['a?+b', 'b', true],
  ['[ab]+.txt', 'abba.txt', true],
  ['[ab]+.txt', '.txt', false],
  ['?x', '?x', true],
  ['?x', 'x', false],
  ['+x', '+x', true],
  ['*?.md', 'a.md', true],
  ['*+.md', '.md', true],
  // `**` directly followed by `/` also matches no folder at all; elsewhere it is any text.
  ['a/**/b', 'a/b', true],
  ['a/**/b', 'a/x/y/b', true],
  ['a/**/b', 'a/xb', false],
  ['a**b', 'a/x/b', true],
  ['src/**/test/*.ts', 'src/test/a.ts', true],
  ['src/**/test/*.ts', 'src/lib/test/a.ts', true],
  ['src/**/test/*.ts', 'src/lib/test/x/a.ts', false],
  // Escapes make special characters literal.
  ['\\!file', '!file', true],
  ['\\*.md', '*.md', true],
  ['\\*.md', 'a.md', false],
  ['\\[x\\]', '[x]', true],
  ['a\\?', 'a?', true],
  ['a\\?', 'a', false],
  ['[\\]x]', ']', true],
  // Other characters are literal: no braces, no regex.
  ['*.{md,txt}', 'a.md', false],
  ['*.{md,txt}', 'a.{md,txt}', true],
  ['a.c', 'abc', false],
  ['(a|b)', '(a|b)', true],
  ['^a$', '^a$', true],
  ['[-a]', '-', true],
  ['[a-]', '-', true],
  // Non-ASCII paths: one character, not one byte.
  ['docs/*', 'docs/日本語.md', true],
  ['caf?.md', 'caf.md', true],
  ['[éa]', 'é', true],
  ['x/?', 'x', true]
]

describe('matchesPattern', () => {
  it.each(cheatSheetPaths)(
    "matches GitHub's file path cheat sheet: %s against %s gives %s",
    (pattern, file, expected) => {
      expect(matchesPattern(file, pattern)).toBe(expected)
    }
  )

  it.each(cheatSheetNames)(
    "matches GitHub's branch and tag cheat sheet: %s against %s gives %s",
    (pattern, name, expected) => {
      expect(matchesPattern(name, pattern)).toBe(expected)
    }
  )

  it.each(otherRules)(
    'follows the documented rules: %s against %s gives %s',
    (pattern, file, expected) => {
      expect(matchesPattern(file, pattern)).toBe(expected)
    }
  )

  it('treats a lone negated pattern as matching nothing', () => {
    expect(matchesPattern('docs/a.md', '!docs/**')).toBe(false)
    expect(matchesPattern('src/a.ts', '!docs/**')).toBe(false)
  })

  it('stays fast on patterns full of stars that cannot match', () => {
    const pattern = '**a**a**a**a**a**a**a**a**a**a**b'
    const file = 'a/'.repeat(200) + 'a'
    expect(matchesPattern(file, pattern)).toBe(false)
    expect(matchesPattern(file + 'b', pattern)).toBe(true)
  }, 5000)
})

type ListRow = [patterns: string[], file: string, selected: boolean]

const orderedLists: ListRow[] = [
  // Cheat sheet: `!` excludes what an earlier pattern matched...
  [['*.md', '!README.md'], 'hello.md', true],
  [['*.md', '!README.md'], 'README.md', false],
  [['*.md', '!README.md'], 'docs/hello.md', false],
  // ...and patterns are checked in order, so a later pattern re-includes.
  [['*.md', '!README.md', 'README*'], 'hello.md', true],
  [['*.md', '!README.md', 'README*'], 'README.md', true],
  [['*.md', '!README.md', 'README*'], 'README.doc', true],
  [['*.md', '!README.md', 'README*'], 'docs/README.md', false],
  // The documentation's `paths` example with an exclusion.
  [['sub-project/**', '!sub-project/docs/**'], 'sub-project/index.js', true],
  [['sub-project/**', '!sub-project/docs/**'], 'sub-project/src/index.js', true],
  [['sub-project/**', '!sub-project/docs/**'], 'sub-project/docs/readme.md', false],
  // A negation before the positive pattern it would undo has no effect.
  [['!docs/internal/**', 'docs/**'], 'docs/internal/a.md', true],
  [['docs/**', '!docs/internal/**', 'docs/internal/keep.md'], 'docs/internal/keep.md', true],
  [['docs/**', '!docs/internal/**', 'docs/internal/keep.md'], 'docs/internal/drop.md', false],
  [[], 'anything', false]
]

describe('matchesPatterns', () => {
  it.each(orderedLists)(
    'applies %j in order to %s, the last match deciding (%s)',
    (patterns, file, expected) => {
      expect(matchesPatterns(file, patterns)).toBe(expected)
    }
  )

  it.each<[string, boolean]>([
    ['README.md', true],
    ['src/README.rst', true],
    ['README', true],
    ['docs/guide/install.md', true],
    ['docs/diagram.png', true],
    ['CHANGELOG.md', true],
    ['.gitignore', true],
    ['services/api/.gitignore', true],
    ['src/main.ts', false],
    ['Dockerfile', false],
    ['package.json', false],
    ['.github/workflows/ci.yml', false],
    ['.dockerignore', false],
    ['src/docs/generated.ts', false],
    ['documentation/setup.txt', false]
  ])('ignores %s by default: %s', (file, expected) => {
    expect(matchesPatterns(file, DEFAULT_PATHS_IGNORE)).toBe(expected)
  })
})

describe('pattern syntax errors', () => {
  it.each<[string, RegExp]>([
    ['', /is empty/],
    ['!', /nothing after '!'/],
    ['[]', /empty brackets/],
    ['docs/[abc', /without a closing '\]'/],
    ['[z-a]', /range 'z-a'/],
    ['[a-Z]', /range 'a-Z'/],
    ['[a-9]', /range 'a-9'/],
    ['[!a]', /negated character classes/],
    ['[^a]', /negated character classes/],
    ['abc\\', /escapes nothing/],
    ['/docs/**', /leading slash/],
    ['./docs/**', /leading slash/],
    ['docs/', /write 'docs\/\*\*'/],
    ['!docs/', /write '!docs\/\*\*'/]
  ])('refuses %j and says why', (pattern, message) => {
    expect(() => compilePattern(pattern)).toThrow(PatternSyntaxError)
    expect(() => compilePattern(pattern)).toThrow(message)
    expect(() => matchesPattern('docs/a.md', pattern)).toThrow(PatternSyntaxError)
  })

  it('lists every bad pattern of a list, for input validation', () => {
    expect(patternListProblems(['src/**', '[z-a]', 'docs/'])).toEqual([
      expect.stringMatching(/^path pattern '\[z-a\]' has the range/),
      expect.stringMatching(/^path pattern 'docs\/' ends with '\/'/)
    ])
    expect(patternListProblems(DEFAULT_PATHS_IGNORE)).toEqual([])
    expect(patternListProblems([])).toEqual([])
  })

  it('refuses a list made only of negations, since it can match nothing', () => {
    expect(patternListProblems(['!README.md'])).toEqual([
      expect.stringMatching(/^every pattern starts with '!'/)
    ])
  })

  it('throws an ActionError naming the input and the pattern', () => {
    expect(() => compilePatternList('paths-ignore', ['docs/**', '[oops'])).toThrow(ActionError)
    expect(() => compilePatternList('paths-ignore', ['docs/**', '[oops'])).toThrow(
      /^Invalid paths-ignore: path pattern '\[oops'/
    )
    const matcher = compilePatternList('paths', ['src/**', '!src/**/*.md'])
    expect([matcher('src/a.ts'), matcher('src/a.md'), matcher('lib/a.ts')]).toEqual([
      true,
      false,
      false
    ])
  })
})
