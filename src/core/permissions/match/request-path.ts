import { splitLowerPath } from './segments.js'

const GRAPH_HOST = /^(?:graph\.microsoft\.com|graph\.microsoft\.us|dod-graph\.microsoft\.us|microsoftgraph\.chinacloudapi\.cn)$/i

/**
 * The normalised segments of a request URL or path: host, version (`v1.0`, `beta`), query and fragment
 * removed. Any host is accepted (callers classify hosts); a bare Graph host without a scheme is
 * recognised too.
 *
 * @example
 * requestSegments("https://graph.microsoft.com/v1.0/users('a@b.com')/messages?$top=1")
 * // ['users', PARAM, 'messages']
 */
export function requestSegments(url: string): string[] {
  const text = url.charCodeAt(0) <= 32 || url.charCodeAt(url.length - 1) <= 32 ? url.trim() : url
  // Lower-cased once: host, version and query are cut by index afterwards.
  const lower = text.toLowerCase()
  let start = pathStart(lower)
  const end = pathEnd(lower, start)
  if (lower.charCodeAt(start) === 47) start++
  if (isVersionAt(lower, start, 'v1.0', end) || isVersionAt(lower, start, 'beta', end)) start += 4
  return splitLowerPath(lower, start, end, false)
}

/** `version` at `start`, followed by `/` or the end of the path. */
function isVersionAt(lower: string, start: number, version: string, end: number): boolean {
  const after = start + version.length
  return lower.startsWith(version, start) && (after === end || (after < end && lower.charCodeAt(after) === 47))
}

/** Index where the path starts: after `scheme://host`, or after a bare Graph host. */
function pathStart(text: string): number {
  const scheme = text.indexOf('://')
  if (scheme !== -1 && scheme < 8) {
    const slash = text.indexOf('/', scheme + 3)
    return slash === -1 ? text.length : slash
  }
  if (text.charCodeAt(0) === 47) return 0
  const slash = text.indexOf('/')
  const first = slash === -1 ? text : text.slice(0, slash)
  return GRAPH_HOST.test(first) ? (slash === -1 ? text.length : slash) : 0
}

/** Index where the path ends: at the query or fragment. */
export function pathEnd(text: string, start: number): number {
  const query = text.indexOf('?', start)
  const fragment = text.indexOf('#', start)
  if (query === -1) return fragment === -1 ? text.length : fragment
  return fragment === -1 || query < fragment ? query : fragment
}
