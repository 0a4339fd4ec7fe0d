import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findingIds } from '../../src/core/catalogue.js'
import { diagnose } from '../../src/core/diagnose.js'
import type { Exchange } from '../../src/core/exchange.js'
import { parseInput } from '../../src/core/input/index.js'
import { rankFindings } from '../../src/core/finding.js'
import { makeFinding } from '../../src/core/finding.js'
import { appOnlyToken, CONSUMER_TENANT, delegatedToken, fakeSignature, FIXTURE_TIME } from '../helpers/tokens.js'
import { call, catalogue, FIXTURE_DATE, graphError, tokenError } from './rules/helpers.js'

const GRAPH = 'https://graph.microsoft.com/v1.0'
const DENIED = graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
const CAE = 'Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTY1NzgzNDQxNyJ9fX0="'

/** One exchange per finding id: the whole catalogue must be reachable through diagnose(). */
const SCENARIOS: Record<string, Exchange> = {
  'token-missing': call({ url: `${GRAPH}/me`, token: null, status: 401 }),
  'token-malformed': call({ url: `${GRAPH}/me`, token: 'abc.def', status: 401 }),
  'token-personal-account': call({ url: `${GRAPH}/me/joinedTeams`, token: delegatedToken({ tid: CONSUMER_TENANT, scp: 'Team.ReadBasic.All' }), status: 403 }),
  'token-wrong-audience': call({ url: `${GRAPH}/me`, token: delegatedToken({ aud: 'api://contoso-api' }), status: 401 }),
  'token-expired': call({ url: `${GRAPH}/me`, token: delegatedToken({ exp: FIXTURE_TIME - 1 }), status: 401 }),
  'claims-challenge': call({ url: `${GRAPH}/me`, token: delegatedToken(), status: 401, responseHeaders: [['WWW-Authenticate', CAE]] }),
  'interaction-required': tokenError({ error: 'invalid_grant', error_description: 'AADSTS50079: register for MFA', error_codes: [50079] }),
  'consent-missing': tokenError({ error: 'invalid_grant', error_description: 'AADSTS65001: not consented', error_codes: [65001], suberror: 'consent_required' }),
  'token-request-failed': tokenError({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] }),
  'token-type-mismatch': call({ url: `${GRAPH}/me`, token: appOnlyToken(), status: 400, body: graphError('BadRequest', '/me request is only valid with delegated authentication flow.') }),
  'token-rejected': call({ url: `${GRAPH}/me`, token: delegatedToken(), status: 401, body: graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid signature.') }),
  'password-reset': call({ method: 'PATCH', url: `${GRAPH}/users/bob@contoso.example`, token: appOnlyToken({ roles: ['User.ReadWrite.All'] }), status: 403, body: DENIED, requestBody: '{"passwordProfile":{"password":"x"}}' }),
  'permission-missing': call({ url: `${GRAPH}/users`, token: delegatedToken(), status: 403, body: DENIED }),
  'user-not-privileged': call({ method: 'DELETE', url: `${GRAPH}/users/bob@contoso.example`, token: delegatedToken({ scp: 'User.ReadWrite.All' }), status: 403, body: DENIED }),
  'resource-policy': call({ url: `${GRAPH}/users/ceo@contoso.example/messages`, token: appOnlyToken({ roles: ['Mail.Read'] }), status: 403 }),
  'user-not-licensed': call({ url: `${GRAPH}/me/messages`, token: delegatedToken({ scp: 'Mail.Read' }), status: 404, body: graphError('MailboxNotEnabledForRESTAPI', 'REST API is not yet supported for this mailbox.') }),
  'not-authorization-error': call({ url: `${GRAPH}/me`, token: delegatedToken(), status: 502 }),
  'endpoint-unknown': call({ url: `${GRAPH}/noSuchThing`, token: delegatedToken(), status: 403 }),
  'input-unreadable': { source: 'capture.har entry 2', format: 'har', unreadable: 'entry has no request' },
}

describe('diagnose', () => {
  it('reaches every catalogue id, each as the leading finding of its scenario', () => {
    for (const id of findingIds) {
      const exchange = SCENARIOS[id]
      assert.ok(exchange !== undefined, `no scenario for ${id}`)
      const [result] = diagnose([exchange], { permissions: catalogue() }).results
      const found = result?.findings.map((finding) => finding.id) ?? []
      const expectedFirst = id === 'endpoint-unknown' ? 'permission-missing' : id
      assert.equal(found[0], expectedFirst, `${id}: got [${found.join(', ')}]`)
      assert.ok(found.includes(id), `${id}: got [${found.join(', ')}]`)
    }
  })

  it('returns one result per exchange in input order, with method, URL, status and source', () => {
    const exchanges = [SCENARIOS['token-missing']!, SCENARIOS['token-request-failed']!, call({ url: 'https://example.com/x', token: null, status: 500 })]
    const { results } = diagnose(exchanges)
    assert.equal(results.length, 3)
    assert.deepEqual(results.map((result) => result.status), [401, 400, 500])
    assert.deepEqual(results[0]?.request, { method: 'GET', url: `${GRAPH}/me` })
    assert.deepEqual(results[1]?.request, { method: null, url: null })
    assert.equal(results[0]?.token, undefined, 'no token was sent')
    assert.deepEqual(results[2]?.findings, [], 'traffic that is neither Graph nor the token endpoint has no findings')
  })

  it('gives an unreadable entry exactly one input-unreadable finding and diagnoses the rest', () => {
    const { results } = diagnose([SCENARIOS['input-unreadable']!, SCENARIOS['permission-missing']!])
    assert.deepEqual(results[0]?.findings.map((finding) => finding.id), ['input-unreadable'])
    assert.equal(results[1]?.findings[0]?.id, 'permission-missing')
  })

  it('unpacks a $batch into one result per sub-request, saying where each came from', () => {
    const batch: Exchange = {
      source: 'capture.har entry 1',
      format: 'har',
      request: {
        method: 'POST',
        url: `${GRAPH}/$batch`,
        headers: [['Authorization', `Bearer ${delegatedToken()}`]],
        body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/me' }, { id: '2', method: 'GET', url: '/users' }] }),
      },
      response: { status: 200, headers: [['Date', FIXTURE_DATE]], body: JSON.stringify({ responses: [{ id: '1', status: 200, body: { id: 'x' } }, { id: '2', status: 403, body: DENIED }] }) },
    }
    const { results } = diagnose([batch], { permissions: catalogue() })
    assert.equal(results.length, 2)
    assert.deepEqual(results[0]?.findings, [])
    assert.equal(results[1]?.findings[0]?.id, 'permission-missing')
    assert.equal(results[1]?.findings[0]?.permission?.leastPrivileged, 'User.ReadBasic.All')
    assert.equal(results[1]?.batch?.requestId, '2')
  })

  it('judges at the Date header, else the HAR start time, else options.now; options.now overrides both', () => {
    const token = delegatedToken()
    const withDate = call({ url: `${GRAPH}/me`, token, status: 401 })
    const withStart: Exchange = { ...call({ url: `${GRAPH}/me`, token, status: 401, noDate: true }), startedAt: '2026-11-21T10:00:00.000Z' }
    const [dated, started] = diagnose([withDate, withStart]).results
    assert.equal(dated?.judgedAt, new Date(FIXTURE_TIME * 1000).toISOString())
    assert.equal(started?.judgedAt, '2026-11-21T10:00:00.000Z')
    assert.ok(started?.findings.some((finding) => finding.id === 'token-expired'), 'a day later the token had expired')
    const now = new Date('2026-11-20T09:55:00Z')
    assert.equal(diagnose([withDate], { now }).results[0]?.judgedAt, now.toISOString())
  })

  it('diagnoses a raw HTTP capture read by parseInput', () => {
    const text = [
      `GET ${GRAPH}/users HTTP/1.1`,
      'Host: graph.microsoft.com',
      `Authorization: Bearer ${delegatedToken()}`,
      '',
      'HTTP/1.1 403 Forbidden',
      `Date: ${FIXTURE_DATE}`,
      'Content-Type: application/json',
      '',
      JSON.stringify(DENIED),
    ].join('\r\n')
    const { results } = diagnose(parseInput(text, 'call.http'), { permissions: catalogue() })
    assert.equal(results[0]?.findings[0]?.id, 'permission-missing')
  })

  it('summarises the bearer token of the request without the token itself', () => {
    const [result] = diagnose([SCENARIOS['permission-missing']!]).results
    assert.equal(result?.token?.kind, 'delegated')
    assert.deepEqual(result?.token?.scopes, ['openid', 'profile', 'email', 'User.Read'])
    assert.equal(result?.token?.signatureLength, fakeSignature().length)
  })

  it('never puts a token signature or a whole JWT into any finding', () => {
    const signature = fakeSignature()
    const { results } = diagnose(Object.values(SCENARIOS), { permissions: catalogue() })
    const text = JSON.stringify(results)
    assert.ok(!text.includes(signature))
    assert.ok(!/eyJ[A-Za-z0-9_-]+\.eyJ/.test(text))
  })
})

describe('rankFindings', () => {
  it('puts errors before warnings before info, then the catalogue rank', () => {
    const make = (id: Parameters<typeof makeFinding>[0]) => makeFinding(id, { detail: '', evidence: [], fix: [] })
    const ranked = rankFindings([make('endpoint-unknown'), make('not-authorization-error'), make('permission-missing'), make('token-expired')])
    assert.deepEqual(ranked.map((finding) => finding.id), ['token-expired', 'permission-missing', 'not-authorization-error', 'endpoint-unknown'])
  })
})
