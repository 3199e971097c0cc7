/**
 * Helpers for the suites that need Docker: the skip-or-fail decision, output capture, and
 * scratch directories.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readServices, servicesFile, servicesProblem, type TestServices } from './services.js'

/**
 * The services a Docker suite runs against, or undefined when it must be skipped; the skip is
 * announced with console.warn. With GIB_REQUIRE_DOCKER=1 a missing service fails the suite
 * instead (CI sets it, so a broken setup cannot pass silently).
 */
export async function dockerServicesOrSkip(suite: string): Promise<TestServices | undefined> {
  const services = readServices()
  const problem = services
    ? await servicesProblem(services)
    : `${servicesFile} does not exist (the services are not started)`
  if (problem === undefined) return services
  const message = `${suite} needs Docker and the test registry: ${problem}. Start them with: bash scripts/services.sh start`
  if (process.env.GIB_REQUIRE_DOCKER === '1') {
    throw new Error(`${message} (GIB_REQUIRE_DOCKER=1 forbids skipping)`)
  }
  console.warn(`SKIPPED: ${message}`)
  return undefined
}

export { captureOutput, type CapturedOutput } from './stdout.js'

/**
 * Lines of `output` that contain `secret`, except the `::add-mask::` commands, which the runner
 * consumes to hide the secret and never shows.
 */
export function linesLeaking(output: string, secret: string): string[] {
  return output
    .split(/\r?\n/)
    .filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'))
}

/** A fresh scratch directory, e.g. a RUNNER_TEMP. */
export function scratchDirectory(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `gib-${prefix}-`))
}

/** A name no earlier run used, so runs never collide in the long-lived registry. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}
