// Real-world causes of session 12 (answ4): which control or rule of the workload really denied the call.
// Shapes after public reports, all ids synthetic: microsoftgraph/msgraph-sdk-dotnet#2350 (online meeting,
// "No application access policy found for this app."), microsoftgraph/microsoft-graph-docs#12135 (creating
// online meetings app-only needs the Teams application access policy).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appOnlyToken } from '../../helpers/tokens.js'
import { call, findingOf, graphError, ids, run, textOf } from './helpers.js'

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
  assert.match(findingOf(other, 'token-type-mismatch').detail, /not supported in application-only context: this call needs a signed-in user/)
})

test('near miss: a 412 ETag conflict stays a request conflict', () => {
  const result = run(call({ method: 'PATCH', url: `${G}/planner/tasks/abc`, token: appOnlyToken({ roles: ['Tasks.ReadWrite.All'] }), status: 412, body: graphError('PreconditionFailed', 'The If-Match header value does not match.') }))
  assert.deepEqual(ids(result), ['not-authorization-error'])
})
