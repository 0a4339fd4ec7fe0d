import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Exchange } from '../../../src/core/exchange.js'
import { getHeader } from '../../../src/core/exchange.js'
import { expandBatches } from '../../../src/core/input/index.js'

function batchCall(requests: unknown, responses: unknown, options: { status?: number; url?: string; body?: string } = {}): Exchange {
  return {
    source: 'cap.har entry 4',
    format: 'har',
    startedAt: '2026-11-20T10:00:00.000Z',
    request: {
      method: 'POST',
      url: options.url ?? 'https://graph.microsoft.us/beta/$batch',
      headers: [['Authorization', 'Bearer outer.token.sig']],
      body: JSON.stringify({ requests }),
    },
    response: { status: options.status ?? 200, headers: [], body: options.body ?? JSON.stringify({ responses }) },
  }
}

test('sub-requests follow request order, resolve against the outer origin and version, and match responses by id', () => {
  const exchanges = expandBatches([batchCall(
    [{ id: 'b', method: 'get', url: 'me' }, { id: 1, method: 'POST', url: '/groups', body: { displayName: 'x' } }, { id: 'abs', method: 'GET', url: 'https://graph.microsoft.us/v1.0/users' }],
    [{ id: 1, status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'no' } } }, { id: 'b', status: 200, body: 'plain' }],
  )])
  assert.deepEqual(exchanges.map((exchange) => [exchange.source, exchange.request?.method, exchange.request?.url, exchange.response?.status]), [
    ['cap.har entry 4 batch request b', 'GET', 'https://graph.microsoft.us/beta/me', 200],
    ['cap.har entry 4 batch request 1', 'POST', 'https://graph.microsoft.us/beta/groups', 403],
    ['cap.har entry 4 batch request abs', 'GET', 'https://graph.microsoft.us/v1.0/users', undefined],
  ])
  assert.equal(exchanges[1]?.request?.body, '{"displayName":"x"}')
  assert.equal(exchanges[1]?.response?.body, '{"error":{"code":"Authorization_RequestDenied","message":"no"}}')
  assert.equal(exchanges[0]?.response?.body, 'plain')
  assert.equal(exchanges[2]?.response, undefined, 'no matching response id')
  assert.equal(exchanges[2]?.startedAt, '2026-11-20T10:00:00.000Z')
})

test('the outer Authorization is added unless the sub-request has its own', () => {
  const [inherits, own] = expandBatches([batchCall(
    [{ id: '1', method: 'GET', url: '/me' }, { id: '2', method: 'GET', url: '/me', headers: { authorization: 'Bearer inner', 'ConsistencyLevel': 'eventual' } }],
    [],
  )])
  assert.equal(getHeader(inherits?.request?.headers ?? [], 'authorization'), 'Bearer outer.token.sig')
  assert.deepEqual(own?.request?.headers, [['authorization', 'Bearer inner'], ['ConsistencyLevel', 'eventual']])
})

test('a malformed sub-request or sub-response becomes unreadable; the others are read', () => {
  const exchanges = expandBatches([batchCall(
    [{ id: '1', method: 'GET' }, 'junk', { id: '3', method: 'GET', url: '/me' }, { id: '4', method: 'GET', url: '/me', headers: ['x'] }],
    [{ id: '3', status: '200' }],
  )])
  assert.deepEqual(exchanges.map((exchange) => [exchange.source, exchange.unreadable]), [
    ['cap.har entry 4 batch request 1', '$batch request 1: url is not a string'],
    ['cap.har entry 4 batch request #2', '$batch request #2: the sub-request has no id'],
    ['cap.har entry 4 batch request 3', '$batch request 3: response status is not a number'],
    ['cap.har entry 4 batch request 4', '$batch request 4: headers is not an object'],
  ])
  assert.deepEqual(exchanges[0]?.batch, { source: 'cap.har entry 4', requestId: '1' })
})

test('a batch body that is not JSON with requests becomes one unreadable exchange', () => {
  const outer: Exchange = { ...batchCall([], []), request: { method: 'POST', url: 'https://graph.microsoft.com/v1.0/$batch', headers: [], body: 'not json' } }
  const [exchange, ...rest] = expandBatches([outer])
  assert.equal(rest.length, 0)
  assert.equal(exchange?.unreadable, '$batch request body is not JSON with a "requests" array')
  assert.equal(exchange?.request?.url, 'https://graph.microsoft.com/v1.0/$batch')
})

test('a failed batch call without responses is kept unchanged, as are non-batch exchanges', () => {
  const failed = batchCall([{ id: '1', method: 'GET', url: '/me' }], undefined, { status: 401, body: '{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}' })
  const plain: Exchange = { source: 's', format: 'har', request: { method: 'POST', url: 'https://graph.microsoft.com/v1.0/users', headers: [] } }
  const getBatch: Exchange = { source: 'g', format: 'har', request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/$batch', headers: [] } }
  const tokenError: Exchange = { source: 't', format: 'token-error', response: { status: 400, headers: [] } }
  const input = [failed, plain, getBatch, tokenError]
  const output = expandBatches(input)
  assert.equal(output.length, 4)
  output.forEach((exchange, index) => assert.equal(exchange, input[index]))
})

test('a batch whose response was not captured still yields its sub-requests, without responses', () => {
  const outer = batchCall([{ id: '1', method: 'GET', url: '/me' }], [], { url: '/v1.0/$batch' })
  const { response: _dropped, ...withoutResponse } = outer
  const [exchange] = expandBatches([withoutResponse])
  assert.equal(exchange?.request?.url, '/v1.0/me')
  assert.equal(exchange?.response, undefined)
})

test('a sub-response without Date takes the outer Date; its own Date wins', () => {
  const outer = batchCall([{ id: '1', method: 'GET', url: '/me' }, { id: '2', method: 'GET', url: '/me' }], [
    { id: '1', status: 401, headers: {} },
    { id: '2', status: 401, headers: { Date: 'Sat, 21 Nov 2026 10:00:00 GMT' } },
  ])
  const withDate: Exchange = { ...outer, response: { status: 200, headers: [['Date', 'Fri, 20 Nov 2026 10:00:00 GMT']], body: outer.response?.body ?? '' } }
  const [first, second] = expandBatches([withDate])
  assert.equal(getHeader(first?.response?.headers ?? [], 'date'), 'Fri, 20 Nov 2026 10:00:00 GMT')
  assert.equal(getHeader(second?.response?.headers ?? [], 'date'), 'Sat, 21 Nov 2026 10:00:00 GMT')
})
