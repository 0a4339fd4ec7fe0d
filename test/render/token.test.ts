import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { TokenAnalysis } from '../../src/core/token/types.js'
import { describeTokenTime, displayHeader, formatDuration, isoTime, renderTokenJson, tokenHeadline, type TokenReport } from '../../src/render/token.js'
import { renderTokenMarkdown, renderTokenText, tokenFacts } from '../../src/render/token-text.js'
import { ANSI_PATTERN, stripAnsi } from '../../src/render/style.js'
import { FAKE_APP, FAKE_TENANT, FIXTURE_TIME } from '../helpers/tokens.js'

const analysis: TokenAnalysis = {
  form: 'jwt',
  length: 1210,
  header: { typ: 'JWT', nonce: 'abcdefghij', alg: 'RS256', kid: 'fake-kid' },
  claims: { aud: '00000003-0000-0000-c000-000000000000', scp: 'User.Read Mail.Read' },
  signatureLength: 342,
  version: '1.0',
  isIdToken: false,
  audience: { value: '00000003-0000-0000-c000-000000000000', kind: 'graph', cloud: 'global', name: 'Microsoft Graph' },
  kind: 'delegated',
  account: 'work',
  tenantId: FAKE_TENANT,
  appId: FAKE_APP,
  appName: 'Contoso Test App',
  user: 'adele@contoso.example',
  scopes: ['User.Read', 'Mail.Read'],
  roles: [],
  directoryRoles: [{ id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', name: 'Global Reader' }, { id: '00000000-1111-4222-8333-444444444444' }],
  clientCapabilities: ['cp1'],
  authContexts: [],
  authMethods: ['pwd', 'mfa'],
  issuedAt: FIXTURE_TIME - 600,
  notBefore: FIXTURE_TIME - 600,
  expiresAt: FIXTURE_TIME + 3300,
}

const at = new Date(FIXTURE_TIME * 1000).toISOString()

const report: TokenReport = {
  analysis,
  time: { state: 'valid', at, offBySeconds: 0 },
  claims: [
    { claim: 'aud', value: '00000003-0000-0000-c000-000000000000', meaning: 'the resource: Microsoft Graph' },
    { claim: 'scp', value: 'User.Read Mail.Read', meaning: 'delegated permissions granted' },
  ],
  summary: { kind: 'delegated', scopes: ['User.Read', 'Mail.Read'] },
}

test('formatDuration reads like a person would say it', () => {
  assert.equal(formatDuration(45), '45 s')
  assert.equal(formatDuration(-3600), '1 h')
  assert.equal(formatDuration(3300), '55 min')
  assert.equal(formatDuration(7500), '2 h 5 min')
  assert.equal(formatDuration(3 * 86400 + 4 * 3600 + 59), '3 d 4 h')
})

test('describeTokenTime names the state and how far off it is', () => {
  assert.equal(describeTokenTime(analysis, report.time), `valid at ${at} (expires in 55 min)`)
  assert.equal(describeTokenTime(analysis, { state: 'expired', at, offBySeconds: 3600 }), `EXPIRED at ${at}: expired 1 h earlier`)
  assert.match(describeTokenTime(analysis, { state: 'not-yet-valid', at, offBySeconds: 300 }), /^NOT YET VALID .*5 min later \(clock skew\?\)$/)
  assert.match(describeTokenTime(analysis, { state: 'unknown', at, offBySeconds: 0 }), /no exp claim/)
})

test('the header nonce is shown only as present with its length; other fields as they are', () => {
  const header = displayHeader(analysis)
  assert.equal(header['alg'], 'RS256')
  assert.ok(!Object.values(header).some((value) => value.includes('abcdefghij')))
  assert.match(header['nonce'] ?? '', /^present \(10 chars\)/)
})

test('headline and facts describe kind, account, audience, tenant, app, user, scopes, roles by name, times', () => {
  assert.equal(tokenHeadline(analysis), 'JWT access token (v1.0): delegated (user) token, work or school account')
  assert.match(tokenHeadline({ ...analysis, form: 'opaque' }), /^Opaque token \(not a JWT, 1210 chars\)/)
  const facts = new Map(tokenFacts(analysis))
  assert.equal(facts.get('Audience'), 'Microsoft Graph (00000003-0000-0000-c000-000000000000)')
  assert.equal(facts.get('App'), `Contoso Test App (${FAKE_APP})`)
  assert.equal(facts.get('Scopes (scp)'), 'User.Read Mail.Read')
  assert.equal(facts.get('Roles (roles)'), '(none)')
  assert.equal(facts.get('Directory roles (wids)'), 'Global Reader, 00000000-1111-4222-8333-444444444444')
  assert.equal(facts.get('Client capabilities (xms_cc)'), 'cp1')
  assert.equal(facts.get('Expires (exp)'), isoTime(FIXTURE_TIME + 3300))
  assert.ok(!facts.has('Auth contexts (acrs)'), 'empty optional facts are left out')
})

test('the text report shows the signature only as its length and one line per claim', () => {
  const text = renderTokenText(report, { colour: false })
  assert.doesNotMatch(text, ANSI_PATTERN)
  assert.match(text, /signature +342 chars \(not shown, not verified\)/)
  assert.match(text, /\n  aud +00000003-0000-0000-c000-000000000000 +— the resource: Microsoft Graph\n/)
  assert.match(text, /valid at 2026-11-20T10:00:00\.000Z \(expires in 55 min\)/)
  const coloured = renderTokenText(report, { colour: true })
  assert.match(coloured, ANSI_PATTERN)
  assert.equal(stripAnsi(coloured), text)
})

test('the JSON report has version, token summary, header, signatureLength, time and claims', () => {
  const json = JSON.parse(renderTokenJson(report)) as Record<string, unknown>
  assert.deepEqual(Object.keys(json), ['version', 'token', 'header', 'signatureLength', 'time', 'claims'])
  assert.equal(json['version'], 1)
  assert.equal(json['signatureLength'], 342)
  assert.deepEqual(json['token'], report.summary)
  assert.deepEqual(json['time'], { state: 'valid', at, offBySeconds: 0, description: `valid at ${at} (expires in 55 min)` })
  assert.deepEqual(json['claims'], report.claims)
})

test('the Markdown report has a facts table, a header table and a claims table', () => {
  const markdown = renderTokenMarkdown(report)
  assert.ok(markdown.startsWith('# graph-doctor token analysis\n\n**JWT access token (v1.0)'))
  assert.match(markdown, /\| Tenant \| 11111111-2222-4333-8444-555555555555 \|/)
  assert.match(markdown, /\| `signature` \| 342 chars \(not shown, not verified\) \|/)
  assert.match(markdown, /\| `scp` \| User\.Read Mail\.Read \| delegated permissions granted \|/)
})
