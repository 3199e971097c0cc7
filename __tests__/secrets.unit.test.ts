import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { filesUnder, findLeaks } from './support/secrets.js'

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

  it('ignores the ::add-mask:: command the runner consumes', () => {
    expect(findLeaks({ stdout: `::add-mask::${secret}\nall good\n` }, [secret])).toEqual([])
  })
})
