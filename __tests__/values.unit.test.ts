import { describe, expect, it } from '@jest/globals'
import { parseAllDocuments, parseDocument } from 'yaml'
import { unifiedDiff } from '../src/diff.js'
import { parseKeyPath } from '../src/key-path.js'
import { ActionError } from '../src/errors.js'
import {
  MAX_VALUES_FILE_BYTES,
  patchScalar,
  readScalar,
  ValuesError,
  verifyScalarPatch,
  type ValuesErrorCode
} from '../src/values.js'
import { changedWindow, ECR_IMAGE } from './support/corpus.js'

const FILE = 'values/dev/myapp-010/values.yaml'

/** The ValuesError patchScalar throws, so its fields can be checked. */
function failure(text: string, keyPath: string, value = 'v2'): ValuesError {
  try {
    patchScalar(text, keyPath, value, { fileName: FILE })
  } catch (error) {
    if (error instanceof ValuesError) return error
    throw error
  }
  throw new Error(`patching ${keyPath} did not fail`)
}

function expectFailure(
  text: string,
  keyPath: string,
  code: ValuesErrorCode,
  at?: { line: number; column: number }
): ValuesError {
  const error = failure(text, keyPath)
  expect(error.code).toBe(code)
  expect(error.message).toContain(FILE)
  expect(error.hint).toBeTruthy()
  if (at) {
    expect({ line: error.line, column: error.column }).toEqual(at)
    expect(error.message).toContain(`${FILE}:${at.line}:${at.column}`)
  }
  return error
}

/** The value at `path` in the first document, read back by yaml under YAML 1.2 and 1.1. */
function readBack(text: string, path: (string | number)[]): unknown[] {
  return (['1.2', '1.1'] as const).map((version) =>
    parseAllDocuments(text, { version, uniqueKeys: false })[0].getIn(path)
  )
}

describe('the seed layout values file', () => {
  const before = [
    '# myapp-010 in dev. CI bumps microservice.image; everything else is edited by hand.',
    'microservice:',
    '  name: myapp-010',
    '  namespace: myapp-010',
    '  image: 226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-0000000-0 # set by CI',
    '  port: 8000',
    '  replicas: 1',
    '',
    '  securityContext:',
    '    runAsNonRoot: true',
    '    runAsUser: 10001',
    '',
    '  probes:',
    '    liveness: {path: /healthz, initialDelaySeconds: 5}',
    '    readiness:',
    '      path: /ready',
    ''
  ].join('\n')

  it('changes exactly the image line when CI bumps the image', () => {
    const result = patchScalar(before, 'microservice.image', ECR_IMAGE, { fileName: FILE })

    expect(result).toEqual({
      text: before.replace(
        'myapp-010:main-0000000-0 # set by CI',
        'myapp-010:main-abc1234-1 # set by CI'
      ),
      previous: '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-0000000-0',
      changed: true,
      line: 5
    })
    expect(unifiedDiff(FILE, before, result.text, 0)).toBe(
      [
        `--- a/${FILE}`,
        `+++ b/${FILE}`,
        '@@ -5 +5 @@',
        '-  image: 226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-0000000-0 # set by CI',
        '+  image: 226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-abc1234-1 # set by CI',
        ''
      ].join('\n')
    )
  })

  it('leaves the file untouched when it already holds the image', () => {
    const once = patchScalar(before, 'microservice.image', ECR_IMAGE).text
    const twice = patchScalar(once, 'microservice.image', ECR_IMAGE)

    expect(twice).toEqual({ text: once, previous: ECR_IMAGE, changed: false, line: 5 })
  })

  it('reads the current image with readScalar', () => {
    expect(readScalar(before, 'microservice.image')).toBe(
      '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-0000000-0'
    )
  })
})

describe('patchScalar keeps every byte outside the target scalar', () => {
  it('keeps a CRLF file CRLF when the image changes', () => {
    const text = 'microservice:\r\n  image: old\r\n  port: 8000\r\n'
    expect(patchScalar(text, 'microservice.image', 'new').text).toBe(
      'microservice:\r\n  image: new\r\n  port: 8000\r\n'
    )
  })

  it('keeps mixed LF and CRLF line endings where they were', () => {
    const text = 'a: 1\r\nmicroservice:\n  image: old\r\n  port: 8000\n'
    expect(patchScalar(text, 'microservice.image', 'new').text).toBe(
      'a: 1\r\nmicroservice:\n  image: new\r\n  port: 8000\n'
    )
  })

  it('keeps a UTF-8 byte order mark', () => {
    const text = '\uFEFF# values\nimage: "old"\n'
    expect(patchScalar(text, 'image', 'new').text).toBe('\uFEFF# values\nimage: "new"\n')
  })

  it('keeps a missing final newline missing', () => {
    expect(patchScalar('a: 1\nimage: old', 'image', 'new').text).toBe('a: 1\nimage: new')
  })

  it('keeps a trailing comment and the exact spaces or tab before it', () => {
    expect(patchScalar('image: x    # pinned\n', 'image', 'v2').text).toBe(
      'image: v2    # pinned\n'
    )
    expect(patchScalar('image: x\t# pinned\n', 'image', 'v2').text).toBe('image: v2\t# pinned\n')
  })

  it('edits inside a flow map without reformatting it', () => {
    const text = 'microservice: {name: myapp-010, image: x, port: 8000}\n'
    expect(patchScalar(text, 'microservice.image', 'nginx').text).toBe(
      'microservice: {name: myapp-010, image: nginx, port: 8000}\n'
    )
  })

  it('quotes an image reference inside a flow map, where go-yaml may reject `x:y` plain', () => {
    const text = 'microservice: {image: x, port: 8000}\n'
    const result = patchScalar(text, 'microservice.image', ECR_IMAGE)
    expect(result.text).toBe(`microservice: {image: "${ECR_IMAGE}", port: 8000}\n`)
    expect(readBack(result.text, ['microservice', 'image'])).toEqual([ECR_IMAGE, ECR_IMAGE])
  })

  it('edits inside a multi-line flow map and keeps its layout', () => {
    const text = 'microservice: {\n  name: a,   # the app\n  image: old,\n  port: 8000\n}\n'
    expect(patchScalar(text, 'microservice.image', 'new').text).toBe(
      'microservice: {\n  name: a,   # the app\n  image: new,\n  port: 8000\n}\n'
    )
  })

  it('keeps directives, document markers and the other documents byte for byte', () => {
    const text = '%YAML 1.2\n---\nimage: old   # first\n...\n---\n# second\nimage: other\n'
    expect(patchScalar(text, 'image', 'new').text).toBe(
      '%YAML 1.2\n---\nimage: new   # first\n...\n---\n# second\nimage: other\n'
    )
  })

  it('edits the first document of a multi-document file, the one Helm reads', () => {
    const text = 'image: first\n---\nimage: second\n'
    const result = patchScalar(text, 'image', 'new')
    expect(result.text).toBe('image: new\n---\nimage: second\n')
    expect(result.previous).toBe('first')
  })

  it('keeps comments, blank lines, odd indentation and key order around the edit', () => {
    const text = [
      '# top',
      'zeta: 1',
      '',
      'microservice:',
      '    # four-space indent, on purpose',
      '    port:    8000',
      '',
      '    image:   "old"    # spaced',
      '    alpha: [ 1,2 ,3 ]',
      '    list:',
      '    - a',
      '    -   b',
      '# bottom',
      ''
    ].join('\n')
    const result = patchScalar(text, 'microservice.image', 'new')
    expect(result.text).toBe(text.replace('image:   "old"', 'image:   "new"'))
    expect(result.line).toBe(8)
  })

  it('keeps anchors, aliases and merge keys elsewhere in the file', () => {
    const text = 'base: &base {port: 80}\nweb:\n  <<: *base\n  image: old\napi: *base\n'
    expect(patchScalar(text, 'web.image', 'new').text).toBe(
      'base: &base {port: 80}\nweb:\n  <<: *base\n  image: new\napi: *base\n'
    )
  })

  it('keeps a tag and an unused anchor on the target', () => {
    expect(patchScalar('image: !!str &img old\n', 'image', 'new').text).toBe(
      'image: !!str &img new\n'
    )
  })

  it('replaces a plain value that spans lines with a one-line value', () => {
    const text = 'description: a long\n  folded text\nport: 1\n'
    const result = patchScalar(text, 'description', 'short')
    expect(result.text).toBe('description: short\nport: 1\n')
    expect(result.previous).toBe('a long folded text')
  })
})

describe('patchScalar keeps the quote style', () => {
  it('keeps a plain value plain when the new value is a plain string', () => {
    expect(patchScalar('image: old\n', 'image', ECR_IMAGE).text).toBe(`image: ${ECR_IMAGE}\n`)
  })

  it.each([
    ['1.10', 'a float in YAML'],
    ['1.9', 'a float'],
    ['8000', 'an integer'],
    ['0x1F', 'a hex integer'],
    ['1e3', 'a float in exponent form'],
    ['yes', 'a boolean in YAML 1.1, which Helm uses'],
    ['on', 'a boolean in YAML 1.1'],
    ['n', 'a boolean in YAML 1.1'],
    ['true', 'a boolean'],
    ['~', 'null'],
    ['null', 'null'],
    ['', 'empty, so null'],
    ['2001-12-14', 'a timestamp in YAML 1.1'],
    ['190:20:30', 'a sexagesimal number in YAML 1.1'],
    ['a: b', 'a map'],
    ['x #y', 'a value and a comment'],
    ['#x', 'a comment'],
    ['- a', 'a sequence'],
    ['*a', 'an alias'],
    ['&a', 'an anchor'],
    ['!a', 'a tag'],
    ['@a', 'a reserved indicator'],
    ['`a', 'a reserved indicator'],
    ['%a', 'a directive'],
    ["'a", 'a quote'],
    ['"a', 'a quote'],
    ['{a}', 'a flow map'],
    ['[a]', 'a flow sequence'],
    [' a', 'leading space, which plain drops'],
    ['a ', 'trailing space, which plain drops'],
    ['line\nbreak', 'a line break'],
    ['tab\there', 'a tab'],
    ['<<', 'the merge key'],
    ['a:', 'a key']
  ])('double-quotes %j, which plain would read as %s', (value) => {
    const result = patchScalar('image: old # c\n', 'image', value)
    expect(result.text).toMatch(/^image: ".*" # c\n$/)
    expect(readBack(result.text, ['image'])).toEqual([value, value])
  })

  it('keeps single quotes and doubles a quote inside them', () => {
    const result = patchScalar("image: 'old'\n", 'image', "it's")
    expect(result.text).toBe("image: 'it''s'\n")
    expect(readBack(result.text, ['image'])).toEqual(["it's", "it's"])
  })

  it('keeps single quotes for values plain could not hold', () => {
    expect(patchScalar("tag: '1.0'\n", 'tag', '1.10').text).toBe("tag: '1.10'\n")
  })

  it('switches single quotes to double quotes only for a line break or control character', () => {
    const result = patchScalar("image: 'old'\n", 'image', 'a\nb\u0007')
    expect(result.text).toBe('image: "a\\nb\\a"\n')
    expect(readBack(result.text, ['image'])).toEqual(['a\nb\u0007', 'a\nb\u0007'])
  })

  it('keeps double quotes and escapes backslashes, quotes and control characters', () => {
    const value = 'C:\\path "quoted"\t\u0001\u2028é'
    const result = patchScalar('image: "old"\n', 'image', value)
    expect(result.text).toBe('image: "C:\\\\path \\"quoted\\"\\t\\x01\\Lé"\n')
    expect(readBack(result.text, ['image'])).toEqual([value, value])
  })

  it('quotes a value that needs it inside a flow sequence', () => {
    const result = patchScalar('tags: [a, b]\n', 'tags.1', 'c, d')
    expect(result.text).toBe('tags: [a, "c, d"]\n')
  })
})

describe('patchScalar fills empty values', () => {
  it('writes a value after an empty key', () => {
    expect(patchScalar('a:\n  image:\n  port: 1\n', 'a.image', 'new').text).toBe(
      'a:\n  image: new\n  port: 1\n'
    )
  })

  it('writes a value before the comment of an empty key (`image: # set by CI`)', () => {
    const result = patchScalar('a:\n  image: # set by CI\n  port: 1\n', 'a.image', ECR_IMAGE)
    expect(result.text).toBe(`a:\n  image: ${ECR_IMAGE} # set by CI\n  port: 1\n`)
    expect(result.previous).toBeNull()
    expect(result.line).toBe(2)
  })

  it('keeps a comment that sits on the line below an empty key', () => {
    expect(patchScalar('image:\n  # set by CI\nport: 1\n', 'image', 'new').text).toBe(
      'image: new\n  # set by CI\nport: 1\n'
    )
  })

  it('writes an empty key at the end of a file without a final newline', () => {
    expect(patchScalar('port: 1\nimage:', 'image', 'new').text).toBe('port: 1\nimage: new')
  })

  it('writes a value after a tag of an empty key', () => {
    expect(patchScalar('image: !!str\nport: 1\n', 'image', '1.10').text).toBe(
      'image: !!str "1.10"\nport: 1\n'
    )
  })

  it.each(['~', 'null', 'Null', 'NULL'])(
    'replaces %s and reports no previous value',
    (nullText) => {
      const result = patchScalar(`image: ${nullText}\n`, 'image', 'new')
      expect(result).toEqual({ text: 'image: new\n', previous: null, changed: true, line: 1 })
    }
  )

  it('fills an empty sequence item', () => {
    expect(patchScalar('list:\n  -\n  - # c\n  - x\n', 'list.1', 'new').text).toBe(
      'list:\n  -\n  - new # c\n  - x\n'
    )
  })

  it('fills an empty value in a flow map, with or without its colon', () => {
    expect(patchScalar('m: {image: , port: 1}\n', 'm.image', 'new').text).toBe(
      'm: {image: new, port: 1}\n'
    )
    expect(patchScalar('m: {image, port: 1}\n', 'm.image', 'new').text).toBe(
      'm: {image: new, port: 1}\n'
    )
  })
})

describe('image-key paths', () => {
  it.each([
    ['microservice.image', ['microservice', 'image']],
    ['a\\.b.containers.0.image', ['a.b', 'containers', 0, 'image']],
    ['nvidia\\.com/gpu', ['nvidia.com/gpu']],
    ['back\\\\slash', ['back\\slash']],
    ['list.10', ['list', 10]],
    ['list.01', ['list', '01']],
    ['ports.0\\.5', ['ports', '0.5']]
  ])('parses %s', (keyPath, expected) => {
    expect(parseKeyPath(keyPath)).toEqual(expected)
  })

  it.each(['', 'a..b', '.a', 'a.', 'a\\x', 'a\\'])('refuses %j as invalid-key-path', (keyPath) => {
    let error: unknown
    try {
      patchScalar('microservice:\n  image: old\n', keyPath, 'new')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ValuesError)
    expect((error as ValuesError).code).toBe('invalid-key-path')
    expect((error as ValuesError).message).toContain('image-key')
    expect((error as ValuesError).hint).toContain('containers.0.image')
  })

  it('sets a key that contains a literal dot', () => {
    const text = 'resources:\n  nvidia.com/gpu: 1\n  nvidia: {com/gpu: 2}\n'
    expect(patchScalar(text, 'resources.nvidia\\.com/gpu', '4').text).toBe(
      'resources:\n  nvidia.com/gpu: "4"\n  nvidia: {com/gpu: 2}\n'
    )
  })

  it('sets a sequence item by index', () => {
    const text = 'containers:\n  - name: app\n    image: a\n  - name: sidecar\n    image: b\n'
    expect(patchScalar(text, 'containers.1.image', 'c').text).toBe(
      text.replace('image: b', 'image: c')
    )
  })

  it('matches a numeric key of a map', () => {
    expect(patchScalar('ports:\n  8080: web\n', 'ports.8080', 'api').text).toBe(
      'ports:\n  8080: api\n'
    )
  })
})

describe('patchScalar is idempotent', () => {
  it.each([
    ['image: nginx:1.27\n', 'nginx:1.27'],
    ['image: "nginx:1.27"\n', 'nginx:1.27'],
    ["image: 'nginx:1.27'\n", 'nginx:1.27'],
    ['tag: "1.10"\n', '1.10']
  ])('returns %j unchanged when it already holds the value', (text, value) => {
    expect(patchScalar(text, text.split(':')[0], value)).toEqual({
      text,
      previous: value,
      changed: false,
      line: 1
    })
  })

  it('quotes a plain 1.10 even when the text matches, since Helm reads it as the number 1.1', () => {
    const result = patchScalar('tag: 1.10\n', 'tag', '1.10')
    expect(result.text).toBe('tag: "1.10"\n')
    expect(patchScalar(result.text, 'tag', '1.10').changed).toBe(false)
  })
})

describe('patchScalar refuses what it cannot do safely', () => {
  it('reports a YAML syntax error with its line and column', () => {
    const error = expectFailure('a: 1\nb: [1, 2\nc: 3\n', 'a', 'invalid-yaml', {
      line: 3,
      column: 1
    })
    expect(error.message).toContain('not valid YAML')
    expect(error.hint).toContain('line 3')
  })

  it.each([
    ['an unclosed quote', 'password: s3cr3t-Value\ntoken: "abc-s3cr3t\n'],
    ['a stray flow indicator', 'image: a\n]s3cr3t-Value\n'],
    ['junk after a block scalar header', 'token: |x-s3cr3t-Value\n  y\n'],
    ['a nested map on a value line', 'password: s3cr3t: Value\n']
  ])('does not quote the broken line, which may hold a secret (%s)', (_label, text) => {
    const error = failure(text, 'image')
    expect(error.code).toBe('invalid-yaml')
    expect(error.line).toBeGreaterThan(0)
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause)
    expect(`${error.message} ${error.hint ?? ''} ${cause} ${JSON.stringify(error)}`).not.toMatch(
      /s3cr3t/i
    )
  })

  it('names the missing key and the keys that are there', () => {
    const error = expectFailure(
      'microservice:\n  name: a\n  port: 1\n',
      'microservice.image',
      'key-missing',
      {
        line: 2,
        column: 3
      }
    )
    expect(error.message).toContain('`microservice.image`')
    expect(error.message).toContain('name, port')
    expect(error.hint).toContain('image:')
  })

  it('points out a key that differs only in case', () => {
    const error = expectFailure('microservice:\n  Image: a\n', 'microservice.image', 'key-missing')
    expect(error.hint).toContain('microservice.Image')
  })

  it.each(['', '# only a comment\n', '---\n'])(
    'reports key-missing for a file with no content: %j',
    (text) => {
      expect(failure(text, 'microservice.image').code).toBe('key-missing')
    }
  )

  it('reports key-missing for an index past the end of a sequence', () => {
    const error = expectFailure('list: [a, b]\n', 'list.2', 'key-missing')
    expect(error.message).toContain('2 item(s)')
  })

  it('refuses a path through a scalar as not-a-map, and suggests the scalar itself', () => {
    const error = expectFailure(
      'microservice:\n  image: nginx\n',
      'microservice.image.tag',
      'not-a-map',
      {
        line: 2,
        column: 10
      }
    )
    expect(error.hint).toContain('image-key to microservice.image')
  })

  it('refuses a file that is a single scalar, and points at values-file', () => {
    const error = expectFailure('just text\n', 'microservice.image', 'not-a-map')
    expect(error.hint).toContain('values-file')
  })

  it('refuses a key on a sequence as not-a-map, and suggests an index', () => {
    const error = expectFailure('containers:\n  - image: a\n', 'containers.image', 'not-a-map')
    expect(error.hint).toContain('containers.0.image')
  })

  it('refuses a map target and suggests image-key: microservice.image.repository', () => {
    const error = expectFailure(
      'microservice:\n  image: {repository, tag}\n',
      'microservice.image',
      'not-a-scalar',
      {
        line: 2,
        column: 10
      }
    )
    expect(error.message).toContain('holds a map (repository, tag)')
    expect(error.hint).toMatch(/^set image-key to microservice\.image\.repository\b/i)
  })

  it('refuses a sequence target and suggests an index', () => {
    const error = expectFailure('images:\n  - a\n  - b\n', 'images', 'not-a-scalar')
    expect(error.message).toContain('sequence of 2 item(s)')
    expect(error.hint).toContain('images.0')
  })

  it('refuses an alias target and names its anchor', () => {
    const error = expectFailure('base: &img nginx\nimage: *img\n', 'image', 'alias', {
      line: 2,
      column: 8
    })
    expect(error.message).toContain('*img')
    expect(error.message).toContain('&img (line 1)')
  })

  it('refuses a path through an alias', () => {
    expect(failure('base: &b {image: a}\nweb: *b\n', 'web.image').code).toBe('alias')
  })

  it('refuses an anchored target that an alias uses, and names the lines', () => {
    const text = 'web:\n  image: &img nginx\napi:\n  image: *img\njob:\n  image: *img\n'
    const error = expectFailure(text, 'web.image', 'anchor-in-use', { line: 2, column: 10 })
    expect(error.message).toContain('&img')
    expect(error.message).toContain('lines 4, 6')
  })

  it('refuses a target inside an anchored map that another map merges', () => {
    const text = 'defaults: &defaults\n  image: nginx\nweb:\n  <<: *defaults\n'
    const error = expectFailure(text, 'defaults.image', 'anchor-in-use')
    expect(error.message).toContain('inside the anchor &defaults')
    expect(error.message).toContain('line 4')
  })

  it('refuses a key that is duplicated and names both lines', () => {
    const text = 'microservice:\n  image: a\n  port: 1\n  image: b\n'
    const error = expectFailure(text, 'microservice.image', 'duplicate-key', { line: 2, column: 3 })
    expect(error.message).toContain('lines 2 and 4')
    expect(error.message).toContain('Helm uses the last one')
  })

  it('refuses a duplicated parent key', () => {
    const text = 'microservice:\n  image: a\nmicroservice:\n  image: b\n'
    expect(failure(text, 'microservice.image').code).toBe('duplicate-key')
  })

  it.each([
    ['image: |\n  nginx\n', '|'],
    ['image: >-\n  nginx\n', '>']
  ])('refuses a block scalar (%j)', (text, indicator) => {
    const error = expectFailure(text, 'image', 'block-scalar', { line: 1, column: 8 })
    expect(error.message).toContain(`(${indicator})`)
  })

  it('refuses a key that only comes through a merge key, and says where it is set', () => {
    const text = 'defaults: &defaults\n  image: nginx\nweb:\n  <<: *defaults\n  port: 80\n'
    const error = expectFailure(text, 'web.image', 'merge-key-only', { line: 4, column: 3 })
    expect(error.message).toContain('&defaults (line 2)')
    expect(error.hint).toContain('Add `image:` under `web`')
    expect(error.hint).toContain('&defaults is shared')
  })

  it('fails when the first document lacks the key, even if a later one has it', () => {
    const error = expectFailure('kind: Namespace\n---\nimage: nginx\n', 'image', 'key-missing')
    expect(error.message).toContain('first document')
  })

  it(`refuses a file over ${MAX_VALUES_FILE_BYTES} bytes`, () => {
    const text = 'image: a\n' + '#'.repeat(MAX_VALUES_FILE_BYTES) + '\n'
    const error = failure(text, 'image')
    expect(error.code).toBe('too-large')
    expect(error.message).toContain('5.0 MiB')
  })

  it('refuses a file nested too deeply to read as too-large', () => {
    const text = 'image: a\ndeep: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n'
    expect(failure(text, 'image')).toMatchObject({ code: 'too-large', line: 2 })
  })

  it('refuses an alias bomb without expanding it', () => {
    // 30 levels of 10 aliases: 10^30 nodes if expanded, so this only passes if nothing is expanded.
    const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i <= 30; i++)
      lines.push(
        `l${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(', ')}]`
      )
    lines.push('image: nginx')
    const error = expectFailure(lines.join('\n') + '\n', 'image', 'alias-bomb')
    expect(error.message).toContain('excessive aliasing')
  })

  it('accepts moderate reuse of anchors, as real values files do', () => {
    const text =
      'common: &common {cpu: 1, memory: 2Gi}\n' +
      Array.from({ length: 50 }, (_, i) => `svc${i}: {resources: *common}`).join('\n') +
      '\nimage: a\n'
    expect(patchScalar(text, 'image', 'b').changed).toBe(true)
  })

  it('refuses an alias with no anchor as invalid YAML', () => {
    const error = expectFailure('image: *nowhere\n', 'image', 'invalid-yaml', {
      line: 1,
      column: 8
    })
    expect(error.message).toContain('*nowhere')
  })

  it('refuses an alias inside the node its own anchor marks as invalid YAML', () => {
    const error = expectFailure('image: a\nloop: &x [1, *x]\n', 'image', 'invalid-yaml', {
      line: 2,
      column: 14
    })
    expect(error.message).toContain('*x')
  })

  it('throws ValuesError, an ActionError that main.ts reports with its hint', () => {
    const error = failure('a: 1\n', 'image')
    expect(error).toBeInstanceOf(ActionError)
    expect(error.name).toBe('ValuesError')
  })

  it('names the file "values file" when no file name is given', () => {
    expect(() => patchScalar('a: 1\n', 'image', 'x')).toThrow(
      /^values file:1:1: key `image` not found/
    )
  })
})

describe('verifyScalarPatch', () => {
  const text = 'microservice:\n  # the app\n  name: a\n  image: old  # pinned\n  port: 8000\n'

  it('accepts what patchScalar writes', () => {
    const after = patchScalar(text, 'microservice.image', ECR_IMAGE).text
    expect(() => verifyScalarPatch(text, after, 'microservice.image', ECR_IMAGE)).not.toThrow()
  })

  it("rejects the Document API's rewrite, which moves the comment", () => {
    const doc = parseDocument(text)
    doc.setIn(['microservice', 'image'], ECR_IMAGE)
    const naive = doc.toString()
    expect(naive).not.toBe(patchScalar(text, 'microservice.image', ECR_IMAGE).text)
    expect(() => verifyScalarPatch(text, naive, 'microservice.image', ECR_IMAGE)).toThrow(
      expect.objectContaining({ code: 'verification-failed' })
    )
  })

  it.each([
    [
      'a value that swallows the comment',
      'microservice:\n  # the app\n  name: a\n  image: x #y  # pinned\n  port: 8000\n',
      'x #y'
    ],
    [
      'a value that adds a key',
      'microservice:\n  # the app\n  name: a\n  image: x\n  tag: y  # pinned\n  port: 8000\n',
      'x'
    ],
    [
      'a plain value Helm reads as a boolean',
      'microservice:\n  # the app\n  name: a\n  image: yes  # pinned\n  port: 8000\n',
      'yes'
    ]
  ])('rejects %s and says it is a bug, not the user’s file', (_label, after, value) => {
    let error: unknown
    try {
      verifyScalarPatch(text, after, 'microservice.image', value, { fileName: FILE })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ValuesError)
    expect((error as ValuesError).code).toBe('verification-failed')
    expect((error as ValuesError).message).toContain('nothing was written')
    expect((error as ValuesError).hint).toContain('bug')
  })
})

describe('readScalar', () => {
  it.each([
    ['image: nginx\n', 'nginx'],
    ['image: "a\\tb"\n', 'a\tb'],
    ['tag: 1.10\n', '1.10'],
    ['image:\n', null],
    ['image: ~\n', null],
    ['image: ""\n', '']
  ])('reads %j as %j', (text, expected) => {
    expect(readScalar(text, text.split(':')[0])).toBe(expected)
  })

  it('applies the lookup rules of patchScalar', () => {
    expect(() => readScalar('image: {repository: a}\n', 'image', { fileName: FILE })).toThrow(
      expect.objectContaining({ code: 'not-a-scalar' })
    )
  })
})

describe('changedWindow (test helper)', () => {
  it('finds the replaced range', () => {
    expect(changedWindow('image: old # c\n', 'image: new # c\n')).toEqual({
      start: 7,
      end: 10,
      inserted: 'new'
    })
  })
})
