import type { AnalysisContext } from '../../context.js'
import { evidence } from '../../finding.js'
import type { Cloud } from '../../target.js'
import { cloudOfIssuer } from '../../token/audience.js'
import type { TokenAnalysis } from '../../token/types.js'
import type { Evidence } from '../../types.js'
import { cloudName } from '../fix-text.js'

/** Something in a decoded token that may explain why Graph refused it: evidence and one clause for the detail. */
export interface Suspicion {
  readonly evidence: Evidence
  readonly reason: string
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * What looks wrong in a JWT that Graph refused although its audience and lifetime are right: its
 * issuer (another cloud, another tenant than `tid`, B2C, AD FS, not the identity platform), its header
 * (no `nonce` on a Graph token, `alg` none or HMAC) or missing claims. Empty when nothing does.
 */
export function suspicionsOf(ctx: AnalysisContext, token: TokenAnalysis): Suspicion[] {
  return [...issuerSuspicions(ctx, token), ...headerSuspicions(token), ...claimSuspicions(token)]
}

function stringClaim(token: TokenAnalysis, name: string): string | undefined {
  const value = token.claims?.[name]
  return typeof value === 'string' ? value : undefined
}

function suspicion(source: Evidence['source'], field: string, value: string, reason: string): Suspicion {
  return { evidence: evidence(source, field, value, reason), reason }
}

function issuerSuspicions(ctx: AnalysisContext, token: TokenAnalysis): Suspicion[] {
  const iss = stringClaim(token, 'iss')
  if (iss === undefined) return [suspicion('token', 'iss', '(absent)', 'the token has no iss claim, so no issuer Graph trusts vouches for it')]
  const url = parseUrl(iss)
  if (url === undefined) return [suspicion('token', 'iss', iss, 'iss is not an issuer URL of the Microsoft identity platform')]
  const kind = foreignIssuerKind(url, token)
  if (kind !== undefined) return [suspicion('token', 'iss', iss, kind)]
  return [...cloudSuspicion(ctx, iss), ...tenantSuspicion(token, iss, url)]
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

/** B2C, AD FS or a non-Microsoft issuer: Graph accepts none of them. */
function foreignIssuerKind(url: URL, token: TokenAnalysis): string | undefined {
  const host = url.hostname.toLowerCase()
  const path = url.pathname.toLowerCase()
  if (host.endsWith('.b2clogin.com') || host.endsWith('.b2clogin.cn') || path.includes('/tfp/') || token.claims?.['tfp'] !== undefined) {
    return 'an Azure AD B2C user-flow token: Microsoft Graph does not accept B2C tokens'
  }
  if (path.startsWith('/adfs') || /(^|\.)adfs\./.test(host)) {
    return 'an AD FS token: Microsoft Graph accepts only tokens issued by Microsoft Entra ID'
  }
  if (cloudOfIssuer(url.href) === undefined) return `issued by ${host}, which is not the Microsoft identity platform: Graph accepts only Entra ID tokens`
  return undefined
}

/** The issuer host of another cloud than the request's (sts.windows.net also signs some US Government v1 tokens). */
function cloudSuspicion(ctx: AnalysisContext, iss: string): Suspicion[] {
  const requestCloud = ctx.target?.cloud
  const issuerCloud = cloudOfIssuer(iss)
  if (requestCloud === undefined || issuerCloud === undefined || sameCloud(issuerCloud, requestCloud, iss)) return []
  const named = issuerCloud === 'us-gov-or-dod' ? 'US Government (L4 or L5)' : cloudName(issuerCloud)
  return [suspicion('token', 'iss', iss, `issued by the identity platform of ${named}, but the request went to Graph in ${cloudName(requestCloud)}: tokens never cross clouds`)]
}

function sameCloud(issuerCloud: Cloud | 'us-gov-or-dod', requestCloud: Cloud, iss: string): boolean {
  if (issuerCloud === requestCloud) return true
  if (issuerCloud === 'us-gov-or-dod') return requestCloud === 'us-gov' || requestCloud === 'us-dod'
  const isStsWindows = parseUrl(iss)?.hostname.toLowerCase() === 'sts.windows.net'
  return isStsWindows && (requestCloud === 'us-gov' || requestCloud === 'us-dod')
}

function tenantSuspicion(token: TokenAnalysis, iss: string, url: URL): Suspicion[] {
  const tid = token.tenantId
  if (tid === undefined) return [suspicion('token', 'tid', '(absent)', 'the token names no tenant (tid)')]
  const issuerTenant = url.pathname.split('/').find((segment) => segment !== '')
  if (issuerTenant === undefined || !GUID.test(issuerTenant) || !GUID.test(tid)) return []
  if (issuerTenant.toLowerCase() === tid.toLowerCase()) return []
  return [suspicion('token', 'iss', iss, `the issuer's tenant ${issuerTenant} is not the token's tid ${tid}: the claims were edited or put together from two tokens`)]
}

function headerSuspicions(token: TokenAnalysis): Suspicion[] {
  const header = token.header ?? {}
  const items: Suspicion[] = []
  const alg = typeof header['alg'] === 'string' ? header['alg'] : undefined
  if (alg === undefined || alg.toLowerCase() === 'none') {
    items.push(suspicion('token', 'header.alg', alg ?? '(absent)', 'an unsigned token: the identity platform signs every access token (RS256)'))
  } else if (/^HS/i.test(alg)) {
    items.push(suspicion('token', 'header.alg', alg, 'a symmetric (HMAC) signature: made by a library or test tool, not by the Microsoft identity platform (RS256)'))
  } else if (alg !== 'RS256') {
    items.push(suspicion('token', 'header.alg', alg, 'the identity platform signs access tokens with RS256'))
  }
  if (token.audience?.kind === 'graph' && header['nonce'] === undefined) {
    items.push(suspicion('token', 'header.nonce', '(absent)', 'Graph tokens from the identity platform normally carry a header nonce; its absence suggests the token was altered or re-serialised (decoded and re-encoded, "validated" and rebuilt, re-signed) or not issued by Microsoft Entra ID'))
  }
  return items
}

function claimSuspicions(token: TokenAnalysis): Suspicion[] {
  if (token.expiresAt !== undefined) return []
  return [suspicion('token', 'exp', '(absent)', 'the token has no expiry (exp): the identity platform always sets one')]
}
