import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { SimRepoSeed, SimTokenSeed } from './types.js'

/**
 * Repositories and tokens read from a seed directory:
 *
 * ```
 * <dir>/<owner>/<name>/**   the files of each repository's initial commit (UTF-8 text)
 * <dir>/simulator.json      optional: { "repos": { "owner/name": { defaultBranch, private,
 *                           allowAutoMerge, cleanStatus, collaborators } }, "tokens": [SimTokenSeed] }
 * ```
 */
export interface SeedDirectory {
  repos: SimRepoSeed[]
  tokens: SimTokenSeed[]
}

type RepoSettings = Omit<SimRepoSeed, 'owner' | 'name' | 'files'>

interface SeedConfig {
  repos?: Record<string, RepoSettings>
  tokens?: SimTokenSeed[]
}

const CONFIG_FILE = 'simulator.json'

function listFiles(root: string, dir: string, out: Record<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) listFiles(root, full, out)
    else if (entry.isFile())
      out[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8')
  }
}

function readConfig(dir: string): SeedConfig {
  const file = join(dir, CONFIG_FILE)
  if (!existsSync(file)) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} must hold an object with "repos" and/or "tokens"`)
  }
  const config = parsed as SeedConfig
  if (config.tokens !== undefined && !Array.isArray(config.tokens)) {
    throw new Error(`${file}: "tokens" must be a list of {token, login, kind}`)
  }
  for (const token of config.tokens ?? []) {
    if (typeof token.token !== 'string' || typeof token.login !== 'string') {
      throw new Error(`${file}: every token needs a "token" and a "login"`)
    }
    if (!['app', 'actions', 'pat'].includes(token.kind)) {
      throw new Error(
        `${file}: token of ${token.login} has kind "${String(token.kind)}"; use app, actions or pat`
      )
    }
  }
  return config
}

export function loadSeedDirectory(dir: string): SeedDirectory {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`seed directory ${dir} does not exist`)
  }
  const config = readConfig(dir)
  const repos: SimRepoSeed[] = []
  for (const owner of readdirSync(dir, { withFileTypes: true })) {
    if (!owner.isDirectory() || owner.name.startsWith('.')) continue
    for (const name of readdirSync(join(dir, owner.name), { withFileTypes: true })) {
      if (!name.isDirectory()) continue
      const files: Record<string, string> = {}
      listFiles(join(dir, owner.name, name.name), join(dir, owner.name, name.name), files)
      const settings = config.repos?.[`${owner.name}/${name.name}`] ?? {}
      repos.push({ ...settings, owner: owner.name, name: name.name, files })
    }
  }
  for (const fullName of Object.keys(config.repos ?? {})) {
    if (!repos.some((r) => `${r.owner}/${r.name}` === fullName)) {
      throw new Error(
        `${join(dir, CONFIG_FILE)} configures ${fullName}, but ${join(dir, fullName)} does not exist`
      )
    }
  }
  if (repos.length === 0) {
    throw new Error(`seed directory ${dir} holds no <owner>/<name> repository directories`)
  }
  return { repos, tokens: config.tokens ?? [] }
}
