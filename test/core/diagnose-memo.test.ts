/**
 * A repeated call is diagnosed once (src/core/diagnose-memo.ts): the results with the memo must be
 * those of diagnosing every exchange in full, key order included, over a generated capture and over
 * random mixes of ids, versions, statuses, tokens, bodies, headers and times (fast-check).
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import fc from 'fast-check'
import { GENERATOR_TIME, writeHar } from '../../bench/har-generator.mjs'
import { createDiagnoser } from '../../src/core/diagnose.js'
import type { Exchange } from '../../src/core/exchange.js'
import { HarStreamReader } from '../../src/core/stream/har-stream.js'
import { renderJson, stringifyRedacted, toJsonDocument } from '../../src/render/diagnosis/json.js'
import { renderMarkdown } from '../../src/render/diagnosis/markdown.js'
import { createTextRenderer, renderText } from '../../src/render/diagnosis/text.js'
import { resultBlock } from '../../src/render/diagnosis/text-result.js'
import { makeStyle } from '../../src/render/layout/style.js'
import { redactSecrets } from '../../src/core/redact.js'
import { appOnlyToken, delegatedToken, FIXTURE_TIME } from '../helpers/tokens.js'
import { catalogue } from './rules/helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-diagnose-memo-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/** Every result of every exchange, as JSON text (so that key order counts too), and how many were made. */
function results(exchanges: readonly Exchange[], memoise: boolean, now?: Date): string {
  const diagnoser = createDiagnoser({ permissions: catalogue(), memoise, ...(now === undefined ? {} : { now }) })
  return JSON.stringify(exchanges.flatMap((exchange) => diagnoser.diagnose(exchange)))
}

describe('diagnosing a repeated call once', () => {
  const har = join(dir, 'capture.har')
  writeHar(har, { entries: 2500 })
  const bytes = readFileSync(har)
  const reader = new HarStreamReader('capture.har')
  const exchanges: Exchange[] = []
  for (let at = 0; at < bytes.length; at += 65_536) exchanges.push(...reader.push(bytes.subarray(at, at + 65_536)))
  reader.end()

  it('gives the results of a full diagnosis over a generated capture, judged at each entry time', () => {
    const memoised = results(exchanges, true)
    assert.equal(memoised, results(exchanges, false))
    assert.ok(memoised.includes('token-expired') && memoised.includes('"findings":[]'), 'the capture holds failures and healthy calls')
  })

  it('renders the same text and JSON, the remembered results from their templates', () => {
    // With --now, a failure repeats as soon as its call does (here every 100 entries).
    const now = new Date((GENERATOR_TIME + 60) * 1000)
    const rendered = (memoise: boolean, showAll: boolean): string[] => {
      const diagnoser = createDiagnoser({ permissions: catalogue(), memoise, now })
      const diagnosis = { results: exchanges.flatMap((exchange) => diagnoser.diagnose(exchange)) }
      return [renderText(diagnosis, { colour: showAll, width: 72, showAll }), renderJson(diagnosis), renderMarkdown(diagnosis)]
    }
    for (const showAll of [false, true]) assert.deepEqual(rendered(true, showAll), rendered(false, showAll))
  })

  it('renders each failure in text as its whole block redacted, first seen or repeated', () => {
    // The renderer makes a failure's heading and findings apart (the findings once per remembered result).
    const now = new Date((GENERATOR_TIME + 60) * 1000)
    const diagnoser = createDiagnoser({ permissions: catalogue(), now })
    const renderer = createTextRenderer({ colour: true, width: 72 })
    const layout = { style: makeStyle(true), width: 72 }
    let failures = 0
    for (const result of exchanges.slice(0, 800).flatMap((exchange) => diagnoser.diagnose(exchange))) {
      const text = renderer.result(result)
      if (text === '') continue
      failures++
      assert.equal(text, `${redactSecrets(resultBlock(result, layout))}\n\n`)
    }
    assert.ok(failures > 100)
  })

  it('writes JSON from its templates that is the plain JSON document of the same results', () => {
    // The comparison above renders both runs through the same templates; this one checks the templates themselves.
    const now = new Date((GENERATOR_TIME + 60) * 1000)
    const diagnoser = createDiagnoser({ permissions: catalogue(), now })
    const diagnosis = { results: exchanges.flatMap((exchange) => diagnoser.diagnose(exchange)) }
    assert.deepEqual(JSON.parse(renderJson(diagnosis)), JSON.parse(stringifyRedacted(toJsonDocument(diagnosis))))
  })

  it('gives the results of a full diagnosis with --now', () => {
    const now = new Date((GENERATOR_TIME + 3305) * 1000)
    assert.equal(results(exchanges, true, now), results(exchanges, false, now))
  })

  it('never takes a success whose body holds an error, or another id of a failure, for a remembered one', () => {
    const call = (user: string, status: number, body: string): Exchange => ({
      source: `calls.har entry ${user}`,
      format: 'har',
      request: { method: 'GET', url: `https://graph.microsoft.com/v1.0/users/${user}-2222-4333-8444-555555555555`, headers: [['Authorization', `Bearer ${delegatedToken()}`]] },
      response: { status, headers: [], body },
      startedAt: new Date(FIXTURE_TIME * 1000).toISOString(),
    })
    const ok = '{"id":"1"}'
    const identity = '{"error":{"code":"Authorization_IdentityNotFound","message":"The identity of the calling application could not be established."}}'
    const bare = '{"code":"Authorization_IdentityNotFound","message":"no service principal"}'
    const escaped = '{"\\u0065rror":{"\\u0063ode":"Authorization_IdentityNotFound","message":"x"}}'
    const denied = '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}'
    const calls = [call('a1111111', 200, ok), call('a2222222', 200, identity), call('a3333333', 200, bare), call('a4444444', 200, escaped), call('a5555555', 200, ok), call('a6666666', 403, denied), call('a7777777', 403, denied), call('a6666666', 403, denied)]
    const memoised = results(calls, true)
    assert.equal(memoised, results(calls, false))
    assert.equal(JSON.parse(memoised).filter((result: { findings: unknown[] }) => result.findings.length > 0).length, 6, 'three successes with an error body, three denials')
  })

  it('gives the results of a full diagnosis over random mixes of repeated calls', () => {
    const tokens = [delegatedToken(), delegatedToken({ exp: FIXTURE_TIME - 60 }), appOnlyToken(), appOnlyToken({ roles: [] }), delegatedToken({ aud: 'https://outlook.office.com' }), 'not-a-jwt-but-long-enough-1234567890']
    const users = ['11111111-2222-4333-8444-555555555555', 'ada@contoso.example', '99999999-8888-4777-8666-555555555555', 'me-not-an-id']
    const paths = [(id: string) => `/v1.0/users/${id}`, (id: string) => `/beta/users/${id}/messages?$top=5`, () => '/v1.0/me', (id: string) => `/V1.0/groups/${id}/members`, () => '/v1.0', () => '/v1.0/$batch']
    const hosts = ['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://login.microsoftonline.com/common/oauth2/v2.0/token', 'https://contoso.sharepoint.com/_api']
    const bodies = [
      undefined, '{"value":[{"id":"1"}]}', '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}',
      '{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}', '{"\\u0065rror":{"code":"Authorization_IdentityNotFound","message":"x"}}',
      '<html><body>403 Forbidden</body></html>', 'Access token is empty.', '{"error":"invalid_grant","error_description":"AADSTS50076: MFA required."}',
      '{"responses":[{"id":"1","status":403,"body":{"error":{"code":"Forbidden","message":"no"}}}]}',
    ]
    const exchange = fc.record({
      host: fc.constantFrom(...hosts), path: fc.constantFrom(...paths), user: fc.constantFrom(...users), method: fc.constantFrom('GET', 'get', 'POST', 'PATCH'),
      status: fc.constantFrom(200, 204, 302, 400, 401, 403, 429, 500), token: fc.option(fc.constantFrom(...tokens)), body: fc.constantFrom(...bodies),
      requestBody: fc.option(fc.constantFrom('{"passwordProfile":{"password":"x"}}', 'grant_type=client_credentials&client_id=aaaa')),
      challenge: fc.option(fc.constantFrom('Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnt9fQ=="', 'Bearer realm=""')),
      retryAfter: fc.option(fc.constantFrom('10', '120')), date: fc.option(fc.integer({ min: -7200, max: 7200 })), started: fc.integer({ min: -7200, max: 7200 }),
    })
    type Spec = typeof exchange extends fc.Arbitrary<infer T> ? T : never
    // Every call has a time (a Date header or startedDateTime): judged by the clock, two runs could differ by a millisecond.
    const toExchange = (spec: Spec, index: number): Exchange => {
      const url = spec.host.includes('/oauth2/') || spec.host.includes('/_api') ? spec.host : `${spec.host}${spec.path(spec.user)}`
      const headers: Array<[string, string]> = spec.token === null ? [] : [['Authorization', `Bearer ${spec.token}`]]
      const responseHeaders: Array<[string, string]> = []
      if (spec.challenge !== null) responseHeaders.push(['WWW-Authenticate', spec.challenge])
      if (spec.retryAfter !== null) responseHeaders.push(['Retry-After', spec.retryAfter])
      if (spec.date !== null) responseHeaders.push(['Date', new Date((FIXTURE_TIME + spec.date) * 1000).toUTCString()])
      return {
        source: `mix.har entry ${index + 1}`,
        format: 'har',
        request: { method: spec.method, url, headers, ...(spec.requestBody === null ? {} : { body: spec.requestBody }) },
        response: { status: spec.status, headers: responseHeaders, ...(spec.body === undefined ? {} : { body: spec.body }) },
        startedAt: new Date((FIXTURE_TIME + spec.started) * 1000).toISOString(),
      }
    }
    // Few distinct calls, many repeats: what the memo sees in a capture.
    const capture = fc.array(exchange, { minLength: 1, maxLength: 12 }).chain((distinct) => fc.array(fc.nat(distinct.length - 1), { minLength: 1, maxLength: 40 }).map((picks) => picks.map((pick, index) => toExchange(distinct[pick] ?? distinct[0]!, index))))
    fc.assert(fc.property(capture, fc.boolean(), (calls, withNow) => {
      const now = withNow ? new Date(FIXTURE_TIME * 1000) : undefined
      assert.equal(results(calls, true, now), results(calls, false, now))
    }), { numRuns: 150 })
  })
})
