/**
 * Synthetic tokens for tests and examples: fake tenants and apps, dummy signatures. Never real tokens.
 */
export const FAKE_TENANT = '11111111-2222-4333-8444-555555555555'
export const FAKE_APP = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
export const FAKE_USER_OID = '99999999-8888-4777-8666-555555555555'
export const CONSUMER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad'
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000'

/** 2026-11-20T10:00:00Z, the default "exchange time" of fixtures. */
export const FIXTURE_TIME = Date.UTC(2026, 10, 20, 10, 0, 0) / 1000

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

/** A fake signature: long enough to look real, recognisable in leak scans. */
export function fakeSignature(seed = 'sig'): string {
  return base64url(`FAKE-SIGNATURE-${seed}-`.repeat(12)).slice(0, 342)
}

export interface JwtOptions {
  readonly header?: Record<string, unknown>
  readonly signature?: string
}

/** Encode claims as a JWT with a dummy signature. */
export function makeJwt(claims: Record<string, unknown>, options: JwtOptions = {}): string {
  const header = options.header ?? { typ: 'JWT', nonce: 'fake-nonce', alg: 'RS256', x5t: 'fake-kid', kid: 'fake-kid' }
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.${options.signature ?? fakeSignature()}`
}

/** Claims of a v1 delegated Graph token for a work account, valid around FIXTURE_TIME. */
export function delegatedClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aud: GRAPH_APP_ID,
    iss: `https://sts.windows.net/${FAKE_TENANT}/`,
    iat: FIXTURE_TIME - 600,
    nbf: FIXTURE_TIME - 600,
    exp: FIXTURE_TIME + 3300,
    acr: '1',
    amr: ['pwd'],
    app_displayname: 'Contoso Test App',
    appid: FAKE_APP,
    appidacr: '0',
    idtyp: 'user',
    name: 'Adele Test',
    oid: FAKE_USER_OID,
    scp: 'openid profile email User.Read',
    tid: FAKE_TENANT,
    unique_name: 'adele@contoso.example',
    upn: 'adele@contoso.example',
    ver: '1.0',
    wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'],
    xms_cc: ['cp1'],
    ...overrides,
  }
}

/** Claims of a v1 app-only Graph token (client credentials), valid around FIXTURE_TIME. */
export function appOnlyClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${FAKE_TENANT}/`,
    iat: FIXTURE_TIME - 600,
    nbf: FIXTURE_TIME - 600,
    exp: FIXTURE_TIME + 3300,
    app_displayname: 'Contoso Daemon',
    appid: FAKE_APP,
    appidacr: '1',
    idtyp: 'app',
    oid: '77777777-6666-4555-8444-333333333333',
    roles: ['User.Read.All'],
    tid: FAKE_TENANT,
    ver: '1.0',
    ...overrides,
  }
}

export const delegatedToken = (overrides: Record<string, unknown> = {}): string => makeJwt(delegatedClaims(overrides))
export const appOnlyToken = (overrides: Record<string, unknown> = {}): string => makeJwt(appOnlyClaims(overrides))
