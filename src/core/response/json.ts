/**
 * Parse a body as JSON. Undefined when absent, empty or not JSON; never throws.
 *
 * @example
 * parseJsonBody('{"a":1}') // { a: 1 }
 * parseJsonBody('<html>') // undefined
 */
export function parseJsonBody(body: string | undefined): unknown {
  if (body === undefined) return undefined
  const text = stripBom(body).trim()
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** A plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The string value of `object[key]`, or undefined when absent or not a string. */
export function stringField(object: Record<string, unknown>, key: string): string | undefined {
  const value = object[key]
  return typeof value === 'string' ? value : undefined
}

/** Drop a leading UTF-8 BOM. Constant time: a `replace` would copy a 40 MB HAR. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
