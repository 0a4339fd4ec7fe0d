/**
 * One normaliser for catalogue templates and request paths, so both end up as the same segment lists:
 * lower-case literals, OData keys and item paths turned into {@link PARAM}, function arguments reduced
 * to their sorted parameter names (`getsmslog(fromdatetime,todatetime)`).
 */

/** A placeholder segment: `{id}` in a template, a key or item path in a request (matches only a placeholder). */
export const PARAM = '\u0000'
/** The token that marks drive item-path syntax (`root:/a/b.txt:` → `root`, `:`, PARAM). */
export const ITEM_PATH = ':'
export const QUALIFIED_PREFIX = 'microsoft.graph.'

const DEFAULT_PREFIX = 'default.'

/**
 * Split a path (no query, no version) into normalised segments.
 * Slashes inside parentheses or quotes do not split; `x:/path:` item paths become one placeholder.
 */
export function splitPath(path: string, isTemplate: boolean): string[] {
  return splitLowerPath(path.toLowerCase(), 0, path.length, isTemplate)
}

/** {@link splitPath} over `lower[from, to)`, already lower-cased (a whole URL lower-cased once). */
export function splitLowerPath(lower: string, from: number, to: number, isTemplate: boolean): string[] {
  const out: string[] = []
  const paren = lower.indexOf('(', from)
  const colon = lower.indexOf(':/', from)
  if ((paren === -1 || paren >= to) && (colon === -1 || colon >= to)) {
    splitPlain(lower, from, to, isTemplate, out)
    return out
  }
  let start = from
  let depth = 0
  let quoted = false
  for (let i = from; i <= to; i++) {
    const char = i < to ? lower.charCodeAt(i) : 47
    // Quotes matter only inside parentheses: an apostrophe in a plain UPN segment must not swallow slashes.
    if (char === 39 && depth > 0) quoted = !quoted
    else if (quoted && i < to) continue
    else if (char === 40) depth++
    else if (char === 41) depth = depth > 0 ? depth - 1 : 0
    else if (char === 47 && (depth === 0 || i === to)) {
      if (i > start && lower.charCodeAt(i - 1) === 58 && i < to) {
        i = pushItemPath(lower, start, i, to, isTemplate, out)
        start = i + 1
        continue
      }
      if (i > start) pushSegment(lower.slice(start, i), isTemplate, out)
      start = i + 1
    }
  }
  return out
}

/** The common case: no parentheses, no item path. */
function splitPlain(lower: string, from: number, to: number, isTemplate: boolean, out: string[]): void {
  let start = from
  while (start <= to) {
    let end = lower.indexOf('/', start)
    if (end === -1 || end > to) end = to
    if (end > start) pushSegment(lower.slice(start, end), isTemplate, out)
    start = end + 1
  }
}

/**
 * `owner:/some/path:` starting at `start`, the opening `:/` at `slash - 1`, the path ending at `to`.
 * Returns the index of the next `/` to resume at (or `to`).
 */
function pushItemPath(path: string, start: number, slash: number, to: number, isTemplate: boolean, out: string[]): number {
  const owner = path.slice(start, slash - 1)
  const found = path.indexOf(':', slash + 1)
  const close = found === -1 || found >= to ? -1 : found
  const end = close === -1 ? to : close
  const afterClose = close === -1 ? to : close + 1
  if (owner.length > 0) pushSegment(owner, isTemplate, out)
  // `sites/{hostname}:/{server-relative-path}:` addresses one site: the whole thing is the site id.
  const isSiteAddress = out.length >= 2 && out[out.length - 2] === 'sites'
  if (!isSiteAddress) {
    out.push(ITEM_PATH)
    if (end > slash + 1) out.push(PARAM)
  }
  return afterClose < to && path.charCodeAt(afterClose) === 47 ? afterClose : to
}

/** Normalise one lower-cased raw segment and push the resulting segment(s). */
export function pushSegment(raw: string, isTemplate: boolean, out: string[]): void {
  if (isTemplate && isPlaceholder(raw)) {
    out.push(PARAM)
    return
  }
  let segment = raw.indexOf('%') === -1 ? raw : safeDecode(raw).toLowerCase()
  if (segment.charCodeAt(0) === 100 && segment.startsWith(DEFAULT_PREFIX) && segment.length > DEFAULT_PREFIX.length) {
    segment = segment.slice(DEFAULT_PREFIX.length)
  }
  const open = segment.indexOf('(')
  if (open > 0 && segment.endsWith(')')) {
    pushCall(segment.slice(0, open), segment.slice(open + 1, -1), out)
    return
  }
  out.push(segment)
}

/** `{id}`, `{user-id}`; also the data's typo `{id}}`. */
function isPlaceholder(raw: string): boolean {
  return raw.length > 2 && raw.charCodeAt(0) === 123 && raw.charCodeAt(raw.length - 1) === 125 && raw.indexOf('{', 1) === -1
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** `name(args)`: `delta()` → `delta`; a single key → `name`, PARAM; `k1=v1,k2=v2` → `name(k1,k2)`. */
function pushCall(name: string, args: string, out: string[]): void {
  if (args.trim().length === 0) {
    out.push(name)
    return
  }
  const parts = splitTopLevel(args)
  const keys: string[] = []
  for (const part of parts) {
    const equals = topLevelEquals(part)
    if (equals === -1) {
      out.push(name, PARAM)
      return
    }
    keys.push(part.slice(0, equals).trim())
  }
  keys.sort()
  out.push(`${name}(${keys.join(',')})`)
}

/** Split on commas outside quotes. */
function splitTopLevel(args: string): string[] {
  const parts: string[] = []
  let quoted = false
  let start = 0
  for (let i = 0; i < args.length; i++) {
    const char = args.charCodeAt(i)
    if (char === 39) quoted = !quoted
    else if (char === 44 && !quoted) {
      parts.push(args.slice(start, i))
      start = i + 1
    }
  }
  parts.push(args.slice(start))
  return parts
}

/**
 * Index of the `=` that separates a parameter name from its value, or -1: none outside quotes (a quoted
 * base64 key such as `'AAMk=='`), or only base64 padding at the end of an unquoted key (`AAMk==`).
 */
function topLevelEquals(part: string): number {
  let quoted = false
  for (let i = 0; i < part.length; i++) {
    const char = part.charCodeAt(i)
    if (char === 39) quoted = !quoted
    else if (char === 61 && !quoted) return isPadding(part, i) ? -1 : i
  }
  return -1
}

function isPadding(part: string, equals: number): boolean {
  for (let i = equals; i < part.length; i++) if (part.charCodeAt(i) !== 61) return false
  return true
}
