import type { PermissionKind } from './types.js'

/** The appId of the Microsoft Graph service principal in every tenant. */
export const GRAPH_RESOURCE_APP_ID = '00000003-0000-0000-c000-000000000000'

export interface GrantCommandsInput {
  /** Permission name as it appears in `scp`/`roles`, e.g. `Mail.Read`. */
  readonly permission: string
  readonly kind: PermissionKind
  /** Scope or app-role GUID from the permission data. Never guessed. */
  readonly id?: string
  /** Tenant of the token (`tid`); `organizations` is used when unknown. */
  readonly tenantId?: string
  /** Client id of the app that needs the permission (`appid`/`azp`). */
  readonly appId?: string
}

export interface GrantCommands {
  /** Admin-consent URL for the tenant and app; absent when the app id is unknown. */
  readonly adminConsentUrl?: string
  /** Azure CLI commands, one per line, in the order to run them. */
  readonly azureCli: readonly string[]
  /** Microsoft Graph PowerShell lines, in the order to run them. */
  readonly powershell: readonly string[]
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Names and ids end up inside shell and PowerShell quotes: allow only the characters real ones use. */
const SAFE_NAME = /^[A-Za-z0-9._-]+$/

/**
 * The commands that add a Microsoft Graph permission to an app and grant (admin) consent for it.
 * Unknown values become placeholders such as `<app-id>`; a GUID is emitted only when the data gave one.
 *
 * @example
 * grantCommands({ permission: 'Mail.Read', kind: 'application', id: '810c84a8-4a9e-49e6-bf7d-12d183f40d01', appId: APP })
 * // azureCli[0] === `az ad app permission add --id ${APP} --api 00000003-… --api-permissions 810c84a8-…=Role`
 */
export function grantCommands(input: GrantCommandsInput): GrantCommands {
  const app = input.appId !== undefined && GUID.test(input.appId) ? input.appId : undefined
  const permission = SAFE_NAME.test(input.permission) ? input.permission : '<permission-name>'
  const id = input.id !== undefined && GUID.test(input.id) ? input.id.toLowerCase() : undefined
  const commands = {
    azureCli: azureCliCommands(permission, input.kind, id, app ?? '<app-id>'),
    powershell: powershellCommands(permission, input.kind, id, app ?? '<app-id>'),
  }
  if (app === undefined) return commands
  return { adminConsentUrl: adminConsentUrl(app, input.tenantId), ...commands }
}

/**
 * `https://login.microsoftonline.com/{tenant}/adminconsent?client_id={appId}`; the tenant is
 * `organizations` when unknown (the admin then signs in to their own tenant).
 */
export function adminConsentUrl(appId: string, tenantId?: string): string {
  const tenant = tenantId !== undefined && (GUID.test(tenantId) || /^[A-Za-z0-9.-]+$/.test(tenantId)) ? tenantId : 'organizations'
  return `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/adminconsent?client_id=${encodeURIComponent(appId)}`
}

function azureCliCommands(permission: string, kind: PermissionKind, id: string | undefined, app: string): string[] {
  const type = kind === 'application' ? 'Role' : 'Scope'
  const lines: string[] = []
  if (id === undefined) {
    const list = kind === 'application' ? 'appRoles' : 'oauth2PermissionScopes'
    lines.push(`az ad sp show --id ${GRAPH_RESOURCE_APP_ID} --query "${list}[?value=='${permission}'].id" --output tsv`)
  }
  const permissionId = id ?? '<id-printed-above>'
  lines.push(`az ad app permission add --id ${app} --api ${GRAPH_RESOURCE_APP_ID} --api-permissions ${permissionId}=${type}`)
  lines.push(
    kind === 'application'
      ? `az ad app permission admin-consent --id ${app}`
      : `az ad app permission grant --id ${app} --api ${GRAPH_RESOURCE_APP_ID} --scope ${permission}`,
  )
  return lines
}

function powershellCommands(permission: string, kind: PermissionKind, id: string | undefined, app: string): string[] {
  const common = [
    `$sp = Get-MgServicePrincipal -Filter "appId eq '${app}'"`,
    `$graph = Get-MgServicePrincipal -Filter "appId eq '${GRAPH_RESOURCE_APP_ID}'"`,
  ]
  if (kind === 'application') {
    const roleId = id !== undefined ? `'${id}'` : `($graph.AppRoles | Where-Object Value -eq '${permission}').Id`
    return [
      `Connect-MgGraph -Scopes 'Application.Read.All','AppRoleAssignment.ReadWrite.All'`,
      ...common,
      `New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -PrincipalId $sp.Id -ResourceId $graph.Id -AppRoleId ${roleId}`,
    ]
  }
  return [
    `Connect-MgGraph -Scopes 'Application.Read.All','DelegatedPermissionGrant.ReadWrite.All'`,
    ...common,
    // One grant exists per (client, resource): extend it when present, create it otherwise.
    `$grant = Get-MgOauth2PermissionGrant -Filter "clientId eq '$($sp.Id)' and resourceId eq '$($graph.Id)' and consentType eq 'AllPrincipals'"`,
    `if ($grant) { Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId $grant.Id -Scope "$($grant.Scope) ${permission}" } else { New-MgOauth2PermissionGrant -ClientId $sp.Id -ConsentType 'AllPrincipals' -ResourceId $graph.Id -Scope '${permission}' }`,
  ]
}
