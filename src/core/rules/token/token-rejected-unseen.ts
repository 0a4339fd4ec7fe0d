import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Finding } from '../../types.js'
import { errorBodyEvidence, requestSubject, statusEvidence } from '../facts.js'
import { defaultScope, graphHost } from '../fix-text.js'

/** A Graph 401 whose input does not show the token: an SDK or app print-out, a logged response. */
export function isTokenUnseen(ctx: AnalysisContext): boolean {
  const request = ctx.exchange.request
  return request === undefined || (request.headersOmitted === true && ctx.auth.state === 'absent')
}

/**
 * Graph refused the call with 401 and no specific cause shows in its message, but the token is not in
 * the input: say so, give the usual causes by likelihood, and ask for what tells them apart (the token).
 */
export function unseenTokenFinding(ctx: AnalysisContext): Finding {
  const body = ctx.graphError
  const said = body === undefined || body.code === '' ? '' : body.message === '' ? ` ${body.code} with no message` : ` ${body.code} ("${body.message}")`
  return makeFinding('token-rejected', {
    detail: `${requestSubject(ctx)} was refused with 401${said}: Graph did not accept the access token it received (or received none). The token is not in the input, so graph-doctor cannot tell which cause applies; by likelihood: the token expired (about an hour) and was not refreshed, no token or an empty one was attached, the token was issued for another API (an ID token, or a token for Outlook, SharePoint or your own API), or it came from another cloud or an issuer Graph does not trust.`,
    evidence: [evidence('input', 'access token', 'not in the input', 'the token decides the cause of a 401'), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [
      'Decode the token the app sent (never paste it anywhere online): `graph-doctor token <token>`, or diagnose a capture that holds the Authorization header (a HAR, the output of curl -v, or the raw request): it names the cause from the token\'s aud, exp, iss, scp and roles.',
      `Acquire the token right before the call (MSAL \`acquireTokenSilent\`, which refreshes an expired token; interactive or client credentials when that fails) for Microsoft Graph (app-only: \`${defaultScope(ctx.cloud)}\`; signed-in user: the permission the call needs), and send the access token, not the ID token, as \`Authorization: Bearer <access token>\` to https://${graphHost(ctx.cloud)}.`,
      'Print the request-id and client-request-id response headers and the time of the call: Microsoft support needs them if the token turns out to be fresh and issued for Graph.',
    ],
  })
}
