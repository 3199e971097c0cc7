import { describe, expect, it } from '@jest/globals'
import {
  branchNameProblem,
  expandTemplate,
  isValidDockerTag,
  placeholdersIn,
  sanitizeRefName,
  unknownPlaceholders
} from '../src/template.js'

describe('templates', () => {
  it('expands every known placeholder and leaves text alone', () => {
    expect(
      expandTemplate('chore({environment}): bump {app} to {tag}', {
        environment: 'dev',
        app: 'myapp-010',
        tag: 'main-abc1234-1'
      })
    ).toBe('chore(dev): bump myapp-010 to main-abc1234-1')
  })

  it('keeps a placeholder whose value is not known yet', () => {
    expect(expandTemplate('{app}:{image}', { app: 'a' })).toBe('a:{image}')
  })

  it('does not expand placeholders inside expanded values', () => {
    expect(expandTemplate('{app}', { app: '{tag}', tag: 'x' })).toBe('{tag}')
  })

  it('lists placeholders and names the unknown ones once', () => {
    expect(placeholdersIn('{a}-{b}-{a}')).toEqual(['a', 'b', 'a'])
    expect(unknownPlaceholders('{app}-{nope}-{nope}-{}', ['app'])).toEqual(['nope', ''])
  })
})

describe('sanitizeRefName', () => {
  it.each([
    ['main', 'main'],
    ['feature/x', 'feature-x'],
    ['12/merge', '12-merge'],
    ['release/1.2..3', 'release-1.2.3'],
    ['-lead', 'lead'],
    ['dots...', 'dots'],
    ['Ünïcode/ß', 'n-code'],
    ['////', 'ref'],
    ['a'.repeat(100), 'a'.repeat(64)]
  ])('turns %s into %s, a valid tag and branch part', (input, expected) => {
    const sanitized = sanitizeRefName(input)
    expect(sanitized).toBe(expected)
    expect(isValidDockerTag(`${sanitized}-abc1234-1`)).toBe(true)
    expect(branchNameProblem(`update-${sanitized}`)).toBeUndefined()
  })
})

describe('names', () => {
  it.each([
    ['main-abc1234-1', true],
    ['_x', true],
    ['.x', false],
    ['-x', false],
    ['a:b', false],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['', false]
  ])('Docker tag %s valid: %s', (tag, valid) => {
    expect(isValidDockerTag(tag)).toBe(valid)
  })

  it.each([
    ['update-myapp-010-abc1234', undefined],
    ['feature/x', undefined],
    ['a..b', "contains '..'"],
    ['a b', 'contains a space'],
    ['x.lock', "ending with '.lock'"],
    ['/x', "starts or ends with '/'"],
    ['x/.hidden', "starting with '.'"],
    ['a@{b', "contains '@{'"],
    ['-x', "starts with '-'"],
    ['a:b', 'contains a space, a control character or one of']
  ])('branch name %s', (name, problem) => {
    expect(branchNameProblem(name) ?? 'valid').toContain(problem ?? 'valid')
  })
})
