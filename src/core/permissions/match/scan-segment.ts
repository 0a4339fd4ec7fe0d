/**
 * One raw request segment → normalised segments in the {@link scanned} buffer: plain segments,
 * `name()`, `name(key)`, `name(key=value)` and a `Default.` prefix stay slices of the URL (or a
 * short string); ASCII percent-escapes are decoded here; anything rarer goes through the string
 * normaliser of `segments.ts`, so both paths give the same segments.
 */
import { equalsFolded, foldedHash } from './folding.js'
import { PARAM, pushSegment } from './segments.js'
import { pushSlice, pushString } from './scanned.js'

const DEFAULT_PREFIX = 'default.'

const slow: string[] = []
/** Index of the next `%` (or -1) and of the next `(` at or after the segment being scanned. */
let percentAt = -1
let parenAt = -1

/** Start scanning the segments of `text` from `from` (in order); returns the index of the first `(` or -1. */
export function beginSegments(text: string, from: number): number {
  percentAt = text.indexOf('%', from)
  parenAt = text.indexOf('(', from)
  return parenAt
}

/** Next index of `char` at or after `from`, reusing a previous search that is still ahead. */
export function nextIndex(text: string, char: string, previous: number, from: number): number {
  return previous !== -1 && previous < from ? text.indexOf(char, from) : previous
}

/**
 * Normalise `text[start, end)` into segments. Plain segments, `name()`, `name(key)` and a `Default.`
 * prefix stay slices; percent-encoded or named-argument segments go through `pushSegment`.
 */
export function scanSegment(text: string, start: number, end: number, rawStart: number): void {
  percentAt = nextIndex(text, '%', percentAt, start)
  if (percentAt !== -1 && percentAt < end) {
    scanEncoded(text, rawStart, end)
    return
  }
  // Its first letter and its dot tested here: `deviceManagement`, `directory`… then skip the call
  if (start === rawStart && end - start > DEFAULT_PREFIX.length && text.charCodeAt(start + 7) === 46 && (text.charCodeAt(start) | 32) === 100 && equalsFolded(DEFAULT_PREFIX, text, start)) {
    scanSegment(text, start + DEFAULT_PREFIX.length, end, rawStart)
    return
  }
  parenAt = nextIndex(text, '(', parenAt, start)
  if (parenAt > start && parenAt < end && text.charCodeAt(end - 1) === 41) scanCall(text, rawStart, start, parenAt, end)
  else pushSlice(text, start, end, foldedHash(text, start, end))
}

/** A percent-encoded segment: decoded here when it is a plain one with ASCII escapes (ids with `%3D`, `%20`). */
function scanEncoded(text: string, rawStart: number, end: number): void {
  parenAt = nextIndex(text, '(', parenAt, rawStart)
  const decoded = parenAt !== -1 && parenAt < end ? undefined : decodeAscii(text, rawStart, end)
  const isPlain = decoded !== undefined && !(decoded.length > DEFAULT_PREFIX.length && equalsFolded(DEFAULT_PREFIX, decoded, 0))
  if (isPlain) pushString(decoded)
  else scanSlow(text, rawStart, end)
}

/** `decodeURIComponent` of `text[start, end)` when every escape is ASCII other than parentheses, else undefined. */
function decodeAscii(text: string, start: number, end: number): string | undefined {
  let decoded = ''
  let from = start
  for (let at = text.indexOf('%', start); at !== -1 && at < end; at = text.indexOf('%', from)) {
    const value = at + 2 < end ? (hexValue(text.charCodeAt(at + 1)) << 4) | hexValue(text.charCodeAt(at + 2)) : -1
    if (value < 0 || value >= 128 || value === 40 || value === 41) return undefined
    decoded += text.slice(from, at) + String.fromCharCode(value)
    from = at + 3
  }
  return decoded + text.slice(from, end)
}

function hexValue(char: number): number {
  if (char >= 48 && char <= 57) return char - 48
  const lower = char | 32
  return lower >= 97 && lower <= 102 ? lower - 87 : -1
}

/** The raw segment `text[rawStart, end)` through the string normaliser. */
function scanSlow(text: string, rawStart: number, end: number): void {
  slow.length = 0
  pushSegment(text.slice(rawStart, end).toLowerCase(), false, slow)
  for (const segment of slow) pushString(segment)
}

/** `name(args)`: `delta()` → `delta`; a single key → `name`, PARAM; named arguments → `name(k1,k2)`. */
function scanCall(text: string, rawStart: number, start: number, open: number, end: number): void {
  const shape = argumentShape(text, open + 1, end - 1)
  if (shape === 'named') {
    // One argument, the usual case: `name(key)` built directly (compared ignoring case, no sort).
    if (namedParts === 1) pushString(`${text.slice(start, open + 1)}${text.slice(open + 1, firstEquals).trim()})`)
    else scanSlow(text, rawStart, end)
    return
  }
  pushSlice(text, start, open, foldedHash(text, start, open))
  if (shape === 'key') pushString(PARAM)
}

/**
 * What `args` hold: nothing; a key (some comma-separated part has no `=` outside quotes, base64
 * padding aside: `'AAMk=='`, `AAMk==`); or only `name=value` parts.
 */
function argumentShape(text: string, from: number, to: number): 'empty' | 'key' | 'named' {
  let blank = true
  for (let i = from; i < to && blank; i++) {
    const char = text.charCodeAt(i)
    blank = char === 32 || (char >= 9 && char <= 13)
  }
  if (blank) return 'empty'
  let quoted = false
  let partHasName = false
  namedParts = 1
  for (let i = from; i < to; i++) {
    const char = text.charCodeAt(i)
    if (char === 39) quoted = !quoted
    else if (quoted) continue
    else if (char === 44) {
      if (!partHasName) return 'key'
      partHasName = false
      namedParts++
    } else if (char === 61 && !partHasName) {
      let after = i
      while (after < to && text.charCodeAt(after) === 61) after++
      if (after === to || text.charCodeAt(after) === 44) return 'key'
      partHasName = true
      if (namedParts === 1) firstEquals = i
    }
  }
  return partHasName ? 'named' : 'key'
}

/** Set by {@link argumentShape}: the number of `name=value` parts and the `=` of the first. */
let namedParts = 0
let firstEquals = -1
