import { describe, it, expect } from '@jest/globals'
import { createGitHubClient, tokenKindOf } from '../src/octokit.js'

describe('tokenKindOf', () => {
  it.each([
    ['ghp_' + 'a'.repeat(36), 'pat'],
    ['github_pat_' + 'b'.repeat(70), 'pat'],
    ['ghs_' + 'c'.repeat(36), 'app'],
    ['gho_' + 'd'.repeat(36), 'unknown'],
    ['', 'unknown']
  ])('classifies a token starting %s as %s', (token, kind) => {
    expect(tokenKindOf(token)).toBe(kind)
  })
})

describe('createGitHubClient', () => {
  it('sends requests to the given API root, without a trailing slash', () => {
    const client = createGitHubClient({
      token: 'ghs_x',
      baseUrl: 'https://ghe.example.com/api/v3/'
    })
    expect(client.request.endpoint.DEFAULTS.baseUrl).toBe('https://ghe.example.com/api/v3')
  })
})
