/**
 * What the verdict of a group of logged calls depends on, as the key it is shared under: a success's
 * (never diagnosed) only its endpoint and token kind; a claims-blind failure's the same; a 400's or
 * 401's its status and whether the catalogue checks its claims on the endpoint; any other failure's
 * its status and claims. The tenant shows only in a finding's texts (a consent URL), never in the
 * verdict. `test/core/logs/claims-blind.test.ts` judges every class with varied claims.
 */
import { buildPermissionContext } from '../context-permissions.js'
import type { Exchange } from '../exchange.js'
import type { PermissionCatalogue } from '../permissions/types.js'
import { analysePrincipal, type PrincipalClaims } from '../token/principal.js'
import type { TokenKind } from '../token/types.js'

/** The parts of a group its verdict key reads. */
export interface KeyedGroup {
  readonly method: string
  readonly url: string
  readonly status: number
  readonly kind: TokenKind
}

/**
 * A failure status whose verdict no rule reads the claims (roles, scopes, wids) or the status itself
 * for: any but 0, 400, 401 and 403. Every rule that reads the claims acts only on those, and none tells
 * a 404 from a 429 or a 500 but in its texts; the token kind stays in the key.
 */
export function isClaimsBlind(status: number): boolean {
  return status >= 400 && status !== 400 && status !== 401 && status !== 403
}

/**
 * A 400 or 401, whose rules read the claims only through the catalogue's check of them on the endpoint
 * under the token's scheme, and only whether there is one: with none (the scheme accepts no grantable
 * permission the claims hold) the call is a token-type mismatch. 403s read much more (which permission
 * is missing, the directory roles).
 */
export function readsOnlyTheCheck(status: number): boolean {
  return status === 400 || status === 401
}

/** Whether the permission context of a call by `principal` holds a check (`buildPermissionContext`'s `check`). */
export function isChecked(catalogue: PermissionCatalogue | undefined, group: KeyedGroup, principal: PrincipalClaims): boolean {
  const exchange: Exchange = { source: '', format: 'activity-log', request: { method: group.method, url: group.url, headers: [], headersOmitted: true } }
  return buildPermissionContext(catalogue, { area: 'graph', exchange, token: analysePrincipal(principal) })?.check !== undefined
}

/**
 * The key of a group's verdict: `claims` (a number, or the claims text to share between aggregators)
 * is read only for a failure whose rules read them in full, `checked` only for a 400 or 401.
 */
export function verdictKeyOf(group: KeyedGroup, claims: number | string, checked: () => boolean): string {
  const { method, url, status, kind } = group
  if (status > 0 && status < 400) return `${method} ${url} succeeded ${kind}`
  if (isClaimsBlind(status)) return `${method} ${url} failed ${kind}`
  if (readsOnlyTheCheck(status)) return `${method} ${url} ${status} ${kind} ${checked() ? 'checked' : 'unchecked'}`
  return `${method} ${url} ${status} ${kind} ${claims}`
}
