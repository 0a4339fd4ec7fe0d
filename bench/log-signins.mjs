// Synthetic sign-in records for bench/log-generator.mjs: Log Analytics sign-in table rows and Graph
// /auditLogs/signIns objects, with AADSTS codes and descriptions from graph-doctor's own AADSTS table.
import { guid, pick, pickSkewed } from './log-model.mjs'
import { WEEK_START } from './log-records.mjs'

const WEEK_MS = 7 * 24 * 3600 * 1000
const RESOURCES = [
  ['00000003-0000-0000-c000-000000000000', 'Microsoft Graph'],
  ['00000003-0000-0000-c000-000000000000', 'Microsoft Graph'],
  ['00000002-0000-0ff1-ce00-000000000000', 'Office 365 Exchange Online'],
  ['00000003-0000-0ff1-ce00-000000000000', 'Office 365 SharePoint Online'],
]
/** User-side failures and how often they happen relative to each other. */
const USER_FAILURES = [50126, 50126, 50126, 50076, 50076, 50074, 50079, 53003, 50158, 50173, 50133, 700082, 65001, 65004, 50097, 530003]

/** `UserStrongAuthClientAuthNRequired` → `User strong auth client auth N required.` (our text, from the symbolic name). */
function describe(name, code) {
  if (name === '') return `Sign-in failed with error ${code}.`
  const words = name.replace(/_/g, ' ').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return `${words[0].toUpperCase()}${words.slice(1)}.`
}

/** Code → { name, category } from the built AADSTS table (dist/). */
export async function loadAadsts() {
  const { aadstsCodeRows } = await import('../dist/core/data/aadsts-codes.js')
  const { aadstsExtraRows } = await import('../dist/core/data/aadsts-extra.js')
  return new Map([...aadstsCodeRows, ...aadstsExtraRows].map(([code, name, category]) => [code, { name, category, description: describe(name, code) }]))
}

const TABLES = ['SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AADNonInteractiveUserSignInLogs', 'AADServicePrincipalSignInLogs']

function resultCode(app, table, random) {
  if (table === 'AADServicePrincipalSignInLogs') {
    if (app.signinFailure !== 0 && [7000222, 7000215, 700016].includes(app.signinFailure)) return random() < 0.7 ? app.signinFailure : 0
    return random() < 0.03 ? pick(random, [7000215, 500011, 70011]) : 0
  }
  if (app.signinFailure === 65001 && random() < 0.3) return 65001
  return random() < 0.14 ? pick(random, USER_FAILURES) : 0
}

/** The `n`-th sign-in record (Log Analytics column names; `Status` as the dynamic object). */
export function signinRecord(n, total, tenant, aadsts, random) {
  const app = pickSkewed(random, tenant.apps)
  const table = app.scheme === 'application' ? 'AADServicePrincipalSignInLogs' : pick(random, TABLES.slice(0, 3))
  const code = resultCode(app, table, random)
  const info = aadsts.get(code)
  const [resourceId, resourceName] = pick(random, RESOURCES)
  const user = table !== 'AADServicePrincipalSignInLogs'
  const userNumber = Math.floor(random() * 400)
  const caStatus = code === 53003 || code === 530003 ? 'failure' : random() < 0.6 ? 'success' : 'notApplied'
  return {
    TimeGenerated: new Date(WEEK_START + Math.floor(((n + random()) / total) * WEEK_MS)).toISOString(),
    Type: table,
    Id: guid(random),
    CorrelationId: guid(random),
    AppId: app.appId,
    AppDisplayName: app.displayName,
    ServicePrincipalId: user ? '' : app.servicePrincipalId,
    ServicePrincipalName: user ? '' : app.displayName,
    ResourceIdentity: resourceId,
    ResourceDisplayName: resourceName,
    UserPrincipalName: user ? `user${userNumber}@contoso.example` : '',
    UserId: user ? `00000000-0000-4000-8000-${String(100000000000 + userNumber)}` : '',
    IPAddress: `198.51.100.${Math.floor(random() * 254) + 1}`,
    ResultType: String(code),
    ResultDescription: code === 0 ? '' : (info?.description ?? `Sign-in failed with error ${code}.`),
    ConditionalAccessStatus: caStatus,
    ClientAppUsed: user ? pick(random, ['Browser', 'Mobile Apps and Desktop clients']) : '',
    IsInteractive: table === 'SigninLogs',
    Status: code === 0 ? { errorCode: 0 } : { errorCode: code, failureReason: info?.description ?? '', additionalDetails: 'See https://login.microsoftonline.com/error' },
  }
}

/** The Graph `/auditLogs/signIns` object of a sign-in record. */
export function graphSignin(record) {
  return {
    id: record.Id,
    createdDateTime: record.TimeGenerated,
    userDisplayName: record.UserPrincipalName === '' ? null : record.UserPrincipalName.split('@')[0],
    userPrincipalName: record.UserPrincipalName === '' ? null : record.UserPrincipalName,
    userId: record.UserId === '' ? null : record.UserId,
    appId: record.AppId,
    appDisplayName: record.AppDisplayName,
    ipAddress: record.IPAddress,
    clientAppUsed: record.ClientAppUsed,
    correlationId: record.CorrelationId,
    conditionalAccessStatus: record.ConditionalAccessStatus,
    isInteractive: record.IsInteractive,
    resourceDisplayName: record.ResourceDisplayName,
    resourceId: record.ResourceIdentity,
    status: { errorCode: record.Status.errorCode, failureReason: record.Status.failureReason ?? 'Other.', additionalDetails: record.Status.additionalDetails ?? null },
    appliedConditionalAccessPolicies:
      record.ConditionalAccessStatus === 'notApplied'
        ? []
        : [{ id: '5e7e9f1a-0c2b-4d8e-9a51-3f2c6b7d8e90', displayName: 'Require MFA for admins', enforcedGrantControls: ['Mfa'], enforcedSessionControls: [], result: record.ConditionalAccessStatus }],
  }
}
