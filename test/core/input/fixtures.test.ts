import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getHeader, getHeaders } from '../../../src/core/exchange.js'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { expandBatches, parseInput } from '../../../src/core/input/index.js'
import { parseGraphError, parseTokenEndpointError } from '../../../src/core/response/index.js'

const read = (file: string): string => readFileSync(join('test', 'fixtures', 'inputs', file), 'utf8')

test('a HAR gives one exchange per entry in order, decodes base64 content and keeps the broken entry as unreadable', () => {
  const exchanges = parseInput(read('capture.har'), 'capture.har')
  assert.deepEqual(exchanges.map((exchange) => exchange.source), ['capture.har entry 1', 'capture.har entry 2', 'capture.har entry 3'])
  const [first, broken, token] = exchanges
  assert.equal(first?.format, 'har')
  assert.equal(first?.startedAt, '2026-11-20T10:00:00.000Z')
  assert.equal(first?.response?.status, 401)
  assert.equal(first?.response?.statusText, 'Unauthorized')
  assert.equal(parseGraphError(first?.response?.body)?.code, 'InvalidAuthenticationToken')
  assert.match(getHeader(first?.request?.headers ?? [], 'authorization') ?? '', /^Bearer eyJ/)
  assert.deepEqual(broken, { source: 'capture.har entry 2', format: 'har', unreadable: 'response.status is not a number' })
  assert.equal(token?.request?.body, 'grant_type=refresh_token&client_id=x&scope=User.Read')
  assert.deepEqual(parseTokenEndpointError(token?.response?.body)?.codes, [50076])
})

test('a curl -v transcript over HTTP/2 gives the request, the CAE header and the body without curl noise', () => {
  const [exchange, ...rest] = parseInput(read('curl-http2.txt'), 'curl-http2.txt')
  assert.equal(rest.length, 0)
  assert.equal(exchange?.format, 'curl')
  assert.equal(exchange?.request?.method, 'GET')
  assert.equal(exchange?.request?.url, 'https://graph.microsoft.com/v1.0/me')
  assert.equal(exchange?.response?.status, 401)
  assert.equal(getHeaders(exchange?.response?.headers ?? [], 'www-authenticate').length, 1)
  assert.equal(getHeader(exchange?.response?.headers ?? [], 'request-id'), 'req-1')
  assert.equal(parseGraphError(exchange?.response?.body)?.code, 'InvalidAuthenticationToken')
})

test('a raw HTTP exchange with CRLF line ends gives request body, status text and response body', () => {
  const [exchange] = parseInput(read('raw-crlf.http'), 'raw-crlf.http')
  assert.equal(exchange?.format, 'raw-http')
  assert.equal(exchange?.request?.method, 'PATCH')
  assert.equal(exchange?.request?.url, 'https://graph.microsoft.com/v1.0/users/adele@contoso.example')
  assert.deepEqual(JSON.parse(exchange?.request?.body ?? 'null'), { passwordProfile: { forceChangePasswordNextSignIn: true, password: 'not-a-real-password' } })
  assert.equal(exchange?.response?.status, 403)
  assert.equal(exchange?.response?.statusText, 'Forbidden')
  assert.ok(!(exchange?.response?.body ?? '').includes('\r'), 'no CR left in the body')
  assert.equal(parseGraphError(exchange?.response?.body)?.code, 'Authorization_RequestDenied')
})

test('a token-endpoint error body with a BOM becomes a request-less 400 exchange', () => {
  const exchanges = parseInput(read('token-error.json'), 'token-error.json')
  assert.equal(exchanges.length, 1)
  assert.equal(exchanges[0]?.request, undefined)
  assert.equal(exchanges[0]?.format, 'token-error')
  assert.equal(exchanges[0]?.response?.status, 400)
  assert.deepEqual(parseTokenEndpointError(exchanges[0]?.response?.body)?.suberror, 'basic_action')
})

test('an MSAL error becomes the token-endpoint error shape with codes taken from the message', () => {
  const [exchange] = parseInput(read('msal-error.json'), 'msal-error.json')
  assert.equal(exchange?.format, 'msal-error')
  assert.deepEqual(JSON.parse(exchange?.response?.body ?? '{}'), {
    error: 'invalid_grant',
    error_description: 'AADSTS65001: The user or administrator has not consented to use the application. Trace ID: t-2 Correlation ID: c-2 Timestamp: 2026-11-20 10:00:00Z',
    error_codes: [65001],
    suberror: 'consent_required',
    correlation_id: 'c-2',
  })
  assert.equal(parseTokenEndpointError(exchange?.response?.body)?.description, 'AADSTS65001: The user or administrator has not consented to use the application.')
})

test('a $batch of 3 sub-requests becomes 3 exchanges with the outer token, resolved URLs and matched responses', () => {
  const exchanges = expandBatches(parseInput(read('batch.har'), 'batch.har'))
  assert.deepEqual(exchanges.map((exchange) => [exchange.source, exchange.request?.method, exchange.request?.url, exchange.response?.status]), [
    ['batch.har entry 1 batch request 1', 'GET', 'https://graph.microsoft.com/v1.0/me', 200],
    ['batch.har entry 1 batch request 2', 'GET', 'https://graph.microsoft.com/v1.0/users/adele@contoso.example/messages?$top=1', 200],
    ['batch.har entry 1 batch request 3', 'PATCH', 'https://graph.microsoft.com/v1.0/users/adele@contoso.example', 403],
  ])
  const denied = exchanges[2]
  assert.equal(denied?.format, 'batch')
  assert.deepEqual(denied?.batch, { source: 'batch.har entry 1', requestId: '3' })
  assert.match(getHeader(denied?.request?.headers ?? [], 'authorization') ?? '', /^Bearer eyJ/)
  assert.deepEqual(JSON.parse(denied?.request?.body ?? 'null'), { passwordProfile: { password: 'not-a-real-password' } })
  assert.equal(parseGraphError(denied?.response?.body)?.code, 'Authorization_RequestDenied')
  assert.equal(getHeader(denied?.response?.headers ?? [], 'date'), 'Fri, 20 Nov 2026 10:00:00 GMT')
  assert.equal(denied?.startedAt, '2026-11-20T10:00:00.000Z')
})

test('binary and empty files are refused with one line naming the file', () => {
  assert.throws(() => parseInput(read('binary.bin'), 'binary.bin'), (error: unknown) =>
    isGraphDoctorError(error) && error.code === 'ERR_INPUT_FORMAT' && /^binary\.bin: line \d+: binary data/.test(error.message))
  assert.throws(() => parseInput(read('empty.txt'), 'empty.txt'), (error: unknown) =>
    isGraphDoctorError(error) && error.code === 'ERR_INPUT_EMPTY' && error.message === 'empty.txt: the input is empty')
})
