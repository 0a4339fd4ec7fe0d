/** `summarizeToken`: the JSON-serialisable facts of a token for output. Never the raw token. */
import { isoSeconds } from './time.js'
import type { TokenAnalysis } from './types.js'

/** What output shows about a token: claims-derived facts, the signature only as its length. */
export type TokenSummary = Omit<TokenAnalysis, 'header' | 'claims' | 'issuedAt' | 'notBefore' | 'expiresAt'> & {
  /** ISO times (UTC, seconds precision) instead of the claims' Unix seconds. */
  readonly issuedAt?: string
  readonly notBefore?: string
  readonly expiresAt?: string
}

function isoOf(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined
  const date = new Date(seconds * 1000)
  return Number.isFinite(date.getTime()) ? isoSeconds(date) : undefined
}

/**
 * The summary of a token for JSON output; optional facts are omitted when unknown.
 *
 * @example
 * summarizeToken(analyseToken(jwt)).expiresAt // '2026-11-20T10:55:00Z'
 */
export function summarizeToken(token: TokenAnalysis): TokenSummary {
  const entries: Array<[string, unknown]> = [
    ['form', token.form],
    ['problem', token.problem],
    ['kind', token.kind],
    ['account', token.account],
    ['isIdToken', token.isIdToken],
    ['version', token.version],
    ['audience', token.audience === undefined ? undefined : { ...token.audience }],
    ['tenantId', token.tenantId],
    ['appId', token.appId],
    ['appName', token.appName],
    ['user', token.user],
    ['scopes', [...token.scopes]],
    ['roles', [...token.roles]],
    ['directoryRoles', token.directoryRoles.map((role) => ({ ...role }))],
    ['clientCapabilities', [...token.clientCapabilities]],
    ['authContexts', [...token.authContexts]],
    ['authMethods', [...token.authMethods]],
    ['issuedAt', isoOf(token.issuedAt)],
    ['notBefore', isoOf(token.notBefore)],
    ['expiresAt', isoOf(token.expiresAt)],
    ['length', token.length],
    ['signatureLength', token.signatureLength],
  ]
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as unknown as TokenSummary
}
