import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { TokenAnalysis } from '../../src/core/token/types.js'
import { describeTokenTime, displayHeader, formatDuration, isoTime, renderTokenJson, tokenHeadline, type TokenReport } from '../../src/render/token/json.js'
import { renderTokenMarkdown, renderTokenText, tokenFacts } from '../../src/render/token/text.js'
import { ANSI_PATTERN, stripAnsi } from '../../src/render/layout/style.js'
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
  assert.equal(formatDuration(90), '1 min 30 s')
  assert.equal(formatDuration(86400 + 60), '1 day')
  assert.equal(formatDuration(86400 + 7200), '1 day 2 h')
  assert.equal(formatDuration(3 * 86400 + 4 * 3600 + 59), '3 days 4 h')
})

test('describeTokenTime names the state and how far off it is', () => {
  assert.equal(describeTokenTime(analysis, report.time), `valid at ${at} (expires in 55 min)`)
  const expired = { ...analysis, expiresAt: FIXTURE_TIME - 3600 }
  assert.equal(describeTokenTime(expired, { state: 'expired', at, offBySeconds: 3600 }), `EXPIRED at 2026-11-20T09:00:00Z: 1 h before ${at}`)
  assert.match(describeTokenTime(analysis, { state: 'not-yet-valid', at, offBySeconds: 300 }), /^NOT YET VALID at .*: valid only from 2026-11-20T09:50:00Z, 5 min later \(clock skew\?\)$/)
  assert.match(describeTokenTime(analysis, { state: 'unknown', at, offBySeconds: 0 }), /no exp claim/)
})

test('the header nonce is shown only as present with its length; other fields as they are', () => {
  const header = displayHeader(analysis)
  assert.equal(header['alg'], 'RS256')
  assert.ok(!Object.values(header).some((value) => value.includes('abcdefghij')))
  assert.match(header['nonce'] ?? '', /^present \(10 chars\)/)
})

test('the headline names the API; the first facts say which kind, which permissions, valid until when', () => {
  assert.equal(tokenHeadline(analysis), 'JWT access token (v1.0) for Microsoft Graph')
  assert.match(tokenHeadline({ ...analysis, form: 'opaque' }), /^Opaque token \(not a JWT, 1210 chars\)/)
  const facts = tokenFacts(analysis, report.time)
  assert.deepEqual(facts.slice(0, 3).map(([label]) => label), ['Kind', 'Permissions', 'Valid until'])
  const byLabel = new Map(facts)
  assert.equal(byLabel.get('Kind'), 'delegated: acts for a signed-in user, work or school account')
  assert.equal(byLabel.get('Permissions'), 'User.Read Mail.Read (scp)')
  assert.equal(byLabel.get('Valid until'), `${isoTime(FIXTURE_TIME + 3300)}: valid at ${at} (expires in 55 min)`)
  assert.equal(byLabel.get('App'), `Contoso Test App (${FAKE_APP})`)
  assert.equal(byLabel.get('Admin roles (wids)'), 'Global Reader, 00000000-1111-4222-8333-444444444444')
  assert.equal(byLabel.get('Capabilities (xms_cc)'), 'cp1: handles claims challenges (CAE)')
  const appOnly = new Map(tokenFacts({ ...analysis, kind: 'app-only', scopes: [], roles: ['Mail.Read'] }, report.time))
  assert.equal(appOnly.get('Permissions'), 'Mail.Read (roles)')
  assert.ok(!byLabel.has('Auth contexts (acrs)'), 'empty optional facts are left out')
})

test('the text report shows the signature only as its length and one line per claim', () => {
  const text = renderTokenText(report, { colour: false, width: 120 })
  assert.doesNotMatch(text, ANSI_PATTERN)
  assert.match(text, /signature +342 chars \(not shown, not verified\)/)
  assert.match(text, /\n  aud +00000003-0000-0000-c000-000000000000 +— the resource: Microsoft Graph\n/)
  assert.match(text, /\n  Valid until +2026-11-20T10:55:00Z: valid at 2026-11-20T10:00:00\.000Z \(expires in 55 min\)\n/)
  const coloured = renderTokenText(report, { colour: true, width: 120 })
  assert.match(coloured, ANSI_PATTERN)
  assert.equal(stripAnsi(coloured), text)
})

test('narrow: a value that would get under 24 columns beside its label goes on the lines below it instead', () => {
  const withLongClaim = { ...report, claims: [...report.claims, { claim: 'app_displayname', value: 'Contoso Test App', meaning: 'display name of the client app' }] }
  const text = renderTokenText(withLongClaim, { colour: false, width: 40 })
  // at 40 columns the facts' 21-character labels left 15 columns: "Contoso Test" / "App" / "(aaaa…)" one under another
  assert.match(text, /\n {2}App\n {4}Contoso Test App\n {4}\(aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\)\n/)
  assert.match(text, /\n {2}app_displayname\n {4}Contoso Test App — display name of\n {4}the client app\n/)
  assert.match(text, /\n {2}typ {8}JWT\n/, 'short labels keep their column')
  assert.match(text, /\n {2}scp\n {4}User\.Read Mail\.Read — delegated\n/, 'every claim stacked when the widest name leaves too little room')
  for (const line of text.split('\n')) assert.ok(line.length <= 40 || !line.trim().includes(' '), `too wide: ${line}`)
  const wide = renderTokenText(report, { colour: false, width: 80 })
  assert.match(wide, /\n {2}App {20}Contoso Test App \(aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\)\n/)
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
  assert.ok(markdown.startsWith('# graph-doctor token analysis\n\n**JWT access token (v1.0) for Microsoft Graph**\n\n| Fact | Value |\n|---|---|\n| Kind | delegated'))
  assert.match(markdown, /\| Tenant \| 11111111-2222-4333-8444-555555555555 \|/)
  assert.match(markdown, /\| `signature` \| 342 chars \(not shown, not verified\) \|/)
  assert.match(markdown, /\| `scp` \| User\.Read Mail\.Read \| delegated permissions granted \|/)
})
