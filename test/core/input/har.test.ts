import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { parseInput } from '../../../src/core/input/index.js'
import { delegatedToken } from '../../helpers/tokens.js'

const har = (entries: unknown): string => JSON.stringify({ log: { version: '1.2', entries } })
const entry = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  startedDateTime: '2026-11-20T10:00:00.000Z',
  request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me', headers: [] },
  response: { status: 200, headers: [], content: { text: '{}' } },
  ...overrides,
})

function formatError(text: string, message: string): void {
  assert.throws(() => parseInput(text, 'capture.har'), (error: unknown) =>
    isGraphDoctorError(error) && error.code === 'ERR_INPUT_FORMAT' && error.message === message)
}

test('a HAR without log.entries, not JSON, or with no entries is unusable', () => {
  formatError('{"log":{"version":"1.2"}}', 'capture.har: line 1: invalid HAR: log.entries is missing or not an array')
  formatError('{"log":{"version":"1.2",\n"entries":[}', 'capture.har: not valid JSON, so not a HAR (syntax error at line 2)')
  formatError(har([]), 'capture.har: the HAR has no entries')
})

test('a HAR whose only entry is broken throws naming the entry and field', () => {
  formatError(har([entry({ response: { status: 'oops', headers: [] } })]), 'capture.har: entry 1: response.status is not a number')
  formatError(har([entry({ request: { url: 'https://graph.microsoft.com/v1.0/me' } })]), 'capture.har: entry 1: request.method is not a string')
})

test('broken entries among readable ones become unreadable exchanges, never carrying content', () => {
  const token = delegatedToken()
  const exchanges = parseInput(har([
    'not an entry',
    entry({ request: { method: 'GET', url: 42, headers: [{ name: 'Authorization', value: `Bearer ${token}` }] } }),
    entry({ response: { status: 200, headers: {} } }),
    entry(),
    entry({ response: { status: 200, headers: [], content: { encoding: 'base64', text: '***' } } }),
  ]), 'capture.har')
  assert.deepEqual(exchanges.map((exchange) => exchange.unreadable), [
    'the entry is not an object',
    'request.url is not a string',
    'response.headers is not an array',
    undefined,
    'response.content.text is not valid base64',
  ])
  assert.ok(!JSON.stringify(exchanges).includes(token.split('.')[2] ?? 'x'))
})

test('status 0 (blocked or cancelled) means no response; missing content means no body', () => {
  const [blocked, noBody] = parseInput(har([entry({ response: { status: 0, headers: [] } }), entry({ response: { status: 204, headers: [] } })]), 'c.har')
  assert.equal(blocked?.response, undefined)
  assert.ok(blocked?.request)
  assert.deepEqual(noBody?.response, { status: 204, headers: [] })
})

test('form params become the request body; header order and repeats are kept; bad header items are skipped', () => {
  const [exchange] = parseInput(har([entry({
    request: {
      method: 'POST', url: 'https://login.microsoftonline.com/common/oauth2/v2.0/token', headers: [],
      postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'grant_type', value: 'client_credentials' }, { name: 'scope', value: 'https://graph.microsoft.com/.default' }] },
    },
    response: { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Negotiate' }, { value: 'no name' }, { name: 'www-authenticate', value: 'Bearer realm=""' }] },
  })]), 'c.har')
  assert.equal(exchange?.request?.body, 'grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default')
  assert.deepEqual(exchange?.response?.headers, [['WWW-Authenticate', 'Negotiate'], ['www-authenticate', 'Bearer realm=""']])
})

test('an invalid startedDateTime is left out; base64 binary content is left out', () => {
  const [exchange] = parseInput(har([entry({ startedDateTime: 'yesterday', response: { status: 200, headers: [], content: { encoding: 'base64', text: '/w==' } } })]), 'c.har')
  assert.equal(exchange?.startedAt, undefined)
  assert.equal(exchange?.response?.body, undefined)
})

test('UTF-8 in base64 content is decoded as UTF-8', () => {
  const text = '{"error":{"code":"x","message":"Zugriff verweigert – ü"}}'
  const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(text)))
  const [exchange] = parseInput(har([entry({ response: { status: 403, headers: [], content: { encoding: 'base64', text: base64 } } })]), 'c.har')
  assert.equal(exchange?.response?.body, text)
})
