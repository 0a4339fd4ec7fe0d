/**
 * The id shapes that the pre-aggregation replaces by `{id}` in a request path, written once as RE2
 * patterns (the regex dialect of Kusto and DuckDB) and checked segment by segment in JavaScript by
 * {@link isIdSegment}. A request path keeps its shape (`/users/{id}/messages`) so that the groups of a
 * tenant's logs are few, and the permission lookup treats `{id}` as any segment value.
 */

/** What an id segment becomes. */
export const ID_PLACEHOLDER = '{id}'

/** A GUID, any case. */
export const GUID_PATTERN = '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'
/** A number (chat message ids, list item ids). */
export const NUMBER_PATTERN = '[0-9]+'
/** A UPN or e-mail address, plain or percent-encoded; also Teams thread ids (`19:…@thread.v2`). */
export const ADDRESS_PATTERN = '[^/]*(?:@|%40)[^/]*'
/** A composite id with commas (SharePoint site ids `host,guid,guid`). */
export const COMPOSITE_PATTERN = '[^/]*,[^/]*'
/**
 * A long opaque id (message and drive item ids, base64 or base32, planner ids): URL-safe id characters
 * with at least four digits. Graph's own path words have at most three (`getOffice365ActivationCounts`).
 */
export const OPAQUE_PATTERN = '(?:[A-Za-z_=+%-]*[0-9]){4}[A-Za-z0-9_=+%-]*'

/** The id shapes in the order they are tried. */
export const ID_SEGMENT_PATTERNS: readonly string[] = [GUID_PATTERN, NUMBER_PATTERN, ADDRESS_PATTERN, COMPOSITE_PATTERN, OPAQUE_PATTERN]

/** Minimum digits of an opaque id (see {@link OPAQUE_PATTERN}). */
const OPAQUE_MIN_DIGITS = 4

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102)
}

/** Whether the text is exactly one GUID (any case). */
export function isGuid(segment: string): boolean {
  return segment.length === 36 && isGuidAt(segment, 0)
}

/** Whether a GUID starts at `start` of the text. Runs for every record of a log: char codes, no slice, no regex. */
export function isGuidAt(text: string, start: number): boolean {
  if (start + 36 > text.length) return false
  for (let i = 0; i < 36; i++) {
    const code = text.charCodeAt(start + i)
    const dash = i === 8 || i === 13 || i === 18 || i === 23
    if (dash ? code !== 45 : !isHex(code)) return false
  }
  return true
}

function isOpaqueIdChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 61 || code === 43 || code === 37 || code === 45
}

/** Digits in `text[start, end)`, or -1 when a character is not an opaque-id character. */
function opaqueDigits(text: string, start: number, end: number): number {
  let digits = 0
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (!isOpaqueIdChar(code)) return -1
    if (code >= 48 && code <= 57) digits++
  }
  return digits
}

/**
 * Whether one path segment (no `/`) is an id by {@link ID_SEGMENT_PATTERNS}: the same decision as the
 * patterns anchored to the whole segment, by hand (linear, no regex backtracking).
 *
 * @example
 * isIdSegment('6a8b1b4e-6f37-4d8b-9d5e-0d5e2c3f4a1b') // true
 * isIdSegment('messages') // false
 */
export function isIdSegment(segment: string): boolean {
  return isIdSegmentAt(segment, 0, segment.length)
}

/** {@link isIdSegment} of `text[start, end)`, without cutting it out (it runs for every segment of every logged path). */
export function isIdSegmentAt(text: string, start: number, end: number): boolean {
  if (end <= start) return false
  if (end - start === 36 && isGuidAt(text, start)) return true
  if (within(text, '@', start, end) || within(text, '%40', start, end) || within(text, ',', start, end)) return true
  const digits = opaqueDigits(text, start, end)
  return digits === end - start || digits >= OPAQUE_MIN_DIGITS
}

function within(text: string, word: string, start: number, end: number): boolean {
  const at = text.indexOf(word, start)
  return at !== -1 && at + word.length <= end
}
