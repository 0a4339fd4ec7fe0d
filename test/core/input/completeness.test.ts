import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Exchange, HttpResponse } from '../../../src/core/exchange.js'
import { missingForDiagnosis, responseLabel } from '../../../src/core/input/index.js'

const response = (status: number, body?: string): HttpResponse => (body === undefined ? { status, headers: [] } : { status, headers: [], body })

test('a Graph response without its request lacks the request, and the token when none was sent', () => {
  const bare: Exchange = { source: 'stdin', format: 'graph-error', response: response(403, '{"error":{"code":"Forbidden","message":""}}') }
  assert.equal(missingForDiagnosis(bare), 'the request (method and URL) and the token that was sent')
  const withToken: Exchange = { source: 'flags', format: 'flags', request: { method: 'GET', url: '', headers: [['Authorization', 'Bearer x']] }, response: response(401) }
  assert.equal(missingForDiagnosis(withToken), 'the request (method and URL)')
})

test('a token-endpoint error, a request with its URL and an unreadable entry lack nothing', () => {
  const tokenError: Exchange = { source: 'stdin', format: 'token-error', response: response(400, '{"error":"invalid_grant","error_description":"AADSTS50076: MFA"}') }
  assert.equal(missingForDiagnosis(tokenError), undefined)
  const call: Exchange = { source: 'flags', format: 'flags', request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me', headers: [] } }
  assert.equal(missingForDiagnosis(call), undefined)
  assert.equal(missingForDiagnosis({ source: 'x.har entry 2', format: 'har', unreadable: 'no response' }), undefined)
})

test('the label names status and a plain code, never a long or odd code', () => {
  assert.equal(responseLabel({ source: 's', format: 'graph-error', response: response(403, '{"error":{"code":"Forbidden","message":""}}') }), 'a 403 response (Forbidden)')
  assert.equal(responseLabel({ source: 's', format: 'graph-error', response: response(0, `{"error":{"code":"${'x'.repeat(80)}","message":""}}`) }), 'a response')
  assert.equal(responseLabel({ source: 's', format: 'graph-error', response: response(0, '{"error":{"code":"eyJ0eXAi OiJKV1Qi","message":""}}') }), 'a response')
})
