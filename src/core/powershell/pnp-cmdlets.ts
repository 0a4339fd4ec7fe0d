/**
 * PnP PowerShell cmdlets that call Microsoft Graph, and the call each makes (pnp/powershell's
 * src/Commands, the Graph-backed Entra ID, Microsoft 365 group and site permission cmdlets). Their
 * `AzureAD` names are the older spelling of `EntraID`. A PnP error names the cmdlet, never the URL.
 */

/** A PnP cmdlet's Graph call: the method and the path below the API version. */
export interface PnpCall {
  readonly method: string
  readonly path: string
}

const CALLS: Readonly<Record<string, PnpCall>> = {
  'Get-PnPEntraIDUser': { method: 'GET', path: '/users' },
  'Get-PnPEntraIDGroup': { method: 'GET', path: '/groups' },
  'Get-PnPEntraIDGroupMember': { method: 'GET', path: '/groups/{id}/members' },
  'Add-PnPEntraIDGroupMember': { method: 'POST', path: '/groups/{id}/members/$ref' },
  'Get-PnPEntraIDApp': { method: 'GET', path: '/applications' },
  'Get-PnPEntraIDServicePrincipal': { method: 'GET', path: '/servicePrincipals' },
  'Get-PnPEntraIDAppSitePermission': { method: 'GET', path: '/sites/{id}/permissions' },
  'Grant-PnPEntraIDAppSitePermission': { method: 'POST', path: '/sites/{id}/permissions' },
  'Set-PnPEntraIDAppSitePermission': { method: 'PATCH', path: '/sites/{id}/permissions/{id}' },
  'Revoke-PnPEntraIDAppSitePermission': { method: 'DELETE', path: '/sites/{id}/permissions/{id}' },
  'Get-PnPMicrosoft365Group': { method: 'GET', path: '/groups' },
  'New-PnPMicrosoft365Group': { method: 'POST', path: '/groups' },
  'Remove-PnPMicrosoft365Group': { method: 'DELETE', path: '/groups/{id}' },
  'Get-PnPMicrosoft365GroupMember': { method: 'GET', path: '/groups/{id}/members' },
  'Add-PnPMicrosoft365GroupMember': { method: 'POST', path: '/groups/{id}/members/$ref' },
  'Remove-PnPMicrosoft365GroupMember': { method: 'DELETE', path: '/groups/{id}/members/{id}/$ref' },
  'Get-PnPMicrosoft365GroupOwner': { method: 'GET', path: '/groups/{id}/owners' },
  'Add-PnPMicrosoft365GroupOwner': { method: 'POST', path: '/groups/{id}/owners/$ref' },
  'Remove-PnPMicrosoft365GroupOwner': { method: 'DELETE', path: '/groups/{id}/owners/{id}/$ref' },
}

/** `Grant-PnPAzureADAppSitePermission` at a line's start or after PowerShell's `+ ` / `| `, before `:` or a parameter. */
const PNP_CMDLET = /(?<![A-Za-z-])([A-Z][a-z]{1,15})-PnP(AzureAD|EntraID)?([A-Z][A-Za-z0-9]{1,80})(?![A-Za-z0-9-])/g

/**
 * The Graph call of the first Graph-backed PnP cmdlet a text names, with the name as written.
 *
 * @example
 * pnpCmdletCall('Get-PnPAzureADUser: Forbidden (403): …') // { name: 'Get-PnPAzureADUser', method: 'GET', path: '/users' }
 */
export function pnpCmdletCall(text: string): (PnpCall & { readonly name: string }) | undefined {
  const head = text.length > 65_536 ? text.slice(0, 65_536) : text
  for (const match of head.matchAll(PNP_CMDLET)) {
    const [name, verb = '', entra, noun = ''] = match
    // `AzureAD` is the older spelling of `EntraID`: one table for both.
    const key = `${verb}-PnP${entra === undefined ? '' : 'EntraID'}${noun}`
    const call = Object.hasOwn(CALLS, key) ? CALLS[key] : undefined
    if (call !== undefined) return { name, ...call }
  }
  return undefined
}
