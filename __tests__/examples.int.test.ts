/**
 * Runs the example Flask app and its container health check for real, on loopback. Needs python3
 * with Flask; where it is missing (the project installs no Python packages) the tests are skipped
 * with a notice rather than faked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const appDir = join(dirname(fileURLToPath(import.meta.url)), '../examples/app')
const python = process.env.PYTHON ?? 'python3'
const pythonEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' }

const hasFlask =
  spawnSync(python, ['-c', 'import flask'], { env: pythonEnv, stdio: 'ignore' }).status === 0
if (!hasFlask) {
  console.warn(`examples.int.test: skipped, '${python}' with Flask is not available here`)
}
const describeWithFlask = hasFlask ? describe : describe.skip

/** Runs healthcheck.py against `port`; resolves with its exit code and stderr. */
function runHealthcheck(port: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['healthcheck.py'], {
      cwd: appDir,
      env: { ...pythonEnv, PORT: String(port) }
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

/**
 * Starts `python app.py` on a free loopback port (PORT=0) and resolves with the port once the
 * server says it is listening, so the test waits on the event, not on a timer.
 */
function startApp(): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['app.py'], {
      cwd: appDir,
      env: { ...pythonEnv, HOST: '127.0.0.1', PORT: '0' }
    })
    let output = ''
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const listening = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (listening) resolve({ child, port: Number(listening[1]) })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`app.py exited with ${code}:\n${output}`)))
  })
}

/** Stops the app, resolving once it has exited (at once when it already has). */
function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill()
  return exited
}

describeWithFlask('the example app, run with python3', () => {
  let app: { child: ChildProcess; port: number }

  beforeAll(async () => {
    app = await startApp()
  })

  afterAll(async () => {
    if (app !== undefined) await stopApp(app.child)
  })

  it('answers / with its hello message', async () => {
    const response = await fetch(`http://127.0.0.1:${app.port}/`)

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ message: 'Hello from myapp-010!' })
  })

  it('answers /health with 200 for the probes', async () => {
    const response = await fetch(`http://127.0.0.1:${app.port}/health`)

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('has healthcheck.py exit 0 while the app serves', async () => {
    expect(await runHealthcheck(app.port)).toEqual({ code: 0, stderr: '' })
  })

  it('has healthcheck.py exit 1 when nothing answers', async () => {
    await stopApp(app.child)
    const result = await runHealthcheck(app.port)

    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^unhealthy: http:\/\/127\.0\.0\.1:\d+\/health/)
  })
})
