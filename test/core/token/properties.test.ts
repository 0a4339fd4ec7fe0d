import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { redactBody, redactSecrets } from '../../../src/core/redact.js'
import { analyseToken, explainClaims, judgeTokenTime, parseAuthorizationHeader, summarizeToken } from '../../../src/core/token/index.js'
import { makeJwt } from '../../helpers/tokens.js'

const base64urlChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''))
const signatureArb = fc.array(base64urlChar, { minLength: 20, maxLength: 400 }).map((chars) => chars.join(''))
const claimsArb = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 })

describe('token properties', () => {
  it('analyseToken never throws, whatever the string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.string(), { maxLength: 6 }).map((parts) => parts.join('.'))), (raw) => {
        const token = analyseToken(raw)
        assert.ok(['jwt', 'opaque', 'malformed'].includes(token.form))
        explainClaims(token)
        summarizeToken(token)
        judgeTokenTime(token, new Date(0))
      }),
      { numRuns: 500 },
    )
  })

  it('analyseToken never throws on JWTs with arbitrary JSON claims', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        const token = analyseToken(makeJwt(claims))
        assert.equal(token.form, 'jwt')
        JSON.stringify(summarizeToken(token))
        explainClaims(token)
      }),
      { numRuns: 300 },
    )
  })

  it('parseAuthorizationHeader never throws', () => {
    fc.assert(fc.property(fc.option(fc.string(), { nil: undefined }), (value) => void parseAuthorizationHeader(value)), { numRuns: 300 })
  })

  it('redactSecrets never leaves the signature of a JWT embedded in random text', () => {
    fc.assert(
      fc.property(fc.string(), claimsArb, signatureArb, fc.string(), (before, claims, signature, after) => {
        const jwt = makeJwt(claims, { signature })
        const text = `${before}${jwt}${after}`
        assert.ok(!redactSecrets(text).includes(signature))
        assert.ok(!redactBody(text).includes(signature))
      }),
      { numRuns: 300 },
    )
  })

  it('redactSecrets removes the signature after a Bearer scheme in random text', () => {
    fc.assert(
      fc.property(fc.string(), claimsArb, signatureArb, (before, claims, signature) => {
        const text = `${before} Authorization: Bearer ${makeJwt(claims, { signature })}`
        assert.ok(!redactSecrets(text).includes(signature))
      }),
      { numRuns: 200 },
    )
  })
})
