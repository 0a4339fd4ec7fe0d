import type { AnalysisContext } from '../../context.js'
import { makeFinding } from '../../finding.js'
import type { Finding } from '../../types.js'
import { errorBodyEvidence, graphCodes, graphMessage, hasGraphCode, requestSubject, statusEvidence } from '../facts.js'
import type { Rule } from '../rule.js'
import { dataKindOf, isOwnData } from './workload.js'

interface LicenceSignal {
  readonly test: (codes: readonly string[], message: string) => boolean
  readonly what: string
  readonly fix: readonly string[]
}

const SIGNALS: readonly LicenceSignal[] = [
  {
    test: (codes, message) => codes.includes('mailboxnotenabledforrestapi') || codes.includes('mailboxnotsupportedforrestapi') || /mailbox is either inactive, soft-deleted, or is hosted on-premise/i.test(message),
    what: 'the user has no Exchange Online mailbox that Graph can reach (no Exchange licence, mailbox not provisioned yet, inactive or soft-deleted, or hosted on-premises)',
    fix: [
      'Assign the user a licence that includes Exchange Online (for example Microsoft 365 Business Basic/Standard, Office 365 E1/E3, or Exchange Online Plan 1) and wait for the mailbox to be provisioned (minutes to hours).',
      'On-premises mailboxes need Exchange hybrid with REST support; shared mailboxes must be addressed through a licensed user or with application permissions.',
    ],
  },
  {
    test: (codes, message) => codes.includes('authentication_requestfromnonpremiumtenantorb2ctenant') || /non-?premium tenant|premium licen[cs]e/i.test(message),
    what: 'the tenant lacks the premium licence this data needs (sign-in logs, risk data and some policies need Microsoft Entra ID P1 or P2)',
    fix: ['Get Microsoft Entra ID P1 (sign-in logs, Conditional Access) or P2 (Identity Protection: risky users, risk detections) for the tenant; a trial works for testing. Audit logs of directory changes need no premium licence.'],
  },
  {
    test: (_codes, message) => /does not have a(?:n)? SPO licen[cs]e|mysite not found|user's mysite|onedrive (?:is )?not provisioned/i.test(message),
    what: 'SharePoint Online or the user\'s OneDrive is not licensed or not provisioned',
    fix: ['Assign a licence that includes SharePoint Online (OneDrive), then have the user open OneDrive once (or pre-provision it with `Request-SPOPersonalSite`) before calling /drive.'],
  },
  {
    test: (_codes, message) => /license information for the user|valid (?:office ?365 )?licen[cs]e|not licensed|teams licen[cs]e|user is not enabled for teams/i.test(message),
    what: 'the user lacks a licence for the service behind this API (for Teams APIs: a Microsoft Teams licence)',
    fix: ['Assign the user a licence that includes the service (Microsoft Teams for chats, channels and presence), wait for provisioning, then retry.'],
  },
]

/** Mailbox, OneDrive or Teams not licensed or provisioned, or the tenant lacks a premium licence. */
export const userNotLicensed: Rule = {
  id: 'user-not-licensed',
  check(ctx) {
    if (ctx.area !== 'graph' || ctx.status === null || ctx.status < 400 || ctx.status === 429 || ctx.status >= 500) return []
    const signal = signalOf(ctx) ?? ownDataSignal(ctx)
    return signal === undefined ? [] : [finding(ctx, signal)]
  },
}

const OWN_MAILBOX: LicenceSignal = {
  test: () => true,
  what: 'the signed-in user\'s own mailbox is usually not provisioned or not licensed when a delegated token with the right scope is denied on it (a directory role never grants mailbox access)',
  fix: [
    'Check that the user has a licence that includes Exchange Online and that the mailbox exists (Microsoft 365 admin center > Users > the user > Mail; a new licence takes minutes to hours to provision the mailbox).',
    'Guest users and users whose mailbox is on-premises (without Exchange hybrid REST support) have no mailbox Graph can reach.',
  ],
}

const OWN_DRIVE: LicenceSignal = {
  test: () => true,
  what: 'the signed-in user\'s own OneDrive is usually not provisioned or not licensed when a delegated token with the right scope is denied on it (a directory role never grants OneDrive access)',
  fix: ['Check that the user has a licence that includes SharePoint Online (OneDrive) and that the OneDrive exists: the user opens OneDrive once, or an admin pre-provisions it with `Request-SPOPersonalSite`.'],
}

/** A delegated 403 on the user's own mailbox or OneDrive with a sufficient scope: provisioning or licence, not rights. */
function ownDataSignal(ctx: AnalysisContext): LicenceSignal | undefined {
  if (ctx.status !== 403 || ctx.token?.kind !== 'delegated' || ctx.permissions?.check?.isAuthorized !== true) return undefined
  if (ctx.requiredPermissions !== undefined || isOwnData(ctx) !== true || hasGraphCode(ctx, 'ErrorSendAsDenied')) return undefined
  const kind = dataKindOf(ctx)
  if (kind === 'mailbox') return OWN_MAILBOX
  return kind === 'files' ? OWN_DRIVE : undefined
}

function signalOf(ctx: AnalysisContext): LicenceSignal | undefined {
  const codes = graphCodes(ctx)
  const message = graphMessage(ctx)
  return SIGNALS.find((signal) => signal.test(codes, message))
}

function finding(ctx: AnalysisContext, signal: LicenceSignal): Finding {
  return makeFinding('user-not-licensed', {
    detail: `${requestSubject(ctx)} failed because ${signal.what}. No permission change fixes this.`,
    evidence: [...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [...signal.fix, 'Check the user\'s licences with GET /users/{id}/licenseDetails (or the Microsoft 365 admin center > Users > Licenses and apps).'],
  })
}
