/**
 * The built page (dist/web/graph-doctor.html) from file:// in a real Chromium: every kind of pasted
 * input gives the same findings as the core, with copy buttons; the token view and the permission
 * box; no request leaves the file, nothing is stored; axe-core finds no serious violation; and
 * screenshots (light, dark, 320 px) under test-output/web/.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { diagnose } from '../../src/core/diagnose.js'
import { parseInput } from '../../src/core/input/index.js'
import { testOutputPath, WEB_PAGE_PATH } from '../helpers/browser.js'
import { loadSnapshotCatalogue } from '../helpers/catalogue.js'
import { appOnlyToken, delegatedToken, fakeSignature } from '../helpers/tokens.js'
import { cardIds, copyLabels, diagnoseText, foreignRequests, openTestPage, seriousViolations, storedState, waitReady } from './page-driver.js'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const opened = openTestPage()

/** What the core finds for an input: the first finding id of each result. */
function coreFindings(text: string, name: string): string[] {
  const { results } = diagnose(parseInput(text, name), { permissions: loadSnapshotCatalogue() })
  return results.flatMap((result) => result.findings.map((finding) => finding.id))
}

const INPUTS: ReadonlyArray<{ kind: string; file: string }> = [
  { kind: 'raw HTTP exchange', file: 'test/fixtures/findings/permission-missing/hit.http' },
  { kind: 'curl -v transcript', file: 'test/fixtures/inputs/curl-http2.txt' },
  { kind: 'token-endpoint error body', file: 'test/fixtures/inputs/token-error.json' },
  { kind: 'MSAL error JSON', file: 'test/fixtures/inputs/msal-error.json' },
  { kind: 'Graph PowerShell error record', file: 'test/fixtures/inputs/powershell-error-record.txt' },
  { kind: '.NET SDK ODataError print-out', file: 'test/fixtures/inputs/dotnet-odataerror.txt' },
  { kind: 'JavaScript GraphError print-out', file: 'test/fixtures/inputs/js-grapherror.txt' },
  { kind: 'MSAL Python error text', file: 'test/fixtures/inputs/msal-python.txt' },
  { kind: 'Python dict body', file: 'test/fixtures/inputs/python-graph-dict.txt' },
]

test('each kind of pasted input shows the core\'s findings as cards', async () => {
  for (const { kind, file } of INPUTS) {
    const text = readFileSync(file, 'utf8')
    assert.equal(await diagnoseText(opened.page, text), 'done', `${kind}: ${await opened.page.textContent('#results-body')}`)
    assert.deepEqual(await cardIds(opened.page), coreFindings(text, 'pasted text'), kind)
  }
})

test('a permission-missing card has copy buttons for the consent URL, az, PowerShell and MSAL code', async () => {
  await diagnoseText(opened.page, readFileSync('test/fixtures/findings/permission-missing/hit.http', 'utf8'))
  const labels = await copyLabels(opened.page)
  for (const label of ['Copy the admin-consent URL', 'Copy the az commands', 'Copy the PowerShell commands', 'Copy the MSAL code']) assert.ok(labels.includes(label), `${label} in ${labels.join(', ')}`)
  const url = await opened.page.getAttribute('#results-body a.consent-url', 'href')
  assert.match(url ?? '', /^https:\/\/login\.microsoftonline\.com\/11111111-2222-4333-8444-555555555555\/adminconsent\?client_id=aaaaaaaa-/)
  const msal = await opened.page.textContent('#results-body [aria-label="the MSAL code"]')
  assert.match(msal ?? '', /scopes: \["User\.ReadBasic\.All"\]/)
  await opened.page.click('#results-body button[aria-label="Copy the admin-consent URL"]')
  await opened.page.waitForFunction(() => document.querySelector('#results-body button[aria-label="Copy the admin-consent URL"]')?.getAttribute('data-state') !== null)
})

test('an app-only finding offers client-credentials MSAL code', async () => {
  const token = appOnlyToken({ roles: ['Mail.Read'] })
  const exchange = `GET https://graph.microsoft.com/v1.0/users HTTP/1.1\nAuthorization: Bearer ${token}\n\nHTTP/1.1 403 Forbidden\nDate: Fri, 20 Nov 2026 10:00:00 GMT\nContent-Type: application/json\n\n{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}`
  assert.equal(await diagnoseText(opened.page, exchange), 'done')
  assert.deepEqual(await cardIds(opened.page), coreFindings(exchange, 'pasted text'))
  const code = await opened.page.$$eval('#results-body [aria-label="the MSAL code"]', (blocks) => blocks.map((block) => block.textContent ?? '').join('\n'))
  assert.match(code, /acquireTokenByClientCredential/)
})

test('a pasted HAR gets the entries table, failures first, filterable by finding', async () => {
  const text = readFileSync('examples/failing-calls.har', 'utf8')
  assert.equal(await diagnoseText(opened.page, text), 'done')
  const expected = diagnose(parseInput(text, 'pasted text'), { permissions: loadSnapshotCatalogue() }).results
  assert.match((await opened.page.textContent('#results-body .count')) ?? '', new RegExp(`of ${expected.length} entries`))
  const failing = expected.filter((result) => result.findings.some((finding) => finding.severity === 'error')).length
  assert.equal(await opened.page.locator('#results-body tr.entry.rank-0').count(), failing)
  const ranks = await opened.page.$$eval('#results-body tr.entry', (rows) => rows.map((row) => Number(/rank-(\d)/.exec(row.className)?.[1])))
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'failures first')
  const option = await opened.page.$eval('#finding-filter option:nth-child(2)', (item) => (item as HTMLOptionElement).value)
  await opened.page.selectOption('#finding-filter', option)
  const withFinding = expected.filter((result) => result.findings.some((finding) => finding.id === option)).length
  assert.equal(await opened.page.locator('#results-body tr.entry').count(), withFinding)
  await opened.page.click('#results-body tr.entry button.expand')
  await opened.page.waitForSelector('#results-body tr.entry-detail:not([hidden]) article.card')
})

test('the token view shows the verdict and claims, the signature only as its length', async () => {
  const token = delegatedToken({ scp: 'openid profile User.Read Mail.Read' })
  assert.equal(await diagnoseText(opened.page, `Authorization: Bearer ${token}`), 'done')
  const view = (await opened.page.textContent('#results-body .token-view')) ?? ''
  assert.match(view, /JWT access token \(v1\.0\) for Microsoft Graph/)
  assert.match(view, /delegated: acts for a signed-in user, work or school account/)
  assert.match(view, /User\.Read Mail\.Read/)
  assert.match(view, new RegExp(`${fakeSignature().length} chars \\(not shown, not verified\\)`))
  assert.ok(!(await opened.page.evaluate(() => document.body.innerText)).includes(fakeSignature()), 'no signature in the page text')
  assert.ok(await opened.page.locator('#results-body table.claims tr', { hasText: 'tid' }).count() > 0)
})

test('the permission box: template, least and higher permissions per scheme, and whether a token is enough', async () => {
  const endpoint = loadSnapshotCatalogue().lookup('GET', '/me/messages')
  assert.ok(endpoint)
  await opened.page.selectOption('#perms-method', 'GET')
  await opened.page.fill('#perms-url', 'https://graph.microsoft.com/v1.0/me/messages')
  await opened.page.fill('#perms-token', delegatedToken())
  await opened.page.click('#perms-form button[type=submit]')
  await opened.page.waitForSelector('#perms-result .perms-answer')
  assert.equal(await opened.page.textContent('#perms-result code.template'), `GET ${endpoint.template}`)
  const least = await opened.page.textContent('#perms-result tr[data-scheme="DelegatedWork"] td.least')
  assert.match(least ?? '', new RegExp(endpoint.schemes.DelegatedWork?.leastPrivileged ?? '^$'))
  assert.equal(await opened.page.getAttribute('#perms-result .verdict', 'data-enough'), 'false')
  assert.ok((await copyLabels(opened.page, '#perms-result')).includes('Copy the az commands'))
  await opened.page.fill('#perms-token', `Bearer ${delegatedToken({ scp: `User.Read ${endpoint.schemes.DelegatedWork?.leastPrivileged ?? ''}` })}`)
  await opened.page.click('#perms-form button[type=submit]')
  await opened.page.waitForSelector('#perms-result .verdict[data-enough="true"]')
})

test('unusable input is a clear error in the page\'s own terms (no CLI command), and the page goes on working', async () => {
  const alert = async (): Promise<string> => (await opened.page.textContent('#results-body [role=alert]')) ?? ''
  assert.equal(await diagnoseText(opened.page, 'hello, this is not a capture'), 'error')
  assert.match(await alert(), /^pasted text: not something this page reads; paste an access token, .* or a Graph activity or sign-in log export$/)
  assert.equal(await diagnoseText(opened.page, '{"just": "json"}'), 'error')
  assert.match(await alert(), /not something this page reads/)
  assert.equal(await diagnoseText(opened.page, '50076'), 'error')
  assert.equal(await alert(), 'pasted text: a bare number; write an AADSTS code as AADSTS50076, or paste the whole error text it came in')
  assert.equal(await diagnoseText(opened.page, 'AADSTS50076'), 'done', 'which the page reads')
  assert.equal(await diagnoseText(opened.page, '{"error": {"code": "Authorization_RequestDenied",'), 'error')
  assert.match(await alert(), /line 1: not valid JSON/)
  assert.doesNotMatch(await alert(), /graph-doctor /, 'no CLI command in the page')
  assert.equal(await diagnoseText(opened.page, readFileSync('test/fixtures/inputs/token-error.json', 'utf8')), 'done')
})

test('accessibility: no serious axe-core violations, light and dark, with results shown; screenshots', async () => {
  await diagnoseText(opened.page, readFileSync('test/fixtures/findings/permission-missing/hit.http', 'utf8'))
  assert.deepEqual(await seriousViolations(opened.page, AXE_SOURCE), [])
  await opened.page.screenshot({ path: testOutputPath('web', 'light.png'), fullPage: true })
  await opened.page.emulateMedia({ colorScheme: 'dark' })
  assert.deepEqual(await seriousViolations(opened.page, AXE_SOURCE), [])
  await opened.page.screenshot({ path: testOutputPath('web', 'dark.png'), fullPage: true })
  await opened.page.setViewportSize({ width: 320, height: 800 })
  const overflow = await opened.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.equal(overflow, 0, 'no horizontal scrolling at 320 px')
  await opened.page.screenshot({ path: testOutputPath('web', 'narrow.png'), fullPage: true })
  await opened.page.emulateMedia({ colorScheme: 'light' })
  await opened.page.setViewportSize({ width: 1100, height: 900 })
})

test('keyboard only: Tab reaches the input and Diagnose, focus is visible, Ctrl+Enter diagnoses', async () => {
  await opened.page.reload()
  await waitReady(opened.page)
  await opened.page.keyboard.press('Tab')
  await opened.page.keyboard.press('Enter')
  assert.equal(await opened.page.evaluate(() => document.activeElement?.id), 'input', 'the skip link leads to the input')
  await opened.page.keyboard.insertText(readFileSync('test/fixtures/inputs/token-error.json', 'utf8'))
  await opened.page.keyboard.press('Control+Enter')
  await opened.page.waitForFunction(() => document.body.dataset['state'] === 'done')
  await opened.page.keyboard.press('Tab')
  const focus = await opened.page.evaluate(() => {
    const active = document.activeElement as HTMLElement
    return { id: active.id, outline: getComputedStyle(active).outlineStyle }
  })
  assert.equal(focus.id, 'diagnose')
  assert.notEqual(focus.outline, 'none', 'focus is visible')
})

test('the built file, permission snapshot inside, stays within 600 KB', () => {
  const bytes = statSync(WEB_PAGE_PATH).size
  assert.ok(bytes <= 600_000, `${bytes} bytes`)
})

test('no request leaves the file, and nothing is stored', async () => {
  assert.deepEqual(foreignRequests(opened.session), [])
  assert.ok(opened.session.requests.length > 0, 'requests are recorded')
  assert.deepEqual(await storedState(opened.page), { local: 0, session: 0, cookie: '', databases: 0, caches: 0 })
  assert.deepEqual((await opened.session.context.cookies()).length, 0)
})
