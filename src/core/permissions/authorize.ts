import type { PermissionScheme } from '../types.js'
import type { AuthorizationCheck, EndpointPermissions } from './types.js'

/** Sign-in scopes that are never API permissions. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access'])

/**
 * Is a token's `scp`/`roles` enough for an endpoint under one scheme? Any accepted permission
 * authorises, together with one of its AlsoRequires alternatives when it has any. Names compare
 * case-insensitively; `openid`, `profile`, `email` and `offline_access` never count. A held
 * resource-specific (RSC) or hidden permission the data lists also counts as granted.
 *
 * @example
 * checkAuthorization(catalogue.lookup('GET', '/users')!, 'Application', ['User.Read.All']).isAuthorized // true
 */
export function checkAuthorization(
  endpoint: EndpointPermissions,
  scheme: PermissionScheme,
  tokenPermissions: readonly string[],
): AuthorizationCheck {
  const permissions = endpoint.schemes[scheme]
  if (permissions === undefined) {
    return { scheme, isAuthorized: false, granted: [], leastPrivileged: null, accepted: [] }
  }
  const held = new Set<string>()
  for (const name of tokenPermissions) {
    const lower = name.trim().toLowerCase()
    if (lower.length > 0 && !OIDC_SCOPES.has(lower)) held.add(lower)
  }
  const granted: string[] = []
  for (const accepted of permissions.accepted) {
    if (!held.has(accepted.name.toLowerCase())) continue
    const isComplete = accepted.alsoRequires.length === 0 || accepted.alsoRequires.some((other) => held.has(other.toLowerCase()))
    if (isComplete) granted.push(accepted.name)
  }
  for (const excluded of permissions.excluded ?? []) {
    if (held.has(excluded.name.toLowerCase())) granted.push(excluded.name)
  }
  return {
    scheme,
    isAuthorized: granted.length > 0,
    granted,
    leastPrivileged: permissions.leastPrivileged,
    accepted: permissions.accepted.map((permission) => permission.name),
  }
}
