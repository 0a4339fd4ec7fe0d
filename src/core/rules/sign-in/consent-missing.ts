import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Finding } from '../../types.js'
import { claimEvidence, errorBodyEvidence, hasGraphCode, statusEvidence } from '../facts.js'
import { adminConsentUrlFor, defaultScope } from '../fix-text.js'
import { consentUrlAction } from '../authorization/permission-fix.js'
import { aadstsEvidence, aadstsLinks, aadstsFixes, classifyTokenError, requestClientId, requestTenant, tokenErrorEvidence } from './token-endpoint-class.js'
import type { Rule } from '../rule.js'
import { retiredClientOf } from './retired-clients.js'

/**
 * Consent is missing in the tenant: AADSTS65001, 65004, 90094 and kin at the token endpoint, or
 * Graph's 401 `Authorization_IdentityNotFound` (the app has no service principal or no consented
 * application permission there).
 */
export const consentMissing: Rule = {
  id: 'consent-missing',
  check(ctx) {
    if (classifyTokenError(ctx) === 'consent-missing') return [fromTokenEndpoint(ctx)]
    if (ctx.area === 'graph' && hasGraphCode(ctx, 'Authorization_IdentityNotFound')) return [fromGraph(ctx)]
    return []
  },
}

function fromTokenEndpoint(ctx: AnalysisContext): Finding {
  const tenant = requestTenant(ctx)
  const appId = requestClientId(ctx)
  const retired = retiredClientOf(appId)
  const url = adminConsentUrlFor(ctx.cloud, tenant, appId)
  const items = [...tokenErrorEvidence(ctx), ...aadstsEvidence(ctx)]
  if (appId !== undefined) items.push(evidence('request', 'client_id', appId))
  return makeFinding('consent-missing', {
    detail: retired?.detail ?? detailFor(ctx, tenant),
    evidence: items,
    links: aadstsLinks(ctx),
    fix: [...aadstsFixes(ctx), ...(retired === undefined ? consentSteps(ctx, url, tenant, appId) : [])],
    ...(firstPartyApp(ctx) || retired !== undefined ? {} : { actions: consentUrlAction(ctx, appId, tenant) }),
  })
}

function detailFor(ctx: AnalysisContext, tenant: string | undefined): string {
  const codes = ctx.tokenError?.codes ?? []
  if (firstPartyApp(ctx)) {
    return 'The request uses a Microsoft first-party client ID for a Microsoft API that has not pre-authorized it, so the token endpoint will not issue the token: no consent in the tenant can change that.'
  }
  if (codes.includes(650056) || codes.includes(650057)) {
    return 'The app asked for a permission or API that its app registration does not list, so there is nothing to consent to and the token endpoint will not issue the token.'
  }
  return `Nobody in this tenant has consented to the permissions the app asked for${tenant === undefined ? '' : ` (tenant ${tenant})`}, so the token endpoint will not issue the token.`
}

/** AADSTS65002: a Microsoft first-party client ID; no consent in the tenant can change that. */
function firstPartyApp(ctx: AnalysisContext): boolean {
  return ctx.tokenError?.codes.includes(65002) === true
}

/**
 * The consent steps that fit the codes: none for a first-party client ID (its own fix says to register
 * an app); the user's own consent only where a user may give it (65001 consent_required, 65004 declined).
 */
function consentSteps(ctx: AnalysisContext, url: string, tenant: string | undefined, appId: string | undefined): string[] {
  if (firstPartyApp(ctx)) return []
  const codes = ctx.tokenError?.codes ?? []
  const steps = [
    `A tenant admin grants consent once for everybody: open ${url}${tenant === undefined ? ' (replace `organizations` with the tenant id or domain)' : ''}${appId === undefined ? ' (replace <app-id> with the application (client) id)' : ''}, or use Entra admin center > Enterprise applications > the app > Permissions > Grant admin consent.`,
  ]
  if (codes.length === 0 || codes.includes(65001) || codes.includes(65004)) {
    steps.push('For delegated permissions that do not need an admin, let the user consent: send an interactive request (prompt=consent) with the scopes; with user consent disabled by policy, an admin must consent or approve an admin-consent request.')
  }
  return steps
}

function fromGraph(ctx: AnalysisContext): Finding {
  const token = ctx.token
  const url = adminConsentUrlFor(ctx.cloud, token?.tenantId, token?.appId)
  return makeFinding('consent-missing', {
    detail: 'Graph could not find the calling application in the token\'s tenant ("Authorization_IdentityNotFound"): the app has no service principal there, or no application permission was ever consented, typically a multi-tenant daemon used in a customer tenant before an admin consented.',
    evidence: [...claimEvidence(token, 'tid', 'tenant the token was issued for'), ...claimEvidence(token, 'appid'), ...claimEvidence(token, 'roles'), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [
      `Have an admin of that tenant grant consent: ${url}. This creates the service principal and grants the app's application permissions.`,
      'Check that the token was requested from the tenant-specific authority (https://login.microsoftonline.com/<tenant-id>), not your home tenant, and that the app registration is multi-tenant if the tenant is not yours.',
      'After consent, request a new token (client credentials, `https://graph.microsoft.com/.default`): only tokens issued after the consent carry the roles.',
    ],
    actions: { ...consentUrlAction(ctx), scopes: [defaultScope(ctx.cloud)] },
  })
}
