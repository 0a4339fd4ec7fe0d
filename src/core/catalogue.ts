import type { Link, Severity } from './types.js'

/** Catalogue metadata of one finding id. */
export interface FindingInfo {
  readonly title: string
  readonly severity: Severity
  /** One sentence: when this finding is raised. */
  readonly summary: string
  /** Lower ranks first when several findings apply: the most probable root cause leads. */
  readonly rank: number
  readonly links: readonly Link[]
}

const learn = (path: string): string => `https://learn.microsoft.com/${path}`

const links = {
  resolveAuthErrors: { title: 'Resolve Microsoft Graph authorization errors', url: learn('graph/resolve-auth-errors') },
  accessTokens: { title: 'Access tokens in the Microsoft identity platform', url: learn('entra/identity-platform/access-tokens') },
  tokenClaims: { title: 'Access token claims reference', url: learn('entra/identity-platform/access-token-claims-reference') },
  msal: { title: 'Overview of the Microsoft Authentication Library (MSAL)', url: learn('entra/identity-platform/msal-overview') },
  acquireSilent: { title: 'Acquire and cache tokens with MSAL', url: learn('entra/identity-platform/msal-acquire-cache-tokens') },
  nationalClouds: { title: 'Microsoft Graph national cloud deployments', url: learn('graph/deployments') },
  scopes: { title: 'Scopes and permissions in the Microsoft identity platform', url: learn('entra/identity-platform/scopes-oidc') },
  permissionsRef: { title: 'Microsoft Graph permissions reference', url: learn('graph/permissions-reference') },
  consent: { title: 'Grant tenant-wide admin consent to an application', url: learn('entra/identity/enterprise-apps/grant-admin-consent') },
  authUser: { title: 'Get access on behalf of a user', url: learn('graph/auth-v2-user') },
  authService: { title: 'Get access without a user', url: learn('graph/auth-v2-service') },
  passwordProfile: { title: 'Update user (passwordProfile)', url: learn('graph/api/user-update') },
  resetPassword: { title: 'authenticationMethod: resetPassword', url: learn('graph/api/authenticationmethod-resetpassword') },
  changePassword: { title: 'user: changePassword', url: learn('graph/api/user-changepassword') },
  roles: { title: 'Microsoft Entra built-in roles', url: learn('entra/identity/role-based-access-control/permissions-reference') },
  licensing: { title: 'Microsoft Graph service-specific throttling and licensing notes', url: learn('graph/licenses-overview') },
  claimsChallenge: { title: 'Claims challenges, claims requests and client capabilities', url: learn('entra/identity-platform/claims-challenge') },
  cae: { title: 'Continuous access evaluation in apps', url: learn('entra/identity-platform/app-resilience-continuous-access-evaluation') },
  msalErrors: { title: 'Handle errors and exceptions in MSAL', url: learn('entra/identity-platform/msal-error-handling-js') },
  aadsts: { title: 'Microsoft Entra authentication and authorization error codes', url: learn('entra/identity-platform/reference-error-codes') },
  errors: { title: 'Microsoft Graph error responses and resource types', url: learn('graph/errors') },
  personalAccounts: { title: 'Supported account types', url: learn('entra/identity-platform/v2-supported-account-types') },
  permissionsOverview: { title: 'Overview of Microsoft Graph permissions', url: learn('graph/permissions-overview') },
} as const satisfies Record<string, Link>

/** A stable finding id, e.g. `permission-missing`. Adding one here without catalogue metadata fails to compile. */
export type FindingId =
  | 'token-missing'
  | 'token-malformed'
  | 'token-personal-account'
  | 'token-wrong-audience'
  | 'token-expired'
  | 'claims-challenge'
  | 'interaction-required'
  | 'consent-missing'
  | 'token-request-failed'
  | 'token-type-mismatch'
  | 'token-rejected'
  | 'password-reset'
  | 'permission-missing'
  | 'user-not-privileged'
  | 'resource-policy'
  | 'user-not-licensed'
  | 'not-authorization-error'
  | 'endpoint-unknown'
  | 'input-unreadable'

/**
 * Every finding graph-doctor can raise, keyed by its stable id. The id is also the JSON `id`, the
 * doc page `docs/findings/<id>.md` and the fixture folder `test/fixtures/findings/<id>/`.
 */
export const catalogue = {
  'token-missing': {
    title: 'No access token was sent',
    severity: 'error',
    summary: 'The request has no Authorization header, an empty Bearer value, or Graph said "Access token is empty."',
    rank: 10,
    links: [links.msal, links.acquireSilent, links.resolveAuthErrors],
  },
  'token-malformed': {
    title: 'The Authorization header does not hold a usable token',
    severity: 'error',
    summary: 'The value is not a well-formed access token: doubled "Bearer", truncated, not three base64url parts, or Graph reported CompactToken parsing failed.',
    rank: 20,
    links: [links.accessTokens, links.resolveAuthErrors],
  },
  'token-personal-account': {
    title: 'A personal Microsoft account token was used on a work-or-school-only API',
    severity: 'error',
    summary: 'The token belongs to a personal Microsoft account (consumer tenant, or an opaque non-JWT token), or sign-in failed with AADSTS500200.',
    rank: 30,
    links: [links.personalAccounts, links.resolveAuthErrors],
  },
  'token-wrong-audience': {
    title: 'The token was issued for a different API',
    severity: 'error',
    summary: 'The aud claim is not the Microsoft Graph of the request\'s cloud, or a Graph token was sent to SharePoint or Outlook REST.',
    rank: 40,
    links: [links.scopes, links.nationalClouds, links.resolveAuthErrors],
  },
  'token-expired': {
    title: 'The token was expired or not yet valid when it was sent',
    severity: 'error',
    summary: 'exp was before the exchange time, or nbf after it (clock skew).',
    rank: 50,
    links: [links.acquireSilent, links.accessTokens],
  },
  'claims-challenge': {
    title: 'Graph asked for more claims (Conditional Access or continuous access evaluation)',
    severity: 'error',
    summary: 'A 401 or 403 carries WWW-Authenticate error="insufficient_claims" with a claims challenge.',
    rank: 60,
    links: [links.claimsChallenge, links.cae, links.resolveAuthErrors],
  },
  'interaction-required': {
    title: 'The user must sign in interactively (MFA or Conditional Access)',
    severity: 'error',
    summary: 'The token endpoint answered interaction_required or an MFA / Conditional Access AADSTS code.',
    rank: 70,
    links: [links.msalErrors, links.claimsChallenge, links.aadsts],
  },
  'consent-missing': {
    title: 'Consent has not been granted in this tenant',
    severity: 'error',
    summary: 'AADSTS65001, 65004, 90094 and similar, or Authorization_IdentityNotFound: the app has no service principal or grant in the tenant.',
    rank: 80,
    links: [links.consent, links.permissionsOverview],
  },
  'token-request-failed': {
    title: 'The token request failed',
    severity: 'error',
    summary: 'The token endpoint returned an error that is not about interaction or consent.',
    rank: 90,
    links: [links.aadsts],
  },
  'token-type-mismatch': {
    title: 'The kind of token cannot work for this call',
    severity: 'error',
    summary: 'An app-only token on /me or on a delegated-only API, a delegated token where only application permissions work, or an app-only token with no roles at all.',
    rank: 100,
    links: [links.authUser, links.authService, links.resolveAuthErrors],
  },
  'token-rejected': {
    title: 'Graph rejected the token',
    severity: 'error',
    summary: 'Graph answered 401 to a JWT whose audience, lifetime and form look right (invalid signature, issuer or signing key, "Access token validation failure"), to an opaque token on an API that accepts personal accounts, or to a token the input does not show (an SDK or app print-out), and no more specific token finding explains it.',
    rank: 105,
    links: [links.accessTokens, links.tokenClaims, links.nationalClouds, links.resolveAuthErrors],
  },
  'password-reset': {
    title: 'Password changes and resets follow special rules',
    severity: 'error',
    summary: 'A password change or reset was denied: app-only PATCH of passwordProfile, resetPassword with an app token, or changePassword for someone other than the signed-in user.',
    rank: 110,
    links: [links.passwordProfile, links.resetPassword, links.changePassword, links.roles],
  },
  'permission-missing': {
    title: 'The token lacks a permission this API accepts',
    severity: 'error',
    summary: 'None of the permissions the API accepts is in the token\'s scp or roles; when the response names the permissions it requires ("API requires one of …"), those, least privileged first, even against the catalogue.',
    rank: 120,
    links: [links.permissionsRef, links.consent, links.resolveAuthErrors],
  },
  'user-not-privileged': {
    title: 'The signed-in user lacks the rights for this operation',
    severity: 'error',
    summary: 'A delegated token with a sufficient permission was still denied: on directory objects the user lacks a directory role; on another user\'s mailbox or files, delegation or sharing (and the .Shared scope); in Teams and SharePoint, membership or site access.',
    rank: 130,
    // Per kind of data: the rule adds the links of that kind only (directory roles for directory objects).
    links: [],
  },
  'resource-policy': {
    title: 'A resource-level policy denies the app',
    severity: 'error',
    summary: 'A control on the resource itself denied the call: Teams protected APIs, a Teams application access policy (online meetings), an Exchange application access policy or RBAC for Applications, Exchange\'s REST allow and block lists ("Access to OData is disabled"), Sites.Selected without a site grant (or a read grant for a write), Teams resource-specific consent, or the tenant\'s external collaboration settings (invitations). Each gets its own fix and links.',
    rank: 140,
    // Per cause: the rule adds the links of the variant it found, and only those.
    links: [],
  },
  'user-not-licensed': {
    title: 'The user or tenant lacks the licence or service for this data',
    severity: 'error',
    summary: 'Mailbox, OneDrive or Teams not provisioned or licensed, or the tenant lacks a premium licence.',
    rank: 150,
    links: [links.licensing, links.resolveAuthErrors],
  },
  'not-authorization-error': {
    title: 'This failure is not about authorization',
    severity: 'warning',
    summary: 'The response failed for another reason: throttling (429), a server error (5xx), a plain 404, a malformed request (400, team creation\'s body included), a metered API without billing (402), a 403 that is a service limit or a B2C tenant on a workforce-only API, and so on.',
    rank: 160,
    // The throttling guidance is added by the rule for a 429 only.
    links: [links.errors],
  },
  'endpoint-unknown': {
    title: 'The endpoint is not in the permission catalogue',
    severity: 'info',
    summary: 'No catalogued Graph path template matches this request, so its required permissions are unknown.',
    rank: 170,
    links: [links.permissionsRef],
  },
  'input-unreadable': {
    title: 'This entry of the input could not be read',
    severity: 'warning',
    summary: 'One entry of a multi-entry input (HAR entry, $batch sub-request) could not be read; the others were diagnosed.',
    rank: 180,
    links: [],
  },
} satisfies Record<FindingId, FindingInfo>

/** All finding ids, in rank order. */
export const findingIds: readonly FindingId[] = (Object.keys(catalogue) as FindingId[]).sort(
  (a, b) => catalogue[a].rank - catalogue[b].rank,
)

export function isFindingId(value: string): value is FindingId {
  return Object.hasOwn(catalogue, value)
}
