/**
 * The segments of the request being matched, held in place: segment `i` is `text[i][start[i], end[i])`
 * compared ignoring ASCII case (a slice of the raw URL, or a normalised string when the segment needed
 * decoding). One shared, preallocated buffer: a lookup allocates nothing for ordinary URLs.
 */
import { foldedHash, sliceIs } from './folding.js'
import { PARAM } from './segments.js'

/** More segments than this are matched the slow way (never in real Graph URLs). */
export const CAPACITY = 64

export const scanned = {
  count: 0,
  /** Set when a segment did not fit: the buffer is not usable. */
  overflow: false,
  text: new Array<string>(CAPACITY).fill(''),
  start: new Int32Array(CAPACITY),
  end: new Int32Array(CAPACITY),
  hash: new Int32Array(CAPACITY),
  /** 1 for a placeholder (a key or an item path). */
  param: new Uint8Array(CAPACITY),
}

export function resetScanned(): void {
  scanned.count = 0
  scanned.overflow = false
}

/** Append `text[start, end)` whose {@link foldedHash} is known. */
export function pushSlice(text: string, start: number, end: number, hash: number): void {
  const at = scanned.count
  if (at === CAPACITY) {
    scanned.overflow = true
    return
  }
  scanned.text[at] = text
  scanned.start[at] = start
  scanned.end[at] = end
  scanned.hash[at] = hash
  scanned.param[at] = 0
  scanned.count = at + 1
}

/** Append a normalised segment string ({@link PARAM} included). */
export function pushString(segment: string): void {
  pushSlice(segment, 0, segment.length, foldedHash(segment, 0, segment.length))
  if (segment === PARAM && !scanned.overflow) scanned.param[scanned.count - 1] = 1
}

/** Replace the buffer with these segments (fallback rewrites). */
export function loadSegments(segments: readonly string[]): void {
  resetScanned()
  for (const segment of segments) pushString(segment)
}

/** Segment `i` is this lower-case literal. */
export function segmentIs(i: number, lower: string): boolean {
  return i < scanned.count && scanned.param[i] === 0 && sliceIs(lower, scanned.text[i] as string, scanned.start[i] as number, scanned.end[i] as number)
}

/** Segment `i` as a normalised string (allocates: only for the rare paths). */
export function segmentText(i: number): string {
  if (scanned.param[i] === 1) return PARAM
  return (scanned.text[i] as string).slice(scanned.start[i], scanned.end[i]).toLowerCase()
}

/** All segments as normalised strings. */
export function scannedSegments(): string[] {
  const out: string[] = []
  for (let i = 0; i < scanned.count; i++) out.push(segmentText(i))
  return out
}
