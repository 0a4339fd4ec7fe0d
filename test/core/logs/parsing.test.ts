import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { pathShape as kqlPathShape } from '../../../src/core/kql/index.js'
import { CsvParser, detectLogContainer, listField, pathShape, readRecord, uriOrigin } from '../../../src/core/logs/index.js'

function parseCsv(chunks: readonly string[]): Array<{ cells: readonly string[]; line: number }> {
  const rows: Array<{ cells: readonly string[]; line: number }> = []
  const parser = new CsvParser()
  for (const chunk of chunks) parser.push(chunk, (row) => rows.push(row))
  parser.end((row) => rows.push(row))
  return rows
}

describe('CsvParser (RFC 4180)', () => {
  const text = 'a,"b ""c""",d\r\n1,"x\ny",3\n\n"",q,\n4,5,6'
  const expected = [
    { cells: ['a', 'b "c"', 'd'], line: 1 },
    { cells: ['1', 'x\ny', '3'], line: 2 },
    { cells: ['', 'q', ''], line: 5 },
    { cells: ['4', '5', '6'], line: 6 },
  ]
  it('reads quotes, doubled quotes, line breaks in quotes, CRLF, blank lines and a last row without a line break', () => {
    assert.deepEqual(parseCsv([text]), expected)
  })
  it('gives the same rows whatever the chunking (a CRLF or a doubled quote split across chunks)', () => {
    assert.deepEqual(parseCsv([...text]), expected)
    for (let cut = 1; cut < text.length; cut++) assert.deepEqual(parseCsv([text.slice(0, cut), text.slice(cut)]), expected, `cut at ${cut}`)
  })
})

describe('pathShape (the one of graph-doctor kql, test/core/kql/path-shape.test.ts)', () => {
  it('is what logs groups by: host, query and version cut, ids replaced; the origin kept apart', () => {
    assert.equal(pathShape, kqlPathShape)
    assert.equal(pathShape('https://graph.microsoft.com/v1.0/users/6e7b768e-07e2-4810-8459-485f84f8f204/messages?$top=5'), '/users/{id}/messages')
    assert.equal(pathShape('/beta/users/alice@contoso.example/events/AAMkAGI2TG93AAA1234='), '/users/{id}/events/{id}')
    assert.equal(uriOrigin('https://graph.microsoft.us/v1.0/me'), 'https://graph.microsoft.us')
    assert.equal(uriOrigin('/v1.0/me?next=https://example.com/x'), '')
  })
})

describe('readRecord', () => {
  it('reads Log Analytics columns, camelCase properties and the diagnostic-settings envelope', () => {
    const record = readRecord({ RequestMethod: 'get', RequestUri: '/v1.0/me', ResponseStatusCode: '403', Roles: 'A B', Scopes: '', Wids: 'w1,w2', Count: '7', RequestId: 'r1', TimeGenerated: 't1' })
    assert.equal(record.kind, 'activity')
    if (record.kind !== 'activity') return
    assert.deepEqual([record.method, record.status, record.roles, record.wids, record.count, record.sampleId, record.firstSeen], ['GET', 403, ['A', 'B'], ['w1', 'w2'], 7, 'r1', 't1'])
    const envelope = readRecord({ records: [{ time: 't2', properties: { requestMethod: 'GET', requestUri: '/v1.0/me', responseStatusCode: 200 } }] })
    assert.equal(envelope.kind, 'envelope')
    const inner = readRecord({ time: 't2', properties: { requestMethod: 'GET', requestUri: '/v1.0/me', responseStatusCode: 200 } })
    assert.equal(inner.kind === 'activity' ? inner.firstSeen : undefined, 't2')
  })
  it('reads sign-ins from Graph (status.errorCode) and Log Analytics (ResultType), and says why a record is unreadable', () => {
    const graph = readRecord({ id: 's1', appId: 'a', status: { errorCode: 65001, failureReason: 'consent' }, createdDateTime: 't' })
    assert.deepEqual(graph.kind === 'signin' ? [graph.errorCode, graph.description, graph.sampleId] : [], [65001, 'consent', 's1'])
    const la = readRecord({ ResultType: '0', AppId: 'a', CorrelationId: 'c' })
    assert.equal(la.kind === 'signin' ? la.errorCode : -1, 0)
    assert.equal(readRecord({ RequestUri: '/v1.0/me', ResponseStatusCode: 200 }).kind, 'unreadable')
    assert.equal(readRecord([1]).kind, 'unreadable')
    assert.equal(readRecord({ hello: 1 }).kind, 'unreadable')
  })
  it('reads lists as arrays, space- or comma-separated text, or JSON text', () => {
    assert.deepEqual(listField({ Roles: '["A","B"]' }, 'Roles'), ['A', 'B'])
    assert.deepEqual(listField({ roles: ['A', ''] }, 'Roles'), ['A'])
    assert.deepEqual(listField({ Roles: ' A,  B ' }, 'Roles'), ['A', 'B'])
  })
})

describe('detectLogContainer', () => {
  it('tells a HAR, JSON lines, a JSON array, a multi-line document and CSV apart', () => {
    assert.equal(detectLogContainer('{ "log": { "entries": ['), 'har')
    assert.equal(detectLogContainer('{"a":1}\n{"a":2}\n'), 'json-lines')
    assert.equal(detectLogContainer('\ufeff[\n {"a":1}'), 'json-array')
    assert.equal(detectLogContainer('{\n  "value": [\n'), 'json-document')
    assert.equal(detectLogContainer('TimeGenerated,RequestUri\r\n'), 'csv')
    assert.equal(detectLogContainer('   '), undefined)
    assert.equal(detectLogContainer('hello there'), undefined)
  })
})
