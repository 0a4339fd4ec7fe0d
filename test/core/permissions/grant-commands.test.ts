import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { adminConsentUrl, grantCommands, GRAPH_RESOURCE_APP_ID } from '../../../src/core/permissions/grant-commands.js'
import { FAKE_APP, FAKE_TENANT } from '../../helpers/tokens.js'

const MAIL_READ_ROLE = '810c84a8-4a9e-49e6-bf7d-12d183f40d01'
const MAIL_READ_SCOPE = '570282fd-fa5c-430d-a7fd-fc8dc98a9dca'

describe('grantCommands', () => {
  it('builds the admin-consent URL for the token tenant and app', () => {
    const result = grantCommands({ permission: 'Mail.Read', kind: 'application', id: MAIL_READ_ROLE, tenantId: FAKE_TENANT, appId: FAKE_APP })
    assert.equal(result.adminConsentUrl, `https://login.microsoftonline.com/${FAKE_TENANT}/adminconsent?client_id=${FAKE_APP}`)
  })

  it('uses the organizations endpoint when the tenant is unknown and omits the URL when the app is unknown', () => {
    assert.equal(
      grantCommands({ permission: 'Mail.Read', kind: 'delegated', appId: FAKE_APP }).adminConsentUrl,
      `https://login.microsoftonline.com/organizations/adminconsent?client_id=${FAKE_APP}`,
    )
    assert.equal('adminConsentUrl' in grantCommands({ permission: 'Mail.Read', kind: 'delegated' }), false)
  })

  it('adds an application permission as a Role and grants admin consent with the Azure CLI', () => {
    const { azureCli } = grantCommands({ permission: 'Mail.Read', kind: 'application', id: MAIL_READ_ROLE, appId: FAKE_APP })
    assert.deepEqual(azureCli, [
      `az ad app permission add --id ${FAKE_APP} --api ${GRAPH_RESOURCE_APP_ID} --api-permissions ${MAIL_READ_ROLE}=Role`,
      `az ad app permission admin-consent --id ${FAKE_APP}`,
    ])
  })

  it('adds a delegated permission as a Scope and grants it by name with the Azure CLI', () => {
    const { azureCli } = grantCommands({ permission: 'Mail.Read', kind: 'delegated', id: MAIL_READ_SCOPE, appId: FAKE_APP })
    assert.deepEqual(azureCli, [
      `az ad app permission add --id ${FAKE_APP} --api ${GRAPH_RESOURCE_APP_ID} --api-permissions ${MAIL_READ_SCOPE}=Scope`,
      `az ad app permission grant --id ${FAKE_APP} --api ${GRAPH_RESOURCE_APP_ID} --scope Mail.Read`,
    ])
  })

  it('never invents a GUID: without one it looks the id up by name and uses placeholders', () => {
    const { azureCli, powershell } = grantCommands({ permission: 'Calendars.ReadBasic.All', kind: 'application' })
    assert.match(azureCli[0] ?? '', /az ad sp show --id 00000003-0000-0000-c000-000000000000 --query "appRoles\[\?value=='Calendars\.ReadBasic\.All'\]\.id"/)
    assert.match(azureCli[1] ?? '', /--id <app-id> .* --api-permissions <id-printed-above>=Role$/)
    const guids = [...azureCli, ...powershell].join('\n').match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []
    assert.deepEqual([...new Set(guids)], [GRAPH_RESOURCE_APP_ID])
    assert.match(powershell.at(-1) ?? '', /-AppRoleId \(\$graph\.AppRoles \| Where-Object Value -eq 'Calendars\.ReadBasic\.All'\)\.Id$/)
  })

  it('assigns an app role with Microsoft Graph PowerShell for application permissions', () => {
    const { powershell } = grantCommands({ permission: 'Mail.Read', kind: 'application', id: MAIL_READ_ROLE, appId: FAKE_APP })
    assert.match(powershell[0] ?? '', /^Connect-MgGraph -Scopes .*AppRoleAssignment\.ReadWrite\.All/)
    assert.ok(powershell.includes(`$sp = Get-MgServicePrincipal -Filter "appId eq '${FAKE_APP}'"`))
    assert.equal(
      powershell.at(-1),
      `New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -PrincipalId $sp.Id -ResourceId $graph.Id -AppRoleId '${MAIL_READ_ROLE}'`,
    )
  })

  it('creates or extends the tenant-wide delegated grant with Microsoft Graph PowerShell', () => {
    const { powershell } = grantCommands({ permission: 'Mail.Read', kind: 'delegated', appId: FAKE_APP })
    assert.match(powershell[0] ?? '', /DelegatedPermissionGrant\.ReadWrite\.All/)
    const last = powershell.at(-1) ?? ''
    assert.match(last, /Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId \$grant\.Id -Scope "\$\(\$grant\.Scope\) Mail\.Read"/)
    assert.match(last, /New-MgOauth2PermissionGrant -ClientId \$sp\.Id -ConsentType 'AllPrincipals' -ResourceId \$graph\.Id -Scope 'Mail\.Read'/)
  })

  it('refuses to put characters that could break out of shell quotes into a command', () => {
    const result = grantCommands({ permission: "Mail.Read'; rm -rf /", kind: 'delegated', appId: 'not-a-guid', id: 'x' })
    const all = [...result.azureCli, ...result.powershell].join('\n')
    assert.doesNotMatch(all, /rm -rf/)
    assert.match(all, /<permission-name>/)
    assert.match(all, /<app-id>/)
    assert.equal(result.adminConsentUrl, undefined)
  })

  it('encodes the tenant in the admin-consent URL and falls back for odd values', () => {
    assert.equal(adminConsentUrl(FAKE_APP, 'contoso.onmicrosoft.com'), `https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=${FAKE_APP}`)
    assert.equal(adminConsentUrl(FAKE_APP, '../evil?x='), `https://login.microsoftonline.com/organizations/adminconsent?client_id=${FAKE_APP}`)
  })
})
