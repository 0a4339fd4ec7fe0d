import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { analyseToken, classifyAudience, cloudOfIssuer } from '../../../src/core/token/index.js'
import { FAKE_APP, FAKE_TENANT, appOnlyToken, delegatedToken } from '../../helpers/tokens.js'

const GRAPH = '00000003-0000-0000-c000-000000000000'

describe('classifyAudience', () => {
  const cases: Array<[aud: string, kind: string, cloud: string | undefined, name: RegExp]> = [
    ['https://graph.microsoft.com', 'graph', 'global', /Microsoft Graph \(global\)/],
    ['https://graph.microsoft.com/', 'graph', 'global', /Microsoft Graph \(global\)/],
    ['HTTPS://Graph.Microsoft.com/', 'graph', 'global', /Microsoft Graph/],
    ['https://graph.microsoft.us', 'graph', 'us-gov', /US Gov L4/],
    ['https://dod-graph.microsoft.us/', 'graph', 'us-dod', /L5/],
    ['https://microsoftgraph.chinacloudapi.cn', 'graph', 'china', /China/],
    ['00000002-0000-0000-c000-000000000000', 'aad-graph', undefined, /Azure AD Graph/],
    ['https://graph.windows.net/', 'aad-graph', 'global', /Azure AD Graph/],
    ['00000002-0000-0ff1-ce00-000000000000', 'exchange', undefined, /Exchange Online/],
    ['https://outlook.office.com', 'exchange', 'global', /Exchange Online/],
    ['https://outlook.office365.com/', 'exchange', 'global', /Exchange Online/],
    ['00000003-0000-0ff1-ce00-000000000000', 'sharepoint', undefined, /SharePoint Online/],
    ['https://contoso.sharepoint.com', 'sharepoint', 'global', /SharePoint Online \(contoso\.sharepoint\.com\)/],
    ['https://contoso-my.sharepoint.com/', 'sharepoint', 'global', /contoso-my\.sharepoint\.com/],
    ['https://management.azure.com/', 'other', undefined, /Azure Resource Manager/],
    ['https://vault.azure.net', 'other', undefined, /Key Vault/],
    ['api://contoso-orders', 'own-api', undefined, /custom API/],
    ['https://api.contoso.example', 'other', undefined, /not Microsoft Graph \(api\.contoso\.example\)/],
    ['12345678-1234-4234-8234-123456789012', 'other', undefined, /not Microsoft Graph \(app id 12345678/],
  ]
  for (const [aud, kind, cloud, name] of cases) {
    it(`classifies ${aud} as ${kind}${cloud === undefined ? '' : ` (${cloud})`}`, () => {
      const audience = classifyAudience(aud)
      assert.equal(audience.kind, kind)
      assert.equal(audience.cloud, cloud)
      assert.match(audience.name, name)
      assert.equal(audience.value, aud)
    })
  }

  it('takes the cloud of the Graph app id from the issuer host', () => {
    assert.equal(classifyAudience(GRAPH, { issuer: `https://sts.windows.net/${FAKE_TENANT}/` }).cloud, 'global')
    assert.equal(classifyAudience(GRAPH, { issuer: `https://login.microsoftonline.com/${FAKE_TENANT}/v2.0` }).cloud, 'global')
    assert.equal(classifyAudience(GRAPH, { issuer: `https://sts.chinacloudapi.cn/${FAKE_TENANT}/` }).cloud, 'china')
    const gov = classifyAudience(GRAPH, { issuer: `https://login.microsoftonline.us/${FAKE_TENANT}/` })
    assert.equal(gov.kind, 'graph')
    assert.equal(gov.cloud, undefined)
    assert.match(gov.name, /US Government/)
    const unknown = classifyAudience(GRAPH)
    assert.equal(unknown.kind, 'graph')
    assert.equal(unknown.cloud, undefined)
  })

  it('calls an audience equal to the client id the own API', () => {
    assert.equal(classifyAudience(FAKE_APP, { clientId: FAKE_APP.toUpperCase() }).kind, 'own-api')
  })

  it('reads the cloud of issuer hosts', () => {
    assert.equal(cloudOfIssuer('https://sts.windows.net/x/'), 'global')
    assert.equal(cloudOfIssuer('https://login.microsoftonline.us/x/v2.0'), 'us-gov-or-dod')
    assert.equal(cloudOfIssuer('https://login.chinacloudapi.cn/x/v2.0'), 'china')
    assert.equal(cloudOfIssuer('not a url'), undefined)
    assert.equal(cloudOfIssuer(undefined), undefined)
  })
})

describe('analyseToken audiences', () => {
  it('classifies the Graph app id audience of a China token as Graph China', () => {
    const token = analyseToken(delegatedToken({ iss: `https://sts.chinacloudapi.cn/${FAKE_TENANT}/` }))
    assert.equal(token.audience?.kind, 'graph')
    assert.equal(token.audience?.cloud, 'china')
  })

  it('classifies an Azure AD Graph, Exchange and SharePoint token', () => {
    assert.equal(analyseToken(appOnlyToken({ aud: 'https://graph.windows.net' })).audience?.kind, 'aad-graph')
    assert.equal(analyseToken(delegatedToken({ aud: 'https://outlook.office.com' })).audience?.kind, 'exchange')
    assert.equal(analyseToken(delegatedToken({ aud: 'https://contoso.sharepoint.com' })).audience?.kind, 'sharepoint')
  })

  it('classifies a token whose aud is its own appid as the own API', () => {
    assert.equal(analyseToken(delegatedToken({ aud: FAKE_APP })).audience?.kind, 'own-api')
  })

  it('takes the first value of an array aud', () => {
    assert.equal(analyseToken(delegatedToken({ aud: ['https://graph.microsoft.us', 'other'] })).audience?.cloud, 'us-gov')
  })

  it('leaves the audience out when aud is missing', () => {
    assert.equal(analyseToken(delegatedToken({ aud: undefined })).audience, undefined)
  })
})
