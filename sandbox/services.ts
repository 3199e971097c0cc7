/**
 * The local services started by `scripts/services.sh start`: a Docker engine, a registry with
 * htpasswd auth on a loopback port, and a base image. Read from `services.json`.
 */
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

export interface TestServices {
  /** DOCKER_HOST of the engine, when the script recorded one. */
  readonly dockerHost?: string
  readonly registry: { readonly host: string; readonly username: string; readonly password: string }
  /** A local image to build `FROM` (no public registry is reachable). */
  readonly baseImage: string
}

export const servicesFile = path.join(
  process.env.GIB_SERVICES_DIR ?? '/tmp/gib-services',
  'services.json'
)

/** The recorded services, or undefined when the script has not run. */
export function readServices(): TestServices | undefined {
  if (!existsSync(servicesFile)) return undefined
  return JSON.parse(readFileSync(servicesFile, 'utf8')) as TestServices
}

/** Why the services cannot be used right now, or undefined when they answer. */
export async function servicesProblem(services: TestServices): Promise<string | undefined> {
  const daemon = await new Promise<string | undefined>((resolve) => {
    execFile(
      'docker',
      ['version', '--format', '{{.Server.Version}}'],
      { timeout: 15_000 },
      (error, _stdout, stderr) =>
        resolve(error ? `no Docker daemon answers (${stderr.trim() || error.message})` : undefined)
    )
  })
  if (daemon) return daemon
  try {
    const response = await fetch(`http://${services.registry.host}/v2/`)
    if (response.status !== 401 && response.status !== 200) {
      return `the registry at ${services.registry.host} answered HTTP ${response.status}`
    }
  } catch (error) {
    return `the registry at ${services.registry.host} does not answer (${String(error)})`
  }
  return undefined
}
