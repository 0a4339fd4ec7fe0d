import type { Cloud } from '../target.js'

const graphHosts: Record<Cloud, string> = {
  global: 'graph.microsoft.com',
  'us-gov': 'graph.microsoft.us',
  'us-dod': 'dod-graph.microsoft.us',
  china: 'microsoftgraph.chinacloudapi.cn',
}

const loginHosts: Record<Cloud, string> = {
  global: 'login.microsoftonline.com',
  'us-gov': 'login.microsoftonline.us',
  'us-dod': 'login.microsoftonline.us',
  china: 'login.chinacloudapi.cn',
}

const cloudNames: Record<Cloud, string> = {
  global: 'the global cloud',
  'us-gov': 'US Government L4 (GCC High)',
  'us-dod': 'US Government L5 (DoD)',
  china: 'China (21Vianet)',
}

export function graphHost(cloud: Cloud): string {
  return graphHosts[cloud]
}

export function loginHost(cloud: Cloud): string {
  return loginHosts[cloud]
}

export function cloudName(cloud: Cloud): string {
  return cloudNames[cloud]
}

/** `https://graph.microsoft.us/.default` and so on: the scope for client credentials in that cloud. */
export function defaultScope(cloud: Cloud): string {
  return `https://${graphHosts[cloud]}/.default`
}

/** How to name a delegated scope in that cloud (the short form only works in the global cloud). */
export function namedScope(cloud: Cloud, permission: string): string {
  return cloud === 'global' ? permission : `https://${graphHosts[cloud]}/${permission}`
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The admin-consent URL of the cloud's identity platform; `organizations` when the tenant is unknown,
 * `<app-id>` when the app is unknown.
 */
export function adminConsentUrlFor(cloud: Cloud, tenant: string | undefined, appId: string | undefined): string {
  const tenantPart = tenant !== undefined && /^[A-Za-z0-9.-]+$/.test(tenant) && !isGenericTenant(tenant) ? tenant : 'organizations'
  const app = appId !== undefined && GUID.test(appId) ? appId : '<app-id>'
  return `https://${loginHosts[cloud]}/${tenantPart}/adminconsent?client_id=${app}`
}

export function isGenericTenant(tenant: string): boolean {
  return ['common', 'organizations', 'consumers'].includes(tenant.toLowerCase())
}

/** MSAL.js and .NET one-liners that pass a claims request and declare the cp1 capability. */
export function msalClaimsSamples(claimsJson: string): string[] {
  const quoted = JSON.stringify(claimsJson)
  return [
    'MSAL.js / MSAL Node: configure `auth: { clientId, authority, clientCapabilities: [\'CP1\'] }`, then ' +
      `\`const claims = ${quoted}; await pca.acquireTokenSilent({ scopes, account, claims }).catch(() => pca.acquireTokenPopup({ scopes, claims }))\`.`,
    'MSAL.NET: build the app with `.WithClientCapabilities(new[] { "cp1" })`, take the challenge with ' +
      '`WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders(response.Headers)`, then ' +
      '`app.AcquireTokenSilent(scopes, account).WithClaims(claims).ExecuteAsync()`; on `MsalUiRequiredException` call ' +
      '`app.AcquireTokenInteractive(scopes).WithClaims(claims).ExecuteAsync()`.',
  ]
}
