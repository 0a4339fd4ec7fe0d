// Tools' and SDKs' own print-outs around a Graph error (session 12 case log, rows 101-123), synthetic ids:
// - Python `requests` raise_for_status without the body (O365/python-o365#990: `requests.exceptions.HTTPError:
//   400 Client Error: Bad Request for url: https://graph…`); Windows PowerShell 5.1's WebException
//   (`The remote server returned an error: (403) Forbidden.` with the echoed `+ $result = Invoke-RestMethod … -Uri "…"`);
//   PowerShell 7's `Response status code does not indicate success: 403 (Forbidden).` (RuiRomano/pbimonitor#11).
// - `az rest` with its command line pasted above `Forbidden({"error":…})` (az rest prints no URL without --debug).
// - PnP PowerShell `Invoke-PnPGraphMethod -Url "v1.0/…"` (a URL relative to the Graph host).
// - PHP Kiota SDK `Microsoft\Graph\Generated\Users\UsersRequestBuilder->get()` stack frames.
// - Node `console.log` of a fetch's JSON (`{ error: { code: '…', message: '…' } }`) below the fetch line.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseInput } from '../../../src/core/input/index.js'
import { urlLiteralCall } from '../../../src/core/input/pasted/url-call.js'

const G = 'https://graph.microsoft.com/v1.0'
const read = (text: string): string => {
  const [exchange] = parseInput(text, 'x.txt')
  const request = exchange?.request
  return `${exchange?.response?.status ?? '-'} ${request === undefined ? '-' : `${request.method} ${request.url}`}${request?.inferredFrom === undefined ? '' : ` (${request.inferredFrom})`}`
}

test('an HTTP client error line without the body gives the status and the call', () => {
  assert.equal(read('requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://graph.microsoft.com/v1.0/users/adele@contoso.example/calendar/events'), `403 GET ${G}/users/adele@contoso.example/calendar/events`)
  const windowsPowerShell = 'Invoke-RestMethod : The remote server returned an error: (403) Forbidden.\nAt C:\\scripts\\Export.ps1:14 char:11\n+ $result = Invoke-RestMethod -Method Get -Uri "https://graph.microsoft.com/v1.0/auditLogs/signIns" -Headers $headers\n+           ~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException\n    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand'
  assert.equal(read(windowsPowerShell), `403 GET ${G}/auditLogs/signIns`)
  // PowerShell's own error id is not Graph's error code: no body is made up.
  assert.equal(parseInput(windowsPowerShell, 'x.txt')[0]?.response?.body, undefined)
  assert.equal(read('Message        : Response status code does not indicate success: 403 (Forbidden).\nLine           :         Invoke-RestMethod -Method Get -Uri "https://graph.microsoft.com/v1.0/groups" -Headers $h'), `403 GET ${G}/groups`)
})

test('near miss: the status alone, without a URL or a Graph error, is still not a Graph error text', () => {
  assert.throws(() => parseInput('Invoke-RestMethod : The remote server returned an error: (403) Forbidden.', 'x.txt'), /shows no error code or message/)
})

test('the command pasted above its output names the call: az rest, Invoke-PnPGraphMethod', () => {
  const body = '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}'
  assert.equal(read(`$ az rest --method get --url https://graph.microsoft.com/v1.0/applications\nForbidden(${body})`), `403 GET ${G}/applications`)
  assert.equal(read(`az rest -m PATCH -u "https://graph.microsoft.com/beta/users/x" --body @u.json\nERROR: Forbidden(${body})`), '403 PATCH https://graph.microsoft.com/beta/users/x')
  assert.equal(read(`PS C:\\> Invoke-PnPGraphMethod -Url "v1.0/groups/g1/owners" -Method Get\nInvoke-PnPGraphMethod: ${body}`), `403 GET ${G}/groups/g1/owners`)
  assert.equal(read(`Invoke-PnPGraphMethod -Url "groups/g1/members/$ref" -Method Post -Content $c\nInvoke-PnPGraphMethod: ${body}`), `403 POST ${G}/groups/g1/members/$ref`)
  // Near miss: the output alone shows no call.
  assert.equal(read(`Invoke-PnPGraphMethod: ${body}`), '403 -')
})

test('a PHP SDK stack frame names the call', () => {
  const php = 'PHP Fatal error:  Uncaught Microsoft\\Graph\\Generated\\Models\\ODataErrors\\ODataError: Insufficient privileges to complete the operation. in /var/www/vendor/microsoft/kiota-http-guzzle/src/GuzzleRequestAdapter.php:519\nStack trace:\n#0 /var/www/vendor/guzzlehttp/promises/src/FulfilledPromise.php(48): Microsoft\\Kiota\\Http\\GuzzleRequestAdapter->throwFailedResponse()\n#1 /var/www/app/users.php(18): Microsoft\\Graph\\Generated\\Users\\Item\\MailFolders\\MailFoldersRequestBuilder->get()\n#2 {main}'
  assert.equal(read(php), `403 GET ${G}/users/{id}/mailFolders (the PHP SDK stack trace)`)
  // PHP's ` in <file>.php:<line>` after the message is not Graph's message.
  assert.equal((JSON.parse(parseInput(php, 'x.txt')[0]?.response?.body ?? '{}') as { error: { message: string } }).error.message, 'Insufficient privileges to complete the operation.')
  // Near miss: a frame of the models namespace is no API path.
  assert.equal(read(php.replace('Generated\\Users\\Item\\MailFolders\\MailFoldersRequestBuilder->get()', 'Generated\\Models\\ODataErrors\\ODataError->getError()')).startsWith('403 -'), true)
})

test('a fetch or HTTP-client line with a Graph URL names the call; a console.log of the JSON error is read', () => {
  const text = "const res = await fetch(`https://graph.microsoft.com/v1.0/users/${userId}/manager`, { headers: { Authorization: `Bearer ${token}` } });\n{ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }"
  assert.equal(read(text), `403 GET ${G}/users/{id}/manager (the fetch(…) call in the pasted code)`)
  assert.deepEqual(urlLiteralCall("await fetch('https://graph.microsoft.com/beta/me', { method: 'PATCH', body })"), { method: 'PATCH', url: 'https://graph.microsoft.com/beta/me', from: 'the fetch(…) call in the pasted code' })
  assert.equal(urlLiteralCall('r = requests.post("https://graph.microsoft.com/v1.0/me/sendMail", json=m)')?.method, 'POST')
  assert.equal(urlLiteralCall('var r = await http.DeleteAsync("https://graph.microsoft.com/v1.0/groups/g1");')?.method, 'DELETE')
  // Near misses: another host, a function that is no HTTP call.
  assert.equal(urlLiteralCall("await fetch('https://login.microsoftonline.com/x/oauth2/v2.0/token')"), undefined)
  assert.equal(urlLiteralCall("console.log('https://graph.microsoft.com/v1.0/me')"), undefined)
})

test('PnP PowerShell: the URL and status in its own words, and a precise ask when only the body is printed', () => {
  const pnp = 'Invoke-PnPGraphMethod: Call to Microsoft Graph URL https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/resourceRequests failed with status code Forbidden: User is not authorized to perform the operation.'
  const [exchange] = parseInput(`PS> Invoke-PnPGraphMethod -Url "/identityGovernance/entitlementManagement/resourceRequests" -Method Post -Content $body\n${pnp}`, 'x.txt')
  assert.deepEqual([exchange?.response?.status, exchange?.request?.method, exchange?.request?.url], [403, 'POST', `${G}/identityGovernance/entitlementManagement/resourceRequests`])
  assert.match(exchange?.response?.body ?? '', /User is not authorized to perform the operation/)
  const [bodyOnly] = parseInput('Invoke-PnPGraphMethod: {"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}', 'x.txt')
  assert.match(bodyOnly?.unseenCall ?? '', /^Invoke-PnPGraphMethod's error does not print the call: paste the command with its -Url and -Method/)
  // Near miss: a PnP cmdlet that is not Invoke-PnPGraphMethod gets no such step.
  assert.equal(parseInput('Get-PnPAzureADUser: Forbidden (403): Insufficient privileges to complete the operation.', 'x.txt')[0]?.unseenCall, undefined)
})
