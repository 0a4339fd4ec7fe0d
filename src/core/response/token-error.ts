import type { TokenEndpointError } from './types.js'
import { extractAadstsCodes } from '../aadsts.js'
import { jsonText } from '../json-text.js'
import { isJsonObject, parseJsonBody, stringField } from './json.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const OPTIONAL_FIELDS = [
  ['suberror', 'suberror'],
  ['correlationId', 'correlation_id'],
  ['traceId', 'trace_id'],
  ['timestamp', 'timestamp'],
] as const

/**
 * Read a token-endpoint (OAuth2 / AADSTS) error body. Codes come from `error_codes`, else from every
 * `AADSTSnnnn` in `error_description`. `claims` is kept as the plain JSON string the endpoint sends.
 * The description loses its trailing `Trace ID:`, `Correlation ID:` and `Timestamp:` lines.
 * Undefined when the body has no string `error` (a Graph error's `error` is an object).
 *
 * @example
 * parseTokenEndpointError('{"error":"invalid_grant","error_description":"AADSTS50076: MFA…","error_codes":[50076]}')
 * // { error: 'invalid_grant', description: 'AADSTS50076: MFA…', codes: [50076] }
 */
export function parseTokenEndpointError(body: string | undefined): TokenEndpointError | undefined {
  if (body === undefined || !body.includes('"error"')) return undefined
  const json = parseJsonBody(body)
  if (!isJsonObject(json)) return undefined
  const error = stringField(json, 'error')
  if (error === undefined) return undefined
  const rawDescription = stringField(json, 'error_description')
  const found: Mutable<TokenEndpointError> = { error, codes: codesOf(json['error_codes'], rawDescription) }
  const description = rawDescription === undefined ? undefined : stripTrailer(rawDescription)
  if (description !== undefined && description !== '') found.description = description
  for (const [property, key] of OPTIONAL_FIELDS) {
    const value = stringField(json, key)
    if (value !== undefined && value !== '') found[property] = value
  }
  const claims = claimsText(json['claims'])
  if (claims !== undefined) found.claims = claims
  return found
}

function codesOf(errorCodes: unknown, description: string | undefined): number[] {
  if (Array.isArray(errorCodes)) {
    const codes = errorCodes
      .map((code) => (typeof code === 'string' ? Number(code) : code))
      .filter((code): code is number => typeof code === 'number' && Number.isInteger(code) && code >= 0)
    if (codes.length > 0) return unique(codes)
  }
  return description === undefined ? [] : extractAadstsCodes(description)
}

function unique(codes: readonly number[]): number[] {
  return [...new Set(codes)]
}

const TRAILER_KEY = /(?:Trace ID|Correlation ID|Timestamp):/i

/**
 * Remove the `Trace ID:`/`Correlation ID:`/`Timestamp:` lines the endpoint appends: from the first key
 * on the last line holding one, through every following line (blank or starting with a key). Walked
 * line by line from the end: one regular expression for this was exponential in the number of keys.
 */
function stripTrailer(description: string): string {
  const pieces = description.split(/(\r\n|\r|\n)/) // line, line break, line, …
  const starts: number[] = []
  let offset = 0
  pieces.forEach((piece, index) => {
    if (index % 2 === 0) starts.push(offset)
    offset += piece.length
  })
  let cut = -1
  for (let line = starts.length - 1; line >= 0; line--) {
    const text = pieces[line * 2] ?? ''
    if (text.trim() === '') continue
    const key = TRAILER_KEY.exec(text)
    if (key === null) break
    cut = (starts[line] ?? 0) + key.index
    if (text.slice(0, key.index).trim() !== '') break
  }
  return (cut < 0 ? description : description.slice(0, cut)).trim()
}

/** `claims` is a JSON string; tolerate an object some tools write after re-serialising. */
function claimsText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (isJsonObject(value)) return jsonText(value)
  return undefined
}
