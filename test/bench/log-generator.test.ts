import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateRecords, writeLogs } from '../../bench/log-generator.mjs'
import { pathShape } from '../../src/core/kql/index.js'

async function collect(kind: 'activity' | 'signins', count: number, seed: number): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = []
  for await (const record of generateRecords(kind, count, seed)) records.push(record)
  return records
}

describe('synthetic log generator', () => {
  it('is deterministic per seed and differs across seeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-gen-'))
    try {
      await writeLogs(join(dir, 'a'), { kind: 'activity', records: 300, seed: 3 })
      await writeLogs(join(dir, 'b'), { kind: 'activity', records: 300, seed: 3 })
      await writeLogs(join(dir, 'c'), { kind: 'activity', records: 300, seed: 4 })
      assert.equal(readFileSync(join(dir, 'a'), 'utf8'), readFileSync(join(dir, 'b'), 'utf8'))
      assert.notEqual(readFileSync(join(dir, 'a'), 'utf8'), readFileSync(join(dir, 'c'), 'utf8'))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('activity: many apps and templates, a realistic status mix, claims consistent with the scheme', async () => {
    const records = await collect('activity', 20000, 1)
    const statuses = new Map<number, number>()
    for (const record of records) statuses.set(Number(record['ResponseStatusCode']), (statuses.get(Number(record['ResponseStatusCode'])) ?? 0) + 1)
    for (const status of [200, 201, 204, 400, 401, 403, 404, 429]) assert.ok((statuses.get(status) ?? 0) > 0, `status ${status}`)
    assert.ok((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0) + (statuses.get(204) ?? 0) > records.length * 0.6, 'mostly successes')
    assert.ok(new Set(records.map((record) => record['AppId'])).size >= 100, 'many apps')
    assert.ok(new Set(records.map((record) => pathShape(String(record['RequestUri'])))).size >= 1000, 'thousands of path shapes')
    for (const record of records.slice(0, 500)) {
      const roles = String(record['Roles'])
      const scopes = String(record['Scopes'])
      assert.ok((roles === '') !== (scopes === ''), 'app-only tokens carry roles, delegated ones scopes')
      assert.equal(record['UserId'] === '', scopes === '')
    }
    const times = records.map((record) => Date.parse(String(record['TimeGenerated'])))
    assert.ok(Math.max(...times) - Math.min(...times) > 6 * 24 * 3600 * 1000, 'a week of timestamps')
  })

  it('signins: AADSTS failures with our descriptions, mostly successes', async () => {
    const records = await collect('signins', 5000, 1)
    const failures = records.filter((record) => record['ResultType'] !== '0')
    assert.ok(failures.length > 200 && failures.length < records.length / 2)
    assert.ok(new Set(failures.map((record) => record['ResultType'])).size >= 8)
    assert.ok(failures.some((record) => record['ResultType'] === '50076' && record['ResultDescription'] === 'User strong auth client auth n required.'))
    assert.ok(failures.every((record) => String(record['ResultDescription']).length > 0))
    assert.deepEqual(new Set(records.map((record) => record['Type'])), new Set(['SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AADServicePrincipalSignInLogs']))
  })

  it('writes every format: CSV with a header, the storage envelope, Graph pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-gen-'))
    try {
      await writeLogs(join(dir, 'a.csv'), { kind: 'activity', format: 'csv', records: 120 })
      const csv = readFileSync(join(dir, 'a.csv'), 'utf8').trimEnd().split('\n')
      assert.match(csv[0] ?? '', /^TimeGenerated,Type,TenantId,/)
      assert.equal(csv.length, 121)
      await writeLogs(join(dir, 'a.storage'), { kind: 'activity', format: 'storage', records: 120 })
      const envelopes = readFileSync(join(dir, 'a.storage'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { records: { category: string; properties: { requestUri: string } }[] })
      assert.equal(envelopes.reduce((sum, envelope) => sum + envelope.records.length, 0), 120)
      assert.equal(envelopes[0]?.records[0]?.category, 'MicrosoftGraphActivityLogs')
      assert.match(envelopes[0]?.records[0]?.properties.requestUri ?? '', /^https:\/\/graph\.microsoft\.com\//)
      await writeLogs(join(dir, 's.json'), { kind: 'signins', format: 'graph', records: 1500 })
      const pages = readFileSync(join(dir, 's.json'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { value: { status: { errorCode: number } }[] })
      assert.deepEqual(pages.map((page) => page.value.length), [1000, 500])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
