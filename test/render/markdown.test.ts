import { test } from 'node:test'
import assert from 'node:assert/strict'
import { inlineCode, markdownCell, renderMarkdown } from '../../src/render/diagnosis/markdown.js'
import { ANSI_PATTERN } from '../../src/render/layout/style.js'
import { delegatedToken, fakeSignature } from '../helpers/tokens.js'
import { failedResult, permissionFinding, sampleDiagnosis } from './sample-diagnosis.js'

const markdown = renderMarkdown(sampleDiagnosis, { showAll: true })

test('a title, one numbered heading per exchange with its source, then the summary (last: the output is written as a stream)', () => {
  assert.ok(markdown.startsWith('# graph-doctor diagnosis\n\n## 1. '), markdown.slice(0, 80))
  assert.ok(markdown.endsWith('\n\nChecked 3 exchanges: 1 error, 1 warning, 1 info.\n'), markdown.slice(-80))
  assert.doesNotMatch(markdown, /\n{3}/)
  assert.match(markdown, /\n## 1\. `GET https:\/\/graph\.microsoft\.com\/v1\.0\/me` → 200\n/)
  assert.match(markdown, /\n## 2\. `GET https:\/\/graph\.microsoft\.com\/v1\.0\/users` → 403\n\nSource: `capture\.har#2` · times judged at 2026-11-20T10:00:00\.000Z\n/)
  assert.match(markdown, /sub-request `2` of the `\$batch` in `capture\.har#3`/)
  assert.match(markdown, /✔ No problems found\./)
})

test('a finding is a level-3 heading with severity, title and id', () => {
  assert.match(markdown, /\n### ✖ Error: The token holds no permission this call accepts \(`permission-missing`\)\n/)
  assert.match(markdown, /\n### ▲ Warning: This endpoint is not in the permission catalogue \(`endpoint-unknown`\)\n/)
})

test('evidence is a table whose cells escape pipes', () => {
  assert.match(markdown, /\| Source \| Field \| Value \| Note \|\n\|---\|---\|---\|---\|\n\| token \| `scp` \| openid profile email User\.Read \|  \|\n/)
  assert.match(markdown, /\| body \| `error\.code` \| Authorization_RequestDenied \| Graph said: Insufficient privileges \\\| more \|/)
})

test('fix steps are a numbered list; commands become fenced code blocks with their language', () => {
  assert.match(markdown, /\*\*Fix\*\*\n\n1\. Add the delegated permission/)
  assert.match(markdown, /\n2\. Grant admin consent:\n\n   ```sh\n   az ad app permission admin-consent --id aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\n   ```\n/)
  assert.match(markdown, /\n3\. ```sh\n   az ad app permission add --id/)
})

test('a command quoted inside a sentence becomes a code block between the prose around it', () => {
  const step = 'Check the scoping: `Test-ApplicationAccessPolicy -Identity <mailbox> -AppId 1234` in Exchange Online PowerShell.'
  const text = renderMarkdown({ results: [{ ...failedResult, findings: [{ ...permissionFinding, fix: [step] }] }] })
  assert.match(text, /\n1\. Check the scoping:\n\n   ```powershell\n   Test-ApplicationAccessPolicy -Identity <mailbox> -AppId 1234\n   ```\n\n   in Exchange Online PowerShell\.\n/)
})

test('by default healthy results are counted in one line, and failures by most probable cause in a table', () => {
  const folded = renderMarkdown(sampleDiagnosis)
  assert.doesNotMatch(folded, /## 1\./)
  assert.match(folded, /\n✔ 2 healthy exchanges \(no error or warning\) not shown\.\n/)
  assert.match(folded, /\| Failed exchanges \| Most probable cause \|\n\|---:\|---\|\n\| 1 \| `permission-missing`: The token lacks a permission this API accepts \|\n/)
  assert.match(folded, /\n## 2\. `GET https:\/\/graph\.microsoft\.com\/v1\.0\/users` → 403\n/)
})

test('the permission table and the references are rendered as Markdown', () => {
  assert.match(markdown, /\| DelegatedWork \| `User\.ReadBasic\.All` \| `User\.ReadBasic\.All`, `User\.Read\.All` \| `User\.Read` \|/)
  assert.match(markdown, /\*\*References\*\*\n\n- \[Microsoft Graph permissions reference\]\(https:\/\/learn\.microsoft\.com\/graph\/permissions-reference\)/)
})

test('no ANSI codes, no runs of blank lines, one trailing newline', () => {
  assert.doesNotMatch(markdown, ANSI_PATTERN)
  assert.doesNotMatch(markdown, /\n\n\n/)
  assert.ok(markdown.endsWith('\n') && !markdown.endsWith('\n\n'))
})

test('markdownCell and inlineCode survive pipes, line breaks and backticks', () => {
  assert.equal(markdownCell('a|b\nc'), 'a\\|b<br>c')
  assert.equal(inlineCode('plain'), '`plain`')
  assert.equal(inlineCode('has `tick`'), '`` has `tick` ``')
  assert.equal(inlineCode('a ``b`` c'), '```a ``b`` c```')
})

test('a token in a detail or evidence value is redacted', () => {
  const token = delegatedToken()
  const leaky = { ...permissionFinding, detail: `Authorization: Bearer ${token}` }
  const text = renderMarkdown({ results: [{ ...failedResult, findings: [leaky] }] })
  assert.ok(!text.includes(token))
  assert.ok(!text.includes(fakeSignature()))
})

test('an inferred call: the call is code, where graph-doctor took it from is prose after the code span', () => {
  const inferred = { ...failedResult, request: { ...failedResult.request, inferredFrom: 'Get-MgUser_List' } }
  const text = renderMarkdown({ results: [inferred] }, { showAll: true })
  assert.match(text, /\n## 1\. `GET https:\/\/graph\.microsoft\.com\/v1\.0\/users` \(inferred from Get-MgUser\\_List\) → 403\n/)
})
