/**
 * The fast path of JSON lines: the fields the aggregation reads, taken from a plainly shaped line
 * (`{"Key":value,…}` as `JSON.stringify` writes it) without a full `JSON.parse`. Anything else is
 * left to `JSON.parse`: a value that is an object or array, whitespace between tokens, a backslash or
 * control character anywhere in the line (the caller checks those), a wanted key seen twice, a
 * number or literal that JSON does not allow. What it returns equals, for every wanted key, what
 * `JSON.parse` of the line gives (test/core/logs/flat-record.test.ts checks it with fast-check).
 */

/**
 * Every field the aggregation of an activity-log record reads (`records.ts`, `raw-call.ts`), in
 * Log Analytics and camelCase spelling.
 */
export const AGGREGATED_FIELDS: readonly string[] = withCamelCase([
  'RequestUri', 'RequestMethod', 'ResponseStatusCode', 'TimeGenerated', 'RequestId', 'AppId', 'AppDisplayName',
  'ServicePrincipalId', 'UserId', 'AadTenantId', 'TenantId', 'Roles', 'Scopes', 'Wids', 'Count', 'FirstSeen',
  'LastSeen', 'SampleRequestId', 'Properties', 'Records', 'Value', 'Time', 'Status', 'ResultType',
])

function withCamelCase(names: readonly string[]): readonly string[] {
  return names.flatMap((name) => [name, name.charAt(0).toLowerCase() + name.slice(1)])
}

/** Wanted names by their length, for a match without slicing the key out of the line. */
const BY_LENGTH: (readonly string[] | undefined)[] = []
for (const name of AGGREGATED_FIELDS) BY_LENGTH[name.length] = [...(BY_LENGTH[name.length] ?? []), name]

function wantedName(text: string, start: number, length: number): string | undefined {
  const names = BY_LENGTH[length]
  if (names === undefined) return undefined
  const first = text.charCodeAt(start)
  for (const name of names) if (name.charCodeAt(0) === first && sameText(text, start, name)) return name
  return undefined
}

/** `text.startsWith(word, start)`, by hand: the builtin costs ~100 ns a call, more on a long text. */
function sameText(text: string, start: number, word: string): boolean {
  for (let i = 1; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false
  return true
}

/** The wanted fields of a line: the values `JSON.parse` would give them (strings, numbers, booleans, null). */
export type FlatFields = Record<string, string | number | boolean | null>

/**
 * The wanted fields of the line `text[start, end)`, or undefined when the line is not plainly shaped
 * (then `JSON.parse` must read it). The caller has checked that the line holds no backslash and no
 * control character.
 */
export function readFlatFields(text: string, start: number, end: number): FlatFields | undefined {
  if (end - start < 8 || text.charCodeAt(start) !== 0x7b || text.charCodeAt(end - 1) !== 0x7d) return undefined
  const fields: FlatFields = {}
  let i = start + 1
  for (;;) {
    if (text.charCodeAt(i) !== 0x22) return undefined
    const keyEnd = text.indexOf('"', i + 1)
    if (keyEnd === -1 || keyEnd >= end || text.charCodeAt(keyEnd + 1) !== 0x3a) return undefined
    const name = wantedName(text, i + 1, keyEnd - i - 1)
    const at = keyEnd + 2
    const valueEnd = scanValue(text, at, end)
    if (valueEnd === -1) return undefined
    if (name !== undefined) {
      if (fields[name] !== undefined) return undefined
      fields[name] = valueOf(text, at, valueEnd)
    }
    const next = text.charCodeAt(valueEnd)
    if (next === 0x2c) i = valueEnd + 1
    else return next === 0x7d && valueEnd === end - 1 ? fields : undefined
  }
}

/** Where the scalar value at `at` ends, or -1 when there is none JSON allows there. */
function scanValue(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at)
  if (c === 0x22) {
    const close = text.indexOf('"', at + 1)
    return close === -1 || close >= end ? -1 : close + 1
  }
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return numberEnd(text, at)
  if (c === 0x74) return sameText(text, at, 'true') ? at + 4 : -1
  if (c === 0x66) return sameText(text, at, 'false') ? at + 5 : -1
  if (c === 0x6e) return sameText(text, at, 'null') ? at + 4 : -1
  return -1
}

function valueOf(text: string, at: number, end: number): string | number | boolean | null {
  const c = text.charCodeAt(at)
  if (c === 0x22) return text.slice(at + 1, end - 1)
  if (c === 0x74) return true
  if (c === 0x66) return false
  if (c === 0x6e) return null
  return Number(text.slice(at, end))
}

/** The end of a JSON number (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`) starting at `at`, or -1. */
function numberEnd(text: string, at: number): number {
  let i = text.charCodeAt(at) === 0x2d ? at + 1 : at
  const first = text.charCodeAt(i)
  if (first === 0x30) i++
  else if (isDigit(first)) i = digitsEnd(text, i)
  else return -1
  if (text.charCodeAt(i) === 0x2e) {
    if (!isDigit(text.charCodeAt(i + 1))) return -1
    i = digitsEnd(text, i + 1)
  }
  const e = text.charCodeAt(i) | 0x20
  if (e !== 0x65) return i
  i++
  const sign = text.charCodeAt(i)
  if (sign === 0x2b || sign === 0x2d) i++
  return isDigit(text.charCodeAt(i)) ? digitsEnd(text, i) : -1
}

function digitsEnd(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++
  return i
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}
