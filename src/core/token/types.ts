import type { Cloud } from '../target.js'

/** Which API a token's `aud` names. */
export type AudienceKind =
  | 'graph'
  | 'aad-graph'
  | 'exchange'
  | 'sharepoint'
  | 'own-api'
  | 'other'

/** `claims`: no token at all, a principal's claims as a log recorded them (see `analysePrincipal`). */
export type TokenForm = 'jwt' | 'opaque' | 'malformed' | 'claims'
export type TokenKind = 'delegated' | 'app-only' | 'unknown'
export type AccountType = 'work' | 'personal' | 'unknown'

export interface Audience {
  readonly value: string
  readonly kind: AudienceKind
  /** For Graph (and per-cloud resources): which cloud the audience belongs to, if known. */
  readonly cloud?: Cloud
  /** Human name, e.g. `Microsoft Graph (US Gov L4)`, `Azure AD Graph (retired)`. */
  readonly name: string
}

export interface DirectoryRole {
  readonly id: string
  /** Built-in role name, when the template id is known. */
  readonly name?: string
}

/**
 * What graph-doctor knows about one access token, decoded WITHOUT verifying the signature.
 * Holds claims, never the raw token; the signature only as its length.
 */
export interface TokenAnalysis {
  readonly form: TokenForm
  /** For `malformed`: what exactly is wrong with the string, e.g. `"Bearer" appears twice`. */
  readonly problem?: string
  /** Length of the raw token string. */
  readonly length: number
  readonly header?: Readonly<Record<string, unknown>>
  readonly claims?: Readonly<Record<string, unknown>>
  readonly signatureLength?: number
  readonly version?: string
  readonly isIdToken: boolean
  readonly audience?: Audience
  readonly kind: TokenKind
  readonly account: AccountType
  readonly tenantId?: string
  readonly appId?: string
  readonly appName?: string
  /** upn, unique_name or preferred_username. */
  readonly user?: string
  readonly scopes: readonly string[]
  readonly roles: readonly string[]
  readonly directoryRoles: readonly DirectoryRole[]
  /** xms_cc values, e.g. `cp1`. */
  readonly clientCapabilities: readonly string[]
  readonly authContexts: readonly string[]
  readonly authMethods: readonly string[]
  /** Unix seconds. */
  readonly issuedAt?: number
  readonly notBefore?: number
  readonly expiresAt?: number
}

export type TokenTimeState = 'valid' | 'expired' | 'not-yet-valid' | 'unknown'

export interface TokenTimeJudgement {
  readonly state: TokenTimeState
  /** ISO time the token was judged at (the exchange time). */
  readonly at: string
  /** Seconds past `exp` (expired) or before `nbf` (not yet valid); 0 otherwise. */
  readonly offBySeconds: number
}

/** One line per claim, as jwt.ms does, but aware of Graph. */
export interface ClaimExplanation {
  readonly claim: string
  readonly value: string
  readonly meaning: string
}
