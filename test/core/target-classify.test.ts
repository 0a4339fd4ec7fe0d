import { test } from 'node:test'
import assert from 'node:assert/strict'
import { classifyUrl, isGraphVersionPath } from '../../src/core/target-classify.js'

test('Graph hosts map to their cloud, version and path without the query', () => {
  assert.deepEqual(classifyUrl('https://graph.microsoft.com/v1.0/me/messages?$top=1'), {
    kind: 'graph', host: 'graph.microsoft.com', cloud: 'global', version: 'v1.0', path: '/me/messages',
  })
  assert.equal(classifyUrl('https://graph.microsoft.us/beta/users').cloud, 'us-gov')
  assert.equal(classifyUrl('https://dod-graph.microsoft.us/v1.0/users').cloud, 'us-dod')
  assert.equal(classifyUrl('https://microsoftgraph.chinacloudapi.cn/v1.0/users').cloud, 'china')
  assert.equal(classifyUrl('https://canary.graph.microsoft.com/v1.0/me').kind, 'graph')
  assert.equal(classifyUrl('HTTPS://GRAPH.MICROSOFT.COM/beta/me').version, 'beta')
})

test('bare paths are global Graph, with a version only when the first segment is one', () => {
  assert.deepEqual(classifyUrl('/v1.0/me'), { kind: 'graph', host: 'graph.microsoft.com', cloud: 'global', version: 'v1.0', path: '/me' })
  assert.deepEqual(classifyUrl('/me'), { kind: 'graph', host: 'graph.microsoft.com', cloud: 'global', path: '/me' })
  assert.deepEqual(classifyUrl('me'), { kind: 'graph', host: 'graph.microsoft.com', cloud: 'global', path: '/me' })
  assert.equal(classifyUrl('v2/users').version, 'v2')
  assert.equal(classifyUrl('https://graph.microsoft.com/').path, '/')
})

test('$batch is flagged, also percent-encoded, and only at the root of a version', () => {
  assert.equal(classifyUrl('https://graph.microsoft.com/v1.0/$batch').isBatch, true)
  assert.equal(classifyUrl('https://graph.microsoft.com/beta/%24batch').isBatch, true)
  assert.equal(classifyUrl('/v1.0/$batch').isBatch, true)
  assert.equal(classifyUrl('https://graph.microsoft.com/v1.0/me/$batch').isBatch, undefined)
  assert.equal(classifyUrl('https://graph.microsoft.com/v1.0/users').isBatch, undefined)
})

test('identity platform token and authorize endpoints carry the tenant, v1 and v2, in every cloud', () => {
  assert.deepEqual(classifyUrl('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token'), {
    kind: 'token-endpoint', host: 'login.microsoftonline.com', cloud: 'global', path: '/contoso.onmicrosoft.com/oauth2/v2.0/token', tenant: 'contoso.onmicrosoft.com',
  })
  assert.equal(classifyUrl('https://login.windows.net/common/oauth2/token').kind, 'token-endpoint')
  const authorize = classifyUrl('https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x')
  assert.equal(authorize.kind, 'authorize-endpoint')
  assert.equal(authorize.tenant, 'common')
  assert.equal(classifyUrl('https://login.microsoftonline.us/organizations/oauth2/v2.0/token').cloud, 'us-gov')
  assert.equal(classifyUrl('https://login.chinacloudapi.cn/common/oauth2/v2.0/token').cloud, 'china')
  assert.equal(classifyUrl('https://login.partner.microsoftonline.cn/common/oauth2/token').cloud, 'china')
  assert.equal(classifyUrl('https://login.microsoftonline.com/common/discovery/keys').kind, 'other')
})

test('SharePoint and Outlook REST are recognised only on their API paths', () => {
  assert.equal(classifyUrl('https://contoso.sharepoint.com/sites/hr/_api/web/lists').kind, 'sharepoint')
  assert.equal(classifyUrl('https://contoso.sharepoint.com/_vti_bin/client.svc').kind, 'sharepoint')
  assert.equal(classifyUrl('https://contoso.sharepoint.com/sites/hr/Shared%20Documents/a.docx').kind, 'other')
  assert.equal(classifyUrl('https://outlook.office.com/api/v2.0/me/messages').kind, 'outlook')
  assert.equal(classifyUrl('https://outlook.office365.com/EWS/Exchange.asmx').kind, 'outlook')
  assert.equal(classifyUrl('https://outlook.office.com/mail/inbox').kind, 'other')
})

test('weird URLs are kind other and never throw', () => {
  for (const url of ['', '   ', 'http://', 'https://[bad', 'mailto:a@b.c', '::::', 'hello world', '//x', 'https://example.com/v1.0/me']) {
    assert.equal(classifyUrl(url).kind, 'other', url)
  }
})

test('a host named like an Object.prototype member is not Graph or a sign-in host', () => {
  for (const url of ['https://constructor/v1.0/me', 'https://__proto__/x', 'https://hasownproperty/common/oauth2/token']) {
    assert.deepEqual({ kind: classifyUrl(url).kind, cloud: classifyUrl(url).cloud }, { kind: 'other', cloud: undefined }, url)
  }
})

test('isGraphVersionPath: /v1.0 and /beta paths (with a query) are Graph, anything else is not', () => {
  for (const path of ['/v1.0', '/v1.0/me', '/BETA/users?$top=1', '/beta?x=1']) assert.equal(isGraphVersionPath(path), true, path)
  for (const path of ['/v1.01/me', '/common/oauth2/v2.0/token', '/', '/betas']) assert.equal(isGraphVersionPath(path), false, path)
})
