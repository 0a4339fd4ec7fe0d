// PnP PowerShell errors name the cmdlet, never the URL (pnp/powershell#3962, #4284, #3548).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseInput } from '../../../src/core/input/index.js'
import { pnpCmdletCall } from '../../../src/core/powershell/pnp-cmdlets.js'

test('a Graph-backed PnP cmdlet names its call, AzureAD and EntraID spellings alike', () => {
  assert.deepEqual(pnpCmdletCall('Get-PnPAzureADUser: Forbidden (403): Insufficient privileges to complete the operation.'), { name: 'Get-PnPAzureADUser', method: 'GET', path: '/users' })
  assert.deepEqual(pnpCmdletCall('Grant-PnPEntraIDAppSitePermission: {"error":…}'), { name: 'Grant-PnPEntraIDAppSitePermission', method: 'POST', path: '/sites/{id}/permissions' })
  assert.equal(pnpCmdletCall('Add-PnPMicrosoft365GroupMember -Identity x -Users y')?.path, '/groups/{id}/members/$ref')
})

test('near misses: a PnP cmdlet that does not call Graph, a prototype key, prose', () => {
  for (const text of ['Get-PnPListItem: Access denied.', 'Get-PnPconstructor: x', 'Get-PnPAzureADUserX-ish', 'We used Get-PnPAzureADUsers']) assert.equal(pnpCmdletCall(text), undefined, text)
})

test('a PnP error record is judged as the cmdlet\'s call, marked as inferred', () => {
  const [exchange] = parseInput('Grant-PnPAzureADAppSitePermission: C:\\scripts\\grant.ps1:6:1\nLine |\n   6 |  Grant-PnPAzureADAppSitePermission -AppId $appID\n     | {"error":{"code":"accessDenied","message":"Access denied"}}\n', 'pnp.txt')
  assert.deepEqual([exchange?.request?.method, exchange?.request?.url, exchange?.request?.inferredFrom, exchange?.response?.status], ['POST', 'https://graph.microsoft.com/v1.0/sites/{id}/permissions', 'Grant-PnPAzureADAppSitePermission', 403])
})

test('without the token, an endpoint with application permissions only is compared against the token\'s roles', async () => {
  const { diagnoseExchange } = await import('../../../src/core/diagnose.js')
  const { loadSnapshotCatalogue } = await import('../../helpers/catalogue.js')
  const [exchange] = parseInput('Grant-PnPAzureADAppSitePermission: {"error":{"code":"accessDenied","message":"Access denied"}}', 'pnp.txt')
  assert.ok(exchange !== undefined)
  const finding = diagnoseExchange(exchange, { permissions: loadSnapshotCatalogue() }).findings.find((item) => item.id === 'permission-missing')
  assert.match(finding?.fix.join('\n') ?? '', /Sites\.FullControl\.All/)
  assert.match(finding?.fix.join('\n') ?? '', /Compare the token's roles with the permissions the API reference lists for Application/)
})
