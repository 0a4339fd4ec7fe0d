// The call a pasted code line names when the SDK's error print-out has none (msgraph-sdk-javascript
// GraphError, Kiota ODataError): client.api(…) and request builder chains in Python, TypeScript, .NET, Java.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { codeCall } from '../../../src/core/input/pasted/code-call.js'
import { parseInput } from '../../../src/core/input/index.js'

const G = 'https://graph.microsoft.com'

test('client.api(…) with its verb, a template literal id and .version(\'beta\')', () => {
  assert.deepEqual(codeCall("const messages = await client.api('/users/adele@contoso.example/messages').select('subject').get();"), { method: 'GET', url: `${G}/v1.0/users/adele@contoso.example/messages`, from: 'the client.api(…) call in the pasted code' })
  assert.equal(codeCall('await client.api(`/users/${userId}/messages`).version(\'beta\').post(message)')?.url, `${G}/beta/users/{id}/messages`)
  assert.equal(codeCall("await client.api('/groups/x').update({ displayName: 'x' })")?.method, 'PATCH')
  assert.equal(codeCall("client.api('https://graph.microsoft.com/beta/me').get()")?.url, `${G}/beta/me`)
})

test('request builder chains of the Kiota SDKs', () => {
  assert.equal(codeCall("    result = await graph_client.users.by_user_id('adele@contoso.example').mail_folders.get()")?.url, `${G}/v1.0/users/adele@contoso.example/mailFolders`)
  assert.equal(codeCall('const r = await graphClient.users.byUserId(userId).mailFolders.get();')?.url, `${G}/v1.0/users/{id}/mailFolders`)
  assert.deepEqual(codeCall('var m = await graphClient.Users["adele@contoso.example"].Messages.GetAsync();'), { method: 'GET', url: `${G}/v1.0/users/adele@contoso.example/messages`, from: 'the request builder chain in the pasted code' })
  assert.equal(codeCall('graphClient.users().byUserId(id).mailFolders().get();')?.url, `${G}/v1.0/users/{id}/mailFolders`)
  assert.equal(codeCall('await self.graph_client.groups.by_group_id(gid).members.ref.post(body)')?.url, `${G}/v1.0/groups/{id}/members/$ref`)
  assert.equal(codeCall('from msgraph_beta import GraphServiceClient\nawait graph_client.me.messages.get()')?.url, `${G}/beta/me/messages`)
})

test('near misses: a .NET SDK frame, a chain without a verb, a call that is not a Graph client', () => {
  assert.equal(codeCall('   at Microsoft.Graph.Me.MeRequestBuilder.GetAsync(Action`1 requestConfiguration, CancellationToken cancellationToken)'), undefined)
  assert.equal(codeCall('   at Microsoft.Kiota.Http.HttpClientLibrary.HttpClientRequestAdapter.SendAsync[ModelType](RequestInformation requestInfo)'), undefined)
  assert.equal(codeCall('const builder = graphClient.users.byUserId(userId);'), undefined)
  assert.equal(codeCall('const value = cache.get(key);'), undefined)
  assert.equal(codeCall('await graphClient.users.byUserId(id).sendMail.post(body, { headers: h })')?.url, `${G}/v1.0/users/{id}/sendMail`)
  assert.equal(codeCall('graph_client.users.with_url(next_link).get()'), undefined)
})

test('a pasted GraphError with the code line gets that request, marked as inferred', () => {
  const text = "const messages = await client.api('/users/adele@contoso.example/messages').get();\nGraphError: Access is denied. Check credentials and try again.\n    at new GraphError (/app/node_modules/@microsoft/microsoft-graph-client/lib/src/GraphError.js:35:28) {\n  statusCode: 403,\n  code: 'ErrorAccessDenied'\n}\n"
  const [exchange] = parseInput(text, 'x.txt')
  assert.equal(exchange?.request?.url, `${G}/v1.0/users/adele@contoso.example/messages`)
  assert.equal(exchange?.request?.inferredFrom, 'the client.api(…) call in the pasted code')
  assert.equal(exchange?.response?.status, 403)
})

test('without a code line, the answer asks for it (the SDK does not print the call)', async () => {
  const { diagnoseExchange } = await import('../../../src/core/diagnose.js')
  const text = "GraphError: Insufficient privileges to complete the operation.\n    at new GraphError (/app/node_modules/@microsoft/microsoft-graph-client/lib/src/GraphError.js:35:28) {\n  statusCode: 403,\n  code: 'Authorization_RequestDenied'\n}\n"
  const [exchange] = parseInput(text, 'x.txt')
  assert.ok(exchange !== undefined && exchange.request === undefined)
  const fix = diagnoseExchange(exchange).findings.find((finding) => finding.id === 'permission-missing')?.fix.join('\n') ?? ''
  assert.match(fix, /paste the line of code that made it/)
  assert.match(fix, /scp \(signed in as a user\) or roles \(app-only\)/)
})

test('.NET SDK v4 chains: the path ends at Request(), query options after it are skipped, References is $ref', () => {
  assert.deepEqual(codeCall('var u = await graphClient.Users["adele@contoso.example"].Request().UpdateAsync(user);'), { method: 'PATCH', url: `${G}/v1.0/users/adele@contoso.example`, from: 'the request builder chain in the pasted code' })
  assert.equal(codeCall('var m = await graphClient.Me.MailFolders.Inbox.Messages.Request().Filter("isRead eq false").Top(5).GetAsync();')?.url, `${G}/v1.0/me/mailFolders/inbox/messages`)
  assert.deepEqual(codeCall('await graphClient.Groups[groupId].Members.References.Request().AddAsync(user);'), { method: 'POST', url: `${G}/v1.0/groups/{id}/members/$ref`, from: 'the request builder chain in the pasted code' })
  // Near miss: a chain that stops at Request() makes no call.
  assert.equal(codeCall('var request = graphClient.Users[id].Request();'), undefined)
})
