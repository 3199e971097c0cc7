import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { OUTPUT_NAMES } from '../src/main.js'
import { updateReadme } from '../scripts/docs.js'
import { readActionYml, repoRoot } from './support/runner.js'

const specPath = path.resolve(repoRoot, '../shared/SPEC.md')

describe('action.yml and README', () => {
  it('keeps the README tables equal to what action.yml generates (run `npm run docs`)', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
    const actionYml = readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')
    expect(readme).toEqual(updateReadme(readme, actionYml))
  })

  it('sets every output action.yml declares, and no other', () => {
    expect([...OUTPUT_NAMES].sort()).toEqual(Object.keys(readActionYml().outputs).sort())
  })

  it('runs on node24 from dist/index.js', () => {
    const action = readActionYml() as unknown as { runs: { using: string; main: string } }
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares every input and output of SPEC.md', () => {
    if (!existsSync(specPath)) {
      if (process.env.GIB_REQUIRE_CORPUS === '1') throw new Error(`${specPath} is missing`)
      console.warn(`NOTICE: ${specPath} not found; SPEC.md contract check skipped`)
      return
    }
    const spec = readFileSync(specPath, 'utf8')
    const inputsSection = spec.slice(spec.indexOf('## Inputs'), spec.indexOf('## Outputs'))
    const specInputs = [...inputsSection.matchAll(/^\| ((?:`[a-z-]+`(?:, )?)+) \|/gm)].flatMap(
      (m) => [...m[1].matchAll(/`([a-z-]+)`/g)].map((n) => n[1])
    )
    const outputsSection = spec.slice(spec.indexOf('## Outputs'), spec.indexOf('## Behaviour'))
    const specOutputs = [...outputsSection.matchAll(/`([a-z-]+)`/g)]
      .map((m) => m[1])
      .filter(
        (name) =>
          ![
            'created',
            'updated',
            'unchanged',
            'superseded',
            'committed',
            'none',
            'true',
            'false'
          ].includes(name)
      )
    const action = readActionYml()
    expect(specInputs.length).toBeGreaterThan(40)
    expect(specInputs.filter((name) => !(name in action.inputs))).toEqual([])
    expect(specOutputs.filter((name) => !(name in action.outputs))).toEqual([])
    expect(specOutputs.length).toBe(16)
  })
})
