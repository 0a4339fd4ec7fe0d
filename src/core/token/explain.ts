/** `explainClaims`: one line per claim, as jwt.ms does, but aware of Microsoft Graph. */
import { AUTH_METHOD_MEANINGS, CLAIM_MEANINGS } from './tables/claim-meanings.js'
import { listClaim } from './claims.js'
import { CONSUMER_TENANT_ID } from './tables/constants.js'
import { directoryRoleName } from './directory-roles.js'
import { jsonText } from '../json-text.js'
import { isoSeconds } from './time.js'
import type { ClaimExplanation, TokenAnalysis } from './types.js'
import { ownEntry } from './lookup.js'

type Explainer = (value: unknown, token: TokenAnalysis) => string

function displayValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ')
  return jsonText(value)
}

function timeMeaning(label: string): Explainer {
  return (value) => {
    const seconds = typeof value === 'number' ? value : Number(value)
    const date = new Date(seconds * 1000)
    return Number.isFinite(date.getTime()) ? `${label}: ${isoSeconds(date)}` : `${label}: not a Unix time`
  }
}

function audienceMeaning(_value: unknown, token: TokenAnalysis): string {
  const audience = token.audience
  if (audience === undefined) return 'audience: the API the token is for'
  if (audience.kind === 'graph') return `${audience.name}: the right audience`
  if (token.isIdToken) return `${audience.name}: Graph rejects it; request an access token for Graph`
  return `${audience.name}: not Microsoft Graph; Graph rejects this token with "Invalid audience"`
}

function rolesMeaning(value: unknown, token: TokenAnalysis): string {
  const count = Array.isArray(value) ? value.length : 1
  if (token.kind === 'app-only') return `application permissions (app-only token), ${count}`
  return `app roles of the user on the target app, ${count}`
}

function widsMeaning(value: unknown): string {
  const ids = listClaim({ wids: value }, 'wids')
  if (ids.length === 0) return 'directory roles of the user: none'
  const names = ids.map((id) => directoryRoleName(id) ?? `unknown role ${id}`)
  return `directory roles of the user: ${names.join('; ')}`
}

function capabilitiesMeaning(value: unknown): string {
  const list = listClaim({ xms_cc: value }, 'xms_cc')
  // Clients send CP1 or cp1: the capability name is case-insensitive.
  if (list.some((item) => item.toLowerCase() === 'cp1')) return 'client capabilities; cp1: the client can handle claims challenges (CAE, Conditional Access)'
  return 'client capabilities (no cp1: the client does not declare it can handle claims challenges)'
}

function authMethodsMeaning(value: unknown): string {
  const methods = listClaim({ amr: value }, 'amr')
  return `authentication methods: ${methods.map((method) => ownEntry(AUTH_METHOD_MEANINGS, method) ?? method).join(', ') || 'none'}`
}

function tenantMeaning(value: unknown): string {
  if (typeof value === 'string' && value.toLowerCase() === CONSUMER_TENANT_ID) {
    return 'tenant: the consumer tenant, a personal Microsoft account'
  }
  return 'tenant id (directory) the user or app signed in to'
}

function idtypMeaning(value: unknown): string {
  if (value === 'app') return 'token type: app (an app-only token, no signed-in user)'
  if (value === 'user') return 'token type: user (a delegated token, a signed-in user)'
  return 'token type'
}

const EXPLAINERS: Readonly<Record<string, Explainer>> = {
  aud: audienceMeaning,
  scp: (value) => `delegated permissions (scopes): ${displayValue(value).split(/[\s,]+/).filter(Boolean).length} granted to the app for the user`,
  roles: rolesMeaning,
  wids: widsMeaning,
  xms_cc: capabilitiesMeaning,
  amr: authMethodsMeaning,
  acrs: () => 'Conditional Access authentication contexts satisfied (c1 … c99)',
  tid: tenantMeaning,
  idtyp: idtypMeaning,
  ver: (value) => (String(value).startsWith('2') ? 'token format v2.0' : 'token format v1.0 (Graph access tokens are always v1)'),
  appid: () => 'client app id (v1) the token was issued to',
  azp: () => 'client app id (v2) the token was issued to',
  app_displayname: () => 'display name of the client app',
  upn: () => 'user principal name of the signed-in user',
  unique_name: () => 'name of the signed-in user (v1)',
  preferred_username: () => 'sign-in name of the user (display only, not unique)',
  iat: timeMeaning('issued at'),
  nbf: timeMeaning('not valid before'),
  exp: timeMeaning('expires at'),
}

/**
 * One line per claim, in claim order: the claim, its value as text and what it means for a
 * Graph call. The signature is never part of it.
 *
 * @example
 * explainClaims(analyseToken(jwt)).find((line) => line.claim === 'aud')?.meaning
 * // 'Microsoft Graph (global): the right audience'
 */
export function explainClaims(token: TokenAnalysis): ClaimExplanation[] {
  return Object.entries(token.claims ?? {}).map(([claim, value]) => {
    const explainer = ownEntry(EXPLAINERS, claim)
    const meaning = explainer === undefined ? (ownEntry(CLAIM_MEANINGS, claim) ?? 'not a standard claim') : explainer(value, token)
    return { claim, value: displayValue(value), meaning }
  })
}
