/** Classification of decoded claims: ID token or access token, delegated or app-only, work or personal. */
import { classifyAudience, cloudOfIssuer } from './audience.js'
import { firstStringClaim, hasClaim, listClaim, stringClaim } from './claims.js'
import { CONSUMER_TENANT_ID } from './tables/constants.js'
import type { JsonObject } from './decode.js'
import type { AccountType, TokenKind } from './types.js'

/** Claims that only ID tokens carry (OpenID Connect). */
const ID_TOKEN_MARKERS = ['nonce', 'auth_time', 'at_hash', 'c_hash', 's_hash'] as const
/** Claims that name a signed-in user. */
const USER_CLAIMS = ['upn', 'unique_name', 'preferred_username', 'name', 'given_name', 'email'] as const

/** `appid` (v1) or `azp` (v2): the client the token was issued to. */
export function clientIdOf(claims: JsonObject): string | undefined {
  return stringClaim(claims, 'appid') ?? stringClaim(claims, 'azp')
}

function hasPermissions(claims: JsonObject): boolean {
  return hasClaim(claims, 'scp') || hasClaim(claims, 'roles')
}

/**
 * An ID token: no permissions, no `appid`, an audience that is no known resource, and an OpenID
 * Connect marker (`nonce`, `auth_time`, …) or `aud` equal to `azp` (the client itself).
 */
export function isIdTokenClaims(claims: JsonObject): boolean {
  if (hasPermissions(claims) || hasClaim(claims, 'appid') || claims['idtyp'] === 'app') return false
  const aud = firstStringClaim(claims, 'aud')
  if (aud === undefined) return false
  if (classifyAudience(aud, { ...issuerOf(claims) }).kind !== 'other') return false
  const azp = stringClaim(claims, 'azp')
  return ID_TOKEN_MARKERS.some((name) => hasClaim(claims, name)) || (azp !== undefined && azp.toLowerCase() === aud.toLowerCase())
}

function issuerOf(claims: JsonObject): { issuer?: string } {
  const issuer = stringClaim(claims, 'iss')
  return issuer === undefined ? {} : { issuer }
}

/**
 * Delegated or app-only. `idtyp` decides when present; else `scp` means delegated and `roles` without
 * `scp` app-only; a token without either, without user claims and issued to a confidential client
 * (`appidacr`/`azpacr` 1 or 2) is app-only too.
 */
export function tokenKindOf(claims: JsonObject, isIdToken: boolean): TokenKind {
  const idtyp = stringClaim(claims, 'idtyp')?.toLowerCase()
  if (idtyp === 'app') return 'app-only'
  if (idtyp === 'user') return 'delegated'
  if (isIdToken) return 'unknown'
  if (hasClaim(claims, 'scp')) return 'delegated'
  if (hasClaim(claims, 'roles')) return 'app-only'
  const clientAuth = stringClaim(claims, 'appidacr') ?? stringClaim(claims, 'azpacr')
  const hasUser = USER_CLAIMS.some((name) => hasClaim(claims, name))
  return !hasUser && (clientAuth === '1' || clientAuth === '2') ? 'app-only' : 'unknown'
}

function mentionsConsumerTenant(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase().includes(CONSUMER_TENANT_ID)
}

/**
 * Work or personal account. `tid` decides when present (an MSA guest in an organisation's tenant
 * acts as a member of that tenant); without `tid`, the consumer tenant in `iss` or `idp` (or
 * `idp` `live.com`) means personal.
 */
export function accountTypeOf(claims: JsonObject): AccountType {
  const tid = stringClaim(claims, 'tid')
  if (tid !== undefined) return tid.toLowerCase() === CONSUMER_TENANT_ID ? 'personal' : 'work'
  const iss = stringClaim(claims, 'iss')
  const idp = stringClaim(claims, 'idp')
  if (mentionsConsumerTenant(iss) || mentionsConsumerTenant(idp) || idp?.toLowerCase() === 'live.com') return 'personal'
  return cloudOfIssuer(iss) === undefined ? 'unknown' : 'work'
}

/** Scopes of `scp` (space-separated string, sometimes an array). */
export function scopesOf(claims: JsonObject): string[] {
  return listClaim(claims, 'scp')
}
