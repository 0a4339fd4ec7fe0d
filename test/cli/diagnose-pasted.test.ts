// `graph-doctor diagnose` on pasted error texts, through the built CLI. The fixtures and the public
// sources of their shapes are listed in test/core/input/pasted.test.ts.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { delegatedToken } from '../helpers/tokens.js'

const BIN = join(process.cwd(), 'dist/bin/graph-doctor.js')
const INPUTS = join(process.cwd(), 'test/fixtures/inputs')
const emptyCache = mkdtempSync(join(tmpdir(), 'graph-doctor-cache-'))

interface Result {
  readonly source: string
  readonly request: { readonly method: string | null; readonly url: string | null; readonly inferredFrom?: string }
  readonly status: number | null
  readonly findings: ReadonlyArray<{ readonly id: string; readonly fix: readonly string[]; readonly evidence: ReadonlyArray<{ readonly field: string; readonly value: string }> }>
}

function diagnose(args: readonly string[], input = ''): { code: number | null; stdout: string; stderr: string } {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: emptyCache }
  delete env['GRAPH_DOCTOR_PERMISSIONS']
  const result = spawnSync(process.execPath, [BIN, 'diagnose', ...args], { encoding: 'utf8', env, input })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function results(file: string): Result[] {
  // No --permissions: the bundled snapshot answers, as for a user without a cache.
  const run = diagnose(['--format', 'json', join(INPUTS, file)])
  assert.equal(run.code, 1, `${file}: ${run.stderr}`)
  return (JSON.parse(run.stdout) as { results: Result[] }).results
}

test('a PowerShell or SDK 403 "Insufficient privileges" is permission-missing, never token-missing', () => {
  const files = ['powershell-error-record.txt', 'powershell-get-error.txt', 'powershell-5.txt', 'dotnet-odataerror.txt', 'python-odataerror.txt', 'python-graph-dict.txt']
  for (const file of files) {
    const [result] = results(file)
    assert.equal(result?.status, 403, file)
    assert.deepEqual(result?.findings.map((finding) => finding.id), ['permission-missing'], file)
  }
})

test('an SDK error that names the URL gets the endpoint\'s permissions, and the missing headers are not "no token"', () => {
  const [result] = results('java-graphserviceexception.txt')
  assert.deepEqual(result?.findings.map((finding) => finding.id), ['permission-missing'])
  const fix = result?.findings[0]?.fix.join('\n') ?? ''
  assert.match(fix, /does not show the token/)
  assert.match(fix, /GET \/users accepts least privileged delegated permissions \(work or school account\): User\.ReadBasic\.All/)
  const [invoke] = results('invoke-mggraphrequest.txt')
  assert.ok(!invoke?.findings.some((finding) => finding.id === 'token-missing'))
})

test('a Graph PowerShell record is judged as the call its cmdlet makes, with the Connect-MgGraph scope to add (msgraph-sdk-powershell#92)', () => {
  const cases: ReadonlyArray<[string, string, string]> = [
    ['powershell-5.txt', 'GET https://graph.microsoft.com/v1.0/users', 'Get-MgUser_List'],
    ['powershell-error-record.txt', 'GET https://graph.microsoft.com/v1.0/users', 'Get-MgUser_List'],
    ['powershell-get-error.txt', 'POST https://graph.microsoft.com/v1.0/groups', 'New-MgGroup_CreateExpanded'],
  ]
  for (const [file, call, cmdlet] of cases) {
    const [result] = results(file)
    assert.equal(`${result?.request.method} ${result?.request.url}`, call, file)
    assert.equal(result?.request.inferredFrom, cmdlet, file)
    const finding = result?.findings[0]
    assert.equal(finding?.id, 'permission-missing', file)
    assert.ok(finding?.evidence.some((item) => item.field === 'request' && item.value === call.replace('https://graph.microsoft.com', '')), file)
  }
  const fix = results('powershell-5.txt')[0]?.findings[0]?.fix.join('\n') ?? ''
  assert.match(fix, /Connect-MgGraph -Scopes 'User\.ReadBasic\.All'/)
  assert.match(fix, /application permission User\.ReadBasic\.All/)
  const text = diagnose([join(INPUTS, 'powershell-5.txt')], '')
  assert.match(text.stdout, /\(inferred from\s+Get-MgUser_List\) → 403/)
})

test('the .NET v4 ServiceException and the JavaScript GraphError keep their codes', () => {
  assert.deepEqual(results('dotnet-serviceexception.txt')[0]?.findings.map((finding) => finding.id), ['permission-missing'])
  const [expired] = results('js-grapherror.txt')
  assert.equal(expired?.status, 401)
  assert.deepEqual(expired?.findings.map((finding) => finding.id), ['token-expired'])
})

test('MSAL, Azure CLI and MSAL Python sign-in errors get the finding of their AADSTS code', () => {
  const cases: ReadonlyArray<[string, string]> = [
    ['msal-net.txt', 'interaction-required'],
    ['msal-net-log.txt', 'token-request-failed'],
    ['msal-js.txt', 'token-request-failed'],
    ['msal-python.txt', 'token-request-failed'],
    ['azure-cli-530003.txt', 'interaction-required'],
  ]
  for (const [file, id] of cases) assert.deepEqual(results(file)[0]?.findings.map((finding) => finding.id), [id], file)
  const [secret] = results('msal-js.txt')
  assert.ok(secret?.findings[0]?.fix.some((step) => /secret VALUE/.test(step)))
})

test('text that matches no format is one line naming the command that would take it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-pasted-'))
  const token = join(dir, 'token.txt')
  const raw = delegatedToken()
  writeFileSync(token, `${raw}\n`)
  const tokenRun = diagnose([token])
  assert.equal(tokenRun.code, 2)
  assert.match(tokenRun.stderr, /token\.txt: line 1: an access token: use graph-doctor token FILE \(or -\) to decode it\n$/)
  assert.ok(!tokenRun.stderr.includes(raw.slice(0, 20)))
  const code = diagnose(['-'], '50076\n')
  assert.equal(code.code, 2)
  assert.match(code.stderr, /^graph-doctor: stdin: line 1: an AADSTS code: use graph-doctor aadsts/)
  const prose = diagnose([join(INPUTS, 'not-an-error.txt')])
  assert.equal(prose.code, 2)
  assert.equal(prose.stderr.trimEnd().split('\n').length, 1)
  assert.match(prose.stderr, /an access token goes to graph-doctor token, an AADSTS code to graph-doctor aadsts -\)$/m)
})
