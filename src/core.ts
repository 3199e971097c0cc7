/**
 * The runner commands this action uses, written for it: inputs, outputs, masks, log lines,
 * groups, annotations and the job summary. Same formats as `@actions/core` 3 (a differential test
 * holds them to it), without its import cost: `@actions/core` imports `@actions/http-client`, and
 * that imports undici, a megabyte of JavaScript every run would parse before its first request
 * (BENCHMARKS.md §2). This module imports only Node built-ins.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'

/** `INPUT_<NAME>` with spaces as underscores (hyphens kept, as the runner sets them), trimmed. */
export function getInput(name: string): string {
  return (process.env[inputVariable(name)] ?? '').trim()
}

/** Whether the input is set at all, even empty: the runner sets every input action.yml declares. */
export function hasInput(name: string): boolean {
  return process.env[inputVariable(name)] !== undefined
}

function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Appends `name<<delimiter` … `delimiter` to the file in GITHUB_OUTPUT; without that file (an
 * old runner), the `set-output` command.
 */
export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) {
    appendFileCommand('OUTPUT', keyValueMessage(name, value))
    return
  }
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, value)
}

/** Asks the runner to mask `secret` in every log line that follows. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

/** A debug line, shown only when step debug logging is on. */
export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function warning(message: string): void {
  issueCommand('warning', {}, message)
}

export function error(message: string): void {
  issueCommand('error', {}, message)
}

/** Marks the step failed (exit code 1) with an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/** Runs `fn` inside a collapsible log group, closing the group however `fn` ends. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  issueCommand('group', {}, name)
  try {
    return await fn()
  } finally {
    issueCommand('endgroup', {}, '')
  }
}

/** Appends Markdown to the job summary (the file in GITHUB_STEP_SUMMARY). */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
  }
  await appendFile(file, markdown, { encoding: 'utf8' })
}

/** `::command key=value,…::message`, with the runner's escapes. */
function issueCommand(command: string, properties: Record<string, string>, message: string): void {
  const props = Object.entries(properties)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function appendFileCommand(command: 'OUTPUT', message: string): void {
  const file = process.env[`GITHUB_${command}`] ?? ''
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, message + EOL, { encoding: 'utf8' })
}

/** A heredoc whose random delimiter neither the name nor the value contains. */
function keyValueMessage(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: the output ${name} contains the delimiter ${delimiter}`)
  }
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`
}
