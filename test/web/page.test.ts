/**
 * The built page (dist/web/graph-doctor.html) from file:// in a real Chromium: every kind of pasted
 * input gives the same findings as the core, with copy buttons; the token view and the permission
 * box; no request leaves the file, nothing is stored; axe-core finds no serious violation; and
 * screenshots (light, dark, 320 px) under test-output/web/.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { diagnose } from '../../src/core/diagnose.js'
import { parseInput } from '../../src/core/input/index.js'
import { buildWebPage, openBrowser, testOutputPath, WEB_PAGE_URL, type BrowserSession } from '../helpers/browser.js'
import { loadSnapshotCatalogue } from '../helpers/catalogue.js'
import { appOnlyToken, delegatedToken, fakeSignature } from '../helpers/tokens.js'
import { cardIds, copyLabels, diagnoseText, seriousViolations, storedState, waitReady } from './page-driver.js'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
let session: BrowserSession
let page: Page

before(async () => {
  buildWebPage()
  session = await openBrowser({ viewport: { width: 1100, height: 900 } })
  page = await session.newPage()
  await page.goto(WEB_PAGE_URL)
  await waitReady(page)
})

after(async () => {
  await session?.close()
})

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
    assert.equal(await diagnoseText(page, text), 'done', `${kind}: ${await page.textContent('#results-body')}`)
    assert.deepEqual(await cardIds(page), coreFindings(text, 'pasted text'), kind)
  }
})

test('a permission-missing card has copy buttons for the consent URL, az, PowerShell and MSAL code', async () => {
  await diagnoseText(page, readFileSync('test/fixtures/findings/permission-missing/hit.http', 'utf8'))
  const labels = await copyLabels(page)
  for (const label of ['Copy the admin-consent URL', 'Copy the az commands', 'Copy the PowerShell commands', 'Copy the MSAL code']) assert.ok(labels.includes(label), `${label} in ${labels.join(', ')}`)
  const url = await page.getAttribute('#results-body a.consent-url', 'href')
  assert.match(url ?? '', /^https:\/\/login\.microsoftonline\.com\/11111111-2222-4333-8444-555555555555\/adminconsent\?client_id=aaaaaaaa-/)
  const msal = await page.textContent('#results-body [aria-label="the MSAL code"]')
  assert.match(msal ?? '', /scopes: \["User\.ReadBasic\.All"\]/)
  await page.click('#results-body button[aria-label="Copy the admin-consent URL"]')
  await page.waitForFunction(() => document.querySelector('#results-body button[aria-label="Copy the admin-consent URL"]')?.getAttribute('data-state') !== null)
})

test('an app-only finding offers client-credentials MSAL code', async () => {
  const token = appOnlyToken({ roles: ['Mail.Read'] })
  const exchange = `GET https://graph.microsoft.com/v1.0/users HTTP/1.1\nAuthorization: Bearer ${token}\n\nHTTP/1.1 403 Forbidden\nDate: Fri, 20 Nov 2026 10:00:00 GMT\nContent-Type: application/json\n\n{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}`
  assert.equal(await diagnoseText(page, exchange), 'done')
  assert.deepEqual(await cardIds(page), coreFindings(exchange, 'pasted text'))
  const code = await page.$$eval('#results-body [aria-label="the MSAL code"]', (blocks) => blocks.map((block) => block.textContent ?? '').join('\n'))
  assert.match(code, /acquireTokenByClientCredential/)
})

test('a pasted HAR gets the entries table, failures first, filterable by finding', async () => {
  const text = readFileSync('examples/failing-calls.har', 'utf8')
  assert.equal(await diagnoseText(page, text), 'done')
  const expected = diagnose(parseInput(text, 'pasted text'), { permissions: loadSnapshotCatalogue() }).results
  assert.match((await page.textContent('#results-body .count')) ?? '', new RegExp(`of ${expected.length} entries`))
  const failing = expected.filter((result) => result.findings.some((finding) => finding.severity === 'error')).length
  assert.equal(await page.locator('#results-body tr.entry.rank-0').count(), failing)
  const ranks = await page.$$eval('#results-body tr.entry', (rows) => rows.map((row) => Number(/rank-(\d)/.exec(row.className)?.[1])))
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'failures first')
  const option = await page.$eval('#finding-filter option:nth-child(2)', (item) => (item as HTMLOptionElement).value)
  await page.selectOption('#finding-filter', option)
  const withFinding = expected.filter((result) => result.findings.some((finding) => finding.id === option)).length
  assert.equal(await page.locator('#results-body tr.entry').count(), withFinding)
  await page.click('#results-body tr.entry button.expand')
  await page.waitForSelector('#results-body tr.entry-detail:not([hidden]) article.card')
})

test('the token view shows the verdict and claims, the signature only as its length', async () => {
  const token = delegatedToken({ scp: 'openid profile User.Read Mail.Read' })
  assert.equal(await diagnoseText(page, `Authorization: Bearer ${token}`), 'done')
  const view = (await page.textContent('#results-body .token-view')) ?? ''
  assert.match(view, /JWT access token \(v1\.0\) for Microsoft Graph/)
  assert.match(view, /delegated: acts for a signed-in user, work or school account/)
  assert.match(view, /User\.Read Mail\.Read/)
  assert.match(view, new RegExp(`${fakeSignature().length} chars \\(not shown, not verified\\)`))
  assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(fakeSignature()), 'no signature in the page text')
  assert.ok(await page.locator('#results-body table.claims tr', { hasText: 'tid' }).count() > 0)
})

test('the permission box: template, least and higher permissions per scheme, and whether a token is enough', async () => {
  const endpoint = loadSnapshotCatalogue().lookup('GET', '/me/messages')
  assert.ok(endpoint)
  await page.selectOption('#perms-method', 'GET')
  await page.fill('#perms-url', 'https://graph.microsoft.com/v1.0/me/messages')
  await page.fill('#perms-token', delegatedToken())
  await page.click('#perms-form button[type=submit]')
  await page.waitForSelector('#perms-result .perms-answer')
  assert.equal(await page.textContent('#perms-result code.template'), `GET ${endpoint.template}`)
  const least = await page.textContent('#perms-result tr[data-scheme="DelegatedWork"] td.least')
  assert.match(least ?? '', new RegExp(endpoint.schemes.DelegatedWork?.leastPrivileged ?? '^$'))
  assert.equal(await page.getAttribute('#perms-result .verdict', 'data-enough'), 'false')
  assert.ok((await copyLabels(page, '#perms-result')).includes('Copy the az commands'))
  await page.fill('#perms-token', `Bearer ${delegatedToken({ scp: `User.Read ${endpoint.schemes.DelegatedWork?.leastPrivileged ?? ''}` })}`)
  await page.click('#perms-form button[type=submit]')
  await page.waitForSelector('#perms-result .verdict[data-enough="true"]')
})

test('unusable input is a clear error, and the page goes on working', async () => {
  assert.equal(await diagnoseText(page, 'hello, this is not a capture'), 'error')
  assert.match((await page.textContent('#results-body [role=alert]')) ?? '', /pasted text/)
  assert.equal(await diagnoseText(page, readFileSync('test/fixtures/inputs/token-error.json', 'utf8')), 'done')
})

test('accessibility: no serious axe-core violations, light and dark, with results shown; screenshots', async () => {
  await diagnoseText(page, readFileSync('test/fixtures/findings/permission-missing/hit.http', 'utf8'))
  assert.deepEqual(await seriousViolations(page, AXE_SOURCE), [])
  await page.screenshot({ path: testOutputPath('web', 'light.png'), fullPage: true })
  await page.emulateMedia({ colorScheme: 'dark' })
  assert.deepEqual(await seriousViolations(page, AXE_SOURCE), [])
  await page.screenshot({ path: testOutputPath('web', 'dark.png'), fullPage: true })
  await page.setViewportSize({ width: 320, height: 800 })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.equal(overflow, 0, 'no horizontal scrolling at 320 px')
  await page.screenshot({ path: testOutputPath('web', 'narrow.png'), fullPage: true })
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1100, height: 900 })
})

test('keyboard only: Tab reaches the input and Diagnose, focus is visible, Ctrl+Enter diagnoses', async () => {
  await page.reload()
  await waitReady(page)
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'input', 'the skip link leads to the input')
  await page.keyboard.insertText(readFileSync('test/fixtures/inputs/token-error.json', 'utf8'))
  await page.keyboard.press('Control+Enter')
  await page.waitForFunction(() => document.body.dataset['state'] === 'done')
  await page.keyboard.press('Tab')
  const focus = await page.evaluate(() => {
    const active = document.activeElement as HTMLElement
    return { id: active.id, outline: getComputedStyle(active).outlineStyle }
  })
  assert.equal(focus.id, 'diagnose')
  assert.notEqual(focus.outline, 'none', 'focus is visible')
})

test('no request leaves the file, and nothing is stored', async () => {
  const foreign = session.requests.map((request) => request.url()).filter((url) => !url.startsWith(WEB_PAGE_URL) && !url.startsWith('blob:null/'))
  assert.deepEqual(foreign, [])
  assert.ok(session.requests.length > 0, 'requests are recorded')
  assert.deepEqual(await storedState(page), { local: 0, session: 0, cookie: '', databases: 0, caches: 0 })
  assert.deepEqual((await session.context.cookies()).length, 0)
})
