import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { RunContext } from '../src/context.js'
import { INPUT_DEFAULTS, InputError, getInputs, splitList } from '../src/inputs.js'
import { parseImageReference } from '../src/image-reference.js'
import { readActionYml } from './support/runner.js'

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gib-inputs-'))
mkdirSync(path.join(workspace, 'policies'))
writeFileSync(path.join(workspace, 'policies/keep-10.json'), '{"rules":[]}')
writeFileSync(path.join(workspace, 'policies/broken.json'), '{"rules": [')
const outside = mkdtempSync(path.join(os.tmpdir(), 'gib-outside-'))
writeFileSync(path.join(outside, 'policy.json'), '{"rules":[]}')
symlinkSync(path.join(outside, 'policy.json'), path.join(workspace, 'policies/link.json'))

const context: RunContext = {
  eventName: 'push',
  payload: {},
  sha: 'abc1234def5678900000000000000000000000ff',
  ref: 'refs/heads/main',
  refName: 'main',
  repository: 'acme/myapp-010',
  runId: '99',
  runNumber: 7,
  runAttempt: 1,
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  workspace,
  runnerTemp: os.tmpdir(),
  actor: 'octocat'
}

const VALID: Record<string, string> = {
  app: 'myapp-010',
  'gitops-repository': 'acme/gitops-apps',
  'gitops-token': 'ghs_secretsecretsecret',
  'aws-region': 'us-east-1'
}

const savedEnv = { ...process.env }
function setInputs(inputs: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key]
  delete process.env.AWS_REGION
  delete process.env.AWS_DEFAULT_REGION
  const action = readActionYml()
  for (const [name, spec] of Object.entries(action.inputs)) {
    const fallback = (spec.default ?? '').includes('${{') ? '' : (spec.default ?? '')
    process.env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? fallback
  }
}

function problemsFor(inputs: Record<string, string>, ctx: RunContext = context): string[] {
  setInputs(inputs)
  try {
    getInputs(ctx)
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => p.input)
    throw error
  }
  return []
}

beforeEach(() => setInputs(VALID))
afterEach(() => {
  process.env = { ...savedEnv }
})

describe('getInputs with valid inputs', () => {
  it('returns one frozen, typed settings object with the defaults of SPEC.md', () => {
    const inputs = getInputs(context)
    expect(Object.isFrozen(inputs)).toBe(true)
    expect(inputs.environment).toBe('dev')
    expect(inputs.valuesFile).toBe('values/dev/myapp-010/values.yaml')
    expect(inputs.imageKey).toBe('microservice.image')
    expect(inputs.ecrRepository).toBe('myapp-010')
    expect(inputs.tag).toBe('main-abc1234-7')
    expect(inputs.dockerfile).toBe('./Dockerfile')
    expect(inputs.pathsIgnore).toEqual(['**/*.md', '**/README*', 'docs/**', '**/.gitignore'])
    expect(inputs.gitopsRepository).toEqual({ owner: 'acme', repo: 'gitops-apps' })
    expect(inputs.autoMerge).toBe(false)
    expect(inputs.mode).toBe('pull-request')
    expect(inputs.supersede).toBe(true)
    expect(inputs.repositoryTagMutability).toBe('IMMUTABLE')
    expect(inputs.githubApiUrl).toBe('https://api.github.com')
  })

  it('ignores nothing when paths-ignore is set empty, and uses the default only when it is absent', () => {
    setInputs({ ...VALID, 'paths-ignore': '' })
    expect(getInputs(context).pathsIgnore).toEqual([])
    setInputs({ ...VALID, 'paths-ignore': '# none\n' })
    expect(getInputs(context).pathsIgnore).toEqual([])
    setInputs(VALID)
    delete process.env['INPUT_PATHS-IGNORE']
    expect(getInputs(context).pathsIgnore).toEqual([
      '**/*.md',
      '**/README*',
      'docs/**',
      '**/.gitignore'
    ])
  })

  it('sanitises a pull request ref name into the tag', () => {
    setInputs(VALID)
    expect(getInputs({ ...context, refName: '12/merge' }).tag).toBe('12-merge-abc1234-7')
    expect(getInputs({ ...context, refName: 'feature/Add Login!!' }).tag).toBe(
      'feature-Add-Login-abc1234-7'
    )
  })

  it('parses KEY=value lists, lists and a lifecycle policy file', () => {
    setInputs({
      ...VALID,
      'build-args': 'A=1\n\nB = two words\n# comment\nC=x=y',
      labels: 'team=payments',
      'repository-tags': 'cost-center=42',
      'repository-lifecycle-policy': 'policies/keep-10.json',
      'pr-labels': 'bump, dev\nautomated',
      'pr-team-reviewers': 'acme/devops',
      'auto-merge': 'squash',
      platforms: 'linux/amd64,linux/arm64/v8'
    })
    const inputs = getInputs(context)
    expect(inputs.buildArgs).toEqual({ A: '1', B: 'two words', C: 'x=y' })
    expect(inputs.repositoryLifecyclePolicy).toBe('{"rules":[]}')
    expect(inputs.prLabels).toEqual(['bump', 'dev', 'automated'])
    expect(inputs.prTeamReviewers).toEqual(['devops'])
    expect(inputs.autoMerge).toBe('squash')
    expect(inputs.platforms).toEqual(['linux/amd64', 'linux/arm64/v8'])
  })

  it('takes the tag of a promoted image and needs no region', () => {
    setInputs({
      ...VALID,
      'aws-region': '',
      image: '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-abc1234-1'
    })
    expect(getInputs(context).tag).toBe('main-abc1234-1')
  })

  it('allows no gitops-token in dry-run', () => {
    expect(problemsFor({ ...VALID, 'gitops-token': '', 'dry-run': 'true' })).toEqual([])
  })

  it('reads the region from AWS_REGION when the input is empty', () => {
    setInputs({ ...VALID, 'aws-region': '' })
    expect(getInputs(context, { AWS_REGION: 'eu-west-1' }).awsRegion).toBe('eu-west-1')
  })

  it('keeps its defaults equal to action.yml', () => {
    const action = readActionYml()
    for (const [name, value] of Object.entries(INPUT_DEFAULTS)) {
      expect([name, action.inputs[name]?.default]).toEqual([name, value])
    }
    const literalDefaults = Object.entries(action.inputs)
      .filter(([, spec]) => spec.default && !spec.default.includes('${{'))
      .map(([name, spec]) => [name, spec.default])
    expect(literalDefaults).toEqual(
      literalDefaults.map(([name]) => [name, INPUT_DEFAULTS[name as string]])
    )
  })
})

// Each row: a description, the inputs that differ from a valid set, and the exact inputs the
// failure must name.
const BAD: [string, Record<string, string>, string[]][] = [
  ['app missing', { app: '' }, ['app']],
  ['app with capitals', { app: 'MyApp' }, ['app']],
  ['app with underscore', { app: 'my_app' }, ['app']],
  ['app ending in -', { app: 'myapp-' }, ['app']],
  ['app of 64 characters', { app: 'a'.repeat(64) }, ['app']],
  ['environment with a slash', { environment: 'dev/eu' }, ['environment']],
  ['environment with ..', { environment: '..' }, ['environment']],
  ['gitops-repository missing', { 'gitops-repository': '' }, ['gitops-repository']],
  [
    'gitops-repository without owner',
    { 'gitops-repository': 'gitops-apps' },
    ['gitops-repository']
  ],
  ['gitops-repository with three parts', { 'gitops-repository': 'a/b/c' }, ['gitops-repository']],
  ['gitops-repository named ..', { 'gitops-repository': 'acme/..' }, ['gitops-repository']],
  [
    'gitops-repository owner starting with -',
    { 'gitops-repository': '-acme/x' },
    ['gitops-repository']
  ],
  ['gitops-token missing', { 'gitops-token': '' }, ['gitops-token']],
  ['gitops-base with a space', { 'gitops-base': 'main branch' }, ['gitops-base']],
  ['values-file absolute', { 'values-file': '/etc/passwd' }, ['values-file']],
  ['values-file escaping', { 'values-file': 'values/../../x.yaml' }, ['values-file']],
  ['values-file with backslash', { 'values-file': 'values\\dev\\x.yaml' }, ['values-file']],
  [
    'values-file with unknown placeholder',
    { 'values-file': 'values/{env}/{app}.yaml' },
    ['values-file']
  ],
  ['values-file in .git', { 'values-file': '.git/config' }, ['values-file']],
  ['image-key only a dot', { 'image-key': '.' }, ['image-key']],
  ['image-key with an empty part', { 'image-key': 'microservice..image' }, ['image-key']],
  ['image-key ending in a dot', { 'image-key': 'microservice.' }, ['image-key']],
  // The patch's own parser: refused before any network call, not after the push.
  [
    'image-key with a backslash that escapes nothing',
    { 'image-key': 'micro\\service.image' },
    ['image-key']
  ],
  ['image-key ending in a backslash', { 'image-key': 'microservice.image\\' }, ['image-key']],
  ['github-api-url not a URL', { 'github-api-url': 'api.github.com' }, ['github-api-url']],
  ['image not a reference', { image: 'not an image' }, ['image']],
  ['image with upper-case repository', { image: 'registry.example/MyApp:1' }, ['image']],
  [
    'image without tag or digest',
    { image: '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp' },
    ['image']
  ],
  ['image with a bad digest', { image: 'r.example/app@sha256:xyz' }, ['image']],
  ['ecr-repository with capitals', { 'ecr-repository': 'MyApp' }, ['ecr-repository']],
  ['ecr-repository with a trailing slash', { 'ecr-repository': 'team/' }, ['ecr-repository']],
  ['registry-id of 11 digits', { 'registry-id': '12345678901' }, ['registry-id']],
  ['aws-region malformed', { 'aws-region': 'useast1' }, ['aws-region']],
  ['aws-region missing for a build', { 'aws-region': '' }, ['aws-region']],
  ['tag template with unknown placeholder', { tag: '{branch}-{sha7}' }, ['tag']],
  ['tag template using {tag}', { tag: '{tag}' }, ['tag']],
  ['tag expanding to an invalid tag', { tag: '.{sha7}' }, ['tag']],
  ['tag longer than 128', { tag: 'x'.repeat(129) }, ['tag']],
  ['context outside the workspace', { context: '../elsewhere' }, ['context']],
  ['dockerfile outside the workspace', { dockerfile: '/etc/Dockerfile' }, ['dockerfile']],
  ['build-args without =', { 'build-args': 'JUSTAKEY' }, ['build-args']],
  ['build-args with a space in the key', { 'build-args': 'MY KEY=1' }, ['build-args']],
  ['labels with an empty key', { labels: '=value' }, ['labels']],
  ['labels given twice', { labels: 'a=1\na=2' }, ['labels']],
  ['platforms malformed', { platforms: 'amd64' }, ['platforms']],
  ['create-repository yes', { 'create-repository': 'yes' }, ['create-repository']],
  [
    'repository-tag-mutability lower case',
    { 'repository-tag-mutability': 'immutable' },
    ['repository-tag-mutability']
  ],
  ['repository-scan-on-push 1', { 'repository-scan-on-push': '1' }, ['repository-scan-on-push']],
  ['repository-encryption unknown', { 'repository-encryption': 'DES' }, ['repository-encryption']],
  ['repository-kms-key without KMS', { 'repository-kms-key': 'alias/ecr' }, ['repository-kms-key']],
  [
    'repository-lifecycle-policy broken JSON',
    { 'repository-lifecycle-policy': '{"rules": [' },
    ['repository-lifecycle-policy']
  ],
  [
    'repository-lifecycle-policy without rules',
    { 'repository-lifecycle-policy': '{"x": 1}' },
    ['repository-lifecycle-policy']
  ],
  [
    'repository-lifecycle-policy file missing',
    { 'repository-lifecycle-policy': 'policies/none.json' },
    ['repository-lifecycle-policy']
  ],
  [
    'repository-lifecycle-policy file broken',
    { 'repository-lifecycle-policy': 'policies/broken.json' },
    ['repository-lifecycle-policy']
  ],
  [
    'repository-lifecycle-policy outside',
    { 'repository-lifecycle-policy': '../x.json' },
    ['repository-lifecycle-policy']
  ],
  [
    'repository-lifecycle-policy symlink outside',
    { 'repository-lifecycle-policy': 'policies/link.json' },
    ['repository-lifecycle-policy']
  ],
  ['repository-tags without =', { 'repository-tags': 'team' }, ['repository-tags']],
  ['paths-ignore with only negations', { 'paths-ignore': '!src/**' }, ['paths-ignore']],
  ['paths with a broken bracket', { paths: 'src/[a-' }, ['paths']],
  ['force maybe', { force: 'maybe' }, ['force']],
  ['branch with unknown placeholder', { branch: 'bump-{application}' }, ['branch']],
  ['branch with a space', { branch: 'update {app}' }, ['branch']],
  ['branch with ..', { branch: 'update..{app}' }, ['branch']],
  ['branch ending in .lock', { branch: 'update-{app}.lock' }, ['branch']],
  ['branch using {image} (contains :)', { branch: 'update-{image}' }, ['branch']],
  [
    'commit-message with unknown placeholder',
    { 'commit-message': 'bump {version}' },
    ['commit-message']
  ],
  ['pr-title with unknown placeholder', { 'pr-title': 'Bump {service}' }, ['pr-title']],
  ['pr-body with unknown placeholder', { 'pr-body': 'Body {nope}' }, ['pr-body']],
  ['pr-reviewers with a bad login', { 'pr-reviewers': 'alice, bad login!' }, ['pr-reviewers']],
  [
    'pr-team-reviewers with a bad slug',
    { 'pr-team-reviewers': 'acme/dev ops' },
    ['pr-team-reviewers']
  ],
  ['pr-labels too long', { 'pr-labels': 'l'.repeat(51) }, ['pr-labels']],
  ['pr-draft on', { 'pr-draft': 'on' }, ['pr-draft']],
  ['auto-merge true', { 'auto-merge': 'true' }, ['auto-merge']],
  ['auto-merge fast-forward', { 'auto-merge': 'fast-forward' }, ['auto-merge']],
  ['supersede no', { supersede: 'no' }, ['supersede']],
  ['digest-pin Yes', { 'digest-pin': 'Yes' }, ['digest-pin']],
  ['mode push', { mode: 'push' }, ['mode']],
  ['dry-run 0', { 'dry-run': '0' }, ['dry-run']],
  [
    'several problems at once',
    { app: 'Bad', 'gitops-repository': 'x', mode: 'x', 'auto-merge': 'yes', tag: '{nope}' },
    ['app', 'gitops-repository', 'tag', 'auto-merge', 'mode']
  ]
]

describe('getInputs with bad inputs', () => {
  it('has at least 40 bad input sets', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(40)
  })

  it.each(BAD)('rejects %s, naming exactly the input', (_name, overrides, expected) => {
    expect(problemsFor({ ...VALID, ...overrides }).sort()).toEqual([...expected].sort())
  })

  it('reports every problem in one message, each line naming its input', () => {
    setInputs({ ...VALID, app: 'Bad_App', mode: 'push' })
    expect(() => getInputs(context)).toThrow(/2 inputs are invalid:\n- app: .*\n- mode: /)
  })
})

describe('helpers', () => {
  it.each([
    ['nginx:1.27', { name: 'nginx', tag: '1.27' }],
    ['localhost:5000/app:v1', { name: 'localhost:5000/app', tag: 'v1' }],
    [
      '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-abc1234-1',
      { name: '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010', tag: 'main-abc1234-1' }
    ],
    [
      'r.example/team/app:1@sha256:' + 'a'.repeat(64),
      { name: 'r.example/team/app', tag: '1', digest: 'sha256:' + 'a'.repeat(64) }
    ]
  ])('parses the image reference %s', (reference, expected) => {
    expect(parseImageReference(reference)).toEqual(expected)
  })

  it('splits lists on commas and newlines', () => {
    expect(splitList(' a,b\n\nc , ')).toEqual(['a', 'b', 'c'])
  })
})
