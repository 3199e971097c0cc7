import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { decodedContents, filesUnder, findLeaks, requestTexts } from './support/secrets.js'

describe('the secret scan', () => {
  const secret = 'ghs_plantedSecret123456'

  it('catches a planted leak in output, and in a file left behind', () => {
    expect(findLeaks({ stdout: `token is ${secret}\n` }, [secret])).toEqual([
      { secret: 'ghs…(23 chars)', where: 'stdout' }
    ])
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gib-leak-'))
    mkdirSync(path.join(dir, 'docker-config'))
    writeFileSync(path.join(dir, 'docker-config/config.json'), `{"auth":"${secret}"}`)
    expect(findLeaks(filesUnder(dir), [secret]).map((leak) => path.basename(leak.where))).toEqual([
      'config.json'
    ])
  })

  it('catches a planted leak that is only in the base64 file contents of a request body', () => {
    const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
    const values = `image:\n  tag: main-abc1234-7\n  # ${secret}\n`
    // The contents API PUT (as src/gitops.ts sends it) and a GraphQL createCommitOnBranch.
    const put = { message: 'Bump', content: base64(values), sha: 'f'.repeat(40), branch: 'b' }
    const graphql = {
      query: 'mutation($input: CreateCommitOnBranchInput!) { … }',
      variables: {
        input: { fileChanges: { additions: [{ path: 'v.yaml', contents: base64(values) }] } }
      }
    }
    for (const body of [put, graphql]) {
      expect(findLeaks({ body: JSON.stringify(body) }, [secret])).toEqual([])
      expect(findLeaks({ body: decodedContents(body) }, [secret])).toEqual([
        { secret: 'ghs…(23 chars)', where: 'body' }
      ])
    }
    expect(decodedContents({ message: `no file here ${secret}` })).toBe('')
  })

  it('reads every request sent to GitHub: its query string, its body and its file contents', () => {
    const base64 = Buffer.from(`# ${secret}\n`, 'utf8').toString('base64')
    const request = (query: string, body?: unknown) => ({
      method: 'GET',
      path: '/repos/acme/gitops-apps/contents/values.yaml',
      query,
      status: 200,
      token: secret,
      body
    })
    for (const planted of [
      request(`?ref=${secret}`),
      request('', { message: secret }),
      request('', { content: base64 })
    ]) {
      const text = requestTexts([request('?ref=main'), planted])
      expect(findLeaks({ requests: text }, [secret])).toHaveLength(1)
    }
    // The token a request carried is where a token belongs: not scanned.
    expect(findLeaks({ requests: requestTexts([request('?ref=main')]) }, [secret])).toEqual([])
  })

  it('ignores the ::add-mask:: command the runner consumes', () => {
    expect(findLeaks({ stdout: `::add-mask::${secret}\nall good\n` }, [secret])).toEqual([])
  })
})
