// 400s that people take for authorization errors (Q&A threads on $search/ConsistencyLevel, beta-only
// segments, on-premises synced users): the real cause and the exact fix, never a permission.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appOnlyToken } from '../../helpers/tokens.js'
import { call, findingOf, graphError, ids, run } from './helpers.js'

const G = 'https://graph.microsoft.com/v1.0'
const bad = (url: string, code: string, message: string, method = 'GET') =>
  run(call({ method, url, token: appOnlyToken({ roles: ['User.ReadWrite.All'] }), status: 400, body: graphError(code, message) }), { withCatalogue: true })

test('$search without ConsistencyLevel: send the header (and $count=true), not a permission', () => {
  const result = bad(`${G}/users?$search="displayName:adele"`, 'Request_UnsupportedQuery', "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'")
  assert.deepEqual(ids(result), ['not-authorization-error'])
  assert.match(findingOf(result, 'not-authorization-error').fix.join('\n'), /`ConsistencyLevel: eventual`.*\$count=true/)
  const endsWith = bad(`${G}/users?$filter=endswith(mail,'@contoso.example')`, 'Request_UnsupportedQuery', "Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count with a value of true and set the 'ConsistencyLevel' header to 'eventual'.")
  assert.match(findingOf(endsWith, 'not-authorization-error').detail, /advanced directory query/)
})

test('"Resource not found for the segment": the segment and the API version, no permission', () => {
  const result = bad(`${G}/users/x/authentication/fooMethods`, 'BadRequest', "Resource not found for the segment 'fooMethods'.")
  const finding = findingOf(result, 'not-authorization-error')
  assert.match(finding.fix.join('\n'), /segment fooMethods.*beta/)
})

test('a synchronized object changed in the cloud: change it on-premises', () => {
  const result = bad(`${G}/users/x`, 'Request_BadRequest', 'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.', 'PATCH')
  assert.match(findingOf(result, 'not-authorization-error').fix.join('\n'), /on-premises Active Directory.*Entra Connect/)
})

test('near miss: another 400 keeps the generic reading', () => {
  const result = bad(`${G}/users?$select=foo`, 'BadRequest', "Could not find a property named 'foo' on type 'microsoft.graph.user'.")
  assert.match(findingOf(result, 'not-authorization-error').fix.join('\n'), /^Read the error code and message/)
})

test('a subscription whose notification URL failed validation: echo the validationToken, no permission', () => {
  const result = bad(`${G}/subscriptions`, 'ValidationError', 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.', 'POST')
  assert.match(findingOf(result, 'not-authorization-error').fix.join('\n'), /validationToken/)
})
