import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CliIo } from '../../src/cli/command.js'
import { createProgress } from '../../src/cli/logs/progress.js'

function io(stderrIsTTY: boolean): CliIo & { err: string[] } {
  const err: string[] = []
  return { err, stdout: () => undefined, stderr: (text) => err.push(text), readStdin: async () => '', isTTY: false, stderrIsTTY, env: {}, cwd: '/' }
}

describe('logs progress bar', () => {
  it('is silent when stderr is not a terminal', () => {
    const target = io(false)
    const progress = createProgress(target, 100)
    progress.addBytes(50)
    progress.done()
    assert.deepEqual(target.err, [])
  })

  it('shows bytes, records per second and the time left on a terminal, then clears its line', () => {
    const target = io(true)
    let now = 0
    const progress = createProgress(target, 4 * 1048576, () => now)
    now = 2000
    progress.setRecords(10_000)
    progress.addBytes(1048576)
    assert.equal(target.err.length, 1)
    assert.match(target.err[0] ?? '', /^\r\[######\.{18}\] 1\.0 MiB \/ 4\.0 MiB {2}5,000 records\/s {2}ETA 6s/)
    progress.addBytes(1)
    assert.equal(target.err.length, 1, 'redrawn at most every 200 ms')
    progress.done()
    assert.equal(target.err.at(-1), '\r\u001b[2K')
  })

  it('without a known size (stdin) shows bytes and rate only', () => {
    const target = io(true)
    let now = 0
    const progress = createProgress(target, 0, () => now)
    now = 1000
    progress.setRecords(300)
    progress.addBytes(2 * 1048576)
    assert.match(target.err[0] ?? '', /^\r2\.0 MiB {2}300 records\/s/)
  })
})
