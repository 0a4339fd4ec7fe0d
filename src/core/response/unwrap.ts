import { isJsonObject, parseJsonBody } from './json.js'

/** A code and message as some layer of an error body states them. */
export interface ErrorLayer {
  readonly code: string
  readonly message: string
}

/** How the innermost meaningful layer was reached from the outer `error.message`. */
export type UnwrapKind = 'json-message' | 'extension-error'

export interface Unwrapped {
  readonly layer: ErrorLayer
  /** Empty when the outer layer was already the meaningful one. */
  readonly via: readonly UnwrapKind[]
}

/** Codes that name no cause: a layer inside them is read instead. */
const GENERIC_CODES = new Set(['', 'unknownerror', 'generalexception', 'extensionerror', 'internalservererror'])
/** `Operation: Create; Exception: [Status Code: Forbidden; Reason: Access to OData is disabled.]` */
const EXTENSION_ERROR = /Exception:\s*\[Status Code:\s*([A-Za-z]+);\s*Reason:\s*/

/** Code and reason of an ExtensionError text; the reason is all up to a final `]` (found by hand: a lazy match up to `\]\s*$` was polynomial). */
function extensionError(text: string): { code: string; message: string } | undefined {
  const match = EXTENSION_ERROR.exec(text)
  if (match === null) return undefined
  const rest = text.slice(match.index + match[0].length).trimEnd()
  return rest.endsWith(']') ? { code: match[1] ?? '', message: rest.slice(0, -1).trim() } : undefined
}
const CODE_KEYS = ['code', 'errorcode', 'error_code', 'error']
const MESSAGE_KEYS = ['message', 'error_description', 'errormessage', 'description']
/** Bounded: a hostile body could nest deeply; real ones nest two or three levels. */
const MAX_DEPTH = 6

/**
 * Read the innermost meaningful code and message of an error: a JSON object or string inside
 * `message` (Intune's `{"ErrorCode":"Forbidden","Message":"{\"_version\":3,\"Message\":…}"}`,
 * Privileged Identity Management's `{"errorCode":"PermissionScopeNotGranted",…}`, an OAuth
 * `{"error":"invalid_token","error_description":…}`), or an `ExtensionError` wrapper
 * (`Exception: [Status Code: Forbidden; Reason: …]`). A generic inner code (`UnknownError`) never hides a more specific
 * outer one.
 *
 * @example
 * unwrapError({ code: 'UnknownError', message: '{"errorCode":"PermissionScopeNotGranted","message":"Authorization failed…"}' })
 * // { layer: { code: 'PermissionScopeNotGranted', message: 'Authorization failed…' }, via: ['json-message'] }
 */
export function unwrapError(outer: ErrorLayer): Unwrapped {
  let layer = outer
  const via: UnwrapKind[] = []
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const next = innerLayer(layer.message)
    if (next === undefined) break
    via.push(next.kind)
    layer = merge(layer, next.layer)
  }
  return { layer, via }
}

function innerLayer(message: string): { layer: ErrorLayer; kind: UnwrapKind } | undefined {
  const text = message.trim()
  if (text.startsWith('{')) {
    const layer = layerOfJson(parseJsonBody(text))
    return layer === undefined ? undefined : { layer, kind: 'json-message' }
  }
  const extension = extensionError(text)
  return extension === undefined ? undefined : { layer: extension, kind: 'extension-error' }
}

/** Code and message of a JSON error object, whatever the casing of its keys, or of its `error` object. */
export function layerOfJson(json: unknown): ErrorLayer | undefined {
  if (!isJsonObject(json)) return undefined
  const nested = lowerKeyed(json).get('error')
  if (isJsonObject(nested)) return layerOfJson(nested)
  const fields = lowerKeyed(json)
  const code = firstText(fields, CODE_KEYS)
  const message = firstText(fields, MESSAGE_KEYS)
  if (code === undefined && message === undefined) return undefined
  return { code: code ?? '', message: message ?? '' }
}

/** The inner layer wins where it says something; a generic inner code keeps a specific outer one. */
function merge(outer: ErrorLayer, inner: ErrorLayer): ErrorLayer {
  const innerGeneric = GENERIC_CODES.has(inner.code.toLowerCase())
  const code = innerGeneric && !GENERIC_CODES.has(outer.code.toLowerCase()) ? outer.code : inner.code || outer.code
  if (inner.message !== '') return { code, message: inner.message }
  // An empty inner message: the outer one, unless that is only the JSON just read.
  return { code, message: outer.message.trim().startsWith('{') ? '' : outer.message }
}

function lowerKeyed(object: Record<string, unknown>): Map<string, unknown> {
  const map = new Map<string, unknown>()
  for (const [key, value] of Object.entries(object)) if (!map.has(key.toLowerCase())) map.set(key.toLowerCase(), value)
  return map
}

function firstText(fields: Map<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = fields.get(key)
    if (typeof value === 'string' && value !== '') return value
    if (typeof value === 'number') return String(value)
  }
  return undefined
}
