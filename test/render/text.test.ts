import { test } from 'node:test'
import assert from 'node:assert/strict'
import { renderText } from '../../src/render/text.js'
import { ANSI_PATTERN, stripAnsi } from '../../src/render/style.js'
import { fakeSignature, delegatedToken } from '../helpers/tokens.js'
import { failedResult, permissionFinding, sampleDiagnosis } from './sample-diagnosis.js'

const plain = renderText(sampleDiagnosis, { colour: false })

test('each result opens with a header line: method, URL, status and source', () => {
  const lines = plain.split('\n')
  assert.equal(lines[0], 'GET https://graph.microsoft.com/v1.0/me → 200 (capture.har#1)')
  assert.ok(lines.includes('GET https://graph.microsoft.com/v1.0/users → 403 (capture.har#2)'))
  assert.ok(lines.includes('GET /me/messages → 404 (capture.har#3/2)'))
})

test('a healthy result says so, and a $batch sub-request names its batch', () => {
  assert.match(plain, /capture\.har#1\)\n  ✔ no problems found\n/)
  assert.match(plain, /sub-request 2 of the \$batch in capture\.har#3/)
})

test('findings keep the order diagnose ranked them in, each with severity marker, title and id', () => {
  const error = plain.indexOf('✖ error The token holds no permission this call accepts [permission-missing]')
  const warning = plain.indexOf('▲ warning This endpoint is not in the permission catalogue [endpoint-unknown]')
  assert.ok(error > 0 && warning > error, plain)
  assert.match(plain, /ℹ info The mailbox is not licensed \[user-not-licensed\]/)
})

test('evidence lines name the source and field; the note follows in parentheses', () => {
  assert.match(plain, /\n +token scp: openid profile email User\.Read\n/)
  assert.match(plain, /body error\.code: Authorization_RequestDenied +\(Graph said: Insufficient privileges \| more\)/)
})

test('fix steps are numbered and multi-line steps stay indented under their number', () => {
  assert.match(plain, /\n +1\. Add the delegated permission User\.ReadBasic\.All/)
  assert.match(plain, /\n( +)2\. Grant admin consent:\n\1   az ad app permission admin-consent --id aaaaaaaa/)
  assert.match(plain, /\n +3\. az ad app permission add/)
})

test('the permission block and links are shown', () => {
  assert.match(plain, /least privileged: User\.ReadBasic\.All/)
  assert.match(plain, /accepted: User\.ReadBasic\.All, User\.Read\.All/)
  assert.match(plain, /granted: User\.Read\n/)
  assert.match(plain, /Microsoft Graph permissions reference: https:\/\/learn\.microsoft\.com\/graph\/permissions-reference/)
})

test('the output ends with a one-line summary counted by severity', () => {
  assert.ok(plain.endsWith('\n\nChecked 3 exchanges: 1 error, 1 warning, 1 info.\n'), plain.slice(-120))
  assert.equal(renderText({ results: [] }, { colour: false }), 'Checked 0 exchanges: 0 errors, 0 warnings, 0 info.\n')
})

test('colour: false emits no ANSI code; colour: true emits some and the same text underneath', () => {
  assert.doesNotMatch(plain, ANSI_PATTERN)
  const coloured = renderText(sampleDiagnosis, { colour: true })
  assert.match(coloured, ANSI_PATTERN)
  assert.equal(stripAnsi(coloured), plain)
})

test('a response-only result reads "(no request: response only)" and "no response" for a missing status', () => {
  const text = renderText({ results: [{ ...failedResult, request: { method: null, url: null }, status: null }] }, { colour: false })
  assert.match(text, /^\(no request: response only\) → no response \(capture\.har#2\)/)
})

test('a token that slipped into evidence is redacted: neither the JWT nor its signature is printed', () => {
  const token = delegatedToken()
  const leaky = { ...permissionFinding, evidence: [{ source: 'header' as const, field: 'Authorization', value: `Bearer ${token}` }] }
  const text = renderText({ results: [{ ...failedResult, findings: [leaky] }] }, { colour: false })
  assert.ok(!text.includes(token))
  assert.ok(!text.includes(fakeSignature()))
  assert.match(text, /header Authorization: /)
})
