import { describe, it, expect, afterAll } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { loadSeedDirectory } from '../sandbox/github/seed.js'
import { startGitHubSimulator } from '../sandbox/github/index.js'

const root = mkdtempSync(join(tmpdir(), 'github-sim-seed-'))

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

function seedDir(name: string, files: Record<string, string>): string {
  const dir = join(root, name)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

describe('seed directories for the simulator CLI and the demo', () => {
  it('reads <owner>/<name> trees, repository settings and tokens, skipping .git', async () => {
    const dir = seedDir('good', {
      'acme/gitops/values/dev/app/values.yaml': 'microservice:\n  image: a:1\n',
      'acme/gitops/README.md': '# GitOps\n',
      'acme/gitops/.git/HEAD': 'ref: refs/heads/main\n',
      'acme/app/src/index.ts': 'export {}\n',
      'simulator.json': JSON.stringify({
        repos: { 'acme/gitops': { private: true, allowAutoMerge: true, defaultBranch: 'trunk' } },
        tokens: [{ token: 'ghs_demo', login: 'demo[bot]', kind: 'app' }]
      })
    })
    const seed = loadSeedDirectory(dir)
    const gitops = seed.repos.find((r) => r.name === 'gitops')
    expect(gitops).toEqual({
      owner: 'acme',
      name: 'gitops',
      private: true,
      allowAutoMerge: true,
      defaultBranch: 'trunk',
      files: {
        'values/dev/app/values.yaml': 'microservice:\n  image: a:1\n',
        'README.md': '# GitOps\n'
      }
    })
    expect(seed.repos.map((r) => r.name).sort()).toEqual(['app', 'gitops'])
    expect(seed.tokens).toEqual([{ token: 'ghs_demo', login: 'demo[bot]', kind: 'app' }])

    const sim = await startGitHubSimulator(seed)
    try {
      expect(sim.fileAt('acme/gitops', 'trunk', 'README.md')).toBe('# GitOps\n')
      const response = await fetch(`${sim.url}/repos/acme/gitops`, {
        headers: { authorization: 'token ghs_demo' }
      })
      expect(await response.json()).toMatchObject({
        default_branch: 'trunk',
        allow_auto_merge: true
      })
    } finally {
      await sim.stop()
    }
  })

  it.each([
    [
      'a token of an unknown kind',
      {
        'acme/x/a': 'a',
        'simulator.json': '{"tokens":[{"token":"t","login":"l","kind":"oauth"}]}'
      },
      /kind "oauth"; use app, actions or pat/
    ],
    [
      'settings for a repository that has no directory',
      { 'acme/x/a': 'a', 'simulator.json': '{"repos":{"acme/y":{}}}' },
      /configures acme\/y, but .* does not exist/
    ],
    [
      'broken JSON',
      { 'acme/x/a': 'a', 'simulator.json': '{' },
      /simulator\.json is not valid JSON/
    ],
    [
      'no repository at all',
      { 'simulator.json': '{}' },
      /holds no <owner>\/<name> repository directories/
    ]
  ])('explains %s', (name, files, message) => {
    expect(() => loadSeedDirectory(seedDir(name.replace(/\W+/g, '-'), files))).toThrow(message)
  })

  it('explains a missing seed directory', () => {
    expect(() => loadSeedDirectory(join(root, 'absent'))).toThrow(
      /seed directory .*absent does not exist/
    )
  })
})
