/** The redacted HAR of a proxy session (`proxy --report`): no header value under a secret name is kept. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sessionHar } from '../../src/live/proxy/har.js'
import type { LiveExchange } from '../../src/live/proxy/types.js'

const SECRETS = { 'x-api-key': 'k3y-Secret-12345', 'Ocp-Apim-Subscription-Key': '0123456789abcdef0123456789abcdef', 'x-client-secret': 'hunter2hunter2' }

const exchange: LiveExchange = {
  id: 1,
  startedAt: '2026-11-20T10:00:00.000Z',
  durationMs: 12,
  route: 'graph',
  method: 'GET',
  url: 'https://graph.microsoft.com/v1.0/me',
  requestHeaders: [...Object.entries(SECRETS), ['accept', 'application/json']],
  status: 403,
  responseHeaders: [['content-type', 'application/json'], ['x-api-key', 'k3y-Secret-12345']],
  responseBody: '{"error":{"code":"Forbidden","message":"Access denied."}}',
  responseBytes: 57,
  outcome: 'failed',
}

test('the session HAR hides every header value under a secret name (api keys, subscription keys, client secrets)', () => {
  const har = sessionHar([exchange], '0.0.0-test')
  for (const secret of Object.values(SECRETS)) assert.ok(!har.includes(secret), `session.har holds ${secret}`)
  const parsed = JSON.parse(har) as { log: { entries: Array<{ request: { headers: Array<{ name: string; value: string }> } }> } }
  const headers = parsed.log.entries[0]?.request.headers ?? []
  assert.deepEqual(headers.map(({ value }) => value), ['[redacted, 16 chars]', '[redacted, 32 chars]', '[redacted, 14 chars]', 'application/json'])
})
