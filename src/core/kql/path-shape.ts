/**
 * The path shape of a request URI: host, query and API version removed, ids replaced by `{id}`.
 * {@link PATH_SHAPE_STEPS} are the RE2 replacements the KQL and SQL pre-aggregations run in order;
 * {@link pathShape} computes the same result by hand in JavaScript (tests check that they agree).
 */
import { GUID_PATTERN, ID_PLACEHOLDER, ID_SEGMENT_PATTERNS, isGuidAt, isIdSegmentAt } from './id-patterns.js'

/** One regex replacement (RE2 syntax; `\1` in the replacement is the first group). */
export interface ShapeStep {
  readonly pattern: string
  readonly replacement: string
}

const ID_SEGMENT_STEP: ShapeStep = {
  pattern: `/(?:${ID_SEGMENT_PATTERNS.join('|')})(/|$)`,
  replacement: `/${ID_PLACEHOLDER}\\1`,
}

/**
 * The replacements, each applied to every match (left to right, non-overlapping). The id-segment step
 * runs twice: a match consumes the `/` after its segment, so a run of id segments is covered by two passes.
 */
export const PATH_SHAPE_STEPS: readonly ShapeStep[] = [
  { pattern: '^[A-Za-z][A-Za-z0-9+.-]*://[^/]*', replacement: '' },
  { pattern: '[?#].*$', replacement: '' },
  { pattern: '^/(?:[Vv]1\\.0|[Bb][Ee][Tt][Aa])(?:/|$)', replacement: '/' },
  { pattern: "'[^']*'", replacement: `'${ID_PLACEHOLDER}'` },
  { pattern: ':/[^:]*:', replacement: `:/${ID_PLACEHOLDER}:` },
  { pattern: '([^}]):/[^:]*$', replacement: `\\1:/${ID_PLACEHOLDER}` },
  { pattern: GUID_PATTERN, replacement: ID_PLACEHOLDER },
  ID_SEGMENT_STEP,
  ID_SEGMENT_STEP,
]

function isSchemeChar(code: number, first: boolean): boolean {
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
  return first ? letter : letter || (code >= 48 && code <= 57) || code === 43 || code === 46 || code === 45
}

/** Where the path of `uri` starts: after `scheme://host`, or 0 when it has none. */
function pathStart(uri: string): number {
  const scheme = uri.indexOf('://')
  if (scheme < 1) return 0
  for (let i = 0; i < scheme; i++) if (!isSchemeChar(uri.charCodeAt(i), i === 0)) return 0
  const slash = uri.indexOf('/', scheme + 3)
  return slash === -1 ? uri.length : slash
}

function withoutHost(uri: string): string {
  const start = pathStart(uri)
  return start === 0 ? uri : uri.slice(start)
}

/**
 * The `scheme://host` a request URI starts with, or `''` for a path (the cloud a logged call went to).
 *
 * @example
 * uriOrigin('https://graph.microsoft.us/v1.0/me') // 'https://graph.microsoft.us'
 */
export function uriOrigin(uri: string): string {
  return uri.slice(0, pathStart(uri))
}

function withoutQuery(path: string): string {
  const query = path.indexOf('?')
  const fragment = path.indexOf('#')
  const end = query === -1 ? fragment : fragment === -1 ? query : Math.min(query, fragment)
  return end === -1 ? path : path.slice(0, end)
}

/** `/v1.0` or `/beta` (any case) at the start, followed by `/` or the end: cut to `/`. Char codes: it runs per record. */
function withoutVersion(path: string): string {
  if (path.charCodeAt(0) !== 47) return path
  const v = (path.charCodeAt(1) | 32) === 118 && path.charCodeAt(2) === 49 && path.charCodeAt(3) === 46 && path.charCodeAt(4) === 48
  const beta = !v && (path.charCodeAt(1) | 32) === 98 && (path.charCodeAt(2) | 32) === 101 && (path.charCodeAt(3) | 32) === 116 && (path.charCodeAt(4) | 32) === 97
  if (!v && !beta) return path
  if (path.length === 5) return '/'
  return path.charCodeAt(5) === 47 ? path.slice(5) : path
}

function quotedKeys(path: string): string {
  let out = ''
  let from = 0
  for (;;) {
    const open = path.indexOf("'", from)
    const close = open === -1 ? -1 : path.indexOf("'", open + 1)
    if (close === -1) return out + path.slice(from)
    out += `${path.slice(from, open)}'${ID_PLACEHOLDER}'`
    from = close + 1
  }
}

/** `root:/folder/file.txt:` and a trailing `root:/folder/file.txt` (drive items by path). */
function colonPaths(path: string): string {
  let out = ''
  let from = 0
  for (;;) {
    const open = path.indexOf(':/', from)
    const close = open === -1 ? -1 : path.indexOf(':', open + 2)
    if (close === -1) break
    out += `${path.slice(from, open)}:/${ID_PLACEHOLDER}:`
    from = close + 1
  }
  out += path.slice(from)
  const last = out.lastIndexOf(':/')
  if (last < 1 || out[last - 1] === '}' || out.includes(':', last + 2)) return out
  return `${out.slice(0, last)}:/${ID_PLACEHOLDER}`
}

/** Every GUID, also inside a segment (`cloudCertificationAuthority(<guid>)`, key predicates). */
function guids(path: string): string {
  let out = ''
  let from = 0
  for (let i = 0; i + 36 <= path.length; i++) {
    if (path.charCodeAt(i + 8) !== 45 || !isGuidAt(path, i)) continue
    out += path.slice(from, i) + ID_PLACEHOLDER
    i += 35
    from = i + 1
  }
  return out + path.slice(from)
}

/** Every segment after a `/` that is an id becomes `{id}` (scanned in place: it runs for every record). */
function idSegments(path: string): string {
  let out = ''
  let from = 0
  for (let slash = path.indexOf('/'); slash !== -1; ) {
    const start = slash + 1
    const next = path.indexOf('/', start)
    const end = next === -1 ? path.length : next
    if (isIdSegmentAt(path, start, end)) {
      out += path.slice(from, start) + ID_PLACEHOLDER
      from = end
    }
    slash = next
  }
  return from === 0 ? path : out + path.slice(from)
}

/**
 * The path shape of a request URI or path: what the pre-aggregations group by.
 *
 * @example
 * pathShape('https://graph.microsoft.com/v1.0/users/ada@contoso.example/messages?$top=5')
 * // '/users/{id}/messages'
 */
export function pathShape(uri: string, options: PathShapeOptions = {}): string {
  const path = withoutQuery(withoutHost(uri))
  const rest = withoutVersion(path)
  const shape = idSegments(guids(colonPaths(quotedKeys(rest))))
  if (options.keepVersion !== true || rest === path) return shape
  // `/v1.0` alone keeps no `/` after it, so it stays apart from `/v1.0/`.
  return path.length === 5 ? path : `${path.slice(0, 5)}${shape}`
}

/** Options of {@link pathShape}. */
export interface PathShapeOptions {
  /**
   * Keep the API version (`/v1.0`, `/beta`, as written) in front of the shape: for keys of calls
   * whose diagnosis names the version (the KQL and the report group without it).
   */
  readonly keepVersion?: boolean
}
