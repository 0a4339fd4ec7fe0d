import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { analyseToken, explainClaims } from '../../../src/core/token/index.js'
import { CONSUMER_TENANT, appOnlyToken, delegatedToken, fakeSignature } from '../../helpers/tokens.js'
import { idToken, opaqueMsaToken } from '../../helpers/more-tokens.js'

function meaningOf(raw: string, claim: string): string {
  const line = explainClaims(analyseToken(raw)).find((item) => item.claim === claim)
  assert.ok(line, `no line for ${claim}`)
  return line.meaning
}

describe('explainClaims', () => {
  it('gives one line per claim in claim order', () => {
    const lines = explainClaims(analyseToken(delegatedToken()))
    assert.deepEqual(lines.map((line) => line.claim).slice(0, 5), ['aud', 'iss', 'iat', 'nbf', 'exp'])
    assert.equal(lines.length, 20)
    for (const line of lines) assert.notEqual(line.meaning, '', line.claim)
  })

  it('calls the Graph audience correct', () => {
    assert.equal(meaningOf(delegatedToken(), 'aud'), 'Microsoft Graph (global): the right audience')
  })

  it('says a non-Graph audience is rejected by Graph', () => {
    assert.match(meaningOf(delegatedToken({ aud: 'https://graph.windows.net' }), 'aud'), /Azure AD Graph.*not Microsoft Graph/)
    assert.match(meaningOf(idToken(), 'aud'), /ID token/)
  })

  it('explains scp as delegated and roles as application permissions', () => {
    assert.match(meaningOf(delegatedToken(), 'scp'), /delegated permissions.*4/)
    assert.match(meaningOf(appOnlyToken(), 'roles'), /application permissions \(app-only token\)/)
    assert.match(meaningOf(delegatedToken({ roles: ['Reader'] }), 'roles'), /app roles of the user/)
  })

  it('reads the cp1 capability in any case', () => {
    assert.match(meaningOf(delegatedToken({ xms_cc: ['CP1'] }), 'xms_cc'), /cp1: the client can handle claims challenges/)
    assert.match(meaningOf(delegatedToken({ xms_cc: ['cp2'] }), 'xms_cc'), /no cp1/)
  })

  it('names directory roles in wids', () => {
    const meaning = meaningOf(delegatedToken({ wids: ['fe930be7-5e62-47db-91af-98c3a49a38b1', 'b79fbf4d-3ef9-4689-8143-76b194e85509'] }), 'wids')
    assert.match(meaning, /User Administrator; Default member user/)
  })

  it('explains cp1, idtyp, the consumer tenant and amr', () => {
    assert.match(meaningOf(delegatedToken(), 'xms_cc'), /cp1: the client can handle claims challenges/)
    assert.match(meaningOf(delegatedToken(), 'idtyp'), /user/)
    assert.match(meaningOf(appOnlyToken(), 'idtyp'), /app-only/)
    assert.match(meaningOf(delegatedToken({ tid: CONSUMER_TENANT }), 'tid'), /personal Microsoft account/)
    assert.match(meaningOf(delegatedToken({ amr: ['pwd', 'mfa'] }), 'amr'), /password, multifactor authentication/)
  })

  it('shows times as ISO', () => {
    assert.equal(meaningOf(delegatedToken({ exp: 1795172100 }), 'exp'), 'expires at: 2026-11-20T10:55:00Z')
    assert.match(meaningOf(delegatedToken({ exp: 'soon' }), 'exp'), /not a Unix time/)
  })

  it('shows lists and objects as text and marks unknown claims', () => {
    const lines = explainClaims(analyseToken(delegatedToken({ custom: { a: 1 } })))
    assert.deepEqual(lines.find((line) => line.claim === 'amr')?.value, 'pwd')
    assert.deepEqual(lines.find((line) => line.claim === 'custom'), { claim: 'custom', value: '{"a":1}', meaning: 'not a standard claim' })
  })

  it('has no lines for opaque or malformed tokens, and never shows the signature', () => {
    assert.deepEqual(explainClaims(analyseToken(opaqueMsaToken())), [])
    assert.deepEqual(explainClaims(analyseToken('a.b')), [])
    const text = JSON.stringify(explainClaims(analyseToken(delegatedToken())))
    assert.ok(!text.includes(fakeSignature()))
  })
})

describe('explainClaims with claim names of Object.prototype', () => {
  it('treats constructor, valueOf and toString as ordinary unknown claims', () => {
    const lines = explainClaims(analyseToken(delegatedToken({ valueOf: null, constructor: 'x', toString: 1, amr: ['constructor'] })))
    assert.equal(lines.find((line) => line.claim === 'valueOf')?.meaning, 'not a standard claim')
    assert.equal(lines.find((line) => line.claim === 'constructor')?.meaning, 'not a standard claim')
    assert.match(lines.find((line) => line.claim === 'amr')?.meaning ?? '', /constructor/)
  })

  it('does not take prototype members for known audiences, hosts or roles', () => {
    assert.equal(analyseToken(delegatedToken({ aud: 'constructor', iss: 'https://constructor/x' })).audience?.kind, 'other')
    assert.equal(analyseToken(delegatedToken({ wids: ['constructor'] })).directoryRoles[0]?.name, undefined)
  })
})
