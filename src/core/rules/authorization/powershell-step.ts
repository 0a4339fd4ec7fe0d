import type { AnalysisContext } from '../../context.js'

/**
 * For a Microsoft Graph PowerShell error whose call is known but whose token is not: how to see the
 * session's permissions and reconnect with the least-privileged one (the cmdlets sign in with delegated
 * scopes unless connected app-only; microsoftgraph/msgraph-sdk-powershell#92).
 */
export function powerShellStep(ctx: AnalysisContext): string[] {
  const endpoint = ctx.permissions?.endpoint
  if (ctx.exchange.format !== 'powershell-error' || ctx.token !== undefined || endpoint === undefined) return []
  const delegated = endpoint.schemes.DelegatedWork?.leastPrivileged
  const application = endpoint.schemes.Application?.leastPrivileged
  const steps: string[] = []
  const check = '`(Get-MgContext).Scopes` lists the permissions of the session (`AuthType` says Delegated or AppOnly).'
  if (delegated !== undefined && delegated !== null) {
    steps.push(`Microsoft Graph PowerShell, signed in as a user: ${check} Reconnect with the permission and consent to it: \`Disconnect-MgGraph; Connect-MgGraph -Scopes '${delegated}'\`.`)
  }
  if (application !== undefined && application !== null) {
    steps.push(`Connected app-only (certificate, secret or managed identity): add the application permission ${application} to the app registration, grant admin consent, then disconnect and connect again so the new token carries it.`)
  }
  return steps
}
