// The .NET SDK v4 (Microsoft.Graph 1.x–4.x) names its request classes after the entity type, not the path:
// `at Microsoft.Graph.UserRequest.UpdateAsync(…)`, `GraphServiceUsersCollectionRequest.AddAsync(…)`
// (microsoftgraph/msgraph-sdk-dotnet-auth#47: `_graphServiceClient.Users.Request().AddAsync(user)` then
// `Status Code: Forbidden` / `Microsoft.Graph.ServiceException: Code: Authorization_RequestDenied`;
// msgraph-sdk-dotnet#724 `UserMessagesCollectionRequest`, #1539 `IMessageContentRequest.GetAsync`).
// dotnet-v4-serviceexception.txt is synthetic (fake ids) in that shape.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseInput } from '../../../src/core/input/index.js'
import { DOTNET_V4_MAPPED_TYPES, dotnetV4Call } from '../../../src/core/input/pasted/dotnet-v4.js'
import { diagnose } from '../../../src/core/diagnose.js'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'

const G = 'https://graph.microsoft.com/v1.0'
const frame = (name: string): string => `   at Microsoft.Graph.${name}(CancellationToken cancellationToken)`
const call = (name: string): string | undefined => {
  const found = dotnetV4Call(frame(name))
  return found?.kind === 'call' ? `${found.method} ${found.url.slice(G.length)}` : found?.said
}

test('a v4 request class and its verb name the method and the path', () => {
  const cases = [
    ['UserRequest.UpdateAsync', 'PATCH /users/{id}'],
    ['GraphServiceUsersCollectionRequest.GetAsync', 'GET /users'],
    ['GraphServiceServicePrincipalsCollectionRequest.AddAsync', 'POST /servicePrincipals'],
    ['MessageRequest.DeleteAsync', 'DELETE /users/{id}/messages/{id}'],
    ['UserMessagesCollectionRequest.GetAsync', 'GET /users/{id}/messages'],
    ['MailFolderMessagesCollectionRequest.AddAsync', 'POST /users/{id}/mailFolders/{id}/messages'],
    ['GroupMembersCollectionWithReferencesRequest.GetAsync', 'GET /groups/{id}/members'],
    ['GroupMembersCollectionReferencesRequest.AddAsync', 'POST /groups/{id}/members/$ref'],
    ['UserSendMailRequest.PostAsync', 'POST /users/{id}/sendMail'],
    ['DriveItemChildrenCollectionRequest.GetAsync', 'GET /drives/{id}/items/{id}/children'],
    ['DriveItemContentRequest.PutAsync', 'PUT /drives/{id}/items/{id}/content'],
    ['ListItemsCollectionRequest.AddAsync', 'POST /sites/{id}/lists/{id}/items'],
    ['ChatMessagesCollectionRequest.AddAsync', 'POST /chats/{id}/messages'],
    ['UserDeltaCollectionRequest.GetAsync', 'GET /users/delta'],
  ] as const
  for (const [name, expected] of cases) assert.equal(call(name), expected, name)
  // An async state machine's frame (older .NET) names the same method.
  assert.equal(dotnetV4Call('   at Microsoft.Graph.UserRequest+<UpdateAsync>d__5.MoveNext()')?.kind, 'call')
  assert.match((dotnetV4Call(frame('UserRequest.GetAsync')) as { label: string }).label, /UserRequest\.GetAsync; the same class serves \/me/)
})

test('every type the v4 table maps is an endpoint of the permission catalogue', () => {
  const catalogue = loadSnapshotCatalogue()
  // Checked through a child: /users/{id}/authentication is only a parent; the official data lacks GET /users/{id}/calendar.
  const byChild: Readonly<Record<string, string>> = { Authentication: 'AuthenticationMethodsCollection', Calendar: 'CalendarEventsCollection' }
  // The official data has no /subscriptions at all (a data gap noted in the s11 case log).
  for (const type of DOTNET_V4_MAPPED_TYPES.filter((name) => name !== 'Subscription')) {
    const found = dotnetV4Call(frame(`${byChild[type] ?? type}Request.GetAsync`))
    assert.equal(found?.kind, 'call', type)
    if (found?.kind !== 'call') continue
    const method = found.url.endsWith('/invitations') ? 'POST' : 'GET'
    assert.equal(catalogue.lookup(method, found.url)?.fallback, 'none', `${type}: ${found.url}`)
  }
})

test('near misses: a type several paths share is said, not guessed; the SDK\'s own plumbing and v5 builders are no v4 call', () => {
  assert.equal(call('AttachmentRequest.GetAsync'), 'the .NET SDK v4 request AttachmentRequest.GetAsync (GET on an attachment of a message, an event or a group post)')
  assert.match(call('ProfilePhotoContentRequest.GetAsync') ?? '', /the photo of a user, a group or a contact/)
  assert.match(call('DirectoryObjectReferenceRequest.DeleteAsync') ?? '', /^the \.NET SDK v4 request DirectoryObjectReferenceRequest\.DeleteAsync \(DELETE on a directory object/)
  assert.match(call('EducationClassMembersCollectionWithReferencesRequest.GetAsync') ?? '', /does not know the path of this request class/)
  assert.equal(dotnetV4Call(frame('BaseRequest.SendAsync')), undefined)
  assert.equal(dotnetV4Call('   at Microsoft.Graph.Users.UsersRequestBuilder.GetAsync(Action`1 requestConfiguration)'), undefined)
  assert.equal(dotnetV4Call('   at Microsoft.Graph.HttpProvider.SendAsync(HttpRequestMessage request)'), undefined)
})

test('a pasted v4 ServiceException is read with the call its frame names, and diagnosed against that endpoint', () => {
  const text = readFileSync(join(import.meta.dirname, '../../fixtures/inputs/dotnet-v4-serviceexception.txt'), 'utf8')
  const [exchange] = parseInput(text, 'v4.txt')
  assert.deepEqual([exchange?.format, exchange?.response?.status, exchange?.request?.method, exchange?.request?.url], ['sdk-error', 403, 'POST', `${G}/users`])
  assert.equal(exchange?.request?.inferredFrom, 'the .NET SDK v4 stack trace (GraphServiceUsersCollectionRequest.AddAsync)')
  const [result] = diagnose(exchange === undefined ? [] : [exchange], { permissions: loadSnapshotCatalogue(), now: new Date('2026-11-20T10:00:00Z') }).results
  const missing = result?.findings.find((finding) => finding.id === 'permission-missing')
  assert.match(missing?.fix.join('\n') ?? '', /POST \/users accepts least privileged/)
})

test('a v4 frame whose type several paths share: the answer names it and where the caller made the call', () => {
  const text = 'Microsoft.Graph.ServiceException: Code: ErrorAccessDenied\nMessage: Access is denied. Check credentials and try again.\n\n   at Microsoft.Graph.HttpProvider.SendAsync(HttpRequestMessage request)\n   at Microsoft.Graph.AttachmentRequest.GetAsync(CancellationToken cancellationToken)\n   at Contoso.Mail.Archiver.<SaveAsync>d__7.MoveNext() in C:\\src\\Archiver.cs:line 31\n Status Code: Forbidden\n'
  const [exchange] = parseInput(text, 'v4.txt')
  assert.equal(exchange?.request, undefined)
  assert.ok((exchange?.unseenCall ?? '').includes('but its stack trace names the .NET SDK v4 request AttachmentRequest.GetAsync (GET on an attachment of a message, an event or a group post), made in Contoso.Mail.Archiver.SaveAsync at C:\\src\\Archiver.cs:31: paste that line'), exchange?.unseenCall)
  const [result] = diagnose(exchange === undefined ? [] : [exchange], { permissions: loadSnapshotCatalogue(), now: new Date('2026-11-20T10:00:00Z') }).results
  const fix = result?.findings.find((finding) => finding.id === 'permission-missing')?.fix.join('\n') ?? ''
  assert.match(fix, /but its stack trace names the \.NET SDK v4 request AttachmentRequest\.GetAsync .* paste that line of code/)
})
