import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  parseGraphError,
  parseJsonBody,
  parseRequiredPermissionsMessage,
  parseTokenEndpointError,
} from '../../../src/core/response/index.js'

test('a Graph error body gives code, message and innerError ids', () => {
  const body = JSON.stringify({
    error: {
      code: 'InvalidAuthenticationToken',
      message: 'Access token has expired or is not yet valid.',
      innerError: { date: '2023-02-20T05:06:48', 'request-id': 'b04ace1e-1', 'client-request-id': 'b04ace1e-2' },
    },
  })
  assert.deepEqual(parseGraphError(body), {
    code: 'InvalidAuthenticationToken',
    message: 'Access token has expired or is not yet valid.',
    innerCodes: [],
    requestId: 'b04ace1e-1',
    clientRequestId: 'b04ace1e-2',
    date: '2023-02-20T05:06:48',
  })
})

test('lower-case innererror, nested inner codes and an empty message are read', () => {
  const body = '{"error":{"code":"accessDenied","message":"","innererror":{"code":"outer","innererror":{"code":"inner","request-id":"x"},"requestId":"r-1"}}}'
  assert.deepEqual(parseGraphError(body), { code: 'accessDenied', message: '', innerCodes: ['outer', 'inner'], requestId: 'r-1' })
})

test('an Intune-style JSON string inside message is read down to its own message', () => {
  const message = '{"_version":3,"Message":"An error has occurred"}'
  const found = parseGraphError(JSON.stringify({ error: { code: 'UnknownError', message } }))
  assert.equal(found?.message, 'An error has occurred')
  assert.deepEqual(found?.unwrapped, { via: ['json-message'], outerCode: 'UnknownError', outerMessage: message })
})

test('bodies without an error are not Graph errors', () => {
  for (const body of [undefined, '', '[]', '{"error":{}}', '{"value":[]}', '{"code":"US","name":"United States"}']) {
    assert.equal(parseGraphError(body), undefined, String(body))
  }
})

const TOKEN_ERROR = {
  error: 'invalid_grant',
  error_description: "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2026-11-20 10:00:00Z",
  error_codes: [50076],
  timestamp: '2026-11-20 10:00:00Z',
  trace_id: 't-1',
  correlation_id: 'c-1',
  error_uri: 'https://login.microsoftonline.com/error?code=50076',
  suberror: 'basic_action',
  claims: '{"access_token":{"capolids":{"essential":true,"values":["p-1"]}}}',
}

test('a token-endpoint error keeps error, suberror, the plain JSON claims and the ids, without the trailer lines', () => {
  assert.deepEqual(parseTokenEndpointError(JSON.stringify(TOKEN_ERROR)), {
    error: 'invalid_grant',
    description: "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.",
    codes: [50076],
    suberror: 'basic_action',
    claims: '{"access_token":{"capolids":{"essential":true,"values":["p-1"]}}}',
    correlationId: 'c-1',
    traceId: 't-1',
    timestamp: '2026-11-20 10:00:00Z',
  })
})

test('AADSTS codes come from the description when error_codes is missing', () => {
  const parsed = parseTokenEndpointError('{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. See AADSTS7000215 and AADSTS50011."}')
  assert.deepEqual(parsed?.codes, [7000215, 50011])
  assert.deepEqual(parseTokenEndpointError('{"error":"invalid_request"}'), { error: 'invalid_request', codes: [] })
})

test('a Graph error body or non-JSON is not a token-endpoint error', () => {
  assert.equal(parseTokenEndpointError('{"error":{"code":"x","message":"y"}}'), undefined)
  assert.equal(parseTokenEndpointError('AADSTS50076'), undefined)
  assert.equal(parseTokenEndpointError(undefined), undefined)
})

test('the Teams-style scopes and roles messages give both lists, trimmed', () => {
  assert.deepEqual(
    parseRequiredPermissionsMessage("Missing scope permissions on the request. API requires one of 'ChannelMessage.Read.All, Group.Read.All , Group.ReadWrite.All'. Scopes on the request 'User.Read, openid'"),
    { kind: 'scopes', required: ['ChannelMessage.Read.All', 'Group.Read.All', 'Group.ReadWrite.All'], present: ['User.Read', 'openid'] },
  )
  assert.deepEqual(
    parseRequiredPermissionsMessage("Missing role permissions on the request. API requires one of 'Chat.Read.All, Chat.ReadWrite.All'. Roles on the request ''."),
    { kind: 'roles', required: ['Chat.Read.All', 'Chat.ReadWrite.All'], present: [] },
  )
  assert.equal(parseRequiredPermissionsMessage('Insufficient privileges to complete the operation.'), undefined)
})

test('parseJsonBody returns the value, or undefined for anything that is not JSON', () => {
  assert.deepEqual(parseJsonBody('\uFEFF {"a":[1]} '), { a: [1] })
  assert.equal(parseJsonBody('null'), null)
  for (const body of [undefined, '', '   ', '{', '<html></html>']) assert.equal(parseJsonBody(body), undefined)
})
