import { splitPath } from './segments.js'

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
  let start = pathStart(text)
  const end = pathEnd(text, start)
  // a leading `v1.0` or `beta` segment (any case)
  if (text.charCodeAt(start) === 47) start++
  const slash = text.indexOf('/', start)
  const firstEnd = slash === -1 || slash > end ? end : slash
  const first = text.slice(start, firstEnd).toLowerCase()
  if (first === 'v1.0' || first === 'beta') start = firstEnd
  return splitPath(text.slice(start, end), false)
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
function pathEnd(text: string, start: number): number {
  const query = text.indexOf('?', start)
  const fragment = text.indexOf('#', start)
  if (query === -1) return fragment === -1 ? text.length : fragment
  return fragment === -1 || query < fragment ? query : fragment
}
