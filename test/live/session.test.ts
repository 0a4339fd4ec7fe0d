/** A proxy session's own bugs are counted and reported, never silently dropped. */
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { writeSessionReport } from '../../src/live/proxy/report.js'
import { LiveSession } from '../../src/live/proxy/session.js'
import type { LiveExchange } from '../../src/live/proxy/types.js'
import { renderSessionCounts } from '../../src/render/live.js'

const failed: LiveExchange = {
  id: 7,
  startedAt: '2026-11-20T10:00:00.000Z',
  durationMs: 3,
  route: 'graph',
  method: 'GET',
  url: 'https://graph.microsoft.com/v1.0/users',
  requestHeaders: [],
  status: 403,
  responseHeaders: [['content-type', 'application/json']],
  responseBody: '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}',
  responseBytes: 100,
  outcome: 'failed',
}

test('an exception in onFailure is passed to onInternalError and counted in the session counts and their line', async () => {
  const seen: Array<{ message: string; id: number }> = []
  const session = new LiveSession({
    onFailure: () => { throw new Error('renderer bug') },
    onInternalError: (error, exchange) => seen.push({ message: error instanceof Error ? error.message : String(error), id: exchange.id }),
  })
  session.record(failed)
  await session.settled()
  assert.deepEqual(seen, [{ message: 'renderer bug', id: 7 }])
  const counts = session.counts()
  assert.equal(counts.internalErrors, 1)
  assert.match(renderSessionCounts(counts), /1 failed, .*1 internal error \(a bug in graph-doctor: the failure's diagnosis was not shown\)/)
})

test('the counts line says nothing of internal errors when there were none', () => {
  const session = new LiveSession()
  assert.equal(renderSessionCounts(session.counts()), '0 requests: 0 succeeded, 0 failed, 0 upstream errors, 0 abandoned by the client.')
})

test('a report past maxKept says how many diagnoses it left out, not only exchanges', async () => {
  const session = new LiveSession({ keep: true, maxKept: 1 })
  session.record(failed)
  session.record({ ...failed, id: 8 })
  await session.settled()
  const dir = await mkdtemp(join(tmpdir(), 'graph-doctor-report-'))
  try {
    await writeSessionReport(dir, session, '0.0.0-test')
    const summary = await readFile(join(dir, 'summary.md'), 'utf8')
    assert.match(summary, /1 exchange past the first 1 is counted but not in the HAR/)
    assert.match(summary, /1 diagnosis past the first 1 is counted but not in diagnosis\.json or this summary/)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
