import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeClaimsChallenge, findClaimsChallenge, parseWwwAuthenticate } from '../../../src/core/response/index.js'

/** Verbatim from msgraph-sdk-dotnet#1416 (errors-and-tokens §3.2). */
const REAL_CAE_HEADER =
  'Bearer realm="", authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTY1NzgzNDQxNyJ9fX0=", errorDescription="Continuous access evaluation resulted in claims challenge with result: InteractionRequired and code: To…"'

test('the real CAE header keeps the unquoted URI, the base64 padding and the extra params', () => {
  const [challenge, ...rest] = parseWwwAuthenticate([REAL_CAE_HEADER])
  assert.equal(rest.length, 0)
  assert.equal(challenge?.scheme, 'Bearer')
  assert.deepEqual(challenge?.params, {
    realm: '',
    authorization_uri: 'https://login.microsoftonline.com/common/oauth2/authorize',
    client_id: '00000003-0000-0000-c000-000000000000',
    error: 'insufficient_claims',
    claims: 'eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTY1NzgzNDQxNyJ9fX0=',
    errordescription: 'Continuous access evaluation resulted in claims challenge with result: InteractionRequired and code: To…',
  })
})

test('the claims challenge of the real header decodes to the nbf claims request', () => {
  const found = findClaimsChallenge(parseWwwAuthenticate([REAL_CAE_HEADER]))
  assert.equal(found?.claims?.json, '{"access_token":{"nbf":{"essential":true, "value":"1657834417"}}}')
  assert.deepEqual(found?.claims?.parsed, { access_token: { nbf: { essential: true, value: '1657834417' } } })
})

test('the docs examples decode (auth context acrs and CAE nbf)', () => {
  const acrs = findClaimsChallenge(parseWwwAuthenticate([
    'Bearer authorization_uri="https://login.windows.net/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiY3AxIn19fQ=="',
  ]))
  assert.equal(acrs?.claims?.json, '{"access_token":{"acrs":{"essential":true,"value":"cp1"}}}')
  const nbf = decodeClaimsChallenge('eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=')
  assert.equal(nbf?.json, '{"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}')
})

test('an expired-token challenge without error is not a claims challenge', () => {
  const challenges = parseWwwAuthenticate([
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  ])
  assert.equal(challenges.length, 1)
  assert.equal(findClaimsChallenge(challenges), undefined)
  assert.equal(findClaimsChallenge(parseWwwAuthenticate(['Bearer error="invalid_token"'])), undefined)
})

test('several challenges in one header and across headers, in order', () => {
  const challenges = parseWwwAuthenticate([
    'Negotiate, Basic realm="contoso", charset="UTF-8"',
    'Bearer realm="x", error="insufficient_claims", claims="e30="',
  ])
  assert.deepEqual(challenges.map((challenge) => challenge.scheme), ['Negotiate', 'Basic', 'Bearer'])
  assert.deepEqual(challenges[1]?.params, { realm: 'contoso', charset: 'UTF-8' })
  assert.equal(findClaimsChallenge(challenges)?.challenge.scheme, 'Bearer')
})

test('quoted values keep escaped quotes and commas; names are lower-cased; first duplicate wins', () => {
  const [challenge] = parseWwwAuthenticate(['Bearer Realm="a \\"quoted\\", b", ERROR=Insufficient_Claims, realm="second"'])
  assert.deepEqual(challenge?.params, { realm: 'a "quoted", b', error: 'Insufficient_Claims' })
  assert.ok(findClaimsChallenge(challenge === undefined ? [] : [challenge]), 'error value compared case-insensitively')
})

test('a token68 credential and params separated by spaces only are read', () => {
  const challenges = parseWwwAuthenticate(['Negotiate YIIBhgYGKwYBBQUCoIIBejCCAXag==, Bearer realm="r" error="insufficient_claims"'])
  assert.deepEqual(challenges[0], { scheme: 'Negotiate', params: { token68: 'YIIBhgYGKwYBBQUCoIIBejCCAXag==' } })
  assert.deepEqual(challenges[1]?.params, { realm: 'r', error: 'insufficient_claims' })
})

test('empty, blank and garbage headers never throw', () => {
  assert.deepEqual(parseWwwAuthenticate([]), [])
  assert.deepEqual(parseWwwAuthenticate(['', '  ,, ']), [])
  assert.doesNotThrow(() => parseWwwAuthenticate(['"', '=', 'Bearer realm="unterminated', '==,,=="x"']))
  assert.deepEqual(parseWwwAuthenticate(['Bearer realm="unterminated'])[0]?.params, { realm: 'unterminated' })
})

test('a claims challenge without claims is still found, with no decoded claims', () => {
  const found = findClaimsChallenge(parseWwwAuthenticate(['Bearer error="insufficient_claims"']))
  assert.ok(found)
  assert.equal(found.claims, undefined)
})

test('decodeClaimsChallenge accepts base64url without padding, raw JSON, and rejects junk', () => {
  const json = '{"access_token":{"xms_cc":{"values":["cp1"]}}}'
  const base64url = btoa(json).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  assert.equal(decodeClaimsChallenge(base64url)?.json, json)
  assert.deepEqual(decodeClaimsChallenge(json)?.parsed, { access_token: { xms_cc: { values: ['cp1'] } } })
  assert.equal(decodeClaimsChallenge(''), undefined)
  assert.equal(decodeClaimsChallenge('not base64 at all!'), undefined)
  assert.equal(decodeClaimsChallenge('/w'), undefined, 'bytes that are not UTF-8')
  const notJson = decodeClaimsChallenge(btoa('plain text'))
  assert.deepEqual(notJson, { json: 'plain text' })
})

test('an empty unquoted param followed by more params is a param, not a token68', () => {
  assert.deepEqual(parseWwwAuthenticate(['Bearer realm=, error=invalid_token'])[0]?.params, { realm: '', error: 'invalid_token' })
  assert.deepEqual(parseWwwAuthenticate(['Negotiate abc=, Basic realm="x"'])[0]?.params, { token68: 'abc=' })
})

test('a param named like an Object.prototype member is kept', () => {
  assert.equal(parseWwwAuthenticate(['Bearer constructor="a", error="b"'])[0]?.params['constructor'], 'a')
})
