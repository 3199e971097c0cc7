// Completes dist/licenses.txt after `ncc build --license`: ncc leaves out some bundled packages
// (@actions/core, @actions/exec, @actions/io, tunnel, undici among them). Every package named in
// the source maps of dist/ gets an entry in ncc's format: name, licence, licence text, blank line.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const dist = path.resolve(process.argv[2] ?? 'dist')
const root = process.cwd()
const licensesPath = path.join(dist, 'licenses.txt')

const bundled = new Set()
for (const file of readdirSync(dist).filter((name) => name.endsWith('.js.map'))) {
  const { sources } = JSON.parse(readFileSync(path.join(dist, file), 'utf8'))
  for (const source of sources) {
    const at = source.lastIndexOf('node_modules/')
    if (at < 0) continue
    const [scope, name] = source.slice(at + 'node_modules/'.length).split('/')
    bundled.add(scope.startsWith('@') ? `${scope}/${name}` : scope)
  }
}

const text = readFileSync(licensesPath, 'utf8')
const lines = text.split('\n')
const listed = new Set(
  lines.filter(
    (line, i) =>
      (i === 0 || lines[i - 1] === '') &&
      /^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/.test(line) &&
      (lines[i + 1] ?? '') !== ''
  )
)

const entries = []
for (const name of [...bundled].sort()) {
  if (listed.has(name)) continue
  const folder = path.join(root, 'node_modules', name)
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'))
  const licenseFile = readdirSync(folder).find((file) => /^(licen[cs]e|copying)(\.|$)/i.test(file))
  const licenseText =
    licenseFile && existsSync(path.join(folder, licenseFile))
      ? readFileSync(path.join(folder, licenseFile), 'utf8').trim()
      : `(no licence file in the package; package.json declares ${manifest.license ?? 'nothing'})`
  entries.push(`${name}\n${manifest.license ?? 'UNKNOWN'}\n${licenseText}\n`)
}
if (entries.length > 0) {
  writeFileSync(licensesPath, `${text.replace(/\n*$/, '\n')}\n${entries.join('\n')}`)
}
console.log(`licenses.txt: ${bundled.size} bundled packages, ${entries.length} added`)
