import { test } from 'node:test'
import assert from 'node:assert/strict'
import { expectedIntact, runReliability } from './reliability.js'

/**
 * A bounded run (1,000 requests) that waits on no timer: stalled requests meet a 1 ms headers timeout.
 * Hang detection with real timeouts, memory and the 100,000-request run are `npm run bench:reliability`.
 */
test('1,000 requests with injected upstream faults: intact answers arrive intact, faults end clean', async (t) => {
  const report = await runReliability(1_000, 16, { stallHeadersTimeoutMs: 1 })
  t.diagnostic(JSON.stringify(report))
  assert.deepEqual(report.unexpected, [])
  assert.deepEqual(report.corruptions, [])
  assert.equal(report.intact + report.cleanErrors + report.closed, report.requests)
  assert.equal(report.intact, expectedIntact(1_000))
})
