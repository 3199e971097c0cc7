/**
 * The files in examples/ are what a platform team copies: the app repository that Backstage
 * creates and the GitOps repository the action writes to. These tests hold them to the action's
 * contract, so that a copied example works the first time.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { expandTemplate } from '../src/template.js'
import { patchScalar } from '../src/values.js'
import { actionReferences, pinProblem, workflowErrors, workflowFiles } from './support/workflows.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const appDir = join(root, 'examples/app')
const gitopsDir = join(root, 'examples/gitops-apps')
const exampleWorkflow = join(appDir, '.github/workflows/ci.yaml')

const APP = 'myapp-010'
const ENVIRONMENT = 'dev'
const GITOPS_REPOSITORY = 'acme/gitops-apps'
const NEW_IMAGE = '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-abc1234-1'
/**
 * The example shows the action as its documentation does, by the moving major tag. Only the example
 * may: the repository's own workflows run the action from `./`.
 */
const EXAMPLE_SELF_REFERENCE = 'org/gitops-image-bump@v1'

const read = (path: string): string => readFileSync(path, 'utf8')
const readYaml = (path: string): Record<string, unknown> => {
  const value: unknown = parse(read(path))
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${relative(root, path)} is not a YAML mapping`)
  }
  return value as Record<string, unknown>
}
/** The value at a dot path of parsed YAML, throwing with the path when a step is missing. */
const at = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => {
    if (typeof node !== 'object' || node === null || !(key in node)) {
      throw new Error(`no '${key}' on the way to '${path}'`)
    }
    return (node as Record<string, unknown>)[key]
  }, value)

interface ArgoSource {
  repoURL: string
  path?: string
  ref?: string
  helm?: { valueFiles?: string[] }
}

const applicationFile = join(gitopsDir, `argocd/applications/${ENVIRONMENT}/${APP}.yaml`)
const application = readYaml(applicationFile)
const applicationSources = at(application, 'spec.sources') as ArgoSource[]
const appOfApps = readYaml(join(gitopsDir, `argocd/app-of-apps/${ENVIRONMENT}.yaml`))
const project = readYaml(join(gitopsDir, `argocd/projects/${ENVIRONMENT}.yaml`))
const valuesFile = join(gitopsDir, `values/${ENVIRONMENT}/${APP}/values.yaml`)
const values = readYaml(valuesFile)
const actionYml = readYaml(join(root, 'action.yml'))
const actionInputs = at(actionYml, 'inputs') as Record<string, { required?: boolean }>

/** `owner/name` of a GitHub repository URL. */
const repositoryOf = (url: string): string =>
  url.replace(/^https:\/\/github\.com\//, '').replace(/\.git$/, '')

describe('the example GitOps repository', () => {
  it('points the Application at the values file the action patches by default', () => {
    const defaultValuesFile = at(actionYml, 'inputs.values-file.default') as string
    const expected = expandTemplate(defaultValuesFile, { app: APP, environment: ENVIRONMENT })
    const valueFiles = applicationSources.flatMap((source) => source.helm?.valueFiles ?? [])

    expect(expected).toBe(`values/${ENVIRONMENT}/${APP}/values.yaml`)
    expect(valueFiles.map((file) => file.replace(/^\$values\//, ''))).toEqual([expected])
    expect(relative(gitopsDir, valuesFile)).toBe(expected)
  })

  it('resolves $values to the GitOps repository the example workflow names', () => {
    const valuesSource = applicationSources.find((source) => source.ref === 'values')
    const chartSource = applicationSources.find((source) => source.helm !== undefined)

    expect(valuesSource).toBeDefined()
    expect(repositoryOf(valuesSource?.repoURL ?? '')).toBe(GITOPS_REPOSITORY)
    expect(chartSource?.path).toBe('charts/microservice')
  })

  it('has the App-of-Apps watch the folder the Application lives in', () => {
    expect(at(appOfApps, 'kind')).toBe('Application')
    expect(repositoryOf(at(appOfApps, 'spec.source.repoURL') as string)).toBe(GITOPS_REPOSITORY)
    expect(at(appOfApps, 'spec.source.path')).toBe(relative(gitopsDir, dirname(applicationFile)))
  })

  it('syncs automatically with prune and self-heal and creates the namespace', () => {
    expect(at(application, 'spec.syncPolicy.automated')).toEqual({ prune: true, selfHeal: true })
    expect(at(application, 'spec.syncPolicy.syncOptions')).toContain('CreateNamespace=true')
  })

  it('lets the project accept every source and the destination of the Application', () => {
    const sourceRepos = at(project, 'spec.sourceRepos') as string[]
    const destinations = at(project, 'spec.destinations') as { server: string; namespace: string }[]
    const destination = at(application, 'spec.destination') as { server: string; namespace: string }
    const globToRegExp = (glob: string): RegExp =>
      new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)

    expect(at(project, 'metadata.name')).toBe(at(application, 'spec.project'))
    for (const source of applicationSources) expect(sourceRepos).toContain(source.repoURL)
    expect(
      destinations.some(
        (allowed) =>
          allowed.server === destination.server &&
          globToRegExp(allowed.namespace).test(destination.namespace)
      )
    ).toBe(true)
    expect(at(values, 'microservice.namespace')).toBe(destination.namespace)
  })
})

describe('the example values file', () => {
  const original = read(valuesFile)

  it('changes by exactly one line, comments kept, when the action bumps the image', () => {
    const before = at(values, 'microservice.image') as string
    const patched = patchScalar(original, 'microservice.image', NEW_IMAGE)
    const beforeLines = original.split('\n')
    const afterLines = patched.text.split('\n')
    const changedLines = beforeLines
      .map((line, index) => index)
      .filter((index) => beforeLines[index] !== afterLines[index])

    expect(patched.changed).toBe(true)
    expect(patched.previous).toBe(before)
    expect(afterLines).toHaveLength(beforeLines.length)
    expect(changedLines).toHaveLength(1)
    const [index] = changedLines
    expect(patched.line).toBe(index + 1)
    expect(afterLines[index]).toBe(beforeLines[index].replace(before, NEW_IMAGE))
    expect(afterLines[index]).toMatch(/# set by CI$/)
    expect(at(parse(patched.text), 'microservice.image')).toBe(NEW_IMAGE)
  })

  it('is left alone when it already holds the image', () => {
    const once = patchScalar(original, 'microservice.image', NEW_IMAGE).text
    const twice = patchScalar(once, 'microservice.image', NEW_IMAGE)

    expect(twice.changed).toBe(false)
    expect(twice.text).toBe(once)
  })

  it('holds a full ECR image reference of the app, not a split repository and tag', () => {
    expect(at(values, 'microservice.image')).toMatch(
      new RegExp(`^\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/${APP}:[A-Za-z0-9_.-]+$`)
    )
    expect(at(values, 'microservice.name')).toBe(APP)
  })
})

describe('the example app', () => {
  const dockerfile = read(join(appDir, 'Dockerfile'))
  /** Dockerfile instructions, continuation lines joined and comments dropped. */
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  const finalStage = instructions.slice(
    instructions.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true)
  )
  const argsOf = (keyword: string): string[] =>
    finalStage
      .filter((line) => line.toUpperCase().startsWith(`${keyword} `))
      .map((line) => line.slice(keyword.length).trim())

  it('runs as user 1001, the runAsUser of the values file', () => {
    const users = argsOf('USER')

    expect(users.at(-1)).toMatch(/^1001(:1001)?$/)
    expect(at(values, 'microservice.securityContext.runAsUser')).toBe(1001)
    expect(at(values, 'microservice.securityContext.runAsNonRoot')).toBe(true)
  })

  it('exposes and serves port 8000, the port the probes use', () => {
    expect(argsOf('EXPOSE')).toEqual(['8000'])
    expect(argsOf('CMD').join(' ')).toContain('"0.0.0.0:8000"')
    expect(at(values, 'microservice.port')).toBe(8000)
    for (const probe of ['livenessProbe', 'readinessProbe']) {
      expect(at(values, `microservice.${probe}.httpGet`)).toEqual({ path: '/health', port: 8000 })
    }
  })

  it('checks its health with the standard-library probe of /health', () => {
    expect(argsOf('HEALTHCHECK').join(' ')).toMatch(/CMD \["python", "\/app\/healthcheck\.py"\]/)
    expect(read(join(appDir, 'healthcheck.py'))).toMatch(/\/health/)
  })

  it('builds on a BASE_IMAGE argument and puts the venv first on PATH', () => {
    expect(instructions[0]).toMatch(/^ARG BASE_IMAGE=python:3\.12-slim$/)
    expect(argsOf('FROM')).toEqual(['${BASE_IMAGE}'])
    expect(argsOf('ENV').join(' ')).toMatch(/PATH=\/opt\/venv\/bin:\$PATH/)
  })

  it('serves / and /health from app.py on 0.0.0.0:8000 by default', () => {
    const app = read(join(appDir, 'app.py'))

    expect(app).toMatch(/@app\.get\("\/"\)/)
    expect(app).toMatch(/@app\.get\("\/health"\)/)
    expect(app).toMatch(/"HOST", "0\.0\.0\.0"/)
    expect(app).toMatch(/"PORT", "8000"/)
  })

  it('pins every Python requirement to an exact version', () => {
    const requirements = read(join(appDir, 'requirements.txt'))
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))

    expect(requirements.map((line) => line.split('==')[0].toLowerCase()).sort()).toEqual([
      'flask',
      'gunicorn'
    ])
    for (const line of requirements) expect(line).toMatch(/^[A-Za-z0-9_.-]+==\d+(\.\d+)+$/)
  })

  it('keeps git metadata and local secrets out of the build context', () => {
    const ignored = read(join(appDir, '.dockerignore')).split('\n')

    expect(ignored).toEqual(expect.arrayContaining(['.git', '.env', '.env.*']))
  })
})

describe('the workflows', () => {
  const repositoryWorkflows = workflowFiles(join(root, '.github/workflows'))
  const checked = [exampleWorkflow, ...repositoryWorkflows].map((path) => relative(root, path))

  it('include the repository’s own CI workflows', () => {
    expect(repositoryWorkflows.length).toBeGreaterThan(0)
  })

  it.each(checked)("%s passes GitHub's workflow parser", async (path) => {
    expect(await workflowErrors(path, read(join(root, path)))).toEqual([])
  })

  it.each(checked)('%s pins every action it uses to a commit SHA', (path) => {
    const allowed = path === relative(root, exampleWorkflow) ? [EXAMPLE_SELF_REFERENCE] : []
    const problems = actionReferences(read(join(root, path)))
      .map((reference) => ({ line: reference.line, problem: pinProblem(reference, allowed) }))
      .filter(({ problem }) => problem !== undefined)

    expect(problems).toEqual([])
  })

  it('give the action, in the example, only inputs it declares and every one it requires', () => {
    const workflow = readYaml(exampleWorkflow)
    const steps = at(workflow, 'jobs.image.steps') as { uses?: string; with?: object }[]
    const step = steps.find((candidate) => candidate.uses === EXAMPLE_SELF_REFERENCE)
    const given = Object.keys(step?.with ?? {})
    const required = Object.entries(actionInputs)
      .filter(([, input]) => input.required === true)
      .map(([name]) => name)

    expect(given.filter((name) => !(name in actionInputs))).toEqual([])
    expect(required.filter((name) => !given.includes(name))).toEqual([])
    expect(step?.with).toMatchObject({
      app: APP,
      environment: ENVIRONMENT,
      'gitops-repository': GITOPS_REPOSITORY,
      'gitops-token': '${{ secrets.GITOPS_TOKEN }}',
      'aws-region': 'us-east-1'
    })
  })

  it('grant the example job only an OIDC token and read access to the code', () => {
    expect(at(readYaml(exampleWorkflow), 'permissions')).toEqual({
      'id-token': 'write',
      contents: 'read'
    })
  })
})

describe('the workflow checks themselves', () => {
  const valid = [
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo ok'
  ].join('\n')

  it('accept a valid workflow', async () => {
    expect(await workflowErrors('valid.yml', valid)).toEqual([])
  })

  it.each([
    ['an unknown job key', valid.replace('steps:', 'stepz:'), /Unexpected value 'stepz'/],
    ['a broken expression', valid.replace('echo ok', 'echo ${{ foo( }}'), /expression/i],
    ['a secret in runs-on', valid.replace('ubuntu-latest', '${{ secrets.X }}'), /secrets/],
    ['a needs on a missing job', valid.replace('  build:', '  build:\n    needs: nope'), /job/],
    ['invalid YAML', 'on: push\njobs:\n  build: [\n', /Flow sequence/],
    ['an invalid permission level', `permissions:\n  id-token: writ\n${valid}`, /writ/]
  ])('report %s', async (_case, content, message) => {
    const errors = await workflowErrors('broken.yml', content)

    expect(errors.length).toBeGreaterThan(0)
    expect(errors.join('\n')).toMatch(message)
  })

  const sha = '1af3b93b6815bc44a9784bd300feb67ff0d1eeb3'
  it.each([
    ['a tag', { uses: 'actions/checkout@v6', comment: undefined }, /40-character commit SHA/],
    ['a short SHA', { uses: 'actions/checkout@1af3b93', comment: 'v6.0.0' }, /commit SHA/],
    ['a branch', { uses: 'owner/repo/.github/workflows/x.yml@main', comment: 'v1.0.0' }, /SHA/],
    ['no version comment', { uses: `actions/checkout@${sha}`, comment: undefined }, /vX\.Y\.Z/],
    ['a vague comment', { uses: `actions/checkout@${sha}`, comment: 'latest' }, /vX\.Y\.Z/],
    ['a Docker tag', { uses: 'docker://alpine:3.20', comment: 'v3.20.0' }, /image digest/],
    [
      'the example self-reference elsewhere',
      { uses: EXAMPLE_SELF_REFERENCE, comment: undefined },
      /SHA/
    ]
  ])('flag an action pinned by %s', (_case, reference, message) => {
    expect(pinProblem(reference)).toMatch(message)
  })

  it.each([
    ['a full SHA with its version', { uses: `actions/checkout@${sha}`, comment: 'v6.0.0' }],
    ['a local action', { uses: './', comment: undefined }],
    ['a Docker digest', { uses: `docker://alpine@sha256:${'a'.repeat(64)}`, comment: 'v3.20.0' }]
  ])('accept %s', (_case, reference) => {
    expect(pinProblem(reference)).toBeUndefined()
  })

  it('find every uses: with its line and version comment', () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  reuse:',
      `    uses: acme/shared/.github/workflows/build.yml@${sha} # v1.2.3`,
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - uses: actions/checkout@${sha}   #   v6.0.0  `,
      `      - run: 'echo "uses: not/this@v1"'`,
      '      - name: local',
      '        uses: ./'
    ].join('\n')

    expect(actionReferences(workflow)).toEqual([
      { uses: `acme/shared/.github/workflows/build.yml@${sha}`, line: 4, comment: 'v1.2.3' },
      { uses: `actions/checkout@${sha}`, line: 8, comment: 'v6.0.0' },
      { uses: './', line: 11, comment: undefined }
    ])
  })
})
