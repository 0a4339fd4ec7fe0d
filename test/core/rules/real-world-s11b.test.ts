// Real-world pastes of session 11, second round (answ2): address-bar OAuth redirects, MSAL.NET and
// Connect-MgGraph client-side failures, Kiota's ApiException without an error type, a 401 whose token the
// paste does not show. Shapes after public reports: jasonjoh/javascript-tutorial#1 (login.live.com
// err.srf#error=invalid_request), Azure-Samples/ms-identity-dotnet-advanced-token-cache#5 (MsalUiRequiredException),
// microsoftgraph/msgraph-sdk-powershell#3571 (Connect-MgGraph and WAM), microsoft/kiota-dotnet ApiException.
// All ids synthetic.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseInput } from '../../../src/core/input/index.js'
import { diagnoseExchange } from '../../../src/core/diagnose.js'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { parseTokenEndpointError } from '../../../src/core/response/index.js'
import type { DiagnosisResult } from '../../../src/core/types.js'
import { findingOf, ids } from './helpers.js'

const APP = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
const diagnosed = (text: string): DiagnosisResult => {
  const [exchange] = parseInput(text, 'x.txt')
  assert.ok(exchange !== undefined)
  return diagnoseExchange(exchange)
}
const refusal = (text: string): string => {
  try {
    parseInput(text, 'x.txt')
  } catch (error) {
    assert.ok(isGraphDoctorError(error))
    return error.message
  }
  return assert.fail('the text was read')
}

test('an OAuth error redirect pasted from the address bar is read decoded, in the query or after #', () => {
  const query = `http://localhost:3000/auth/callback?error=consent_required&error_description=AADSTS65001%3a+The+user+or+administrator+has+not+consented+to+use+the+application+with+ID+%27${APP}%27+named+%27Contoso%27.+Send+an+interactive+authorization+request+for+this+user+and+resource.%0d%0aTrace+ID%3a+0b1c2d3e-0000-4000-8000-000000000000&state=1\n`
  const [exchange] = parseInput(query, 'x.txt')
  const error = parseTokenEndpointError(exchange?.response?.body)
  assert.equal(error?.error, 'consent_required')
  assert.deepEqual(error?.codes, [65001])
  assert.match(error?.description ?? '', /^AADSTS65001: The user or administrator has not consented/)
  assert.match(findingOf(diagnosed(query), 'consent-missing').fix.join('\n'), new RegExp(`adminconsent\\?client_id=${APP}`))

  const msa = "https://login.live.com/err.srf?lc=1033#error=invalid_request&error_description=The+provided+value+for+the+input+parameter+'redirect_uri'+is+not+valid.+The+expected+value+is+'https://login.live.com/oauth20_desktop.srf'+or+a+URL+which+matches+the+redirect+URI+registered+for+this+client+application.\n"
  assert.match(findingOf(diagnosed(msa), 'token-request-failed').fix.join('\n'), /redirect URI the app sent is not registered/)
})

test('near miss: a URL with error= but no error_description, or a sentence holding a URL, is no redirect error', () => {
  assert.throws(() => parseInput('https://contoso.example/page?error=1\n', 'x.txt'), (error: unknown) => isGraphDoctorError(error))
  assert.match(refusal('see https://contoso.example/cb?error=access_denied&error_description=x for details\n'), /not a HAR/)
  const other = "https://login.live.com/err.srf#error=invalid_request&error_description=The+provided+value+for+the+input+parameter+'scope'+is+not+valid.\n"
  assert.doesNotMatch(findingOf(diagnosed(other), 'token-request-failed').fix.join('\n'), /redirect URI the app sent/)
})

test('Kiota ApiException without an error type still gives its status, and the denial names no empty code', () => {
  const text = 'Microsoft.Kiota.Abstractions.ApiException: The server returned an unexpected status code and no error factory is registered for this code: 403\n   at Microsoft.Graph.Users.Item.Messages.MessagesRequestBuilder.GetAsync(Action`1 requestConfiguration, CancellationToken cancellationToken)\n'
  const result = diagnosed(text)
  assert.equal(result.status, 403)
  assert.deepEqual(ids(result), ['permission-missing'])
  assert.doesNotMatch(findingOf(result, 'permission-missing').detail, /\(\)/)
  const other = diagnosed('Microsoft.Kiota.Abstractions.ApiException: The server returned an unexpected status code and no error factory is registered for this code: 404\n')
  assert.equal(other.status, 404)
})

test('MSAL.NET without an account and Connect-MgGraph without a WAM window are refused with what to do', () => {
  assert.match(refusal('Microsoft.Identity.Client.MsalUiRequiredException: No account or login hint was passed to the AcquireTokenSilent call.\n\tErrorCode: user_null\n'), /GetAccountsAsync.*AcquireTokenInteractive/)
  assert.match(refusal('Connect-MgGraph: InteractiveBrowserCredential authentication failed: A window handle must be configured. See https://aka.ms/msal-net-wam#parent-window-handles\n'), /DisableLoginByWAM.*-UseDeviceCode/)
  // Near miss: Connect-MgGraph failing on the server side keeps its AADSTS answer.
  assert.deepEqual(ids(diagnosed(`Connect-MgGraph: ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${APP}'.\n`)), ['token-request-failed'])
})

const PANE_BODY = '{\n    "error": {\n        "code": "Authorization_RequestDenied",\n        "message": "Insufficient privileges to complete the operation.",\n        "innerError": { "date": "2026-11-20T10:00:00", "request-id": "0b1c2d3e-0000-4000-8000-000000000000" }\n    }\n}\n'

test('a denial copied from Graph Explorer\'s response pane is answered for Graph Explorer: its query bar, its Modify permissions tab, no app registration', () => {
  const text = `Forbidden - 403 - 254ms. Either the signed-in user does not have sufficient privileges, or you need to consent to one of the permissions on the Modify permissions tab\n${PANE_BODY}`
  const [exchange] = parseInput(text, 'x.txt')
  assert.equal(exchange?.via, 'graph-explorer')
  assert.equal(exchange?.response?.status, 403)
  const fix = findingOf(diagnoseExchange(exchange!), 'permission-missing').fix.join('\n')
  assert.match(fix, /query bar/)
  assert.match(fix, /Modify permissions tab/)
  assert.doesNotMatch(fix, /SDK's error|<app-id>/)
})

test('near miss: the same body under another tool\'s words gets no Graph Explorer steps', () => {
  const [exchange] = parseInput(`Invoke-RestMethod : Forbidden - 403\n${PANE_BODY}`, 'x.txt')
  assert.equal(exchange?.via, undefined)
  assert.doesNotMatch(findingOf(diagnoseExchange(exchange!), 'permission-missing').fix.join('\n'), /Modify permissions tab/)
})
