import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createProgress, progressLine } from '../../src/cli/data/progress.js'

describe('data update progress', () => {
  it('shows bytes and percent, or bytes alone when the size is unknown', () => {
    assert.equal(progressLine('permissions.json', 1_200_000, 3_000_000), '  permissions.json  1.2 MB / 3.0 MB  40%')
    assert.equal(progressLine('permissions.json', 640_000, undefined), '  permissions.json  640 kB')
  })

  it('redraws at most once per interval, and always once at the end of a file', () => {
    const written: string[] = []
    let clock = 0
    const track = createProgress({ write: (text) => written.push(text), isEnabled: true, now: () => clock, intervalMs: 100 })
    const file = track('permissions.json', 1000)
    file.advance(100)
    clock = 50
    file.advance(100)
    clock = 150
    file.advance(100)
    file.done()
    assert.equal(written.length, 3)
    assert.match(written[1] ?? '', /300 B \/ 1 kB {2}30%$/)
    assert.match(written[2] ?? '', /30%\n$/)
  })

  it('writes nothing when disabled (not a terminal)', () => {
    const written: string[] = []
    const file = createProgress({ write: (text) => written.push(text), isEnabled: false })('x.json', 10)
    file.advance(10)
    file.done()
    assert.deepEqual(written, [])
  })
})
