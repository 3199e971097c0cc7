/**
 * What the code under test writes to the job log (stdout, and stderr), kept out of jest's output.
 */
import { afterEach, beforeEach, jest } from '@jest/globals'

/** Everything written to stdout and stderr while it is installed (and nothing reaches the terminal). */
export interface CapturedOutput {
  text(): string
  restore(): void
}

export function captureOutput(): CapturedOutput {
  const chunks: string[] = []
  const record = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString())
    return true
  }
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(record)
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(record)
  return {
    text: () => chunks.join(''),
    restore: () => {
      stdout.mockRestore()
      stderr.mockRestore()
    }
  }
}

/**
 * `captureOutput` around every test of the file: call once at its top level; the returned
 * function gives the current test's output so far.
 */
export function captureStdout(): () => string {
  let output: CapturedOutput | undefined
  beforeEach(() => {
    output = captureOutput()
  })
  afterEach(() => {
    output?.restore()
  })
  return () => output?.text() ?? ''
}
