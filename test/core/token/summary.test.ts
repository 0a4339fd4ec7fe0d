import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { analyseToken, summarizeToken } from '../../../src/core/token/index.js'
import { FAKE_APP, FAKE_TENANT, delegatedToken, fakeSignature } from '../../helpers/tokens.js'
import { opaqueMsaToken } from '../../helpers/more-tokens.js'

describe('summarizeToken', () => {
  it('summarises a delegated Graph token with ISO times and the signature length only', () => {
    const raw = delegatedToken()
    const summary = summarizeToken(analyseToken(raw))
    assert.equal(summary.form, 'jwt')
    assert.equal(summary.kind, 'delegated')
    assert.equal(summary.account, 'work')
    assert.equal(summary.version, '1.0')
    assert.equal(summary.audience?.kind, 'graph')
    assert.equal(summary.tenantId, FAKE_TENANT)
    assert.equal(summary.appId, FAKE_APP)
    assert.equal(summary.expiresAt, '2026-11-20T10:55:00Z')
    assert.equal(summary.notBefore, '2026-11-20T09:50:00Z')
    assert.equal(summary.signatureLength, raw.split('.')[2]?.length)
    assert.equal(summary.length, raw.length)
  })

  it('is JSON-serialisable without token material', () => {
    const raw = delegatedToken()
    const text = JSON.stringify(summarizeToken(analyseToken(raw)))
    assert.deepEqual(JSON.parse(text), summarizeToken(analyseToken(raw)))
    assert.ok(!text.includes(fakeSignature()))
    assert.ok(!text.includes(raw.split('.')[1] ?? '!'))
  })

  it('omits unknown facts instead of writing undefined', () => {
    const summary = summarizeToken(analyseToken(opaqueMsaToken()))
    assert.deepEqual(Object.keys(summary).sort(), ['account', 'authContexts', 'authMethods', 'clientCapabilities', 'directoryRoles', 'form', 'isIdToken', 'kind', 'length', 'roles', 'scopes'])
    assert.equal(summary.form, 'opaque')
    assert.equal(summary.account, 'personal')
  })

  it('carries the problem of a malformed token', () => {
    const summary = summarizeToken(analyseToken('a.b'))
    assert.equal(summary.form, 'malformed')
    assert.match(summary.problem ?? '', /2 dot-separated parts/)
  })
})
