import type { FindingId } from './catalogue.js'
import type { TokenSummary } from './token/summary.js'

export type Severity = 'error' | 'warning' | 'info'

/** Where a piece of evidence was read. */
export type EvidenceSource = 'token' | 'header' | 'body' | 'request' | 'url' | 'status' | 'catalogue' | 'input'

/** One fact that supports a finding: which claim, header or body field said so. Never a raw token. */
export interface Evidence {
  readonly source: EvidenceSource
  /** Claim name, header name or JSON path, e.g. `aud`, `WWW-Authenticate`, `error.code`. */
  readonly field: string
  readonly value: string
  readonly note?: string
}

export interface Link {
  readonly title: string
  readonly url: string
}

export type PermissionScheme = 'DelegatedWork' | 'DelegatedPersonal' | 'Application'

/** The permission side of a finding, in the JSON contract's shape. */
export interface PermissionSummary {
  readonly scheme: PermissionScheme
  readonly leastPrivileged: string | null
  readonly accepted: readonly string[]
  readonly granted: readonly string[]
}

/** A directory role the fix asks to assign, by its name and built-in role template id. */
export interface RoleToAssign {
  readonly name: string
  /** The role template id (the same in every tenant); absent when unknown. */
  readonly templateId?: string
  /** Who gets the role: the signed-in user, or the app's service principal. */
  readonly assignee: 'user' | 'app'
}

/**
 * The machine-readable parts of a finding's fix, for tools (JSON `actions`). Each field is present only
 * when the finding has it; the prose `fix` always says the same in words.
 */
export interface FixActions {
  /** The admin-consent URL for the token's tenant and app, in the request's cloud. */
  readonly consentUrl?: string
  /** The scopes to request in the next token request, as MSAL takes them. */
  readonly scopes?: readonly string[]
  /** Azure CLI commands, in the order to run them. */
  readonly azCli?: readonly string[]
  /** Microsoft Graph PowerShell lines, in the order to run them. */
  readonly powershell?: readonly string[]
  readonly roleToAssign?: RoleToAssign
}

export interface Finding {
  readonly id: FindingId
  readonly severity: Severity
  readonly title: string
  readonly detail: string
  readonly evidence: readonly Evidence[]
  readonly fix: readonly string[]
  /** The fix as data, where it has copyable parts (URL, scopes, commands, role). */
  readonly actions?: FixActions
  readonly links: readonly Link[]
  readonly permission?: PermissionSummary
}

/** The diagnosis of one exchange. */
export interface DiagnosisResult {
  readonly source: string
  /** `inferredFrom`: the call is not in the input; graph-doctor took it from this (a PowerShell cmdlet, an SDK stack trace). */
  readonly request: { readonly method: string | null; readonly url: string | null; readonly inferredFrom?: string }
  readonly status: number | null
  /** ISO time at which token lifetimes were judged. */
  readonly judgedAt: string
  readonly batch?: { readonly source: string; readonly requestId: string }
  /** What the bearer token of the request holds (claims summary, never the token), when one was sent. */
  readonly token?: TokenSummary
  readonly findings: readonly Finding[]
}

export interface Diagnosis {
  readonly results: readonly DiagnosisResult[]
}
