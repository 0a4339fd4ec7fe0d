/** Shared steps of the web page tests: wait for the page, paste and diagnose, read storage. */
import type { Page } from 'playwright-core'

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
