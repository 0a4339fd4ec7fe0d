/** A parsed JSON object (the data files are read as `unknown` and checked as they are walked). */
export type Json = Record<string, unknown>

/** A JSON object, not an array or null. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
