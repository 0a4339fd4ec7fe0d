// Pasted error texts: PowerShell error records, Graph SDK print-outs (.NET, JavaScript, Python, Java),
// MSAL (.NET, JS/Node, Python) and Azure CLI sign-in errors. The fixtures in test/fixtures/inputs are
// synthetic (fake ids), built from the shapes in these public sources:
// - powershell-error-record.txt, powershell-get-error.txt: Graph PowerShell v2 error records as quoted in
//   learn.microsoft.com "Troubleshoot custom security attributes" and a public lab write-up of New-MgGroup
//   (Get-Error output with ErrorDetails, Status, ErrorCode, Date and Headers).
// - powershell-5.txt: Windows PowerShell 5.1 form with CategoryInfo and FullyQualifiedErrorId
//   (microsoftgraph/msgraph-sdk-powershell issues about Get-MgUser).
// - invoke-mggraphrequest.txt: microsoftgraph/msgraph-sdk-powershell#2826 (Invoke-MgGraphRequest 403 accessDenied).
// - dotnet-odataerror.txt: "Microsoft.Graph.Models.ODataErrors.ODataError: <message>" in public .NET code and docs.
// - dotnet-serviceexception.txt: SDK v4 "Status Code: … Microsoft.Graph.ServiceException: Code: … Message: …
//   Inner error: AdditionalData: date / request-id / client-request-id" (public issue threads).
// - js-grapherror.txt: microsoftgraph/msgraph-sdk-javascript src/GraphError.ts (statusCode, code, requestId, date, body).
// - python-odataerror.txt: microsoft/kiota-python kiota_abstractions/api_error.py __str__ (APIError Code/message/error).
// - java-graphserviceexception.txt: msgraph-sdk-java v5 GraphServiceException message (Error code, Error message,
//   the request line, SdkVersion, "403 : Forbidden").
// - msal-net.txt: MSAL.NET MsalServiceException.ToString (ErrorCode, StatusCode, ResponseBody, Headers).
// - msal-net-log.txt: MSAL.NET log without PII, microsoftgraph/msgraph-sdk-powershell#3386.
// - msal-js.txt: MSAL Node ServerError ("invalid_client: 7000215 - [time]: AADSTS7000215: …").
// - msal-python.txt: MSAL Python result dict printed with print(); python-graph-dict.txt:
//   microsoftgraph/python-sample-auth#12 (a Graph error body printed as a Python dict).
// - azure-cli-530003.txt: "ERROR: AADSTS530003: Your device is required to be managed…" (az login output quoted
//   in MicrosoftDocs' Azure IoT Operations known issues and public READMEs).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getHeader } from '../../../src/core/exchange.js'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { detectFormat, parseInput } from '../../../src/core/input/index.js'
import { parseGraphError, parseTokenEndpointError } from '../../../src/core/response/index.js'

const read = (file: string): string => readFileSync(join('test', 'fixtures', 'inputs', file), 'utf8')
const only = (file: string) => {
  const exchanges = parseInput(read(file), file)
  assert.equal(exchanges.length, 1, file)
  return exchanges[0]!
}

const GRAPH_CASES: ReadonlyArray<[file: string, format: string, status: number, code: string, message: RegExp]> = [
  ['powershell-error-record.txt', 'powershell-error', 403, 'Authorization_RequestDenied', /^Insufficient privileges/],
  ['powershell-get-error.txt', 'powershell-error', 403, 'Authorization_RequestDenied', /^Insufficient privileges/],
  ['powershell-5.txt', 'powershell-error', 403, 'Authorization_RequestDenied', /^Insufficient privileges/],
  ['dotnet-odataerror.txt', 'sdk-error', 403, 'Authorization_RequestDenied', /^Insufficient privileges/],
  ['dotnet-serviceexception.txt', 'sdk-error', 403, 'ErrorAccessDenied', /^Access is denied/],
  ['js-grapherror.txt', 'sdk-error', 401, 'InvalidAuthenticationToken', /^Access token has expired/],
  ['python-odataerror.txt', 'sdk-error', 403, 'Authorization_RequestDenied', /^Insufficient privileges/],
  ['java-graphserviceexception.txt', 'sdk-error', 403, 'Authorization_RequestDenied', /^Insufficient privileges/],
]

test('PowerShell and Graph SDK error print-outs become a Graph error response with status, code and message', () => {
  for (const [file, format, status, code, message] of GRAPH_CASES) {
    const exchange = only(file)
    assert.equal(exchange.format, format, file)
    assert.equal(exchange.response?.status, status, file)
    const error = parseGraphError(exchange.response?.body)
    assert.equal(error?.code, code, file)
    assert.match(error?.message ?? '', message, file)
  }
})

test('the PowerShell record keeps its response headers and dates and names its cmdlet (the call is found when diagnosed)', () => {
  const exchange = only('powershell-error-record.txt')
  const headers = exchange.response?.headers ?? []
  assert.equal(getHeader(headers, 'request-id'), '0d1e2f30-0000-4000-8000-00000000a001')
  assert.equal(getHeader(headers, 'date'), 'Fri, 20 Nov 2026 10:00:00 GMT')
  assert.equal(exchange.request, undefined)
  assert.deepEqual([exchange.cmdlet?.name, exchange.cmdlet?.parameterSet, exchange.cmdlet?.method], ['Get-MgUser', 'List', 'GET'])
  assert.equal(exchange.source, 'powershell-error-record.txt')
  assert.equal(exchange.response?.statusText, 'Forbidden')
  assert.deepEqual([only('powershell-get-error.txt').cmdlet?.name, only('powershell-get-error.txt').cmdlet?.method], ['New-MgGroup', 'POST'])
})

test('an action cmdlet\'s call is known at once; Invoke-MgGraphRequest, Connect-MgGraph or another verb names no cmdlet', () => {
  const record = (cmdlet: string): string => `${cmdlet}: Insufficient privileges to complete the operation.\n\nStatus: 403 (Forbidden)\nErrorCode: Authorization_RequestDenied\n`
  const send = parseInput(record('Send-MgUserMail_SendExpanded'), 'ps.txt')[0]
  assert.deepEqual([send?.request?.method, send?.request?.url, send?.request?.inferredFrom], ['POST', 'https://graph.microsoft.com/v1.0/users/{id}/sendMail', 'Send-MgUserMail_SendExpanded'])
  for (const cmdlet of ['Invoke-MgFooBar_Baz', 'Connect-MgGraph_UserParameterSet', 'Export-MgUser_List']) {
    const exchange = parseInput(record(cmdlet), 'ps.txt')[0]
    assert.equal(exchange?.request, undefined, cmdlet)
    assert.equal(exchange?.cmdlet, undefined, cmdlet)
  }
})

test('Java v5 and Invoke-MgGraphRequest name the call: the request is kept, its headers marked as not shown', () => {
  const java = only('java-graphserviceexception.txt')
  assert.deepEqual([java.request?.method, java.request?.url], ['GET', 'https://graph.microsoft.com/v1.0/users'])
  assert.equal(java.request?.headersOmitted, true)
  const invoke = only('invoke-mggraphrequest.txt')
  assert.equal(invoke.format, 'powershell-error')
  assert.deepEqual([invoke.request?.method, invoke.request?.url, invoke.response?.status], ['GET', 'https://graph.microsoft.com/beta/admin/sharepoint/settings', 403])
  assert.equal(parseGraphError(invoke.response?.body)?.code, 'accessDenied')
})

test('MSAL, Azure CLI and Python-dict sign-in errors become a token-endpoint error with their AADSTS code', () => {
  const cases: ReadonlyArray<[string, string, number, string, number]> = [
    ['msal-net.txt', 'msal-text', 400, 'invalid_grant', 50076],
    ['msal-net-log.txt', 'msal-text', 401, 'invalid_client', 7000215],
    ['msal-js.txt', 'msal-text', 400, 'invalid_client', 7000215],
    ['azure-cli-530003.txt', 'msal-text', 400, '', 530003],
    ['msal-python.txt', 'token-error', 400, 'invalid_client', 7000215],
  ]
  for (const [file, format, status, error, code] of cases) {
    const exchange = only(file)
    assert.equal(exchange.format, format, file)
    assert.equal(exchange.request, undefined, file)
    assert.equal(exchange.response?.status, status, file)
    const parsed = parseTokenEndpointError(exchange.response?.body)
    assert.equal(parsed?.error, error, file)
    assert.deepEqual(parsed?.codes, [code], file)
  }
  assert.equal(parseTokenEndpointError(only('msal-net.txt').response?.body)?.suberror, 'basic_action')
  assert.equal(parseTokenEndpointError(only('msal-net-log.txt').response?.body)?.correlationId, 'c0ffee00-0000-4000-8000-0000000000c1')
})

// Other tools' words around a Graph error (synthetic, after the public reports cited):
// - php-guzzle.txt: microsoftgraph/msgraph-sdk-php#1163 (Guzzle ClientException, body cut off by Guzzle).
// - java-exception-in-thread.txt: microsoftgraph/microsoft-graph-docs-contrib#9062 (`Exception in thread "main"` prefix).
// - python-o365-log.txt: RogerSelwyn/MS365-Calendar#77 (python-o365 log line: `… for url: … | Error Message: IDX14100 …`).
// - python-o365-404.txt: O365/python-o365#438 (`Client Error: Not Found for url: … | Error Message: …`, no status number).
// - bare-error-object.json: iyear/E5SubBot#39 (the error object printed without its `{"error":…}` wrapper).
// - az-rest.txt: `az rest` output `ERROR: Forbidden({"error":…})`.
// - powershell-invoke-restmethod.txt: Windows PowerShell 5.1 `Invoke-RestMethod : {"error":…}` with the echoed command line.
// - status-line-json.txt: BakkerJan/M365Portal#1 ("Error 403" above the pasted body).
const WRAPPED_CASES: ReadonlyArray<[file: string, format: string, status: number, code: string, message: RegExp, call: string | undefined]> = [
  ['php-guzzle.txt', 'sdk-error', 400, 'BadRequest', /^\/me request is only valid with delegated/, 'GET https://graph.microsoft.com/v1.0/me'],
  ['java-exception-in-thread.txt', 'sdk-error', 400, 'BadRequest', /^\/me request is only valid/, 'POST https://graph.microsoft.com/v1.0/me/drive/root:/letter-gen:/microsoft.graph.createUploadSession'],
  ['python-o365-log.txt', 'sdk-error', 401, 'InvalidAuthenticationToken', /^IDX14100: JWT is not well formed/, 'GET https://graph.microsoft.com/v1.0/me/calendars/AQMkADAwATE2AAA=/calendarView?%24top=999&startDateTime=2026-11-20T07%3A00%3A00%2B00%3A00'],
  ['python-o365-404.txt', 'sdk-error', 404, 'MailboxNotEnabledForRESTAPI', /^REST API is not yet supported/, 'GET https://graph.microsoft.com/v1.0/me/calendar/events'],
  ['bare-error-object.json', 'graph-error', 404, 'MailboxNotEnabledForRESTAPI', /^The mailbox is either inactive/, undefined],
  ['az-rest.txt', 'sdk-error', 403, 'Authorization_RequestDenied', /^Insufficient privileges/, undefined],
  ['powershell-invoke-restmethod.txt', 'sdk-error', 401, 'InvalidAuthenticationToken', /^Lifetime validation failed/, 'GET https://graph.microsoft.com/v1.0/users'],
  ['status-line-json.txt', 'sdk-error', 403, 'Authorization_RequestDenied', /^Insufficient privileges/, undefined],
]

test('a Graph error inside any tool\'s words (HTTP clients, az rest, Invoke-RestMethod, logs) is read with the call it names', () => {
  for (const [file, format, status, code, message, call] of WRAPPED_CASES) {
    const exchange = only(file)
    assert.equal(exchange.format, format, file)
    assert.equal(exchange.response?.status, status, file)
    const error = parseGraphError(exchange.response?.body)
    assert.equal(error?.code, code, file)
    assert.match(error?.message ?? '', message, file)
    assert.equal(exchange.request === undefined ? undefined : `${exchange.request.method} ${exchange.request.url}`, call, file)
    if (exchange.request !== undefined) assert.equal(exchange.request.headersOmitted, true, file)
  }
})

test('a POST named by -Method on the echoed Invoke-RestMethod line is kept', () => {
  const text = read('powershell-invoke-restmethod.txt').replace('-Headers $headers', '-Method Post -Headers $headers')
  assert.equal(parseInput(text, 'irm.txt')[0]?.request?.method, 'POST')
})

test('a Graph error body printed as a Python dict is read as the Graph error body', () => {
  const exchange = only('python-graph-dict.txt')
  assert.equal(exchange.format, 'graph-error')
  assert.equal(exchange.response?.status, 403)
  assert.equal(parseGraphError(exchange.response?.body)?.code, 'Authorization_RequestDenied')
})

test('near misses: prose that mentions an SDK error, and lines that only look like fields, match no format', () => {
  assert.equal(detectFormat(read('not-an-error.txt')), undefined)
  assert.equal(detectFormat('Code review notes\nMessage: ship it on Friday\n'), undefined)
  assert.equal(detectFormat('Status: 200 (OK) everything fine'), undefined)
  assert.equal(detectFormat('Error 403 happened yesterday, see {"code": 1}'), undefined)
  assert.equal(detectFormat('{"code":"x"}'), undefined)
  // A paste that is itself cut-off JSON is refused as such (the web page and CLI say "not valid JSON").
  assert.equal(detectFormat('{"error": {"code": "Authorization_RequestDenied",'), undefined)
  assert.throws(() => parseInput(read('not-an-error.txt'), 'not-an-error.txt'), (error: unknown) => isGraphDoctorError(error) && error.code === 'ERR_INPUT_FORMAT')
})

test('a .NET SDK stack trace names the call through its request builder frame (Microsoft.Graph.<Path>.<X>RequestBuilder.<Verb>Async)', () => {
  const exchange = only('dotnet-odataerror.txt')
  assert.deepEqual([exchange.request?.method, exchange.request?.url, exchange.request?.headersOmitted], ['GET', 'https://graph.microsoft.com/v1.0/users', true])
  assert.equal(exchange.request?.inferredFrom, 'the .NET SDK stack trace')
  assert.equal(exchange.source, 'dotnet-odataerror.txt')
  const nested = 'Microsoft.Graph.Models.ODataErrors.ODataError: Access is denied. Check credentials and try again.\n   at Microsoft.Graph.Beta.Users.Item.MailFolders.Item.Messages.MessagesRequestBuilder.PostAsync(Message body)\n'
  assert.deepEqual([parseInput(nested, 'n.txt')[0]?.request?.method, parseInput(nested, 'n.txt')[0]?.request?.url], ['POST', 'https://graph.microsoft.com/beta/users/{id}/mailFolders/{id}/messages'])
  const noBuilder = 'Microsoft.Graph.Models.ODataErrors.ODataError: Access is denied. Check credentials and try again.\n   at Program.Main()\n'
  assert.equal(parseInput(noBuilder, 'x.txt')[0]?.request, undefined)
})

test('a .NET ODataError that printed only "Exception of type … was thrown" is refused with how to print the error (Azure-Samples/ms-identity-easyauth-dotnet-storage-graphapi#14)', () => {
  for (const text of [read('dotnet-odataerror-no-message.txt'), "Microsoft.Graph.Models.ODataErrors.ODataError: Exception of type 'Microsoft.Graph.Models.ODataErrors.ODataError' was thrown.\n   at Microsoft.Graph.Me.MeRequestBuilder.GetAsync()\n"]) {
    assert.throws(() => parseInput(text, 'odata.txt'), (error: unknown) =>
      isGraphDoctorError(error) && error.code === 'ERR_INPUT_FORMAT' && error.message.includes('e.Error?.Code and e.Error?.Message'))
  }
})

test('an SDK-looking text without code or message is refused with what it looked like', () => {
  assert.throws(() => parseInput('Microsoft.Graph.Models.ODataErrors.ODataError:\n   at X.Y()\n', 'odata.txt'), (error: unknown) =>
    isGraphDoctorError(error) && error.message.startsWith('odata.txt: looks like a Microsoft Graph SDK error but shows no error code or message'))
})

/** The message of the error parseInput refuses `text` with, or '' when it takes it. */
function refusalOf(text: string, name: string): string {
  try {
    parseInput(text, name)
  } catch (error) {
    if (isGraphDoctorError(error)) return error.message
  }
  return ''
}

test('an MSAL.js client error (no server response) is refused with what to change in the app', () => {
  const refusal = (text: string): string => refusalOf(text, 'msal.txt')
  const message = refusal('BrowserAuthError: interaction_in_progress: Interaction is currently in progress. Please ensure that this interaction has been completed before calling an interactive API.\n')
  assert.match(message, /MSAL client error \(interaction_in_progress\)/)
  assert.match(message, /handleRedirectPromise/)
  assert.match(refusal('ClientAuthError: no_account_error: No account object provided to acquireTokenSilent'), /getAllAccounts/)
  assert.doesNotMatch(refusal('BrowserAuthError: some_new_code: whatever'), /MSAL client error/)
})

test('unmatched input says which command takes it: a token goes to token, a bare code to aadsts', () => {
  const message = (text: string): string => refusalOf(text, 'in.txt')
  const jwt = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2VjcmV0LXNpZ25hdHVyZQ'
  assert.match(message(jwt), /an access token: use graph-doctor token/)
  assert.match(message(`Authorization: Bearer ${jwt}\n`), /an access token: use graph-doctor token/)
  assert.ok(!message(jwt).includes('eyJ'))
  assert.match(message('50076\n'), /an AADSTS code: use graph-doctor aadsts/)
  assert.match(message('hello there'), /graph-doctor token.*graph-doctor aadsts -/)
})

// swift-nshttpurlresponse.txt: microsoftgraph/ios-swift-connect-rest-sample#8 (print(response) and print(body) in Swift).
test('an iOS/Swift NSHTTPURLResponse print is read: URL and status from the response, the body from its Swift string', () => {
  const exchange = only('swift-nshttpurlresponse.txt')
  assert.equal(exchange.response?.status, 401)
  assert.equal(exchange.request?.url, 'https://graph.microsoft.com/v1.0/me/microsoft.graph.sendmail')
  assert.equal(exchange.request?.headersOmitted, true)
  assert.equal(parseGraphError(exchange.response?.body)?.code, 'UnknownError')
  assert.equal(parseGraphError(exchange.response?.body)?.requestId, 'ca06952d-0000-4000-8000-000000000000')
})

test('near miss: an escaped string that is not a Graph error body, or an NSHTTPURLResponse of another kind, is not read as one', () => {
  const notError = 'response: Optional(<NSHTTPURLResponse: 0x7fb5d070a850> { URL: https://graph.microsoft.com/v1.0/me } { status code: 200, headers {\n} })\nOptional("{\\r\\n  \\"value\\": []\\r\\n}")\n'
  assert.throws(() => parseInput(notError, 'swift'), (error: unknown) => isGraphDoctorError(error))
  const broken = 'Optional("{\\r\\n  \\"error\\": {\\r\\n    \\"code\\": \\"Unknown'
  assert.throws(() => parseInput(broken, 'swift'), (error: unknown) => isGraphDoctorError(error))
})
