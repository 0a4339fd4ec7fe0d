import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ANSI_PATTERN } from '../../src/render/layout/style.js'
import { FAKE_APP, FAKE_TENANT, FIXTURE_TIME, appOnlyToken, delegatedToken, fakeSignature } from '../helpers/tokens.js'

const BIN = 'dist/bin/graph-doctor.js'
const NOW = new Date(FIXTURE_TIME * 1000).toISOString()

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

function token(args: readonly string[], input = ''): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', COLUMNS: '120' }
  delete env['FORCE_COLOR']
  const result = spawnSync(process.execPath, [BIN, 'token', ...args], { encoding: 'utf8', env, input })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function assertNoTokenMaterial(output: string, raw: string): void {
  assert.ok(!output.includes(raw), 'the whole token was printed')
  assert.ok(!output.includes(raw.split('.')[2] ?? raw), 'the signature was printed')
  assert.ok(!output.includes(fakeSignature().slice(0, 40)), 'part of the signature was printed')
}

test('a delegated token: kind, account, audience, tenant, app, user, scopes, directory roles by name, times, claims', () => {
  const raw = delegatedToken({ wids: ['f2ef992c-3afb-46b9-b7cf-a126ee74c451', 'b79fbf4d-3ef9-4689-8143-76b194e85509'] })
  const run = token(['--now', NOW, raw])
  assert.equal(run.code, 0, run.stderr)
  assert.equal(run.stderr, '')
  const out = run.stdout
  const [headline, kind, permissions, validUntil] = out.split('\n')
  assert.equal(headline, 'JWT access token (v1.0) for Microsoft Graph (global)', 'first line: for which API')
  assert.match(kind ?? '', /^  Kind +delegated: acts for a signed-in user, work or school account$/)
  assert.match(permissions ?? '', /^  Permissions +User\.Read \(scp; sign-in only: openid profile email\)$/)
  assert.match(validUntil ?? '', /^  Valid until +2026-11-20T10:55:00Z: valid at 2026-11-20T10:00:00(\.000)?Z \(expires in 55 min\)$/)
  assert.ok(out.includes(FAKE_TENANT) && out.includes(FAKE_APP))
  assert.match(out, /adele@contoso\.example/)
  assert.match(out, /Admin roles \(wids\) +Global Reader, /, 'wids f2ef992c-… is shown by name')
  assert.match(out, /Capabilities \(xms_cc\) +cp1: handles claims challenges/)
  assert.match(out, /Auth methods \(amr\) +pwd/)
  assert.doesNotMatch(out, /Microsoft Graph \(global\)[^\n]*Microsoft Graph/, 'the audience is named once per line')
  assert.match(out, new RegExp(`signature +${fakeSignature().length} chars \\(not shown, not verified\\)`))
  assert.match(out, /\nClaims\n(  \w+ .*\n)+/)
  assert.match(out, /\n  scp +openid profile email User\.Read +— /)
  assertNoTokenMaterial(out, raw)
})

test('--now judges the lifetime at the given time: expired an hour after exp', () => {
  const later = new Date((FIXTURE_TIME + 3300 + 3600) * 1000).toISOString()
  const run = token(['--now', later, delegatedToken()])
  assert.equal(run.code, 0, 'an expired token is still a decodable token')
  assert.match(run.stdout, /\n  Valid until +EXPIRED at 2026-11-20T10:55:00Z: 1 h before 2026-11-20T11:55:00(\.000)?Z\n/, 'the time shown is exp, not now')
})

test('an expired token a day and more old says "1 day", and CP1 in capitals counts as cp1', () => {
  const later = new Date((FIXTURE_TIME + 3300 + 86_400 + 7200) * 1000).toISOString()
  const run = token(['--now', later, delegatedToken({ xms_cc: ['CP1'] })])
  assert.match(run.stdout, /EXPIRED at 2026-11-20T10:55:00Z: 1 day 2 h before /)
  assert.doesNotMatch(run.stdout, /\b1 days\b/)
  assert.match(run.stdout, /Capabilities \(xms_cc\) +CP1: handles claims challenges/)
  assert.match(run.stdout, /\n  xms_cc +CP1 +— client capabilities; cp1: the client can handle claims challenges/)
})

test('an app-only token lists its application roles', () => {
  const run = token(['--now', NOW, appOnlyToken({ roles: ['User.Read.All', 'Mail.Send'] })])
  assert.equal(run.code, 0, run.stderr)
  assert.match(run.stdout, /\n  Kind +app-only: application permissions, no signed-in user\n/)
  assert.match(run.stdout, /\n  Permissions +User\.Read\.All Mail\.Send \(roles\)\n/)
})

test('"Bearer …", "Authorization: Bearer …" and stdin (-) are accepted', () => {
  const raw = delegatedToken()
  const expected = token(['--now', NOW, raw]).stdout
  assert.equal(token(['--now', NOW, `Bearer ${raw}`]).stdout, expected)
  assert.equal(token(['--now', NOW, '-'], `Authorization: Bearer ${raw}\n`).stdout, expected)
  assert.equal(token(['--now', NOW, '-'], `  ${raw}\r\n`).stdout, expected)
})

test('--format json: version, token summary, header (nonce only as present), signatureLength, time, claims', () => {
  const raw = delegatedToken()
  const run = token(['--format', 'json', '--now', NOW, raw])
  assert.equal(run.code, 0, run.stderr)
  const json = JSON.parse(run.stdout) as Record<string, unknown>
  assert.equal(json['version'], 1)
  assert.equal(json['signatureLength'], fakeSignature().length)
  assert.equal((json['time'] as Record<string, unknown>)['state'], 'valid')
  assert.equal((json['header'] as Record<string, unknown>)['alg'], 'RS256')
  assert.match(String((json['header'] as Record<string, unknown>)['nonce']), /^present/)
  const claims = json['claims'] as Array<Record<string, unknown>>
  assert.ok(claims.some((claim) => claim['claim'] === 'aud'))
  for (const claim of claims) for (const key of ['claim', 'value', 'meaning']) assert.equal(typeof claim[key], 'string')
  assert.equal(typeof json['token'], 'object')
  assertNoTokenMaterial(run.stdout, raw)
})

test('--format markdown renders tables; no format prints ANSI codes when piped', () => {
  const raw = delegatedToken()
  const markdown = token(['--format', 'markdown', '--now', NOW, raw])
  assert.equal(markdown.code, 0)
  assert.match(markdown.stdout, /^# graph-doctor token analysis\n/)
  assert.match(markdown.stdout, /\| Claim \| Value \| Meaning \|/)
  for (const format of ['text', 'json', 'markdown']) {
    const run = token(['--format', format, '--now', NOW, raw])
    assert.doesNotMatch(run.stdout, ANSI_PATTERN, format)
    assertNoTokenMaterial(run.stdout, raw)
  }
})

test('garbage is one line, exit 2, and the input is not echoed', () => {
  const cases = ['hello-world-this-is-not-a-token', 'eyJhbGciOiJub25lIn0.%%%.abc', 'Bearer']
  for (const garbage of cases) {
    const run = token([garbage])
    assert.equal(run.code, 2, `${garbage}: ${run.stdout}`)
    assert.equal(run.stdout, '')
    const lines = run.stderr.trimEnd().split('\n')
    assert.equal(lines.length, 1, run.stderr)
    assert.match(lines[0] ?? '', /^graph-doctor: token: /)
    assert.ok(garbage.length < 10 || !run.stderr.includes(garbage), run.stderr)
    assert.doesNotMatch(run.stderr, /\n\s+at /)
  }
})

test('usage errors: no token, empty stdin, unknown option', () => {
  assert.match(token([]).stderr, /^graph-doctor: give a token, a file holding one, or - to read it from stdin/)
  assert.equal(token([]).code, 2)
  assert.deepEqual(token(['-'], '  \n'), { code: 2, stdout: '', stderr: 'graph-doctor: stdin: the input is empty\n' })
  assert.equal(token(['--frmat', 'json', 'x']).stderr, 'graph-doctor: unknown option --frmat; did you mean --format? (see graph-doctor token --help)\n')
})

test('a FILE argument is read: a bare token, an Authorization line, or a token-response JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-token-'))
  const raw = delegatedToken()
  const files: Array<[string, string]> = [
    ['token.txt', `${raw}\n`],
    ['header.txt', `Authorization: Bearer ${raw}\r\n`],
    ['response.json', JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: raw })],
    ['az.json', JSON.stringify({ accessToken: raw, expiresOn: '2026-11-20 11:00:00.000000', tokenType: 'Bearer' })],
  ]
  for (const [name, content] of files) {
    writeFileSync(join(dir, name), content)
    const run = token(['--now', NOW, join(dir, name)])
    assert.equal(run.code, 0, `${name}: ${run.stderr}`)
    assert.match(run.stdout, /^JWT access token \(v1\.0\) for Microsoft Graph/, name)
    assert.match(run.stdout, /Kind +delegated/, name)
    assertNoTokenMaterial(run.stdout, raw)
  }
})

test('a missing FILE is named as a missing file, not judged as a malformed token', () => {
  const run = token(['does-not-exist.txt'])
  assert.equal(run.code, 2)
  assert.equal(run.stdout, '')
  assert.match(run.stderr, /^graph-doctor: does-not-exist\.txt: no such file\n$/)
})
