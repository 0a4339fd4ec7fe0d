// The Graph call behind a Microsoft Graph PowerShell cmdlet name (src/core/input/pasted/cmdlet-call.ts).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cmdletCall, findCmdletName } from '../../../src/core/input/pasted/cmdlet-call.js'

const V1 = 'https://graph.microsoft.com/v1.0'

test('verb and variant give the method, the noun the path, Beta the version', () => {
  const cases: ReadonlyArray<[string, string]> = [
    ['Get-MgUser_List', `GET ${V1}/users`],
    ['Get-MgUser_Get', `GET ${V1}/users/{id}`],
    ['Get-MgUser_Get1', `GET ${V1}/users/{id}`],
    ['Get-MgUserManager_Get', `GET ${V1}/users/{user-id}/manager`],
    ['Get-MgGroupMember_List', `GET ${V1}/groups/{group-id}/members`],
    ['New-MgGroupMember_Create', `POST ${V1}/groups/{group-id}/members/$ref`],
    ['New-MgGroupMemberByRef_CreateExpanded', `POST ${V1}/groups/{group-id}/members/$ref`],
    ['Remove-MgGroupMemberByRef_Delete', `DELETE ${V1}/groups/{group-id}/members/{id}/$ref`],
    ['New-MgUser_CreateExpanded', `POST ${V1}/users`],
    ['Update-MgUser_UpdateExpanded', `PATCH ${V1}/users/{id}`],
    ['Remove-MgApplication_Delete', `DELETE ${V1}/applications/{id}`],
    ['Send-MgUserMail_SendExpanded', `POST ${V1}/users/{user-id}/sendMail`],
    ['Set-MgUserLicense_AssignExpanded', `POST ${V1}/users/{user-id}/assignLicense`],
    ['Get-MgBetaUser_List', 'GET https://graph.microsoft.com/beta/users'],
    ['Get-MgAuditLogSignIn_List', `GET ${V1}/auditLogs/signIns`],
  ]
  for (const [cmdlet, call] of cases) {
    const found = cmdletCall(cmdlet)
    assert.equal(found === undefined ? undefined : `${found.method} ${found.url}`, call, cmdlet)
  }
})

test('near misses: no variant on Get, an unknown noun or verb, and names that are no cmdlets give nothing', () => {
  for (const name of ['Get-MgUser', 'Get-MgUserPhoto_Get', 'Invoke-MgGraphRequest', 'Connect-MgGraph', 'Export-MgUser_List', 'Get-MgConstructor_List', 'Get-AzADUser']) {
    assert.equal(cmdletCall(name), undefined, name)
  }
})

test('the cmdlet name is found where PowerShell prints it', () => {
  assert.equal(findCmdletName('+ CategoryInfo : InvalidOperation: (…) [Get-MgGroupMember_List], RestException`1'), 'Get-MgGroupMember_List')
  assert.equal(findCmdletName('    MyCommand        : New-MgGroup_CreateExpanded'), 'New-MgGroup_CreateExpanded')
  assert.equal(findCmdletName('no cmdlet here: Get-Process'), undefined)
})
