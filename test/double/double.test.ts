import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { findingIds } from '../../src/core/catalogue.js'
import { sha256 } from './bodies.js'
import { findingCall } from './finding-calls.js'
import { startGraphDouble } from './server.js'

const scenario = (name: string): Record<string, string> => ({ 'x-double-scenario': name })

test('the double answers one scripted call per finding id with the fixture status and body', async () => {
  const double = await startGraphDouble()
  try {
    for (const id of findingIds) {
      const call = findingCall(id)
      const init = { method: call.method, headers: { ...call.headers, ...scenario(`finding:${id}`) }, ...(call.body === undefined ? {} : { body: call.body }) }
      const response = await fetch(`${double.url}${call.path}`, init)
      assert.equal(response.status, call.response.status, id)
      if (call.response.cutOff === true) {
        await assert.rejects(response.text(), `${id}: the body is cut off`)
      } else {
        assert.equal(await response.text(), call.response.body, id)
      }
    }
  } finally {
    await double.close()
  }
})

test('large, chunked and gzip bodies carry their SHA-256; echo reports the upload', async () => {
  const double = await startGraphDouble()
  try {
    for (const name of ['large:3000000', 'chunked:1000001', 'gzip']) {
      const response = await fetch(`${double.url}/v1.0/me/drive/root/content`, { headers: { ...scenario(name), 'accept-encoding': 'identity' } })
      const bytes = new Uint8Array(await response.arrayBuffer())
      if (name !== 'gzip') assert.equal(sha256(bytes), response.headers.get('x-double-sha256'), name)
      else assert.equal(response.headers.get('content-encoding'), 'gzip')
    }
    const upload = 'u'.repeat(100_000)
    const echo = await (await fetch(`${double.url}/v1.0/me/drive/root:/a.txt:/content`, { method: 'PUT', headers: scenario('echo'), body: upload })).json() as { bodySha256: string; method: string }
    assert.deepEqual([echo.method, echo.bodySha256], ['PUT', sha256(upload)])
  } finally {
    await double.close()
  }
})

test('throttling answers 429 with Retry-After, then 200; $batch answers each sub-request by its scenario', async () => {
  const double = await startGraphDouble()
  try {
    const first = await fetch(`${double.url}/v1.0/users`, { headers: scenario('throttle:1:3') })
    assert.deepEqual([first.status, first.headers.get('retry-after')], [429, '3'])
    assert.equal((await fetch(`${double.url}/v1.0/users`, { headers: scenario('throttle:1:3') })).status, 200)
    const batch = await fetch(`${double.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/me' }, { id: '2', method: 'GET', url: '/users', headers: scenario('finding:permission-missing') }] }),
    })
    const { responses } = await batch.json() as { responses: Array<{ id: string; status: number }> }
    assert.deepEqual(responses.map((item) => [item.id, item.status]), [['1', 200], ['2', 403]])
  } finally {
    await double.close()
  }
})

test('claims scenario: 401 insufficient_claims until the token endpoint issues a token for the claims', async () => {
  const double = await startGraphDouble({ scenario: 'claims' })
  try {
    const challenge = await fetch(`${double.url}/v1.0/me`)
    assert.equal(challenge.status, 401)
    assert.match(challenge.headers.get('www-authenticate') ?? '', /insufficient_claims/)
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'x', claims: '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}' })
    const { access_token: token } = await (await fetch(`${double.url}/tenant/oauth2/v2.0/token`, { method: 'POST', body: form })).json() as { access_token: string }
    assert.equal((await fetch(`${double.url}/v1.0/me`, { headers: { authorization: `Bearer ${token}` } })).status, 200)
  } finally {
    await double.close()
  }
})

test('faults: reset and reset-mid break the connection, 5xx answers Graph-style, a stalled response notices its client leaving', async () => {
  const double = await startGraphDouble()
  try {
    await assert.rejects(fetch(`${double.url}/v1.0/me`, { headers: scenario('reset') }))
    await assert.rejects(async () => (await fetch(`${double.url}/v1.0/me`, { headers: scenario('reset-mid') })).text())
    const unavailable = await fetch(`${double.url}/v1.0/me`, { headers: scenario('status:503') })
    assert.equal(unavailable.status, 503)
    assert.equal(((await unavailable.json()) as { error: { code: string } }).error.code, 'serviceNotAvailable')
    const aborted = double.nextAbort()
    const stalled = httpRequest(`${double.url}/v1.0/me`, { headers: scenario('stall') })
    stalled.on('error', () => undefined)
    stalled.end(() => setImmediate(() => stalled.destroy()))
    await aborted
  } finally {
    await double.close()
  }
})
