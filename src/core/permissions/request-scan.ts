/**
 * The request URL → segments step of a lookup, done in place: the same segments as
 * {@link requestSegments}, written to the shared {@link scanned} buffer as slices of the URL (no
 * lower-cased copy, no substrings, no regex). Segments that need percent-decoding or carry named
 * arguments fall back to the string normaliser of `segments.ts`.
 */
import { equalsFolded, foldedHash, sliceIs } from './literal-table.js'
import { ITEM_PATH, PARAM, pushSegment } from './segments.js'
import { pushSlice, pushString, resetScanned, scanned, segmentIs } from './scanned.js'

const GRAPH_HOSTS = ['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']
const DEFAULT_PREFIX = 'default.'
const SLASH = 47

/**
 * Scan a request URL or path into {@link scanned}. False when the URL has too many segments (the
 * caller then takes the string path).
 */
export function scanRequest(url: string): boolean {
  const text = url.charCodeAt(0) <= 32 || url.charCodeAt(url.length - 1) <= 32 ? url.trim() : url
  resetScanned()
  let start = pathStart(text)
  const end = pathEnd(text, start)
  if (text.charCodeAt(start) === SLASH) start++
  if (isVersionAt(text, start, 'v1.0', end) || isVersionAt(text, start, 'beta', end)) start += 4
  percentAt = text.indexOf('%', start)
  split(text, start, end)
  return !scanned.overflow
}

function isVersionAt(text: string, start: number, version: string, end: number): boolean {
  const after = start + version.length
  if (after > text.length || !equalsFolded(version, text, start)) return false
  return after === end || (after < end && text.charCodeAt(after) === SLASH)
}

/** Index where the path starts: after `scheme://host`, or after a bare Graph host. */
function pathStart(text: string): number {
  const scheme = text.indexOf('://')
  if (scheme !== -1 && scheme < 8) {
    const slash = text.indexOf('/', scheme + 3)
    return slash === -1 ? text.length : slash
  }
  if (text.charCodeAt(0) === SLASH) return 0
  const slash = text.indexOf('/')
  const hostEnd = slash === -1 ? text.length : slash
  for (const host of GRAPH_HOSTS) if (sliceIs(host, text, 0, hostEnd)) return hostEnd
  return 0
}

/** Index where the path ends: at the query or fragment. */
function pathEnd(text: string, start: number): number {
  const query = text.indexOf('?', start)
  const fragment = text.indexOf('#', start)
  if (query === -1) return fragment === -1 ? text.length : fragment
  return fragment === -1 || query < fragment ? query : fragment
}

/** Split `text[from, to)`: slashes inside parentheses or quotes do not split; `x:/path:` is an item path. */
function split(text: string, from: number, to: number): void {
  parenAt = text.indexOf('(', from)
  if ((parenAt === -1 || parenAt >= to) && !hasItemPath(text, from, to)) {
    splitPlain(text, from, to)
    return
  }
  let paren = parenAt
  let start = from
  let at = from
  while (at < to) {
    let slash = text.indexOf('/', at)
    if (slash === -1 || slash > to) slash = to
    paren = nextIndex(text, '(', paren, at)
    if (paren !== -1 && paren < slash) {
      at = afterParentheses(text, paren, to)
      continue
    }
    if (slash === to) break
    if (slash > start && text.charCodeAt(slash - 1) === 58) {
      at = itemPath(text, start, slash, to) + 1
    } else {
      if (slash > start) scanSegment(text, start, slash, start)
      at = slash + 1
    }
    start = at
  }
  if (to > start) scanSegment(text, start, to, start)
}

/**
 * Index just after the parenthesis that closes the one at `open` (or `to`). Quotes count only inside
 * parentheses, so an apostrophe in a plain UPN segment cannot swallow slashes.
 */
function afterParentheses(text: string, open: number, to: number): number {
  let depth = 0
  let quoted = false
  for (let i = open; i < to; i++) {
    const char = text.charCodeAt(i)
    if (char === 39) quoted = !quoted
    else if (quoted) continue
    else if (char === 40) depth++
    else if (char === 41 && --depth === 0) return i + 1
  }
  return to
}

function hasItemPath(text: string, from: number, to: number): boolean {
  const colon = text.indexOf(':/', from)
  return colon !== -1 && colon < to
}

function splitPlain(text: string, from: number, to: number): void {
  let start = from
  while (start <= to) {
    let end = text.indexOf('/', start)
    if (end === -1 || end > to) end = to
    if (end > start) scanSegment(text, start, end, start)
    start = end + 1
  }
}

/** `owner:/some/path:`, the `:/` at `slash - 1`; returns the index of the next `/` to resume at (or `to`). */
function itemPath(text: string, start: number, slash: number, to: number): number {
  const found = text.indexOf(':', slash + 1)
  const close = found === -1 || found >= to ? -1 : found
  const end = close === -1 ? to : close
  const afterClose = close === -1 ? to : close + 1
  if (slash - 1 > start) scanSegment(text, start, slash - 1, start)
  // `sites/{hostname}:/{server-relative-path}:` addresses one site: the whole thing is the site id.
  if (!segmentIs(scanned.count - 2, 'sites')) {
    pushString(ITEM_PATH)
    if (end > slash + 1) pushString(PARAM)
  }
  return afterClose < to && text.charCodeAt(afterClose) === SLASH ? afterClose : to
}

const slow: string[] = []
/** Index of the next `%` (or -1) and of the next `(` at or after the segment being scanned. */
let percentAt = -1
let parenAt = -1

/** Next index of `char` at or after `from`, reusing a previous search that is still ahead. */
function nextIndex(text: string, char: string, previous: number, from: number): number {
  return previous !== -1 && previous < from ? text.indexOf(char, from) : previous
}

/**
 * Normalise `text[start, end)` into segments. Plain segments, `name()`, `name(key)` and a `Default.`
 * prefix stay slices; percent-encoded or named-argument segments go through `pushSegment`.
 */
function scanSegment(text: string, start: number, end: number, rawStart: number): void {
  percentAt = nextIndex(text, '%', percentAt, start)
  if (percentAt !== -1 && percentAt < end) {
    scanEncoded(text, rawStart, end)
    return
  }
  if (start === rawStart && end - start > DEFAULT_PREFIX.length && equalsFolded(DEFAULT_PREFIX, text, start)) {
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
