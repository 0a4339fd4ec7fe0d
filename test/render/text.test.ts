import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createTextRenderer, renderText } from '../../src/render/diagnosis/text.js'
import { renderMarkdown } from '../../src/render/diagnosis/markdown.js'
import { ANSI_PATTERN, stripAnsi } from '../../src/render/layout/style.js'
import { fakeSignature, delegatedToken } from '../helpers/tokens.js'
import { failedResult, healthyResult, permissionFinding, sampleDiagnosis } from './sample-diagnosis.js'

const plain = renderText(sampleDiagnosis, { colour: false, width: 120, showAll: true })
const columns = (line: string): number => [...stripAnsi(line)].length

test('each result opens with a header line: method, URL, status and source', () => {
  const lines = plain.split('\n')
  assert.equal(lines[0], 'GET https://graph.microsoft.com/v1.0/me → 200 (capture.har#1)')
  assert.ok(lines.includes('GET https://graph.microsoft.com/v1.0/users → 403 (capture.har#2)'))
  assert.ok(lines.includes('GET /me/messages → 404 (capture.har#3/2)'))
})

test('with showAll a healthy result says so, and a $batch sub-request names its batch', () => {
  assert.match(plain, /capture\.har#1\)\n  ✔ no problems found\n/)
  assert.match(plain, /sub-request 2 of the \$batch in capture\.har#3/)
})

test('findings keep the order diagnose ranked them in, each with severity marker, title and id', () => {
  const error = plain.indexOf('✖ error The token holds no permission this call accepts [permission-missing]')
  const warning = plain.indexOf('▲ warning This endpoint is not in the permission catalogue [endpoint-unknown]')
  assert.ok(error > 0 && warning > error, plain)
  assert.match(plain, /ℹ info The mailbox is not licensed \[user-not-licensed\]/)
})

test('evidence lines name the source and field; the note follows in parentheses', () => {
  assert.match(plain, /\n +token scp: openid profile email User\.Read\n/)
  assert.match(plain, /body error\.code: Authorization_RequestDenied \(Graph said: Insufficient privileges \| more\)/)
})

test('fix steps are numbered; the code lines of a step stand on their own lines, indented under it', () => {
  assert.match(plain, /\n +1\. Add the delegated permission User\.ReadBasic\.All/)
  assert.match(plain, /\n( +)2\. Grant admin consent:\n\1     az ad app permission admin-consent --id aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\n/)
  assert.match(plain, /\n( +)3\.\n\1     az ad app permission add --id aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee --api 00000003-0000-0000-c000-000000000000\n/)
})

test('a command quoted inside a sentence is lifted onto a line of its own, without its backticks', () => {
  const step = 'Check the scoping: `Test-ApplicationAccessPolicy -Identity <mailbox> -AppId 1234` in Exchange Online PowerShell.'
  const text = renderText({ results: [{ ...failedResult, findings: [{ ...permissionFinding, fix: [step] }] }] }, { colour: false, width: 80 })
  assert.match(text, /\n( +)1\. Check the scoping:\n\1     Test-ApplicationAccessPolicy -Identity <mailbox> -AppId 1234\n\1   in Exchange Online PowerShell\.\n/)
})

test('the permission block and links are shown', () => {
  assert.match(plain, /least privileged: User\.ReadBasic\.All/)
  assert.match(plain, /accepted: User\.ReadBasic\.All, User\.Read\.All/)
  assert.match(plain, /granted: User\.Read\n/)
  assert.match(plain, /Microsoft Graph permissions reference: https:\/\/learn\.microsoft\.com\/graph\/permissions-reference/)
})

test('the output ends with the failures by most probable cause and a one-line summary counted by severity', () => {
  assert.ok(plain.endsWith('\n\n1 failed exchange by most probable cause:\n  1  permission-missing  The token lacks a permission this API accepts\n\nChecked 3 exchanges: 1 error, 1 warning, 1 info.\n'), plain.slice(-240))
  assert.equal(renderText({ results: [] }, { colour: false }), 'Checked 0 exchanges: 0 errors, 0 warnings, 0 info.\n')
})

test('by default healthy results are folded into one line of the summary; a lone healthy result is shown', () => {
  const folded = renderText(sampleDiagnosis, { colour: false })
  assert.doesNotMatch(folded, /capture\.har#1\)/)
  assert.doesNotMatch(folded, /capture\.har#3\/2\)/, 'a result with info findings only is healthy')
  assert.match(folded, /\n✔ 2 healthy exchanges \(no error or warning\) not shown; --all shows them\.\n\n1 failed exchange by most probable cause:\n/)
  assert.match(folded, /capture\.har#2\)/)
  const lone = renderText({ results: [healthyResult] }, { colour: false })
  assert.equal(lone, 'GET https://graph.microsoft.com/v1.0/me → 200 (capture.har#1)\n  ✔ no problems found\n\nChecked 1 exchange: 0 errors, 0 warnings, 0 info.\n')
})

test('the streaming renderer gives the same text as renderText, one result at a time', () => {
  const renderer = createTextRenderer({ colour: false, width: 60 })
  const parts = sampleDiagnosis.results.map(renderer.result)
  assert.deepEqual(parts.map((part) => part === ''), [true, false, true])
  assert.equal(parts.join('') + renderer.end(), renderText(sampleDiagnosis, { colour: false, width: 60 }))
})

test('the failures summary counts each failed exchange once, by its first finding, most frequent first', () => {
  const expired = { ...permissionFinding, id: 'token-expired' as const, title: 'Expired' }
  const results = [failedResult, { ...failedResult, findings: [expired] }, { ...failedResult, findings: [expired, permissionFinding] }, healthyResult]
  const text = renderText({ results }, { colour: false })
  assert.match(text, /\n3 failed exchanges by most probable cause:\n  2  token-expired       The token was expired or not yet valid when it was sent\n  1  permission-missing  The token lacks a permission this API accepts\n/)
})

for (const width of [60, 80, 120]) {
  test(`at width ${width} no line is wider, except a URL or a command, which is never broken`, () => {
    const text = renderText(sampleDiagnosis, { colour: false, width, showAll: true })
    for (const line of text.split('\n')) {
      if (columns(line) <= width) continue
      assert.match(line.trim(), /^(?:\S*https?:\/\/\S+|az .+)$/, `line too wide at ${width}: ${line}`)
    }
  })
}

test('a paragraph that has to wrap puts every URL on a line of its own, with the hanging indent', () => {
  const url = 'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/adminconsent?client_id=aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
  const finding = { ...permissionFinding, fix: [`A tenant admin opens ${url} (or Grant admin consent in the portal).`] }
  const text = renderText({ results: [{ ...failedResult, findings: [finding] }] }, { colour: false, width: 60 })
  assert.match(text, new RegExp(`\\n( +)1\\. A tenant admin opens\\n\\1   ${url.replace(/[?.]/g, '\\$&')}\\n\\1   \\(or Grant admin consent in the portal\\)\\.\\n`))
})

test('colour: false emits no ANSI code; colour: true emits some and the same text underneath', () => {
  assert.doesNotMatch(plain, ANSI_PATTERN)
  const coloured = renderText(sampleDiagnosis, { colour: true, width: 120, showAll: true })
  assert.match(coloured, ANSI_PATTERN)
  assert.equal(stripAnsi(coloured), plain)
})

test('a response-only result reads "(no request: response only)"; with neither request nor status, the heading is its source alone', () => {
  const responseOnly = renderText({ results: [{ ...failedResult, request: { method: null, url: null }, status: 400 }] }, { colour: false })
  assert.match(responseOnly, /^\(no request: response only\) → 400 \(capture\.har#2\)\n/)
  // an unreadable HAR entry: "(no request: response only) → no response" contradicted itself
  const nothing = { results: [{ ...failedResult, request: { method: null, url: null }, status: null }] }
  assert.match(renderText(nothing, { colour: false }), /^capture\.har#2\n\n/)
  assert.match(renderMarkdown(nothing), /\n## 1\. `capture\.har#2`\n/)
  assert.match(renderText({ results: [{ ...failedResult, status: null }] }, { colour: false }), /^GET https:\/\/graph\.microsoft\.com\/v1\.0\/users → no response \(capture\.har#2\)\n/)
})

test('a token that slipped into evidence is redacted: neither the JWT nor its signature is printed, at any width', () => {
  const token = delegatedToken()
  const leaky = { ...permissionFinding, evidence: [{ source: 'header' as const, field: 'Authorization', value: `Bearer ${token}` }] }
  for (const width of [40, 80]) {
    const text = renderText({ results: [{ ...failedResult, findings: [leaky] }] }, { colour: false, width })
    assert.ok(!text.includes(token))
    assert.ok(!text.includes(fakeSignature()))
    assert.ok(!text.includes(fakeSignature().slice(0, 40)))
    assert.match(text, /header Authorization: /)
  }
})
