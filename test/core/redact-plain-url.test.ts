/**
 * The quick proof of src/core/redact/plain-url.ts: whatever URL (or JSON literal of one) it calls
 * plain, redactSecrets leaves unchanged; URLs with planted secrets are never called plain.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { redactSecrets } from '../../src/core/redact.js'
import { isPlainUrl } from '../../src/core/redact/plain-url.js'
import { plantedArbitrary } from '../fuzz/secrets.js'
import { delegatedToken } from '../helpers/tokens.js'

const SECRET_NAMES = ['code', 'token_', 'access_token.', 'Pass-Word$', 'client_secret', 'clientSecret', 'sig', 'access_token', 'id_token', 'refresh_token', 'password', 'pwd', 'x-api-key', 'token', 'Cookie', 'Set-Cookie', 'authorization', 'Proxy-Authorization', 'api.key', 'otp', 'pin']
const OTHER_NAMES = ['$select', '$top', '$filter', 'skiptoken', '$skiptoken', 'deltatoken', 'redirect_uri', 'state', 'codes', 'encode', 'root', 'https', 'x']
const name = fc.constantFrom(...SECRET_NAMES, ...OTHER_NAMES)
const value = fc.oneof(
  fc.constantFrom('abc', 'FAKEsecret1234', '7000215', 'Authorization_RequestDenied', 'eyJ0eXAiOiJKV1QifQ', 'e30', 'EwBAAAAAbc', 'x'.repeat(39), 'aB3'.repeat(14), '0.AXoA', "'a'"),
  fc.stringMatching(/^[A-Za-z0-9._~%-]{0,16}$/),
)
/** Pieces of URLs that come close to a secret: pairs under secret names, separators, colons, `@`, JWT and token shapes. */
const piece = fc.oneof(
  fc.tuple(name, fc.constantFrom('=', '%3D', '%3d', ':', "':", '%3A', ''), value).map(([n, sep, v]) => `${n}${sep}${v}`),
  fc.constantFrom('https://', 'http://', '/', '?', '&', '#', '@', ':', '%2E', '.', "'", '(', ')', ',', '$', '+', '~', '!', '*', ';', '=', '%',
    'graph.microsoft.com', '/v1.0/users/', 'admin:', 'user:pw@', '/19:abc', '@thread.v2', 'root:', 'e', 'ew', 'ey', 'eyJhbGciOiJub25lIn0', 'Ew', 'EwA', 'A'.repeat(20)),
  fc.stringMatching(/^[A-Za-z0-9._/-]{0,24}$/),
  fc.string({ maxLength: 4 }),
)
const urlish = fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join(''))

test('a URL called plain, as text or as its JSON literal, is one redactSecrets leaves unchanged', () => {
  fc.assert(fc.property(urlish, (text) => {
    for (const candidate of [text, JSON.stringify(text)]) {
      if (isPlainUrl(candidate)) assert.equal(redactSecrets(candidate), candidate)
    }
  }), { numRuns: 30_000 })
})

test('URLs with planted secrets are never called plain', () => {
  fc.assert(fc.property(plantedArbitrary, (planted) => {
    for (const text of [planted.url, planted.query, planted.jwt, `https://graph.microsoft.com/v1.0/me?${planted.query}`, `https://app.example/cb#${planted.query}`]) {
      if (redactSecrets(text) === text) continue
      assert.equal(isPlainUrl(text), false, text)
      assert.equal(isPlainUrl(JSON.stringify(text)), false, text)
    }
  }), { numRuns: 300 })
  const jwt = delegatedToken()
  for (const text of [`https://host/x/${jwt}`, `https://host/x?sig=${'Ab1'.repeat(5)}`, 'https://host/cb?code=0.AXoAabc-def', 'https://host/cb#access_token=abc123&x=1', 'https://host/?client_secret=abcd',
    `https://host/x/EwA${'aB3'.repeat(70)}`, 'https://admin:pw@host/x', "https://host/x?q='password':abcdef", `https://host/x/${'aB3'.repeat(14)}`])
    assert.equal(isPlainUrl(text), false, text)
})

test('the healthy calls of a capture are plain: Graph URLs with queries, OData functions, times', () => {
  for (const text of ['https://graph.microsoft.com/v1.0/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301/messages', 'https://graph.microsoft.com/v1.0/me/messages?$top=10&$select=subject',
    "https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,%27a%27)", 'https://graph.microsoft.com/v1.0/me/photo/$value', 'https://graph.microsoft.com/v1.0/me/drive/root:/Documents/a.txt:/content',
    'https://graph.microsoft.com/v1.0/users/9e3779b1-9e37-4e37-8779-9e3779b19e37/messages/AAMk9e3779b1=', '2026-11-20T10:00:00.000Z', 'https://graph.microsoft.com/v1.0/users/adele@contoso.example'])
    for (const candidate of [text, JSON.stringify(text)]) assert.equal(isPlainUrl(candidate), true, candidate)
  for (const text of ['"https://host/a b"', '"https://host/\\"x"', '"https://host/"x"', 'https://host/é', '"', '"x'])
    assert.equal(isPlainUrl(text), false, text)
})
