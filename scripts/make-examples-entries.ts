/**
 * The calls of `examples/failing-calls.har`: one realistic failing call per finding id, plus a healthy
 * call and a `$batch`. Synthetic tokens only (test/helpers/tokens.ts), fake tenant and app ids.
 */
import {
  CONSUMER_TENANT,
  FAKE_APP,
  FAKE_TENANT,
  FAKE_USER_OID,
  FIXTURE_TIME,
  appOnlyToken,
  delegatedClaims,
  delegatedToken,
  makeJwt,
} from '../test/helpers/tokens.js'
import { graphError as fixtureGraphError, tokenError } from '../test/fixtures/findings/bodies.js'

export interface ExampleCall {
  readonly comment: string
  readonly method: string
  readonly url: string
  readonly requestHeaders?: ReadonlyArray<readonly [string, string]>
  readonly token?: string
  /** The raw Authorization value, when it is not `Bearer <token>`. */
  readonly authorization?: string
  readonly requestBody?: { readonly mimeType: string; readonly text: string }
  readonly status: number
  readonly responseHeaders?: ReadonlyArray<readonly [string, string]>
  readonly responseBody?: string
  /** Write this entry broken on purpose (the `input-unreadable` example). */
  readonly isBroken?: boolean
}

const graph = 'https://graph.microsoft.com/v1.0'
const tokenEndpoint = `https://login.microsoftonline.com/${FAKE_TENANT}/oauth2/v2.0/token`
const TARGET_USER = '44444444-3333-4222-8111-000000000000'
const TEAM = '55555555-6666-4777-8888-999999999999'

/** A Graph error body whose request id is distinct per example entry. */
function graphError(code: string, message: string, index: number): string {
  return fixtureGraphError(code, message, `0000000${index}-feed-4bee-8cab-00000000000${index}`.slice(-36))
}

const form = (fields: Record<string, string>): { mimeType: string; text: string } => ({
  mimeType: 'application/x-www-form-urlencoded',
  text: new URLSearchParams(fields).toString(),
})

const json = (value: unknown): { mimeType: string; text: string } => ({ mimeType: 'application/json', text: JSON.stringify(value) })

const claimsB64 = btoa('{"access_token":{"nbf":{"essential":true, "value":"1795168800"}}}')
const challenge = `Bearer realm="", authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="${claimsB64}", errorDescription="Continuous access evaluation resulted in claims challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp"`
const expiredChallenge = 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"'

const user = delegatedToken()
const mailUser = delegatedToken({ scp: 'openid profile email User.Read Mail.Read' })

function batchCall(index: number): ExampleCall {
  const requests = [
    { id: '1', method: 'GET', url: '/me?$select=displayName,mail' },
    { id: '2', method: 'GET', url: '/me/messages?$top=5' },
    { id: '3', method: 'GET', url: `/teams/${TEAM}/channels` },
  ]
  const responses = [
    { id: '1', status: 200, headers: { 'Content-Type': 'application/json' }, body: { displayName: 'Adele Test', mail: 'adele@contoso.example' } },
    { id: '2', status: 404, headers: { 'Content-Type': 'application/json' }, body: JSON.parse(graphError('MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.', index)) },
    { id: '3', status: 403, headers: { 'Content-Type': 'application/json' }, body: JSON.parse(graphError('Forbidden', "Missing scope permissions on the request. API requires one of 'ChannelSettings.Read.All, Channel.ReadBasic.All, ChannelSettings.ReadWrite.All'. Scopes on the request 'openid, profile, email, User.Read, Mail.Read'", index)) },
  ]
  return {
    comment: '$batch of three calls: a healthy one, a mailbox that is not licensed, a Teams call missing a scope',
    method: 'POST', url: `${graph}/$batch`, token: mailUser, requestBody: json({ requests }),
    status: 200, responseBody: JSON.stringify({ responses }),
  }
}

/** Every call of the example capture, in order. */
export function exampleCalls(): ExampleCall[] {
  const calls: ExampleCall[] = [
    { comment: 'healthy call: a valid delegated token on /me', method: 'GET', url: `${graph}/me`, token: user, status: 200, responseBody: JSON.stringify({ id: FAKE_USER_OID, displayName: 'Adele Test', userPrincipalName: 'adele@contoso.example' }) },
    { comment: 'token-missing: the SDK attached no token (custom host)', method: 'GET', url: `${graph}/me`, status: 401, responseBody: graphError('InvalidAuthenticationToken', 'Access token is empty.', 2) },
    { comment: 'token-malformed: "Bearer" twice', method: 'GET', url: `${graph}/me`, authorization: `Bearer Bearer ${user}`, status: 401, responseBody: graphError('InvalidAuthenticationToken', 'CompactToken parsing failed with error code: 80049217', 3) },
    { comment: 'token-personal-account: a personal Microsoft account on a directory API (groups accept work or school accounts only)', method: 'GET', url: `${graph}/groups`, token: delegatedToken({ tid: CONSUMER_TENANT, iss: `https://login.microsoftonline.com/${CONSUMER_TENANT}/v2.0`, ver: '2.0', aud: '00000003-0000-0000-c000-000000000000', idp: 'live.com', upn: undefined, unique_name: undefined, preferred_username: 'adele@outlook.example', scp: 'User.Read Group.Read.All', wids: undefined }), status: 403, responseBody: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', 4) },
    { comment: 'token-wrong-audience: an Azure AD Graph token sent to Microsoft Graph', method: 'GET', url: `${graph}/users`, token: delegatedToken({ aud: 'https://graph.windows.net', scp: 'User.Read.All' }), status: 401, responseBody: graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', 5) },
    { comment: 'token-expired: a token that expired an hour before the call', method: 'GET', url: `${graph}/me/messages`, token: delegatedToken({ iat: FIXTURE_TIME - 8000, nbf: FIXTURE_TIME - 8000, exp: FIXTURE_TIME - 3600, scp: 'Mail.Read User.Read' }), status: 401, responseHeaders: [['WWW-Authenticate', expiredChallenge]], responseBody: graphError('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', 6) },
    { comment: 'claims-challenge: continuous access evaluation revoked the session', method: 'GET', url: `${graph}/me/messages`, token: mailUser, status: 401, responseHeaders: [['WWW-Authenticate', challenge]], responseBody: graphError('InvalidAuthenticationToken', "Exception of type 'Microsoft.Graph.AGS.Contracts.ClaimsChallengeRequiredException' was thrown.", 7) },
    { comment: 'interaction-required: MFA demanded at the token endpoint', method: 'POST', url: tokenEndpoint, requestBody: form({ client_id: FAKE_APP, grant_type: 'refresh_token', scope: 'https://graph.microsoft.com/.default offline_access', refresh_token: 'FAKE-REFRESH-TOKEN-0.AXYAsecretsecretsecret' }), status: 400, responseBody: tokenError('invalid_grant', 50076, "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.", { suberror: 'basic_action', claims: '{"access_token":{"capolids":{"essential":true,"values":["66666666-0000-4000-8000-000000000000"]}}}' }) },
    { comment: 'consent-missing: nobody consented to the app in this tenant', method: 'POST', url: tokenEndpoint, requestBody: form({ client_id: FAKE_APP, grant_type: 'authorization_code', scope: 'https://graph.microsoft.com/Mail.Read', code: 'FAKE-AUTH-CODE-0.AXYAcodecodecode', redirect_uri: 'http://localhost:3000', client_secret: 'FAKE~client~secret~value~1234567890' }), status: 400, responseBody: tokenError('invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${FAKE_APP}' named 'Contoso Test App'. Send an interactive authorization request for this user and resource.`, { suberror: 'consent_required' }) },
    { comment: 'token-request-failed: the secret ID was sent instead of the secret value', method: 'POST', url: tokenEndpoint, requestBody: form({ client_id: FAKE_APP, grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default', client_secret: '12345678-aaaa-4bbb-8ccc-1234567890ab' }), status: 401, responseBody: tokenError('invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${FAKE_APP}'.`) },
    { comment: 'token-type-mismatch: an app-only token on /me', method: 'GET', url: `${graph}/me`, token: appOnlyToken(), status: 400, responseBody: graphError('BadRequest', '/me request is only valid with delegated authentication flow.', 1) },
    { comment: 'token-rejected: a proxy decoded and re-encoded the token (its header lost the nonce); Graph cannot verify the signature', method: 'GET', url: `${graph}/me/messages`, token: makeJwt(delegatedClaims({ scp: 'openid profile email User.Read Mail.Read' }), { header: { typ: 'JWT', alg: 'RS256', kid: 'fake-kid' } }), status: 401, responseHeaders: [['WWW-Authenticate', expiredChallenge]], responseBody: graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid signature.', 8) },
    { comment: 'password-reset: app-only PATCH of passwordProfile', method: 'PATCH', url: `${graph}/users/${TARGET_USER}`, token: appOnlyToken({ roles: ['User.ReadWrite.All'] }), requestBody: json({ passwordProfile: { forceChangePasswordNextSignIn: true, password: 'FAKE-Passw0rd-!x9' } }), status: 403, responseBody: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', 2) },
    { comment: 'permission-missing: listing users with only User.Read', method: 'GET', url: `${graph}/users?$select=displayName,mail`, token: user, status: 403, responseBody: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', 3) },
    { comment: 'user-not-privileged: User.ReadWrite.All is granted but the user holds no admin role', method: 'POST', url: `${graph}/users`, token: delegatedToken({ scp: 'openid profile email User.ReadWrite.All' }), requestBody: json({ accountEnabled: true, displayName: 'New Hire', mailNickname: 'newhire', userPrincipalName: 'newhire@contoso.example' }), status: 403, responseBody: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', 4) },
    { comment: 'resource-policy: an Exchange application access policy blocks the app', method: 'GET', url: `${graph}/users/${TARGET_USER}/messages`, token: appOnlyToken({ roles: ['Mail.Read'] }), status: 403, responseBody: graphError('ErrorAccessDenied', 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.', 5) },
    { comment: 'user-not-licensed: sign-in logs need Entra ID P1', method: 'GET', url: `${graph}/auditLogs/signIns?$top=10`, token: delegatedToken({ scp: 'openid profile AuditLog.Read.All Directory.Read.All', wids: ['f2ef992c-3afb-46b9-b7cf-a126ee74c451'] }), status: 403, responseBody: graphError('Authentication_RequestFromNonPremiumTenantOrB2CTenant', 'Neither tenant is B2C or tenant doesn\'t have premium license', 6) },
    { comment: 'not-authorization-error: throttled', method: 'GET', url: `${graph}/users?$top=999`, token: appOnlyToken(), status: 429, responseHeaders: [['Retry-After', '10']], responseBody: graphError('TooManyRequests', 'Too many requests.', 7) },
    { comment: 'endpoint-unknown: a path that is not in the permission catalogue', method: 'GET', url: `${graph}/me/contosoWidgets`, token: user, status: 403, responseBody: graphError('Forbidden', 'Access denied.', 8) },
    batchCall(9),
    { comment: 'input-unreadable: this entry was cut off by the capture tool', method: 'GET', url: `${graph}/me`, status: 0, isBroken: true },
  ]
  return calls
}
