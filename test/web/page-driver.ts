/** Shared steps of the web page tests: open the page, paste and diagnose, drop a file, read storage. */
import { after, before } from 'node:test'
import type { Page } from 'playwright-core'
import { buildWebPage, openBrowser, WEB_PAGE_URL, type BrowserSession } from '../helpers/browser.js'

/** The browser session and the page a test file works on (set by `openTestPage`'s `before`). */
export interface TestPage {
  readonly session: BrowserSession
  readonly page: Page
}

/**
 * The one setup of a web test file: before its tests, build the page, open it from file:// in a fresh
 * Chromium (1100 × 900) and wait until it is ready; after them, close the browser.
 */
export function openTestPage(): TestPage {
  let opened: TestPage | undefined
  before(async () => {
    buildWebPage()
    const session = await openBrowser({ viewport: { width: 1100, height: 900 } })
    const page = await session.newPage()
    opened = { session, page }
    await page.goto(WEB_PAGE_URL)
    await waitReady(page)
  })
  after(async () => {
    await opened?.session.close()
  })
  const current = (): TestPage => {
    if (opened === undefined) throw new Error('openTestPage: the page is not open (before() has not run)')
    return opened
  }
  return {
    get session() {
      return current().session
    },
    get page() {
      return current().page
    },
  }
}

/** Wait until the worker has loaded the permission data (or the page failed). */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset['state'] !== 'loading')
  const state = await page.evaluate(() => document.body.dataset['state'])
  if (state !== 'ready') throw new Error(`the page did not start: ${await page.textContent('#status')}`)
}

/** Put text into the input, press Diagnose and wait for the answer; returns the final state. */
export async function diagnoseText(page: Page, text: string): Promise<string> {
  // page.fill types into the text area at about 5 KB a second; setting the value is what a paste does.
  await page.$eval('#input', (input, value) => {
    ;(input as HTMLTextAreaElement).value = value
  }, text)
  await page.click('#diagnose')
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset['state'] ?? ''))
  return (await page.evaluate(() => document.body.dataset['state'])) ?? ''
}

/** The finding ids of the cards shown, in order. */
export function cardIds(page: Page): Promise<string[]> {
  return page.$$eval('#results-body article.card', (cards) => cards.map((card) => card.getAttribute('data-finding') ?? ''))
}

/** The labels of the copy buttons shown in the results. */
export function copyLabels(page: Page, scope = '#results-body'): Promise<string[]> {
  return page.$$eval(`${scope} button.copy`, (buttons) => buttons.map((button) => button.getAttribute('aria-label') ?? ''))
}

/** Everything the page could have stored: web storage, cookies, IndexedDB databases, Cache Storage. */
export function storedState(page: Page): Promise<{ local: number; session: number; cookie: string; databases: number; caches: number }> {
  return page.evaluate(async () => {
    const databases = typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).length : 0
    const caches = typeof globalThis.caches === 'undefined' ? 0 : (await globalThis.caches.keys()).length
    return { local: localStorage.length, session: sessionStorage.length, cookie: document.cookie, databases, caches }
  })
}

/** Serious or critical accessibility violations found by axe-core, as "id: target" lines. */
export async function seriousViolations(page: Page, axeSource: string): Promise<string[]> {
  // page.evaluate runs over the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.filter((item) => item.impact === 'serious' || item.impact === 'critical').map((item) => `${item.id}: ${JSON.stringify(item.nodes.map((node) => node.target))}`)
  })
}

/** Drop a file made in the page (name and text) on the drop zone, as a user's drag and drop does. */
export async function dropFile(page: Page, name: string, content: string | readonly number[]): Promise<void> {
  await page.evaluate(({ name, content }) => {
    const part = typeof content === 'string' ? content : new Uint8Array(content)
    const transfer = new DataTransfer()
    transfer.items.add(new File([part], name))
    const zone = document.getElementById('drop-zone')
    zone?.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    zone?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
  }, { name, content })
}

/** Wait until the current diagnosis has ended; returns the final state (`done` or `error`). */
export async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset['state'] ?? ''))
  return (await page.evaluate(() => document.body.dataset['state'])) ?? ''
}

/** Requests that went anywhere but the page's file (or its blob: worker). */
export function foreignRequests(session: BrowserSession, pageUrl = WEB_PAGE_URL): string[] {
  return session.requests.map((request) => request.url()).filter((url) => !url.startsWith(pageUrl) && !url.startsWith('blob:null/'))
}

/**
 * Press Cancel in the page as soon as the progress bar first moves, and resolve to the page's state
 * at that moment: the read is then surely still running, however busy the machine (a click over the
 * DevTools protocol could come too late). Start it before the drop.
 */
export function cancelWhenProgressMoves(page: Page): Promise<string> {
  return page.evaluate(() => new Promise<string>((resolve) => {
    const progress = document.getElementById('progress') as HTMLProgressElement
    const observer = new MutationObserver(() => {
      if (progress.value <= 0) return
      observer.disconnect()
      const state = document.body.dataset['state'] ?? ''
      document.getElementById('cancel')?.click()
      resolve(state)
    })
    observer.observe(progress, { attributes: true, attributeFilter: ['value'] })
  }))
}
