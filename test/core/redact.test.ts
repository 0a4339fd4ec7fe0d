import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { redactBody, redactSecrets } from '../../src/core/redact.js'
import { appOnlyToken, delegatedToken } from '../helpers/tokens.js'
import { fakeJwe, jwtParts, opaqueMsaToken } from '../helpers/more-tokens.js'

const jwt = delegatedToken()
const signature = jwtParts(jwt)[2]

describe('redactSecrets', () => {
  it('replaces the credential after Bearer with its length', () => {
    assert.equal(redactSecrets(`Authorization: Bearer ${jwt}`), `Authorization: Bearer [redacted token, ${jwt.length} chars]`)
  })

  it('replaces a Basic credential', () => {
    assert.equal(redactSecrets('authorization: basic dXNlcjpwYXNzd29yZDEyMzQ='), 'authorization: basic [redacted token, 24 chars]')
  })

  it('replaces a JWT anywhere in text, also glued to other characters', () => {
    const text = `token=${jwt}, and again:${appOnlyToken()}!`
    const redacted = redactSecrets(text)
    assert.equal(redacted, `token=[redacted JWT, ${jwt.length} chars], and again:[redacted JWT, ${appOnlyToken().length} chars]!`)
  })

  it('replaces a JWE and a JWT cut to two parts', () => {
    assert.equal(redactSecrets(`x ${fakeJwe()} y`), `x [redacted JWT, ${fakeJwe().length} chars] y`)
    const [header, claims] = jwtParts(jwt)
    assert.equal(redactSecrets(`${header}.${claims}`), `[redacted JWT, ${header.length + claims.length + 1} chars]`)
  })

  it('replaces tokens and codes in URL parameters', () => {
    const url = 'https://app.example/cb#access_token=EwBabc123&token_type=Bearer&state=1'
    assert.equal(redactSecrets(url), 'https://app.example/cb#access_token=[redacted, 9 chars]&token_type=Bearer&state=1')
    assert.equal(redactSecrets('/cb?code=0.AXoAfake-code&state=x'), '/cb?code=[redacted, 15 chars]&state=x')
    assert.equal(
      redactSecrets('https://login.microsoftonline.com/error?code=7000215'),
      'https://login.microsoftonline.com/error?code=7000215',
      'an AADSTS lookup link is not an authorization code',
    )
  })

  it('replaces a standalone opaque personal-account token', () => {
    const opaque = opaqueMsaToken()
    assert.equal(redactSecrets(`token: ${opaque}`), `token: [redacted token, ${opaque.length} chars]`)
  })

  it('leaves prose about bearer tokens alone', () => {
    const prose = 'Send a Bearer token in the Authorization header; Bearer authentication failed. Use Basic auth never.'
    assert.equal(redactSecrets(prose), prose)
    assert.equal(redactSecrets('GET https://graph.microsoft.com/v1.0/me?$select=id'), 'GET https://graph.microsoft.com/v1.0/me?$select=id')
  })

  it('is idempotent', () => {
    const once = redactSecrets(`Bearer ${jwt} ${jwt} ?code=0.AXoAfake`)
    assert.equal(redactSecrets(once), once)
    assert.ok(!once.includes(signature))
  })
})

describe('redactBody', () => {
  it('redacts secrets of a token request (form-encoded)', () => {
    const body = 'grant_type=authorization_code&client_id=abc&code=0.AXoAfake&code_verifier=verifier123&client_secret=s3cr%2Bt&redirect_uri=https%3A%2F%2Fapp.example'
    assert.equal(
      redactBody(body),
      'grant_type=authorization_code&client_id=abc&code=[redacted]&code_verifier=[redacted]&client_secret=[redacted]&redirect_uri=https%3A%2F%2Fapp.example',
    )
  })

  it('redacts password, refresh_token, assertion and client_assertion in forms, keys case-insensitive', () => {
    const body = 'grant_type=password&username=adele%40contoso.example&PASSWORD=hunter2&refresh_token=0.AXo&assertion=x&client_assertion=y'
    assert.equal(redactBody(body), 'grant_type=password&username=adele%40contoso.example&PASSWORD=[redacted]&refresh_token=[redacted]&assertion=[redacted]&client_assertion=[redacted]')
  })

  it('redacts JSON secrets at any depth and keeps the rest', () => {
    const body = JSON.stringify({ passwordProfile: { password: 'P@ss', forceChangePasswordNextSignIn: true }, accounts: [{ newPassword: 'a', currentPassword: 'b' }], displayName: 'Adele' })
    assert.deepEqual(JSON.parse(redactBody(body)), {
      passwordProfile: { password: '[redacted]', forceChangePasswordNextSignIn: true },
      accounts: [{ newPassword: '[redacted]', currentPassword: '[redacted]' }],
      displayName: 'Adele',
    })
  })

  it('redacts the tokens of a token response and camelCase MSAL keys', () => {
    const body = JSON.stringify({ token_type: 'Bearer', access_token: jwt, refresh_token: '0.AXo', id_token: jwt, accessToken: 'x', secretText: 'y' })
    const redacted = redactBody(body)
    assert.deepEqual(JSON.parse(redacted), { token_type: 'Bearer', access_token: '[redacted]', refresh_token: '[redacted]', id_token: '[redacted]', accessToken: '[redacted]', secretText: '[redacted]' })
  })

  it('keeps error codes such as Authorization_RequestDenied but hides code-like values', () => {
    const error = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } })
    assert.equal(redactBody(error), error)
    assert.deepEqual(JSON.parse(redactBody(JSON.stringify({ code: '0.AXoAfake-auth-code' }))), { code: '[redacted]' })
  })

  it('keeps pretty-printed JSON pretty', () => {
    const body = JSON.stringify({ password: 'x', a: 1 }, null, 2)
    assert.equal(redactBody(body), '{\n  "password": "[redacted]",\n  "a": 1\n}')
  })

  it('still redacts JWTs in JSON fields with other names and in plain text bodies', () => {
    assert.ok(!redactBody(JSON.stringify({ note: `Bearer ${jwt}` })).includes(signature))
    assert.ok(!redactBody(`some text with ${jwt} inside`).includes(signature))
    assert.ok(!redactBody(`{"broken json": "${jwt}"`).includes(signature))
  })

  it('leaves bodies without secrets unchanged', () => {
    assert.equal(redactBody(''), '')
    assert.equal(redactBody('plain text'), 'plain text')
    assert.equal(redactBody('{"displayName":"Adele"}'), '{"displayName":"Adele"}')
  })
})

describe('redactSecrets keeps what is evidence', () => {
  it('keeps a base64 claims challenge, even at the end of a sentence', () => {
    const challenge = 'Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ"'
    assert.equal(redactSecrets(challenge), challenge)
    const sentence = 'The claims are eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ.\nNext line.'
    assert.equal(redactSecrets(sentence), sentence)
  })
})

describe('redaction stays fast on hostile input', () => {
  for (const [name, text] of [
    ['many JWT starts without dots', 'eyJ'.repeat(60000)],
    ['many short JWT-like parts', 'eyJabcdefgh.'.repeat(20000)],
    ['many opaque-token starts', '/EwA'.repeat(40000)],
    ['many Bearer words', 'Bearer '.repeat(30000)],
    ['many URL parameters', '?code='.repeat(30000)],
  ] as const) {
    // No timed assertion (they fail on a busy machine): a quadratic regression took 44 s on one such
    // input and fails this test's timeout; a linear pass takes milliseconds.
    it(`redacts ${name} (${text.length} chars) in linear time`, { timeout: 15_000 }, () => {
      assert.equal(typeof redactSecrets(text), 'string')
      assert.equal(typeof redactBody(text), 'string')
    })
  }
})
