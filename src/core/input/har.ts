import type { Exchange, HeaderList, HttpRequest, HttpResponse } from '../exchange.js'
import { decodeBase64Bytes, decodeUtf8 } from '../token/base64url.js'
import { isJsonObject } from '../response/json.js'
import { JsonArrayScanner } from '../stream/json-array-scanner.js'
import { jsonErrorOffset } from './json-locate.js'
import { formatError, lineNumberAt } from './text.js'

/** An entry that cannot be read: the reason names the HAR field, never its content. */
class EntryError extends Error {}

/**
 * Read a HAR 1.2 document (browser devtools, Fiddler, Dev Proxy): one exchange per entry, in entry
 * order. An unreadable entry becomes an `unreadable` exchange while the others are read; a HAR with
 * no `log.entries`, no entries, or only unreadable entries throws `ERR_INPUT_FORMAT`.
 */
export function parseHar(text: string, name: string, parsed?: unknown): Exchange[] {
  const entries = harEntries(text, name, parsed)
  const exchanges = entries.map((entry, index) => harEntryExchange(entry, `${name} entry ${index + 1}`))
  const firstReadable = exchanges.findIndex((exchange) => exchange.unreadable === undefined)
  if (firstReadable === -1) {
    throw formatError(name, 'entry 1', exchanges[0]?.unreadable ?? 'unreadable entry')
  }
  return exchanges
}

function harEntries(text: string, name: string, parsed: unknown): unknown[] {
  const json = parsed ?? parseJson(text, name)
  const log = isJsonObject(json) ? json['log'] : undefined
  if (!isJsonObject(log)) throw formatError(name, missingPlace(text), 'invalid HAR: log is missing')
  const entries = log['entries']
  if (!Array.isArray(entries)) throw formatError(name, missingPlace(text), 'invalid HAR: log.entries is missing or not an array')
  if (entries.length === 0) throw formatError(name, undefined, 'the HAR has no entries')
  return entries
}

/** `line N`: where the object that lacks `log` or `log.entries` ends (the error path only scans the text again). */
function missingPlace(text: string): string | undefined {
  const scanner = new JsonArrayScanner({ path: ['log', 'entries'] })
  try {
    scanner.push(new TextEncoder().encode(text), () => undefined)
    const missing = scanner.end().missing
    return missing === undefined ? undefined : `line ${missing.line}`
  } catch {
    return undefined
  }
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (cause) {
    throw formatError(name, undefined, `not valid JSON, so not a HAR (${jsonErrorPlace(text)})`, cause)
  }
}

/** `line N` of a JSON syntax error; never quotes the text (it may hold a token). */
function jsonErrorPlace(text: string): string {
  const offset = jsonErrorOffset(text)
  return offset === undefined ? 'syntax error' : `syntax error at line ${lineNumberAt(text, offset)}`
}

/**
 * One HAR entry (already parsed) as an exchange; an entry that cannot be read becomes an
 * `unreadable` exchange whose reason names the HAR field, never its content.
 */
export function harEntryExchange(entry: unknown, source: string): Exchange {
  try {
    return readEntry(entry, source)
  } catch (error) {
    if (!(error instanceof EntryError)) throw error
    return { source, format: 'har', unreadable: error.message }
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

// Built by assignment in the order the spreads used to give, without a copy per optional field: a long capture converts every entry.
function readEntry(entry: unknown, source: string): Exchange {
  if (!isJsonObject(entry)) throw new EntryError('the entry is not an object')
  const request = readRequest(entry['request'])
  const response = readResponse(entry['response'])
  const started = entry['startedDateTime']
  const exchange: Mutable<Exchange> = { source, format: 'har', request }
  if (response !== undefined) exchange.response = response
  if (typeof started === 'string' && !Number.isNaN(Date.parse(started))) exchange.startedAt = started
  return exchange
}

function readRequest(value: unknown): HttpRequest {
  if (!isJsonObject(value)) throw new EntryError('request is missing')
  const method = value['method']
  const url = value['url']
  if (typeof method !== 'string' || method === '') throw new EntryError('request.method is not a string')
  if (typeof url !== 'string' || url === '') throw new EntryError('request.url is not a string')
  const request: Mutable<HttpRequest> = { method, url, headers: readHeaders(value['headers'], 'request.headers') }
  const body = postDataText(value['postData'])
  if (body !== undefined) request.body = body
  return request
}

/** A response with status 0 or -1 (blocked, cancelled, CORS failure) is no response at all. */
function readResponse(value: unknown): HttpResponse | undefined {
  if (value === undefined || value === null) return undefined
  if (!isJsonObject(value)) throw new EntryError('response is not an object')
  const status = value['status']
  if (typeof status !== 'number' || !Number.isInteger(status)) throw new EntryError('response.status is not a number')
  if (status <= 0) return undefined
  const response: Mutable<HttpResponse> = { status, headers: readHeaders(value['headers'], 'response.headers') }
  const statusText = value['statusText']
  if (typeof statusText === 'string' && statusText !== '') response.statusText = statusText
  const body = contentText(value['content'])
  if (body !== undefined) response.body = body
  return response
}

function readHeaders(value: unknown, field: string): HeaderList {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new EntryError(`${field} is not an array`)
  const headers: Array<readonly [string, string]> = []
  for (const item of value) {
    if (!isJsonObject(item)) continue
    const headerName = item['name']
    const headerValue = item['value']
    if (typeof headerName !== 'string' || headerName === '') continue
    const text = scalarText(headerValue)
    if (text !== undefined) headers.push([headerName, text])
  }
  return headers
}

function postDataText(value: unknown): string | undefined {
  if (!isJsonObject(value)) return undefined
  const text = value['text']
  if (typeof text === 'string' && text !== '') return text
  const params = value['params']
  if (!Array.isArray(params) || params.length === 0) return undefined
  return params
    .filter(isJsonObject)
    .map((param) => `${encodeURIComponent(scalarText(param['name']) ?? '')}=${encodeURIComponent(scalarText(param['value']) ?? '')}`)
    .join('&')
}

/**
 * A JSON scalar as header or parameter text; undefined for an object or array (never `String()` of
 * it: an object with its own `toString` key would throw).
 */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return value === null || value === undefined ? '' : undefined
}

/** `content.text`, decoded when `encoding` is base64; a binary (non-UTF-8) body is left out. */
function contentText(value: unknown): string | undefined {
  if (!isJsonObject(value)) return undefined
  const text = value['text']
  if (typeof text !== 'string' || text === '') return undefined
  if (value['encoding'] !== 'base64') return text
  const bytes = decodeBase64Bytes(text)
  if (bytes === undefined) throw new EntryError('response.content.text is not valid base64')
  return decodeUtf8(bytes)
}
