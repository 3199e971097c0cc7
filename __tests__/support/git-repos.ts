/**
 * Real git repositories in a temporary directory, for tests of code that reads local history.
 * Commits are deterministic (fixed author, committer and dates) and no user or system git
 * configuration leaks in.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const gitEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.test',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.test',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_TERMINAL_PROMPT: '0'
}

export interface GitRepo {
  readonly dir: string
  /** Runs git in the repository and returns its trimmed stdout; throws when git fails. */
  git(...args: string[]): string
  /** Writes (text) or deletes (null) files, commits them all, and returns the commit sha. */
  commit(files: Record<string, string | null>, message?: string): string
}

/** A scratch directory holding any number of repositories; `remove()` deletes it all. */
export interface GitSandbox {
  readonly root: string
  /** `git init` a new repository on branch `main`. */
  init(name: string): GitRepo
  /** `git clone <extra args> file://<source> <name>`. */
  clone(source: GitRepo, name: string, ...args: string[]): GitRepo
  /** An empty directory that is not a repository. */
  emptyDir(name: string): string
  remove(): void
}

export function createGitSandbox(): GitSandbox {
  const root = mkdtempSync(path.join(os.tmpdir(), 'changes-git-'))
  let tick = 0
  const open = (dir: string): GitRepo => {
    const git = (...args: string[]): string =>
      execFileSync('git', args, { cwd: dir, env: gitEnv, encoding: 'utf8' }).trim()
    return {
      dir,
      git,
      commit(files, message = 'change') {
        for (const [file, content] of Object.entries(files)) {
          const target = path.join(dir, file)
          if (content === null) {
            git('rm', '-q', '--', file)
          } else {
            mkdirSync(path.dirname(target), { recursive: true })
            writeFileSync(target, content)
            git('add', '--', file)
          }
        }
        tick += 1
        const date = `2026-01-01T00:00:${String(tick % 60).padStart(2, '0')}Z`
        execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
          cwd: dir,
          env: { ...gitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
        })
        return git('rev-parse', 'HEAD')
      }
    }
  }
  return {
    root,
    init(name) {
      const dir = path.join(root, name)
      mkdirSync(dir)
      execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnv })
      return open(dir)
    },
    clone(source, name, ...args) {
      const dir = path.join(root, name)
      execFileSync('git', ['clone', '-q', ...args, `file://${source.dir}`, dir], { env: gitEnv })
      return open(dir)
    },
    emptyDir(name) {
      const dir = path.join(root, name)
      mkdirSync(dir)
      return dir
    },
    remove() {
      rmSync(root, { recursive: true, force: true })
    }
  }
}
