import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Cloud } from '../../target.js'
import type { TokenAnalysis } from '../../token/types.js'
import type { Evidence, Finding } from '../../types.js'
import { claimEvidence, errorBodyEvidence, graphMessage, isApiCall, isSuccess, statusEvidence } from '../facts.js'
import { cloudName, defaultScope, graphHost, loginHost, namedScope } from '../fix-text.js'
import type { Rule } from '../rule.js'

const INVALID_AUDIENCE = /invalid audience|access token validation failure/i

/** The token was minted for another API (or another cloud), or a Graph token went to SharePoint or Outlook REST. */
export const tokenWrongAudience: Rule = {
  id: 'token-wrong-audience',
  check(ctx) {
    if (!isApiCall(ctx) || isSuccess(ctx)) return []
    const reason = mismatchOf(ctx)
    if (reason !== undefined) return [finding(ctx, reason)]
    if (ctx.area === 'graph' && ctx.token === undefined && /invalid audience/i.test(graphMessage(ctx))) {
      return [finding(ctx, 'Graph reported "Invalid audience": the token was issued for another API.')]
    }
    return []
  },
}

/** Why the token's audience does not fit the target, or undefined when it does (or cannot be told). */
function mismatchOf(ctx: AnalysisContext): string | undefined {
  const token = ctx.token
  if (token === undefined || token.form !== 'jwt') return undefined
  if (token.isIdToken) return 'an ID token was sent as a bearer token: ID tokens prove a sign-in to the app itself and are never accepted by an API.'
  const audience = token.audience
  if (audience === undefined) return undefined
  if (ctx.area === 'graph') {
    if (audience.kind !== 'graph') {
      const named = audience.name.includes(audience.value) ? audience.name : `${audience.name} (${audience.value})`
      return `the token's audience is ${named}, not Microsoft Graph.`
    }
    if (audience.cloud !== undefined && audience.cloud !== ctx.cloud) {
      return `the token was issued for Microsoft Graph in ${cloudName(audience.cloud)}, but the request went to ${cloudName(ctx.cloud)} (${graphHost(ctx.cloud)}); tokens never cross clouds.`
    }
    return undefined
  }
  if (ctx.area === 'sharepoint' && audience.kind !== 'sharepoint') return `a token for ${audience.name} was sent to SharePoint REST (${ctx.target?.host ?? ''}), which accepts only SharePoint tokens.`
  if (ctx.area === 'outlook' && audience.kind !== 'exchange') return `a token for ${audience.name} was sent to Outlook REST, which accepts only Exchange Online tokens.`
  return undefined
}

function finding(ctx: AnalysisContext, reason: string): Finding {
  const statusNote = ctx.area === 'graph' && ctx.status === 403
    ? ''
    : ' (The 2021 troubleshooting article says a wrong audience gives 403; today Graph answers 401 InvalidAuthenticationToken "Access token validation failure. Invalid audience.")'
  return makeFinding('token-wrong-audience', {
    detail: `${ctx.url === null || ctx.url === '' ? 'The call' : `${ctx.method ?? 'GET'} ${ctx.url}`}: ${reason}${ctx.area === 'graph' ? statusNote : ''}`,
    evidence: [...audienceEvidence(ctx.token), ...statusEvidence(ctx), ...errorBodyEvidence(ctx), ...messageEvidence(ctx)],
    fix: fixesFor(ctx),
    // Only an app-only token has one right scope to name; a delegated one needs the call's own scopes.
    ...(ctx.area === 'graph' && ctx.token?.kind === 'app-only' ? { actions: { scopes: [defaultScope(ctx.cloud)] } } : {}),
  })
}

function audienceEvidence(token: TokenAnalysis | undefined): Evidence[] {
  if (token === undefined) return []
  const items = claimEvidence(token, 'aud', token.audience?.name)
  if (token.isIdToken) items.push(evidence('token', 'kind', 'ID token', 'no scp or roles; aud is the client app itself'))
  items.push(...claimEvidence(token, 'iss'))
  return items
}

function messageEvidence(ctx: AnalysisContext): Evidence[] {
  if (ctx.graphError !== undefined || !INVALID_AUDIENCE.test(graphMessage(ctx))) return []
  return [evidence('body', 'message', graphMessage(ctx))]
}

function fixesFor(ctx: AnalysisContext): string[] {
  if (ctx.area === 'sharepoint') {
    return [
      `Acquire a separate token for SharePoint: scope \`https://${ctx.target?.host ?? '<tenant>.sharepoint.com'}/.default\` (or a named SharePoint scope such as \`https://${ctx.target?.host ?? '<tenant>.sharepoint.com'}/AllSites.Read\`), or call the same data through Microsoft Graph (/sites, /drives) with your Graph token.`,
    ]
  }
  if (ctx.area === 'outlook') {
    return [
      'Outlook REST (outlook.office.com/api) is retired: call the same data through Microsoft Graph (/me/messages, /me/events …) with a Graph token.',
      'If you must call an Exchange endpoint, acquire a token for `https://outlook.office365.com/.default`.',
    ]
  }
  return graphFixes(ctx.cloud, ctx.token)
}

function graphFixes(cloud: Cloud, token: TokenAnalysis | undefined): string[] {
  const request = `Request a token for Microsoft Graph in ${cloudName(cloud)}: with client credentials use the scope \`${defaultScope(cloud)}\`; for a signed-in user request named Graph scopes such as \`${namedScope(cloud, 'User.Read')}\`.`
  const tokenCloud = token?.audience?.cloud
  // A Graph token of another cloud: either side may be the wrong one; the ID-token and one-API steps do not apply.
  if (tokenCloud !== undefined && tokenCloud !== cloud) {
    return [
      request,
      `Or, if the tenant lives in ${cloudName(tokenCloud)}, keep the token and send the call to https://${graphHost(tokenCloud)} instead of ${graphHost(cloud)} (with a Graph SDK, set its base URL or national cloud).`,
      ...(cloud === 'global' ? [] : [cloudAuthorityStep(cloud)]),
    ]
  }
  const fixes = [
    request,
    'Send the access token from the token response (MSAL: `result.accessToken`), not the ID token (`result.idToken`).',
    'Use one token per API: a token for your own API (api://…), Azure AD Graph (graph.windows.net), Outlook or SharePoint is never accepted by Microsoft Graph, and scopes of two resources cannot be mixed in one request (AADSTS700022).',
  ]
  if (token?.audience?.kind === 'aad-graph') fixes.push('Azure AD Graph is retired: move the calls to Microsoft Graph and request Graph permissions instead of Azure AD Graph ones.')
  if (cloud !== 'global') fixes.push(cloudAuthorityStep(cloud))
  return fixes
}

function cloudAuthorityStep(cloud: Cloud): string {
  return `Sign in through the ${cloudName(cloud)} authority and pass the cloud to MSAL (for example \`authority: 'https://${loginHost(cloud)}/<tenant>'\`); a token from the global cloud does not work against ${graphHost(cloud)}.`
}
