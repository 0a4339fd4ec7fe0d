/**
 * A request URI reduced to its path shape: version kept, query dropped, ids replaced by `{id}` (the
 * same normalisation as the KQL `graph-doctor kql` prints), so that calls on different users or
 * messages fall into one group and are diagnosed once. Scanned by hand: it runs once per record.
 */

const GRAPH_ORIGIN = 'https://graph.microsoft.com'
const MAX_PLAIN_SEGMENT = 40

/** The path and the origin of a logged URI (a full URL, or a path as group rows give it). */
export interface PathShape {
  readonly origin: string
  /** `/v1.0/users/{id}/messages` */
  readonly shape: string
}

/**
 * The shape of a Graph request URI.
 *
 * @example
 * pathShape('https://graph.microsoft.com/v1.0/users/6e7b768e-07e2-4810-8459-485f84f8f204/messages?$top=5').shape
 * // '/v1.0/users/{id}/messages'
 */
export function pathShape(uri: string): PathShape {
  let start = 0
  let origin = GRAPH_ORIGIN
  const scheme = uri.indexOf('://')
  if (scheme !== -1) {
    const slash = uri.indexOf('/', scheme + 3)
    origin = slash === -1 ? uri : uri.slice(0, slash)
    start = slash === -1 ? uri.length : slash
  }
  return { origin, shape: shapeOfPath(uri, start) }
}

/** The shape of the path part of `uri` from `start` (a `/`, or the end). */
export function shapeOfPath(uri: string, start: number): string {
  let end = uri.length
  for (let i = start; i < end; i++) {
    const c = uri.charCodeAt(i)
    if (c === 0x3f || c === 0x23) end = i
  }
  let shape = ''
  let segmentStart = start < end && uri.charCodeAt(start) === 0x2f ? start + 1 : start
  while (segmentStart <= end) {
    let segmentEnd = uri.indexOf('/', segmentStart)
    if (segmentEnd === -1 || segmentEnd > end) segmentEnd = end
    const segment = uri.slice(segmentStart, segmentEnd)
    shape += `/${isIdSegment(segment) ? '{id}' : segment.includes('(') ? keyedSegment(segment) : segment}`
    segmentStart = segmentEnd + 1
  }
  return shape === '' ? '/' : shape
}

/** `messages('AAMk…')` → `messages({id})`; a function call with named parameters stays as it is. */
function keyedSegment(segment: string): string {
  const open = segment.indexOf('(')
  const inner = segment.slice(open + 1, segment.endsWith(')') ? -1 : undefined)
  if (inner.includes('=')) return segment
  return `${segment.slice(0, open)}({id})`
}

/** GUIDs, numbers, UPNs and emails, and long opaque ids (Outlook, drive items) are ids. */
export function isIdSegment(segment: string): boolean {
  if (segment === '' || segment === '{id}') return segment === '{id}'
  const first = segment.charCodeAt(0)
  if (first >= 0x30 && first <= 0x39 && isHexOrDigits(segment)) return true
  if (segment.length === 36 && segment.charCodeAt(8) === 0x2d && isHexOrDigits(segment)) return true
  if (segment.includes('@')) return true
  if (segment.length > MAX_PLAIN_SEGMENT && !segment.includes('(')) return true
  return segment.length >= 16 && hasDigitAndLetterRun(segment)
}

function isHexOrDigits(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i) | 0x20
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || c === 0x2d)) return false
  }
  return true
}

/** An opaque id mixes digits into letters (`01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K`); a name does not. */
function hasDigitAndLetterRun(segment: string): boolean {
  let digits = 0
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i)
    if (c >= 0x30 && c <= 0x39) digits++
    else if (c === 0x2e || c === 0x28) return false
  }
  return digits >= 3
}
