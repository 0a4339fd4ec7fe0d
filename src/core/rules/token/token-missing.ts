import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Evidence, Finding } from '../../types.js'
import { errorBodyEvidence, graphMessage, isApiCall, isDenied, isHeaderStrippedFromCapture, statusEvidence } from '../facts.js'
import { graphHost } from '../fix-text.js'
import type { Rule } from '../rule.js'
import { logicAppsSteps } from '../authorization/logic-apps-step.js'

/** No Authorization header, an empty or placeholder Bearer, or Graph said "Access token is empty.". */
export const tokenMissing: Rule = {
  id: 'token-missing',
  check(ctx) {
    if (!isApiCall(ctx)) return []
    const saidEmpty = /access token is empty/i.test(graphMessage(ctx))
    // A bare error body has no request: nothing is known about its Authorization header.
    // A pasted SDK error may show the URL but never the headers: nothing is known about the token then.
    const request = ctx.exchange.request
    const isMissing = request !== undefined && request.headersOmitted !== true && (ctx.auth.state === 'absent' || ctx.auth.state === 'empty')
    if (!saidEmpty && !(isMissing && isDenied(ctx) && !isHeaderStrippedFromCapture(ctx))) return []
    return [finding(ctx)]
  },
}

function finding(ctx: AnalysisContext): Finding {
  const host = ctx.target?.host ?? graphHost(ctx.cloud)
  return makeFinding('token-missing', {
    detail: detail(ctx),
    evidence: [headerEvidence(ctx), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: ctx.exchange.via === 'logic-apps' ? logicAppsSteps(ctx, 'no-token') : [
      'Acquire the token with MSAL (acquireTokenSilent first, interactive or client credentials when that fails) and send it on every request as `Authorization: Bearer <access token>`.',
      'With a Microsoft Graph SDK, give the client a credential or authentication provider (e.g. `new GraphServiceClient(credential, scopes)`) and let the SDK attach the token; do not build the header yourself.',
      `Custom or national-cloud host pitfall: the SDK's authentication provider attaches tokens only to hosts in its allowed-hosts list. For ${host}, add the host (JS: \`new AzureIdentityAuthenticationProvider(credential, scopes, undefined, ['${host}'])\`; .NET: pass the base URL \`https://${host}/v1.0\` to the GraphServiceClient constructor). Otherwise the SDK sends an empty bearer and Graph answers "Access token is empty."`,
      ...placeholderFix(ctx),
    ],
  })
}

function detail(ctx: AnalysisContext): string {
  if (ctx.auth.state === 'empty') {
    return `The Authorization header has no usable token (${ctx.auth.problem}), so Graph cannot tell who is calling.`
  }
  if (ctx.auth.state === 'absent' && ctx.exchange.request?.headersOmitted !== true) {
    const note = ctx.exchange.format === 'har'
      ? ' (If this HAR was exported with a browser\'s "sanitized" export, the header may have been removed from the capture: the response still says what Graph received.)'
      : ''
    return `The request carries no Authorization header, so the call is anonymous and Graph rejects it.${note}`
  }
  return 'Graph received an Authorization header without a token in it ("Access token is empty."): the header was sent but its value was empty when the request left the client.'
}

function headerEvidence(ctx: AnalysisContext): Evidence {
  if (ctx.auth.state === 'absent') return evidence('header', 'Authorization', '(absent)')
  if (ctx.auth.state === 'empty') return evidence('header', 'Authorization', `${ctx.auth.scheme} (no token)`, ctx.auth.problem)
  return evidence('header', 'Authorization', `${ctx.auth.scheme} (${ctx.auth.token.length} chars)`)
}

function placeholderFix(ctx: AnalysisContext): string[] {
  if (ctx.auth.state !== 'empty') return []
  return [
    'A placeholder such as "undefined" or "null" means the header was built before the token existed: await the token acquisition before sending the request.',
  ]
}
