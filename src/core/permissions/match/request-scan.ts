/**
 * The request URL → segments step of a lookup, done in place: the same segments as
 * `requestSegments` (request-path.ts; a test holds them equal), written to the shared
 * {@link scanned} buffer as slices of the URL: no lower-cased copy, no substrings, no regex. How each
 * segment is normalised is in `scan-segment.ts`.
 */
import { sliceIs } from './folding.js'
import { pathEnd } from './request-path.js'
import { beginSegments, nextIndex, scanSegment } from './scan-segment.js'
import { ITEM_PATH, PARAM } from './segments.js'
import { pushString, resetScanned, scanned, segmentIs } from './scanned.js'

const GRAPH_HOSTS = ['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']
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
  start += versionLength(text, start, end)
  // The slash after the version: skipped here rather than found by one more search
  if (text.charCodeAt(start) === SLASH) start++
  split(text, start, end)
  return !scanned.overflow
}

/**
 * 4 when `v1.0` or `beta` (any case) starts at `start` and is followed by `/` or the path's end, else
 * 0: the letters tested one by one, since a loop over a version string here was not inlined and cost
 * about 2 % of a lookup as a call.
 */
function versionLength(text: string, start: number, end: number): number {
  const after = start + 4
  if (after > end || (after < end && text.charCodeAt(after) !== SLASH)) return 0
  const first = text.charCodeAt(start) | 32
  if (first === 118) return text.charCodeAt(start + 1) === 49 && text.charCodeAt(start + 2) === 46 && text.charCodeAt(start + 3) === 48 ? 4 : 0
  const isBeta = first === 98 && (text.charCodeAt(start + 1) | 32) === 101 && (text.charCodeAt(start + 2) | 32) === 116 && (text.charCodeAt(start + 3) | 32) === 97
  return isBeta ? 4 : 0
}

/** Index where the path starts: after `scheme://host`, or after a bare Graph host. */
function pathStart(text: string): number {
  const scheme = schemeEnd(text)
  if (scheme !== -1) {
    const slash = text.indexOf('/', scheme + 3)
    return slash === -1 ? text.length : slash
  }
  return text.charCodeAt(0) === SLASH ? 0 : bareHostEnd(text)
}

/** After a bare Graph host (`graph.microsoft.com/v1.0/me`), else 0: apart, so that {@link pathStart} stays small enough to inline. */
function bareHostEnd(text: string): number {
  const slash = text.indexOf('/')
  const hostEnd = slash === -1 ? text.length : slash
  for (const host of GRAPH_HOSTS) if (sliceIs(host, text, 0, hostEnd)) return hostEnd
  return 0
}

/** Index of a `://` that starts before index 8 (a scheme), or -1: what `indexOf('://') < 8` tells, without searching the URL. */
function schemeEnd(text: string): number {
  const last = Math.min(7, text.length - 3)
  for (let at = 0; at <= last; at++) {
    if (text.charCodeAt(at) === 58 && text.charCodeAt(at + 1) === SLASH && text.charCodeAt(at + 2) === SLASH) return at
  }
  return -1
}

/** Split `text[from, to)`: slashes inside parentheses or quotes do not split; `x:/path:` is an item path. */
function split(text: string, from: number, to: number): void {
  let paren = beginSegments(text, from)
  if ((paren === -1 || paren >= to) && !hasItemPath(text, from, to)) {
    splitPlain(text, from, to)
    return
  }
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
  // A one-character search (memchr) rather than a search for the two-character `:/`
  for (let colon = text.indexOf(':', from); colon !== -1 && colon < to; colon = text.indexOf(':', colon + 1)) {
    if (text.charCodeAt(colon + 1) === SLASH) return true
  }
  return false
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
