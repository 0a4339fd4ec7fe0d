import type { AnalysisContext } from '../../context.js'
import { GRAPH_RESOURCE_APP_ID } from '../../permissions/grant-commands.js'

/**
 * For a Logic Apps or Power Automate HTTP action's failure: the token comes from the action's
 * Authentication setting, and with a managed identity the permission is an app role assignment
 * (a managed identity has no API permissions page and no delegated consent).
 */
export function logicAppsSteps(ctx: AnalysisContext, problem: 'no-token' | 'denied'): string[] {
  if (ctx.exchange.via !== 'logic-apps') return []
  if (problem === 'no-token') {
    return ['Set the HTTP action\'s Authentication: Managed identity with Audience https://graph.microsoft.com, or Active Directory OAuth (tenant, client ID, secret or certificate, Audience https://graph.microsoft.com). An Authorization header built by an expression that came out empty sends no token.']
  }
  const steps: string[] = []
  if (ctx.url === null || ctx.url === '') steps.push('The run history shows the action\'s inputs too: give graph-doctor the inputs and outputs together (Show raw inputs, Show raw outputs), so it can name the least-privileged permission of the URI.')
  const permission = ctx.permissions?.endpoint?.schemes.Application?.leastPrivileged ?? undefined
  const assignment = `$graph = Get-MgServicePrincipal -Filter "appId eq '${GRAPH_RESOURCE_APP_ID}'"; New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId <identity-object-id> -PrincipalId <identity-object-id> -ResourceId $graph.Id -AppRoleId ($graph.AppRoles | Where-Object Value -eq '${permission ?? '<permission>'}').Id`
  steps.push(`With a managed identity (Authentication type Managed identity), grant ${permission === undefined ? 'the application permission' : `the application permission ${permission}`} as an app role assignment, since a managed identity has no API permissions page (the identity's object id is on the Logic App's Identity page): \`${assignment}\`.`)
  steps.push('With Active Directory OAuth (Authentication type Active Directory OAuth: an app registration\'s secret or certificate), add the application permission to that app registration and grant admin consent.')
  return steps
}
