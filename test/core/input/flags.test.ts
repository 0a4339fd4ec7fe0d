import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { exchangeFromFlags } from '../../../src/core/input/index.js'

test('flags build one exchange with a Bearer token and the request line', () => {
  assert.deepEqual(exchangeFromFlags({ method: 'patch', url: 'https://graph.microsoft.com/v1.0/me', status: 403, token: ' eyJa.b.c ' }), {
    source: 'flags',
    format: 'flags',
    request: { method: 'PATCH', url: 'https://graph.microsoft.com/v1.0/me', headers: [['Authorization', 'Bearer eyJa.b.c']] },
    response: { status: 403, headers: [] },
  })
})

test('a token that already has a scheme is kept; an empty one is an empty Bearer', () => {
  const auth = (token: string): string | undefined => exchangeFromFlags({ url: '/me', token }).request?.headers[0]?.[1]
  assert.equal(auth('Bearer abc'), 'Bearer abc')
  assert.equal(auth('bearer Bearer abc'), 'bearer Bearer abc', 'a doubled Bearer is kept for token-malformed to see')
  assert.equal(auth('PoP abc'), 'PoP abc')
  assert.equal(auth(''), 'Bearer')
})

test('--header lines are routed: response headers to the response, the rest to the request', () => {
  const exchange = exchangeFromFlags({
    url: 'https://graph.microsoft.com/v1.0/me',
    status: 401,
    body: '{"error":{"code":"x","message":"y"}}',
    requestBody: '{"a":1}',
    headers: ['WWW-Authenticate: Bearer error="insufficient_claims", claims="e30="', 'Date: Fri, 20 Nov 2026 10:00:00 GMT', 'Content-Type: application/json', 'ConsistencyLevel: eventual', 'request-id: r-1', 'Retry-After: 5', 'x-ms-ags-diagnostic: {}', 'client-request-id: c-1'],
  })
  assert.deepEqual(exchange.request?.headers, [['ConsistencyLevel', 'eventual']])
  assert.equal(exchange.request?.body, '{"a":1}')
  assert.deepEqual(exchange.response?.headers.map(([name]) => name), ['WWW-Authenticate', 'Date', 'Content-Type', 'request-id', 'Retry-After', 'x-ms-ags-diagnostic', 'client-request-id'])
  assert.equal(exchange.response?.headers[0]?.[1], 'Bearer error="insufficient_claims", claims="e30="')
  assert.equal(exchange.response?.body, '{"error":{"code":"x","message":"y"}}')
})

test('Content-Type without a response body belongs to the request', () => {
  const exchange = exchangeFromFlags({ url: '/v1.0/users', method: 'POST', headers: ['Content-Type: application/json'] })
  assert.deepEqual(exchange.request?.headers, [['Content-Type', 'application/json']])
  assert.equal(exchange.response, undefined)
})

test('without --status the status comes from the body, else 0; without a URL there is no request', () => {
  assert.equal(exchangeFromFlags({ body: '{"error":"invalid_grant"}' }).response?.status, 400)
  assert.equal(exchangeFromFlags({ body: '{"error":{"code":"InvalidAuthenticationToken","message":""}}' }).response?.status, 401)
  assert.equal(exchangeFromFlags({ body: 'oops' }).response?.status, 0)
  assert.equal(exchangeFromFlags({ body: 'oops' }).request, undefined)
  assert.deepEqual(exchangeFromFlags({}), { source: 'flags', format: 'flags' })
})

test('a malformed --header is ERR_INVALID_OPTION naming its position, never its value', () => {
  assert.throws(() => exchangeFromFlags({ headers: ['Accept: */*', 'Bearer eyJsecret.value.sig'] }), (error: unknown) =>
    isGraphDoctorError(error) && error.code === 'ERR_INVALID_OPTION' && error.message === "--header number 2 is not 'Name: value'")
})
