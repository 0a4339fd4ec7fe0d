/**
 * The model behind `graph-doctor perms`: what an endpoint accepts per scheme and, with a token,
 * whether the token is enough and what to add. Pure; the renderers in `perms-*.ts` print it.
 */
import type { GrantCommands } from '../../core/permissions/grant-commands.js'
import type { AcceptedPermission, AuthorizationCheck, EndpointPermissions, PermissionCatalogue, PermissionKind } from '../../core/permissions/types.js'
import type { TokenAnalysis } from '../../core/token/types.js'
import type { PermissionScheme } from '../../core/types.js'
import type { ApiVersionInfo } from './version.js'

/** Docs-table order of the schemes. */
export const SCHEMES: readonly PermissionScheme[] = ['DelegatedWork', 'DelegatedPersonal', 'Application']

export const SCHEME_LABELS: Readonly<Record<PermissionScheme, string>> = {
  DelegatedWork: 'Delegated (work or school account)',
  DelegatedPersonal: 'Delegated (personal Microsoft account)',
  Application: 'Application',
}

/** One accepted permission with its GUID resolved (from the endpoint or the catalogue). */
export interface PermissionRow {
  readonly name: string
  readonly scheme: PermissionScheme
  readonly isLeast: boolean
  readonly requiresAdminConsent?: boolean
  readonly alsoRequires: readonly string[]
  readonly id?: string
}

/** What the token lacks and how to fix it. */
export interface TokenAdvice {
  /** The permission to add (the least privileged one the scheme accepts). */
  readonly add: PermissionRow
  /** The other accepted permissions, any one of which would also do. */
  readonly alternatives: readonly string[]
  readonly needsAdminConsent: boolean
  readonly grant: GrantCommands
}

/** The token side of the report. Holds claims only, never the token. */
export interface TokenVerdict {
  readonly kind: TokenAnalysis['kind']
  readonly account: TokenAnalysis['account']
  readonly audience?: string
  readonly isForGraph: boolean
  readonly tenantId?: string
  readonly appId?: string
  /** scp for delegated tokens, roles for app-only tokens. */
  readonly permissions: readonly string[]
  /** The scheme the token's permissions are checked under; absent when the token's kind is unknown. */
  readonly scheme?: PermissionScheme
  readonly check?: AuthorizationCheck
  readonly isEnough: boolean
  /** Why the verdict is what it is, one line each. */
  readonly reasons: readonly string[]
  readonly advice?: TokenAdvice
  /** The token's scheme is not supported here: the least-privileged permission of another scheme. */
  readonly switchTo?: { readonly scheme: PermissionScheme; readonly permission: string }
}

export interface PermsReport {
  readonly method: string
  readonly url: string
  /** The request's API version and what the data can (not) say about it. */
  readonly apiVersion: ApiVersionInfo
  readonly endpoint: EndpointPermissions
  readonly rows: readonly PermissionRow[]
  readonly token?: TokenVerdict
}

export function kindOfScheme(scheme: PermissionScheme): PermissionKind {
  return scheme === 'Application' ? 'application' : 'delegated'
}

/** A permission's row, its GUID from the endpoint data or else the catalogue. */
export function toRow(catalogue: PermissionCatalogue, scheme: PermissionScheme, permission: AcceptedPermission): PermissionRow {
  const id = permission.id ?? catalogue.permissionId(permission.name, kindOfScheme(scheme))
  return {
    name: permission.name,
    scheme,
    isLeast: permission.isLeast,
    ...(permission.requiresAdminConsent === undefined ? {} : { requiresAdminConsent: permission.requiresAdminConsent }),
    alsoRequires: permission.alsoRequires,
    ...(id === undefined ? {} : { id }),
  }
}

/** Accepted permissions of one scheme, least privileged first; empty when the scheme is not supported. */
export function rowsOf(report: Pick<PermsReport, 'rows'>, scheme: PermissionScheme): PermissionRow[] {
  return report.rows.filter((row) => row.scheme === scheme)
}

/** The scheme a token's permissions count under, or undefined when its kind is unknown. */
export function schemeOfToken(analysis: TokenAnalysis): PermissionScheme | undefined {
  if (analysis.kind === 'app-only') return 'Application'
  if (analysis.kind !== 'delegated') return undefined
  return analysis.account === 'personal' ? 'DelegatedPersonal' : 'DelegatedWork'
}
