import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { appOnlyToken, CONSUMER_TENANT, delegatedToken, FIXTURE_TIME, makeJwt, delegatedClaims } from '../../helpers/tokens.js'
import { idToken, opaqueMsaToken } from '../../helpers/more-tokens.js'
import type { Exchange } from '../../../src/core/exchange.js'
import { call, findingOf, graphError, ids, run, textOf } from './helpers.js'

const ME = 'https://graph.microsoft.com/v1.0/me'
const EXPIRED_BODY = graphError('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.')

describe('token-missing', () => {
  it('fires for a 401 without an Authorization header and names the custom-host pitfall', () => {
    const result = run(call({ url: ME, token: null, status: 401, body: graphError('InvalidAuthenticationToken', 'Access token is empty.') }))
    assert.deepEqual(ids(result), ['token-missing'])
    const text = textOf(findingOf(result, 'token-missing'))
    assert.match(text, /\(absent\)/)
    assert.match(text, /allowed-hosts/)
  })

  it('fires for an empty Bearer even without a body', () => {
    const exchange = call({ url: ME, token: null, status: 401, requestHeaders: [['Authorization', 'Bearer ']] })
    assert.ok(ids(run(exchange)).includes('token-missing'))
  })

  it('does not fire for a successful anonymous-looking capture (header stripped on export)', () => {
    assert.deepEqual(ids(run(call({ url: ME, token: null, status: 200, body: { id: '1' } }))), [])
  })
})

describe('token-malformed', () => {
  it('explains a doubled "Bearer"', () => {
    const exchange = call({ url: ME, token: null, status: 401, requestHeaders: [['Authorization', `Bearer Bearer ${delegatedToken()}`]], body: graphError('InvalidAuthenticationToken', 'CompactToken parsing failed with error code: 80049217') })
    const finding = findingOf(run(exchange), 'token-malformed')
    assert.match(textOf(finding), /exactly one scheme/)
    assert.match(textOf(finding), /80049217/)
  })

  it('fires for a token that is not three parts', () => {
    const exchange = call({ url: ME, token: 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0', status: 401 })
    assert.ok(ids(run(exchange)).includes('token-malformed'))
  })

  it('does not call an opaque personal-account token malformed', () => {
    const exchange = call({ url: ME, token: opaqueMsaToken(), status: 401, body: graphError('InvalidAuthenticationToken', 'CompactToken parsing failed with error code: 8004920A') })
    assert.ok(!ids(run(exchange)).includes('token-malformed'))
  })

  it('reports an unparsable opaque token on an API that supports personal accounts', () => {
    const exchange = call({ url: 'https://graph.microsoft.com/v1.0/me/drive/root/children', token: opaqueMsaToken(), status: 401, body: graphError('InvalidAuthenticationToken', 'CompactToken parsing failed with error code: 80049217') })
    const result = run(exchange, { withCatalogue: true })
    assert.equal(result.findings[0]?.id, 'token-malformed')
    assert.match(textOf(result.findings[0]!), /80049217/)
  })
})

describe('token-malformed from Graph\'s words, when the input does not show the header', () => {
  const IDX14100 = "IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format."
  const pasted = (message: string, request?: { url: string }): Exchange => ({
    source: 'test',
    format: request === undefined ? 'graph-error' : 'sdk-error',
    ...(request === undefined ? {} : { request: { method: 'GET', url: request.url, headers: [], headersOmitted: true } }),
    response: { status: 401, headers: [], body: JSON.stringify(graphError('InvalidAuthenticationToken', message)) },
  })

  it('IDX14100 in a bare body or a pasted error with its URL: the value sent was no JWT (flutter_appauth#575, MS365-Calendar#77)', () => {
    for (const exchange of [pasted(IDX14100), pasted(IDX14100, { url: `${ME}/calendars` })]) {
      const result = run(exchange, { withCatalogue: true })
      assert.equal(result.findings[0]?.id, 'token-malformed')
      assert.match(textOf(result.findings[0]!), /JWT is not well formed/)
      assert.match(textOf(result.findings[0]!), /personal Microsoft account/)
    }
  })

  it('near miss: a lifetime message without the header is about expiry, not form', () => {
    const result = run(pasted('Lifetime validation failed, the token is expired.', { url: ME }), { withCatalogue: true })
    assert.ok(!ids(result).includes('token-malformed'))
    assert.equal(result.findings[0]?.id, 'token-expired')
  })
})

describe('token-type-mismatch for an app-only Teams message POST (Teams allows it only for migration imports)', () => {
  const IMPORT_ONLY = 'Message POST is allowed in application-only context only for import purposes. Refer to https://docs.microsoft.com/microsoftteams/platform/graph-api/import-messages/import-external-messages-to-teams for more details.'
  const CHANNEL = 'https://graph.microsoft.com/v1.0/teams/6f996ed6-0000-4000-8000-00000000aaaa/channels/19:abc@thread.tacv2/messages'

  it('leads with the delegated scope, not with Teamwork.Migrate.All as the permission to add', () => {
    const token = appOnlyToken({ roles: ['ChannelMessage.Read.All', 'Group.ReadWrite.All'] })
    const result = run(call({ method: 'POST', url: CHANNEL, token, status: 403, body: graphError('Unauthorized', IMPORT_ONLY), requestBody: '{"body":{"content":"hi"}}' }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['token-type-mismatch'])
    const finding = findingOf(result, 'token-type-mismatch')
    assert.match(finding.fix[0] ?? '', /delegated token.*ChannelMessage\.Send/)
    assert.match(finding.detail, /only to import messages/)
  })

  it('near miss: a channel message POST with a delegated token denied without that message is not this', () => {
    const result = run(call({ method: 'POST', url: CHANNEL, token: delegatedToken({ scp: 'User.Read' }), status: 403, body: graphError('Forbidden', 'Forbidden') }), { withCatalogue: true })
    assert.ok(!ids(result).includes('token-type-mismatch'))
  })
})

describe('token-personal-account', () => {
  it('fires for a consumer-tenant token on an organisation-only API (catalogue says personal accounts are not supported)', () => {
    const token = makeJwt(delegatedClaims({ tid: CONSUMER_TENANT, scp: 'User.Read Team.ReadBasic.All' }))
    const result = run(call({ url: 'https://graph.microsoft.com/v1.0/me/joinedTeams', token, status: 403, body: graphError('Forbidden', '') }), { withCatalogue: true })
    assert.equal(result.findings[0]?.id, 'token-personal-account')
    assert.match(textOf(result.findings[0]!), /9188040d-6c67-4c5b-b112-36a304b66dad/)
    assert.ok(!ids(result).includes('permission-missing'), 'a personal account explains the 403 better')
  })

  it('fires for an opaque token on a failed call and says why', () => {
    const result = run(call({ url: 'https://graph.microsoft.com/v1.0/organization', token: opaqueMsaToken(), status: 500 }))
    assert.match(textOf(findingOf(result, 'token-personal-account')), /opaque/)
  })

  it('does not fire when the endpoint supports personal accounts and the call succeeded', () => {
    const token = makeJwt(delegatedClaims({ tid: CONSUMER_TENANT }))
    assert.deepEqual(ids(run(call({ url: ME, token, status: 200, body: {} }), { withCatalogue: true })), [])
  })
})

describe('token-wrong-audience', () => {
  it('names a custom API audience once', () => {
    const result = run(call({ url: ME, token: delegatedToken({ aud: 'api://aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }), status: 401 }))
    const detail = findingOf(result, 'token-wrong-audience').detail
    assert.equal(detail.split('api://aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee').length - 1, 1, detail)
  })

  it('a GCC High Graph token on global Graph offers both directions, without the ID-token and one-API steps', () => {
    const token = appOnlyToken({ aud: 'https://graph.microsoft.us', iss: 'https://login.microsoftonline.us/11111111-2222-4333-8444-555555555555/' })
    const result = run(call({ url: 'https://graph.microsoft.com/v1.0/users', token, status: 401, body: graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.') }))
    const finding = findingOf(result, 'token-wrong-audience')
    assert.match(finding.fix[0] ?? '', /https:\/\/graph\.microsoft\.com\/\.default/)
    assert.match(finding.fix[1] ?? '', /send the call to https:\/\/graph\.microsoft\.us instead of graph\.microsoft\.com/)
    assert.ok(!finding.fix.some((step) => /ID token|one token per API/i.test(step)))
  })

  it('fires for an Azure AD Graph token and says the article\'s 403 is a 401 today', () => {
    const token = delegatedToken({ aud: 'https://graph.windows.net' })
    const result = run(call({ url: ME, token, status: 401, body: graphError('InvalidAuthenticationToken', 'Access token validation failure.') }))
    const finding = findingOf(result, 'token-wrong-audience')
    assert.match(finding.detail, /Azure AD Graph/)
    assert.match(finding.detail, /401/)
    assert.ok(finding.fix.some((step) => step.includes('https://graph.microsoft.com/.default')))
  })

  it('does not call a 403 outdated: the article\'s status is kept only as a note for 401s', () => {
    const token = delegatedToken({ aud: '00000002-0000-0ff1-ce00-000000000000' })
    const finding = findingOf(run(call({ url: ME, token, status: 403 })), 'token-wrong-audience')
    assert.match(finding.detail, /Exchange Online/)
    assert.doesNotMatch(finding.detail, /2021/)
  })

  it('fires for an ID token used as a bearer token', () => {
    const result = run(call({ url: ME, token: idToken(), status: 401, body: graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.') }))
    assert.match(findingOf(result, 'token-wrong-audience').detail, /ID token/)
  })

  it('fires for a global token sent to GCC High and names the US Gov scope', () => {
    const token = appOnlyToken({ aud: 'https://graph.microsoft.com' })
    const result = run(call({ url: 'https://graph.microsoft.us/v1.0/users', token, status: 401, body: graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.') }))
    const finding = findingOf(result, 'token-wrong-audience')
    assert.ok(finding.fix.some((step) => step.includes('https://graph.microsoft.us/.default')))
    assert.ok(finding.fix.some((step) => step.includes('login.microsoftonline.us')))
  })

  it('fires for a Graph token sent to SharePoint REST', () => {
    const result = run(call({ url: 'https://contoso.sharepoint.com/_api/web', token: delegatedToken(), status: 401 }))
    assert.match(textOf(findingOf(result, 'token-wrong-audience')), /contoso\.sharepoint\.com\/\.default/)
  })

  it('accepts both the Graph app id and the Graph URI as audience', () => {
    for (const aud of ['00000003-0000-0000-c000-000000000000', 'https://graph.microsoft.com/', 'https://graph.microsoft.com']) {
      const result = run(call({ url: ME, token: delegatedToken({ aud }), status: 403, body: graphError('Forbidden', '') }))
      assert.ok(!ids(result).includes('token-wrong-audience'), aud)
    }
  })
})

describe('token-expired', () => {
  it('fires when exp is before the response Date and says by how much', () => {
    const token = delegatedToken({ exp: FIXTURE_TIME - 3600 })
    const finding = findingOf(run(call({ url: ME, token, status: 401, body: EXPIRED_BODY })), 'token-expired')
    assert.match(finding.detail, /expired 1 h before/)
    assert.ok(finding.evidence.some((item) => item.field === 'exp'))
    assert.ok(finding.evidence.some((item) => item.note === 'from the response Date header'))
  })

  it('says "1 day", "2 days", never "1 days"', () => {
    const day = findingOf(run(call({ url: ME, token: delegatedToken({ exp: FIXTURE_TIME - 86_400 - 7200 }), status: 401, body: EXPIRED_BODY })), 'token-expired')
    assert.match(day.detail, /expired 1 day 2 h before/)
    const days = findingOf(run(call({ url: ME, token: delegatedToken({ iat: FIXTURE_TIME - 200_000, nbf: FIXTURE_TIME - 200_000, exp: FIXTURE_TIME - 2 * 86_400 }), status: 401, body: EXPIRED_BODY })), 'token-expired')
    assert.match(days.detail, /expired 2 days before/)
  })

  it('does not fire for a capture taken while the token was valid and read much later', () => {
    const result = run(call({ url: ME, token: delegatedToken(), status: 403, body: graphError('Forbidden', '') }))
    assert.ok(!ids(result).includes('token-expired'))
  })

  it('judges a response without a Date header at innerError.date of the error body, read as UTC, and says so', () => {
    const token = delegatedToken({ iat: FIXTURE_TIME - 4000, nbf: FIXTURE_TIME - 4000, exp: FIXTURE_TIME - 60 })
    const finding = findingOf(run(call({ url: ME, token, status: 401, body: EXPIRED_BODY, noDate: true })), 'token-expired')
    const time = finding.evidence.find((item) => item.field === 'exchange time')
    assert.equal(time?.value, new Date(FIXTURE_TIME * 1000).toISOString())
    assert.match(time?.note ?? '', /innerError\.date/)
    assert.match(finding.detail, /expired 1 min before/)
  })

  it('prefers innerError.date to the HAR start time (a capture tool\'s clock)', () => {
    const exchange = { ...call({ url: ME, token: delegatedToken(), status: 401, body: graphError('InvalidAuthenticationToken', 'Access token validation failure.'), noDate: true }), startedAt: '2026-11-21T10:00:00.000Z' }
    const result = run(exchange)
    assert.equal(result.judgedAt, new Date(FIXTURE_TIME * 1000).toISOString())
    assert.ok(!ids(result).includes('token-expired'), `a day later by the capture clock, but valid when Graph failed: [${ids(result).join(', ')}]`)
  })

  it('judges at --now when given, over the Date header', () => {
    const now = new Date((FIXTURE_TIME + 7200) * 1000)
    assert.ok(ids(run(call({ url: ME, token: delegatedToken(), status: 401 }), { now })).includes('token-expired'))
  })

  it('reports clock skew when nbf is after the exchange time', () => {
    const token = delegatedToken({ nbf: FIXTURE_TIME + 600, iat: FIXTURE_TIME + 600 })
    const finding = findingOf(run(call({ url: ME, token, status: 401, body: EXPIRED_BODY })), 'token-expired')
    assert.match(finding.detail, /not valid yet/)
    assert.ok(finding.fix.some((step) => /clock/i.test(step)))
  })

  it('trusts Graph\'s lifetime message when the claims look valid at the judged time, and says the time is off', () => {
    const result = run(call({ url: ME, token: delegatedToken(), status: 401, body: EXPIRED_BODY, noDate: true }), { now: new Date(FIXTURE_TIME * 1000) })
    assert.equal(result.findings[0]?.id, 'token-expired')
    assert.match(result.findings[0]!.detail, /look valid/)
  })

  it('trusts Graph\'s message for an opaque token whose lifetime cannot be read', () => {
    const result = run(call({ url: ME, token: opaqueMsaToken(), status: 401, body: EXPIRED_BODY }))
    assert.ok(ids(result).includes('token-expired'))
  })
})

describe('claims-challenge', () => {
  const CAE = 'Bearer realm="", authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTY1NzgzNDQxNyJ9fX0="'

  it('decodes the claims and gives MSAL.js and .NET samples', () => {
    const exchange = call({ url: ME, token: delegatedToken(), status: 401, responseHeaders: [['WWW-Authenticate', CAE]], body: graphError('InvalidAuthenticationToken', "Exception of type 'Microsoft.Graph.AGS.Contracts.ClaimsChallengeRequiredException' was thrown.") })
    const result = run(exchange)
    assert.deepEqual(ids(result), ['claims-challenge'])
    const text = textOf(result.findings[0]!)
    assert.match(text, /"nbf":\{"essential":true, "value":"1657834417"\}/)
    assert.match(text, /clientCapabilities: \['CP1'\]/)
    assert.match(text, /WithClaims/)
  })

  it('notes a missing cp1 capability', () => {
    const exchange = call({ url: ME, token: delegatedToken({ xms_cc: undefined }), status: 403, responseHeaders: [['WWW-Authenticate', CAE]] })
    assert.match(textOf(findingOf(run(exchange), 'claims-challenge')), /cp1 missing/)
  })

  it('does not fire for an expired-token 401 whose WWW-Authenticate has no error', () => {
    const header = 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"'
    const exchange = call({ url: ME, token: delegatedToken({ exp: FIXTURE_TIME - 60 }), status: 401, responseHeaders: [['WWW-Authenticate', header]], body: EXPIRED_BODY })
    assert.deepEqual(ids(run(exchange)), ['token-expired'])
  })
})

describe('bare error bodies and personal accounts with expired tokens', () => {
  it('does not claim a missing token for a bare 403 body, which says nothing about the request headers', () => {
    const exchange = { source: 'body.json', format: 'graph-error' as const, response: { status: 403, headers: [], body: JSON.stringify(graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')) } }
    const result = run(exchange)
    assert.ok(!ids(result).includes('token-missing'))
    assert.equal(result.findings[0]?.id, 'permission-missing')
  })

  it('blames the expiry, not the account type, for an expired opaque personal token', () => {
    const result = run(call({ url: ME, token: opaqueMsaToken(), status: 401, body: EXPIRED_BODY }))
    assert.deepEqual(ids(result), ['token-expired'])
  })

  it('does not blame the account type for a 404 of a personal account', () => {
    const token = makeJwt(delegatedClaims({ tid: CONSUMER_TENANT }))
    assert.ok(!ids(run(call({ url: `${ME}/messages/nope`, token, status: 404 }))).includes('token-personal-account'))
  })
})
