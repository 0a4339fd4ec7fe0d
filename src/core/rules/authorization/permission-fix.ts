import type { AnalysisContext } from '../../context.js'
import { grantCommands, type GrantCommands } from '../../permissions/grant-commands.js'
import type { AcceptedPermission, PermissionKind, SchemePermissions } from '../../permissions/types.js'
import type { FixActions, PermissionScheme } from '../../types.js'
import { adminConsentUrlFor, defaultScope, namedScope } from '../fix-text.js'
import { managedIdentityOf, managedIdentitySteps } from './managed-identity.js'

const MAX_ALTERNATIVES = 6
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function kindOfScheme(scheme: PermissionScheme): PermissionKind {
  return scheme === 'Application' ? 'application' : 'delegated'
}

export function schemeWords(scheme: PermissionScheme): string {
  if (scheme === 'Application') return 'application permissions (app-only token)'
  if (scheme === 'DelegatedPersonal') return 'delegated permissions (personal Microsoft account)'
  return 'delegated permissions (work or school account)'
}

/** The admin-consent URL for the token's tenant and app, in the request's cloud. */
export function consentUrl(ctx: AnalysisContext): string {
  return adminConsentUrlFor(ctx.cloud, ctx.token?.tenantId, ctx.token?.appId)
}

/**
 * Exact steps to add the least-privileged permission of a scheme: the permission, alternatives,
 * AlsoRequires, consent (and its URL), the token to request, and the commands that add it.
 */
export function permissionFixSteps(ctx: AnalysisContext, permissions: SchemePermissions): string[] {
  const least = permissions.leastPrivileged
  if (least === null) return ['The catalogue lists no permission for this scheme: see the API reference page of this call.']
  const kind = kindOfScheme(permissions.scheme)
  const entry = permissions.accepted.find((item) => item.name === least)
  const identity = kind === 'application' ? managedIdentitySteps(ctx, least) : []
  if (identity.length > 0) return [...identity, ...alternativeSteps(permissions, least, entry), ...commandSteps(ctx, least, kind, entry).filter((step) => !step.startsWith('Azure CLI:'))]
  const account = permissions.scheme === 'DelegatedWork' ? ' (work or school account)' : permissions.scheme === 'DelegatedPersonal' ? ' (personal Microsoft account)' : ''
  const steps = [`Add ${least}, the least-privileged ${kind} permission for this call${account}, to the app registration: API permissions > Add a permission > Microsoft Graph > ${kind === 'application' ? 'Application' : 'Delegated'} permissions.`]
  steps.push(...alternativeSteps(permissions, least, entry))
  steps.push(consentStep(ctx, least, kind, entry))
  steps.push(kind === 'application'
    ? `Request a new token with \`${defaultScope(ctx.cloud)}\` (client credentials): only tokens issued after the consent carry the new role.`
    : `Request a new token that includes the scope \`${namedScope(ctx.cloud, least)}\` (MSAL: \`scopes: ['${namedScope(ctx.cloud, least)}']\`); the cached token will not gain it.`)
  steps.push(...commandSteps(ctx, least, kind, entry))
  return steps
}

function alternativeSteps(permissions: SchemePermissions, least: string, entry: AcceptedPermission | undefined): string[] {
  const steps: string[] = []
  if (entry !== undefined && entry.alsoRequires.length > 0) steps.push(`${least} works only together with one of: ${entry.alsoRequires.join(', ')}.`)
  const alternatives = closestAlternatives(permissions.accepted, least)
  if (alternatives.length > 0) steps.push(`Higher-privileged permissions that this call also accepts: ${alternatives.join(', ')}.`)
  return steps
}

function consentStep(ctx: AnalysisContext, least: string, kind: PermissionKind, entry: AcceptedPermission | undefined): string {
  const url = consentUrl(ctx)
  if (kind === 'application') return `Application permissions always need admin consent: a tenant admin opens ${url} (or Grant admin consent in the portal).`
  if (entry?.requiresAdminConsent === true) return `${least} needs admin consent: a tenant admin opens ${url} (or Grant admin consent in the portal).`
  if (entry?.requiresAdminConsent === false) return `${least} does not need admin consent: the user consents at the next interactive sign-in (unless the tenant restricts user consent; then an admin grants it at ${url}).`
  return `Grant consent: users can consent to low-privileged delegated scopes themselves; otherwise a tenant admin opens ${url}.`
}

function grantCommandsFor(ctx: AnalysisContext, least: string, kind: PermissionKind, entry: AcceptedPermission | undefined): GrantCommands {
  const id = entry?.id ?? ctx.permissions?.catalogue.permissionId(least, kind)
  return grantCommands({
    permission: least,
    kind,
    ...(id === undefined ? {} : { id }),
    ...(ctx.token?.tenantId === undefined ? {} : { tenantId: ctx.token.tenantId }),
    ...(ctx.token?.appId === undefined ? {} : { appId: ctx.token.appId }),
  })
}

/** The commands as steps: a line of prose, then one command per line (renderers show them as code). */
function commandSteps(ctx: AnalysisContext, least: string, kind: PermissionKind, entry: AcceptedPermission | undefined): string[] {
  const commands = grantCommandsFor(ctx, least, kind, entry)
  const steps: string[] = []
  if (commands.azureCli.length > 0) steps.push(['Azure CLI:', ...commands.azureCli].join('\n'))
  if (commands.powershell.length > 0) steps.push(['Microsoft Graph PowerShell:', ...commands.powershell].join('\n'))
  return steps
}

/** The scopes to request for a permission: the named scope (delegated) or `/.default` (application). */
export function scopesFor(ctx: AnalysisContext, permission: string, kind: PermissionKind): string[] {
  return [kind === 'application' ? defaultScope(ctx.cloud) : namedScope(ctx.cloud, permission)]
}

/** The admin-consent URL as an action: only when the app is known (a placeholder is no use to a tool). */
export function consentUrlAction(ctx: AnalysisContext, appId = ctx.token?.appId, tenant = ctx.token?.tenantId): Pick<FixActions, 'consentUrl'> {
  return appId !== undefined && GUID.test(appId) ? { consentUrl: adminConsentUrlFor(ctx.cloud, tenant, appId) } : {}
}

/** {@link permissionFixSteps} as data: consent URL, scopes to request, Azure CLI and PowerShell commands. */
export function permissionFixActions(ctx: AnalysisContext, permissions: SchemePermissions): FixActions {
  const least = permissions.leastPrivileged
  if (least === null) return {}
  const kind = kindOfScheme(permissions.scheme)
  const commands = grantCommandsFor(ctx, least, kind, permissions.accepted.find((item) => item.name === least))
  // A managed identity has no app registration for `az ad app permission` to change, and no consent.
  if (kind === 'application' && managedIdentityOf(ctx) !== undefined) return { scopes: scopesFor(ctx, least, kind), powershell: commands.powershell }
  return { ...consentUrlAction(ctx), scopes: scopesFor(ctx, least, kind), azCli: commands.azureCli, powershell: commands.powershell }
}

/**
 * Higher-privileged alternatives, the same family as the least-privileged one first (`User.Read.All`
 * after `User.ReadBasic.All`), then `Directory.*`, then the rest, each group in the catalogue's order.
 */
export function closestAlternatives(accepted: readonly AcceptedPermission[], least: string): string[] {
  const family = familyOf(least)
  const groupOf = (name: string): number => (familyOf(name) === family ? 0 : familyOf(name) === 'directory' ? 1 : 2)
  return accepted
    .filter((item) => item.name !== least)
    .map((item, index) => ({ name: item.name, group: groupOf(item.name), index }))
    .sort((a, b) => a.group - b.group || a.index - b.index)
    .slice(0, MAX_ALTERNATIVES)
    .map((item) => item.name)
}

function familyOf(name: string): string {
  return (name.split('.')[0] ?? name).toLowerCase()
}
