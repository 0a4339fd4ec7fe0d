/**
 * The DuckDB engine's groups equal the groups computed in JavaScript (pathShape, the same filter)
 * from the same generated file, in every format it reads.
 */
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DUCKDB_MISSING, duckdbGroupRows, type GroupRow } from '../../src/cli/logs-engines/duckdb.js'
import { ACTIVITY_GROUP_COLUMNS, SIGNIN_GROUP_COLUMNS, pathShape } from '../../src/core/kql/index.js'
import { isGraphDoctorError } from '../../src/core/errors.js'
import { generateRecords, writeLogs } from '../../bench/log-generator.mjs'

interface Group {
  count: number
  first: string
  last: string
  ids: Set<string>
}

type Row = Record<string, unknown>

async function records(kind: 'activity' | 'signins', count: number, seed: number): Promise<Row[]> {
  const all: Row[] = []
  for await (const record of generateRecords(kind, count, seed)) all.push(record)
  return all
}

function jsGroups(rows: readonly Row[], kind: 'activity' | 'signins'): Map<string, Group> {
  const groups = new Map<string, Group>()
  for (const row of rows) {
    const status = Number(row['ResponseStatusCode'])
    if (kind === 'activity' && !((status >= 200 && status <= 399) || [400, 401, 403].includes(status))) continue
    if (kind === 'signins' && row['ResultType'] === '0') continue
    const columns = kind === 'activity' ? ACTIVITY_GROUP_COLUMNS : SIGNIN_GROUP_COLUMNS
    const key = columns.map((column) => (column === 'RequestUri' ? pathShape(String(row[column])) : String(row[column] ?? ''))).join('\u0001')
    const time = String(row['TimeGenerated'])
    const group = groups.get(key) ?? { count: 0, first: time, last: time, ids: new Set<string>() }
    group.count++
    if (time < group.first) group.first = time
    if (time > group.last) group.last = time
    group.ids.add(String(row[kind === 'activity' ? 'RequestId' : 'Id']))
    groups.set(key, group)
  }
  return groups
}

async function engineGroups(file: string, kind: 'activity' | 'signins'): Promise<Map<string, GroupRow>> {
  const columns = kind === 'activity' ? ACTIVITY_GROUP_COLUMNS : SIGNIN_GROUP_COLUMNS
  const groups = new Map<string, GroupRow>()
  for await (const row of duckdbGroupRows([file])) {
    const key = columns.map((column) => String(row[column] ?? '')).join('\u0001')
    assert.equal(groups.has(key), false, `one row per group: ${key}`)
    groups.set(key, row)
  }
  return groups
}

function assertSameGroups(expected: Map<string, Group>, actual: Map<string, GroupRow>): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort())
  for (const [key, group] of expected) {
    const row = actual.get(key)
    assert.equal(row?.['Count'], group.count, key)
    assert.equal(row?.['FirstSeen'], group.first, key)
    assert.equal(row?.['LastSeen'], group.last, key)
    assert.ok(group.ids.has(String(row?.['SampleRequestId'])), `the sample id is one of the group's: ${key}`)
  }
}

describe('duckdb engine (generated logs)', () => {
  let dir = ''
  let activity: Row[] = []
  let signins: Row[] = []
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gd-duckdb-'))
    activity = await records('activity', 6000, 11)
    signins = await records('signins', 4000, 11)
    await writeLogs(join(dir, 'activity.jsonl'), { kind: 'activity', records: 6000, seed: 11 })
    await writeLogs(join(dir, 'activity.csv'), { kind: 'activity', format: 'csv', records: 6000, seed: 11 })
    writeFileSync(join(dir, 'activity.array.json'), JSON.stringify(activity, null, 1))
    writeFileSync(join(dir, 'activity.jsonl.gz'), gzipSync(readFileSync(join(dir, 'activity.jsonl'))))
    await writeLogs(join(dir, 'activity.storage.json'), { kind: 'activity', format: 'storage', records: 6000, seed: 11 })
    await writeLogs(join(dir, 'signins.jsonl'), { kind: 'signins', format: 'jsonl', records: 4000, seed: 11 })
    await writeLogs(join(dir, 'signins.csv'), { kind: 'signins', format: 'csv', records: 4000, seed: 11 })
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  for (const file of ['activity.jsonl', 'activity.array.json', 'activity.jsonl.gz', 'activity.csv', 'activity.storage.json']) {
    it(`${file}: the same groups, counts, first/last seen as JavaScript`, async () => {
      const expected = jsGroups(activity, 'activity')
      assert.ok(expected.size > 500 && expected.size < activity.length, 'groups collapse records')
      assertSameGroups(expected, await engineGroups(join(dir, file), 'activity'))
    })
  }

  for (const file of ['signins.jsonl', 'signins.csv']) {
    it(`${file}: failed sign-ins grouped as in JavaScript`, async () => {
      const expected = jsGroups(signins, 'signins')
      assert.ok(expected.size > 10)
      assertSameGroups(expected, await engineGroups(join(dir, file), 'signins'))
    })
  }

  it('reads Parquet written by DuckDB itself', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api')
    const instance = await DuckDBInstance.create(':memory:')
    const connection = await instance.connect()
    const parquet = join(dir, 'activity.parquet')
    await connection.run(`COPY (SELECT * FROM read_json('${join(dir, 'activity.jsonl')}', format = 'newline_delimited')) TO '${parquet}' (FORMAT parquet)`)
    connection.closeSync()
    assertSameGroups(jsGroups(activity, 'activity'), await engineGroups(parquet, 'activity'))
  })

  it('refuses a file without log columns, and says so in one line', async () => {
    const file = join(dir, 'other.jsonl')
    writeFileSync(file, '{"a":1}\n{"a":2}\n')
    await assert.rejects(
      async () => {
        for await (const row of duckdbGroupRows([file])) assert.fail(String(row))
      },
      (error: unknown) => isGraphDoctorError(error) && error.code === 'ERR_INPUT_FORMAT' && !error.message.includes('\n'),
    )
  })

  it('without @duckdb/node-api: a clear one-line usage error (exit 2)', async () => {
    const load = () => Promise.reject(new Error("Cannot find package '@duckdb/node-api'"))
    await assert.rejects(
      async () => {
        for await (const row of duckdbGroupRows([join(dir, 'activity.jsonl')], { load })) assert.fail(String(row))
      },
      (error: unknown) => isGraphDoctorError(error) && error.code === 'ERR_USAGE' && error.message === DUCKDB_MISSING,
    )
  })
})
