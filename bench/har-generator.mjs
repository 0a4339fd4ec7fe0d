// A realistic synthetic HAR for the big-capture bench and tests, written as a stream (never held in
// memory): browser-style pretty-printed entries with ~20 headers each, a few distinct tokens reused
// across thousands of calls, a few dozen endpoint templates with varying ids, and a mix of 2xx, 401,
// 403, 400, token-endpoint errors and `$batch` calls. Fake tenants, apps and signatures only.
import { closeSync, openSync, writeSync } from 'node:fs'

const TENANT = '11111111-2222-4333-8444-555555555555'
const APP = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
const GRAPH_APP = '00000003-0000-0000-c000-000000000000'
/** 2026-11-20T10:00:00Z, the FIXTURE_TIME of the tests. */
export const GENERATOR_TIME = Date.UTC(2026, 10, 20, 10, 0, 0) / 1000

const b64url = (text) => Buffer.from(text, 'utf8').toString('base64url')

function jwt(claims, seed) {
  const header = { typ: 'JWT', nonce: `fake-nonce-${seed}`, alg: 'RS256', x5t: 'fake-kid', kid: 'fake-kid' }
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${b64url(`FAKE-SIGNATURE-${seed}-`.repeat(12)).slice(0, 342)}`
}

function tokenPool() {
  const tokens = []
  for (let i = 0; i < 16; i++) {
    const appOnly = i % 4 === 3
    const expired = i % 8 === 5
    const base = {
      aud: appOnly ? 'https://graph.microsoft.com' : GRAPH_APP,
      iss: `https://sts.windows.net/${TENANT}/`,
      iat: GENERATOR_TIME - 600,
      nbf: GENERATOR_TIME - 600,
      exp: expired ? GENERATOR_TIME - 60 : GENERATOR_TIME + 3300 + i,
      appid: APP,
      app_displayname: 'Contoso Bench App',
      tid: TENANT,
      ver: '1.0',
      oid: `99999999-8888-4777-8666-${String(555555555000 + i)}`,
    }
    const claims = appOnly
      ? { ...base, idtyp: 'app', appidacr: '1', roles: i % 8 === 3 ? ['User.Read.All'] : ['User.Read.All', 'Mail.Read'] }
      : { ...base, idtyp: 'user', appidacr: '0', name: `User ${i}`, upn: `user${i}@contoso.example`, scp: i % 3 === 0 ? 'openid profile User.Read' : 'openid profile User.Read Mail.Read Files.Read' }
    tokens.push(jwt(claims, i))
  }
  return tokens
}

const PATHS = [
  (id) => `/v1.0/users/${id}`, (id) => `/v1.0/users/${id}/messages`, (id) => `/v1.0/users/${id}/messages/AAMk${id.slice(0, 8)}=`,
  () => '/v1.0/me', () => '/v1.0/me/messages?$top=10&$select=subject', () => '/v1.0/me/drive/root/children',
  (id) => `/v1.0/groups/${id}/members`, (id) => `/v1.0/sites/${id}/lists`, () => '/v1.0/users?$filter=startswith(displayName,%27a%27)',
  (id) => `/v1.0/applications/${id}`, () => '/beta/me/calendar/events', (id) => `/v1.0/drives/${id}/items/01BYE5RZ6QN3Z/content`,
  () => '/v1.0/organization', (id) => `/v1.0/devices/${id}`, (id) => `/v1.0/me/mailFolders/${id}/messages`, () => '/v1.0/me/photo/$value',
]

function guid(n) {
  const hex = (n * 2654435761 >>> 0).toString(16).padStart(8, '0')
  return `${hex}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-8${hex.slice(5, 8)}-${hex}${hex.slice(0, 4)}`
}

const header = (name, value) => ({ name, value })

function requestHeaders(token) {
  return [
    header('Accept', 'application/json'), header('Accept-Encoding', 'gzip, deflate, br'),     header('Authorization', `Bearer ${token}`), header('Cache-Control', 'no-cache'), header('Origin', 'https://contoso.example'),
    header('Referer', 'https://contoso.example/app'), header('SdkVersion', 'graph-js/3.0.7'), header('client-request-id', 'c0ffee00-0000-4000-8000-000000000000'),
    header('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'),
  ]
}

function responseHeaders(status, date, extra) {
  return [
    header('Cache-Control', 'no-cache'), header('Content-Type', 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'),
    header('Date', date), header('request-id', 'feedbeef-0000-4000-8000-000000000000'), header('client-request-id', 'c0ffee00-0000-4000-8000-000000000000'),
    header('x-ms-ags-diagnostic', '{"ServerInfo":{"DataCenter":"West Europe","Slice":"E","Ring":"5","ScaleUnit":"001","RoleInstance":"AM2PEPF0001"}}'),
    header('x-ms-resource-unit', '1'), ...extra,
  ].concat(status === 200 ? [header('OData-Version', '4.0')] : [])
}

const DENIED = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.', innerError: { date: '2026-11-20T10:00:00', 'request-id': 'feedbeef-0000-4000-8000-000000000000' } } })
const EXPIRED = JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed, the token is expired.' } })
const BAD = JSON.stringify({ error: { code: 'BadRequest', message: 'Invalid filter clause' } })
const AADSTS = JSON.stringify({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided. Trace ID: 1 Correlation ID: 2 Timestamp: 2026-11-20 10:00:00Z', error_codes: [7000215] })

function okBody(n) {
  const value = []
  for (let i = 0; i < 2; i++) value.push({ id: guid(n + i), displayName: `Item ${n + i}`, mail: `item${(n + i) % 997}@contoso.example`, createdDateTime: '2026-11-19T08:00:00Z' })
  return JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users', value })
}

/** The n-th entry: deterministic, so every run and every test sees the same capture. */
export function harEntry(n, tokens) {
  const kind = n % 100
  const token = tokens[n % tokens.length]
  const date = new Date((GENERATOR_TIME + Math.floor(n / 10)) * 1000)
  const started = date.toISOString()
  const httpDate = date.toUTCString()
  let method = 'GET'
  let url = `https://graph.microsoft.com${PATHS[n % PATHS.length](guid(n % 5000))}`
  let status = 200
  let body = okBody(n)
  let postData
  const extra = []
  if (kind < 8) [status, body] = [403, DENIED]
  else if (kind < 12) {
    ;[status, body] = [401, EXPIRED]
    extra.push(header('WWW-Authenticate', `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP}"`))
  } else if (kind < 14) [status, body] = [400, BAD]
  else if (kind === 14) {
    ;[method, url, status, body] = ['POST', `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`, 401, AADSTS]
    postData = { mimeType: 'application/x-www-form-urlencoded', text: 'grant_type=client_credentials&client_id=aaaa&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default' }
  } else if (kind === 15) {
    ;[method, url] = ['POST', 'https://graph.microsoft.com/v1.0/$batch']
    postData = { mimeType: 'application/json', text: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/me' }, { id: '2', method: 'GET', url: `/users/${guid(n)}/messages` }] }) }
    body = JSON.stringify({ responses: [{ id: '1', status: 200, headers: {}, body: { id: guid(n) } }, { id: '2', status: 403, headers: {}, body: JSON.parse(DENIED) }] })
  }
  const request = { method, url, httpVersion: 'http/2.0', headers: requestHeaders(token), queryString: [], cookies: [], headersSize: -1, bodySize: postData === undefined ? 0 : postData.text.length }
  if (postData !== undefined) request.postData = postData
  return {
    _initiator: { type: 'script' },
    _priority: 'High', _resourceType: 'fetch', cache: {}, connection: '443', pageref: 'page_1',
    request,
    response: {
      status, statusText: status === 200 ? 'OK' : '', httpVersion: 'http/2.0', headers: responseHeaders(status, httpDate, extra), cookies: [],
      content: { size: body.length, mimeType: 'application/json', text: body }, redirectURL: '', headersSize: -1, bodySize: -1, _transferSize: body.length, _error: null,
    },
    serverIPAddress: '20.190.0.1', startedDateTime: started, time: 87.5,
    timings: { blocked: 1.2, dns: -1, ssl: -1, connect: -1, send: 0.2, wait: 80.1, receive: 6, _blocked_queueing: 0.9 },
  }
}

/**
 * Write a HAR of `entries` entries to `path`, streaming. `padBytes` adds a base64-like image body of
 * that size to every 20th entry (a big file from fewer entries). Returns the file size in bytes.
 */
export function writeHar(path, { entries, padBytes = 0 }) {
  const tokens = tokenPool()
  const fd = openSync(path, 'w')
  let size = 0
  let pending = []
  let pendingBytes = 0
  const write = (text) => {
    pending.push(text)
    pendingBytes += text.length
    if (pendingBytes > 1 << 20) flush()
  }
  const flush = () => {
    const buffer = Buffer.from(pending.join(''), 'utf8')
    writeSync(fd, buffer)
    size += buffer.length
    pending = []
    pendingBytes = 0
  }
  const pad = padBytes > 0 ? 'iVBORw0KGgo'.padEnd(padBytes, 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0') : ''
  try {
    write('{\n  "log": {\n    "version": "1.2",\n    "creator": {\n      "name": "graph-doctor bench/har-generator.mjs",\n      "version": "1"\n    },\n    "pages": [],\n    "entries": [')
    for (let n = 0; n < entries; n++) {
      const entry = harEntry(n, tokens)
      if (pad !== '' && n % 20 === 19) {
        entry.request.url = `https://contoso.example/static/image-${n}.png`
        entry.response.content = { size: pad.length, mimeType: 'image/png', encoding: 'base64', text: pad }
      }
      write(`${n === 0 ? '' : ','}\n      ${JSON.stringify(entry, null, 2).replaceAll('\n', '\n      ')}`)
    }
    write('\n    ]\n  }\n}\n')
    flush()
  } finally {
    closeSync(fd)
  }
  return size
}

/** How many results `diagnose` gives for a generated HAR: one per entry, two per `$batch` entry. */
export function expectedResults(entries) {
  let results = 0
  for (let n = 0; n < entries; n++) results += n % 100 === 15 ? 2 : 1
  return results
}
