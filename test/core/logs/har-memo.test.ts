/**
 * Repeated HAR failures are diagnosed once (src/core/logs/failure-memo.ts): the report with the memo
 * must equal the report without it, over a generated capture (bench/har-generator.mjs: 16 tokens, some
 * expired, 16 endpoints with varying ids, 401/403/400, token-endpoint errors and `$batch` calls).
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { GENERATOR_TIME, writeHar } from '../../../bench/har-generator.mjs'
import { diagnose } from '../../../src/core/diagnose.js'
import type { Exchange } from '../../../src/core/exchange.js'
import { buildLogReport, LogAggregator } from '../../../src/core/logs/index.js'
import { FailureMemo } from '../../../src/core/logs/failure-memo.js'
import { HarStreamReader } from '../../../src/core/stream/har-stream.js'
import { analyseToken, parseAuthorizationHeader } from '../../../src/core/token/index.js'
import type { TokenAnalysis } from '../../../src/core/token/types.js'
import { FIXTURE_TIME, GRAPH_APP_ID, makeJwt } from '../../helpers/tokens.js'
import { catalogue } from '../rules/helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-har-memo-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const ENTRIES = 2500
const har = join(dir, 'capture.har')
writeHar(har, { entries: ENTRIES })
const bytes = readFileSync(har)

/** The capture fed in 64 KiB chunks to an aggregator, with or without the memo. */
function report(memoiseFailures: boolean, now?: Date): unknown {
  const aggregator = new LogAggregator({ catalogue: catalogue(), memoiseFailures, ...(now === undefined ? {} : { now }) })
  aggregator.beginInput('capture.har', 'har')
  const reader = new HarStreamReader('capture.har')
  for (let at = 0; at < bytes.length; at += 65_536) for (const exchange of reader.push(bytes.subarray(at, at + 65_536))) aggregator.addExchange(exchange)
  reader.end()
  return { state: aggregator.state, report: buildLogReport(aggregator.state, catalogue()) }
}

describe('HAR failures diagnosed once per distinct failure', () => {
  it('gives the same state and report as diagnosing every entry, judged at each entry time', () => {
    const memoised = report(true)
    assert.deepEqual(memoised, report(false))
    assert.ok(JSON.stringify(memoised).includes('token-expired'), 'the capture holds expired tokens')
  })

  it('gives the same state and report with --now', () => {
    const now = new Date((GENERATOR_TIME + 3305) * 1000)
    assert.deepEqual(report(true, now), report(false, now))
  })
})

describe('FailureMemo', () => {
  const token = makeJwt({ aud: GRAPH_APP_ID, scp: 'User.Read', iat: FIXTURE_TIME - 600, exp: FIXTURE_TIME + 60, idtyp: 'user' })
  const denied = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } })
  const call = (user: string, secondsLater: number, body = denied): Exchange => ({
    source: `capture.har entry ${user}`,
    format: 'har',
    request: { method: 'GET', url: `https://graph.microsoft.com/v1.0/users/${user}/messages?$top=5`, headers: [['Authorization', `Bearer ${token}`]] },
    response: { status: 403, headers: [['Date', new Date((FIXTURE_TIME + secondsLater) * 1000).toUTCString()]], body },
  })

  const bearer = (value: string | undefined): TokenAnalysis | undefined => {
    const auth = parseAuthorizationHeader(value)
    return auth.state === 'present' ? analyseToken(auth.token) : undefined
  }

  function diagnosedCalls(exchanges: readonly Exchange[]): { count: number; ids: string[] } {
    const memo = new FailureMemo(undefined)
    let count = 0
    const ids = exchanges.map((exchange) => {
      const results = memo.diagnosis(exchange, bearer, false, () => {
        count++
        return diagnose([exchange], { permissions: catalogue() }).results
      })
      return results[0]?.findings[0]?.id ?? 'none'
    })
    return { count, ids }
  }

  it('diagnoses a failure once for every user id of the same endpoint, token and body', () => {
    const users = ['6e7b768e-07e2-4810-8459-485f84f8f204', '0b6c1c7e-2f8a-4f55-9f31-7c1d2a3b4c5d', '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d']
    assert.equal(diagnosedCalls(users.map((user, index) => call(user, index))).count, 1)
  })

  it('diagnoses again when the token has expired by then, or the body differs', () => {
    const user = '6e7b768e-07e2-4810-8459-485f84f8f204'
    const expired = diagnosedCalls([call(user, 0), call(user, 120)])
    assert.equal(expired.count, 2)
    assert.notEqual(expired.ids[0], 'token-expired')
    assert.equal(expired.ids[1], 'token-expired')
    const otherBody = JSON.stringify({ error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } })
    assert.equal(diagnosedCalls([call(user, 0), call(user, 1, otherBody)]).count, 2)
  })

  it('never keys a call whose time would come from the clock or the error body', () => {
    const undated: Exchange = { ...call('6e7b768e-07e2-4810-8459-485f84f8f204', 0), response: { status: 403, headers: [], body: denied } }
    assert.equal(diagnosedCalls([undated, undated]).count, 2)
  })
})
