/**
 * Nested and wrapped error bodies (issue 6 §1.5): the innermost meaningful code and message. Each body
 * is shaped after a public report, cited beside it; ids and tenants are fake.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseGraphError } from '../../../src/core/response/index.js'

test('Intune: JSON in message in JSON in message, down to the sentence that names the scopes', () => {
  // Shape of microsoftgraph/msgraph-sdk-powershell#1257 and jseerden/IntuneBackupAndRestore#55.
  const innermost = JSON.stringify({ _version: 3, Message: 'Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementServiceConfig.Read.All, DeviceManagementServiceConfig.ReadWrite.All - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000', CustomApiErrorPhrase: '', RetryAfter: null })
  const middle = JSON.stringify({ ErrorCode: 'Forbidden', Message: innermost, Target: null })
  const found = parseGraphError(JSON.stringify({ error: { code: 'UnknownError', message: middle, innerError: { date: '2026-11-20T10:00:00', 'request-id': 'r-1' } } }))
  assert.equal(found?.code, 'Forbidden')
  assert.match(found?.message ?? '', /^Application is not authorized to perform this operation\. Application must have one of the following scopes: DeviceManagementServiceConfig\.Read\.All/)
  assert.deepEqual(found?.unwrapped?.via, ['json-message', 'json-message'])
  assert.equal(found?.unwrapped?.outerCode, 'UnknownError')
  assert.equal(found?.requestId, 'r-1')
})

test('PIM: errorCode and message inside an UnknownError', () => {
  // microsoftgraph/microsoft-graph-docs-contrib#17 (GET /roleManagement/directory/roleEligibilityScheduleRequests).
  const message = '{"errorCode":"PermissionScopeNotGranted","message":"Authorization failed due to missing permission scope RoleEligibilitySchedule.ReadWrite.Directory,RoleManagement.ReadWrite.Directory.","instanceAnnotations":[]}'
  const found = parseGraphError(JSON.stringify({ error: { code: 'UnknownError', message } }))
  assert.equal(found?.code, 'PermissionScopeNotGranted')
  assert.match(found?.message ?? '', /^Authorization failed due to missing permission scope/)
})

test('a licence code inside a JSON-string message is the code', () => {
  const message = JSON.stringify({ error: { code: 'MailboxNotEnabledForRESTAPI', message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.' } })
  const found = parseGraphError(JSON.stringify({ error: { code: 'UnknownError', message } }))
  assert.equal(found?.code, 'MailboxNotEnabledForRESTAPI')
  assert.equal(found?.message, 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.')
})

test('ExtensionError: the status and reason inside the wrapper', () => {
  // microsoftgraph/msgraph-sdk-java#510 and msgraph-sdk-javascript#252 (POST /subscriptions).
  const found = parseGraphError('{"error":{"code":"ExtensionError","message":"Operation: Create; Exception: [Status Code: Forbidden; Reason: Access to OData is disabled.]","innerError":{"date":"2020-06-30T21:58:03","request-id":"r-2"}}}')
  assert.equal(found?.code, 'Forbidden')
  assert.equal(found?.message, 'Access to OData is disabled.')
  assert.deepEqual(found?.unwrapped?.via, ['extension-error'])
})

test('an SDK print-out of the body without the error wrapper still reads', () => {
  const found = parseGraphError('{"code":"ExtensionError","message":"Operation: Create; Exception: [Status Code: Forbidden; Reason: Access to OData is disabled.]","innerError":{"request-id":"r-3"}}')
  assert.equal(found?.message, 'Access to OData is disabled.')
  assert.equal(found?.requestId, 'r-3')
})

test('an OAuth error and error_description, alone or inside a Graph message', () => {
  assert.deepEqual(parseGraphError('{"error":"invalid_token","error_description":"The access token is expired."}'), { code: 'invalid_token', message: 'The access token is expired.', innerCodes: [], form: 'oauth' })
  const inner = parseGraphError(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: '{"error":"invalid_token","error_description":"Lifetime validation failed, the token is expired."}' } }))
  assert.equal(inner?.code, 'invalid_token')
  assert.equal(inner?.message, 'Lifetime validation failed, the token is expired.')
})

test('a generic inner code keeps the specific outer one', () => {
  const found = parseGraphError(JSON.stringify({ error: { code: 'ErrorAccessDenied', message: '{"code":"UnknownError","message":"Access is denied. Check credentials and try again."}' } }))
  assert.equal(found?.code, 'ErrorAccessDenied')
  assert.equal(found?.message, 'Access is denied. Check credentials and try again.')
})

test('HTML and plain-text bodies from front doors give their title or first line', () => {
  assert.deepEqual(parseGraphError('<!DOCTYPE html><html><head><title>403 - Forbidden: Access is denied.</title></head><body><h2>403 - Forbidden</h2></body></html>'), { code: '', message: '403 - Forbidden: Access is denied.', innerCodes: [], form: 'html' })
  assert.equal(parseGraphError('<html><body><h1>Bad Request - Request Too Long</h1><p>HTTP Error 400.</p></body></html>')?.message, 'Bad Request - Request Too Long')
  assert.deepEqual(parseGraphError('Unauthorized\r\n'), { code: '', message: 'Unauthorized', innerCodes: [], form: 'text' })
})

test('a JSON error cut off by the capture still gives code and message', () => {
  const found = parseGraphError('{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2026-11-')
  assert.equal(found?.code, 'Authorization_RequestDenied')
  assert.equal(found?.message, 'Insufficient privileges to complete the operation.')
})

test('hostile nesting is bounded and never throws', () => {
  let message = 'deepest'
  for (let i = 0; i < 10; i++) message = JSON.stringify({ code: `c${i}`, message })
  const found = parseGraphError(JSON.stringify({ error: { code: 'outer', message } }))
  assert.ok(found !== undefined)
  assert.equal(found.unwrapped?.via.length, 6)
})

test('the forms in which services name the permissions they require', async () => {
  const { parseRequiredPermissionsMessage } = await import('../../../src/core/response/index.js')
  // Teams, with the resource-specific consent clause (a public test report quoting GET /teams/{id}/channels).
  assert.deepEqual(
    parseRequiredPermissionsMessage("Missing role permissions on the request. API requires one of 'ChannelSettings.Read.All, Channel.ReadBasic.All, ChannelSettings.Read.Group'. Roles on the request 'Chat.Read.All, ChannelMessage.Read.All'. Resource specific consent grants on the request ''."),
    { kind: 'roles', required: ['ChannelSettings.Read.All', 'Channel.ReadBasic.All', 'ChannelSettings.Read.Group'], present: ['Chat.Read.All', 'ChannelMessage.Read.All'] },
  )
  // Intune (jseerden/IntuneBackupAndRestore#55): "scopes" there says nothing about the token kind.
  assert.deepEqual(
    parseRequiredPermissionsMessage('Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: x - Url: https://fef.msub05.manage.microsoft.com/x'),
    { kind: 'unknown', required: ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'], present: [] },
  )
  // Privileged Identity Management (microsoftgraph/microsoft-graph-docs-contrib#17).
  assert.deepEqual(
    parseRequiredPermissionsMessage('Authorization failed due to missing permission scope RoleEligibilitySchedule.ReadWrite.Directory,RoleManagement.ReadWrite.Directory.'),
    { kind: 'unknown', required: ['RoleEligibilitySchedule.ReadWrite.Directory', 'RoleManagement.ReadWrite.Directory'], present: [] },
  )
  assert.deepEqual(parseRequiredPermissionsMessage('Missing application roles. API required roles: SecurityAlert.Read.All, SecurityAlert.ReadWrite.All. Application roles: User.Read.All.')?.required, ['SecurityAlert.Read.All', 'SecurityAlert.ReadWrite.All'])
  for (const message of ['Insufficient privileges to complete the operation.', 'Access is denied. Check credentials and try again.', 'User is not authorized to perform this operation', "API requires one of ''. Scopes on the request 'User.Read'"]) {
    assert.equal(parseRequiredPermissionsMessage(message), undefined, message)
  }
})
