import { test } from 'node:test'
import assert from 'node:assert/strict'
import { JSON_CONTRACT_VERSION, renderJson } from '../../src/render/diagnosis/json.js'
import { analyseToken, summarizeToken } from '../../src/core/token/index.js'
import { delegatedToken, fakeSignature } from '../helpers/tokens.js'
import { failedResult, permissionFinding, sampleDiagnosis } from './sample-diagnosis.js'

type Json = Record<string, unknown>

const document = JSON.parse(renderJson(sampleDiagnosis)) as { version: number; results: Json[]; summary: Json }

test('the document carries the contract version, one result per exchange in order, and a summary', () => {
  assert.equal(document.version, JSON_CONTRACT_VERSION)
  assert.equal(document.version, 1)
  assert.deepEqual(document.results.map((result) => result['source']), ['capture.har#1', 'capture.har#2', 'capture.har#3/2'])
  assert.deepEqual(document.summary, { results: 3, errors: 1, warnings: 1, info: 1 })
})

test('a result has request {method, url}, status, judgedAt and findings; batch only for a sub-request', () => {
  const [healthy, failed, batch] = document.results
  assert.deepEqual(failed?.['request'], { method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' })
  assert.equal(failed?.['status'], 403)
  assert.equal(failed?.['judgedAt'], '2026-11-20T10:00:00.000Z')
  assert.deepEqual(healthy?.['findings'], [])
  assert.ok(!('batch' in (failed ?? {})))
  assert.deepEqual(batch?.['batch'], { source: 'capture.har#3', requestId: '2' })
})

test('a finding has exactly the contract fields, in order, and permission only when known', () => {
  const findings = document.results[1]?.['findings'] as Json[]
  const [error, warning] = findings
  assert.deepEqual(Object.keys(error ?? {}), ['id', 'severity', 'title', 'detail', 'evidence', 'fix', 'links', 'permission'])
  assert.deepEqual(Object.keys(warning ?? {}), ['id', 'severity', 'title', 'detail', 'evidence', 'fix', 'links'])
  assert.deepEqual(error?.['evidence'], [
    { source: 'token', field: 'scp', value: 'openid profile email User.Read' },
    { source: 'body', field: 'error.code', value: 'Authorization_RequestDenied', note: 'Graph said: Insufficient privileges | more' },
  ])
  assert.deepEqual(error?.['fix'], permissionFinding.fix)
  assert.deepEqual(error?.['links'], permissionFinding.links)
  assert.deepEqual(error?.['permission'], {
    scheme: 'DelegatedWork',
    leastPrivileged: 'User.ReadBasic.All',
    accepted: ['User.ReadBasic.All', 'User.Read.All'],
    granted: ['User.Read'],
  })
})

test('null request fields and a null status stay null (not omitted)', () => {
  const json = JSON.parse(renderJson({ results: [{ ...failedResult, request: { method: null, url: null }, status: null }] })) as { results: Json[] }
  assert.deepEqual(json.results[0]?.['request'], { method: null, url: null })
  assert.equal(json.results[0]?.['status'], null)
})

test('a token summary attached to a result is passed through as "token"', () => {
  const token = summarizeToken(analyseToken(delegatedToken()))
  const json = JSON.parse(renderJson({ results: [{ ...failedResult, token }] })) as { results: Json[] }
  assert.deepEqual(json.results[0]?.['token'], JSON.parse(JSON.stringify(token)))
  assert.equal((json.results[0]?.['token'] as Json)['kind'], 'delegated')
})

test('the output is indented, ends with a newline, and redacts a token that slipped into any string', () => {
  const token = delegatedToken()
  const leaky = { ...permissionFinding, detail: `sent ${token}`, evidence: [{ source: 'header' as const, field: 'Authorization', value: `Bearer ${token}` }] }
  const text = renderJson({ results: [{ ...failedResult, findings: [leaky] }] })
  assert.ok(text.endsWith('}\n'))
  assert.match(text, /^\{\n  "version": 1,/)
  assert.ok(!text.includes(token))
  assert.ok(!text.includes(fakeSignature()))
  JSON.parse(text)
})

test('the summary counts every finding of every result', () => {
  assert.deepEqual((JSON.parse(renderJson({ results: [] })) as { summary: unknown }).summary, { results: 0, errors: 0, warnings: 0, info: 0 })
})

test('a value nested deeper than the JSON budget is summarised, not a stack overflow', () => {
  let deep: unknown = 'bottom'
  for (let level = 0; level < 20_000; level++) deep = { level: deep }
  const rendered = renderJson({ results: [{ ...failedResult, token: { claims: deep } } as unknown as typeof failedResult] })
  assert.match(rendered, /\[JSON nested deeper than 64 levels: not shown\]/)
  assert.ok(!rendered.includes('bottom'))
})
