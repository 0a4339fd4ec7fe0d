// Real-world shapes of pasted errors that name the call without showing it, and tools' own words around
// a Graph error. Fixtures in test/fixtures/inputs are synthetic (fake ids), shaped after:
// - java-odataerror-stack.txt: msgraph-sdk-java v6 (Kiota) `com.microsoft.graph.models.odataerrors.ODataError`
//   with `at com.microsoft.graph.users.UsersRequestBuilder.get(…)` frames (msgraph-sdk-java issues).
// - python-odataerror-stack.txt: msgraph-sdk-python tracebacks through
//   `msgraph/generated/users/users_request_builder.py", line …, in get` (microsoftgraph/msgraph-sdk-python#49, #87).
// - go-request-builder-stack.txt: msgraph-sdk-go frames `users.(*ItemMemberOfRequestBuilder).Get(…)`
//   (microsoftgraph/msgraph-sdk-go#393, Azure/azure-sdk-for-go#20036).
// - az-rest-debug.txt: `az rest --debug` as azure-cli's core util.py logs it (`Request URL: '…'`,
//   `Request method`, `Response status`, the Authorization header cut to 20 characters), Azure/azure-cli#33062.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { parseInput } from '../../../src/core/input/index.js'
import { goBuilderCmdlet, requestBuilderCall } from '../../../src/core/input/pasted/request-builder.js'

const read = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/inputs', name), 'utf8')
const callOf = (text: string): string | undefined => {
  const request = parseInput(text, 'x.txt')[0]?.request
  return request === undefined ? undefined : `${request.method} ${request.url} (${request.inferredFrom ?? 'shown'})`
}

test('a Java SDK (v6) stack trace names the call through its request builder frame', () => {
  assert.equal(callOf(read('java-odataerror-stack.txt')), 'GET https://graph.microsoft.com/v1.0/users (the Java SDK stack trace)')
  const nested = 'com.microsoft.graph.models.odataerrors.ODataError: Access is denied. Check credentials and try again.\n\tat com.microsoft.graph.beta.users.item.mailfolders.item.messages.MessagesRequestBuilder.post(MessagesRequestBuilder.java:77)\n'
  assert.equal(callOf(nested), 'POST https://graph.microsoft.com/beta/users/{id}/mailfolders/{id}/messages (the Java SDK stack trace)')
  assert.equal(requestBuilderCall('\tat com.microsoft.graph.users.item.memberof.count.CountRequestBuilder.get(CountRequestBuilder.java:50)')?.url, 'https://graph.microsoft.com/v1.0/users/{id}/memberof/$count')
  // The models' and core packages' builders are no API paths.
  assert.equal(requestBuilderCall('\tat com.microsoft.graph.core.requests.BatchRequestBuilder.post(BatchRequestBuilder.java:9)'), undefined)
})

test('a Python SDK traceback names the call through the request builder module it went through', () => {
  assert.equal(callOf(read('python-odataerror-stack.txt')), 'GET https://graph.microsoft.com/v1.0/users (the Python SDK stack trace)')
  const windows = 'File "C:\\py\\Lib\\site-packages\\msgraph_beta\\generated\\users\\item\\mail_folders\\item\\messages\\messages_request_builder.py", line 62, in get\nODataError: Access is denied. Check credentials and try again.'
  assert.equal(requestBuilderCall(windows)?.url, 'https://graph.microsoft.com/beta/users/{id}/mailFolders/{id}/messages')
  assert.equal(requestBuilderCall('File "/x/msgraph/generated/users/item/photo/value/content_request_builder.py", line 9, in get')?.url, 'https://graph.microsoft.com/v1.0/users/{id}/photo/$value')
})

test('a Go SDK frame is read as a noun the catalogue splits into segments (its type names flatten the path)', () => {
  const exchange = parseInput(read('go-request-builder-stack.txt'), 'go.txt')[0]
  assert.deepEqual([exchange?.cmdlet?.noun, exchange?.cmdlet?.method, exchange?.response?.status], ['UsersMemberOf', 'GET', 403])
  assert.equal(exchange?.cmdlet?.label, 'the Go SDK stack trace (users.ItemMemberOfRequestBuilder.Get)')
  const nouns = [
    ['msgraph-sdk-go/users.(*UsersRequestBuilder).Get(', 'Users', 'List'],
    ['msgraph-sdk-go/users.(*UserItemRequestBuilder).Patch(', 'Users', 'Get'],
    ['msgraph-sdk-go@v1.50.0/users.(*ItemMailFoldersMailFolderItemRequestBuilder).Get(', 'UsersMailFolders', 'Get'],
    ['msgraph-beta-sdk-go/users.(*ItemMailFoldersItemMessagesRequestBuilder).Post(', 'UsersMailFoldersMessages', 'List'],
  ] as const
  for (const [frame, noun, set] of nouns) assert.deepEqual([goBuilderCmdlet(frame)?.noun, goBuilderCmdlet(frame)?.parameterSet], [noun, set], frame)
  assert.equal(goBuilderCmdlet('msgraph-beta-sdk-go/users.(*UsersRequestBuilder).Get(')?.apiVersion, 'beta')
})

test('az rest --debug output gives the call, its status and ids; the token it cuts short is not read', () => {
  const [exchange] = parseInput(read('az-rest-debug.txt'), 'az.txt')
  assert.deepEqual([exchange?.request?.method, exchange?.request?.url, exchange?.response?.status, exchange?.via], ['GET', 'https://graph.microsoft.com/v1.0/users', 403, 'azure-cli'])
  assert.equal(exchange?.request?.headersOmitted, true)
})

test('az rest without --debug: the reason phrase alone (newer versions print no ERROR: prefix) still gives the status', () => {
  const body = '{"error":{"code":"UnknownError","message":"{\\"errorCode\\":\\"PermissionScopeNotGranted\\",\\"message\\":\\"Authorization failed due to missing permission scope RoleManagement.ReadWrite.Directory.\\"}"}}'
  for (const text of [`Forbidden(${body})`, `ERROR: Forbidden(${body})`]) {
    const [exchange] = parseInput(text, 'az.txt')
    assert.deepEqual([exchange?.response?.status, exchange?.via, exchange?.request], [403, 'azure-cli', undefined], text)
  }
  assert.equal(parseInput(`ERROR: Bad Request(${body.replace('UnknownError', 'BadRequest')})`, 'az.txt')[0]?.response?.status, 400)
})

test('a well-known Graph message after another tool\'s words is read: panic, a log line, PnP PowerShell, Intune through an SDK', () => {
  const cases = [
    ['panic: Insufficient privileges to complete the operation.', 403, 'Authorization_RequestDenied'],
    ['2026/11/20 10:00:00 error getting groups: Authorization_RequestDenied: Insufficient privileges to complete the operation.', 403, 'Authorization_RequestDenied'],
    ['Get-PnPAzureADUser: Forbidden (403): Insufficient privileges to complete the operation.', 403, 'Authorization_RequestDenied'],
    ['Microsoft.Graph.Beta.Models.ODataErrors.ODataError: Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementConfiguration.Read.All', 403, 'Forbidden'],
  ] as const
  for (const [text, status, code] of cases) {
    const [exchange] = parseInput(text, 'x.txt')
    assert.equal(exchange?.response?.status, status, text)
    assert.equal((JSON.parse(exchange?.response?.body ?? '{}') as { error: { code: string } }).error.code, code, text)
  }
})

test('errors raised before any Graph response are refused with what to do: DefaultAzureCredential, the Go SDK\'s bare error', () => {
  const refusal = (text: string): string => {
    try {
      parseInput(text, 'x.txt')
    } catch (error) {
      if (isGraphDoctorError(error)) return error.message
      throw error
    }
    return ''
  }
  assert.match(refusal('azure.identity._exceptions.CredentialUnavailableError: DefaultAzureCredential failed to retrieve a token from the included credentials.\nAttempted credentials:\n\tEnvironmentCredential: unavailable.'), /AZURE_CLIENT_ID.*managed identity/)
  assert.match(refusal('main.go:41: error status code received from the API'), /odataerrors\.ODataError.*GetErrorEscaped/)
})

test('a browser console\'s failed request line and PowerShell 7\'s echoed command give the call', () => {
  const body = '{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}'
  assert.equal(callOf(`main.js:12  GET https://graph.microsoft.com/v1.0/me/messages 403 (Forbidden)\n${body}`), 'GET https://graph.microsoft.com/v1.0/me/messages (shown)')
  assert.equal(parseInput(`GET https://graph.microsoft.com/v1.0/me/messages 403 (Forbidden)\n${body}`, 'c.txt')[0]?.response?.status, 403)
  const ps7 = `Invoke-RestMethod: \nLine |\n   3 |  Invoke-RestMethod -Uri "https://graph.microsoft.com/v1.0/users/x/messages" -Headers $headers\n     |  ~~~~~~~~~~\n     | ${body}\n`
  assert.equal(callOf(ps7), 'GET https://graph.microsoft.com/v1.0/users/x/messages (shown)')
})

test('client-side failures without a Graph answer are refused with what to do: no Graph PowerShell session, .NET EnsureSuccessStatusCode', () => {
  const refusal = (text: string): string => {
    try {
      parseInput(text, 'x.txt')
    } catch (error) {
      if (isGraphDoctorError(error)) return error.message
      throw error
    }
    return ''
  }
  assert.match(refusal('Get-MgUser_List: Authentication needed. Please call Connect-MgGraph.'), /no session.*Connect-MgGraph -Scopes/)
  assert.match(refusal('System.Net.Http.HttpRequestException: Response status code does not indicate success: 403 (Forbidden).\n   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()'), /ReadAsStringAsync/)
})

test('a Postman console entry: request line, status alone, labelled header and body sections', async () => {
  const { delegatedToken } = await import('../../helpers/tokens.js')
  const token = delegatedToken({ scp: 'User.Read' })
  const text = `GET https://graph.microsoft.com/v1.0/users\n403\n123 ms\n▶ Network\n▼ Request Headers\nAuthorization: Bearer ${token}\nUser-Agent: PostmanRuntime/7.39.0\n▼ Response Headers\nContent-Type: application/json\nrequest-id: 0d1e2f30-0000-4000-8000-00000000a001\n▼ Response Body\n{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}\n`
  const [exchange] = parseInput(text, 'postman.txt')
  assert.deepEqual([exchange?.request?.method, exchange?.request?.url, exchange?.response?.status], ['GET', 'https://graph.microsoft.com/v1.0/users', 403])
  assert.equal(exchange?.request?.headers.find(([name]) => name === 'Authorization')?.[1], `Bearer ${token}`)
  assert.match(exchange?.response?.body ?? '', /Authorization_RequestDenied/)
  // Near miss: a raw HTTP exchange is still read as one.
  assert.equal(parseInput('GET https://graph.microsoft.com/v1.0/me HTTP/1.1\nHost: graph.microsoft.com\n\nHTTP/1.1 403 Forbidden\n\n{}', 'raw.txt')[0]?.response?.status, 403)
})
