import type { Exchange } from './exchange.js'
import { checkAuthorization } from './permissions/index.js'
import type { AuthorizationCheck, EndpointPermissions, PermissionCatalogue } from './permissions/types.js'
import type { PermissionScheme } from './types.js'
import type { TokenAnalysis } from './token/types.js'

/** What the permission catalogue says about one Graph call and its token. */
export interface PermissionContext {
  readonly catalogue: PermissionCatalogue
  /** The matched endpoint, or undefined when no template matches (`endpoint-unknown`). */
  readonly endpoint?: EndpointPermissions
  /** The scheme of the token: DelegatedWork, DelegatedPersonal or Application. */
  readonly scheme?: PermissionScheme
  /** The authorization check for the token's scheme, when the endpoint accepts that scheme at all. */
  readonly check?: AuthorizationCheck
}

interface PermissionInputs {
  readonly area: string
  readonly exchange: Exchange
  readonly token: TokenAnalysis | undefined
}

/** Look the call up in the catalogue and check the token against it; undefined without a catalogue or for non-Graph traffic. */
export function buildPermissionContext(
  catalogue: PermissionCatalogue | undefined,
  inputs: PermissionInputs,
): PermissionContext | undefined {
  const request = inputs.exchange.request
  if (catalogue === undefined || inputs.area !== 'graph' || request === undefined) return undefined
  const endpoint = catalogue.lookup(request.method, request.url)
  const token = inputs.token
  const scheme = token === undefined ? undefined : schemeOfToken(token)
  if (endpoint === undefined) return { catalogue }
  if (token === undefined || scheme === undefined) return { catalogue, endpoint }
  if (endpoint.schemes[scheme] === undefined) return { catalogue, endpoint, scheme }
  const check = checkAuthorization(endpoint, scheme, [...token.scopes, ...token.roles])
  // Only hidden or resource-specific permissions for this scheme: nothing a tenant can grant, so the
  // token kind is wrong, not a permission missing (a token that holds one of them still passes).
  if (!check.isAuthorized && check.accepted.length === 0) return { catalogue, endpoint, scheme }
  return { catalogue, endpoint, scheme, check }
}

/**
 * The permission scheme a token is judged under, or undefined when its kind is unknown. An opaque
 * token without dots is a personal Microsoft account's delegated token (its scopes cannot be read).
 */
export function schemeOfToken(token: TokenAnalysis): PermissionScheme | undefined {
  if (token.form === 'opaque' && token.account === 'personal') return 'DelegatedPersonal'
  if (token.kind === 'app-only') return 'Application'
  if (token.kind !== 'delegated') return undefined
  return token.account === 'personal' ? 'DelegatedPersonal' : 'DelegatedWork'
}
