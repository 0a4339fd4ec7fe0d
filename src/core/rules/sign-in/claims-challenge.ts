import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Evidence, Finding } from '../../types.js'
import { errorBodyEvidence, graphMessage, isApiCall, listOrNone, statusEvidence } from '../facts.js'
import { msalClaimsSamples } from '../fix-text.js'
import type { Rule } from '../rule.js'

const CHALLENGE_EXCEPTION = /ClaimsChallengeRequiredException/i

/**
 * A 401 or 403 whose WWW-Authenticate says `error="insufficient_claims"` (continuous access
 * evaluation or a Conditional Access authentication context). A WWW-Authenticate without `error`,
 * as every expired-token 401 carries, is not a challenge.
 */
export const claimsChallenge: Rule = {
  id: 'claims-challenge',
  check(ctx) {
    if (!isApiCall(ctx) || (ctx.status !== 401 && ctx.status !== 403)) return []
    if (ctx.claimsChallenge === undefined && !CHALLENGE_EXCEPTION.test(graphMessage(ctx))) return []
    return [finding(ctx)]
  },
}

function finding(ctx: AnalysisContext): Finding {
  const claims = ctx.claimsChallenge?.claims?.json
  const capabilities = ctx.token?.clientCapabilities ?? []
  const hasCp1 = capabilities.some((value) => value.toLowerCase() === 'cp1')
  const items: Evidence[] = []
  const challenge = ctx.claimsChallenge?.challenge
  if (challenge !== undefined) {
    items.push(evidence('header', 'WWW-Authenticate error', challenge.params['error'] ?? 'insufficient_claims'))
    const description = challenge.params['errordescription'] ?? challenge.params['error_description']
    if (description !== undefined) items.push(evidence('header', 'WWW-Authenticate errorDescription', description))
  }
  if (claims !== undefined) items.push(evidence('header', 'WWW-Authenticate claims (decoded)', claims, meaningOf(claims)))
  if (ctx.token !== undefined) items.push(evidence('token', 'xms_cc', listOrNone(capabilities), hasCp1 ? 'the client declared cp1' : 'cp1 missing: the client did not declare that it handles claims challenges'))
  const acrs = ctx.token?.authContexts ?? []
  if (acrs.length > 0) items.push(evidence('token', 'acrs', acrs.join(' ')))
  return makeFinding('claims-challenge', {
    detail: detailOf(claims, ctx.status),
    evidence: [...items, ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: fixesOf(claims, hasCp1),
  })
}

function detailOf(claims: string | undefined, status: number | null): string {
  const statusNote = status === 403 ? ' (The 2021 article describes it as a 403; the claims-challenge protocol and continuous access evaluation use 401, and both occur.)' : ''
  const what = claims === undefined
    ? 'Graph answered with a claims challenge but the claims value could not be read from the header.'
    : `Graph refused the token and asked for a new one that satisfies the claims request ${claims}.`
  return `${what} A Conditional Access policy (authentication context, MFA, device) or continuous access evaluation (revoked session, new location, changed password) requires the user to sign in again.${statusNote}`
}

function meaningOf(claims: string): string | undefined {
  if (/"nbf"/.test(claims)) return 'continuous access evaluation: a token issued after the given time is required (session revoked or policy changed)'
  if (/"acrs"/.test(claims)) return 'Conditional Access authentication context: the user must satisfy an extra policy step (for example MFA)'
  return undefined
}

function fixesOf(claims: string | undefined, hasCp1: boolean): string[] {
  const fixes = [
    'Read the `claims` value of the WWW-Authenticate header, base64-decode it, drop the cached token, and request a new token with that claims request: silently first, interactively when MSAL says interaction is required. Then repeat the call.',
    ...msalClaimsSamples(claims ?? '<decoded claims>'),
  ]
  if (!hasCp1) {
    fixes.push('Declare the `cp1` client capability (`clientCapabilities: [\'CP1\']` / `.WithClientCapabilities(new[] { "cp1" })`) so the identity platform issues CAE-aware tokens and Graph knows the app handles challenges.')
  }
  fixes.push('With a Graph SDK, catch the 401, take the challenge with the SDK\'s or MSAL\'s helper (MSAL.NET `WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders`), and retry once with the new token.')
  return fixes
}
