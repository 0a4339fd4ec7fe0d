/**
 * Writes `test/fixtures/findings/<id>/hit.<ext>` and `near-miss.<ext>` for every finding id, from the
 * cases in `test/fixtures/findings/cases.ts`. Synthetic tokens only; the exchange time is FIXTURE_TIME,
 * carried by the response `Date` header. Run: `node --import tsx scripts/make-finding-fixtures.ts`.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FIXTURE_TIME } from '../test/helpers/tokens.js'
import { findingCases, type FixtureCase, type HarCall, type HttpCall } from '../test/fixtures/findings/cases.js'

const ROOT = 'test/fixtures/findings'
const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  429: 'Too Many Requests', 503: 'Service Unavailable',
}
const exchangeDate = (offsetSeconds = 0): Date => new Date((FIXTURE_TIME + offsetSeconds) * 1000)

function requestHeaders(call: HttpCall): Array<readonly [string, string]> {
  const url = new URL(call.url)
  const authorization = call.authorization ?? (call.token === undefined ? undefined : `Bearer ${call.token}`)
  return [
    ['Host', url.host],
    ['Accept', 'application/json'],
    ['User-Agent', 'Contoso/1.0 graph-doctor-fixture'],
    ...(authorization === undefined ? [] : [[call.authorizationHeaderName ?? 'Authorization', authorization] as const]),
    ...(call.requestBody === undefined ? [] : [['Content-Type', call.requestBody.mimeType] as const]),
  ]
}

function responseHeaders(call: HttpCall, offsetSeconds = 0): Array<readonly [string, string]> {
  const body = call.responseBody ?? ''
  return [
    ['Date', exchangeDate(offsetSeconds).toUTCString()],
    ...(body === '' ? [] : [['Content-Type', 'application/json; charset=utf-8'] as const]),
    ['request-id', '0f0f0f0f-0000-4000-8000-00000000f1a7'],
    ...(call.responseHeaders ?? []),
  ]
}

const headerLines = (headers: ReadonlyArray<readonly [string, string]>): string[] => headers.map(([name, value]) => `${name}: ${value}`)

/** A raw HTTP exchange: request line and headers, blank line, optional body, then the response. */
function rawHttp(call: HttpCall): string {
  const lines = [`${call.method} ${call.url} HTTP/1.1`, ...headerLines(requestHeaders(call)), '']
  if (call.requestBody !== undefined) lines.push(call.requestBody.text, '')
  lines.push(`HTTP/1.1 ${call.status} ${STATUS_TEXT[call.status] ?? ''}`.trimEnd(), ...headerLines(responseHeaders(call)), '')
  if (call.responseBody !== undefined) lines.push(call.responseBody)
  return `${lines.join('\r\n')}\r\n`
}

const nameValues = (headers: ReadonlyArray<readonly [string, string]>): Array<{ name: string; value: string }> =>
  headers.map(([name, value]) => ({ name, value }))

function harEntry(entry: HarCall, index: number): Record<string, unknown> {
  const { call } = entry
  const started = exchangeDate(index * 5)
  const base = { startedDateTime: started.toISOString(), time: 95, cache: {}, timings: { send: 1, wait: 90, receive: 4 } }
  const body = call.responseBody ?? ''
  const request = {
    method: call.method, url: call.url, httpVersion: 'HTTP/2', cookies: [],
    headers: nameValues(requestHeaders(call).filter(([name]) => name !== 'Host')),
    queryString: [...new URL(call.url).searchParams].map(([name, value]) => ({ name, value })),
    ...(call.requestBody === undefined ? {} : { postData: { mimeType: call.requestBody.mimeType, text: call.requestBody.text } }),
    headersSize: -1, bodySize: call.requestBody?.text.length ?? 0,
  }
  // A capture tool that lost the connection mid-entry: the request has no URL and there is no response.
  if (entry.broken === true) return { ...base, request: { method: call.method, headers: [] } }
  const response = {
    status: call.status, statusText: STATUS_TEXT[call.status] ?? '', httpVersion: 'HTTP/2', cookies: [],
    headers: nameValues(responseHeaders(call, index * 5)),
    content: body === '' ? { size: 0, mimeType: '' } : { size: body.length, mimeType: 'application/json', text: body },
    redirectURL: '', headersSize: -1, bodySize: body.length,
  }
  return { ...base, request, response }
}

function har(entries: readonly HarCall[]): string {
  const log = {
    version: '1.2',
    creator: { name: 'graph-doctor scripts/make-finding-fixtures.ts', version: '1' },
    entries: entries.map(harEntry),
  }
  return `${JSON.stringify({ log }, null, 2)}\n`
}

function render(fixture: FixtureCase): { ext: string; text: string } {
  if (fixture.kind === 'http') return { ext: 'http', text: rawHttp(fixture.call) }
  if (fixture.kind === 'har') return { ext: 'har', text: har(fixture.entries) }
  return { ext: 'json', text: `${JSON.stringify(JSON.parse(fixture.body), null, 2)}\n` }
}

/** Writes every fixture, replacing the old files of each id. Returns the paths written. */
export function writeFindingFixtures(root = ROOT): string[] {
  const written: string[] = []
  for (const [id, pair] of Object.entries(findingCases())) {
    const dir = join(root, id)
    mkdirSync(dir, { recursive: true })
    for (const old of readdirSync(dir)) if (/^(hit|near-miss)\./.test(old)) rmSync(join(dir, old))
    for (const [name, fixture] of [['hit', pair.hit], ['near-miss', pair.nearMiss]] as const) {
      const { ext, text } = render(fixture)
      const path = join(dir, `${name}.${ext}`)
      writeFileSync(path, text)
      written.push(path)
    }
  }
  return written
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const written = writeFindingFixtures()
  process.stdout.write(`wrote ${written.length} fixtures under ${ROOT}\n`)
}
