import type { PermissionScheme } from '../types.js'

export type PermissionKind = 'delegated' | 'application'

/** A permission that the catalogue accepts for an endpoint under one scheme. */
export interface AcceptedPermission {
  readonly name: string
  /** Flagged `least` for this path and scheme in the official data (after our resolution). */
  readonly isLeast: boolean
  readonly privilegeLevel?: number
  readonly requiresAdminConsent?: boolean
  /** Any ONE of these must also be held (AlsoRequires). Empty when none. */
  readonly alsoRequires: readonly string[]
  /** Scope or app-role GUID of the Graph service principal, when known. */
  readonly id?: string
}

export interface SchemePermissions {
  readonly scheme: PermissionScheme
  /** The single least-privileged permission (per the resolution rules), or null if none is accepted. */
  readonly leastPrivileged: string | null
  /** Least-privileged first, then higher-privileged by privilege level, then alphabetical. */
  readonly accepted: readonly AcceptedPermission[]
  /**
   * Permissions the data lists that are never suggested as tenant-wide scopes: resource-specific
   * consent (Teams/chat RSC) and hidden ones. A token that holds one still counts as granted.
   */
  readonly excluded?: readonly ExcludedPermission[]
}

/** A permission accepted by the data but kept out of `accepted` (never suggested). */
export interface ExcludedPermission {
  readonly name: string
  readonly reason: 'resource-specific-consent' | 'hidden'
}

/** How a request was mapped onto a template when the direct match failed. */
export type MatchFallback =
  | 'none'
  | 'me-to-users'
  | 'users-to-me'
  | 'drive-alias'
  /** `…/drive/root…` (or `root:/path:`) read as `…/drive/items/{id}…`. */
  | 'drive-root-item'
  | 'cast-stripped'
  | 'odata-segment-stripped'

export interface EndpointPermissions {
  readonly method: string
  /** The catalogue template as written in the data, e.g. `/users/{id}/messages`. */
  readonly template: string
  readonly fallback: MatchFallback
  readonly schemes: Partial<Record<PermissionScheme, SchemePermissions>>
  /** Our own corrections that applied (each with its source), e.g. the /me application rule. */
  readonly notes: readonly string[]
}

/** The permission engine, built from the official permission map. Pure and synchronous. */
export interface PermissionCatalogue {
  /** Map a request (full URL or path, with or without version) onto the catalogue. */
  lookup(method: string, url: string): EndpointPermissions | undefined
  /** Scope or app-role GUID of the Graph service principal. */
  permissionId(name: string, kind: PermissionKind): string | undefined
  readonly stats: { readonly templates: number; readonly permissions: number }
  /**
   * The normalised segments of every template path (ids as `\u0000`): for finding the call a
   * PowerShell cmdlet makes. Read from the trie's tables without placing its edges (some 10 ms cold):
   * once per run at most.
   */
  templatePaths?(): readonly (readonly string[])[]
}

/** Is a token's scp/roles enough for an endpoint under one scheme? */
export interface AuthorizationCheck {
  readonly scheme: PermissionScheme
  readonly isAuthorized: boolean
  /** Accepted permissions the token holds (ignoring openid, profile, email, offline_access). */
  readonly granted: readonly string[]
  readonly leastPrivileged: string | null
  readonly accepted: readonly string[]
}
