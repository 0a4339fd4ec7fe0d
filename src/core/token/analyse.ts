/** `analyseToken`: decode a token without verifying it and classify what it is for. */
import { classifyAudience } from './audience.js'
import { firstStringClaim, listClaim, stringClaim, timeClaim } from './claims.js'
import { accountTypeOf, clientIdOf, isIdTokenClaims, scopesOf, tokenKindOf } from './classify.js'
import { decodeToken, type JsonObject } from './decode.js'
import { directoryRoleName } from './directory-roles.js'
import type { DirectoryRole, TokenAnalysis } from './types.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const EMPTY_LISTS = {
  scopes: [],
  roles: [],
  directoryRoles: [],
  clientCapabilities: [],
  authContexts: [],
  authMethods: [],
} as const

function directoryRolesOf(claims: JsonObject): DirectoryRole[] {
  return listClaim(claims, 'wids').map((id) => {
    const name = directoryRoleName(id)
    return name === undefined ? { id } : { id, name }
  })
}

/** Set optional properties only when they have a value (exactOptionalPropertyTypes). */
function assignDefined<T extends object>(target: T, values: { [K in keyof T]?: T[K] | undefined }): T {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value
  }
  return target
}

function analyseClaims(length: number, header: JsonObject, claims: JsonObject, signatureLength: number): TokenAnalysis {
  const isIdToken = isIdTokenClaims(claims)
  const appId = clientIdOf(claims)
  const aud = firstStringClaim(claims, 'aud')
  const issuer = stringClaim(claims, 'iss')
  const audienceContext = { isIdToken, ...(issuer === undefined ? {} : { issuer }), ...(appId === undefined ? {} : { clientId: appId }) }
  const analysis: Mutable<TokenAnalysis> = {
    form: 'jwt',
    length,
    header,
    claims,
    signatureLength,
    isIdToken,
    kind: tokenKindOf(claims, isIdToken),
    account: accountTypeOf(claims),
    scopes: scopesOf(claims),
    roles: listClaim(claims, 'roles'),
    directoryRoles: directoryRolesOf(claims),
    clientCapabilities: listClaim(claims, 'xms_cc'),
    authContexts: listClaim(claims, 'acrs'),
    authMethods: listClaim(claims, 'amr'),
  }
  return assignDefined(analysis, {
    version: stringClaim(claims, 'ver'),
    audience: aud === undefined ? undefined : classifyAudience(aud, audienceContext),
    tenantId: stringClaim(claims, 'tid'),
    appId,
    appName: stringClaim(claims, 'app_displayname'),
    user: stringClaim(claims, 'upn') ?? stringClaim(claims, 'unique_name') ?? stringClaim(claims, 'preferred_username'),
    issuedAt: timeClaim(claims, 'iat'),
    notBefore: timeClaim(claims, 'nbf'),
    expiresAt: timeClaim(claims, 'exp'),
  })
}

/**
 * Decode and classify an access token WITHOUT verifying its signature (Graph tokens carry a header
 * `nonce` that only Graph can verify, so a signature is never judged). Never throws.
 * - `jwt`: claims decoded and classified;
 * - `opaque`: not a JWT but a plausible token (personal Microsoft accounts get such tokens for
 *   Graph, `EwB…`), or an encrypted 5-part JWE; opaque is not malformed;
 * - `malformed`: `problem` says exactly what is wrong.
 *
 * @example
 * const token = analyseToken(jwt)
 * token.audience?.kind // 'graph'
 * token.kind // 'delegated'
 */
export function analyseToken(raw: string): TokenAnalysis {
  const length = raw.trim().length
  const decoded = decodeToken(raw)
  if (decoded.form === 'jwt') return analyseClaims(length, decoded.header, decoded.claims, decoded.signatureLength)
  const base = { length, isIdToken: false, kind: 'unknown', ...EMPTY_LISTS } as const
  if (decoded.form === 'malformed') return { ...base, form: 'malformed', problem: decoded.problem, account: 'unknown' }
  // An opaque token without dots is what personal Microsoft accounts get; a JWE says nothing about the account.
  if (decoded.encrypted) return { ...base, form: 'opaque', account: 'unknown', ...(decoded.header === undefined ? {} : { header: decoded.header }) }
  return { ...base, form: 'opaque', account: 'personal' }
}
