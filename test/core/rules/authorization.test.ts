import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { appOnlyToken, delegatedToken, FAKE_APP, FAKE_TENANT } from '../../helpers/tokens.js'
import { call, findingOf, graphError, ids, run, textOf } from './helpers.js'

const GRAPH = 'https://graph.microsoft.com/v1.0'
const DENIED = graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
const EXO_DENIED = graphError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.')

describe('permission-missing with the catalogue', () => {
  it('names the least-privileged delegated permission, the consent and the commands', () => {
    const result = run(call({ url: `${GRAPH}/users`, token: delegatedToken(), status: 403, body: DENIED }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['permission-missing'])
    const finding = result.findings[0]!
    assert.equal(finding.permission?.scheme, 'DelegatedWork')
    assert.equal(finding.permission?.leastPrivileged, 'User.ReadBasic.All')
    assert.deepEqual(finding.permission?.granted, ['User.Read'])
    assert.match(finding.fix[0]!, /^Add User\.ReadBasic\.All, the least-privileged delegated permission for this call \(work or school account\)/)
    assert.match(finding.fix[1]!, /^Higher-privileged permissions that this call also accepts: User\.Read\.All, User\.ReadWrite\.All/)
    assert.ok(finding.fix.some((step) => step.startsWith('Azure CLI:\naz ad app permission add --id ' + FAKE_APP)), 'one command per line after the prose')
    assert.deepEqual(finding.actions?.scopes, ['User.ReadBasic.All'])
    assert.equal(finding.actions?.consentUrl, `https://login.microsoftonline.com/${FAKE_TENANT}/adminconsent?client_id=${FAKE_APP}`)
    assert.match(finding.actions?.azCli?.[0] ?? '', new RegExp(`^az ad app permission add --id ${FAKE_APP} --api 00000003-0000-0000-c000-000000000000 --api-permissions [0-9a-f-]{36}=Scope$`))
    assert.match(finding.actions?.powershell?.[0] ?? '', /^Connect-MgGraph /)
    assert.equal(finding.actions?.roleToAssign, undefined)
  })

  it('names the application permission and the admin-consent URL for an app-only token', () => {
    const result = run(call({ url: `${GRAPH}/users/adele@contoso.example/messages`, token: appOnlyToken({ roles: ['User.Read.All'] }), status: 403, body: EXO_DENIED }), { withCatalogue: true })
    const finding = findingOf(result, 'permission-missing')
    assert.equal(finding.permission?.scheme, 'Application')
    assert.equal(finding.permission?.leastPrivileged, 'Mail.ReadBasic.All')
    assert.ok(finding.fix.some((step) => step.includes(`https://login.microsoftonline.com/${FAKE_TENANT}/adminconsent?client_id=${FAKE_APP}`) && /always need admin consent/.test(step)))
    assert.ok(finding.fix.some((step) => step.includes('https://graph.microsoft.com/.default')))
    assert.deepEqual(finding.actions?.scopes, ['https://graph.microsoft.com/.default'])
    assert.match(finding.actions?.azCli?.join('\n') ?? '', /=Role\naz ad app permission admin-consent --id /)
  })

  it('uses the cloud of the request for the scope to request', () => {
    const token = delegatedToken({ aud: 'https://graph.microsoft.us', iss: `https://login.microsoftonline.us/${FAKE_TENANT}/` })
    const result = run(call({ url: 'https://graph.microsoft.us/v1.0/users', token, status: 403, body: DENIED }), { withCatalogue: true })
    const finding = findingOf(result, 'permission-missing')
    assert.ok(finding.fix.some((step) => step.includes('https://graph.microsoft.us/User.ReadBasic.All')))
    assert.ok(finding.fix.some((step) => step.includes('https://login.microsoftonline.us/')))
  })

  it('does not fire when the token holds the least-privileged permission and the call succeeded', () => {
    const token = delegatedToken({ scp: 'User.ReadBasic.All' })
    assert.deepEqual(ids(run(call({ url: `${GRAPH}/users`, token, status: 200, body: { value: [] } }), { withCatalogue: true })), [])
  })
})

describe('permission-missing without the catalogue', () => {
  it('reads the Teams "API requires one of" message', () => {
    const body = graphError('Forbidden', "Missing scope permissions on the request. API requires one of 'Chat.Read, Chat.ReadWrite'. Scopes on the request 'User.Read'")
    const finding = findingOf(run(call({ url: `${GRAPH}/chats/19:abc/messages`, token: delegatedToken(), status: 403, body })), 'permission-missing')
    assert.deepEqual(finding.permission?.accepted, ['Chat.Read', 'Chat.ReadWrite'])
    assert.deepEqual(finding.permission?.granted, ['User.Read'])
  })

  it('falls back to a generic 403 and says the exact permission needs graph-doctor data update', () => {
    const finding = findingOf(run(call({ url: `${GRAPH}/users`, token: delegatedToken(), status: 403, body: DENIED })), 'permission-missing')
    assert.ok(finding.fix.some((step) => step.includes('graph-doctor data update')))
    assert.equal(finding.permission, undefined)
  })
})

describe('token-type-mismatch', () => {
  it('fires for the 400 "/me request is only valid with delegated authentication flow." and says it is a 400 today', () => {
    const body = graphError('BadRequest', '/me request is only valid with delegated authentication flow.')
    const result = run(call({ url: `${GRAPH}/me/messages`, token: appOnlyToken({ roles: ['Mail.Read'] }), status: 400, body }))
    assert.deepEqual(ids(result), ['token-type-mismatch'], 'not also not-authorization-error')
    assert.match(result.findings[0]!.detail, /400/)
    assert.ok(result.findings[0]!.fix.some((step) => step.includes('/users/{user-id}/messages')))
  })

  it('fires for an app-only token on /me even when Graph answered 403 without the 400 message', () => {
    const result = run(call({ url: `${GRAPH}/me/messages`, token: appOnlyToken({ roles: ['Mail.Read'] }), status: 403, body: graphError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.') }))
    assert.deepEqual(ids(result), ['token-type-mismatch'])
  })

  it('fires for an app-only token with no roles at all', () => {
    const body = graphError('AccessDenied', 'Either scp or roles claim need to be present in the token.')
    const result = run(call({ url: `${GRAPH}/sites/root`, token: appOnlyToken({ roles: [] }), status: 403, body }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['token-type-mismatch'])
    assert.match(result.findings[0]!.fix[0]!, /APPLICATION permissions/)
  })

  it('fires for a delegated token on an application-only API and names the application permission', () => {
    const result = run(call({ method: 'POST', url: `${GRAPH}/communications/calls`, token: delegatedToken(), status: 403, body: graphError('Forbidden', '') }), { withCatalogue: true })
    const finding = findingOf(result, 'token-type-mismatch')
    assert.equal(finding.permission?.leastPrivileged, 'Calls.Initiate.All')
    assert.ok(!ids(result).includes('permission-missing'))
  })

  it('fires for an app-only token where the data lists only a hidden application permission, and names the delegated one', () => {
    const url = `${GRAPH}/security/securityCopilot/workspaces/w1/sessions/s1/prompts/p1`
    const result = run(call({ method: 'PATCH', url, token: appOnlyToken({ roles: ['AuditLog.Read.All'] }), status: 403, body: graphError('Forbidden', '') }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['token-type-mismatch'], 'not "needs one of 0 application permissions"')
    assert.equal(findingOf(result, 'token-type-mismatch').permission?.leastPrivileged, 'SecurityCopilotWorkspaces.ReadWrite.All')
  })

  it('does not claim an application-only API when neither a work-account nor an application permission can be granted', () => {
    const result = run(call({ url: `${GRAPH}/me/settings/windows`, token: delegatedToken(), status: 403, body: graphError('Forbidden', '') }), { withCatalogue: true })
    const finding = findingOf(result, 'token-type-mismatch')
    assert.doesNotMatch(finding.detail, /application permissions only/)
    assert.match(finding.detail, /DelegatedPersonal only/)
  })
})

describe('password-reset', () => {
  const PATCH_BODY = '{"passwordProfile":{"forceChangePasswordNextSignIn":true,"password":"Pa55-w0rd!Secret"}}'

  it('gives today\'s app-only rule for passwordProfile and says the 2021 article is out of date', () => {
    const exchange = call({ method: 'PATCH', url: `${GRAPH}/users/bob@contoso.example`, token: appOnlyToken({ roles: ['User.ReadWrite.All'] }), status: 403, body: DENIED, requestBody: PATCH_BODY })
    const result = run(exchange, { withCatalogue: true })
    assert.deepEqual(ids(result), ['password-reset'])
    const text = textOf(result.findings[0]!)
    assert.match(text, /User-PasswordProfile\.ReadWrite\.All/)
    assert.match(text, /User Administrator/)
    assert.match(text, /Privileged Authentication Administrator/)
    assert.match(text, /out of date/)
    assert.ok(!JSON.stringify(result).includes('Pa55-w0rd!Secret'), 'the password never reaches the output')
    const actions = result.findings[0]!.actions
    assert.deepEqual(actions?.roleToAssign, { name: 'User Administrator', templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', assignee: 'app' })
    assert.deepEqual(actions?.scopes, ['https://graph.microsoft.com/.default'])
    assert.match(actions?.powershell?.[0] ?? '', /^New-MgRoleManagementDirectoryRoleAssignment -PrincipalId \S+ -RoleDefinitionId fe930be7-5e62-47db-91af-98c3a49a38b1 -DirectoryScopeId '\/'$/)
  })

  it('says resetPassword is delegated only', () => {
    const url = `${GRAPH}/users/bob@contoso.example/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword`
    const result = run(call({ method: 'POST', url, token: appOnlyToken({ roles: ['UserAuthenticationMethod.ReadWrite.All'] }), status: 403, body: DENIED }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['password-reset'])
    assert.match(result.findings[0]!.detail, /delegated permissions only/)
  })

  it('says changePassword works on /me only', () => {
    const body = graphError('Authorization_RequestDenied', 'Access to change password operation is denied.')
    const result = run(call({ method: 'POST', url: `${GRAPH}/users/bob@contoso.example/changePassword`, token: delegatedToken(), status: 403, body }))
    assert.match(textOf(findingOf(result, 'password-reset')), /\/me\/changePassword/)
  })

  it('shows the request path as sent (case kept, no query), not the lower-cased form it is matched with', () => {
    const url = `${GRAPH}/users/Bob.Smith@Contoso.example/Authentication/Methods/28c10230-6103-485e-b985-444c60001490/resetPassword?x=1`
    const finding = findingOf(run(call({ method: 'POST', url, token: appOnlyToken({ roles: ['UserAuthenticationMethod.ReadWrite.All'] }), status: 403, body: DENIED })), 'password-reset')
    const line = finding.evidence.find((item) => item.field === 'method and path')
    assert.equal(line?.value, 'POST /v1.0/users/Bob.Smith@Contoso.example/Authentication/Methods/28c10230-6103-485e-b985-444c60001490/resetPassword')
  })

  it('does not fire for a PATCH of a user without passwordProfile', () => {
    const exchange = call({ method: 'PATCH', url: `${GRAPH}/users/bob@contoso.example`, token: appOnlyToken({ roles: ['User.Read.All'] }), status: 403, body: DENIED, requestBody: '{"jobTitle":"Engineer"}' })
    assert.ok(!ids(run(exchange)).includes('password-reset'))
  })
})

describe('user-not-privileged and resource-policy', () => {
  it('blames the signed-in user\'s role when the delegated token holds an accepted permission', () => {
    const token = delegatedToken({ scp: 'User.ReadWrite.All' })
    const result = run(call({ method: 'PATCH', url: `${GRAPH}/users/bob@contoso.example`, token, status: 403, body: DENIED, requestBody: '{"jobTitle":"x"}' }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['user-not-privileged'])
    const text = textOf(result.findings[0]!)
    assert.match(text, /User Administrator/)
    assert.match(text, /Default member user/)
    assert.deepEqual(result.findings[0]!.actions, { roleToAssign: { name: 'User Administrator', templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', assignee: 'user' } })
  })

  it('blames an Exchange application access policy when the app-only token holds Mail.Read', () => {
    const result = run(call({ url: `${GRAPH}/users/ceo@contoso.example/messages`, token: appOnlyToken({ roles: ['Mail.Read'] }), status: 403, body: EXO_DENIED }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['resource-policy'])
    assert.match(textOf(result.findings[0]!), /Test-ApplicationAccessPolicy/)
  })

  it('recognises Sites.Selected without a site grant even without the catalogue', () => {
    const result = run(call({ url: `${GRAPH}/sites/contoso.sharepoint.com:/sites/finance`, token: appOnlyToken({ roles: ['Sites.Selected'] }), status: 403, body: graphError('accessDenied', 'Access denied') }))
    assert.deepEqual(ids(result), ['resource-policy'])
    assert.match(textOf(result.findings[0]!), /\/sites\/\{site-id\}\/permissions/)
  })

  it('on a directory object the app holds the permission for, names the directory role of its service principal (an admin user changed app-only)', () => {
    const denied = graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
    const result = run(call({ method: 'PATCH', url: `${GRAPH}/users/admin@contoso.example`, token: appOnlyToken({ roles: ['User.ReadWrite.All'] }), status: 403, body: denied, requestBody: '{"mobilePhone":"+1 555 0100"}' }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['resource-policy'])
    const text = textOf(result.findings[0]!)
    assert.match(text, /Privileged Authentication Administrator/)
    assert.ok(!/ownership, sharing/.test(text), 'not the generic "resource settings" step')
    assert.ok(result.findings[0]!.links.some((link) => link.url.includes('who-can-perform-sensitive-actions')))
  })

  it('near miss: the same denial on a Teams path keeps its own variant, not the directory role', () => {
    const denied = graphError('Forbidden', 'Forbidden')
    const result = run(call({ url: `${GRAPH}/teams/6f996ed6-0000-4000-8000-00000000aaaa/channels`, token: appOnlyToken({ roles: ['Channel.ReadBasic.All'] }), status: 403, body: denied }), { withCatalogue: true })
    assert.ok(!/Privileged Authentication Administrator/.test(textOf(result.findings[0]!)))
  })

  it('near miss: a denied read of a directory resource (reports, msgraph-sdk-dotnet#1751) is no directory-role matter', () => {
    const body = { error: { code: 'MissingCredentials', message: 'Valid Authorization header is needed.' } }
    const result = run(call({ url: `${GRAPH}/reports/getOneDriveActivityUserCounts(period='D180')`, token: appOnlyToken({ roles: ['Reports.Read.All'] }), status: 403, body }), { withCatalogue: true })
    assert.ok(!/Privileged Authentication Administrator|administrator role/.test(result.findings.map(textOf).join('\n')))
  })

  it('recognises the RAOP message of an application access policy', () => {
    const body = graphError('ErrorAccessDenied', 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.')
    assert.deepEqual(ids(run(call({ url: `${GRAPH}/users/x/messages`, token: appOnlyToken({ roles: ['Mail.Read'] }), status: 403, body }))), ['resource-policy'])
  })
})

describe('user-not-licensed', () => {
  it('fires for MailboxNotEnabledForRESTAPI and names the Exchange licence', () => {
    const body = graphError('MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.')
    const result = run(call({ url: `${GRAPH}/me/messages`, token: delegatedToken({ scp: 'Mail.Read' }), status: 404, body }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['user-not-licensed'])
    assert.match(result.findings[0]!.fix[0]!, /Exchange Online/)
  })

  it('fires for a tenant without a premium licence', () => {
    const body = graphError('Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license")
    const result = run(call({ url: `${GRAPH}/auditLogs/signIns`, token: delegatedToken({ scp: 'AuditLog.Read.All' }), status: 403, body }), { withCatalogue: true })
    assert.equal(result.findings[0]?.id, 'user-not-licensed')
    assert.match(result.findings[0]!.fix[0]!, /P1/)
  })
})

describe('not-authorization-error, endpoint-unknown and healthy calls', () => {
  it('fires for 429 and quotes Retry-After', () => {
    const result = run(call({ url: `${GRAPH}/me/messages`, token: delegatedToken(), status: 429, responseHeaders: [['Retry-After', '37']], body: graphError('TooManyRequests', 'Too many requests') }))
    assert.deepEqual(ids(result), ['not-authorization-error'])
    assert.equal(result.findings[0]!.severity, 'warning')
    assert.match(result.findings[0]!.fix[0]!, /37 seconds/)
  })

  it('fires for a 503 and a plain 404', () => {
    assert.deepEqual(ids(run(call({ url: `${GRAPH}/me`, token: delegatedToken(), status: 503 }))), ['not-authorization-error'])
    assert.deepEqual(ids(run(call({ url: `${GRAPH}/users/nobody`, token: delegatedToken(), status: 404, body: graphError('Request_ResourceNotFound', "Resource 'nobody' does not exist") }))), ['not-authorization-error'])
  })

  it('adds endpoint-unknown (info) for an uncatalogued path and still diagnoses the 403', () => {
    const result = run(call({ url: `${GRAPH}/noSuchThing/abc`, token: delegatedToken(), status: 403, body: graphError('Forbidden', '') }), { withCatalogue: true })
    assert.deepEqual(ids(result), ['permission-missing', 'endpoint-unknown'])
    assert.equal(result.findings[1]!.severity, 'info')
  })

  it('has no error or warning for a healthy 200 with a good token, with or without the catalogue', () => {
    for (const withCatalogue of [false, true]) {
      const result = run(call({ url: `${GRAPH}/me`, token: delegatedToken(), status: 200, body: { id: '1' } }), { withCatalogue })
      assert.deepEqual(result.findings.filter((finding) => finding.severity !== 'info'), [])
    }
  })
})

describe('resource-policy: membership changes of a role-assignable group', () => {
  it('an app with GroupMember.ReadWrite.All denied adding a member is told about RoleManagement.ReadWrite.Directory, not admin users', () => {
    const denied = graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
    const result = run(call({ method: 'POST', url: `${GRAPH}/groups/6f996ed6-0000-4000-8000-00000000aaaa/members/$ref`, token: appOnlyToken({ roles: ['GroupMember.ReadWrite.All'] }), status: 403, body: denied, requestBody: '{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/x"}' }), { withCatalogue: true })
    const text = textOf(findingOf(result, 'resource-policy'))
    assert.match(text, /isAssignableToRole/)
    assert.match(text, /RoleManagement\.ReadWrite\.Directory/)
    assert.doesNotMatch(text, /Privileged Authentication Administrator/)
  })
})

describe('user-not-privileged: usage reports', () => {
  it('a delegated Reports.Read.All denied names the reports roles', () => {
    const body = graphError('UnknownError', '{"error":{"code":"S2SUnauthorized","message":"Invalid permission."}}')
    const result = run(call({ url: `${GRAPH}/reports/getOffice365ActiveUserDetail(period='D7')`, token: delegatedToken({ scp: 'Reports.Read.All User.Read' }), status: 403, body }), { withCatalogue: true })
    assert.match(textOf(findingOf(result, 'user-not-privileged')), /Reports Reader or Global Reader/)
  })
})
