import { describe, it, expect } from '@jest/globals'
import {
  compareRuns,
  formatMarker,
  markerFor,
  parseMarker,
  renderPrBody,
  sameBody,
  type BumpMarker,
  type PrBodyInput
} from '../src/pr-body.js'

const SHA = 'abc1234def5678abc1234def5678abc1234def56'

function input(overrides: Partial<PrBodyInput> = {}): PrBodyInput {
  return {
    app: 'myapp-010',
    environment: 'dev',
    valuesFile: 'values/dev/myapp-010/values.yaml',
    imageKey: 'microservice.image',
    base: 'main',
    previousImage: '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-0000000-1',
    image: '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-abc1234-7',
    digest: 'sha256:' + 'f'.repeat(64),
    source: {
      repository: 'acme/myapp-010',
      sha: SHA,
      runNumber: 7,
      runAttempt: 1,
      runId: '987654321',
      serverUrl: 'https://github.com'
    },
    ...overrides
  }
}

const marker: BumpMarker = {
  valuesFile: 'values/dev/a/values.yaml',
  base: 'main',
  app: 'a',
  environment: 'dev',
  repository: 'acme/a',
  sha: SHA,
  runNumber: 12,
  runAttempt: 2,
  image: 'registry/a:main-abc1234-12'
}

describe('renderPrBody', () => {
  it('shows the app, environment, values file, old and new image, digest and source links', () => {
    const body = renderPrBody(input())
    expect(body).toContain('**myapp-010** in **dev**')
    expect(body).toContain('`values/dev/myapp-010/values.yaml` (`microservice.image`)')
    expect(body).toContain(
      '| Old image | `226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-0000000-1` |'
    )
    expect(body).toContain(
      '| New image | `226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-abc1234-7` |'
    )
    expect(body).toContain(`| Digest | \`sha256:${'f'.repeat(64)}\` |`)
    expect(body).toContain(`[abc1234](https://github.com/acme/myapp-010/commit/${SHA})`)
    expect(body).toContain('[#7](https://github.com/acme/myapp-010/actions/runs/987654321)')
  })

  it('ends with a hidden marker that parses back to the run', () => {
    const body = renderPrBody(input())
    expect(body.trimEnd().endsWith('-->')).toBe(true)
    expect(parseMarker(body)).toEqual(markerFor(input()))
  })

  it('says the key was not set when there was no previous image', () => {
    expect(renderPrBody(input({ previousImage: null }))).toContain('| Old image | _not set_ |')
  })

  it('leaves the digest row out when no digest is known', () => {
    expect(renderPrBody(input({ digest: undefined }))).not.toContain('Digest')
  })

  it('uses the GHES server for links', () => {
    const body = renderPrBody(
      input({ source: { ...input().source, serverUrl: 'https://ghe.example.com/' } })
    )
    expect(body).toContain('https://ghe.example.com/acme/myapp-010/commit/')
  })

  it('keeps the marker under a user-supplied body', () => {
    const body = renderPrBody(input({ override: 'Please deploy.\n' }))
    expect(body.startsWith('Please deploy.\n\n<!-- gitops-image-bump:v1 ')).toBe(true)
    expect(parseMarker(body)?.runNumber).toBe(7)
  })

  it('cannot be broken out of a code span or table cell by the image text', () => {
    const body = renderPrBody(input({ image: 'reg/a:`x`|y' }))
    expect(body).toContain('| New image | ``reg/a:`x`\\|y`` |')
  })
})

describe('formatMarker and parseMarker', () => {
  it('round-trips every field', () => {
    expect(parseMarker(`text\n\n${formatMarker(marker)}\n`)).toEqual(marker)
  })

  it('escapes values so they cannot close the HTML comment', () => {
    const tricky = { ...marker, image: 'x --> <b>&' }
    const text = formatMarker(tricky)
    expect(text.indexOf('-->')).toBe(text.length - 3)
    expect(text).not.toContain('<b>')
    expect(parseMarker(text)).toEqual(tricky)
  })

  it.each([
    ['no body', null],
    ['a body without a marker', 'Bump things'],
    ['broken JSON', '<!-- gitops-image-bump:v1 {"valuesFile": -->'],
    [
      'a marker without run numbers',
      '<!-- gitops-image-bump:v1 {"valuesFile":"a","base":"main","app":"a","environment":"dev","repository":"r","sha":"s","image":"i"} -->'
    ],
    ['a marker with a zero run number', formatMarker({ ...marker, runNumber: 0 })],
    ['an unknown marker version', formatMarker(marker).replace(':v1', ':v9')]
  ])('recognises no bump PR in %s', (_name, body) => {
    expect(parseMarker(body)).toBeUndefined()
  })
})

describe('compareRuns', () => {
  it.each([
    [{ runNumber: 5, runAttempt: 1 }, { runNumber: 6, runAttempt: 1 }, -1],
    [{ runNumber: 6, runAttempt: 1 }, { runNumber: 5, runAttempt: 3 }, 1],
    [{ runNumber: 6, runAttempt: 1 }, { runNumber: 6, runAttempt: 2 }, -1],
    [{ runNumber: 6, runAttempt: 2 }, { runNumber: 6, runAttempt: 2 }, 0],
    [{ runNumber: 10, runAttempt: 1 }, { runNumber: 9, runAttempt: 1 }, 1]
  ])('orders run %j against %j as %i', (a, b, sign) => {
    expect(Math.sign(compareRuns(a, b))).toBe(sign)
  })
})

describe('sameBody', () => {
  const body = renderPrBody(input())

  it('treats a re-run attempt of the same run as the same body', () => {
    const rerun = renderPrBody(input({ source: { ...input().source, runAttempt: 2 } }))
    expect(rerun).not.toBe(body)
    expect(sameBody(body, rerun)).toBe(true)
  })

  it('sees a new image as a different body', () => {
    expect(sameBody(body, renderPrBody(input({ image: 'registry/other:1' })))).toBe(false)
  })

  it('sees a newer run as a different body', () => {
    const newer = renderPrBody(input({ source: { ...input().source, runNumber: 8 } }))
    expect(sameBody(body, newer)).toBe(false)
  })

  it('ignores CRLF line endings GitHub keeps for bodies edited in the browser', () => {
    expect(sameBody(body.replace(/\n/g, '\r\n'), body)).toBe(true)
  })

  it('sees an edited body or a removed marker as different', () => {
    expect(sameBody(body.replace('Bumps', 'Bumped'), body)).toBe(false)
    expect(sameBody(body.replace(/<!--[^]*-->/, ''), body)).toBe(false)
    expect(sameBody(null, body)).toBe(false)
  })
})
