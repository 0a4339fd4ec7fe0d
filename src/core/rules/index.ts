import type { FindingId } from '../catalogue.js'
import type { Finding } from '../types.js'
import { claimsChallenge } from './sign-in/claims-challenge.js'
import { consentMissing } from './sign-in/consent-missing.js'
import { endpointUnknown } from './endpoint-unknown.js'
import { inputUnreadable } from './input-unreadable.js'
import { interactionRequired } from './sign-in/interaction-required.js'
import { notAuthorizationError } from './not-authorization-error.js'
import { passwordReset } from './sign-in/password-reset.js'
import { permissionMissing } from './authorization/permission-missing.js'
import { resourcePolicy } from './authorization/resource-policy.js'
import type { Rule } from './rule.js'
import { tokenExpired } from './token/token-expired.js'
import { tokenMalformed } from './token/token-malformed.js'
import { tokenMissing } from './token/token-missing.js'
import { tokenPersonalAccount } from './token/token-personal-account.js'
import { tokenRejected } from './token/token-rejected.js'
import { tokenRequestFailed } from './sign-in/token-request-failed.js'
import { tokenTypeMismatch } from './token/token-type-mismatch.js'
import { tokenWrongAudience } from './token/token-wrong-audience.js'
import { userNotLicensed } from './authorization/user-not-licensed.js'
import { userNotPrivileged } from './authorization/user-not-privileged.js'

export type { Rule } from './rule.js'

/** Every rule, one per finding id, in catalogue rank order. */
export const rules: readonly Rule[] = [
  tokenMissing,
  tokenMalformed,
  tokenPersonalAccount,
  tokenWrongAudience,
  tokenExpired,
  claimsChallenge,
  interactionRequired,
  consentMissing,
  tokenRequestFailed,
  tokenTypeMismatch,
  tokenRejected,
  passwordReset,
  permissionMissing,
  userNotPrivileged,
  resourcePolicy,
  userNotLicensed,
  notAuthorizationError,
  endpointUnknown,
  inputUnreadable,
]

/** Graph never reached the authorization decision: the token itself was refused. */
const TOKEN_REFUSED: readonly FindingId[] = ['token-missing', 'token-malformed', 'token-personal-account', 'token-wrong-audience', 'token-expired', 'claims-challenge', 'consent-missing']
const AUTHORIZATION: readonly FindingId[] = ['token-type-mismatch', 'password-reset', 'permission-missing', 'user-not-privileged', 'resource-policy', 'user-not-licensed']
/**
 * Findings that name the cause of a Graph 401 more precisely than `token-rejected`, the fallback for a
 * refused token that looks valid. token-rejected supersedes nothing itself: dropping is by presence, so
 * a finding that both drops and is dropped by another would silence both.
 */
const EXPLAINS_REFUSAL: readonly FindingId[] = [...TOKEN_REFUSED, 'token-type-mismatch', 'permission-missing', 'user-not-licensed']

/**
 * When a more specific finding explains the failure, the generic ones it makes moot are dropped:
 * a refused token makes the permission checks moot; the password rules, a token-type mismatch, a
 * resource policy or a licence message explain a 403 better than "permission missing"; and any
 * error explains a failure better than "not an authorization error".
 */
const SUPERSEDES: ReadonlyArray<readonly [FindingId, readonly FindingId[]]> = [
  ...TOKEN_REFUSED.map((id) => [id, AUTHORIZATION] as const),
  ...EXPLAINS_REFUSAL.map((id) => [id, ['token-rejected']] as const),
  ['password-reset', ['token-type-mismatch', 'permission-missing', 'user-not-privileged', 'resource-policy']],
  ['token-type-mismatch', ['permission-missing', 'user-not-privileged', 'resource-policy']],
  ['resource-policy', ['permission-missing']],
  ['user-not-licensed', ['permission-missing', 'user-not-privileged', 'resource-policy', 'not-authorization-error']],
  ['token-malformed', ['token-personal-account']],
]

/** Drop the findings that a more specific finding of the same exchange makes moot. */
export function dropSuperseded(findings: readonly Finding[]): Finding[] {
  const present = new Set(findings.map((finding) => finding.id))
  const dropped = new Set<FindingId>()
  for (const [winner, losers] of SUPERSEDES) {
    if (present.has(winner)) for (const loser of losers) if (loser !== winner) dropped.add(loser)
  }
  if (findings.some((finding) => finding.severity === 'error')) dropped.add('not-authorization-error')
  return findings.filter((finding) => !dropped.has(finding.id))
}
