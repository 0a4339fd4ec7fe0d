import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { parseAuthorizationHeader } from '../../../src/core/token/index.js'
import { delegatedToken } from '../../helpers/tokens.js'

const token = delegatedToken()

describe('parseAuthorizationHeader', () => {
  it('reports a missing header as absent', () => {
    assert.deepEqual(parseAuthorizationHeader(undefined), { state: 'absent' })
  })

  it('accepts a well-formed Bearer header without a problem', () => {
    assert.deepEqual(parseAuthorizationHeader(`Bearer ${token}`), { state: 'present', scheme: 'Bearer', token })
  })

  it('accepts lower-case bearer without calling it a problem', () => {
    const header = parseAuthorizationHeader(`bearer ${token}`)
    assert.equal(header.state, 'present')
    assert.ok(header.state === 'present' && header.problem === undefined)
  })

  for (const [value, expected] of [
    ['', /header is empty/],
    ['   ', /header is empty/],
    ['Bearer', /nothing after "Bearer"/],
    ['Bearer   ', /nothing after "Bearer"/],
    ['Bearer undefined', /placeholder "undefined"/],
    ['Bearer null', /placeholder "null"/],
    ['Bearer [object Object]', /placeholder "\[object Object\]"/],
    ['Bearer ""', /empty string/],
    ['Bearer <token>', /placeholder "<token>"/],
    ['Bearer {{token}}', /placeholder "\{\{token\}\}"/],
    ['Bearer ${accessToken}', /placeholder/],
    ['Bearer $TOKEN', /placeholder "\$TOKEN"/],
    ['undefined', /placeholder "undefined"/],
  ] as const) {
    it(`calls ${JSON.stringify(value)} empty: ${expected.source}`, () => {
      const header = parseAuthorizationHeader(value)
      assert.equal(header.state, 'empty')
      assert.match(header.state === 'empty' ? header.problem : '', expected)
    })
  }

  it('never treats a real token in braces as a placeholder, so no problem text quotes it', () => {
    const header = parseAuthorizationHeader(`Bearer {"access_token":"${token}"}`)
    assert.equal(header.state, 'present')
    assert.ok(!JSON.stringify(header.state === 'present' ? (header.problem ?? '') : header).includes(token))
  })

  it('finds the token after a doubled "Bearer" and says so', () => {
    const header = parseAuthorizationHeader(`Bearer Bearer ${token}`)
    assert.equal(header.state, 'present')
    assert.ok(header.state === 'present')
    assert.equal(header.token, token)
    assert.equal(header.problem, '"Bearer" appears twice')
  })

  it('counts a tripled "Bearer"', () => {
    const header = parseAuthorizationHeader(`Bearer bearer Bearer ${token}`)
    assert.ok(header.state === 'present')
    assert.equal(header.token, token)
    assert.match(header.problem ?? '', /3 times/)
  })

  it('strips quotes around the token and around the whole value', () => {
    const inner = parseAuthorizationHeader(`Bearer "${token}"`)
    assert.ok(inner.state === 'present')
    assert.equal(inner.token, token)
    assert.match(inner.problem ?? '', /token is wrapped in quotes/)
    const outer = parseAuthorizationHeader(`'Bearer ${token}'`)
    assert.ok(outer.state === 'present')
    assert.equal(outer.token, token)
    assert.match(outer.problem ?? '', /header value is wrapped in quotes/)
  })

  it('removes a line break inside the token and reports it', () => {
    const header = parseAuthorizationHeader(`Bearer ${token.slice(0, 100)}\n${token.slice(100)}`)
    assert.ok(header.state === 'present')
    assert.equal(header.token, token)
    assert.match(header.problem ?? '', /line break/)
  })

  it('reports a scheme other than Bearer, keeping the credential for analysis', () => {
    const header = parseAuthorizationHeader('Basic dXNlcjpwYXNzd29yZA==')
    assert.ok(header.state === 'present')
    assert.equal(header.scheme, 'Basic')
    assert.equal(header.token, 'dXNlcjpwYXNzd29yZA==')
    assert.match(header.problem ?? '', /scheme is "Basic", not "Bearer"/)
  })

  it('reports a bare token without a scheme', () => {
    const header = parseAuthorizationHeader(token)
    assert.ok(header.state === 'present')
    assert.equal(header.scheme, '')
    assert.equal(header.token, token)
    assert.match(header.problem ?? '', /no "Bearer" scheme/)
  })

  it('reports a colon after the scheme', () => {
    const header = parseAuthorizationHeader(`Bearer: ${token}`)
    assert.ok(header.state === 'present')
    assert.equal(header.token, token)
    assert.match(header.problem ?? '', /colon/)
  })

  it('never puts the token into the problem text', () => {
    for (const value of [`Bearer Bearer ${token}`, `Basic ${token}`, `"Bearer ${token}"`, `Bearer ${token} ${token}`]) {
      const header = parseAuthorizationHeader(value)
      const problem = header.state === 'absent' ? '' : (header.problem ?? '')
      assert.ok(!problem.includes(token.split('.')[2] ?? '!'), value.slice(0, 20))
    }
  })
})
