// Real-world causes of session 12 (answ4): which control or rule of the workload really denied the call.
// Shapes after public reports, all ids synthetic: microsoftgraph/msgraph-sdk-dotnet#2350 (online meeting,
// "No application access policy found for this app."), microsoftgraph/microsoft-graph-docs#12135 (creating
// online meetings app-only needs the Teams application access policy).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appOnlyToken, delegatedToken } from '../../helpers/tokens.js'
import { call, findingOf, graphError, ids, run, textOf, tokenError } from './helpers.js'

const G = 'https://graph.microsoft.com/v1.0'
const USER = '64c53a6c-0000-4000-8000-000000000001'

test('an app-only online meeting call denied for want of a Teams application access policy gets the Teams cmdlets, not Exchange\'s', () => {
  const named = run(call({ url: `${G}/users/${USER}/onlineMeetings/MSo0Yjc1`, token: appOnlyToken({ roles: ['OnlineMeetings.Read.All'] }), status: 403, body: graphError('General', 'No application access policy found for this app.') }), { withCatalogue: true })
  const finding = findingOf(named, 'resource-policy')
  assert.match(textOf(finding), /New-CsApplicationAccessPolicy -Identity "Meetings-App-Policy" -AppIds "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"/)
  assert.match(textOf(finding), /Grant-CsApplicationAccessPolicy -PolicyName "Meetings-App-Policy" -Identity "<user object id>"/)
  assert.doesNotMatch(textOf(finding), /Test-ApplicationAccessPolicy|New-ManagementScope/)
  assert.ok(finding.links.some((link) => link.url.endsWith('cloud-communication-online-meeting-application-access-policy')))

  const created = run(call({ method: 'POST', url: `${G}/users/${USER}/onlineMeetings`, token: appOnlyToken({ roles: ['OnlineMeetings.ReadWrite.All'] }), status: 403, body: graphError('Forbidden', 'Application does not have permission to Create online meeting on behalf of this user.'), requestBody: '{"subject":"x"}' }), { withCatalogue: true })
  assert.match(textOf(findingOf(created, 'resource-policy')), /Grant-CsApplicationAccessPolicy/)
})

test('near miss: a meeting call without the OnlineMeetings permission is a missing permission, and a mailbox policy stays Exchange\'s', () => {
  const missing = run(call({ url: `${G}/users/${USER}/onlineMeetings/MSo0Yjc1`, token: appOnlyToken({ roles: ['User.Read.All'] }), status: 403, body: graphError('Forbidden', 'Forbidden') }), { withCatalogue: true })
  assert.deepEqual(ids(missing).slice(0, 1), ['permission-missing'])
  const mailbox = run(call({ url: `${G}/users/${USER}/messages`, token: appOnlyToken({ roles: ['Mail.Read'] }), status: 403, body: graphError('ErrorAccessDenied', 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.') }), { withCatalogue: true })
  assert.match(textOf(findingOf(mailbox, 'resource-policy')), /Test-ApplicationAccessPolicy/)
  assert.doesNotMatch(textOf(findingOf(mailbox, 'resource-policy')), /CsApplicationAccessPolicy/)
})

// microsoftgraph/microsoft-graph-docs#11575 and #14074: Graph says only "Unsupported Query." or names the
// operator; the query shows it is an advanced one.
test('a bare Request_UnsupportedQuery on an advanced query (endswith, ne, $search, encoded or not) gets the ConsistencyLevel fix', () => {
  for (const query of ["$filter=endswith(mail,'@contoso.example')", '%24filter=accountEnabled%20ne%20true', '$filter=not(startsWith(displayName,%27a%27))', '$search="displayName:ade"']) {
    const result = run(call({ url: `${G}/users?${query}`, token: appOnlyToken({ roles: ['User.Read.All'] }), status: 400, body: graphError('Request_UnsupportedQuery', 'Unsupported Query.') }))
    assert.match(findingOf(result, 'not-authorization-error').fix.join('\n'), /ConsistencyLevel: eventual` and add `\$count=true/, query)
  }
})

test('near miss: an advanced query that already asks for eventual consistency, or a plain filter, is not told to add the header', () => {
  const asked = run(call({ url: `${G}/users?$filter=endswith(displayName,'x')&$count=true`, token: appOnlyToken({ roles: ['User.Read.All'] }), status: 400, body: graphError('Request_UnsupportedQuery', 'Unsupported Query.'), requestHeaders: [['ConsistencyLevel', 'eventual']] }))
  const fix = findingOf(asked, 'not-authorization-error').fix.join('\n')
  assert.doesNotMatch(fix, /Send the request header/)
  assert.match(fix, /operator the property supports/)
  const plain = run(call({ url: `${G}/users?$filter=department eq 'x'`, token: appOnlyToken({ roles: ['User.Read.All'] }), status: 400, body: graphError('Request_UnsupportedQuery', 'Unsupported Query.') }))
  assert.doesNotMatch(findingOf(plain, 'not-authorization-error').fix.join('\n'), /ConsistencyLevel/)
})

test('a 402 Payment Required is a metered API without billing: the Azure subscription link, with today\'s Teams exemption', () => {
  const result = run(call({ url: `${G}/users/${USER}/chats/getAllMessages`, token: appOnlyToken({ roles: ['Chat.Read.All'] }), status: 402, body: graphError('PaymentRequired', 'To call this API, the app must be associated with an Azure subscription, see https://aka.ms/teams-api-payment-requirements for details.') }))
  const finding = findingOf(result, 'not-authorization-error')
  assert.match(finding.fix.join('\n'), /az graph-services account create --resource-group <group> --resource-name <name> --app-id aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee --location Global/)
  assert.match(finding.fix.join('\n'), /no longer metered since 25 August 2025/)
  assert.ok(finding.links.some((link) => link.url.endsWith('metered-api-list')))
  const conflict = run(call({ method: 'PATCH', url: `${G}/users/${USER}`, token: appOnlyToken({ roles: ['User.ReadWrite.All'] }), status: 412, body: graphError('PreconditionFailed', 'The ETag does not match.') }))
  assert.doesNotMatch(textOf(findingOf(conflict, 'not-authorization-error')), /metered|graph-services/)
})

// microsoftgraph/microsoft-graph-docs-contrib#2080: "Requested API is not supported in application-only context".
test('"not supported in application-only context" is the token kind, not a request conflict', () => {
  const post = run(call({ method: 'POST', url: `${G}/chats/19:abc@unq.gbl.spaces/messages`, token: appOnlyToken({ roles: ['Chat.ReadWrite.All'] }), status: 412, body: graphError('PreconditionFailed', 'Requested API is not supported in application-only context'), requestBody: '{"body":{"content":"hi"}}' }), { withCatalogue: true })
  assert.deepEqual(ids(post), ['token-type-mismatch'])
  assert.match(textOf(findingOf(post, 'token-type-mismatch')), /ChatMessage\.Send/)
  const other = run(call({ url: `${G}/users/${USER}/presence`, token: appOnlyToken({ roles: ['Presence.Read.All'] }), status: 403, body: graphError('Forbidden', 'Requested API is not supported in application-only context') }))
  assert.match(findingOf(other, 'token-type-mismatch').detail, /not supported with an app-only token: this call needs a signed-in user/)
})

test('near miss: a 412 ETag conflict stays a request conflict', () => {
  const result = run(call({ method: 'PATCH', url: `${G}/planner/tasks/abc`, token: appOnlyToken({ roles: ['Tasks.ReadWrite.All'] }), status: 412, body: graphError('PreconditionFailed', 'The If-Match header value does not match.') }))
  assert.deepEqual(ids(result), ['not-authorization-error'])
})

// microsoftgraph/microsoft-graph-docs#19105 (Get-MgTeamTag) and OfficeDev/microsoft-teams-library-js#2341 (RSC).
test('an app-only call asked for delegated-only names is not told to add an application permission that does not exist', () => {
  const result = run(call({ url: `${G}/teams/6f996ed6-0000-4000-8000-000000000211/tags`, token: appOnlyToken({ roles: ['TeamSettings.Read.All', 'TeamworkTag.Read.All'] }), status: 403, body: graphError('Forbidden', "Missing role permissions on the request. API requires one of 'TeamworkTag.Read, TeamworkTag.ReadWrite'. Roles on the request 'TeamSettings.Read.All, TeamworkTag.Read.All'.") }), { withCatalogue: true })
  const finding = findingOf(result, 'permission-missing')
  assert.match(finding.detail, /exist only as delegated permissions: there is no application permission by these names/)
  assert.match(finding.detail, /already holds TeamworkTag\.Read\.All/)
  assert.doesNotMatch(textOf(finding), /Add TeamworkTag\.Read, the least-privileged application permission|appRoles\[\?value=='TeamworkTag\.Read'\]/)
  assert.match(finding.fix.join('\n'), /request-id and date/)
})

test('near miss: when the service names a real application permission, it is still the fix', () => {
  const result = run(call({ url: `${G}/teams/6f996ed6-0000-4000-8000-000000000211/members`, token: appOnlyToken({ roles: ['User.Read.All'] }), status: 403, body: graphError('Forbidden', "Missing role permissions on the request. API requires one of 'TeamMember.Read.All, TeamMember.ReadWrite.All'. Roles on the request 'User.Read.All'.") }), { withCatalogue: true })
  assert.match(findingOf(result, 'permission-missing').fix.join('\n'), /Add TeamMember\.Read\.All, the least-privileged application permission/)
})

test('a request carrying only Group.Selected leads with the missing resource-specific consent in that team', () => {
  const message = "Missing role permissions on the request. API requires one of 'TeamMember.Read.All, TeamMember.ReadWrite.All, Group.Read.All, Group.ReadWrite.All, TeamMember.Read.Group, Member.Read.Group'. Roles on the request 'Group.Selected'"
  const result = run(call({ url: `${G}/teams/6f996ed6-0000-4000-8000-000000000212/members`, token: appOnlyToken({ roles: ['Group.Selected'] }), status: 403, body: graphError('Forbidden', message) }), { withCatalogue: true })
  const finding = findingOf(result, 'permission-missing')
  assert.match(finding.detail, /carried only resource-specific consent/)
  assert.match(finding.fix[0] ?? '', /reinstall\) the Teams app in this team or chat, its manifest declaring TeamMember\.Read\.Group or Member\.Read\.Group/)
  const tenantWide = run(call({ url: `${G}/teams/6f996ed6-0000-4000-8000-000000000212/members`, token: appOnlyToken({ roles: ['User.Read.All'] }), status: 403, body: graphError('Forbidden', message.replace("'Group.Selected'", "'User.Read.All'")) }), { withCatalogue: true })
  assert.doesNotMatch(findingOf(tenantWide, 'permission-missing').detail, /resource-specific consent \(Group\.Selected/)
})

// microsoftgraph/microsoft-graph-docs#587: Files.ReadWrite on a group drive; MicrosoftDocs/msteams-docs#6285: guests.
test('own-files scopes on another drive lead with the .All scope, not with sharing', () => {
  const result = run(call({ url: `${G}/drives/b!Dt2kEgTITUWJLxbcXQAGxu4NnyTZPfBK/root/children`, token: delegatedToken({ scp: 'openid Files.ReadWrite User.Read' }), status: 403, body: graphError('unauthenticated', 'Access denied. You do not have permission to perform this action or access this resource.') }), { withCatalogue: true })
  const finding = findingOf(result, 'user-not-privileged')
  assert.match(finding.detail, /reach the signed-in user's own OneDrive alone; .* needs Files\.Read\.All/)
  assert.match(finding.fix[0] ?? '', /^Request the delegated scope Files\.Read\.All instead/)
})

test('near miss: Files.Read.All denied on another drive is about sharing, and the own drive is not this case', () => {
  const wide = run(call({ url: `${G}/drives/b!Dt2kEgTITUWJLxbcXQAGxu4NnyTZPfBK/root/children`, token: delegatedToken({ scp: 'openid Files.Read.All' }), status: 403, body: graphError('accessDenied', 'Access denied') }), { withCatalogue: true })
  assert.doesNotMatch(textOf(findingOf(wide, 'user-not-privileged')), /own OneDrive alone/)
  const own = run(call({ url: `${G}/me/drive/root/children`, token: delegatedToken({ scp: 'openid Files.ReadWrite' }), status: 403, body: graphError('accessDenied', 'Access denied') }), { withCatalogue: true })
  assert.ok(!ids(own).includes('user-not-privileged') || !/own OneDrive alone/.test(textOf(findingOf(own, 'user-not-privileged'))))
})

test('a guest (acct 1) denied a directory read is told about guest access settings', () => {
  const guest = delegatedToken({ scp: 'openid User.ReadBasic.All', acct: 1, wids: [] })
  const result = run(call({ url: `${G}/users?$select=displayName`, token: guest, status: 403, body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') }), { withCatalogue: true })
  const finding = findingOf(result, 'user-not-privileged')
  assert.match(finding.detail, /is a guest in this tenant/)
  assert.match(finding.fix.join('\n'), /External collaboration settings > Guest user access/)
  const member = run(call({ url: `${G}/users?$select=displayName`, token: delegatedToken({ scp: 'openid User.ReadBasic.All', acct: 0, wids: [] }), status: 403, body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') }), { withCatalogue: true })
  assert.doesNotMatch(textOf(findingOf(member, 'user-not-privileged')), /guest in this tenant/)
})

test('Sites.Selected denying a write names the grant\'s role, a read keeps the plain no-grant answer', () => {
  const write = run(call({ method: 'PUT', url: `${G}/sites/contoso.sharepoint.com,1111,2222/drive/root:/report.pdf:/content`, token: appOnlyToken({ roles: ['Sites.Selected'] }), status: 403, body: graphError('accessDenied', 'Access denied'), requestBody: 'x' }), { withCatalogue: true })
  const finding = findingOf(write, 'resource-policy')
  assert.match(finding.detail, /or a read grant while this call writes/)
  assert.match(finding.fix.join('\n'), /PATCH \/sites\/\{site-id\}\/permissions\/\{permission-id\} \{"roles":\["write"\]\}/)
  const read = run(call({ url: `${G}/sites/contoso.sharepoint.com,1111,2222/drive/root/children`, token: appOnlyToken({ roles: ['Sites.Selected'] }), status: 403, body: graphError('accessDenied', 'Access denied') }), { withCatalogue: true })
  assert.doesNotMatch(findingOf(read, 'resource-policy').detail, /read grant while this call writes/)
})

// MicrosoftDocs/azure-docs#96851 (TLS), microsoft-authentication-library-for-js#3088 (AADSTS9002313).
test('AADSTS1002016 gets the TLS 1.2 fix and AADSTS9002313 the usual causes of a malformed grant', () => {
  const tls = run(tokenError({ error: 'invalid_request', error_description: 'AADSTS1002016: You are using TLS version 1.0, 1.1 and/or 3DES cipher which are deprecated to improve the security posture of Azure AD.' }))
  const text = textOf(findingOf(tls, 'token-request-failed'))
  assert.match(text, /enable TLS 1\.2/)
  assert.doesNotMatch(text, /not in graph-doctor's table/)
  const grant = run(tokenError({ error: 'invalid_grant', error_description: 'AADSTS9002313: Invalid request. Request is malformed or invalid.', error_codes: [9002313] }))
  assert.match(textOf(findingOf(grant, 'token-request-failed')), /authorization code used twice/)
})

// microsoftgraph/microsoft-graph-docs-contrib#1802: PATCH a group's photo app-only.
test('AppOnlyTokenNotSupportedForGroupUpdate is the token kind, not a resource setting', () => {
  const result = run(call({ method: 'PATCH', url: `${G}/groups/cac47c2c-0000-4000-8000-000000000001/photo/$value`, token: appOnlyToken({ roles: ['Group.ReadWrite.All'] }), status: 403, body: graphError('AppOnlyTokenNotSupportedForGroupUpdate', "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ProfileAccessDeniedException' was thrown."), requestBody: 'x' }), { withCatalogue: true })
  assert.deepEqual(ids(result), ['token-type-mismatch'])
  assert.match(findingOf(result, 'token-type-mismatch').detail, /not supported with an app-only token/)
})

test('ErrorSendAsDenied on /me/sendMail is the missing Send As right on the from mailbox, not an unlicensed mailbox', () => {
  const body = JSON.stringify({ message: { subject: 'x', from: { emailAddress: { address: 'support@contoso.example' } }, toRecipients: [] } })
  const result = run(call({ method: 'POST', url: `${G}/me/sendMail`, token: delegatedToken({ scp: 'openid Mail.Send' }), status: 403, body: graphError('ErrorSendAsDenied', 'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account., Cannot submit message.'), requestBody: body }), { withCatalogue: true })
  assert.ok(!ids(result).includes('user-not-licensed'), ids(result).join())
  const finding = findingOf(result, 'user-not-privileged')
  assert.match(finding.detail, /no Send As \(or Send on Behalf\) right on support@contoso\.example/)
  assert.match(finding.fix.join('\n'), /Add-RecipientPermission -Identity support@contoso\.example -Trustee <user> -AccessRights SendAs/)
  assert.match(finding.fix.join('\n'), /Mail\.Send\.Shared/)
})

test('near miss: a plain 403 on the user\'s own sendMail with the right scope stays a mailbox licence matter', () => {
  const result = run(call({ method: 'POST', url: `${G}/me/sendMail`, token: delegatedToken({ scp: 'openid Mail.Send' }), status: 403, body: graphError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.'), requestBody: '{"message":{}}' }), { withCatalogue: true })
  assert.ok(ids(result).includes('user-not-licensed'))
})

test('a denied user change names administrative-unit scope; a blocked invitation names the collaboration settings', () => {
  const scoped = run(call({ method: 'PATCH', url: `${G}/users/outside@contoso.example`, token: delegatedToken({ scp: 'openid User.ReadWrite.All', wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'] }), status: 403, body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'), requestBody: '{"department":"Sales"}' }), { withCatalogue: true })
  assert.match(findingOf(scoped, 'user-not-privileged').fix.join('\n'), /administrative unit does not show in wids/)
  const read = run(call({ url: `${G}/auditLogs/signIns`, token: delegatedToken({ scp: 'openid AuditLog.Read.All', wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'] }), status: 403, body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') }), { withCatalogue: true })
  assert.doesNotMatch(textOf(findingOf(read, 'user-not-privileged')), /administrative unit/)
  const invite = run(call({ method: 'POST', url: `${G}/invitations`, token: appOnlyToken({ roles: ['User.Invite.All'] }), status: 403, body: graphError('Unauthorized', 'Guest invitations not allowed for your company. Contact your company administrator for more details.'), requestBody: '{"invitedUserEmailAddress":"x@fabrikam.example"}' }), { withCatalogue: true })
  const finding = findingOf(invite, 'resource-policy')
  assert.match(finding.detail, /external collaboration settings block this invitation/)
  assert.doesNotMatch(textOf(finding), /Privileged Authentication Administrator/)
})

test('the delegated-only-names answer links the known issues first (no consent helps)', () => {
  const result = run(call({ url: `${G}/teams/6f996ed6-0000-4000-8000-000000000211/tags`, token: appOnlyToken({ roles: ['TeamworkTag.Read.All'] }), status: 403, body: graphError('Forbidden', "Missing role permissions on the request. API requires one of 'TeamworkTag.Read, TeamworkTag.ReadWrite'. Roles on the request 'TeamworkTag.Read.All'.") }), { withCatalogue: true })
  const links = findingOf(result, 'permission-missing').links.map((link) => link.url)
  assert.ok(links.slice(0, 2).some((url) => url.endsWith('graph/known-issues')), links.join())
})

test('near miss: the app-only refusal message on a delegated token still gets an answer (no token-type claim, the plain failure)', () => {
  const result = run(call({ method: 'POST', url: `${G}/chats/19:abc@unq.gbl.spaces/messages`, token: delegatedToken({ scp: 'openid ChatMessage.Send' }), status: 412, body: graphError('PreconditionFailed', 'Requested API is not supported in application-only context'), requestBody: '{}' }))
  assert.deepEqual(ids(result), ['not-authorization-error'])
})
