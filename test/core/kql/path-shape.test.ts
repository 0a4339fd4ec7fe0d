import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isIdSegment, pathShape } from '../../../src/core/kql/index.js'

describe('pathShape', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['https://graph.microsoft.com/v1.0/users/ada@contoso.example/messages?$top=5', '/users/{id}/messages'],
    ['https://graph.microsoft.com/beta/users/6a8b1b4e-6f37-4d8b-9d5e-0d5e2c3f4a1b/memberOf', '/users/{id}/memberOf'],
    ['/v1.0/users/ada%40contoso.example', '/users/{id}'],
    ["https://graph.microsoft.com/v1.0/users('ada@contoso.example')/mailFolders/inbox", "/users('{id}')/mailFolders/inbox"],
    ['/v1.0/me/messages/AAMkAGI2TG93AAA1234=/attachments', '/me/messages/{id}/attachments'],
    ['/v1.0/drives/b!x1Y2/items/01BYE5RZ6QN3ZWBTU4FOFD3GSPGOHDJD36K/content', '/drives/b!x1Y2/items/{id}/content'],
    ['/v1.0/me/drive/root:/Shared%20Documents/report-12.docx:/content', '/me/drive/root:/{id}:/content'],
    ['/v1.0/me/drive/root:/folder/file.txt', '/me/drive/root:/{id}'],
    ['/v1.0/sites/contoso.sharepoint.com,1f0e2b1c-aaaa-4bbb-8ccc-123456789abc,2a3b/lists', '/sites/{id}/lists'],
    ['/v1.0/teams/x/channels/19:abc1234@thread.tacv2/messages/1616990032035', '/teams/x/channels/{id}/messages/{id}'],
    ['/beta/deviceManagement/cloudCertificationAuthority(312201d1-f0aa-43bb-ad08-3b9877cc5926)/x', '/deviceManagement/cloudCertificationAuthority({id})/x'],
    ['/v1.0/reports/getOffice365ActivationCounts', '/reports/getOffice365ActivationCounts'],
    ['/v1.0/oauth2PermissionGrants/12/34', '/oauth2PermissionGrants/{id}/{id}'],
    ['https://graph.microsoft.com/v1.0', '/'],
    ['https://graph.microsoft.com', ''],
    ['/V1.0/me#frag', '/me'],
    ['/v1.0x/me', '/v1.0x/me'],
    ['me/events', 'me/events'],
    ['', ''],
  ]
  for (const [uri, shape] of cases) {
    it(`${uri || '(empty)'} → ${shape || '(empty)'}`, () => assert.equal(pathShape(uri), shape))
  }

  it('keeps the API version as written with keepVersion (memo keys), and only then', () => {
    const keep = { keepVersion: true }
    assert.equal(pathShape('https://graph.microsoft.com/v1.0/users/ada@contoso.example/messages?$top=5', keep), '/v1.0/users/{id}/messages')
    assert.equal(pathShape('/V1.0/me#frag', keep), '/V1.0/me')
    assert.equal(pathShape('https://graph.microsoft.com/beta/users/6a8b1b4e-6f37-4d8b-9d5e-0d5e2c3f4a1b', keep), '/beta/users/{id}')
    assert.notEqual(pathShape('https://graph.microsoft.com/v1.0', keep), pathShape('https://graph.microsoft.com/v1.0/', keep))
    assert.equal(pathShape('/v1.0x/me', keep), '/v1.0x/me')
    assert.equal(pathShape('me/events', keep), 'me/events')
  })
})

describe('isIdSegment', () => {
  it('takes GUIDs, numbers, addresses, composites and long opaque ids', () => {
    for (const id of ['6A8B1B4E-6F37-4D8B-9D5E-0D5E2C3F4A1B', '42', 'a@b', 'a%40b', 'x,y', 'AAMk1234', 'xqQg5FS2LkCp935s-FIFm2QAFkHM']) assert.equal(isIdSegment(id), true, id)
  })
  it('leaves Graph path words, casts and placeholders alone', () => {
    for (const word of ['messages', 'oauth2PermissionGrants', 'getOffice365ActivationCounts', 'microsoft.graph.windows10GeneralConfiguration', '{id}', '$value', '']) {
      assert.equal(isIdSegment(word), false, word)
    }
  })
})
