/**
 * The `graph-doctor logs --format html` report (issue 10) in a real Chromium: written by the BUILT
 * CLI from fixtures (activity log and sign-in page), opened from file://, with a screenshot under
 * test-output/logs/; every request is recorded and none leaves the file; the report has no script and
 * nothing that loads from elsewhere; axe-core finds no serious violation; it prints.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright-core'
import { openBrowser, testOutputPath, type BrowserSession } from '../helpers/browser.js'
import { seriousViolations } from './page-driver.js'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const REPORT = testOutputPath('logs', 'report.html')
const REPORT_URL = pathToFileURL(REPORT).href
let session: BrowserSession
let page: Page

before(async () => {
  const run = spawnSync(process.execPath, ['dist/bin/graph-doctor.js', 'logs', '--format', 'html', 'test/fixtures/logs/activity.jsonl', 'test/fixtures/logs/signins-page.json'], { encoding: 'utf8' })
  assert.equal(run.status, 1, `error findings exit 1: ${run.stderr}`)
  writeFileSync(REPORT, run.stdout)
  session = await openBrowser({ viewport: { width: 1100, height: 900 } })
  page = await session.newPage()
  await page.goto(REPORT_URL)
})

after(async () => {
  await session?.close()
})

test('the report shows its numbers and charts in the browser; screenshot', async () => {
  assert.equal(await page.title(), 'graph-doctor logs report')
  assert.match((await page.textContent('body > p')) ?? '', /^11 Graph calls \(5 failed\), 4 sign-ins \(3 failed\), 2 unreadable records in 2 inputs$/)
  const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => `${svg.getAttribute('aria-label') ?? ''}: ${svg.querySelectorAll('rect').length}`))
  assert.deepEqual(charts, ['Failures by cause: 1', 'Failed calls by app: 2', 'Failed calls by endpoint: 2', 'Failed sign-ins by category: 2'])
  const bar = await page.$eval('svg.chart rect', (rect) => ({ fill: getComputedStyle(rect).fill, width: rect.getBoundingClientRect().width }))
  assert.equal(bar.fill, 'rgb(47, 111, 179)', 'the inline style applies')
  assert.ok(bar.width > 100, `the bar is drawn (${bar.width} px)`)
  await page.screenshot({ path: testOutputPath('logs', 'report.png'), fullPage: true })
  await page.emulateMedia({ media: 'print' })
  await page.screenshot({ path: testOutputPath('logs', 'report-print.png'), fullPage: true })
  assert.equal(await page.$eval('svg.chart rect', (rect) => getComputedStyle(rect).fill), 'rgb(85, 85, 85)', 'print styles apply')
  await page.emulateMedia({ media: 'screen' })
})

test('no script, nothing loaded from elsewhere, and no request leaves the file', async () => {
  const html = readFileSync(REPORT, 'utf8')
  assert.equal(await page.locator('script, link, iframe, object, embed, img, [src], [href], [style]').count(), 0)
  assert.doesNotMatch(html, /<script|\s(on[a-z]+|src|href|action|xlink:href)\s*=|url\(|@import/i)
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')
  assert.match(csp ?? '', /default-src 'none'/)
  const requests = session.requests.map((request) => request.url())
  assert.deepEqual(requests, [REPORT_URL], 'the file itself, and nothing else')
})

test('accessibility: no serious axe-core violations', async () => {
  assert.deepEqual(await seriousViolations(page, AXE_SOURCE), [])
})
