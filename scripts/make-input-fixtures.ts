// Writes the parser fixtures in test/fixtures/inputs/ from synthetic tokens (test/helpers/tokens.ts).
// Run: node --import tsx scripts/make-input-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FAKE_TENANT, FIXTURE_TIME, appOnlyToken, delegatedToken } from '../test/helpers/tokens.js'

const dir = join('test', 'fixtures', 'inputs')
const graphError = (code: string, message: string): string =>
  JSON.stringify({ error: { code, message, innerError: { date: '2026-11-20T10:00:00', 'request-id': 'req-1', 'client-request-id': 'client-1' } } })
const at = new Date(FIXTURE_TIME * 1000)
const started = at.toISOString()
const httpDate = at.toUTCString()
const headers = (pairs: Record<string, string>): Array<{ name: string; value: string }> =>
  Object.entries(pairs).map(([name, value]) => ({ name, value }))
const har = (entries: unknown[]): string => `${JSON.stringify({ log: { version: '1.2', creator: { name: 'fixture', version: '1' }, entries } }, null, 2)}\n`
const CAE_HEADER =
  'Bearer realm="", authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTY1NzgzNDQxNyJ9fX0="'

const expired = delegatedToken({ exp: FIXTURE_TIME - 60 })
const tokenError = {
  error: 'invalid_grant',
  error_description: 'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2026-11-20 10:00:00Z',
  error_codes: [50076],
  suberror: 'basic_action',
  correlation_id: 'c-1',
}

function captureHar(): string {
  return har([
    {
      startedDateTime: started,
      request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me', headers: headers({ Authorization: `Bearer ${expired}` }) },
      response: {
        status: 401, statusText: 'Unauthorized',
        headers: headers({ 'Content-Type': 'application/json', Date: httpDate }),
        content: { mimeType: 'application/json', encoding: 'base64', text: Buffer.from(graphError('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.')).toString('base64') },
      },
    },
    { startedDateTime: started, request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' }, response: { status: '401', headers: [] } },
    {
      startedDateTime: started,
      request: {
        method: 'POST', url: `https://login.microsoftonline.com/${FAKE_TENANT}/oauth2/v2.0/token`, headers: headers({ 'Content-Type': 'application/x-www-form-urlencoded' }),
        postData: { mimeType: 'application/x-www-form-urlencoded', text: 'grant_type=refresh_token&client_id=x&scope=User.Read' },
      },
      response: { status: 400, headers: headers({ 'Content-Type': 'application/json' }), content: { mimeType: 'application/json', text: JSON.stringify(tokenError) } },
    },
  ])
}

function batchHar(): string {
  const requests = [
    { id: '1', method: 'GET', url: '/me' },
    { id: '2', method: 'GET', url: 'users/adele@contoso.example/messages?$top=1' },
    { id: '3', method: 'PATCH', url: '/users/adele@contoso.example', headers: { 'Content-Type': 'application/json' }, body: { passwordProfile: { password: 'not-a-real-password' } } },
  ]
  const responses = [
    { id: '3', status: 403, headers: { 'Content-Type': 'application/json' }, body: JSON.parse(graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')) },
    { id: '1', status: 200, headers: { 'Content-Type': 'application/json' }, body: { id: 'u-1' } },
    { id: '2', status: 200, body: { value: [] } },
  ]
  return har([{
    startedDateTime: started,
    request: { method: 'POST', url: 'https://graph.microsoft.com/v1.0/$batch', headers: headers({ Authorization: `Bearer ${appOnlyToken()}`, 'Content-Type': 'application/json' }), postData: { mimeType: 'application/json', text: JSON.stringify({ requests }) } },
    response: { status: 200, headers: headers({ Date: httpDate, 'Content-Type': 'application/json' }), content: { mimeType: 'application/json', text: JSON.stringify({ responses }) } },
  }])
}

function curlHttp2(): string {
  return [
    '$ curl -v https://graph.microsoft.com/v1.0/me -H "Authorization: Bearer …"',
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current',
    '                                 Dload  Upload   Total   Spent    Left  Speed',
    '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0*   Trying 20.190.0.1:443...',
    '* Connected to graph.microsoft.com (20.190.0.1) port 443',
    '* ALPN: server accepted h2',
    '* [HTTP/2] [1] OPENED stream for https://graph.microsoft.com/v1.0/me',
    '> GET /v1.0/me HTTP/2',
    '> Host: graph.microsoft.com',
    '> User-Agent: curl/8.4.0',
    '> Accept: */*',
    `> Authorization: Bearer ${delegatedToken()}`,
    '>',
    '< HTTP/2 401',
    '< content-type: application/json',
    `< www-authenticate: ${CAE_HEADER}`,
    `< date: ${httpDate}`,
    '< request-id: req-1',
    '<',
    '{ [285 bytes data]',
    `${graphError('InvalidAuthenticationToken', "Exception of type 'Microsoft.Graph.AGS.Contracts.ClaimsChallengeRequiredException' was thrown.")}* Connection #0 to host graph.microsoft.com left intact`,
    '',
  ].join('\n')
}

function rawCrlf(): string {
  return [
    'PATCH https://graph.microsoft.com/v1.0/users/adele@contoso.example HTTP/1.1',
    'Host: graph.microsoft.com',
    `Authorization: Bearer ${appOnlyToken({ roles: ['User.ReadWrite.All'] })}`,
    'Content-Type: application/json',
    '',
    '{"passwordProfile":{"forceChangePasswordNextSignIn":true,"password":"not-a-real-password"}}',
    '',
    'HTTP/1.1 403 Forbidden',
    'Content-Type: application/json',
    `Date: ${httpDate}`,
    '',
    graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
    '',
  ].join('\r\n')
}

const msalError = {
  errorCode: 'invalid_grant',
  errorMessage: 'AADSTS65001: The user or administrator has not consented to use the application. Trace ID: t-2 Correlation ID: c-2 Timestamp: 2026-11-20 10:00:00Z',
  subError: 'consent_required',
  claims: '',
  correlationId: 'c-2',
  name: 'InteractionRequiredAuthError',
}

mkdirSync(dir, { recursive: true })
const files: Record<string, string | Uint8Array> = {
  'capture.har': captureHar(),
  'batch.har': batchHar(),
  'curl-http2.txt': curlHttp2(),
  'raw-crlf.http': rawCrlf(),
  'token-error.json': `\uFEFF${JSON.stringify(tokenError, null, 2)}\n`,
  'msal-error.json': `${JSON.stringify(msalError, null, 2)}\n`,
  'binary.bin': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
  'empty.txt': '\n  \n',
}
for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
