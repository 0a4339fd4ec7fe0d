/**
 * A principal's claims as a log records them (Graph activity logs: roles, scopes, directory roles,
 * app and tenant, never the token), turned into the same {@link TokenAnalysis} a decoded JWT gives,
 * so the one engine diagnoses both.
 */
import { GRAPH_APP_ID } from './tables/constants.js'
import { directoryRoleName } from './directory-roles.js'
import type { DirectoryRole, TokenAnalysis, TokenKind } from './types.js'

/** The claims a log shows for the caller of one request. */
export interface PrincipalClaims {
  /** App roles (`roles`): application permissions. */
  readonly roles: readonly string[]
  /** Delegated scopes (`scp`). */
  readonly scopes: readonly string[]
  /** Directory role template ids (`wids`). */
  readonly wids: readonly string[]
  readonly appId?: string
  readonly appName?: string
  readonly tenantId?: string
  /** Delegated (a user signed in), app-only, or unknown when the log does not say. */
  readonly kind: TokenKind
}

/**
 * The token analysis that a principal's logged claims stand for: form `claims`, audience Microsoft
 * Graph (the activity log records Graph calls only), no lifetime (the log has none to judge).
 *
 * @example
 * analysePrincipal({ roles: ['User.Read.All'], scopes: [], wids: [], kind: 'app-only' }).kind // 'app-only'
 */
export function analysePrincipal(principal: PrincipalClaims): TokenAnalysis {
  const analysis: TokenAnalysis = {
    form: 'claims',
    length: 0,
    isIdToken: false,
    audience: { value: GRAPH_APP_ID, kind: 'graph', name: 'Microsoft Graph' },
    kind: principal.kind,
    account: principal.kind === 'unknown' ? 'unknown' : 'work',
    scopes: [...principal.scopes],
    roles: [...principal.roles],
    directoryRoles: principal.wids.map(roleOf),
    clientCapabilities: [],
    authContexts: [],
    authMethods: [],
  }
  return {
    ...analysis,
    ...(principal.appId === undefined ? {} : { appId: principal.appId }),
    ...(principal.appName === undefined ? {} : { appName: principal.appName }),
    ...(principal.tenantId === undefined ? {} : { tenantId: principal.tenantId }),
  }
}

/** The token kind a log's claims imply: scopes or a user mean delegated, roles alone app-only. */
export function principalKind(roles: readonly string[], scopes: readonly string[], userId: string | undefined): TokenKind {
  if (scopes.length > 0 || (userId !== undefined && userId !== '')) return 'delegated'
  if (roles.length > 0) return 'app-only'
  return 'unknown'
}

function roleOf(id: string): DirectoryRole {
  const name = directoryRoleName(id)
  return name === undefined ? { id } : { id, name }
}
