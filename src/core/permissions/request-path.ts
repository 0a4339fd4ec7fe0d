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
  return splitPath(stripVersion(pathOf(url)), false)
}

/** The path of a URL or path: no scheme, host, query or fragment. */
function pathOf(url: string): string {
  let path = url.trim()
  const scheme = path.indexOf('://')
  if (scheme !== -1 && scheme < 8) {
    const slash = path.indexOf('/', scheme + 3)
    path = slash === -1 ? '/' : path.slice(slash)
  } else if (path.charCodeAt(0) !== 47) {
    const slash = path.indexOf('/')
    const first = slash === -1 ? path : path.slice(0, slash)
    if (GRAPH_HOST.test(first)) path = slash === -1 ? '/' : path.slice(slash)
  }
  const query = path.indexOf('?')
  if (query !== -1) path = path.slice(0, query)
  const fragment = path.indexOf('#')
  if (fragment !== -1) path = path.slice(0, fragment)
  return path
}

/** Remove a leading `v1.0` or `beta` segment (case-insensitive). */
function stripVersion(path: string): string {
  const start = path.charCodeAt(0) === 47 ? 1 : 0
  const slash = path.indexOf('/', start)
  const end = slash === -1 ? path.length : slash
  const first = path.slice(start, end).toLowerCase()
  if (first === 'v1.0' || first === 'beta') return path.slice(end)
  return path
}
