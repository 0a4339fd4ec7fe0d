// Real-world cases of session 11 (shapes of public reports, synthetic tokens and ids): team creation
// 400s (microsoft-graph-docs-contrib#4672, #4178; pnp/cli-microsoft365#4916), the JavaScript SDK's
// GraphError serialized as JSON (msgraph-sdk-javascript#252, microsoft/teams-sdk#2741), an Intune read
// denied to a user without an Intune role or licence (microsoft-graph-explorer-v4#706), a fix text that
// the output redaction half-hid.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseInput } from '../../../src/core/input/index.js'
import { diagnoseExchange } from '../../../src/core/diagnose.js'
import { redactSecrets } from '../../../src/core/redact.js'
import type { DiagnosisResult } from '../../../src/core/types.js'
import { appOnlyToken, delegatedToken } from '../../helpers/tokens.js'
import { call, catalogue, findingOf, graphError, ids, run, textOf } from './helpers.js'

const G = 'https://graph.microsoft.com/v1.0'
const TEMPLATE = "https://graph.microsoft.com/v1.0/teamsTemplates('standard')"
const USER = '99999999-8888-4777-8666-555555555555'
const createTeam = (body: unknown, message: string, token = appOnlyToken({ roles: ['Team.Create'] })): DiagnosisResult =>
  run(call({ method: 'POST', url: `${G}/teams`, token, requestBody: JSON.stringify(body), status: 400, body: graphError('BadRequest', message) }), { withCatalogue: true })
const fixOf = (result: DiagnosisResult, id: string): string => findingOf(result, id).fix.join('\n')

test('POST /teams with owners@odata.bind in v1.0: the owner as a member with the owner role', () => {
  const result = createTeam({ 'template@odata.bind': TEMPLATE, displayName: 'T', 'owners@odata.bind': [`${G}/users('${USER}')`] }, 'Invalid bind property name owners in request.')
  assert.deepEqual(ids(result), ['not-authorization-error'])
  assert.match(findingOf(result, 'not-authorization-error').detail, /owners@odata\.bind exists only in beta/)
  assert.match(fixOf(result, 'not-authorization-error'), /"roles": \["owner"\],\n {4}"user@odata\.bind": "https:\/\/graph\.microsoft\.com\/v1\.0\/users/)
})

test('POST /teams naming a member by userId: bind it with user@odata.bind', () => {
  const result = createTeam({ 'template@odata.bind': TEMPLATE, members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], userId: USER }] }, 'The navigation bind for the user was missing in request')
  assert.match(fixOf(result, 'not-authorization-error'), /instead of "userId"/)
})

test('POST /teams app-only without an owner and a generic message: one owner member, the template, Team.Create', () => {
  const fix = fixOf(createTeam({ displayName: 'T' }, 'Bad Request'), 'not-authorization-error')
  assert.match(fix, /The body has no template/)
  assert.match(fix, /name exactly one owner in members/)
  assert.match(fix, /application permission Team\.Create/)
  // Delegated, with template and owner: no app-only steps.
  const delegated = fixOf(createTeam({ 'template@odata.bind': TEMPLATE, members: [{ roles: ['owner'], 'user@odata.bind': `${G}/users('${USER}')` }] }, 'Bad Request', delegatedToken({ scp: 'Team.Create' })), 'not-authorization-error')
  assert.doesNotMatch(delegated, /app-only|Team\.Create|no template/)
})

test('near miss: a 400 on another Teams call keeps the generic reading', () => {
  const result = run(call({ method: 'POST', url: `${G}/teams/6f996ed6-0000-4000-8000-00000000aaaa/channels`, token: appOnlyToken({ roles: ['Channel.Create'] }), requestBody: '{"displayName":"x"}', status: 400, body: graphError('BadRequest', 'Invalid bind property name owners in request.') }), { withCatalogue: true })
  assert.match(fixOf(result, 'not-authorization-error'), /^Read the error code and message/)
})

const graphErrorJson = (reason: string): string => JSON.stringify({
  statusCode: 403,
  code: 'ExtensionError',
  message: `Operation: Create; Exception: [Status Code: Forbidden; Reason: ${reason}]`,
  requestId: 'f41fabda-0000-4000-8000-000000000000',
  date: '2026-11-20T10:00:00.000Z',
  body: JSON.stringify({ code: 'ExtensionError', message: `Operation: Create; Exception: [Status Code: Forbidden; Reason: ${reason}]`, innerError: { date: '2026-11-20T10:00:00', 'request-id': 'f41fabda-0000-4000-8000-000000000000' } }),
}, null, 2)

test('the JavaScript SDK\'s GraphError as JSON keeps its statusCode: "Access to OData is disabled" is Exchange\'s REST block list', () => {
  const [exchange] = parseInput(graphErrorJson('Access to OData is disabled.'), 'x.json')
  assert.ok(exchange !== undefined)
  assert.equal(exchange.response?.status, 403)
  const result = diagnoseExchange(exchange, { permissions: catalogue() })
  assert.equal(result.findings[0]?.id, 'resource-policy')
  assert.match(textOf(findingOf(result, 'resource-policy')), /EwsApplicationAccessPolicy/)
})

test('a 403 that is a service limit ("has reached its limit") is no permission matter', () => {
  const [exchange] = parseInput(graphErrorJson("App 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' has reached its limit of '1000' for subscriptions on mailbox 'adele@contoso.example'."), 'x.json')
  assert.ok(exchange !== undefined)
  const result = diagnoseExchange(exchange, { permissions: catalogue() })
  assert.deepEqual(ids(result), ['not-authorization-error'])
  assert.match(findingOf(result, 'not-authorization-error').detail, /service limit/)
  assert.match(fixOf(result, 'not-authorization-error'), /DELETE \/subscriptions\/\{id\}/)
})

test('Intune denied to a delegated token holding the permission: an Intune role and an Intune licence', () => {
  const nested = JSON.stringify({ ErrorCode: 'Forbidden', Message: JSON.stringify({ _version: 3, Message: 'An error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 4c1f9092-0000-4000-8000-000000000000 - Url: https://fef.example.manage.microsoft.com/DeviceFE/StatelessDeviceFEService/deviceManagement/managedDevices?api-version=2018-05-24', CustomApiErrorPhrase: '', RetryAfter: null }) })
  const result = run(call({ url: `${G}/deviceManagement/managedDevices`, token: delegatedToken({ scp: 'openid DeviceManagementManagedDevices.Read.All', wids: [] }), status: 403, body: graphError('UnknownError', nested) }), { withCatalogue: true })
  const finding = findingOf(result, 'user-not-privileged')
  assert.match(finding.detail, /lacks an Intune role, or an Intune licence/)
  assert.match(finding.fix.join('\n'), /Intune Administrator, or an Intune role/)
  assert.match(finding.fix.join('\n'), /Intune licence/)
  // Near miss: a directory write denied the same way names no Intune licence.
  const users = run(call({ method: 'POST', url: `${G}/users`, token: delegatedToken({ scp: 'openid User.ReadWrite.All', wids: [] }), requestBody: '{}', status: 403, body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') }), { withCatalogue: true })
  assert.doesNotMatch(textOf(findingOf(users, 'user-not-privileged')), /Intune/)
})

test('every fix of these answers survives the output redaction (the password-reset roles were printed "[redacted, 8 chars] Administrator")', () => {
  const password = run(call({ method: 'PATCH', url: `${G}/users/ceo@contoso.example`, token: delegatedToken({ scp: 'openid User.ReadWrite.All' }), requestBody: '{"passwordProfile":{"password":"x"}}', status: 403, body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') }), { withCatalogue: true })
  const steps = findingOf(password, 'password-reset').fix
  assert.ok(steps.some((step) => step.includes('Helpdesk Administrator')))
  for (const step of steps) assert.equal(redactSecrets(step), step)
})

const signInText = (text: string): DiagnosisResult => {
  const [exchange] = parseInput(text, 'x.txt')
  assert.ok(exchange !== undefined)
  return diagnoseExchange(exchange)
}

test('AADSTS700082 (refresh token expired by inactivity) is a session that ended, not MFA or Conditional Access', () => {
  const finding = findingOf(signInText('ERROR: AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2026-08-01T10:00:00.0000000Z and was inactive for 90.00:00:00. Trace ID: 1 Correlation ID: 2 Timestamp: 2026-11-20 10:00:00Z\n'), 'interaction-required')
  assert.match(finding.detail, /session or refresh token has expired or was revoked/)
  assert.doesNotMatch(finding.fix.join('\n'), /Conditional Access policy applied/)
  assert.match(finding.fix.join('\n'), /az login/)
  // Near miss: AADSTS50076 keeps the MFA reading and the sign-in log step.
  const mfa = findingOf(signInText("AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.\n"), 'interaction-required')
  assert.match(mfa.detail, /MFA or a Conditional Access policy/)
  assert.match(mfa.fix.join('\n'), /Conditional Access policy applied/)
})

test('AADSTS500011 naming Graph with a version path: the scope is the host alone', () => {
  const body = (resource: string): string => JSON.stringify({ error: 'invalid_resource', error_description: `AADSTS500011: The resource principal named ${resource} was not found in the tenant named Contoso. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`, error_codes: [500011] })
  const fix = findingOf(signInText(body('https://graph.microsoft.com/v1.0')), 'token-request-failed').fix.join('\n')
  assert.match(fix, /scope `https:\/\/graph\.microsoft\.com\/\.default`/)
  // Near miss: another API's resource gets the table's fix only.
  assert.doesNotMatch(findingOf(signInText(body('api://contoso-api')), 'token-request-failed').fix.join('\n'), /belongs in the call's URL/)
})

test('a B2C tenant on a workforce-only API (403 AADB2C) is no permission matter; another 403 still is', () => {
  const b2c = signInText(`ERROR: Forbidden({"error":{"code":"AADB2C","message":"'' is an Azure AD B2C directory. Access to this Api can only be made for an Azure AD directory (non b2c).","innerError":{"date":"2026-11-20T10:00:00","request-id":"r"}}})\n`)
  assert.deepEqual(ids(b2c), ['not-authorization-error'])
  assert.match(findingOf(b2c, 'not-authorization-error').fix.join('\n'), /b2cUserFlows/)
  // With an app-only token that holds an accepted permission, no resource-level control is claimed either.
  const withToken = run(call({ method: 'POST', url: `${G}/identity/b2xUserFlows`, token: appOnlyToken({ roles: ['IdentityUserFlow.ReadWrite.All'] }), requestBody: '{}', status: 403, body: graphError('AADB2C', "'' is an Azure AD B2C directory. Access to this Api can only be made for an Azure AD directory (non b2c).") }), { withCatalogue: true })
  assert.deepEqual(ids(withToken), ['not-authorization-error'])
  assert.ok(ids(signInText('ERROR: Forbidden({"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}})\n')).includes('permission-missing'))
})

test('Sites.Selected cannot search sites: address the granted site directly; a site by path keeps the grant answer', () => {
  const search = findingOf(run(call({ url: `${G}/sites?search=Finance`, token: appOnlyToken({ roles: ['Sites.Selected'] }), status: 403, body: graphError('accessDenied', 'Access denied') }), { withCatalogue: true }), 'resource-policy')
  assert.match(search.detail, /never lists or searches sites/)
  assert.match(search.fix.join('\n'), /GET \/sites\/\{hostname\}:\/sites\/\{site-path\}/)
  const byPath = findingOf(run(call({ url: `${G}/sites/contoso.sharepoint.com:/sites/Finance`, token: appOnlyToken({ roles: ['Sites.Selected'] }), status: 403, body: graphError('accessDenied', 'Access denied') }), { withCatalogue: true }), 'resource-policy')
  assert.match(byPath.detail, /this site has no grant for it/)
})

test('a Python httpx error names the call: "Client error \'403 Forbidden\' for url \'…\'"', () => {
  const [exchange] = parseInput("httpx.HTTPStatusError: Client error '403 Forbidden' for url 'https://graph.microsoft.com/v1.0/sites?search=Finance'\nHTTP error 403: b'{\"error\":{\"code\":\"accessDenied\",\"message\":\"Access denied\"}}'\n", 'x.txt')
  assert.equal(exchange?.request?.url, `${G}/sites?search=Finance`)
  assert.equal(exchange?.response?.status, 403)
})

test('invalid_scope quoting /.default beside other scopes: /.default stands alone; a scope without /.default gets no such step', () => {
  const body = (scope: string): string => JSON.stringify({ error: 'invalid_scope', error_description: `AADSTS28002: Provided value for the input parameter scope '${scope}' is not valid when requesting an access token. Please specify a valid scope.`, error_codes: [28002] })
  assert.match(findingOf(signInText(body('https://graph.microsoft.com/.default offline_access')), 'token-request-failed').fix.join('\n'), /\/\.default stands alone/)
  assert.doesNotMatch(findingOf(signInText(body('https://graph.microsoft.com/User.Reed')), 'token-request-failed').fix.join('\n'), /stands alone/)
})
