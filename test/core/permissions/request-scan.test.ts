import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { instantiate } from '../../../bench/instantiate.mjs'
import { requestSegments } from '../../../src/core/permissions/match/request-path.js'
import { scanRequest } from '../../../src/core/permissions/match/request-scan.js'
import { scannedSegments } from '../../../src/core/permissions/match/scanned.js'
import { allRequests } from './sample-requests.js'

const GRAPH = 'https://graph.microsoft.com/v1.0'

/** URLs that exercise every branch of the in-place scanner. */
const TRICKY = [
  `${GRAPH}/Users('a@b.com')/Messages?$select=subject`,
  `${GRAPH}/users(%27a%40b.com%27)/messages`,
  `${GRAPH}/users/a%40contoso.com/messages/AAMk%3D%3D/$value`,
  `${GRAPH}/applications(appId='3f2504e0')/owners`,
  `${GRAPH}/applications(AppId = '1', displayName='x,y')/owners`,
  `${GRAPH}/reports/getEmailActivityUserCounts(period='D7')`,
  `${GRAPH}/sites/getOperationStatus(operationId='a/b/c')/x`,
  `${GRAPH}/users/delta()`,
  `${GRAPH}/x/F( Key = 'v=' )/G(a='1',B=2)/h(=1)/i('a'='b')`,
  `${GRAPH}/users/delta( )?token=abc`,
  `${GRAPH}/me/events('AAMk==')`,
  `${GRAPH}/me/events(AAMk==)`,
  `${GRAPH}/me/events(a==,b=1)`,
  `${GRAPH}/admin/windows/updates/products/Default.findByKbNumber(kbNumber=5029332)`,
  `${GRAPH}/x/DEFAULT.default.y`,
  `${GRAPH}/x/default.`,
  `${GRAPH}/me/drive/root:/Folder A/b.txt:/content`,
  `${GRAPH}/me/drive/root:/Folder%20A/b.txt`,
  `${GRAPH}/me/drive/items/01AB:/a/b:`,
  `${GRAPH}/sites/contoso.sharepoint.com:/sites/team:/lists`,
  `${GRAPH}/me/drive/root:`,
  `${GRAPH}/groups/x/members/Microsoft.Graph.User`,
  `${GRAPH}/users/o'brien@contoso.com/messages/`,
  `${GRAPH}//users//x///`,
  `${GRAPH}/users/x#frag?y`,
  `${GRAPH}/users/(x)/y`,
  `${GRAPH}/users/x(y/z`,
  `${GRAPH}/users/x)y/z`,
  `  ${GRAPH}/me  `,
  'GRAPH.MICROSOFT.COM/V1.0/ME',
  'graph.microsoft.us/beta/me/messages',
  'example.com/v1.0/me',
  '/v1.0',
  '/beta/',
  'v1.0x/me',
  // The version's letters are tested one by one: its case, its end, and near misses
  'https://graph.microsoft.com/BETA/me',
  'https://graph.microsoft.com/bEtA?x=1',
  'https://graph.microsoft.com/v1.0#f',
  'https://graph.microsoft.com/betamax/me',
  'https://graph.microsoft.com/v1.1/me',
  'https://graph.microsoft.com/V1,0/me',
  'https://graph.microsoft.com/bet',
  '/Default.x/DEFAULTxy/defaul.t/default./d',
  '/',
  '',
  `${GRAPH}/me/x%ZZ/y`,
  `${GRAPH}/me/Mess%61ges/%24value/a%2`,
  `${GRAPH}/me/messages/AAMk%3d%3D/x%28y%29/caf%C3%A9/%00/Default%2Ex/DEFAULT.a%20b`,
  `${GRAPH}/users/\u00e9l\u00e8ve/messages`,
  `${GRAPH}/users/K\u212a/messages`,
  `${GRAPH}/\u0130\u0130/\u212aate/x%2Fy`,
  `${GRAPH}/x(%27a%27)/y(1)/z/default.q(a=1)`,
  `${GRAPH}/${'a/'.repeat(80)}`,
]

/** False when the scanner declined the URL (too many segments) and there was nothing to compare. */
function assertSameSegments(url: string): boolean {
  const expected = requestSegments(url)
  if (!scanRequest(url)) return false
  assert.deepEqual(scannedSegments(), expected, url)
  return true
}

describe('scanRequest (in-place request segments)', () => {
  it('gives the same segments as requestSegments for edge-case URLs', () => {
    const declined = TRICKY.filter((url) => !assertSameSegments(url))
    assert.deepEqual(declined, [`${GRAPH}/${'a/'.repeat(80)}`], 'only the over-long URL is declined')
  })

  it('gives the same segments as requestSegments for every instantiated template, three id sets each', () => {
    const requests = allRequests()
    for (const round of [0, 1, 2]) {
      requests.forEach(({ template }, n) => {
        const url = instantiate(template, n + round * 7919)
        assert.ok(assertSameSegments(url), `scanned in place: ${url}`)
      })
    }
  })

  it('scans URLs in place, non-ASCII ones too, and declines only over-long ones', () => {
    assert.equal(scanRequest(`${GRAPH}/users('a@b.com')/messages`), true)
    assert.equal(scanRequest(`${GRAPH}/users/\u00e9l\u00e8ve/messages`), true)
    assert.equal(scanRequest(`${GRAPH}/${'a/'.repeat(80)}`), false)
  })
})
