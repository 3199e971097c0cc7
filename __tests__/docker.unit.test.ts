import { afterAll, describe, expect, it } from '@jest/globals'
import {
  inheritedLogins,
  buildAndPush,
  buildArgs,
  checkBuildable,
  defaultRegistryScheme,
  labelArgs,
  labelInstruction,
  isTransientBuildxPushFailure,
  isTransientRegistryFailure,
  pushArgs,
  splitReference,
  type BuildOptions,
  type DockerSession
} from '../src/docker.js'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ActionError } from '../src/errors.js'

const IMAGE = '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp:main-abc1234-1'
const base: BuildOptions = { context: '.', tags: [IMAGE] }
const CLASSIC = { buildx: false }
const BUILDX = { buildx: true }

describe('buildArgs', () => {
  it.each<[string, BuildOptions, boolean, string[]]>([
    [
      'the minimal classic build, untagged: the label step tags it',
      base,
      false,
      ['build', '--force-rm', '.']
    ],
    [
      'the classic build writing its image id for the label step',
      { ...base, imageIdFile: '/tmp/image-id' },
      false,
      ['build', '--force-rm', '--iidfile', '/tmp/image-id', '.']
    ],
    [
      'the minimal buildx build, which pushes and writes metadata',
      { ...base, metadataFile: '/tmp/meta.json' },
      true,
      ['buildx', 'build', '--push', '--metadata-file', '/tmp/meta.json', '--tag', IMAGE, '.']
    ],
    [
      'a dockerfile and a context',
      { ...base, context: 'services/api', dockerfile: 'services/api/Dockerfile.prod' },
      false,
      ['build', '--force-rm', '--file', 'services/api/Dockerfile.prod', 'services/api']
    ],
    [
      'several tags with buildx',
      { ...base, tags: [IMAGE, `${IMAGE}-b`] },
      true,
      ['buildx', 'build', '--push', '--tag', IMAGE, '--tag', `${IMAGE}-b`, '.']
    ],
    [
      'build-args, one flag each, values kept verbatim',
      { ...base, buildArgs: { NODE_ENV: 'production', GREETING: 'a b=c' } },
      false,
      [
        'build',
        '--force-rm',
        '--build-arg',
        'NODE_ENV=production',
        '--build-arg',
        'GREETING=a b=c',
        '.'
      ]
    ],
    [
      'labels',
      { ...base, labels: { team: 'payments' } },
      true,
      ['buildx', 'build', '--push', '--tag', IMAGE, '--label', 'team=payments', '.']
    ],
    [
      'no labels for the classic build: the label step sets them',
      {
        ...base,
        labels: { team: 'payments' },
        source: { url: 'https://github.com/acme/myapp', revision: 'abc1234def' }
      },
      false,
      ['build', '--force-rm', '.']
    ],
    [
      'the OCI source labels with buildx',
      {
        ...base,
        source: {
          url: 'https://github.com/acme/myapp',
          revision: 'abc1234def',
          created: '2026-11-27T07:00:00.000Z'
        }
      },
      true,
      [
        'buildx',
        'build',
        '--push',
        '--tag',
        IMAGE,
        '--label',
        'org.opencontainers.image.source=https://github.com/acme/myapp',
        '--label',
        'org.opencontainers.image.revision=abc1234def',
        '--label',
        'org.opencontainers.image.created=2026-11-27T07:00:00.000Z',
        '.'
      ]
    ],
    [
      'a user label overriding an OCI label with buildx',
      {
        ...base,
        source: { url: 'https://github.com/acme/myapp' },
        labels: { 'org.opencontainers.image.source': 'https://example.com/mirror' }
      },
      true,
      [
        'buildx',
        'build',
        '--push',
        '--tag',
        IMAGE,
        '--label',
        'org.opencontainers.image.source=https://example.com/mirror',
        '.'
      ]
    ],
    [
      'a target stage',
      { ...base, target: 'final' },
      false,
      ['build', '--force-rm', '--target', 'final', '.']
    ],
    [
      'a network for RUN steps',
      { ...base, network: 'host' },
      false,
      ['build', '--force-rm', '--network', 'host', '.']
    ],
    [
      'one platform with the classic builder',
      { ...base, platforms: ['linux/arm64'] },
      false,
      ['build', '--force-rm', '--platform', 'linux/arm64', '.']
    ],
    [
      'several platforms with buildx, comma-joined',
      { ...base, platforms: ['linux/amd64', 'linux/arm64'] },
      true,
      ['buildx', 'build', '--push', '--tag', IMAGE, '--platform', 'linux/amd64,linux/arm64', '.']
    ],
    [
      'an image reference as cache source for the classic builder',
      { ...base, cacheFrom: [`${IMAGE.split(':')[0]}:cache`] },
      false,
      ['build', '--force-rm', '--cache-from', `${IMAGE.split(':')[0]}:cache`, '.']
    ],
    [
      'buildx cache sources and exports',
      {
        ...base,
        cacheFrom: ['type=gha', 'type=registry,ref=r/c:1'],
        cacheTo: ['type=gha,mode=max']
      },
      true,
      [
        'buildx',
        'build',
        '--push',
        '--tag',
        IMAGE,
        '--cache-from',
        'type=gha',
        '--cache-from',
        'type=registry,ref=r/c:1',
        '--cache-to',
        'type=gha,mode=max',
        '.'
      ]
    ],
    [
      'provenance and sbom for buildx',
      { ...base, provenance: 'false', sbom: 'true' },
      true,
      ['buildx', 'build', '--push', '--tag', IMAGE, '--provenance=false', '--sbom=true', '.']
    ],
    [
      'provenance mode=max for buildx',
      { ...base, provenance: 'mode=max' },
      true,
      ['buildx', 'build', '--push', '--tag', IMAGE, '--provenance=mode=max', '.']
    ],
    [
      'provenance and sbom turned off with the classic builder (nothing to turn off)',
      { ...base, provenance: 'false', sbom: 'false' },
      false,
      ['build', '--force-rm', '.']
    ],
    [
      'empty optional inputs, which add nothing',
      {
        ...base,
        dockerfile: '',
        target: '',
        network: '',
        platforms: [],
        cacheFrom: [],
        cacheTo: [],
        provenance: '',
        sbom: '',
        buildArgs: {},
        labels: {},
        source: {}
      },
      true,
      ['buildx', 'build', '--push', '--tag', IMAGE, '.']
    ],
    [
      'every input at once with buildx, and no image id file',
      {
        context: 'app',
        dockerfile: 'app/Dockerfile',
        tags: [IMAGE],
        buildArgs: { A: '1' },
        labels: { team: 'x' },
        target: 'final',
        network: 'host',
        platforms: ['linux/amd64'],
        cacheFrom: ['type=gha'],
        cacheTo: ['type=gha'],
        provenance: 'mode=min',
        sbom: 'false',
        source: { revision: 'abc' },
        metadataFile: '/m.json',
        imageIdFile: '/image-id'
      },
      true,
      [
        'buildx',
        'build',
        '--push',
        '--metadata-file',
        '/m.json',
        '--file',
        'app/Dockerfile',
        '--tag',
        IMAGE,
        '--target',
        'final',
        '--network',
        'host',
        '--platform',
        'linux/amd64',
        '--cache-from',
        'type=gha',
        '--cache-to',
        'type=gha',
        '--provenance=mode=min',
        '--sbom=false',
        '--build-arg',
        'A=1',
        '--label',
        'org.opencontainers.image.revision=abc',
        '--label',
        'team=x',
        'app'
      ]
    ],
    [
      'every input the classic builder can take, and no metadata file, tags or labels',
      {
        context: 'app',
        dockerfile: 'app/Dockerfile',
        tags: [IMAGE],
        buildArgs: { A: '1' },
        labels: { team: 'x' },
        target: 'final',
        network: 'host',
        platforms: ['linux/amd64'],
        cacheFrom: ['r/c:1'],
        source: { revision: 'abc' },
        metadataFile: '/m.json',
        imageIdFile: '/image-id'
      },
      false,
      [
        'build',
        '--force-rm',
        '--iidfile',
        '/image-id',
        '--file',
        'app/Dockerfile',
        '--target',
        'final',
        '--network',
        'host',
        '--platform',
        'linux/amd64',
        '--cache-from',
        'r/c:1',
        '--build-arg',
        'A=1',
        'app'
      ]
    ]
  ])('turns %s into argv', (_name, options, buildx, expected) => {
    expect(buildArgs(options, { buildx })).toEqual(expected)
  })

  it('judges nothing: the classic-builder rule lives in checkBuildable alone', () => {
    expect(buildArgs({ ...base, cacheTo: ['type=gha'], provenance: 'mode=max' }, CLASSIC)).toEqual([
      'build',
      '--force-rm',
      '.'
    ])
  })

  it('pushes one reference at a time with the classic builder', () => {
    expect(pushArgs(IMAGE)).toEqual(['push', IMAGE])
  })
})

/** Settings the classic builder cannot honour, and what the refusal says. */
const CLASSIC_REFUSES: [string, Partial<BuildOptions>, RegExp][] = [
  ['two platforms', { platforms: ['linux/amd64', 'linux/arm64'] }, /^platforms lists 2 platforms/],
  ['a cache expression', { cacheFrom: ['type=gha'] }, /^cache-from "type=gha" needs docker buildx/],
  ['a cache export', { cacheTo: ['type=gha'] }, /^cache-to needs docker buildx/],
  ['provenance', { provenance: 'mode=max' }, /^provenance "mode=max" needs docker buildx/],
  ['an sbom', { sbom: 'true' }, /^sbom "true" needs docker buildx/],
  [
    'a label a Dockerfile cannot carry',
    { labels: { note: 'two\nlines' } },
    /^labels: the label "note" has a line break in its value/
  ]
]

function thrownBy(action: () => unknown): ActionError {
  try {
    action()
  } catch (error) {
    if (error instanceof ActionError) return error
    throw error
  }
  throw new Error('expected an ActionError')
}

describe('checkBuildable', () => {
  it.each(CLASSIC_REFUSES)(
    'refuses %s without buildx, naming the input and how to get buildx',
    (_name, extra, message) => {
      const error = thrownBy(() => checkBuildable({ ...base, ...extra }, CLASSIC))
      expect(error.message).toMatch(message)
      expect(error.hint).toMatch(/docker\/setup-buildx-action/)
    }
  )

  it.each(CLASSIC_REFUSES)('lets buildx take %s', (_name, extra) => {
    expect(() => checkBuildable({ ...base, ...extra }, BUILDX)).not.toThrow()
  })

  it('lets the classic builder take one platform, image caches and attestations off', () => {
    expect(() =>
      checkBuildable(
        {
          ...base,
          platforms: ['linux/amd64'],
          cacheFrom: ['r/c:1'],
          provenance: 'false',
          sbom: 'false',
          labels: { team: 'a "quoted" $value' }
        },
        CLASSIC
      )
    ).not.toThrow()
  })
})

describe('buildAndPush refuses before running docker', () => {
  // A context that does not exist, so a build that ran anyway would fail at once.
  const missing = path.join(tmpdir(), 'gib-no-such-context')
  const session: DockerSession = {
    configDir: missing,
    env: {},
    login: () => Promise.reject(new Error('no login in a unit test')),
    credentialsFor: () => undefined,
    dispose: () => Promise.resolve(),
    disposeSync: () => undefined
  }

  it.each(CLASSIC_REFUSES)('%s without buildx', async (_name, extra, message) => {
    await expect(
      buildAndPush({
        session,
        capabilities: CLASSIC,
        build: { ...base, context: missing, ...extra }
      })
    ).rejects.toThrow(message)
  })

  it('an empty tag list', async () => {
    await expect(
      buildAndPush({
        session,
        capabilities: BUILDX,
        build: { ...base, context: missing, tags: [] }
      })
    ).rejects.toThrow(
      new ActionError('There is no image reference to build: the tag list is empty.')
    )
  })
})

describe('labelArgs', () => {
  it.each<[string, BuildOptions, string[]]>([
    ['one tag', base, ['build', '--force-rm', '--tag', IMAGE, '-']],
    [
      'several tags',
      { ...base, tags: [IMAGE, `${IMAGE}-b`] },
      ['build', '--force-rm', '--tag', IMAGE, '--tag', `${IMAGE}-b`, '-']
    ],
    [
      'the platform of the build, and nothing the label step does not use',
      {
        ...base,
        platforms: ['linux/arm64'],
        target: 'final',
        network: 'host',
        buildArgs: { A: '1' },
        cacheFrom: ['r/c:1'],
        dockerfile: 'app/Dockerfile'
      },
      ['build', '--force-rm', '--tag', IMAGE, '--platform', 'linux/arm64', '-']
    ]
  ])(
    'labels and tags the built image with %s, reading the Dockerfile from stdin',
    (_name, options, expected) => {
      expect(labelArgs(options)).toEqual(expected)
    }
  )
})

describe('labelInstruction', () => {
  const source = {
    url: 'https://github.com/acme/myapp',
    revision: 'abc1234def',
    created: '2026-11-27T07:00:00Z'
  }

  it.each<[string, BuildOptions, string]>([
    ['no labels at all', base, ''],
    [
      'the OCI source labels and the user labels, in one LABEL',
      { ...base, source, labels: { team: 'payments' } },
      [
        'LABEL "org.opencontainers.image.source"="https://github.com/acme/myapp" \\',
        '      "org.opencontainers.image.revision"="abc1234def" \\',
        '      "org.opencontainers.image.created"="2026-11-27T07:00:00Z" \\',
        '      "team"="payments"',
        ''
      ].join('\n')
    ],
    [
      "a user label overriding an OCI label, in the OCI label's place",
      {
        ...base,
        source,
        labels: { team: 'x', 'org.opencontainers.image.source': 'https://example.com/mirror' }
      },
      [
        'LABEL "org.opencontainers.image.source"="https://example.com/mirror" \\',
        '      "org.opencontainers.image.revision"="abc1234def" \\',
        '      "org.opencontainers.image.created"="2026-11-27T07:00:00Z" \\',
        '      "team"="x"',
        ''
      ].join('\n')
    ],
    [
      'backslashes, quotes and dollars escaped; everything else as it is',
      {
        ...base,
        labels: {
          quote: 'say "hi"',
          backslash: 'C:\\dir\\',
          home: '$HOME',
          braces: '${X:-y}',
          'k$"\\': 'key too',
          spaces: ' a  b ',
          equals: 'a=b=c',
          empty: '',
          unicode: 'ünï€😀',
          other: "'`#\t\r"
        }
      },
      [
        'LABEL "quote"="say \\"hi\\"" \\',
        '      "backslash"="C:\\\\dir\\\\" \\',
        '      "home"="\\$HOME" \\',
        '      "braces"="\\${X:-y}" \\',
        '      "k\\$\\"\\\\"="key too" \\',
        '      "spaces"=" a  b " \\',
        '      "equals"="a=b=c" \\',
        '      "empty"="" \\',
        '      "unicode"="ünï€😀" \\',
        '      "other"="\'`#\t\r"',
        ''
      ].join('\n')
    ]
  ])('writes %s', (_name, options, expected) => {
    expect(labelInstruction(options)).toBe(expected)
  })

  it.each<[string, Record<string, string>, string]>([
    ['a line break in a value', { note: 'a\nb' }, 'has a line break in its value'],
    ['a line break in a name', { 'a\nb': 'x' }, 'has a line break in its name'],
    ['a NUL', { note: 'a\0b' }, 'has a NUL in its value'],
    ['"=" in a name', { 'a=b': 'x' }, 'has "=" in its name'],
    ['a lone surrogate', { note: 'a\uD800b' }, 'has a lone UTF-16 surrogate in its value'],
    [
      'a label longer than a Dockerfile line',
      { note: 'x'.repeat(65_535) },
      'is longer than a Dockerfile line may be (65535 bytes)'
    ]
  ])('refuses %s, naming the labels input and the label', (_name, labels, problem) => {
    let error: unknown
    try {
      labelInstruction({ ...base, labels })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ActionError)
    expect((error as ActionError).message).toBe(
      `labels: the label ${JSON.stringify(Object.keys(labels)[0])} ${problem}, which the classic builder cannot set: it labels the image through a Dockerfile LABEL.`
    )
    expect((error as ActionError).hint).toMatch(/docker\/setup-buildx-action/)
  })

  it('keeps a surrogate pair, which is one character', () => {
    expect(labelInstruction({ ...base, labels: { e: '\uD83D\uDE00' } })).toBe('LABEL "e"="😀"\n')
  })
})

describe('isTransientRegistryFailure', () => {
  it.each([
    'received unexpected HTTP status: 503 Service Unavailable',
    'received unexpected HTTP status: 500 Internal Server Error',
    'error parsing HTTP 502 response body: Bad Gateway',
    'Put "https://x/v2/a/blobs/uploads/1": read tcp 10.0.0.1:443: connection reset by peer',
    'net/http: TLS handshake timeout',
    'dial tcp 1.2.3.4:443: i/o timeout',
    'unexpected EOF',
    'toomanyrequests: Rate exceeded'
  ])('retries %s', (output) => {
    expect(isTransientRegistryFailure(output)).toBe(true)
  })

  it.each([
    'denied: User: arn:aws:sts::1:assumed-role/x is not authorized to perform: ecr:InitiateLayerUpload',
    'no basic auth credentials',
    'unauthorized: authentication required',
    "tag invalid: The image tag 'v1' already exists in the 'myapp' repository and cannot be overwritten because the repository is immutable.",
    "name unknown: The repository with name 'x' does not exist in the registry with id '1'",
    'An image does not exist locally with the tag: x',
    'denied: 503 but really denied'
  ])('does not retry %s', (output) => {
    expect(isTransientRegistryFailure(output)).toBe(false)
  })
})

describe('isTransientBuildxPushFailure', () => {
  it('retries a buildx push the registry failed transiently', () => {
    const output = [
      '#9 exporting to image',
      '#9 pushing layers 0.4s done',
      'ERROR: failed to push 1.dkr.ecr.us-east-1.amazonaws.com/a:1: failed commit on ref "layer-sha256:ab": unexpected status from PUT request: 503 Service Unavailable'
    ].join('\n')
    expect(isTransientBuildxPushFailure(output)).toBe(true)
  })

  it('does not retry a build step that failed, even when it mentions a timeout', () => {
    const output = [
      '#7 [2/2] RUN npm ci',
      '#7 12.1 npm ERR! network timeout at: https://example.invalid/pkg',
      'ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1'
    ].join('\n')
    expect(isTransientBuildxPushFailure(output)).toBe(false)
  })

  it('does not retry a push the registry denied', () => {
    expect(
      isTransientBuildxPushFailure(
        'ERROR: failed to push x: unexpected status: 403 Forbidden denied'
      )
    ).toBe(false)
  })
})

describe('splitReference', () => {
  it.each([
    [
      IMAGE,
      {
        host: '226633502530.dkr.ecr.us-east-1.amazonaws.com',
        repository: 'myapp',
        tag: 'main-abc1234-1'
      }
    ],
    ['127.0.0.1:5000/team/api:1', { host: '127.0.0.1:5000', repository: 'team/api', tag: '1' }],
    ['localhost:5000/api', { host: 'localhost:5000', repository: 'api', tag: 'latest' }]
  ])('splits %s', (reference, expected) => {
    expect(splitReference(reference)).toEqual(expected)
  })

  it.each(['api:1', 'Not A Reference', `127.0.0.1:5000/api@sha256:${'0'.repeat(64)}`])(
    'refuses %s, which names no registry tag',
    (reference) => {
      expect(() => splitReference(reference)).toThrow(ActionError)
    }
  )
})

describe('defaultRegistryScheme', () => {
  it.each([
    ['127.0.0.1:5000', 'http'],
    ['127.1.2.3', 'http'],
    ['localhost:5000', 'http'],
    ['[::1]:5000', 'http'],
    ['226633502530.dkr.ecr.us-east-1.amazonaws.com', 'https'],
    ['registry.example.com:5000', 'https']
  ])('reaches %s over %s', (host, scheme) => {
    expect(defaultRegistryScheme(host)).toBe(scheme)
  })
})

describe('inheritedLogins', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gib-docker-config-'))
  const file = (name: string, text: string) => {
    const where = path.join(dir, name)
    writeFileSync(where, text)
    return where
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('carries auths and per-registry helpers, not the global store or anything else', () => {
    const config = {
      auths: { 'ghcr.io': { auth: 'dXNlcjpwYXNz' }, 'https://index.docker.io/v1/': {} },
      credHelpers: { 'gcr.io': 'gcloud', 'bad.example': 42 },
      credsStore: 'desktop',
      currentContext: 'remote',
      proxies: { default: { httpProxy: 'http://proxy:3128' } }
    }
    expect(inheritedLogins(file('full.json', JSON.stringify(config)))).toEqual({
      auths: config.auths,
      credHelpers: { 'gcr.io': 'gcloud' }
    })
  })

  it.each([
    ['a missing file', path.join(dir, 'missing.json')],
    ['a malformed file', file('malformed.json', '{"auths": ')],
    ['a file that is not an object', file('array.json', '[1, 2]')],
    ['auths that are not an object', file('odd.json', '{"auths": "x", "credHelpers": []}')]
  ])('gives no logins for %s', (_name, where) => {
    expect(inheritedLogins(where)).toEqual({ auths: {} })
  })
})
