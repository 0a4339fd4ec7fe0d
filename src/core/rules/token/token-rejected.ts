import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { TokenAnalysis } from '../../token/types.js'
import type { Evidence, Finding } from '../../types.js'
import { claimEvidence, errorBodyEvidence, graphMessage, isoTime, statusEvidence, timeSourceNote } from '../facts.js'
import { cloudName, loginHost, namedScope } from '../fix-text.js'
import type { Rule } from '../rule.js'
import { suspicionsOf } from './token-rejected-suspicions.js'
import { isTokenUnseen, unseenTokenFinding } from './token-rejected-unseen.js'

/**
 * Graph answered 401 to a JWT whose form, audience and lifetime look right ("Access token validation
 * failure", "Invalid signature", IDX14100, "Signing key is invalid", "Invalid issuer" …). graph-doctor
 * cannot check signatures offline (Graph tokens carry a header nonce only Graph can verify), so this is
 * the fallback when Graph refuses a token and no specific token finding applies: those supersede it
 * (`dropSuperseded`).
 */
export const tokenRejected: Rule = {
  id: 'token-rejected',
  check(ctx) {
    if (ctx.area !== 'graph' || ctx.status !== 401) return []
    if (isTokenUnseen(ctx)) return [unseenTokenFinding(ctx)]
    if (ctx.auth.state !== 'present') return []
    const token = ctx.token
    if (token?.form === 'opaque') return [opaqueFinding(ctx, token)]
    if (token?.form !== 'jwt') return []
    return [finding(ctx, token)]
  },
}

/**
 * An opaque token (a personal Microsoft account's, or an encrypted one) refused with 401 where the
 * account type is not the problem (token-personal-account supersedes this otherwise): the token
 * itself was refused, expired or invalid, and its claims cannot be read to tell which.
 */
function opaqueFinding(ctx: AnalysisContext, token: TokenAnalysis): Finding {
  const endpoint = ctx.permissions?.endpoint
  const supported = endpoint?.schemes.DelegatedPersonal
  const support = supported === undefined
    ? ''
    : ` ${endpoint?.method ?? ''} ${endpoint?.template ?? ''} supports personal Microsoft accounts (least privileged: ${supported.leastPrivileged ?? 'none listed'}), so the account type is not the problem.`
  return makeFinding('token-rejected', {
    detail: `Graph refused the opaque token with 401${codeOf(ctx)}.${support} The token itself was refused: most often it expired (personal-account tokens last about an hour, and an opaque token's lifetime cannot be read here), or it was revoked, truncated, or issued for another resource.`,
    evidence: [evidence('token', 'form', `opaque (not a JWT, ${token.length} chars)`, 'claims cannot be read'), ...statusEvidence(ctx), ...errorBodyEvidence(ctx), ...supportEvidence(ctx)],
    fix: [
      'Acquire a fresh token right before the call (MSAL `acquireTokenSilent`, which refreshes an expired token; interactive sign-in when that fails) and send it unchanged.',
      `Request it for Microsoft Graph with the scope the call needs${supported?.leastPrivileged === undefined || supported.leastPrivileged === null ? '' : ` (\`${namedScope(ctx.cloud, supported.leastPrivileged)}\`)`}, through the \`consumers\` or \`common\` authority for a personal account.`,
      supportStep(ctx),
    ],
  })
}

function finding(ctx: AnalysisContext, token: TokenAnalysis): Finding {
  const suspicions = suspicionsOf(ctx, token)
  const found = suspicions.length === 0
    ? 'Nothing in its claims or header looks wrong, so the cause is in what only Graph can check: the signature, or the token was changed on its way.'
    : `What looks wrong: ${suspicions.map((item) => item.reason).join('; ')}.`
  return makeFinding('token-rejected', {
    detail: `Graph refused the token with 401${codeOf(ctx)}. ${meaningOf(graphMessage(ctx))} ${found} graph-doctor decodes tokens but cannot check their signature offline, by design (Graph tokens carry a header nonce, so only Graph can verify them); this finding is raised when Graph refuses a token and none of the specific causes (missing, malformed, expired, wrong audience, personal account, claims challenge, token type) applies.`,
    evidence: [...statusEvidence(ctx), ...errorBodyEvidence(ctx), ...supportEvidence(ctx), ...checkedEvidence(ctx, token), ...suspicions.map((item) => item.evidence)],
    fix: fixesFor(ctx),
  })
}

function codeOf(ctx: AnalysisContext): string {
  const body = ctx.graphError
  if (body === undefined) return ''
  return body.message === '' ? ` ${body.code}` : ` ${body.code} ("${body.message}")`
}

/** What Graph's message says about the refusal, in plain words. */
function meaningOf(message: string): string {
  if (/signing key/i.test(message)) return 'The key that signed the token is not one Graph trusts for this cloud: the token came from another cloud, B2C, AD FS or a test issuer, or was re-signed.'
  if (/IDX14100|not well formed/i.test(message)) return 'Graph could not read the JWT even though it decodes here: the string was changed on its way (re-encoded, URL- or HTML-escaped, a character or part altered).'
  if (/signature/i.test(message)) return 'Graph could not verify the signature: the token was changed after it was issued (decoded and re-encoded, claims edited, re-signed) or was not signed by the Microsoft identity platform.'
  if (/issuer/i.test(message)) return 'Graph does not trust the issuer (iss): the token was issued by another cloud, another kind of authority (B2C, AD FS) or edited.'
  return 'The token decodes and its audience and lifetime look right, yet Graph did not accept it.'
}

/** client-request-id and date of the Graph error (errorBodyEvidence already shows request-id). */
function supportEvidence(ctx: AnalysisContext): Evidence[] {
  const body = ctx.graphError
  const items: Evidence[] = []
  if (body?.clientRequestId !== undefined) items.push(evidence('body', 'error.innerError.client-request-id', body.clientRequestId, 'quote this to Microsoft support'))
  if (body?.date !== undefined) items.push(evidence('body', 'error.innerError.date', body.date, 'server time of the failure'))
  return items
}

/** The claims graph-doctor checked and found plausible, and the header facts it can see. */
function checkedEvidence(ctx: AnalysisContext, token: TokenAnalysis): Evidence[] {
  const items = [...claimEvidence(token, 'aud', token.audience?.name), ...claimEvidence(token, 'iss'), ...claimEvidence(token, 'tid')]
  if (token.expiresAt !== undefined) {
    items.push(evidence('token', 'exp', isoTime(token.expiresAt), `valid at the exchange time ${ctx.at.toISOString()} (${timeSourceNote(ctx)})`))
  }
  items.push(...claimEvidence(token, 'ver'))
  const alg = token.header?.['alg']
  if (typeof alg === 'string') items.push(evidence('token', 'header.alg', alg))
  if (token.header?.['nonce'] !== undefined) items.push(evidence('token', 'header.nonce', 'present', 'only Graph can verify the signature of such a token'))
  if (token.signatureLength !== undefined) items.push(evidence('token', 'signature', `${token.signatureLength} chars`, 'not shown, not verifiable offline'))
  return items
}

function fixesFor(ctx: AnalysisContext): string[] {
  const cloud = ctx.cloud
  return [
    'Send the token exactly as MSAL or Azure Identity returned it (`result.accessToken` / `getToken().token`): do not decode and re-encode it, trim or escape it, or "validate" it and rebuild it. Graph tokens carry a header nonce, so their signature can only be checked by Graph: never verify a Graph token yourself; validate only tokens issued for your own API.',
    `Acquire the token from the authority of the request's cloud and tenant: \`https://${loginHost(cloud)}/<tenant-id>\` for Graph in ${cloudName(cloud)} (global: login.microsoftonline.com; US Government: login.microsoftonline.us; China: login.chinacloudapi.cn), for the tenant that owns the data.`,
    'Azure AD B2C user-flow tokens and AD FS tokens are not accepted by Microsoft Graph: call Graph with an Entra ID token (client credentials of an app registered in the tenant, or MSAL against login.microsoftonline.com for the signed-in user; federated users still get their Graph token from Entra ID, not from AD FS).',
    supportStep(ctx),
  ]
}

function supportStep(ctx: AnalysisContext): string {
  const body = ctx.graphError
  const ids = [
    body?.requestId === undefined ? undefined : `request-id ${body.requestId}`,
    body?.clientRequestId === undefined ? undefined : `client-request-id ${body.clientRequestId}`,
    body?.date === undefined ? undefined : `date ${body.date}`,
  ].filter((item): item is string => item !== undefined)
  const quoted = ids.length === 0 ? 'the request-id and client-request-id response headers and the time of the call' : ids.join(', ')
  return `If the token is unchanged and from the right authority, open a Microsoft support case and quote ${quoted}.`
}
