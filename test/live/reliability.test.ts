import { test } from 'node:test'
import assert from 'node:assert/strict'
import { runReliability } from './reliability.js'

/** A bounded run (1,000 requests); the 100,000-request run is `npm run bench:reliability`. */
test('1,000 requests with injected upstream faults: intact answers arrive intact, faults end clean, nothing hangs', async (t) => {
  const report = await runReliability(1_000, 16)
  t.diagnostic(JSON.stringify(report))
  assert.deepEqual(report.unexpected, [])
  assert.deepEqual(report.corruptions, [])
  assert.equal(report.hung, 0)
  assert.equal(report.intact + report.cleanErrors + report.closed, report.requests)
  assert.equal(report.intact, 1_000 * 16 / 20)
  assert.ok(report.rssAfterMiB - report.rssBeforeMiB < 100, `RSS grew from ${report.rssBeforeMiB} to ${report.rssAfterMiB} MiB`)
})
