import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findingIds } from '../src/core/catalogue.js'
import { makeExampleHar } from '../scripts/make-examples.js'
import { CONSUMER_TENANT, FAKE_TENANT, fakeSignature } from './helpers/tokens.js'

const EXAMPLE = 'examples/failing-calls.har'

interface Result {
  readonly source: string
  readonly status: number | null
  readonly findings: ReadonlyArray<{ readonly id: string; readonly severity: string }>
}

function diagnoseExample(): { code: number | null; results: Result[] } {
  const env = { ...process.env, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: mkdtempSync(join(tmpdir(), 'graph-doctor-cache-')) }
  const run = spawnSync(process.execPath, ['dist/bin/graph-doctor.js', 'diagnose', '--format', 'json', EXAMPLE], { encoding: 'utf8', env })
  assert.equal(run.stderr, '', run.stderr)
  return { code: run.status, results: (JSON.parse(run.stdout) as { results: Result[] }).results }
}

const har = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { log: { entries: Array<{ comment: string }> } }
const { code, results } = diagnoseExample()

/** The 1-based HAR entry a result came from (sub-requests of a `$batch` belong to its entry). */
function entryNumber(result: Result): number {
  return Number(/ entry (\d+)/.exec(result.source)?.[1] ?? Number.NaN)
}

test('the committed example is exactly what scripts/make-examples.ts generates', () => {
  assert.equal(readFileSync(EXAMPLE, 'utf8'), `${JSON.stringify(makeExampleHar(), null, 2)}\n`)
})

test('diagnosing the example exits 1 (it is full of errors) and every result names its HAR entry', () => {
  assert.equal(code, 1)
  for (const result of results) assert.ok(Number.isInteger(entryNumber(result)), result.source)
  assert.deepEqual([...new Set(results.map(entryNumber))], har.log.entries.map((_, index) => index + 1), 'one or more results per entry, in entry order')
})

test('the example produces every finding id of the catalogue', () => {
  const produced = new Set(results.flatMap((result) => result.findings.map((finding) => finding.id)))
  assert.deepEqual(findingIds.filter((id) => !produced.has(id)), [])
})

test('each entry made for a finding id produces that id', () => {
  for (const [index, entry] of har.log.entries.entries()) {
    const id = /^([a-z-]+):/.exec(entry.comment)?.[1]
    if (id === undefined || !(findingIds as readonly string[]).includes(id)) continue
    const ids = results.filter((result) => entryNumber(result) === index + 1).flatMap((result) => result.findings.map((finding) => finding.id))
    assert.ok(ids.includes(id), `entry ${index + 1} (${entry.comment}) produced ${ids.join(', ') || 'nothing'}`)
  }
})

test('the healthy call has no error or warning, and the $batch yields one result per sub-request', () => {
  const healthy = results.filter((result) => entryNumber(result) === 1)
  assert.equal(healthy[0]?.status, 200)
  assert.deepEqual(healthy.flatMap((result) => result.findings).filter((finding) => finding.severity !== 'info'), [])
  const batchEntry = har.log.entries.findIndex((entry) => entry.comment.startsWith('$batch')) + 1
  const subResults = results.filter((result) => entryNumber(result) === batchEntry && / batch request /.test(result.source))
  assert.equal(subResults.length, 3)
})

test('the example holds synthetic tokens only: dummy signatures, fake tenants', () => {
  const text = readFileSync(EXAMPLE, 'utf8')
  const jwts = [...text.matchAll(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g)].map((match) => match[0])
  assert.ok(jwts.length >= 10)
  for (const jwt of jwts) {
    const [, payload = '', signature] = jwt.split('.')
    assert.equal(signature, fakeSignature())
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { tid?: string }
    assert.ok(claims.tid === FAKE_TENANT || claims.tid === CONSUMER_TENANT, claims.tid)
  }
})
