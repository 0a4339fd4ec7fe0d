/** The token half of `graph-doctor perms`: is the token enough, and if not, what to add. Pure. */
import { addedEndpointNote } from '../../core/permissions/added-endpoints.js'
import { grantCommands } from '../../core/permissions/grant-commands.js'
import { checkAuthorization } from '../../core/permissions/index.js'
import type { AuthorizationCheck, EndpointPermissions, PermissionCatalogue } from '../../core/permissions/types.js'
import type { TokenAnalysis } from '../../core/token/types.js'
import type { PermissionScheme } from '../../core/types.js'
import { apiVersionOf } from './version.js'
import {
  kindOfScheme,
  rowsOf,
  SCHEME_LABELS,
  SCHEMES,
  schemeOfToken,
  toRow,
  type PermissionRow,
  type PermsReport,
  type TokenAdvice,
  type TokenVerdict,
} from './report.js'

/**
 * Build the `perms` report for an endpoint, and judge a token against it when one is given.
 *
 * @example
 * const endpoint = catalogue.lookup('GET', '/me/messages')
 * if (endpoint) buildPermsReport({ catalogue, method: 'GET', url: '/me/messages', endpoint })
 */
export function buildPermsReport(input: {
  readonly catalogue: PermissionCatalogue
  readonly method: string
  readonly url: string
  readonly endpoint: EndpointPermissions
  readonly token?: TokenAnalysis
}): PermsReport {
  const { catalogue } = input
  const endpoint = withAddedEndpointNote(input.endpoint)
  const rows = SCHEMES.flatMap((scheme) => (endpoint.schemes[scheme]?.accepted ?? []).map((permission) => toRow(catalogue, scheme, permission)))
  const report = { method: input.method, url: input.url, apiVersion: apiVersionOf(input.url), endpoint, rows }
  if (input.token === undefined) return report
  return { ...report, token: judgeToken(catalogue, report, input.token) }
}

/** An endpoint our corrections added to the data says so, with its docs source. */
function withAddedEndpointNote(endpoint: EndpointPermissions): EndpointPermissions {
  const note = addedEndpointNote(endpoint.method, endpoint.template)
  if (note === undefined || endpoint.notes.includes(note)) return endpoint
  return { ...endpoint, notes: [...endpoint.notes, note] }
}

/** Judge a token against an endpoint's accepted permissions; see {@link TokenVerdict}. */
export function judgeToken(catalogue: PermissionCatalogue, report: Pick<PermsReport, 'rows' | 'endpoint'>, token: TokenAnalysis): TokenVerdict {
  const scheme = schemeOfToken(token)
  const permissions = token.kind === 'app-only' ? token.roles : token.scopes
  const isForGraph = token.audience?.kind === 'graph'
  const base = {
    kind: token.kind,
    account: token.account,
    ...(token.audience === undefined ? {} : { audience: token.audience.value }),
    isForGraph,
    ...(token.tenantId === undefined ? {} : { tenantId: token.tenantId }),
    ...(token.appId === undefined ? {} : { appId: token.appId }),
    permissions,
  }
  const audienceReason = isForGraph ? [] : [`the token is for ${token.audience?.name ?? 'an unknown resource'}, not Microsoft Graph: Graph rejects it whatever its permissions`]
  if (scheme === undefined) {
    return { ...base, isEnough: false, reasons: [...audienceReason, 'the token holds neither scp nor roles: cannot tell a delegated token from an app-only one'] }
  }
  if (rowsOf(report, scheme).length === 0) {
    const switchTo = alternativeScheme(report, scheme)
    const reason = `this endpoint does not support ${SCHEME_LABELS[scheme].toLowerCase()} permissions`
    return { ...base, scheme, isEnough: false, reasons: [...audienceReason, reason], ...(switchTo === undefined ? {} : { switchTo }) }
  }
  const check = checkAuthorization(report.endpoint, scheme, permissions)
  const isEnough = check.isAuthorized && isForGraph
  const held = check.granted.length > 0 ? `the token holds ${check.granted.join(', ')}, which this endpoint accepts` : undefined
  const incomplete = heldIncomplete(rowsOf(report, scheme), new Set(permissions.map((name) => name.toLowerCase())))
  const reasons = [...audienceReason, check.isAuthorized ? (held ?? 'the token holds an accepted permission') : missingReason(check, incomplete)]
  const verdict = { ...base, scheme, check, isEnough, reasons }
  if (check.isAuthorized) return verdict
  const toAdd = rowToAdd(catalogue, rowsOf(report, scheme), permissions)
  const advice = toAdd === undefined ? undefined : adviseFor(toAdd, rowsOf(report, scheme), token)
  return advice === undefined ? verdict : { ...verdict, advice }
}

function missingReason(check: AuthorizationCheck, incomplete: PermissionRow | undefined): string {
  if (incomplete !== undefined) return `the token holds ${incomplete.name}, which also requires one of ${incomplete.alsoRequires.join(', ')}`
  const scheme = SCHEME_LABELS[check.scheme].toLowerCase()
  const only = check.accepted[0]
  if (check.accepted.length === 1 && only !== undefined) return `the token does not hold ${only}, the only permission this endpoint accepts for ${scheme}`
  return `the token holds none of the ${check.accepted.length} permissions this endpoint accepts for ${scheme}`
}

function alternativeScheme(report: Pick<PermsReport, 'rows'>, scheme: PermissionScheme): TokenVerdict['switchTo'] {
  const order: readonly PermissionScheme[] = scheme === 'Application' ? ['DelegatedWork', 'DelegatedPersonal'] : ['Application', 'DelegatedWork']
  for (const other of order) {
    const least = rowsOf(report, other)[0]
    if (other !== scheme && least !== undefined) return { scheme: other, permission: least.name }
  }
  return undefined
}

/**
 * The least-privileged accepted permission the token lacks; when it already holds an accepted one
 * that needs a companion (AlsoRequires), the first companion instead.
 */
function rowToAdd(catalogue: PermissionCatalogue, rows: readonly PermissionRow[], held: readonly string[]): PermissionRow | undefined {
  const heldSet = new Set(held.map((name) => name.toLowerCase()))
  const incomplete = heldIncomplete(rows, heldSet)
  const companion = incomplete?.alsoRequires[0]
  if (incomplete !== undefined && companion !== undefined) {
    return toRow(catalogue, incomplete.scheme, { name: companion, isLeast: false, alsoRequires: [] })
  }
  return rows.find((row) => !heldSet.has(row.name.toLowerCase())) ?? rows[0]
}

/** An accepted permission the token holds whose companion (AlsoRequires) it lacks. */
function heldIncomplete(rows: readonly PermissionRow[], heldSet: ReadonlySet<string>): PermissionRow | undefined {
  return rows.find((row) => heldSet.has(row.name.toLowerCase()) && row.alsoRequires.length > 0 && !row.alsoRequires.some((name) => heldSet.has(name.toLowerCase())))
}

function adviseFor(add: PermissionRow, rows: readonly PermissionRow[], token: TokenAnalysis): TokenAdvice {
  const kind = kindOfScheme(add.scheme)
  const grant = grantCommands({
    permission: add.name,
    kind,
    ...(add.id === undefined ? {} : { id: add.id }),
    ...(token.tenantId === undefined ? {} : { tenantId: token.tenantId }),
    ...(token.appId === undefined ? {} : { appId: token.appId }),
  })
  const needsAdminConsent = kind === 'application' || add.requiresAdminConsent === true
  const alternatives = rows.filter((row) => row.name !== add.name).map((row) => row.name)
  return { add, alternatives, needsAdminConsent, grant }
}
