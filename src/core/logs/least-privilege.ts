/**
 * The least-privilege audit of one app under one scheme: the permissions its tokens held, against
 * the least-privileged set that covers every successful call it made in the logs.
 */
import type { PermissionCatalogue, SchemePermissions } from '../permissions/types.js'
import type { PermissionScheme } from '../types.js'

/** OpenID Connect scopes: in delegated tokens, never Graph permissions to drop. */
const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access'])

export interface PrivilegeAudit {
  readonly scheme: PermissionScheme
  /** Permissions seen in the app's tokens (or logged claims). */
  readonly held: readonly string[]
  /** The least-privileged set that covers every successful call of the logs. */
  readonly needed: readonly string[]
  /** Held but not needed by any logged call. */
  readonly couldDrop: readonly string[]
  /** Needed but not held under this name: grant these before dropping the broader ones that covered the calls. */
  readonly toGrant: readonly string[]
  /** Distinct endpoints (`METHOD template`) called successfully. */
  readonly endpoints: number
  /** Successful endpoints the permission data does not know: not covered by `needed`. */
  readonly unknownEndpoints: readonly string[]
}

/**
 * Audit one app. Endpoints with the fewest accepted permissions are covered first; a permission
 * already chosen is reused when an endpoint accepts it, else the endpoint's least-privileged one is
 * added (the same choice `graph-doctor perms` shows first).
 *
 * @example
 * auditPrivileges(catalogue, 'Application', ['Directory.ReadWrite.All'], ['GET /users']).couldDrop // ['Directory.ReadWrite.All']
 */
export function auditPrivileges(catalogue: PermissionCatalogue, scheme: PermissionScheme, held: readonly string[], endpoints: readonly string[]): PrivilegeAudit {
  const accepted: SchemePermissions[] = []
  const unknownEndpoints: string[] = []
  for (const endpoint of endpoints) {
    const space = endpoint.indexOf(' ')
    const found = catalogue.lookup(endpoint.slice(0, space), endpoint.slice(space + 1))?.schemes[scheme]
    if (found === undefined || found.accepted.length === 0) unknownEndpoints.push(endpoint)
    else accepted.push(found)
  }
  accepted.sort((a, b) => a.accepted.length - b.accepted.length)
  const needed = new Set<string>()
  for (const permissions of accepted) {
    if (permissions.accepted.some((permission) => needed.has(permission.name))) continue
    const least = permissions.leastPrivileged ?? permissions.accepted[0]?.name
    if (least !== undefined) needed.add(least)
  }
  const heldGraph = held.filter((name) => !OIDC_SCOPES.has(name))
  return {
    scheme,
    held: heldGraph,
    needed: [...needed].sort(),
    // Without a successful call under this scheme there is nothing to judge a permission against.
    couldDrop: endpoints.length === 0 ? [] : heldGraph.filter((name) => !needed.has(name)),
    toGrant: [...needed].filter((name) => !heldGraph.includes(name)).sort(),
    endpoints: endpoints.length,
    unknownEndpoints,
  }
}
