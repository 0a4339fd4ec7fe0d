import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { analyseToken } from '../../../src/core/token/index.js'
import { CONSUMER_TENANT, FAKE_APP, FAKE_TENANT, appOnlyToken, delegatedToken, makeJwt } from '../../helpers/tokens.js'
import { base64urlText, fakeJwe, idToken, jwtParts, opaqueMsaToken, personalJwt, v2Token } from '../../helpers/more-tokens.js'

describe('analyseToken: v1 Graph tokens', () => {
  it('classifies a v1 delegated Graph token of a work account', () => {
    const token = analyseToken(delegatedToken())
    assert.equal(token.form, 'jwt')
    assert.equal(token.version, '1.0')
    assert.equal(token.kind, 'delegated')
    assert.equal(token.account, 'work')
    assert.equal(token.isIdToken, false)
    assert.deepEqual(token.audience, { value: '00000003-0000-0000-c000-000000000000', kind: 'graph', cloud: 'global', name: 'Microsoft Graph (global)' })
    assert.equal(token.tenantId, FAKE_TENANT)
    assert.equal(token.appId, FAKE_APP)
    assert.equal(token.appName, 'Contoso Test App')
    assert.equal(token.user, 'adele@contoso.example')
    assert.deepEqual(token.scopes, ['openid', 'profile', 'email', 'User.Read'])
    assert.deepEqual(token.roles, [])
    assert.deepEqual(token.directoryRoles, [{ id: 'b79fbf4d-3ef9-4689-8143-76b194e85509', name: 'Default member user (no admin role)' }])
    assert.deepEqual(token.clientCapabilities, ['cp1'])
    assert.deepEqual(token.authMethods, ['pwd'])
    assert.equal(token.signatureLength, jwtParts(delegatedToken())[2].length)
    assert.equal(token.header?.['nonce'], 'fake-nonce')
  })

  it('classifies a v1 app-only Graph token from roles', () => {
    const token = analyseToken(appOnlyToken())
    assert.equal(token.kind, 'app-only')
    assert.deepEqual(token.roles, ['User.Read.All'])
    assert.equal(token.audience?.kind, 'graph')
    assert.equal(token.audience?.cloud, 'global')
    assert.equal(token.user, undefined)
  })

  it('lets idtyp decide over scp and roles', () => {
    assert.equal(analyseToken(delegatedToken({ idtyp: 'app' })).kind, 'app-only')
    assert.equal(analyseToken(appOnlyToken({ idtyp: 'user' })).kind, 'delegated')
  })

  it('calls a Graph token with neither scp nor roles and idtyp app app-only', () => {
    const token = analyseToken(appOnlyToken({ roles: undefined }))
    assert.equal(token.kind, 'app-only')
    assert.deepEqual(token.roles, [])
  })

  it('calls a token with roles and no scp app-only when idtyp is missing', () => {
    assert.equal(analyseToken(appOnlyToken({ idtyp: undefined })).kind, 'app-only')
  })

  it('calls a confidential-client token without user, scp, roles or idtyp app-only', () => {
    assert.equal(analyseToken(appOnlyToken({ idtyp: undefined, roles: undefined })).kind, 'app-only')
    assert.equal(analyseToken(appOnlyToken({ idtyp: undefined, roles: undefined, appidacr: '0' })).kind, 'unknown')
  })

  it('names directory roles from wids and keeps unknown ids', () => {
    const token = analyseToken(delegatedToken({ wids: ['62e90394-69f5-4237-9190-012177145e10', 'fe930be7-5e62-47db-91af-98c3a49a38b1', '12345678-0000-4000-8000-000000000000'] }))
    assert.deepEqual(token.directoryRoles, [
      { id: '62e90394-69f5-4237-9190-012177145e10', name: 'Global Administrator' },
      { id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', name: 'User Administrator' },
      { id: '12345678-0000-4000-8000-000000000000' },
    ])
  })

  it('reads acrs and a multi-value amr', () => {
    const token = analyseToken(delegatedToken({ acrs: ['c1', 'c2'], amr: ['pwd', 'mfa'] }))
    assert.deepEqual(token.authContexts, ['c1', 'c2'])
    assert.deepEqual(token.authMethods, ['pwd', 'mfa'])
  })

  it('reads times as Unix seconds', () => {
    const token = analyseToken(delegatedToken({ iat: 100, nbf: 200, exp: 300 }))
    assert.equal(token.issuedAt, 100)
    assert.equal(token.notBefore, 200)
    assert.equal(token.expiresAt, 300)
  })
})

describe('analyseToken: v2 tokens, ID tokens, personal accounts', () => {
  it('classifies a v2 token for a custom API, with azp as the app and preferred_username as the user', () => {
    const token = analyseToken(v2Token())
    assert.equal(token.version, '2.0')
    assert.equal(token.kind, 'delegated')
    assert.equal(token.appId, FAKE_APP)
    assert.equal(token.user, 'adele@contoso.example')
    assert.equal(token.audience?.kind, 'own-api')
    assert.equal(token.isIdToken, false)
  })

  it('recognises an ID token', () => {
    const token = analyseToken(idToken())
    assert.equal(token.isIdToken, true)
    assert.equal(token.audience?.kind, 'own-api')
    assert.match(token.audience?.name ?? '', /ID token/)
    assert.equal(token.kind, 'unknown')
  })

  it('recognises an ID token without a nonce when aud equals azp', () => {
    assert.equal(analyseToken(idToken({ nonce: undefined, azp: FAKE_APP })).isIdToken, true)
  })

  it('does not call a Graph token an ID token', () => {
    assert.equal(analyseToken(appOnlyToken({ roles: undefined, idtyp: undefined, nonce: 'x' })).isIdToken, false)
  })

  it('calls a token of the consumer tenant personal', () => {
    assert.equal(analyseToken(personalJwt()).account, 'personal')
    assert.equal(analyseToken(delegatedToken({ tid: undefined, iss: `https://login.microsoftonline.com/${CONSUMER_TENANT}/v2.0` })).account, 'personal')
    assert.equal(analyseToken(delegatedToken({ tid: undefined, iss: undefined, idp: 'live.com' })).account, 'personal')
  })

  it('treats an MSA guest in an organisation (idp live.com, org tid) as a work-tenant token', () => {
    assert.equal(analyseToken(delegatedToken({ idp: 'live.com' })).account, 'work')
  })

  it('calls an opaque EwB… token opaque and personal, not malformed', () => {
    const raw = opaqueMsaToken()
    const token = analyseToken(raw)
    assert.equal(token.form, 'opaque')
    assert.equal(token.account, 'personal')
    assert.equal(token.problem, undefined)
    assert.equal(token.length, raw.length)
  })

  it('calls a 5-part JWE opaque with an unknown account', () => {
    const token = analyseToken(fakeJwe())
    assert.equal(token.form, 'opaque')
    assert.equal(token.account, 'unknown')
    assert.equal(token.header?.['enc'], 'A256GCM')
  })
})

describe('analyseToken: malformed tokens say exactly what is wrong', () => {
  const [header, claims, signature] = jwtParts(delegatedToken())
  const cases: Array<[string, string, RegExp]> = [
    ['empty', '', /empty/],
    ['2 parts', `${header}.${claims}`, /2 dot-separated parts instead of 3.*signature part is missing/],
    ['4 parts', `${header}.${claims}.${signature}.${signature}`, /4 dot-separated parts instead of 3/],
    ['6 parts', 'a.b.c.d.e.f', /6 dot-separated parts/],
    ['bad base64 in claims', `${header}.${claims.slice(0, 10)}*${claims.slice(11)}.${signature}`, /claims part is not base64url: character "\*" at position 11/],
    ['bad base64 in signature', `${header}.${claims}.${signature.slice(0, 5)}+${signature.slice(6)}`, /signature part is not base64url/],
    ['truncated claims', `${header}.${claims.slice(0, 200)}.${signature}`, /claims JSON is cut off after 150 characters/],
    ['impossible length', `${header}.${claims.slice(0, 201)}.${signature}`, /impossible base64url length \(201 chars\)/],
    ['claims not JSON', `${header}.${base64urlText('hello world')}.${signature}`, /claims part is not JSON/],
    ['claims JSON array', `${header}.${base64urlText('[1,2]')}.${signature}`, /claims part is JSON but not an object/],
    ['header not JSON', `${base64urlText('nope')}.${claims}.${signature}`, /header part is not JSON/],
    ['empty claims', `${header}..${signature}`, /claims part is empty/],
    ['unsigned', `${header}.${claims}.`, /signature part is empty \(an unsigned token\)/],
    ['whitespace', `${header}. ${claims}.${signature}`, /whitespace/],
    ['too short', 'abc123', /too short/],
    ['not base64', 'hello!world', /character "!" at position 6/],
    ['authorization code', `0.AXoA${'x'.repeat(60)}.${'y'.repeat(20)}`, /authorization code or refresh token/],
    ['personal-account code', 'M.C507_BAY.2.U.fake-code-00000000-0000-0000-0000-000000000000', /personal-account authorization code/],
  ]
  for (const [name, raw, expected] of cases) {
    it(`${name}: ${expected.source}`, () => {
      const token = analyseToken(raw)
      assert.equal(token.form, 'malformed')
      assert.match(token.problem ?? '', expected)
      assert.equal(token.kind, 'unknown')
      assert.equal(token.claims, undefined)
    })
  }

  it('does not judge the signature (a Graph token with a header nonce is fine)', () => {
    const token = analyseToken(makeJwt({ aud: 'https://graph.microsoft.com', scp: 'User.Read' }, { signature: 'AAAA' }))
    assert.equal(token.form, 'jwt')
    assert.equal(token.problem, undefined)
  })
})

describe('analyseToken: strings that are not bare tokens', () => {
  it('says when the string still carries the Bearer scheme', () => {
    assert.match(analyseToken(`Bearer ${delegatedToken()}`).problem ?? '', /starts with an auth scheme/)
  })

  it('says when the token is URL-encoded', () => {
    assert.match(analyseToken(`EwB${'A'.repeat(150)}%2B${'B'.repeat(50)}%3D`).problem ?? '', /URL-encoded/)
  })
})
