/**
 * The report's numbers against a fixture small enough to count by hand (test/fixtures/logs/activity.jsonl):
 * app A (app-only, User.Read.All): 3 × 403 on /users/{id}/messages (three users), 2 × 200 on /users;
 * app B (app-only, Directory.ReadWrite.All): 200 on /users, /users/{id}, /groups;
 * app C (delegated, User.Read): 200 on /me, 2 × 403 on /users (two users); plus 2 unreadable lines.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { buildLogReport, LogAggregator, mergeStates, parsePartial } from '../../../src/core/logs/index.js'
import { catalogue } from '../rules/helpers.js'

const A = '11111111-aaaa-4aaa-8aaa-111111111111'
const B = '22222222-bbbb-4bbb-8bbb-222222222222'
const C = '33333333-cccc-4ccc-8ccc-333333333333'
const lines = readFileSync(new URL('../../fixtures/logs/activity.jsonl', import.meta.url), 'utf8').trimEnd().split('\n')

function aggregate(part: readonly string[], name = 'activity.jsonl', offset = 0): LogAggregator {
  const aggregator = new LogAggregator({ catalogue: catalogue() })
  aggregator.beginInput(name, 'json-lines')
  part.forEach((line, index) => {
    const where = `${name} line ${index + 1 + offset}`
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      return aggregator.addUnreadable(where, 'not valid JSON')
    }
    aggregator.addValue(value, where)
  })
  return aggregator
}

describe('log aggregation on a hand-countable fixture', () => {
  const aggregator = aggregate(lines)
  const report = buildLogReport(aggregator.state, catalogue())

  it('counts calls, failures and unreadable records, each with its line', () => {
    assert.deepEqual(report.totals, { calls: 11, failedCalls: 5, signins: 0, failedSignins: 0, unreadable: 2 })
    assert.deepEqual(report.unreadable.listed.map((entry) => entry.source), ['activity.jsonl line 5', 'activity.jsonl line 9'])
  })

  it('judges each distinct group once: a failure per (method, shape, status, claims), a success per (method, shape, status, token kind)', () => {
    // Failures: A's messages 403 (three records, one group), C's users 403. Successes: users 200 app-only
    // (A's with and without a query, and B's: one), B's users/{id} and groups, C's me.
    assert.equal(aggregator.diagnosedGroups, 6)
  })

  it('groups failures by cause, app, endpoint and missing permission, with first/last seen and samples', () => {
    assert.deepEqual(report.byCause.map((cause) => [cause.id, cause.count]), [['permission-missing', 5]])
    assert.deepEqual(report.byApp.map((app) => [app.appId, app.calls, app.failures]), [[A, 5, 3], [C, 3, 2], [B, 3, 0]])
    assert.deepEqual(report.byTemplate.map((row) => [row.method, row.template, row.count, row.samples]), [
      ['GET', '/users/{id}/messages', 3, ['req-001', 'req-002', 'req-003']],
      ['GET', '/users', 2, ['req-010', 'req-011']],
    ])
    assert.deepEqual(report.byMissingPermission.map((row) => [row.permission, row.scheme, row.count, row.apps]), [
      ['Mail.ReadBasic.All', 'Application', 3, [A]],
      ['User.ReadBasic.All', 'DelegatedWork', 2, [C]],
    ])
    const messages = report.failures[0]
    assert.deepEqual([messages?.first, messages?.last], ['2026-11-20T10:01:00Z', '2026-11-20T10:03:00Z'])
  })

  it('audits least privilege per app and scheme, from the successful calls only', () => {
    const audit = (appId: string) => report.leastPrivilege.apps.find((entry) => entry.appId === appId)
    assert.deepEqual(audit(B)?.held, ['Directory.ReadWrite.All'])
    assert.deepEqual(audit(B)?.couldDrop, ['Directory.ReadWrite.All'])
    assert.equal(audit(B)?.endpoints, 3)
    assert.ok((audit(B)?.needed ?? []).every((name) => !name.includes('Write')), String(audit(B)?.needed))
    assert.deepEqual(audit(A)?.lacks, ['Mail.ReadBasic.All'])
    assert.deepEqual(audit(C)?.held, ['User.Read'], 'openid and profile are not Graph permissions to drop')
    assert.deepEqual([audit(C)?.needed, audit(C)?.couldDrop, audit(C)?.lacks], [['User.Read'], [], ['User.ReadBasic.All']])
    assert.match(report.leastPrivilege.note, /only the calls in these logs/)
  })

  it('weights group rows by Count, FirstSeen, LastSeen and SampleRequestId', () => {
    const grouped = new LogAggregator({ catalogue: catalogue() })
    grouped.beginInput('kql.json', 'json-array')
    grouped.addValue({ AppId: A, RequestMethod: 'GET', RequestUri: '/v1.0/users/{id}/messages', ResponseStatusCode: 403, Roles: 'User.Read.All', Count: 1200, FirstSeen: 't1', LastSeen: 't9', SampleRequestId: 's1' }, 'kql.json entry 1')
    const view = buildLogReport(grouped.state, catalogue())
    assert.deepEqual([view.totals.failedCalls, view.failures[0]?.count, view.failures[0]?.first, view.failures[0]?.last, view.failures[0]?.samples], [1200, 1200, 't1', 't9', ['s1']])
    assert.equal(view.failures[0]?.missing, 'Mail.ReadBasic.All')
  })

  it('merging the partials of shards gives exactly the single-run report (inputs aside)', () => {
    for (const shards of [2, 3, 5]) {
      const size = Math.ceil(lines.length / shards)
      const states = Array.from({ length: shards }, (_, index) => {
        const part = aggregate(lines.slice(index * size, (index + 1) * size), 'activity.jsonl', index * size)
        return parsePartial(JSON.stringify(part.state), `shard ${index}`)
      })
      const merged = buildLogReport(mergeStates(states), catalogue())
      assert.deepEqual({ ...merged, inputs: [] }, { ...report, inputs: [] }, `${shards} shards`)
    }
  })

  it('refuses a partial of another format or version', () => {
    assert.throws(() => parsePartial('{"format":"x"}', 'p.json'), /not a graph-doctor partial/)
    assert.throws(() => parsePartial('{"format":"graph-doctor/logs-partial","version":99}', 'p.json'), /version 99/)
    assert.throws(() => parsePartial('nope', 'p.json'), /not valid JSON/)
  })
})

describe('claims that only look alike', () => {
  it('keeps a role list written as one item apart from the same text split into two roles', () => {
    const aggregator = new LogAggregator({ catalogue: catalogue() })
    aggregator.beginInput('claims.jsonl', 'json-lines')
    const call = { RequestUri: 'https://graph.microsoft.com/v1.0/users', RequestMethod: 'GET', ResponseStatusCode: 200, AppId: A, TimeGenerated: '2026-11-01T00:00:00Z' }
    aggregator.addValue({ ...call, Roles: ['User.Read.All Mail.Read'] }, 'line 1')
    aggregator.addValue({ ...call, Roles: 'User.Read.All Mail.Read' }, 'line 2')
    assert.deepEqual(aggregator.state.apps[A]?.held.Application, ['Mail.Read', 'User.Read.All', 'User.Read.All Mail.Read'])
  })
})
