import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Evidence, Finding } from '../../types.js'
import { errorBodyEvidence, graphMessage, isApiCall, isSuccess, isoTime, statusEvidence, timeSourceNote } from '../facts.js'
import type { Rule } from '../rule.js'
import { formatDuration } from '../../token/time.js'

/** Graph's words for a token outside its lifetime (opaque tokens included). */
export const LIFETIME_MESSAGE = /access token has expired or is not yet valid|lifetime validation failed|token is expired|CompactToken validation failed with reason code: 80049228/i

/**
 * `exp` before the exchange time or `nbf` after it. Judged at the time of the exchange (response
 * `Date`, HAR `startedDateTime`), so an old capture of a then-valid token does not read as expired.
 */
export const tokenExpired: Rule = {
  id: 'token-expired',
  check(ctx) {
    if (!isApiCall(ctx) || isSuccess(ctx)) return []
    const state = ctx.tokenTime?.state
    // Judged at this machine's clock (the input had no time): a status other than 401 means Graph took the
    // token as valid when it was sent, so a paste of an older error does not read as expired.
    const acceptedThen = ctx.atSource === 'clock' && ctx.status !== null && ctx.status !== 0 && ctx.status !== 401
    if ((state === 'expired' || state === 'not-yet-valid') && !acceptedThen) return [fromClaims(ctx, state)]
    if (LIFETIME_MESSAGE.test(graphMessage(ctx))) return [fromMessage(ctx)]
    return []
  },
}

function fromClaims(ctx: AnalysisContext, state: 'expired' | 'not-yet-valid'): Finding {
  const token = ctx.token
  const off = ctx.tokenTime?.offBySeconds ?? 0
  const at = ctx.at.toISOString()
  const items: Evidence[] = [evidence('input', 'exchange time', at, timeSourceNote(ctx))]
  if (state === 'expired' && token?.expiresAt !== undefined) items.push(evidence('token', 'exp', isoTime(token.expiresAt), `${formatDuration(off)} before the request`))
  if (state === 'not-yet-valid' && token?.notBefore !== undefined) items.push(evidence('token', 'nbf', isoTime(token.notBefore), `${formatDuration(off)} after the request`))
  if (token?.issuedAt !== undefined) items.push(evidence('token', 'iat', isoTime(token.issuedAt)))
  const detail = state === 'expired'
    ? `The token expired ${formatDuration(off)} before the request was sent (exp ${isoTime(token?.expiresAt ?? 0)}, request at ${at}).`
    : `The token was not valid yet when the request was sent: nbf is ${formatDuration(off)} after the request time ${at}. The clock of the machine that issued or judged the time is off, or the token was used before its start.`
  return makeFinding('token-expired', {
    detail,
    evidence: [...items, ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: state === 'expired' ? EXPIRED_FIXES : SKEW_FIXES,
  })
}

function fromMessage(ctx: AnalysisContext): Finding {
  const opaque = ctx.token?.form === 'opaque' ? ' The token is opaque (not a JWT), so its lifetime cannot be read from claims.' : ''
  // Graph's clock decides; claims that look valid mean the time we judged at is not Graph's.
  const skew = ctx.tokenTime?.state === 'valid'
    ? ` Its claims look valid at ${ctx.at.toISOString()} (${timeSourceNote(ctx)}), so that time is not Graph's: the sending machine's clock is off, or --now does not match the capture.`
    : ''
  return makeFinding('token-expired', {
    detail: `Graph rejected the token as expired or not yet valid ("${graphMessage(ctx)}").${opaque}${skew}`,
    evidence: [...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [...EXPIRED_FIXES, ...SKEW_FIXES.slice(0, 1)],
  })
}

const EXPIRED_FIXES = [
  'Call MSAL acquireTokenSilent (or the Azure Identity credential\'s getToken) before EVERY request instead of storing the token: MSAL returns the cached token while it is valid and renews it about five minutes before it expires.',
  'Do not keep access tokens in configuration, environment variables or long-lived variables; access tokens live 60–90 minutes (longer with continuous access evaluation).',
  'With a Graph SDK, pass a credential (TokenCredential) rather than a fixed token, so the SDK renews it.',
]

const SKEW_FIXES = [
  'Check the clock of the machine that sent the request (and of the container or VM host): enable time synchronisation (NTP, `w32tm /resync`, `timedatectl set-ntp true`).',
  'If the capture comes from another time zone or tool, judge it at the right moment with `--now <ISO time>`.',
]
