/**
 * Leaks the long HAR fuzz run found (issue 8): secrets in JSON quoted inside text, in HAR header
 * objects, in a URL whose scheme is mangled, and secrets cut in half by a length limit.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { clipRedacted, redactSecrets } from '../../src/core/redact.js'

const SECRET = 'FAKEJ4jpTLJ7mZMgr8dY8'

test('a HAR header object hides the value of a secret header, at any level of quoting', () => {
  assert.equal(redactSecrets(`{"name":"Cookie","value":"session=${SECRET}; other=1"}`), '{"name":"Cookie","value":"[redacted, 38 chars]"}')
  const once = JSON.stringify(JSON.stringify({ name: 'x-api-key', value: SECRET }))
  assert.ok(!redactSecrets(once).includes(SECRET), redactSecrets(once))
  const twice = JSON.stringify(once)
  assert.ok(!redactSecrets(twice).includes(SECRET), redactSecrets(twice))
  assert.equal(redactSecrets('{"name":"Accept","value":"application/json"}'), '{"name":"Accept","value":"application/json"}')
})

test('escaped JSON pairs inside a string hide secret values and keep the rest', () => {
  const quoted = JSON.stringify(JSON.stringify({ access_token: SECRET, displayName: 'Adele', code: 'Authorization_RequestDenied' }))
  const out = redactSecrets(quoted)
  assert.ok(!out.includes(SECRET), out)
  assert.ok(out.includes('Adele') && out.includes('Authorization_RequestDenied'), out)
})

test('a value cut short inside quoted JSON is hidden up to the cut', () => {
  const out = redactSecrets(`"{\\"name\\":\\"Cookie\\",\\"value\\":\\"session=${SECRET.slice(0, 12)}…"`)
  assert.ok(!out.includes(SECRET.slice(0, 12)), out)
})

test('a URL password is hidden when the scheme before it is mangled', () => {
  for (const url of [`https:/%/admin:${SECRET}@graph.microsoft.com/v1.0/me`, `https:|u4&:f=|sM//admin:${SECRET}@graph.microsoft.com`]) {
    assert.ok(!redactSecrets(url).includes(SECRET), redactSecrets(url))
  }
  assert.equal(redactSecrets('GET /v1.0/users/adele@contoso.com'), 'GET /v1.0/users/adele@contoso.com')
})

test('clipRedacted redacts before it cuts, so half a secret never survives', () => {
  const text = `${'x'.repeat(370)} https://admin:${SECRET}@graph.microsoft.com/v1.0/me`
  assert.ok(redactSecrets(`${text.slice(0, 399)}…`).includes(SECRET.slice(0, 10)), 'cut first, the password has lost its @ and is not recognised')
  const clipped = clipRedacted(text, 400)
  assert.ok(!clipped.includes(SECRET.slice(0, 6)), clipped)
  assert.ok(clipped.length <= 400 && clipped.endsWith('…'))
  assert.equal(clipRedacted('short', 400), 'short')
})
