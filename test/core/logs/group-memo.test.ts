/**
 * The work shared across groups of logged calls (src/core/logs/group-judge.ts: templates, principals,
 * success verdicts by endpoint, failure verdicts by endpoint and claims, an app's permissions once per
 * claim set) must change nothing: the state and report equal those of diagnosing every group on its
 * own, over generated logs of every kind and format, with varied claims, token kinds and tenants.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { GENERATOR_TIME } from '../../../bench/har-generator.mjs'
import { generateRecords, writeLogs } from '../../../bench/log-generator.mjs'
import { buildLogReport, createLogFeed, detectLogContainer, JsonLinesReader, LogAggregator, mergeStates, type LogExportContainer } from '../../../src/core/logs/index.js'
import { HarStreamReader } from '../../../src/core/stream/har-stream.js'
import { catalogue } from '../rules/helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-group-memo-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const CHUNK = 65_536

/** A file's bytes fed in chunks to an aggregator, with the shared work or without. */
function stateOf(bytes: Uint8Array, memoise: boolean): { state: unknown; report: unknown; groups: number } {
  const aggregator = new LogAggregator({ catalogue: catalogue(), memoise, memoiseFailures: memoise, now: new Date(GENERATOR_TIME * 1000) })
  const head = new TextDecoder().decode(bytes.subarray(0, 1 << 20))
  const container = detectLogContainer(head)
  assert.ok(container !== undefined)
  aggregator.beginInput('input', container)
  if (container === 'har') {
    const reader = new HarStreamReader('input')
    for (let at = 0; at < bytes.length; at += CHUNK) for (const exchange of reader.push(bytes.subarray(at, at + CHUNK))) aggregator.addExchange(exchange)
    reader.end()
  } else {
    const feed = createLogFeed(container as LogExportContainer, 'input', head, aggregator)
    for (let at = 0; at < bytes.length; at += CHUNK) feed.push(bytes.subarray(at, at + CHUNK))
    feed.end()
  }
  return { state: JSON.parse(JSON.stringify(aggregator.state)) as unknown, report: buildLogReport(aggregator.state, catalogue()), groups: aggregator.diagnosedGroups }
}

function assertSame(bytes: Uint8Array, label: string): void {
  const shared = stateOf(bytes, true)
  const alone = stateOf(bytes, false)
  assert.deepEqual(shared.state, alone.state, label)
  assert.deepEqual(shared.report, alone.report, label)
  if (label.startsWith('activity')) assert.ok(shared.groups < alone.groups, `${label}: ${shared.groups} judged with the shared work, ${alone.groups} without`)
}

/** Generated activity records, varied: no claims at all (kind unknown), another tenant, a lower-case method, a second claim set per app, KQL group rows. */
async function variedActivity(): Promise<string> {
  const lines: string[] = []
  let n = 0
  for await (const record of generateRecords('activity', 3000, 11)) {
    n++
    if (n % 7 === 0) Object.assign(record, { Roles: '', Scopes: '', UserId: '' })
    if (n % 11 === 0) record['AadTenantId'] = '9188040d-6c67-4c5b-b112-36a304b66dad'
    if (n % 13 === 0) record['RequestMethod'] = String(record['RequestMethod']).toLowerCase()
    // A second claim set for the same app: its extra permission must reach the app's row too.
    if (n % 19 === 0 && record['Roles'] !== '') record['Roles'] = `${String(record['Roles'])} AuditLog.Read.All`
    if (n % 19 === 0 && record['Scopes'] !== '') record['Scopes'] = `${String(record['Scopes'])} Mail.Read`
    if (n % 17 === 0) Object.assign(record, { Count: 40, FirstSeen: '2026-11-16T00:00:00Z', LastSeen: '2026-11-17T00:00:00Z', SampleRequestId: `s-${n}` })
    lines.push(JSON.stringify(record))
  }
  return `${lines.join('\n')}\n`
}

describe('groups of logged calls: the shared work changes nothing', () => {
  for (const [kind, format] of [['activity', 'jsonl'], ['activity', 'csv'], ['activity', 'storage'], ['signins', 'graph'], ['signins', 'csv'], ['har', 'har']] as const) {
    it(`${kind} as ${format}`, async () => {
      const file = join(dir, `${kind}.${format}`)
      await writeLogs(file, { kind, records: kind === 'har' ? 400 : 3000, format, seed: 5 })
      assertSame(readFileSync(file), `${kind} ${format}`)
    })
  }

  it('activity with varied claims, token kinds, tenants, methods and group rows', async () => {
    assertSame(new TextEncoder().encode(await variedActivity()), 'activity varied')
  })
})

describe('verdicts shared between aggregators (logs --workers threads): the same state as one aggregator', () => {
  it('over generated activity read in shards, each shard judging only groups no other shard judged before', async () => {
    const lines = (await variedActivity()).trimEnd().split('\n')
    const options = { catalogue: catalogue() }
    const feed = (aggregator: LogAggregator, part: readonly string[]): void => {
      aggregator.beginInput('input', 'json-lines')
      const reader = new JsonLinesReader(aggregator, 'input')
      reader.push(`${part.join('\n')}\n`)
      reader.end()
    }
    const single = new LogAggregator(options)
    feed(single, lines)
    const half = Math.floor(lines.length / 2)
    const [first, second] = [new LogAggregator({ ...options, shareVerdicts: true }), new LogAggregator({ ...options, shareVerdicts: true })]
    const alone = new LogAggregator(options)
    feed(first, lines.slice(0, half))
    second.receiveVerdicts(first.takeVerdicts())
    assert.deepEqual(first.takeVerdicts(), [], 'each verdict is taken once')
    feed(second, lines.slice(half))
    feed(alone, lines.slice(half))
    assert.ok(second.diagnosedGroups < alone.diagnosedGroups, `the second shard judged ${second.diagnosedGroups} groups, alone ${alone.diagnosedGroups}`)
    assert.equal(first.diagnosedGroups + second.diagnosedGroups, single.diagnosedGroups, 'every distinct verdict judged once in all')
    const merged = mergeStates([first.state, second.state])
    assert.deepEqual({ ...buildLogReport(merged, catalogue()), inputs: [] }, { ...buildLogReport(single.state, catalogue()), inputs: [] })
  })
})
