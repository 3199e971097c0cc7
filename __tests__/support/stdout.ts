/**
 * What the code under test writes to stdout (the job log), kept out of jest's output: call once
 * at the top level of a test file; the returned function gives this test's lines so far.
 */
import { afterEach, beforeEach, jest } from '@jest/globals'

export function captureStdout(): () => string {
  let written: string[] = []
  beforeEach(() => {
    written = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk))
      return true
    })
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })
  return () => written.join('')
}
