// A managed identity's token (xms_mirid): it has no app registration, no API permissions page and no
// consent; its Graph permissions are app role assignments (MicrosoftDocs/azure-docs#52786 and many Q&A threads).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appOnlyClaims, appOnlyToken, makeJwt } from '../../helpers/tokens.js'
import { call, findingOf, graphError, run, textOf } from './helpers.js'

const G = 'https://graph.microsoft.com/v1.0'
const MI_OID = '55555555-4444-4333-8222-111111111111'
const identity = (roles: string[] | undefined): string => makeJwt(appOnlyClaims({ roles, appidacr: '2', oid: MI_OID, xms_mirid: '/subscriptions/00000000-0000-4000-8000-000000000000/resourcegroups/rg/providers/Microsoft.Web/sites/contoso-func' }))
const denied = graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')

test('a managed identity lacking the role: an app role assignment on its service principal, no app registration, consent or delegated fallback', () => {
  const result = run(call({ url: `${G}/groups`, token: identity(['User.Read.All']), status: 403, body: denied }), { withCatalogue: true })
  const finding = findingOf(result, 'permission-missing')
  const text = textOf(finding)
  assert.match(text, new RegExp(`managed identity's .*object id ${MI_OID}`))
  assert.match(text, /New-MgServicePrincipalAppRoleAssignment/)
  assert.match(text, /cached for up to 24 hours/)
  assert.doesNotMatch(text, /API permissions > Add a permission|adminconsent|az ad app permission|signed-in user instead/)
  assert.equal(finding.actions?.azCli, undefined)
})

test('a managed identity without roles is told about app role assignments, not admin consent on an app registration', () => {
  const result = run(call({ url: `${G}/users`, token: identity(undefined), status: 403, body: denied }), { withCatalogue: true })
  const text = textOf(findingOf(result, 'token-type-mismatch'))
  assert.match(text, /managed identity gets Microsoft Graph permissions only as app role assignments/)
  assert.match(text, /New-MgServicePrincipalAppRoleAssignment/)
  assert.doesNotMatch(text, /API permissions > Microsoft Graph > Application permissions/)
})

test('near miss: an ordinary app-only token keeps the app registration steps', () => {
  const result = run(call({ url: `${G}/groups`, token: appOnlyToken({ roles: ['User.Read.All'] }), status: 403, body: denied }), { withCatalogue: true })
  assert.match(textOf(findingOf(result, 'permission-missing')), /API permissions > Add a permission/)
})

test('SharePoint REST "Unsupported app only token." to a client-secret token: a certificate (or Graph), not permissions', () => {
  const spo = (acr: string) => run(call({ url: 'https://contoso.sharepoint.com/sites/finance/_api/web', token: appOnlyToken({ aud: '00000003-0000-0ff1-ce00-000000000000', appidacr: acr, roles: ['Sites.Read.All'] }), status: 401, body: { error_description: 'Unsupported app only token.' } }))
  const finding = findingOf(spo('1'), 'token-type-mismatch')
  assert.match(finding.detail, /only when the app signs in with a certificate, and this token was requested with a client secret/)
  assert.match(finding.fix.join('\n'), /-CertificatePath/)
  assert.doesNotMatch(findingOf(spo('2'), 'token-type-mismatch').detail, /client secret \(appidacr 1\)/)
  // Near miss: another SharePoint 401 is not this finding.
  const other = run(call({ url: 'https://contoso.sharepoint.com/sites/finance/_api/web', token: appOnlyToken({ aud: '00000003-0000-0ff1-ce00-000000000000', roles: ['Sites.Read.All'] }), status: 401, body: { error_description: 'Invalid issuer or signature.' } }))
  assert.ok(!other.findings.some((item) => item.id === 'token-type-mismatch'))
})
