/**
 * The demo's pure parts: the one-line-diff check that decides its exit code, how the action's log
 * is shown, and the command line.
 */
import { describe, expect, it } from '@jest/globals'
import { parseArguments } from '../sandbox/demo.js'
import {
  checkBump,
  indent,
  lineSplitter,
  renderActionLine,
  table,
  type BumpFacts
} from '../sandbox/demo/report.js'

const FILE = 'values/dev/myapp-010/values.yaml'
const BEFORE =
  'microservice:\n  name: myapp-010\n  image: r/myapp-010:main-0000000-0\n  port: 8000\n'
const ONE_LINE = BEFORE.replace('main-0000000-0', 'main-abc1234-1')
const pull = { number: 1, state: 'open', head: 'update-myapp-010-abc1234' }
const good: BumpFacts = {
  exitCode: 0,
  valuesFile: FILE,
  pull,
  before: BEFORE,
  after: ONE_LINE,
  changedFiles: [FILE]
}

describe('checkBump', () => {
  it('accepts an open pull request that changes one line of the values file and nothing else', () => {
    expect(checkBump(good)).toEqual([])
  })

  it.each<[string, Partial<BumpFacts>, RegExp]>([
    ['the action failed', { exitCode: 1 }, /exited with 1/],
    ['the action was killed', { exitCode: null }, /exited with a signal/],
    ['no pull request', { pull: undefined }, /no pull request/],
    ['a closed pull request', { pull: { ...pull, state: 'closed' } }, /is closed, not open/],
    ['two changed lines', { after: ONE_LINE.replace('8000', '8080') }, /2 removed and 2 added/],
    ['an added line', { after: `${ONE_LINE}  replicas: 2\n` }, /1 removed and 2 added/],
    ['no change at all', { after: BEFORE }, /0 removed and 0 added/],
    [
      'another file on the branch',
      { changedFiles: [FILE, 'argocd/applications/dev/myapp-010.yaml'] },
      /also changes argocd\/applications\/dev\/myapp-010\.yaml/
    ],
    ['the values file gone from the branch', { after: undefined }, /missing/]
  ])('reports %s', (_case, change, problem) => {
    const problems = checkBump({ ...good, ...change })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(problem)
  })

  it('reports every problem at once', () => {
    expect(checkBump({ ...good, exitCode: 1, changedFiles: [FILE, 'README.md'] })).toHaveLength(2)
  })
})

describe('renderActionLine', () => {
  it.each<[string, string | undefined]>([
    ['plain log line', '  | plain log line'],
    ['::group::Image', '  > Image'],
    ['::endgroup::', undefined],
    ['::add-mask::s3cr3t-value', undefined],
    ['::debug::internal detail', undefined],
    ['::warning::Cleanup failed', '  | warning: Cleanup failed'],
    ['::error title=x::line one%0Aline two%25', '  | error: line one\n    line two%'],
    ['::notice file=a::note', '  | notice: note']
  ])('shows %j as %j', (line, shown) => {
    expect(renderActionLine(line)).toBe(shown)
  })
})

describe('lineSplitter', () => {
  it('hands over whole lines across chunk borders and the unterminated rest on flush', () => {
    const lines: string[] = []
    const splitter = lineSplitter((line) => lines.push(line))
    splitter.push('one\r\ntw')
    splitter.push('o\nthr')
    expect(lines).toEqual(['one', 'two'])
    splitter.flush()
    expect(lines).toEqual(['one', 'two', 'thr'])
  })
})

describe('layout', () => {
  it('indents every line and keeps blank lines free of trailing spaces', () => {
    expect(indent('a\n\nb\n', '  ')).toBe('  a\n\n  b')
  })

  it('aligns the values of a table and names empty ones', () => {
    expect(
      table([
        ['image', 'r/a:1'],
        ['skip-reason', '']
      ])
    ).toBe('  image        r/a:1\n  skip-reason  (empty)')
  })
})

describe('parseArguments', () => {
  it.each<[string[], ReturnType<typeof parseArguments>]>([
    [[], 'auto'],
    [['--build'], 'build'],
    [['--promote'], 'promote'],
    [['--help'], undefined],
    [['--build', '--promote'], undefined]
  ])('reads %j as %j', (args, mode) => {
    expect(parseArguments(args)).toBe(mode)
  })
})
