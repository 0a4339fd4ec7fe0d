import type { GraphErrorBody } from './types.js'
import { isJsonObject, parseJsonBody, stringField } from './json.js'
import { layerOfJson, unwrapError } from './unwrap.js'
import type { ErrorLayer } from './unwrap.js'
import { readMarkupOrText } from './markup.js'

/**
 * Read a Graph (OData) error body: `{"error":{"code","message","innerError":{…}}}`. Accepts
 * `innerError` and `innererror`, nested inner errors, an empty message and a missing code, and reads
 * the innermost meaningful code and message: JSON inside `error.message`, `ExtensionError` wrappers,
 * an OAuth `error`/`error_description` pair, a bare `{"code","message"}` object. An HTML or plain-text
 * body (a front door or proxy answering instead of Graph) gives its title or first line as message.
 * Undefined when the body holds no error at all.
 *
 * @example
 * parseGraphError('{"error":{"code":"Forbidden","message":""}}') // { code: 'Forbidden', message: '', innerCodes: [] }
 */
export function parseGraphError(body: string | undefined): GraphErrorBody | undefined {
  const json = parseJsonBody(body)
  if (json === undefined) return readMarkupOrText(body)
  if (!isJsonObject(json)) return undefined
  const error = isJsonObject(json['error']) ? json['error'] : json
  const outer = outerLayer(json, error)
  if (outer === undefined) return undefined
  const { layer, via } = unwrapError(outer)
  const inner = innerErrorOf(error)
  const found: Mutable<GraphErrorBody> = { code: layer.code, message: layer.message, innerCodes: innerCodes(inner) }
  if (via.length > 0) found.unwrapped = { via, outerCode: outer.code, outerMessage: outer.message }
  if (typeof json['error'] === 'string') found.form = 'oauth'
  const requestId = inner === undefined ? undefined : firstString(inner, ['request-id', 'requestId', 'request_id'])
  const clientRequestId = inner === undefined ? undefined : firstString(inner, ['client-request-id', 'clientRequestId'])
  const date = inner === undefined ? undefined : firstString(inner, ['date'])
  if (requestId !== undefined) found.requestId = requestId
  if (clientRequestId !== undefined) found.clientRequestId = clientRequestId
  if (date !== undefined) found.date = date
  return found
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** `{"error":{…}}`, `{"error":"x","error_description":"…"}` or a bare `{"code","message"}`. */
function outerLayer(json: Record<string, unknown>, error: Record<string, unknown>): ErrorLayer | undefined {
  if (error !== json) {
    const code = scalarText(error['code'])
    const message = scalarText(error['message']) ?? stringField(error, 'error_description')
    if (code === undefined && message === undefined) return undefined
    return { code: code ?? '', message: message ?? '' }
  }
  const oauth = stringField(json, 'error')
  if (oauth !== undefined) return { code: oauth, message: stringField(json, 'error_description') ?? '' }
  // A bare object counts only with both fields: a resource that merely has a `code` property is no error.
  if (scalarText(json['code']) === undefined || scalarText(json['message']) === undefined) return undefined
  return layerOfJson(json)
}

/** `code` is a string, but some workloads send a number (OneNote's `40001`). */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

function innerErrorOf(error: Record<string, unknown>): Record<string, unknown> | undefined {
  const inner = error['innerError'] ?? error['innererror'] ?? error['InnerError']
  return isJsonObject(inner) ? inner : undefined
}

function innerCodes(inner: Record<string, unknown> | undefined): string[] {
  const codes: string[] = []
  let current = inner
  // Bounded: a hostile body could nest deeply; 20 levels is far beyond any real response.
  for (let depth = 0; current !== undefined && depth < 20; depth++) {
    const code = scalarText(current['code'])
    if (code !== undefined && code !== '') codes.push(code)
    current = innerErrorOf(current)
  }
  return codes
}

function firstString(object: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = stringField(object, key)
    if (value !== undefined && value !== '') return value
  }
  return undefined
}
