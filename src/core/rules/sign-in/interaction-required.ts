import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Finding } from '../../types.js'
import { msalClaimsSamples } from '../fix-text.js'
import { aadstsEvidence, aadstsLinks, aadstsFixes, classifyTokenError, tokenErrorEvidence } from './token-endpoint-class.js'
import type { Rule } from '../rule.js'

/**
 * The token endpoint needs the user to act: MFA or Conditional Access AADSTS codes, or suberror
 * `basic_action` / `additional_action` / `message_only`. Keyed on the code and suberror, not on
 * `error` alone (50076 arrives as both `invalid_grant` and `interaction_required`).
 */
export const interactionRequired: Rule = {
  id: 'interaction-required',
  check(ctx) {
    if (classifyTokenError(ctx) !== 'interaction-required') return []
    return [finding(ctx)]
  },
}

/** The session or refresh token expired or was revoked: signing in again is the whole fix, no policy is involved. */
const SESSION_ENDED: ReadonlySet<number> = new Set([50132, 50133, 50173, 70008, 700082, 700084])

function finding(ctx: AnalysisContext): Finding {
  const error = ctx.tokenError
  const sessionEnded = ctx.aadsts.some((entry) => SESSION_ENDED.has(entry.code))
  const claims = error?.claims
  const items = [...tokenErrorEvidence(ctx), ...aadstsEvidence(ctx)]
  if (claims !== undefined) items.push(evidence('body', 'claims', claims, 'pass this claims request unchanged to the interactive sign-in'))
  return makeFinding('interaction-required', {
    detail: `The token request cannot succeed silently: ${sessionEnded ? SESSION_ENDED_WORDS : whoActs(error?.suberror)} The 2021 article describes this as a 400 interaction_required at token acquisition; the real signal is the AADSTS code and suberror, since the same code comes back as invalid_grant or interaction_required depending on the flow.`,
    evidence: items,
    links: aadstsLinks(ctx),
    fix: [
      ...aadstsFixes(ctx),
      ...suberrorFixes(error?.suberror),
      `In code: catch MSAL's interaction-required error (MSAL.js \`InteractionRequiredAuthError\`, MSAL.NET \`MsalUiRequiredException\`, MSAL Python \`"error": "interaction_required"\`) and call the interactive method (acquireTokenPopup / acquireTokenRedirect / AcquireTokenInteractive).${sessionEnded ? ' Azure CLI: `az login`; Graph PowerShell: `Connect-MgGraph` again.' : ' Daemons, ROPC and silent flows cannot satisfy MFA or device policies.'}`,
      ...(claims === undefined ? [] : msalClaimsSamples(claims)),
      ...(sessionEnded ? [] : ['The sign-in log (Entra admin center > Sign-in logs, filter by the correlation id) shows which Conditional Access policy applied and what it required.']),
    ],
  })
}

const SESSION_ENDED_WORDS = 'the session or refresh token has expired or was revoked (long inactivity, a password change, sessions revoked by an admin), so the user must sign in again; no MFA or Conditional Access policy is involved.'

function whoActs(suberror: string | undefined): string {
  switch (suberror?.toLowerCase()) {
    case 'basic_action': return 'the user can fix it in an interactive sign-in (for example by completing MFA).'
    case 'additional_action': return 'the user must act outside the sign-in flow first (for example enrol or make the device compliant), then sign in interactively.'
    case 'message_only': return 'the sign-in UI can only show an explanation; the user or an admin must change something (policy, device, location) before it can work.'
    case 'user_password_expired': return 'the user\'s password has expired and must be changed in an interactive sign-in.'
    default: return 'the user must sign in interactively to satisfy MFA or a Conditional Access policy.'
  }
}

function suberrorFixes(suberror: string | undefined): string[] {
  switch (suberror?.toLowerCase()) {
    case 'additional_action': return ['suberror additional_action: show the user the remediation (device enrolment or compliance through Company Portal / Intune), then retry interactively.']
    case 'message_only': return ['suberror message_only: an interactive prompt will only display the reason; escalate to the tenant admin with the correlation id.']
    default: return []
  }
}
