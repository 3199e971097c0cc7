import { describe, it, expect } from '@jest/globals'
import { DO_NOT_RETRY, createGitHubClient, tokenKindOf } from '../src/octokit.js'

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
  it('leaves 409 to the caller and 429 to the throttling plugin, as GitHub needs', () => {
    expect(DO_NOT_RETRY).toEqual(expect.arrayContaining([409, 429, 422, 404, 403, 401]))
    expect(DO_NOT_RETRY).not.toContain(500)
    expect(DO_NOT_RETRY).not.toContain(502)
    expect(DO_NOT_RETRY).not.toContain(503)
  })

  it('sends requests to the given API root, without a trailing slash', () => {
    const client = createGitHubClient({
      token: 'ghs_x',
      baseUrl: 'https://ghe.example.com/api/v3/'
    })
    expect(client.request.endpoint.DEFAULTS.baseUrl).toBe('https://ghe.example.com/api/v3')
  })

  it('builds an unauthenticated client for a dry run without a token', () => {
    const client = createGitHubClient({ token: '', baseUrl: 'https://api.github.com' })
    expect(client.request.endpoint.DEFAULTS.headers).not.toHaveProperty('authorization')
  })
})
