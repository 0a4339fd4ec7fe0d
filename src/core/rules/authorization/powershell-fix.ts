/**
 * A Graph PowerShell cmdlet's 403: the session's permissions come from `Connect-MgGraph -Scopes` when
 * a user signed in, and from the app registration's consented application permissions when the app
 * signed in on its own (certificate, secret, managed identity), where `-Scopes` does nothing.
 */
import type { AnalysisContext } from '../../context.js'
import { evidence } from '../../finding.js'
import type { Evidence } from '../../types.js'

/** The steps for a PowerShell session, with the endpoint's least-privileged permissions when known. */
export function powerShellSteps(ctx: AnalysisContext): string[] {
  if (ctx.exchange.format !== 'powershell-error') return []
  const endpoint = ctx.permissions?.endpoint
  const delegated = endpoint?.schemes.DelegatedWork?.leastPrivileged ?? undefined
  const application = endpoint?.schemes.Application?.leastPrivileged ?? undefined
  const check = '`(Get-MgContext).Scopes` lists what the session holds and `(Get-MgContext).AuthType` whether a user or the app signed in.'
  const asUser = delegated === undefined
    ? 'Signed in as a user: disconnect, then connect again with the permission the API reference lists, `Connect-MgGraph -Scopes \'<permission>\'`, and run the cmdlet again (an admin consents once when the permission needs it).'
    : `Signed in as a user: \`Disconnect-MgGraph\`, then \`Connect-MgGraph -Scopes '${delegated}'\` and run the cmdlet again (an admin consents once when the permission needs it).`
  const asApp = `Signed in as the app (\`-ClientId\` with \`-CertificateThumbprint\`, a client secret credential or \`-Identity\`): \`-Scopes\` does nothing; grant the application permission ${application ?? 'the API reference lists'} to the app registration, have an admin consent, and connect again.`
  return [`${check} ${asUser}`, asApp]
}

/** The cmdlet the call was taken from, when the input showed no request. */
export function cmdletEvidence(ctx: AnalysisContext): Evidence[] {
  const cmdlet = ctx.exchange.cmdlet
  const request = ctx.exchange.request
  if (cmdlet === undefined || request?.fromCmdlet === undefined) return []
  const named = cmdlet.parameterSet === undefined ? cmdlet.name : `${cmdlet.name}_${cmdlet.parameterSet}`
  return [evidence('input', 'cmdlet', named, `no request in the input: taken as the call this cmdlet makes, ${request.method} ${request.url.replace(/^https:\/\/[^/]+/, '')}`)]
}
