import type { GraphErrorBody } from './types.js'
import { isJsonObject, parseJsonBody, stringField } from './json.js'

/**
 * Read a Graph (OData) error body: `{"error":{"code","message","innerError":{…}}}`. Accepts
 * `innerError` and `innererror`, nested inner errors, an empty message and a missing code.
 * Undefined when the body is not a Graph error (a token-endpoint error has a string `error`).
 *
 * @example
 * parseGraphError('{"error":{"code":"Forbidden","message":""}}') // { code: 'Forbidden', message: '', innerCodes: [] }
 */
export function parseGraphError(body: string | undefined): GraphErrorBody | undefined {
  const json = parseJsonBody(body)
  if (!isJsonObject(json)) return undefined
  const error = json['error']
  if (!isJsonObject(error)) return undefined
  const code = scalarText(error['code'])
  const message = scalarText(error['message'])
  if (code === undefined && message === undefined) return undefined
  const inner = innerErrorOf(error)
  const found: Mutable<GraphErrorBody> = { code: code ?? '', message: message ?? '', innerCodes: innerCodes(inner) }
  const requestId = inner === undefined ? undefined : firstString(inner, ['request-id', 'requestId', 'request_id'])
  const clientRequestId = inner === undefined ? undefined : firstString(inner, ['client-request-id', 'clientRequestId'])
  const date = inner === undefined ? undefined : firstString(inner, ['date'])
  if (requestId !== undefined) found.requestId = requestId
  if (clientRequestId !== undefined) found.clientRequestId = clientRequestId
  if (date !== undefined) found.date = date
  return found
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

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
