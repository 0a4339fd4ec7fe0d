/**
 * More synthetic tokens for token-analysis tests: v2 tokens, ID tokens, opaque personal-account
 * tokens, hand-broken JWTs. Fake tenants and apps, dummy signatures; never real tokens.
 */
import { CONSUMER_TENANT, FAKE_APP, FAKE_TENANT, FIXTURE_TIME, delegatedClaims, fakeSignature, makeJwt } from './tokens.js'

export function base64urlText(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

/** The three parts of a JWT, to break one of them on purpose. */
export function jwtParts(token: string): [header: string, claims: string, signature: string] {
  const [header = '', claims = '', signature = ''] = token.split('.')
  return [header, claims, signature]
}

/** Claims of a v2 delegated token for a custom API (azp, preferred_username, no acr/amr). */
export function v2Claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aud: 'api://contoso-orders',
    iss: `https://login.microsoftonline.com/${FAKE_TENANT}/v2.0`,
    iat: FIXTURE_TIME - 600,
    nbf: FIXTURE_TIME - 600,
    exp: FIXTURE_TIME + 3300,
    azp: FAKE_APP,
    azpacr: '0',
    name: 'Adele Test',
    oid: '99999999-8888-4777-8666-555555555555',
    preferred_username: 'adele@contoso.example',
    scp: 'Orders.Read',
    tid: FAKE_TENANT,
    ver: '2.0',
    ...overrides,
  }
}

/** Claims of a v2 ID token: aud is the client itself, a nonce, no scp or roles. */
export function idTokenClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aud: FAKE_APP,
    iss: `https://login.microsoftonline.com/${FAKE_TENANT}/v2.0`,
    iat: FIXTURE_TIME - 600,
    nbf: FIXTURE_TIME - 600,
    exp: FIXTURE_TIME + 3000,
    name: 'Adele Test',
    nonce: 'fake-oidc-nonce',
    oid: '99999999-8888-4777-8666-555555555555',
    preferred_username: 'adele@contoso.example',
    sub: 'fake-pairwise-subject',
    tid: FAKE_TENANT,
    ver: '2.0',
    ...overrides,
  }
}

export const v2Token = (overrides: Record<string, unknown> = {}): string => makeJwt(v2Claims(overrides), { header: { typ: 'JWT', alg: 'RS256', kid: 'fake-kid' } })
export const idToken = (overrides: Record<string, unknown> = {}): string => makeJwt(idTokenClaims(overrides), { header: { typ: 'JWT', alg: 'RS256', kid: 'fake-kid' } })

/** A delegated Graph token of a personal Microsoft account that happens to be a JWT. */
export const personalJwt = (): string => makeJwt(delegatedClaims({ tid: CONSUMER_TENANT, iss: `https://login.microsoftonline.com/${CONSUMER_TENANT}/v2.0` }))

/** An opaque (non-JWT) access token as personal Microsoft accounts get for Graph: `EwB…`, standard base64. */
export function opaqueMsaToken(length = 1400): string {
  const body = base64urlText('FAKE-OPAQUE-MSA-TOKEN-'.repeat(Math.ceil(length / 20))).replace(/-/g, '+').replace(/_/g, '/')
  return `EwB${body}`.slice(0, length - 1) + '='
}

/** A 5-part compact JWE (encrypted token): claims unreadable. */
export function fakeJwe(): string {
  const header = base64urlText(JSON.stringify({ alg: 'RSA-OAEP', enc: 'A256GCM', kid: 'fake-kid' }))
  return [header, 'ZmFrZS1lbmNyeXB0ZWQta2V5', 'ZmFrZS1pdg', base64urlText('fake-ciphertext'.repeat(20)), 'ZmFrZS10YWc'].join('.')
}

export { fakeSignature }
