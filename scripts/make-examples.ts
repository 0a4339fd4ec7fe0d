/**
 * Writes `examples/failing-calls.har`, a HAR 1.2 capture of failing Microsoft Graph calls that
 * produces every finding id. Run: `node --import tsx scripts/make-examples.ts`.
 */
import { writeFileSync } from 'node:fs'
import { FIXTURE_TIME } from '../test/helpers/tokens.js'
import { exampleCalls, type ExampleCall } from './make-examples-entries.js'

type NameValue = { name: string; value: string }

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' }

function headerList(pairs: ReadonlyArray<readonly [string, string]>): NameValue[] {
  return pairs.map(([name, value]) => ({ name, value }))
}

function requestHeaders(call: ExampleCall): NameValue[] {
  const pairs: Array<readonly [string, string]> = [['Accept', 'application/json'], ['User-Agent', 'Contoso/1.0 graph-doctor-example']]
  const authorization = call.authorization ?? (call.token === undefined ? undefined : `Bearer ${call.token}`)
  if (authorization !== undefined) pairs.push(['Authorization', authorization])
  if (call.requestBody !== undefined) pairs.push(['Content-Type', call.requestBody.mimeType])
  return headerList([...pairs, ...(call.requestHeaders ?? [])])
}

function entry(call: ExampleCall, index: number): Record<string, unknown> {
  const started = new Date((FIXTURE_TIME + index * 7) * 1000)
  const url = new URL(call.url)
  const responseText = call.responseBody ?? ''
  const isJson = responseText.startsWith('{')
  const request = {
    method: call.method,
    url: call.url,
    httpVersion: 'HTTP/2',
    cookies: [],
    headers: requestHeaders(call),
    queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
    ...(call.requestBody === undefined ? {} : { postData: { mimeType: call.requestBody.mimeType, text: call.requestBody.text } }),
    headersSize: -1,
    bodySize: call.requestBody?.text.length ?? 0,
  }
  const response = {
    status: call.status,
    statusText: STATUS_TEXT[call.status] ?? '',
    httpVersion: 'HTTP/2',
    cookies: [],
    headers: headerList([
      ['Date', started.toUTCString()],
      ['Content-Type', isJson ? 'application/json; charset=utf-8' : 'text/plain'],
      ['request-id', `0000000${index}-feed-4bee-8cab-000000000000`.slice(-36)],
      ...(call.responseHeaders ?? []),
    ]),
    content: { size: responseText.length, mimeType: isJson ? 'application/json' : 'text/plain', text: responseText },
    redirectURL: '',
    headersSize: -1,
    bodySize: responseText.length,
  }
  const base = { startedDateTime: started.toISOString(), time: 120, comment: call.comment, cache: {}, timings: { send: 1, wait: 110, receive: 9 } }
  if (call.isBroken === true) return { ...base, request: { method: call.method, headers: [] } }
  return { ...base, request, response }
}

/** The whole HAR document. */
export function makeExampleHar(): unknown {
  return {
    log: {
      version: '1.2',
      creator: { name: 'graph-doctor scripts/make-examples.ts', version: '1' },
      comment: 'Synthetic capture: fake tenant and app ids, dummy token signatures. Regenerate with node --import tsx scripts/make-examples.ts',
      entries: exampleCalls().map(entry),
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync('examples/failing-calls.har', `${JSON.stringify(makeExampleHar(), null, 2)}\n`)
  process.stdout.write('wrote examples/failing-calls.har\n')
}
