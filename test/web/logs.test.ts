/**
 * Log exports in the built page (file://, real Chromium): pasted or dropped activity logs, sign-in
 * pages and CSV exports get the `logs` report, rendered by the CLI's own HTML renderer in the page's
 * worker. The numbers are checked against hand-counted fixtures (test/fixtures/logs), the whole
 * report against `graph-doctor logs --format html` on the same file, and the charts by their bars;
 * no request leaves the file and nothing is stored.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createRequire } from 'node:module'
import { testOutputPath } from '../helpers/browser.js'
import { cancelWhenProgressMoves, dropFile, diagnoseText, foreignRequests, openTestPage, seriousViolations, settled, storedState } from './page-driver.js'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

const LOGS = 'test/fixtures/logs'
const opened = openTestPage()
const fixture = (name: string): string => readFileSync(`${LOGS}/${name}`, 'utf8')

/** The page's report as data: headline, chart bars and table rows. */
function reportOf(): Promise<{ status: string; headings: string[]; charts: Array<{ label: string; bars: string[] }>; rows: Record<string, string[][]> }> {
  return opened.page.evaluate(() => {
    const report = document.querySelector('#results-body .log-report')
    if (report === null) throw new Error(`no report: ${document.getElementById('results-body')?.textContent ?? ''}`)
    const charts = Array.from(report.querySelectorAll('svg.chart')).map((svg) => ({
      label: svg.getAttribute('aria-label') ?? '',
      bars: Array.from(svg.querySelectorAll('rect')).map((rect) => `${rect.previousElementSibling?.textContent ?? ''}=${rect.nextElementSibling?.textContent ?? ''}`),
    }))
    const rows: Record<string, string[][]> = {}
    for (const heading of Array.from(report.querySelectorAll('h4'))) {
      let next = heading.nextElementSibling
      while (next !== null && next.tagName !== 'TABLE' && next.tagName !== 'H4') next = next.nextElementSibling
      if (next?.tagName !== 'TABLE') continue
      rows[heading.textContent ?? ''] = Array.from(next.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((cell) => cell.textContent ?? ''))
    }
    return { status: document.getElementById('status')?.textContent ?? '', headings: Array.from(report.querySelectorAll('h3, h4')).map((h) => `${h.tagName} ${h.textContent ?? ''}`), charts, rows }
  })
}

/** The text of `graph-doctor logs --format html FILE` (run in the fixture folder, so the input is named alike). */
function cliReportText(file: string): Promise<string> {
  const result = spawnSync(process.execPath, [resolve('dist/bin/graph-doctor.js'), 'logs', '--format', 'html', file], { cwd: LOGS, encoding: 'utf8' })
  assert.ok(result.status === 0 || result.status === 1, result.stderr)
  // Only its body is parsed in the page: its inline <style> would be a CSP violation there.
  const body = /<body>([\s\S]*)<\/body>/.exec(result.stdout)?.[1] ?? ''
  return opened.page.evaluate((html) => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body.textContent ?? '', body)
}

const pageReportText = (): Promise<string> => opened.page.$eval('#results-body .log-report', (report) => report.textContent ?? '')

test('a pasted activity log (JSON lines): the hand-counted summary, tables and charts', async () => {
  await opened.page.evaluate(() => {
    const seen: string[] = []
    ;(globalThis as unknown as { violations: string[] }).violations = seen
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`))
  })
  assert.equal(await diagnoseText(opened.page, fixture('activity.jsonl')), 'done')
  const report = await reportOf()
  // 13 lines: 11 calls, of which req-001..003 (app 1111…) and req-010..011 (app 3333…) are 403s; line 5 is cut off, line 9 has no method.
  assert.equal(report.status, '11 Graph calls (5 failed), 2 unreadable records in 1 input')
  assert.equal(report.headings[0], 'H3 Graph authorization failures in the logs')
  assert.deepEqual(report.rows['Failures by cause']?.map((row) => row.slice(0, 2)), [['5', 'permission-missing: The token lacks a permission this API accepts']])
  assert.deepEqual(report.rows['Apps'], [
    ['3', '5', '11111111-aaaa-4aaa-8aaa-111111111111'],
    ['2', '3', '33333333-cccc-4ccc-8ccc-333333333333'],
    ['0', '3', '22222222-bbbb-4bbb-8bbb-222222222222'],
  ])
  assert.deepEqual(report.rows['Unreadable records (2)']?.map((row) => row[0]), ['pasted text line 5', 'pasted text line 9'])
  assert.deepEqual(report.charts.map((chart) => chart.label), ['Failures by cause', 'Failed calls by app', 'Failed calls by endpoint', 'Failed sign-ins by category'])
  assert.deepEqual(report.charts[0]?.bars, ['permission-missing=5'])
  assert.deepEqual(report.charts[1]?.bars, ['11111111-aaaa-4aaa-8aaa-111111111111=3', '33333333-cccc-4ccc-8ccc-333333333333=2'])
  assert.deepEqual(report.charts[2]?.bars, ['GET /users/{id}/messages=3', 'GET /users=2'])
  assert.deepEqual(report.charts[3]?.bars, [])
})

test('a pasted sign-in page: AADSTS codes by category', async () => {
  assert.equal(await diagnoseText(opened.page, fixture('signins-page.json')), 'done')
  const report = await reportOf()
  assert.equal(report.status, '0 Graph calls (0 failed), 4 sign-ins (3 failed) in 1 input')
  assert.deepEqual(report.charts[3]?.bars, ['consent=2', 'conditional-access=1'])
  assert.deepEqual(report.rows['Sign-in failures (AADSTS)']?.map((row) => row.slice(0, 3)), [
    ['2', 'AADSTS65001 DelegationDoesNotExist', 'consent'],
    ['1', 'AADSTS50076 UserStrongAuthClientAuthNRequired', 'conditional-access'],
  ])
})

test('a pasted CSV export, and KQL group rows weighted by their counts', async () => {
  assert.equal(await diagnoseText(opened.page, fixture('activity.csv')), 'done')
  assert.equal((await reportOf()).status, '11 Graph calls (5 failed) in 1 input')
  assert.equal(await diagnoseText(opened.page, fixture('kql-groups.csv')), 'done')
  const report = await reportOf()
  assert.equal(report.status, '1,250 Graph calls (1,200 failed) in 1 input')
  assert.deepEqual(report.charts[2]?.bars, ['GET /users/{id}/messages=1,200'])
})

test('dropped files: the same report as `graph-doctor logs --format html`, gzip undone', async () => {
  for (const name of ['activity.jsonl', 'activity-envelope.json', 'activity.json', 'sp-signins.csv']) {
    await dropFile(opened.page, name, fixture(name))
    assert.equal(await settled(opened.page), 'done', name)
    const text = await pageReportText()
    assert.match(text, /Graph calls \(\d+ failed\)/, name)
    assert.equal(text, await cliReportText(name), name)
  }
  await dropFile(opened.page, 'one.jsonl', JSON.stringify({ RequestMethod: 'GET', RequestUri: '/v1.0/me', ResponseStatusCode: 200 }))
  assert.equal(await settled(opened.page), 'done', 'one record, no line break after it')
  assert.equal((await reportOf()).status, '1 Graph call (0 failed) in 1 input')
  await dropFile(opened.page, 'activity.jsonl.gz', [...readFileSync(`${LOGS}/activity.jsonl.gz`)])
  assert.equal(await settled(opened.page), 'done')
  assert.equal(await pageReportText(), await cliReportText('activity.jsonl.gz'))
})

/**
 * Make an activity log of `records` JSON lines in the page (no megabytes over the DevTools protocol)
 * and drop it: every 10th call a 403 of an app-only token without a mail permission, the rest 200s.
 * Records progress values and texts with in-page observers.
 */
function dropLargeLog(records: number): Promise<void> {
  return opened.page.evaluate((records) => {
    const seen = { values: [] as number[], texts: [] as string[], bytes: 0, start: performance.now(), end: 0 }
    ;(globalThis as unknown as { seen: typeof seen }).seen = seen
    new MutationObserver(() => {
      if (document.body.dataset['state'] !== 'busy' && seen.end === 0) seen.end = performance.now()
    }).observe(document.body, { attributes: true, attributeFilter: ['data-state'] })
    const progress = document.getElementById('progress') as HTMLProgressElement
    new MutationObserver(() => seen.values.push(progress.value)).observe(progress, { attributes: true, attributeFilter: ['value'] })
    const text = document.getElementById('progress-text') as HTMLElement
    new MutationObserver(() => seen.texts.push(text.textContent ?? '')).observe(text, { childList: true, characterData: true, subtree: true })
    const lines = Array.from({ length: records }, (_, index) => JSON.stringify({
      TimeGenerated: '2026-11-20T10:00:00Z', RequestId: `req-${index}`, RequestMethod: 'GET',
      RequestUri: `https://graph.microsoft.com/v1.0/users/00000000-0000-4000-8000-${String(index).padStart(12, '0')}${index % 10 === 0 ? '/messages' : ''}`,
      ResponseStatusCode: index % 10 === 0 ? 403 : 200, AppId: '44444444-dddd-4ddd-8ddd-444444444444', Roles: 'User.Read.All', Scopes: '', Wids: '',
    }))
    const transfer = new DataTransfer()
    const file = new File([lines.join('\n')], 'large.jsonl')
    seen.bytes = file.size
    seen.start = performance.now()
    transfer.items.add(file)
    document.getElementById('drop-zone')?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
  }, records)
}

test('a dropped log of 40,000 records is read chunk by chunk: the progress bar counts records', async () => {
  await dropLargeLog(40_000)
  assert.equal(await settled(opened.page), 'done')
  const seen = await opened.page.evaluate(() => (globalThis as unknown as { seen: { values: number[]; texts: string[]; bytes: number; start: number; end: number } }).seen)
  console.log(`# 40,000-record activity log of ${(seen.bytes / 1e6).toFixed(1)} MB dropped: read and reported in ${Math.round(seen.end - seen.start)} ms (in-page timestamps)`)
  assert.ok(seen.values.some((value) => value > 0 && value < 1), `the bar moved: ${seen.values.join(', ')}`)
  assert.ok(seen.texts.some((text) => /^\d+%, [\d,]+ records$/.test(text)), seen.texts.join(' | '))
  assert.equal((await reportOf()).status, '40,000 Graph calls (4,000 failed) in 1 input')
})

test('reading a log can be cancelled, and the page works on afterwards', async () => {
  const cancelled = cancelWhenProgressMoves(opened.page)
  await dropLargeLog(40_000)
  assert.equal(await cancelled, 'busy', 'Cancel was pressed during the read')
  assert.equal(await opened.page.textContent('#status'), 'Cancelled.')
  await opened.page.waitForFunction(() => document.body.dataset['state'] === 'ready')
  assert.equal(await diagnoseText(opened.page, fixture('activity.csv')), 'done')
  assert.equal((await reportOf()).status, '11 Graph calls (5 failed) in 1 input')
})

test('markup in a log is shown as text, never run or loaded', async () => {
  const record = { RequestMethod: 'GET', RequestUri: '/v1.0/me', ResponseStatusCode: 403, AppId: '55555555-eeee-4eee-8eee-555555555555', AppDisplayName: '<img src=x onerror=alert(1)><script>alert(2)</script>', Scopes: 'openid' }
  assert.equal(await diagnoseText(opened.page, `${JSON.stringify(record)}\n`), 'done')
  const report = opened.page.locator('#results-body .log-report')
  assert.equal(await report.locator('img, script, [onerror]').count(), 0)
  assert.match((await report.textContent()) ?? '', /<img src=x onerror=alert\(1\)><script>alert\(2\)<\/script>/)
})

test('other JSON and CSV-like texts are not taken for logs', async () => {
  assert.equal(await diagnoseText(opened.page, readFileSync('test/fixtures/inputs/token-error.json', 'utf8')), 'done')
  assert.equal(await opened.page.locator('#results-body .log-report').count(), 0)
  assert.ok((await opened.page.locator('#results-body article.card').count()) > 0)
  assert.equal(await diagnoseText(opened.page, 'RequestUri,Status\nhello,world'), 'error')
})

test('a log export that breaks off is a clear error naming the line', async () => {
  const record = JSON.stringify({ RequestMethod: 'GET', RequestUri: '/v1.0/me', ResponseStatusCode: 200 })
  assert.equal(await diagnoseText(opened.page, `[\n${record},\n${record},\n{"RequestUri": `), 'error')
  assert.match((await opened.page.textContent('#results-body [role=alert]')) ?? '', /^pasted text: line \d+ \(byte \d+\): not valid JSON \(.+\)$/)
})

test('log reports: no CSP violation, no serious axe-core violation (light and dark), screenshots', async () => {
  assert.equal(await diagnoseText(opened.page, fixture('activity.jsonl')), 'done')
  assert.deepEqual(await seriousViolations(opened.page, AXE_SOURCE), [])
  await opened.page.screenshot({ path: testOutputPath('web', 'logs-light.png'), fullPage: true })
  await opened.page.emulateMedia({ colorScheme: 'dark' })
  assert.deepEqual(await seriousViolations(opened.page, AXE_SOURCE), [])
  await opened.page.screenshot({ path: testOutputPath('web', 'logs-dark.png'), fullPage: true })
  await opened.page.emulateMedia({ colorScheme: 'light' })
  await opened.page.setViewportSize({ width: 320, height: 800 })
  assert.equal(await opened.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'no horizontal scrolling at 320 px')
  await opened.page.setViewportSize({ width: 1100, height: 900 })
  assert.deepEqual(await opened.page.evaluate(() => (globalThis as unknown as { violations: string[] }).violations), [])
})

test('log reports: no request leaves the file, nothing is stored', async () => {
  assert.deepEqual(foreignRequests(opened.session), [])
  assert.deepEqual(await storedState(opened.page), { local: 0, session: 0, cookie: '', databases: 0, caches: 0 })
})
