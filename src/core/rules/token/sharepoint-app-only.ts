import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Finding } from '../../types.js'
import { errorBodyEvidence, statusEvidence } from '../facts.js'

const UNSUPPORTED_APP_ONLY = /Unsupported app only token/i

/**
 * SharePoint REST (and CSOM, PnP) answers 401 "Unsupported app only token." to an app-only Entra ID token
 * the app got with a client secret: it takes app-only tokens from certificate credentials only
 * (pnp/powershell issues, learn.microsoft.com "Granting access via Microsoft Entra ID App-Only").
 */
export function isSharePointSecretToken(ctx: AnalysisContext): boolean {
  return ctx.area === 'sharepoint' && ctx.status === 401 && ctx.token?.kind === 'app-only' && UNSUPPORTED_APP_ONLY.test(ctx.exchange.response?.body ?? '')
}

export function sharePointSecretToken(ctx: AnalysisContext): Finding {
  const acr = ctx.token?.claims?.['appidacr'] ?? ctx.token?.claims?.['azpacr']
  const bySecret = acr === '1'
  const host = ctx.target?.host ?? '<tenant>.sharepoint.com'
  return makeFinding('token-type-mismatch', {
    detail: `SharePoint REST (${host}) refused the app-only token ("Unsupported app only token."): SharePoint accepts app-only tokens from Microsoft Entra ID only when the app signs in with a certificate${bySecret ? ', and this token was requested with a client secret (appidacr 1)' : ''}. Permissions and consent are not the problem.`,
    evidence: [
      ...(acr === undefined ? [] : [evidence('token', 'appidacr', String(acr), acr === '1' ? 'client secret' : acr === '2' ? 'certificate' : 'how the app authenticated')]),
      ...statusEvidence(ctx),
      ...errorBodyEvidence(ctx),
    ],
    fix: [
      `Add a certificate to the app registration (Certificates & secrets > Certificates) and request the token with it: MSAL with the certificate as client credential and the scope \`https://${host}/.default\`; PnP PowerShell \`Connect-PnPOnline -Url https://${host}/sites/<site> -ClientId <app-id> -Tenant <tenant>.onmicrosoft.com -CertificatePath <file.pfx>\`.`,
      'Or call the same data through Microsoft Graph (/sites/{site-id}/lists, /drives), which accepts client-secret tokens with the Sites.* application permissions.',
      'Do not move to SharePoint\'s legacy app-only model (ACS, AppRegNew.aspx): it is retired.',
    ],
  })
}
