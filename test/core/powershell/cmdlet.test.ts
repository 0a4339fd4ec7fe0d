/**
 * The call a Graph PowerShell cmdlet makes, from the noun and parameter set an error names, found in
 * the bundled permission catalogue (`src/core/powershell/`).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { callOfCmdlet, casedSegments, PARAM_SEGMENT } from '../../../src/core/powershell/cmdlet-request.js'
import { actionCall, findGraphCmdlet } from '../../../src/core/powershell/cmdlet.js'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'

describe('the cmdlet an error names', () => {
  it('reads PowerShell 7, PowerShell 5.1 and FullyQualifiedErrorId spellings, v1.0 and beta', () => {
    const cases: ReadonlyArray<[string, string, string | undefined, string]> = [
      ['Get-MgUser_List: Insufficient privileges to complete the operation.', 'Get-MgUser', 'List', 'v1.0'],
      ['Get-MgUser : Insufficient privileges to complete the operation.\nAt line:1 char:1', 'Get-MgUser', undefined, 'v1.0'],
      ['FullyQualifiedErrorId : Authorization_RequestDenied,Microsoft.Graph.PowerShell.Cmdlets.GetMgUserMessage_List', 'Get-MgUserMessage', 'List', 'v1.0'],
      ['+ CategoryInfo : InvalidOperation: ({ … }:<>f__AnonymousType2`2) [New-MgGroup_CreateExpanded], Exception', 'New-MgGroup', 'CreateExpanded', 'v1.0'],
      ['Get-MgBetaUser_List: Forbidden', 'Get-MgBetaUser', 'List', 'beta'],
      ['Authorization_RequestDenied,Microsoft.Graph.Beta.PowerShell.Cmdlets.UpdateMgBetaUser_UpdateExpanded', 'Update-MgBetaUser', 'UpdateExpanded', 'beta'],
    ]
    for (const [text, name, set, version] of cases) {
      const cmdlet = findGraphCmdlet(text)
      assert.equal(cmdlet?.name, name, text)
      assert.equal(cmdlet?.parameterSet, set, text)
      assert.equal(cmdlet?.apiVersion, version, text)
    }
  })

  it('skips Connect-MgGraph for the cmdlet that failed, and knows action cmdlets by name', () => {
    assert.equal(findGraphCmdlet('Connect-MgGraph -Scopes User.Read\nGet-MgUserMessage_List: Forbidden')?.name, 'Get-MgUserMessage')
    const send = findGraphCmdlet('Send-MgBetaUserMail_SendExpanded: Access is denied')
    assert.deepEqual([send?.name, send?.method, send?.apiVersion], ['Send-MgBetaUserMail', undefined, 'beta'])
    assert.deepEqual(send === undefined ? undefined : actionCall(send), { method: 'POST', url: 'https://graph.microsoft.com/beta/users/{id}/sendMail' })
  })

  it('names no cmdlet for other modules, Invoke-MgGraphRequest or a word in prose', () => {
    for (const text of ['Get-Mailbox : The operation could not be performed', 'Invoke-MgGraphRequest: GET https://graph.microsoft.com/v1.0/me', 'Connect-MgGraph : AADSTS50076', 'We tried Get-MgUserX-ish things', 'Forget-MgUser_List: x', 'Insufficient privileges to complete the operation.']) {
      assert.equal(findGraphCmdlet(text), undefined, text)
    }
  })
})

describe('the call a cmdlet makes, found in the catalogue', () => {
  const catalogue = loadSnapshotCatalogue()
  const paths = catalogue.templatePaths?.() ?? []

  it('finds collections, items, nested and single-valued paths, $ref, $value and $count, cased as the noun', () => {
    const cases: ReadonlyArray<[string, string]> = [
      ['Get-MgUser_List', 'GET https://graph.microsoft.com/v1.0/users'],
      ['Get-MgUser_Get', 'GET https://graph.microsoft.com/v1.0/users/{id}'],
      ['Get-MgBetaUser_List', 'GET https://graph.microsoft.com/beta/users'],
      ['Get-MgUserMessage_List', 'GET https://graph.microsoft.com/v1.0/users/{id}/messages'],
      ['Get-MgUserMailFolderMessage_List', 'GET https://graph.microsoft.com/v1.0/users/{id}/mailFolders/{id}/messages'],
      ['Get-MgUserManager_Get', 'GET https://graph.microsoft.com/v1.0/users/{id}/manager'],
      ['New-MgGroup_CreateExpanded', 'POST https://graph.microsoft.com/v1.0/groups'],
      ['New-MgGroupMemberByRef_Create', 'POST https://graph.microsoft.com/v1.0/groups/{id}/members/$ref'],
      ['Update-MgUser_UpdateExpanded', 'PATCH https://graph.microsoft.com/v1.0/users/{id}'],
      ['Remove-MgGroup_Delete', 'DELETE https://graph.microsoft.com/v1.0/groups/{id}'],
      ['Get-MgIdentityConditionalAccessPolicy_List', 'GET https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies'],
      ['Get-MgDeviceManagementManagedDevice_List', 'GET https://graph.microsoft.com/v1.0/deviceManagement/managedDevices'],
      ['Get-MgAuditLogSignIn_List', 'GET https://graph.microsoft.com/v1.0/auditLogs/signIns'],
      ['Get-MgOauth2PermissionGrant_List', 'GET https://graph.microsoft.com/v1.0/oauth2PermissionGrants'],
      ['Get-MgSubscribedSku_List', 'GET https://graph.microsoft.com/v1.0/subscribedSkus'],
      ['Get-MgDriveItemChild_List', 'GET https://graph.microsoft.com/v1.0/drives/{id}/items/{id}/children'],
      ['Get-MgUserPerson_List', 'GET https://graph.microsoft.com/v1.0/users/{id}/people'],
      ['Get-MgUserPhotoContent_Get', 'GET https://graph.microsoft.com/v1.0/users/{id}/photo/$value'],
      ['Get-MgUserMessageContent_Get', 'GET https://graph.microsoft.com/v1.0/users/{id}/messages/{id}/$value'],
      ['Get-MgUserCount_Get', 'GET https://graph.microsoft.com/v1.0/users/$count'],
    ]
    for (const [named, call] of cases) {
      const cmdlet = findGraphCmdlet(`${named}: Forbidden`)
      assert.ok(cmdlet !== undefined, named)
      const found = callOfCmdlet(cmdlet, paths, catalogue)
      assert.equal(found === undefined ? undefined : `${found.method} ${found.url}`, call, named)
    }
  })

  it('finds nothing for a noun no template spells, or a verb the path does not take', () => {
    for (const named of ['Get-MgNoSuchThing_List', 'Remove-MgSubscribedSku_Delete']) {
      const cmdlet = findGraphCmdlet(`${named}: Forbidden`)
      assert.ok(cmdlet !== undefined, named)
      assert.equal(callOfCmdlet(cmdlet, paths, catalogue), undefined, named)
    }
  })

  it('spells a noun only with whole segments, each singular or as it is', () => {
    assert.deepEqual(casedSegments(['users', PARAM_SEGMENT, 'messages'], 'UserMessage'), ['users', '{id}', 'messages'])
    assert.equal(casedSegments(['users', PARAM_SEGMENT, 'messages'], 'UserMessages2'), undefined)
    assert.equal(casedSegments(['users'], 'Use'), undefined)
    assert.equal(casedSegments(['users', 'delta()'], 'UserDelta'), undefined)
  })
})
