/**
 * The rewrites of the nine regular expressions that recheck found super-linear (test/redos.test.ts)
 * keep what they did: these pin the results on inputs shaped like the attacks, at sizes the old code
 * still finished.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { expandBatches, parseInput } from '../../src/core/input/index.js'
import { parseTokenEndpointError } from '../../src/core/response/index.js'
import { decodeBase64Text } from '../../src/core/token/base64url.js'
import { classifyAudience } from '../../src/core/token/audience.js'
import { trimTrailing } from '../../src/core/trim.js'

test('token-endpoint descriptions lose their Trace ID/Correlation ID/Timestamp trailer, whatever its shape', () => {
  const description = (text: string): string | undefined =>
    parseTokenEndpointError(JSON.stringify({ error: 'invalid_client', error_description: text }))?.description
  assert.equal(description('AADSTS7000215: Invalid client secret.\r\nTrace ID: a\r\nCorrelation ID: b\r\nTimestamp: 2026-11-20 10:00:00Z'), 'AADSTS7000215: Invalid client secret.')
  assert.equal(description('AADSTS7000215: Invalid. Trace ID: a Correlation ID: b Timestamp: c'), 'AADSTS7000215: Invalid.')
  assert.equal(description('AADSTS1: x\n\n  timestamp: 1\n\n'), 'AADSTS1: x')
  assert.equal(description(`AADSTS1: x${'\nTimestamp:'.repeat(12)}\n`), 'AADSTS1: x', 'the exponential case, 12 repeats')
  assert.equal(description(`AADSTS1: x${'\nTimestamp:'.repeat(12)}\nmore`), `AADSTS1: x${'\nTimestamp:'.repeat(12)}\nmore`, 'text after the keys is kept')
  assert.equal(description('Trace ID: a\nnot a key\nTimestamp: b'), 'Trace ID: a\nnot a key')
  assert.equal(description('no trailer here'), 'no trailer here')
})

test('curl: progress-meter lines are dropped, a glued connection trailer is cut off the body', () => {
  const transcript = (lines: string[]): string => ['> GET /v1.0/me HTTP/1.1', '> Host: graph.microsoft.com', '>', '< HTTP/1.1 403 Forbidden', '<', ...lines].join('\n')
  const body = (lines: string[]): string | undefined => parseInput(transcript(lines), 'c.txt')[0]?.response?.body
  assert.equal(body(['{"a":1}', '100    42  100    42    0     0    210      0 --:--:-- --:--:-- --:--:--   210']), '{"a":1}')
  assert.equal(body(['{"a":1}', '  0     0    0     0    0     0      0      0  0:00:01  0:00:01 --:--:--     0']), '{"a":1}')
  assert.equal(body(['1:23:45 is a time in the body']), '1:23:45 is a time in the body', 'one character before the hours is not a progress line')
  assert.equal(body(['{"a":1}* Connection #0 to host graph.microsoft.com left intact']), '{"a":1}')
  assert.equal(body(['{"a":1}* Closing connection 0']), '{"a":1}')
  assert.equal(body(['x* Closing connection 0* Connection #0 to host h left intact']), 'x', 'the leftmost trailer wins')
  assert.equal(body([`x${'* Connection #1 to host '.repeat(200)}y`]), `x${'* Connection #1 to host '.repeat(200)}y`, 'no "left intact": kept')
  assert.equal(body(['x* Connection #1 to host left intact']), 'x* Connection #1 to host left intact', 'the host part needs its space')
})

test('raw HTTP: the status text is trimmed, trailing body whitespace too', () => {
  const [exchange] = parseInput(`HTTP/1.1 403   Forbidden   \n\n{"a":1}${' '.repeat(3000)}\n\n`, 'r.http')
  assert.equal(exchange?.response?.statusText, 'Forbidden')
  assert.equal(exchange?.response?.body, '{"a":1}')
  assert.equal(parseInput('HTTP/2 401\n\n{}', 'r.http')[0]?.response?.statusText, undefined)
})

test('$batch sub-request URLs resolve against the outer URL without its $batch, query or fragment', () => {
  const resolved = (outer: string, url: string): string | undefined => expandBatches([{
    source: 's', format: 'har',
    request: { method: 'POST', url: outer, headers: [], body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url }] }) },
  }])[0]?.request?.url
  assert.equal(resolved('https://graph.microsoft.com/v1.0/$batch', '/me'), 'https://graph.microsoft.com/v1.0/me')
  assert.equal(resolved('https://graph.microsoft.com/v1.0/%24batch/?x=1#f', 'users?$top=1'), 'https://graph.microsoft.com/v1.0/users?$top=1')
  assert.equal(resolved('https://graph.microsoft.com/beta/$BATCH?a=/$batch', 'me'), 'https://graph.microsoft.com/beta/me')
})

test('trailing slashes and base64 padding are trimmed without a regular expression', () => {
  assert.equal(trimTrailing('https://graph.microsoft.com///', '/'), 'https://graph.microsoft.com')
  assert.equal(trimTrailing('////', '/'), '')
  assert.equal(trimTrailing('a/b', '/'), 'a/b')
  assert.equal(classifyAudience('https://graph.microsoft.com//').kind, classifyAudience('https://graph.microsoft.com').kind)
  assert.equal(decodeBase64Text('eyJhIjoxfQ=='), '{"a":1}')
  assert.equal(decodeBase64Text('eyJhIjoxfQ==='), undefined, 'three pads are not base64')
})
