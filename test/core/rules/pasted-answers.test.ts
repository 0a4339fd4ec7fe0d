// Answers for pasted errors that name their call or tool but show no token (real-world shapes, synthetic text):
// az rest (Azure/azure-cli#23906, #26471, #33062), the Go SDK (microsoftgraph/msgraph-sdk-go#393), Intune
// through the .NET SDK (srozemuller/IntuneAssistant#6).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseInput } from '../../../src/core/input/index.js'
import { catalogue, findingOf, textOf } from './helpers.js'
import { diagnoseExchange } from '../../../src/core/diagnose.js'
import { appOnlyToken } from '../../helpers/tokens.js'

const read = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/inputs', name), 'utf8')
const diagnoseText = (text: string) => {
  const [exchange] = parseInput(text, 'x.txt')
  assert.ok(exchange !== undefined)
  return diagnoseExchange(exchange, { permissions: catalogue() })
}

test('az rest: the call from --debug, the least-privileged permission, and why Azure CLI\'s own app cannot get a scope', () => {
  const result = diagnoseText(read('az-rest-debug.txt'))
  const text = textOf(findingOf(result, 'permission-missing'))
  assert.match(text, /GET \/users accepts least privileged delegated permissions \(work or school account\): User\.ReadBasic\.All/)
  assert.match(text, /04b07795-8ddb-461a-bbee-02f9e1bf7b46/)
  assert.match(text, /az account get-access-token --resource https:\/\/graph\.microsoft\.com/)
  assert.doesNotMatch(text, /only with --debug/, 'the URL is there: no need to ask for --debug')
})

test('az rest without --debug: ask for --debug (the URL is only there), and the service\'s named scopes still lead', () => {
  const body = '{"error":{"code":"UnknownError","message":"{\\"errorCode\\":\\"PermissionScopeNotGranted\\",\\"message\\":\\"Authorization failed due to missing permission scope RoleAssignmentSchedule.ReadWrite.Directory,RoleManagement.ReadWrite.Directory.\\"}"}}'
  const finding = findingOf(diagnoseText(`Forbidden(${body})`), 'permission-missing')
  assert.match(finding.detail, /one of RoleAssignmentSchedule\.ReadWrite\.Directory, RoleManagement\.ReadWrite\.Directory\./)
  assert.doesNotMatch(finding.detail, /on the request were/, 'neither the message nor a token shows what the request carried')
  assert.match(finding.fix[0] ?? '', /only with --debug/)
  assert.match(textOf(finding), /Azure CLI's own app/)
  // Near miss: the same body from another tool gets no Azure CLI step.
  assert.doesNotMatch(textOf(findingOf(diagnoseText(`Error 403\n${body}`), 'permission-missing')), /Azure CLI/)
})

test('a Go SDK frame is judged as the call the catalogue finds for it', () => {
  const result = diagnoseText(read('go-request-builder-stack.txt'))
  assert.deepEqual([result.request?.method, result.request?.url], ['GET', 'https://graph.microsoft.com/v1.0/users/{id}/memberOf'])
  assert.match(result.request?.inferredFrom ?? '', /^the Go SDK stack trace/)
  assert.match(textOf(findingOf(result, 'permission-missing')), /GET \/users\/\{id\}\/memberof accepts/)
})

test('Intune\'s "Application must have one of the following scopes" through an SDK: 403 and those scopes, nothing invented about the request', () => {
  const text = 'Microsoft.Graph.Beta.Models.ODataErrors.ODataError: Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All\n   at Microsoft.Graph.Beta.DeviceManagement.DeviceHealthScripts.DeviceHealthScriptsRequestBuilder.GetAsync(Action`1 requestConfiguration, CancellationToken cancellationToken)\n'
  const result = diagnoseText(text)
  assert.equal(result.status, 403)
  const finding = findingOf(result, 'permission-missing')
  assert.match(finding.detail, /GET https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\/deviceHealthScripts accepts: one of DeviceManagementConfiguration\.Read\.All, DeviceManagementConfiguration\.ReadWrite\.All\. The least privileged of them is DeviceManagementConfiguration\.Read\.All\./)
})


test('a Logic Apps / Power Automate HTTP action run: inputs give the call, outputs the answer; the fix is the action\'s authentication', () => {
  const [run] = parseInput(read('logic-app-run.json'), 'run.json')
  assert.deepEqual([run?.request?.method, run?.request?.url, run?.request?.headersOmitted, run?.response?.status, run?.via], ['GET', 'https://graph.microsoft.com/v1.0/groups/6f996ed6-0000-4000-8000-00000000aaaa/members', true, 403, 'logic-apps'])
  const denied = diagnoseText(read('logic-app-run.json'))
  assert.match(textOf(findingOf(denied, 'permission-missing')), /New-MgServicePrincipalAppRoleAssignment/)
  // each authentication type is a step of its own, so no sentence runs on after the command
  const steps = findingOf(denied, 'permission-missing').fix
  assert.ok(steps.some((step) => step.startsWith('With a managed identity') && step.endsWith('`.')), steps.join('\n'))
  // the app role is the call's least-privileged application permission, looked up on Graph's service principal
  assert.ok(steps.some((step) => step.includes("-AppRoleId ($graph.AppRoles | Where-Object Value -eq 'GroupMember.ReadBasic.All').Id")), steps.join('\n'))
  assert.ok(steps.some((step) => step.startsWith('With Active Directory OAuth')), steps.join('\n'))
  const empty = findingOf(diagnoseText(read('logic-app-outputs-401.json')), 'token-missing')
  assert.match(empty.fix[0] ?? '', /HTTP action's Authentication: Managed identity with Audience https:\/\/graph\.microsoft\.com/)
  assert.doesNotMatch(empty.fix.join('\n'), /allowed-hosts/, 'no SDK pitfall for a Logic App')
  // Near miss: an object with a statusCode but no error body is no action run.
  assert.throws(() => parseInput('{"statusCode": 200, "body": {"value": []}}', 'ok.json'))
})

test('a bare "Invalid audience" body names no empty call ("GET :" before)', () => {
  const body = '{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure. Invalid audience."}}'
  const finding = findingOf(diagnoseText(body), 'token-wrong-audience')
  assert.match(finding.detail, /^The call: Graph reported "Invalid audience"/)
})

test('an axios error as Node prints it: the call, the token it sent and Graph\'s answer (not axios\'s own code)', () => {
  const token = appOnlyToken({ roles: ['User.Read.All'] })
  const text = `AxiosError: Request failed with status code 403\n    at settle (/app/node_modules/axios/dist/node/axios.cjs:1966:12) {\n  code: 'ERR_BAD_REQUEST',\n  config: {\n    method: 'get',\n    url: 'https://graph.microsoft.com/v1.0/groups',\n    headers: Object [AxiosHeaders] {\n      Accept: 'application/json, text/plain, */*',\n      Authorization: 'Bearer ${token}'\n    }\n  },\n  response: {\n    status: 403,\n    data: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.', innerError: { date: '2026-11-20T10:00:00' } } }\n  }\n}\n`
  const [exchange] = parseInput(text, 'axios.txt')
  assert.deepEqual([exchange?.request?.method, exchange?.request?.url, exchange?.request?.headersOmitted, exchange?.response?.status], ['GET', 'https://graph.microsoft.com/v1.0/groups', undefined, 403])
  const result = diagnoseText(text)
  const finding = findingOf(result, 'permission-missing')
  assert.match(finding.detail, /needs one of \d+ application permissions/)
  assert.equal(JSON.stringify(result).includes(token.split('.')[2] ?? '-'), false, 'the signature is never in the result')
})

test('a pasted 403 without any time is not "expired" by this machine\'s clock: Graph took the token then', () => {
  const token = appOnlyToken({ roles: ['User.Read.All'], exp: 1_700_000_000, iat: 1_699_996_400, nbf: 1_699_996_400 })
  const denied = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }
  const late = diagnoseExchange({ source: 't', format: 'raw-http', request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/groups', headers: [['Authorization', `Bearer ${token}`]] }, response: { status: 403, headers: [], body: JSON.stringify(denied) } }, { permissions: catalogue() })
  assert.ok(!late.findings.some((item) => item.id === 'token-expired'), late.findings.map((item) => item.id).join())
  // Near miss: the same token refused with 401 is still judged expired.
  const refused = diagnoseExchange({ source: 't', format: 'raw-http', request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/groups', headers: [['Authorization', `Bearer ${token}`]] }, response: { status: 401, headers: [], body: '{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure."}}' } }, { permissions: catalogue() })
  assert.ok(refused.findings.some((item) => item.id === 'token-expired'))
})
