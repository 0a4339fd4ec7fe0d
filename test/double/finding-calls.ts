/**
 * One live call per finding id, built from the finding fixtures (test/fixtures/findings/cases.ts):
 * what a client sends (method, path, headers, body) and what the double answers. Token-endpoint
 * fixtures become a client-credentials POST to `/<tenant>/oauth2/v2.0/token`; `input-unreadable`
 * becomes a 403 whose body is cut off by a reset.
 */
import { findingIds, type FindingId } from '../../src/core/catalogue.js'
import { findingCases, LEAK_MARKER, type FixtureCase, type HttpCall } from '../fixtures/findings/cases.js'
import { FAKE_APP, FAKE_TENANT, FIXTURE_TIME } from '../helpers/tokens.js'

export interface ScriptedResponse {
  readonly status: number
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: string
  /** Send the headers and half the body, then reset the connection. */
  readonly cutOff?: boolean
}

export interface LiveCall {
  readonly id: FindingId
  readonly method: string
  /** Path and query, relative to the double's (or proxy's) origin. */
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  readonly response: ScriptedResponse
}

/** A client secret that must never be printed: every output of the proxy is checked for it. */
export const CLIENT_SECRET = `${LEAK_MARKER}-client-secret`
const TOKEN_PATH = `/${FAKE_TENANT}/oauth2/v2.0/token`
const JSON_TYPE: readonly [string, string] = ['content-type', 'application/json; charset=utf-8']
/** The fixtures' tokens are valid around FIXTURE_TIME: the scripted answers are dated then, as a capture would be. */
const FIXTURE_DATE: readonly [string, string] = ['date', new Date(FIXTURE_TIME * 1000).toUTCString()]

function pathOf(url: string): string {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}

function authorizationOf(call: HttpCall): Record<string, string> {
  const value = call.authorization ?? (call.token === undefined ? undefined : `Bearer ${call.token}`)
  return value === undefined ? {} : { [call.authorizationHeaderName ?? 'Authorization']: value }
}

function fromHttpCall(id: FindingId, call: HttpCall, cutOff = false): LiveCall {
  const body = call.requestBody?.text
  return {
    id,
    method: call.method,
    path: pathOf(call.url),
    headers: { ...authorizationOf(call), ...(body === undefined ? {} : { 'content-type': call.requestBody?.mimeType ?? 'application/json' }) },
    ...(body === undefined ? {} : { body }),
    response: { status: call.status, headers: [JSON_TYPE, FIXTURE_DATE, ...(call.responseHeaders ?? [])], body: call.responseBody ?? '', ...(cutOff ? { cutOff } : {}) },
  }
}

function tokenCall(id: FindingId, errorBody: string): LiveCall {
  const form = new URLSearchParams({ client_id: FAKE_APP, scope: 'https://graph.microsoft.com/.default', grant_type: 'client_credentials', client_secret: CLIENT_SECRET })
  return {
    id,
    method: 'POST',
    path: TOKEN_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    response: { status: 400, headers: [JSON_TYPE, FIXTURE_DATE], body: errorBody },
  }
}

function liveCall(id: FindingId, hit: FixtureCase): LiveCall {
  if (hit.kind === 'http') return fromHttpCall(id, hit.call)
  if (hit.kind === 'json') return tokenCall(id, hit.body)
  const broken = hit.entries.find((entry) => entry.broken === true)?.call ?? hit.entries[0]?.call
  if (broken === undefined) throw new Error(`finding ${id}: a HAR fixture without entries`)
  return fromHttpCall(id, { ...broken, status: 403, responseBody: JSON.stringify({ error: { code: 'accessDenied', message: 'Access denied.'.repeat(200) } }) }, true)
}

let cached: ReadonlyMap<FindingId, LiveCall> | undefined

/** The live call of every finding id. */
export function findingCalls(): ReadonlyMap<FindingId, LiveCall> {
  if (cached !== undefined) return cached
  const cases = findingCases()
  cached = new Map(findingIds.map((id) => [id, liveCall(id, cases[id].hit)]))
  return cached
}

/** The live call of one finding id. */
export function findingCall(id: FindingId): LiveCall {
  const call = findingCalls().get(id)
  if (call === undefined) throw new Error(`no live call for ${id}`)
  return call
}
