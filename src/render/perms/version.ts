/**
 * The API version of a `perms` request, and what the permission data can say about it. The data
 * (DevX permissions.json) covers v1.0 and beta together and names no version per endpoint, so it
 * never says that an endpoint exists in the version asked for. Pure.
 */
import { classifyUrl } from '../../core/target-classify.js'

/** The version segment of the request and a one-line note that claims nothing the data cannot tell. */
export interface ApiVersionInfo {
  /** `v1.0`, `beta`, another first segment, or undefined when the request named none. */
  readonly version?: string
  readonly note: string
}

const PATH_VERSION = /^\/(v1\.0|beta)(?:\/|$)/i

/**
 * @example
 * apiVersionOf('https://graph.microsoft.com/beta/me').version // 'beta'
 * apiVersionOf('/me').version // undefined
 */
export function apiVersionOf(url: string): ApiVersionInfo {
  const version = /^https?:\/\//i.test(url) ? classifyUrl(url).version : PATH_VERSION.exec(url)?.[1]?.toLowerCase()
  if (version === undefined || version === '') {
    return { note: 'the permission data covers v1.0 and beta together' }
  }
  if (version !== 'v1.0' && version !== 'beta') {
    return { version, note: `"${version.slice(0, 20)}" is not a Microsoft Graph version (v1.0 or beta)` }
  }
  return { version, note: `the permission data covers v1.0 and beta together and does not say whether this endpoint exists in ${version}` }
}

/** The hint after "no endpoint matches", true for the version asked for. */
export function unmatchedHint(url: string): string {
  const { version } = apiVersionOf(url)
  if (version === 'beta') return 'Check the path and the method; the API may be undocumented or removed.'
  if (version === 'v1.0') return 'Check the path and the method; the API may exist only in beta, or be undocumented.'
  return 'Check the path and the method, or whether it is a beta-only or undocumented API.'
}
