// Issue 8, "Crashes" and "Huge single values": every input here crashed graph-doctor (a stack
// overflow or an invalid Date) or was processed whole at great cost, before the fixes they guard.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { diagnose } from '../../src/core/diagnose.js'
import type { Exchange } from '../../src/core/exchange.js'
import { expandBatches, parseInput } from '../../src/core/input/index.js'
import { parseWwwAuthenticate } from '../../src/core/response/index.js'
import { rules } from '../../src/core/rules/index.js'
import type { Rule } from '../../src/core/rules/rule.js'
import { analyseToken, explainClaims, judgeTokenTime, summarizeToken, type TokenAnalysis } from '../../src/core/token/index.js'
import { renderJson } from '../../src/render/diagnosis/json.js'
import { renderMarkdown } from '../../src/render/diagnosis/markdown.js'
import { renderText } from '../../src/render/diagnosis/text.js'
import { renderTokenJson, type TokenReport } from '../../src/render/token/json.js'
import { renderTokenMarkdown, renderTokenText } from '../../src/render/token/text.js'
import { FIXTURE_TIME, delegatedClaims, delegatedToken, makeJwt } from '../helpers/tokens.js'

const NOW = new Date(FIXTURE_TIME * 1000)
const DEEP = 10_000

/** JSON text nested `depth` objects deep. */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}

/** What the `token` command prints, in every format. */
function renderToken(analysis: TokenAnalysis): void {
  const report: TokenReport = { analysis, time: judgeTokenTime(analysis, NOW), claims: explainClaims(analysis), summary: summarizeToken(analysis) }
  renderTokenText(report, { colour: false })
  renderTokenJson(report)
  renderTokenMarkdown(report)
}

function renderAll(exchanges: readonly Exchange[]): void {
  const diagnosis = diagnose(exchanges, { now: NOW })
  renderText(diagnosis, { colour: false })
  renderJson(diagnosis)
  renderMarkdown(diagnosis)
}

function rawHttp(status: string, headers: string, body: string, token = delegatedToken()): string {
  return `GET https://graph.microsoft.com/v1.0/me HTTP/1.1\nAuthorization: Bearer ${token}\n\nHTTP/1.1 ${status}\nDate: Fri, 20 Nov 2026 10:00:00 GMT\n${headers}Content-Type: application/json\n\n${body}\n`
}

test('a HAR header value, postData param or response header that is an object with its own toString is read, not a crash', () => {
  const har = JSON.stringify({ log: { entries: [{
    request: { method: 'POST', url: 'https://graph.microsoft.com/v1.0/me', headers: [{ name: 'X-A', value: { toString: 1 } }, { name: 'X-B', value: 7 }], postData: { params: [{ name: { toString: 1 }, value: { valueOf: 1 } }] } },
    response: { status: 403, headers: [{ name: 'X-C', value: { toString: 'x' } }] },
  }] } })
  const [exchange] = parseInput(har, 'capture.har')
  assert.deepEqual(exchange?.request?.headers, [['X-B', '7']])
  assert.equal(exchange?.request?.body, '=')
  renderAll(parseInput(har, 'capture.har'))
})

test('no unbounded array is spread into a call: 130,000 challenges, a body of 130,000 lines, an error message of 200,000 lines', () => {
  const challenges = parseWwwAuthenticate(['Bearer realm="x", '.repeat(130_000)])
  assert.equal(challenges.length, 130_000)
  const lines = parseInput(rawHttp('403 Forbidden', '', 'line\n'.repeat(130_000)), 'big.http')
  assert.equal(lines[0]?.response?.body?.split('\n').length, 130_000)
  const message = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'x\n'.repeat(200_000) } })
  renderAll(parseInput(rawHttp('403 Forbidden', '', message), 'message.http'))
})

test('deeply nested JSON is summarised, never stringified or walked whole: $batch headers and body, a token claim, a claims challenge', () => {
  const batch = `{"requests":[{"id":"1","method":"GET","url":"/me","headers":${deepJson(DEEP)}},{"id":"2","method":"POST","url":"/me","body":${deepJson(DEEP)}}]}`
  const outer: Exchange = {
    source: 'b.har entry 1',
    format: 'har',
    request: { method: 'POST', url: 'https://graph.microsoft.com/v1.0/$batch', headers: [['Authorization', `Bearer ${delegatedToken()}`]], body: batch },
    response: { status: 200, headers: [], body: '{"responses":[]}' },
  }
  const [first, second] = expandBatches([outer])
  assert.match(first?.request?.headers.find(([name]) => name === 'a')?.[1] ?? '', /nested deeper than 64 levels/)
  assert.match(second?.request?.body ?? '', /nested deeper than 64 levels/)
  renderAll([outer])

  const payload = `${JSON.stringify(delegatedClaims()).slice(0, -1)},"x":${deepJson(DEEP)}}`
  const deepClaimToken = `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(payload).toString('base64url')}.c2lnbmF0dXJl`
  const analysis = analyseToken(deepClaimToken)
  assert.match(explainClaims(analysis).find((claim) => claim.claim === 'x')?.value ?? '', /nested deeper/)
  renderToken(analysis)
  renderAll(parseInput(rawHttp('403 Forbidden', '', '{}', deepClaimToken), 'claim.http'))

  const claims = Buffer.from(`{"access_token":${deepJson(5_000)}}`).toString('base64')
  renderAll(parseInput(rawHttp('401 Unauthorized', `WWW-Authenticate: Bearer realm="", error="insufficient_claims", claims="${claims}"\n`, '{}'), 'claims.http'))
})

test('exp, iat or nbf beyond the range of a Date is no time: the token is still analysed, explained and diagnosed', () => {
  const token = makeJwt(delegatedClaims({ exp: 1e20, iat: -1e20, nbf: '99999999999999999999' }))
  const analysis = analyseToken(token)
  assert.equal(analysis.expiresAt, undefined)
  assert.equal(analysis.issuedAt, undefined)
  renderToken(analysis)
  const [result] = diagnose(parseInput(rawHttp('401 Unauthorized', '', '{"error":{"code":"InvalidAuthenticationToken","message":"x"}}', token), 'exp.http'), { now: NOW }).results
  assert.ok(result?.findings.some((finding) => finding.severity === 'error'), JSON.stringify(result?.findings.map((finding) => finding.id)))
})

test('a rule that throws is an error finding on a failed call (never a clean exit), and a warning on a successful one', () => {
  const broken: Rule = { id: 'input-unreadable', check: () => { throw new Error('boom') } }
  const list = rules as Rule[]
  list.unshift(broken)
  try {
    const failed = diagnose(parseInput(rawHttp('401 Unauthorized', '', '{}'), 'a.http'), { now: NOW }).results[0]
    const crash = failed?.findings.find((finding) => finding.detail.includes('boom'))
    assert.equal(crash?.severity, 'error')
    const fine = diagnose(parseInput(rawHttp('200 OK', '', '{}'), 'b.http'), { now: NOW }).results[0]
    assert.equal(fine?.findings.find((finding) => finding.detail.includes('boom'))?.severity, 'warning')
  } finally {
    list.splice(list.indexOf(broken), 1)
  }
})

test('a 20 MB claims value in WWW-Authenticate is summarised, not processed whole', () => {
  const [challenge] = parseWwwAuthenticate([`Bearer realm="", error="insufficient_claims", claims="${'A'.repeat(20_000_000)}"`])
  assert.equal(challenge?.params['claims'], '[omitted by graph-doctor: a value of 20000000 characters]')
  assert.equal(challenge?.params['error'], 'insufficient_claims')
  const [escaped] = parseWwwAuthenticate(['Bearer error="a\\"b\\\\", realm="x'])
  assert.deepEqual(escaped?.params, { error: 'a"b\\', realm: 'x' })
})
