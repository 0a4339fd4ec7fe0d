import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findingIds } from '../../src/core/catalogue.js'
import { ANSI_PATTERN } from '../../src/render/layout/style.js'
import { needsSharedData, SHARED_DATA_DIR } from '../helpers/catalogue.js'
import { FIXTURE_TIME, appOnlyToken, delegatedToken, fakeSignature } from '../helpers/tokens.js'

const BIN = join(process.cwd(), 'dist/bin/graph-doctor.js')
const EXAMPLE = join(process.cwd(), 'examples/failing-calls.har')
const NOW = new Date(FIXTURE_TIME * 1000).toISOString()
const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-diagnose-'))
const emptyCache = mkdtempSync(join(tmpdir(), 'graph-doctor-cache-'))

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

function cli(args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: emptyCache, ...options.env }
  delete env['GRAPH_DOCTOR_PERMISSIONS']
  delete env['FORCE_COLOR']
  if (options.env?.['FORCE_COLOR'] !== undefined) env['FORCE_COLOR'] = options.env['FORCE_COLOR']
  if (options.env?.['NO_COLOR'] === '') delete env['NO_COLOR']
  const result = spawnSync(process.execPath, [BIN, 'diagnose', ...args], { cwd: dir, encoding: 'utf8', env, input: options.input ?? '' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function file(name: string, content: string | Uint8Array): string {
  writeFileSync(join(dir, name), content)
  return name
}

function rawHttp(path: string, status: string, token: string | undefined, body: string): string {
  const auth = token === undefined ? '' : `Authorization: Bearer ${token}\n`
  return `GET ${path} HTTP/1.1\nHost: graph.microsoft.com\n${auth}\nHTTP/1.1 ${status}\nContent-Type: application/json\nDate: Fri, 20 Nov 2026 10:00:00 GMT\n\n${body}\n`
}

const deniedBody = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } })
const emptyTokenBody = JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } })

function assertOneLineError(run: Run, pattern: RegExp): void {
  assert.equal(run.code, 2, run.stderr)
  assert.equal(run.stdout, '')
  const lines = run.stderr.trimEnd().split('\n')
  assert.equal(lines.length, 1, `one line expected:\n${run.stderr}`)
  assert.match(lines[0] ?? '', pattern)
  assert.doesNotMatch(run.stderr, /\n\s+at |internal error|this is a bug/)
}

test('exit 0 for a healthy call: no error or warning findings, and no permission data needed', () => {
  const run = cli(['--url', 'https://graph.microsoft.com/v1.0/me', '--status', '200', '--token', delegatedToken(), '--now', NOW, '--format', 'json'])
  assert.equal(run.code, 0, run.stderr)
  assert.equal(run.stderr, '', 'a successful call must not load or ask for the permission catalogue')
  const [result] = (JSON.parse(run.stdout) as { results: Array<{ findings: Array<{ severity: string }> }> }).results
  assert.deepEqual(result?.findings.filter((item) => item.severity !== 'info'), [])
})

test('--url and --token without --status load the permission data and report what is missing (exit 1)', () => {
  const run = cli(['--url', 'https://graph.microsoft.com/v1.0/users', '--token', delegatedToken(), '--now', NOW])
  assert.equal(run.code, 1, run.stdout)
  assert.match(run.stdout, /\[permission-missing\]/)
})

test('exit 1 for a call with an error finding (no token sent)', () => {
  const run = cli([file('no-token.http', rawHttp('/v1.0/me', '401 Unauthorized', undefined, emptyTokenBody))])
  assert.equal(run.code, 1, run.stderr)
  assert.match(run.stdout, /\[token-missing\]/)
  assert.match(run.stdout, /^GET https:\/\/graph\.microsoft\.com\/v1\.0\/me → 401 \(no-token\.http/)
})

interface PermissionJson {
  readonly results: Array<{ findings: Array<{ id: string; permission?: { leastPrivileged: string | null } }> }>
  readonly permissionData?: { source: string; location: string; date: string; ageDays: number }
}

test('with nothing but the installation, the bundled snapshot names the least-privileged permission; JSON says so', () => {
  const run = cli(['--format', 'json', '--now', NOW, file('list-users.http', rawHttp('/v1.0/users', '403 Forbidden', delegatedToken(), deniedBody))])
  assert.equal(run.code, 1, run.stderr)
  assert.equal(run.stderr, '', 'no age line with JSON output')
  const document = JSON.parse(run.stdout) as PermissionJson
  const finding = document.results[0]?.findings.find((item) => item.id === 'permission-missing')
  assert.equal(finding?.permission?.leastPrivileged, 'User.ReadBasic.All')
  assert.equal(document.permissionData?.source, 'snapshot')
  assert.match(document.permissionData?.date ?? '', /^\d{4}-\d{2}-\d{2}$/)
  assert.ok(Number.isInteger(document.permissionData?.ageDays))
})

test('text output warns at most once, on stderr, when the data in use is older than 90 days', () => {
  const run = cli([file('denied.http', rawHttp('/v1.0/users', '403 Forbidden', delegatedToken(), deniedBody)), 'denied.http'])
  assert.equal(run.code, 1)
  assert.match(run.stdout, /User\.ReadBasic\.All/)
  const lines = run.stderr.trimEnd().split('\n').filter((line) => line !== '')
  assert.ok(lines.length <= 1, run.stderr)
  for (const line of lines) assert.match(line, /^graph-doctor: the permission data in use \(the bundled snapshot, of [\d-]+\) is \d+ days old; `graph-doctor data update`/)
})

test('--permissions FILE (the raw official permissions.json) makes permission-missing name the least-privileged permission', needsSharedData, () => {
  const permissions = join(SHARED_DATA_DIR ?? '', 'permissions.json')
  const run = cli(['--permissions', permissions, '--format', 'json', file('list-users.http', rawHttp('/v1.0/users', '403 Forbidden', delegatedToken(), deniedBody))])
  assert.equal(run.code, 1, run.stderr)
  const document = JSON.parse(run.stdout) as PermissionJson
  const finding = document.results[0]?.findings.find((item) => item.id === 'permission-missing')
  assert.equal(finding?.permission?.leastPrivileged, 'User.ReadBasic.All')
  assert.deepEqual({ ...document.permissionData, date: undefined }, { source: '--permissions', location: permissions, date: undefined, ageDays: document.permissionData?.ageDays })
})

test('several files are diagnosed in the order given; - reads stdin', () => {
  const first = file('first.http', rawHttp('/v1.0/me', '401 Unauthorized', undefined, emptyTokenBody))
  const run = cli(['--format', 'json', first, '-'], { input: rawHttp('/v1.0/me/messages', '401 Unauthorized', undefined, emptyTokenBody) })
  assert.equal(run.code, 1, run.stderr)
  const results = (JSON.parse(run.stdout) as { results: Array<{ source: string; request: { url: string } }> }).results
  assert.equal(results.length, 2)
  assert.match(results[0]?.source ?? '', /^first\.http/)
  assert.match(results[1]?.source ?? '', /^stdin/)
  assert.equal(results[1]?.request.url, 'https://graph.microsoft.com/v1.0/me/messages')
})

test('--token - reads the token from stdin and --header routes WWW-Authenticate to the response', () => {
  const claims = btoa('{"access_token":{"nbf":{"essential":true,"value":"1795168800"}}}')
  const run = cli(['--url', 'https://graph.microsoft.com/v1.0/me/messages', '--status', '401', '--token', '-', '--header', `WWW-Authenticate: Bearer realm="", error="insufficient_claims", claims="${claims}"`, '--format', 'json'], { input: `${delegatedToken()}\n` })
  assert.equal(run.code, 1, run.stderr)
  assert.match(run.stdout, /"id": "claims-challenge"/)
})

test('bad input: one line naming the file (and the line or entry), exit 2, no stack', () => {
  const cases: Array<[string, string | Uint8Array, RegExp]> = [
    ['notes.txt', 'Dear team, the call failed again this morning.\n', /^graph-doctor: notes\.txt: /],
    ['broken.har', '{"log":{"version":"1.2","entries":[{"request":', /^graph-doctor: broken\.har: /],
    ['shape.har', '{"log":{"version":"1.2","entries":"none"}}', /^graph-doctor: shape\.har: /],
    ['photo.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /^graph-doctor: photo\.png: byte 8: binary data/],
    ['empty.har', '', /^graph-doctor: empty\.har: the input is empty$/],
    ['blank.http', '\n  \n', /^graph-doctor: blank\.http: the input is empty$/],
  ]
  for (const [name, content, pattern] of cases) assertOneLineError(cli([file(name, content)]), pattern)
  assertOneLineError(cli(['missing.har']), /^graph-doctor: missing\.har: no such file$/)
})

test('a bad file after a good one still fails the run with exit 2 and names the bad file', () => {
  const good = file('good.http', rawHttp('/v1.0/me', '401 Unauthorized', undefined, emptyTokenBody))
  assertOneLineError(cli([good, file('junk.txt', 'nothing useful here\n')]), /^graph-doctor: junk\.txt: /)
})

test('usage errors: unknown option, bad --format/--now/--status, files and flags together, nothing given', () => {
  assertOneLineError(cli(['--verbose', 'x.har']), /^graph-doctor: unknown option --verbose \(see graph-doctor diagnose --help\)$/)
  assertOneLineError(cli(['--format', 'yaml', 'x.har']), /--format must be one of text, json, markdown/)
  assertOneLineError(cli(['--now', 'yesterday', 'x.har']), /--now must be an ISO 8601 time/)
  assertOneLineError(cli(['--url', 'https://graph.microsoft.com/v1.0/me', '--status', 'forbidden']), /--status must be an HTTP status code/)
  assertOneLineError(cli(['--status', '403', 'x.har']), /either FILE arguments or --method/)
  assertOneLineError(cli([]), /nothing to diagnose/)
  assertOneLineError(cli(['-', '-']), /stdin \(-\) can be read only once/)
})

test('a garbage token given with --token is a finding (exit 1), never echoed', () => {
  const garbage = 'not.a-token-at-all-but-something-long-enough-to-notice-1234567890'
  const run = cli(['--url', 'https://graph.microsoft.com/v1.0/me', '--status', '401', '--token', garbage])
  assert.equal(run.code, 1, run.stderr)
  assert.match(run.stdout, /\[token-malformed\]/)
  assert.ok(!run.stdout.includes(garbage) && !run.stderr.includes(garbage))
})

test('no ANSI codes when piped or with NO_COLOR, in every format; FORCE_COLOR colours text unless NO_COLOR', () => {
  const input = file('colour.http', rawHttp('/v1.0/me', '401 Unauthorized', undefined, emptyTokenBody))
  for (const format of ['text', 'json', 'markdown']) {
    assert.doesNotMatch(cli(['--format', format, input], { env: { NO_COLOR: '' } }).stdout, ANSI_PATTERN, `piped ${format}`)
    assert.doesNotMatch(cli(['--format', format, input], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout, ANSI_PATTERN, `NO_COLOR ${format}`)
  }
  assert.match(cli([input], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout, ANSI_PATTERN)
})

type Json = Record<string, unknown>

function assertString(value: unknown, where: string): void {
  assert.equal(typeof value, 'string', where)
}

function assertStringArray(value: unknown, where: string): void {
  assert.ok(Array.isArray(value), where)
  for (const [index, item] of (value as unknown[]).entries()) assertString(item, `${where}[${index}]`)
}

function assertFinding(finding: Json, where: string): void {
  assert.ok((findingIds as readonly string[]).includes(finding['id'] as string), `${where}.id ${String(finding['id'])}`)
  assert.ok(['error', 'warning', 'info'].includes(finding['severity'] as string), `${where}.severity`)
  for (const key of ['title', 'detail']) assertString(finding[key], `${where}.${key}`)
  assert.ok((finding['title'] as string).length > 0, `${where}.title is empty`)
  assert.ok(Array.isArray(finding['evidence']), `${where}.evidence`)
  for (const [index, item] of (finding['evidence'] as Json[]).entries()) {
    for (const key of ['source', 'field', 'value']) assertString(item[key], `${where}.evidence[${index}].${key}`)
    if ('note' in item) assertString(item['note'], `${where}.evidence[${index}].note`)
  }
  assertStringArray(finding['fix'], `${where}.fix`)
  assert.ok(Array.isArray(finding['links']), `${where}.links`)
  for (const [index, link] of (finding['links'] as Json[]).entries()) {
    assertString(link['title'], `${where}.links[${index}].title`)
    assert.match(link['url'] as string, /^https:\/\//, `${where}.links[${index}].url`)
  }
  if (!('permission' in finding)) return
  const permission = finding['permission'] as Json
  assert.ok(['DelegatedWork', 'DelegatedPersonal', 'Application'].includes(permission['scheme'] as string), `${where}.permission.scheme`)
  assert.ok(permission['leastPrivileged'] === null || typeof permission['leastPrivileged'] === 'string', `${where}.permission.leastPrivileged`)
  assertStringArray(permission['accepted'], `${where}.permission.accepted`)
  assertStringArray(permission['granted'], `${where}.permission.granted`)
}

test('--format json follows the contract field by field over the example capture', () => {
  const run = cli(['--format', 'json', EXAMPLE])
  assert.equal(run.code, 1, run.stderr)
  const document = JSON.parse(run.stdout) as Json
  assert.equal(document['version'], 1)
  const results = document['results'] as Json[]
  assert.ok(Array.isArray(results) && results.length > 0)
  for (const [index, result] of results.entries()) {
    const where = `results[${index}]`
    const request = result['request'] as Json
    assert.deepEqual(Object.keys(request).sort(), ['method', 'url'], `${where}.request`)
    for (const key of ['method', 'url']) assert.ok(request[key] === null || typeof request[key] === 'string', `${where}.request.${key}`)
    assert.ok(result['status'] === null || Number.isInteger(result['status']), `${where}.status`)
    assertString(result['source'], `${where}.source`)
    assert.ok(!Number.isNaN(Date.parse(result['judgedAt'] as string)), `${where}.judgedAt`)
    assert.ok(Array.isArray(result['findings']), `${where}.findings`)
    for (const [position, finding] of (result['findings'] as Json[]).entries()) assertFinding(finding, `${where}.findings[${position}]`)
  }
  const summary = document['summary'] as Json
  assert.equal(summary['results'], results.length)
})

test('one result per exchange in input order: the healthy first call has no error or warning', () => {
  const run = cli(['--format', 'json', EXAMPLE])
  const results = (JSON.parse(run.stdout) as { results: Array<{ status: number | null; findings: Array<{ severity: string }> }> }).results
  assert.equal(results[0]?.status, 200)
  assert.deepEqual(results[0]?.findings.filter((item) => item.severity !== 'info'), [])
})

test('the text output of a capture ends with the summary line; markdown opens with the title', () => {
  const text = cli([EXAMPLE])
  assert.match(text.stdout, /\nChecked \d+ exchanges: \d+ errors?, \d+ warnings?, \d+ info\.\n$/)
  const markdown = cli(['--format', 'markdown', EXAMPLE])
  assert.match(markdown.stdout, /^# graph-doctor diagnosis\n/)
  for (const output of [text.stdout, markdown.stdout]) assert.ok(!output.includes(fakeSignature()))
})

test('an app-only token on /me is diagnosed from flags alone (exit 1)', () => {
  const body = JSON.stringify({ error: { code: 'BadRequest', message: '/me request is only valid with delegated authentication flow.' } })
  const run = cli(['--url', 'https://graph.microsoft.com/v1.0/me', '--status', '400', '--token', appOnlyToken(), '--body', body, '--now', NOW])
  assert.equal(run.code, 1, run.stderr)
  assert.match(run.stdout, /\[token-type-mismatch\]/)
})

test('a pasted error body without a Date header is judged at its innerError.date, not at the time of the run', () => {
  const token = delegatedToken({ iat: FIXTURE_TIME - 4000, nbf: FIXTURE_TIME - 4000, exp: FIXTURE_TIME - 60 })
  const body = JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.', innerError: { date: new Date(FIXTURE_TIME * 1000).toISOString().slice(0, 19), 'request-id': 'r-1' } } })
  const run = cli(['--url', 'https://graph.microsoft.com/v1.0/me', '--status', '401', '--token', token, '--body', body, '--format', 'json'])
  assert.equal(run.code, 1, run.stderr)
  const [result] = (JSON.parse(run.stdout) as { results: Array<{ judgedAt: string; findings: Array<{ id: string; evidence: Array<{ field: string; note?: string }> }> }> }).results
  assert.equal(result?.judgedAt, NOW)
  const expired = result?.findings.find((finding) => finding.id === 'token-expired')
  assert.ok(expired, JSON.stringify(result?.findings.map((finding) => finding.id)))
  assert.match(expired.evidence.find((item) => item.field === 'exchange time')?.note ?? '', /innerError\.date/)
})

test('flags that describe only a response are a usage error naming what is missing, not "no problems found"', () => {
  const denied = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } })
  assertOneLineError(cli(['--status', '403']), /--status 403 cannot be diagnosed without the request \(method and URL\) and the token that was sent: add --url and --token/)
  assertOneLineError(cli(['--status', '403', '--body', denied]), /without the request \(method and URL\).*add --url/)
  assertOneLineError(cli(['--token', delegatedToken()]), /--token cannot be diagnosed without the request \(method and URL\).*graph-doctor token/)
  assertOneLineError(cli(['--status', '401', '--token', delegatedToken()]), /without the request \(method and URL\): add --url,/)
})

test('a response alone with its status line (curl -i, a response pane) is Graph\'s answer when its body is an OData error or it carries a claims challenge; an HTML 401 is still refused', () => {
  const claims = Buffer.from('{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}').toString('base64')
  const challenged = file('cae-401.http', `HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm="", error="insufficient_claims", claims="${claims}"\nContent-Type: application/json\n\n{"error":{"code":"InvalidAuthenticationToken","message":"Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp"}}\n`)
  const run = cli([challenged])
  assert.equal(run.code, 1, run.stderr)
  assert.match(run.stdout, /\[claims-challenge\]/)
  const denied = file('denied-403.http', 'HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}\n')
  const deniedRun = cli([denied])
  assert.equal(deniedRun.code, 1, deniedRun.stderr)
  assert.match(deniedRun.stdout, /\[permission-missing\]/)
  const page = file('page-401.http', 'HTTP/1.1 401 Unauthorized\nContent-Type: text/html\n\n<html><body>Unauthorized</body></html>\n')
  assertOneLineError(cli([page]), /^graph-doctor: page-401\.http: a 401 response alone cannot be diagnosed/)
})

test('a token-endpoint error given with --body needs no URL: it explains itself', () => {
  const body = JSON.stringify({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] })
  const run = cli(['--status', '401', '--body', body])
  assert.equal(run.code, 1, run.stderr)
  assert.match(run.stdout, /\[token-request-failed\]/)
})

test('a bare response that names no cause is refused with what is missing; one that does is diagnosed without "data update"', () => {
  const unknown = JSON.stringify({ error: { code: 'UnknownError', message: '' } })
  assertOneLineError(cli(['-'], { input: unknown }), /^graph-doctor: stdin: a response \(UnknownError\) alone cannot be diagnosed: add the request \(method and URL\) and the token that was sent/)
  const withStatus = file('bare-500.http', 'HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\n{"error":{"code":"generalException","message":"General exception while processing"}}\n')
  // with its status line, Graph's OData error is Graph's answer: a 500 is a service-side failure, not authorization
  const serverError = cli([withStatus])
  assert.equal(serverError.code, 0, serverError.stderr)
  assert.match(serverError.stdout, /\[not-authorization-error\]/)
  const denied = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } })
  const run = cli(['-'], { input: denied })
  assert.equal(run.code, 1, run.stderr)
  assert.match(run.stdout, /\[permission-missing\]/)
  assert.match(run.stdout, /The input holds no request/)
  assert.doesNotMatch(run.stdout, /data update/)
})
