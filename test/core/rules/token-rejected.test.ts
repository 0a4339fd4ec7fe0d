import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { FAKE_TENANT, FIXTURE_TIME, GRAPH_APP_ID, appOnlyClaims, appOnlyToken, delegatedClaims, delegatedToken, fakeSignature, makeJwt } from '../../helpers/tokens.js'
import { call, findingOf, graphError, ids, run } from './helpers.js'

const MESSAGES = 'https://graph.microsoft.com/v1.0/me/messages'
const USERS = 'https://graph.microsoft.com/v1.0/users'
const REJECTED = graphError('InvalidAuthenticationToken', 'Access token validation failure.')
const NO_NONCE = { typ: 'JWT', alg: 'RS256', kid: 'fake-kid' }
const OTHER_TENANT = '22222222-3333-4444-8555-666666666666'

describe('token-rejected', () => {
  it('fires for a 401 "Access token validation failure" with a token that looks valid, and is the only finding', () => {
    const result = run(call({ url: MESSAGES, token: delegatedToken({ scp: 'Mail.Read' }), status: 401, body: REJECTED }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['token-rejected'])
    const finding = findingOf(result, 'token-rejected')
    assert.equal(finding.severity, 'error')
    assert.match(finding.detail, /cannot check their signature offline/)
    assert.match(finding.detail, /Nothing in its claims or header looks wrong/)
    const fields = finding.evidence.map((item) => item.field)
    for (const field of ['HTTP status', 'error.code', 'error.message', 'aud', 'iss', 'tid', 'exp', 'ver', 'header.alg', 'header.nonce', 'signature']) assert.ok(fields.includes(field), `no ${field} evidence`)
    const exp = finding.evidence.find((item) => item.field === 'exp')
    assert.equal(exp?.value, new Date((FIXTURE_TIME + 3300) * 1000).toISOString())
    assert.match(exp?.note ?? '', /2026-11-20T10:00:00.000Z \(from the response Date header\)/)
  })

  for (const message of ['Invalid signature.', 'IDX14100: JWT is not well formed, there are no dots (.).', 'Signing key is invalid.', 'Access token validation failure. Invalid issuer.']) {
    it(`fires for the body message "${message}" and explains it`, () => {
      const result = run(call({ url: MESSAGES, token: delegatedToken(), status: 401, body: graphError('InvalidAuthenticationToken', message) }))
      assert.deepEqual(ids(result), ['token-rejected'])
      assert.ok(findingOf(result, 'token-rejected').detail.includes(message))
    })
  }

  it('fires for a bare 401 with no body, and asks for the response headers in the support step', () => {
    const result = run(call({ url: USERS, token: appOnlyToken(), status: 401 }))
    assert.deepEqual(ids(result), ['token-rejected'])
    assert.match(findingOf(result, 'token-rejected').fix.at(-1) ?? '', /request-id and client-request-id response headers/)
  })

  it('quotes request-id, client-request-id and date of the body in the support step and evidence', () => {
    const finding = findingOf(run(call({ url: MESSAGES, token: delegatedToken(), status: 401, body: REJECTED })), 'token-rejected')
    assert.match(finding.fix.at(-1) ?? '', /request-id req-1, client-request-id cli-1, date 2026-11-20T10:00:00/)
    assert.ok(finding.evidence.some((item) => item.field === 'error.innerError.client-request-id' && item.value === 'cli-1'))
  })

  it('flags a Graph token whose header has no nonce as altered or re-serialised', () => {
    const token = makeJwt(delegatedClaims(), { header: NO_NONCE })
    const finding = findingOf(run(call({ url: MESSAGES, token, status: 401, body: graphError('InvalidAuthenticationToken', 'Invalid signature.') })), 'token-rejected')
    const nonce = finding.evidence.find((item) => item.field === 'header.nonce')
    assert.equal(nonce?.value, '(absent)')
    assert.match(finding.detail, /re-serialised/)
  })

  it('flags alg none and HS256', () => {
    for (const alg of ['none', 'HS256']) {
      const token = makeJwt(appOnlyClaims(), { header: { typ: 'JWT', alg, nonce: 'n' } })
      const finding = findingOf(run(call({ url: USERS, token, status: 401, body: REJECTED })), 'token-rejected')
      assert.ok(finding.evidence.some((item) => item.field === 'header.alg' && item.value === alg && /RS256/.test(item.note ?? '')), alg)
    }
  })

  it('flags an issuer tenant that is not tid', () => {
    const token = delegatedToken({ iss: `https://sts.windows.net/${OTHER_TENANT}/` })
    const finding = findingOf(run(call({ url: MESSAGES, token, status: 401, body: REJECTED })), 'token-rejected')
    assert.match(finding.detail, new RegExp(`issuer's tenant ${OTHER_TENANT} is not the token's tid ${FAKE_TENANT}`))
  })

  it('flags a token issued by the identity platform of another cloud (Graph app id as aud, US Government issuer, global Graph)', () => {
    const token = appOnlyToken({ aud: GRAPH_APP_ID, iss: `https://login.microsoftonline.us/${FAKE_TENANT}/v2.0`, ver: '2.0' })
    const result = run(call({ url: USERS, token, status: 401, body: REJECTED }))
    assert.deepEqual(ids(result), ['token-rejected'])
    assert.match(findingOf(result, 'token-rejected').detail, /identity platform of US Government \(L4 or L5\).*global cloud/)
  })

  it('does not flag the v1 sts.windows.net issuer on US Government Graph', () => {
    const token = appOnlyToken({ aud: 'https://graph.microsoft.us' })
    const finding = findingOf(run(call({ url: 'https://graph.microsoft.us/v1.0/users', token, status: 401, body: REJECTED })), 'token-rejected')
    assert.match(finding.detail, /Nothing in its claims or header looks wrong/)
    assert.match(finding.fix[1] ?? '', /login\.microsoftonline\.us/)
  })

  it('names B2C, AD FS and non-Microsoft issuers', () => {
    const cases: Array<[string, RegExp]> = [
      [`https://contoso.b2clogin.com/${FAKE_TENANT}/v2.0/`, /B2C/],
      ['http://sts.contoso.example/adfs/services/trust', /AD FS/],
      ['https://auth.example.org/', /auth\.example\.org, which is not the Microsoft identity platform/],
    ]
    for (const [iss, reason] of cases) {
      const finding = findingOf(run(call({ url: MESSAGES, token: delegatedToken({ iss }), status: 401, body: REJECTED })), 'token-rejected')
      assert.match(finding.detail, reason, iss)
    }
  })

  it('never prints the token or its signature', () => {
    const token = makeJwt(delegatedClaims(), { header: NO_NONCE })
    const finding = findingOf(run(call({ url: MESSAGES, token, status: 401, body: REJECTED })), 'token-rejected')
    const text = JSON.stringify(finding)
    assert.ok(!text.includes(token))
    assert.ok(!text.includes(fakeSignature()))
  })
})

describe('token-rejected gives way to the specific causes', () => {
  const superseded: Array<[string, Parameters<typeof call>[0], string]> = [
    ['token-expired', { url: MESSAGES, token: delegatedToken({ iat: FIXTURE_TIME - 8000, nbf: FIXTURE_TIME - 8000, exp: FIXTURE_TIME - 3600 }), status: 401, body: REJECTED }, 'token-expired'],
    ['token-wrong-audience', { url: MESSAGES, token: delegatedToken({ aud: 'https://graph.windows.net' }), status: 401, body: graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.') }, 'token-wrong-audience'],
    ['token-wrong-audience (another cloud)', { url: MESSAGES, token: appOnlyToken({ aud: 'https://graph.microsoft.us' }), status: 401, body: REJECTED }, 'token-wrong-audience'],
    ['token-malformed', { url: MESSAGES, token: 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0', status: 401, body: REJECTED }, 'token-malformed'],
    ['token-missing', { url: MESSAGES, token: null, status: 401, body: graphError('InvalidAuthenticationToken', 'Access token is empty.') }, 'token-missing'],
    ['claims-challenge', { url: MESSAGES, token: delegatedToken(), status: 401, responseHeaders: [['WWW-Authenticate', `Bearer realm="", error="insufficient_claims", claims="${btoa('{"access_token":{"nbf":{"essential":true,"value":"1795168800"}}}')}"`]], body: REJECTED }, 'claims-challenge'],
    ['token-type-mismatch', { url: 'https://graph.microsoft.com/v1.0/me', token: appOnlyToken(), status: 401, body: REJECTED }, 'token-type-mismatch'],
  ]
  for (const [name, spec, expected] of superseded) {
    it(`${name} explains the 401 instead`, () => {
      const found = ids(run(call(spec), { withCatalogue: true }))
      assert.ok(found.includes(expected), `expected ${expected}, got [${found.join(', ')}]`)
      assert.ok(!found.includes('token-rejected'), `token-rejected was not superseded: [${found.join(', ')}]`)
    })
  }

  it('does not fire for 403, 400 or 2xx with the same token and body', () => {
    for (const status of [403, 400, 200]) {
      assert.ok(!ids(run(call({ url: MESSAGES, token: delegatedToken(), status, body: REJECTED }))).includes('token-rejected'), String(status))
    }
  })

  it('does not fire for a 401 from SharePoint REST or for a token given without a response', () => {
    const sharepoint = call({ url: 'https://contoso.sharepoint.com/_api/web', token: makeJwt(delegatedClaims({ aud: 'https://contoso.sharepoint.com' }), { signature: fakeSignature() }), status: 401 })
    assert.ok(!ids(run(sharepoint)).includes('token-rejected'))
    const { response: _response, ...noResponse } = call({ url: MESSAGES, token: delegatedToken(), status: 401 })
    assert.ok(!ids(run(noResponse)).includes('token-rejected'))
  })
})

describe('token-rejected when the input does not show the token (an SDK or app print-out)', () => {
  const unseen = (status: number, body: unknown): ReturnType<typeof call> => {
    const exchange = call({ url: 'https://graph.microsoft.com/v1.0/me/messages', token: null, status, body })
    return { ...exchange, format: 'sdk-error', request: { ...exchange.request!, headersOmitted: true } }
  }

  it('a 401 with no specific message says the token is not in the input, lists the causes and asks for the token', () => {
    const result = run(unseen(401, graphError('UnknownError', '')))
    assert.deepEqual(ids(result), ['token-rejected'])
    const finding = findingOf(result, 'token-rejected')
    assert.match(finding.detail, /The token is not in the input/)
    assert.match(finding.detail, /expired/)
    assert.doesNotMatch(finding.detail, /looks right|decodes/)
    assert.ok(finding.evidence.some((item) => item.field === 'access token' && item.value === 'not in the input'))
    assert.match(finding.fix[0] ?? '', /graph-doctor token/)
  })

  it('near miss: a specific message names its own cause, and a 403 is not a refused token', () => {
    assert.deepEqual(ids(run(unseen(401, graphError('InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.')))), ['token-expired'])
    const empty = run(unseen(401, graphError('InvalidAuthenticationToken', 'Access token is empty.')))
    assert.deepEqual(ids(empty), ['token-missing'])
    assert.doesNotMatch(findingOf(empty, 'token-missing').detail, /carries no Authorization header/)
    assert.ok(!ids(run(unseen(403, graphError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.')))).includes('token-rejected'))
  })
})
