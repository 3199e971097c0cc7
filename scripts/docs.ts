/**
 * Renders the README's input and output tables from action.yml, so that they cannot drift.
 * `npm run docs` rewrites README.md between the marker comments; a test fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

interface ActionSpec {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, '<br>').trim()
const code = (text: string): string => '`' + text + '`'

export function renderInputsTable(spec: ActionSpec): string {
  const rows = Object.entries(spec.inputs).map(([name, input]) => {
    const fallback = input.required
      ? 'required'
      : input.default === undefined || input.default === ''
        ? ''
        : input.default
            .trim()
            .split('\n')
            .map((line) => code(line))
            .join('<br>')
    return `| ${code(name)} | ${fallback} | ${cell(input.description)} |`
  })
  return ['| input | default | description |', '|---|---|---|', ...rows].join('\n')
}

export function renderOutputsTable(spec: ActionSpec): string {
  const rows = Object.entries(spec.outputs).map(
    ([name, output]) => `| ${code(name)} | ${cell(output.description)} |`
  )
  return ['| output | description |', '|---|---|', ...rows].join('\n')
}

/** README text with both tables replaced between `<!-- inputs:start -->`-style markers. */
export function updateReadme(readme: string, actionYml: string): string {
  const spec = parse(actionYml) as ActionSpec
  return replaceBetween(
    replaceBetween(readme, 'inputs', renderInputsTable(spec)),
    'outputs',
    renderOutputsTable(spec)
  )
}

function replaceBetween(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} … ${end} markers`)
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
  const readmePath = path.join(root, 'README.md')
  const updated = updateReadme(
    readFileSync(readmePath, 'utf8'),
    readFileSync(path.join(root, 'action.yml'), 'utf8')
  )
  writeFileSync(readmePath, updated)
  console.log('README.md tables regenerated from action.yml')
}
