/**
 * Secrets planted where a user's paste may hold them: URL query (every spelling), fragment and
 * user-info, headers, form and JSON bodies, an error_description quoting a form, `$batch` sub-request
 * URLs, and JWTs shaped oddly (pretty-printed header, `{}` header, broken by a line break or `%2E`).
 * All fake; each value is unique so a leak names its place.
 */
import { FAKE_TENANT, delegatedClaims, fakeSignature } from './tokens.js'

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

/** A JWT with a given header JSON text (pretty-printed, `{}`), fake claims and a fake signature. */
export function jwtWithHeader(headerJson: string, seed: string): string {
  return `${base64url(headerJson)}.${base64url(JSON.stringify(delegatedClaims()))}.${fakeSignature(seed)}`
}

export const PLANTED = {
  clientSecretCamel: 'FAKEcamelSecret0001',
  clientSecretKebab: 'FAKEkebabSecret0002',
  refreshToken: 'FAKErefreshTok0003',
  newPassword: 'FAKEnewPassw0rd0004',
  secretText: 'FAKEsecretText0005',
  userInfoPassword: 'FAKEuserinfoPw0006',
  fragmentToken: 'FAKEfragmentTok0007',
  cookie: 'FAKEcookieValue0008',
  formSecret: 'FAKEformSecret0009',
  quotedSecret: 'FAKEquotedSecret0010',
  batchSecret: 'FAKEbatchSecret0011',
  argumentSecret: 'FAKEargumentSecret0012',
  prettyJwt: jwtWithHeader('{\n  "typ": "JWT",\n  "alg": "RS256"\n}', 'pretty'),
  spacedJwt: jwtWithHeader('{ "typ": "JWT", "alg": "RS256" }', 'spaced'),
  emptyHeaderJwt: jwtWithHeader('{}', 'empty'),
  plainJwt: jwtWithHeader('{"typ":"JWT","alg":"RS256","kid":"fake"}', 'plain'),
} as const

/** The values that must never be printed: every planted value, and each JWT's signature. */
export function plantedSecrets(): string[] {
  const values: string[] = Object.values(PLANTED)
  const signatures = values.filter((value) => value.split('.').length === 3).map((jwt) => jwt.split('.')[2] ?? '')
  return [...values, ...signatures]
}

/** A JWT broken by a line break inside its claims, and one joined by `%2E`. */
export function brokenJwts(): { readonly newline: string; readonly encodedDots: string } {
  const [header = '', claims = '', signature = ''] = PLANTED.plainJwt.split('.')
  return {
    newline: `${header}.${claims.slice(0, 40)}\n${claims.slice(40)}.${signature}`,
    encodedDots: `${header}%2E${claims}%2E${signature}`,
  }
}

const GRAPH = 'https://graph.microsoft.com/v1.0'

function header(name: string, value: string): { name: string; value: string } {
  return { name, value }
}

function entry(request: Record<string, unknown>, response: Record<string, unknown>): Record<string, unknown> {
  return { startedDateTime: '2026-11-20T10:00:00.000Z', time: 1, request: { httpVersion: 'HTTP/1.1', cookies: [], queryString: [], headersSize: -1, bodySize: -1, ...request }, response: { httpVersion: 'HTTP/1.1', statusText: '', cookies: [], headersSize: -1, bodySize: -1, redirectURL: '', ...response }, cache: {}, timings: { send: 0, wait: 1, receive: 0 } }
}

function content(text: string, mimeType = 'application/json'): Record<string, unknown> {
  return { size: text.length, mimeType, text }
}

/** A HAR whose every entry hides planted secrets in a different place. */
export function plantedHar(): string {
  const denied = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } })
  const tokenError = JSON.stringify({
    error: 'invalid_client',
    error_description: `AADSTS7000215: Invalid client secret provided. Request was: grant_type=client_credentials&client_secret=${PLANTED.quotedSecret}\r\nTrace ID: 0000aaaa-1111-2222-3333-444455556666`,
    error_codes: [7000215],
  })
  const entries = [
    entry({
      method: 'GET',
      url: `https://admin:${PLANTED.userInfoPassword}@graph.microsoft.com/v1.0/users?clientSecret=${PLANTED.clientSecretCamel}&client-secret=${PLANTED.clientSecretKebab}&refreshToken=${PLANTED.refreshToken}#access_token=${PLANTED.fragmentToken}`,
      headers: [header('Authorization', `Bearer ${PLANTED.prettyJwt}`), header('Cookie', `session=${PLANTED.cookie}`)],
    }, { status: 403, headers: [header('Content-Type', 'application/json')], content: content(denied) }),
    entry({
      method: 'POST',
      url: `https://login.microsoftonline.com/${FAKE_TENANT}/oauth2/v2.0/token`,
      headers: [header('Content-Type', 'application/x-www-form-urlencoded')],
      postData: { mimeType: 'application/x-www-form-urlencoded', text: `grant_type=client_credentials&client_id=x&client_secret=${PLANTED.formSecret}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default` },
    }, { status: 401, headers: [header('Content-Type', 'application/json')], content: content(tokenError) }),
    entry({
      method: 'POST',
      url: `${GRAPH}/users/adele@contoso.example/changePassword`,
      headers: [header('Authorization', `Bearer ${PLANTED.spacedJwt}`), header('Content-Type', 'application/json')],
      postData: { mimeType: 'application/json', text: JSON.stringify({ currentPassword: PLANTED.secretText, newPassword: PLANTED.newPassword }) },
    }, { status: 403, headers: [header('Content-Type', 'application/json')], content: content(denied) }),
    entry({
      method: 'POST',
      url: `${GRAPH}/$batch`,
      headers: [header('Authorization', `Bearer ${PLANTED.emptyHeaderJwt}`), header('Content-Type', 'application/json')],
      postData: { mimeType: 'application/json', text: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: `/me/messages?secretText=${PLANTED.batchSecret}` }] }) },
    }, { status: 200, headers: [header('Content-Type', 'application/json')], content: content(JSON.stringify({ responses: [{ id: '1', status: 403, body: JSON.parse(denied) as unknown }] })) }),
  ]
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'planted', version: '1' }, entries } }, null, 2)
}

/** A curl -v transcript with a broken JWT and a secret URL parameter. */
export function plantedCurl(): string {
  const { newline } = brokenJwts()
  return [
    `> GET /v1.0/me?client_secret=${PLANTED.clientSecretCamel} HTTP/1.1`,
    '> Host: graph.microsoft.com',
    `> Authorization: Bearer ${PLANTED.plainJwt}`,
    '>',
    '< HTTP/1.1 401 Unauthorized',
    '< Content-Type: application/json',
    '<',
    JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: `Access token validation failure. Token was ${newline}` } }),
  ].join('\n')
}
