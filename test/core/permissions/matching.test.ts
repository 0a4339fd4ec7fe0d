import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'
import type { MatchFallback } from '../../../src/core/permissions/types.js'

const catalogue = loadSnapshotCatalogue()
const GRAPH = 'https://graph.microsoft.com/v1.0'
const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
const MESSAGE_ID = 'AAMkAGI2TG93AAA='

/** The template a request resolves to, lower-cased with `{…}` written `{id}`, plus the fallback used. */
function resolve(method: string, url: string): { template: string; fallback: MatchFallback } | undefined {
  const endpoint = catalogue.lookup(method, url)
  if (endpoint === undefined) return undefined
  return { template: endpoint.template.toLowerCase().replace(/\{[^}]*\}/g, '{id}'), fallback: endpoint.fallback }
}

function assertTemplate(method: string, url: string, template: string, fallback: MatchFallback = 'none'): void {
  assert.deepEqual(resolve(method, url), { template, fallback }, `${method} ${url}`)
}

describe('PermissionCatalogue.lookup', () => {
  it('accepts full URLs of every Graph cloud, with or without a version, and paths', () => {
    for (const host of ['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']) {
      assertTemplate('GET', `https://${host}/v1.0/users/${GUID}/messages`, '/users/{id}/messages')
      assertTemplate('GET', `https://${host}/beta/users/${GUID}/messages`, '/users/{id}/messages')
    }
    assertTemplate('GET', `/v1.0/users/${GUID}/messages`, '/users/{id}/messages')
    assertTemplate('GET', `/users/${GUID}/messages`, '/users/{id}/messages')
    assertTemplate('GET', `graph.microsoft.com/v1.0/users/${GUID}/messages`, '/users/{id}/messages')
  })

  it('drops the query and fragment, trailing slashes, and ignores case', () => {
    assertTemplate('GET', `${GRAPH}/Users/${GUID}/Messages/?$select=subject&$filter=from/emailAddress/address eq 'a@b.com'#x`, '/users/{id}/messages')
    assertTemplate('get', `${GRAPH}/ME/MESSAGES`, '/me/messages')
  })

  it('percent-decodes segments and accepts UPN, email and base64 ids with = padding', () => {
    assertTemplate('GET', `${GRAPH}/users/a%40contoso.com/messages/${encodeURIComponent(MESSAGE_ID)}`, '/users/{id}/messages/{id}')
    assertTemplate('GET', `${GRAPH}/users/o'brien@contoso.com/messages/${MESSAGE_ID}/attachments`, '/users/{id}/messages/{id}/attachments')
  })

  it('reads key segments and alternate keys', () => {
    assertTemplate('GET', `${GRAPH}/users('a@b.com')/messages`, '/users/{id}/messages')
    assertTemplate('GET', `${GRAPH}/users(%27a%40b.com%27)/messages`, '/users/{id}/messages')
    assertTemplate('GET', `${GRAPH}/me/events('${MESSAGE_ID}')`, '/me/events/{id}')
    assertTemplate('GET', `${GRAPH}/applications(appId='${GUID}')/owners`, '/applications(appid={value})/owners'.replace('{value}', '{id}'))
  })

  it('reads functions with parameters, quoted arguments containing a slash, and parameterless delta()', () => {
    assertTemplate('GET', `${GRAPH}/reports/getEmailActivityUserCounts(period='D7')`, '/reports/getemailactivityusercounts(period={id})')
    assertTemplate('GET', `${GRAPH}/sites/getOperationStatus(operationId='a/b/c')`, "/sites/getoperationstatus(operationid='{id}')")
    assertTemplate('GET', `${GRAPH}/users/delta()`, '/users/delta')
    assertTemplate('GET', `${GRAPH}/me/drive/root/delta()?token=abc`, '/me/drive/root/delta')
  })

  it('strips a Default. prefix', () => {
    const endpoint = catalogue.lookup('GET', `${GRAPH}/admin/windows/updates/products/Default.findByKbNumber(kbNumber=5029332)`)
    assert.match(endpoint?.template ?? '', /findByKbNumber\(kbNumber=\{[^}]+\}\)$/i)
  })

  it('matches microsoft.graph actions written qualified or not, both ways', () => {
    const qualifiedTemplate = '/employeeexperience/conversations/{id}/messages/{id}/microsoft.graph.addreaction'
    assertTemplate('POST', `${GRAPH}/employeeExperience/conversations/${GUID}/messages/${GUID}/microsoft.graph.addReaction`, qualifiedTemplate)
    assertTemplate('POST', `${GRAPH}/employeeExperience/conversations/${GUID}/messages/${GUID}/addReaction`, qualifiedTemplate)
    const plainTemplate = '/users/{id}/chats/{id}/messages/{id}/setreaction'
    assertTemplate('POST', `${GRAPH}/users/${GUID}/chats/${GUID}/messages/${GUID}/microsoft.graph.setReaction`, plainTemplate)
  })

  it('matches templates that contain a microsoft.graph cast', () => {
    assertTemplate('POST', `${GRAPH}/servicePrincipals/microsoft.graph.agentIdentity/${GUID}/sponsors/$ref`, '/serviceprincipals/microsoft.graph.agentidentity/{id}/sponsors/$ref')
  })

  it('drops a type cast that the catalogue does not list, and says so', () => {
    assertTemplate('GET', `${GRAPH}/groups/${GUID}/members/microsoft.graph.user`, '/groups/{id}/members', 'cast-stripped')
  })

  it('reads drive item paths and site paths', () => {
    assertTemplate('GET', `${GRAPH}/me/drive/root:/Folder A/b.txt:/content`, '/me/drive/root:/{id}:/content')
    assertTemplate('GET', `${GRAPH}/me/drive/root:/Folder%20A/b.txt`, '/me/drive/root:/{id}')
    assertTemplate('PUT', `${GRAPH}/sites/${GUID}/drive/items/01ABCDEF:/report.docx:/content`, '/sites/{id}/drive/items/{id}:/{id}:/content')
    assertTemplate('GET', `${GRAPH}/sites/contoso.sharepoint.com:/sites/marketing:/drive`, '/sites/{id}/drive')
  })

  it('keeps $value, $ref and $count when listed, and strips them when not', () => {
    assertTemplate('GET', `${GRAPH}/chats/${GUID}/messages/1700000000000/hostedContents/${MESSAGE_ID}/$value`, '/chats/{id}/messages/{id}/hostedcontents/{id}/$value')
    assertTemplate('DELETE', `${GRAPH}/servicePrincipals/${GUID}/sponsors/${GUID}/$ref`, '/serviceprincipals/{id}/sponsors/{id}/$ref')
    assertTemplate('GET', `${GRAPH}/users/${GUID}/transitiveReports/$count`, '/users/{id}/transitivereports/$count')
    assertTemplate('GET', `${GRAPH}/me/photo/$value`, '/me/photo', 'odata-segment-stripped')
    const count = resolve('GET', `${GRAPH}/users/$count`)
    assert.ok(count !== undefined && count.template !== '/users/{id}', 'never reads $count as an id')
  })

  it('prefers a literal over a placeholder, and backtracks when the literal leads nowhere', () => {
    assertTemplate('GET', `${GRAPH}/users/delta`, '/users/delta')
    assertTemplate('GET', `${GRAPH}/users/delta/messages`, '/users/{id}/messages')
  })

  it('falls back from /me to /users/{id} with delegated schemes only, and reports it', () => {
    const endpoint = catalogue.lookup('PATCH', `${GRAPH}/me`)
    assert.equal(endpoint?.fallback, 'me-to-users')
    assert.equal(endpoint?.template.toLowerCase(), '/users/{id}')
    assert.equal(endpoint?.schemes.Application, undefined)
    assert.ok(endpoint?.schemes.DelegatedWork !== undefined)
  })

  it('treats HEAD as GET and never aliases PUT and PATCH', () => {
    assert.deepEqual(resolve('HEAD', `${GRAPH}/me/messages`), resolve('GET', `${GRAPH}/me/messages`))
    assert.equal(catalogue.lookup('PUT', `${GRAPH}/security/alerts_v2`), undefined)
  })

  it('answers a repeated URL from its path cache with the same result, unknown endpoints included', () => {
    const url = `${GRAPH}/users/${GUID}/messages?$top=1`
    assert.equal(catalogue.lookup('GET', url), catalogue.lookup('GET', url))
    assert.notEqual(catalogue.lookup('POST', url), catalogue.lookup('GET', url))
    assert.equal(catalogue.lookup('GET', `${GRAPH}/nosuchthing`), undefined)
    assert.equal(catalogue.lookup('GET', `${GRAPH}/nosuchthing`), undefined)
  })

  it('returns undefined for an unknown endpoint', () => {
    assert.equal(catalogue.lookup('GET', `${GRAPH}/nosuchthing/${GUID}`), undefined)
    assert.equal(catalogue.lookup('GET', ''), undefined)
  })
})
