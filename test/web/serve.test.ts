/**
 * The BUILT `graph-doctor web` (run `npm run build` first): prints the URL first, serves the same
 * file with its CSP as a header, only on 127.0.0.1 and only that file; in Chromium the served page
 * diagnoses, copies to the clipboard, connects to no other origin and stores nothing; SIGTERM stops it.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { openBrowser, WEB_PAGE_PATH, type BrowserSession } from '../helpers/browser.js'
import { diagnoseText, storedState, waitReady } from './page-driver.js'

const BIN = 'dist/bin/graph-doctor.js'
let child: ChildProcessWithoutNullStreams
let url: string
let stderr = ''
let exited: Promise<number | null>

before(async () => {
  child = spawn(process.execPath, [BIN, 'web', '--no-open'], { env: { ...process.env, NO_COLOR: '1' } })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8') })
  exited = new Promise((resolve) => child.on('close', resolve))
  url = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '')
    })
    child.on('close', (code) => reject(new Error(`graph-doctor web exited ${code}: ${stderr}`)))
  })
})

after(() => {
  if (child.exitCode === null) child.kill('SIGKILL')
})

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method, headers }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => { body += chunk.toString('utf8') })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

test('the first line is the loopback URL, and the page served is the built file with its CSP as a header', async () => {
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/)
  const response = await get('/')
  assert.equal(response.status, 200)
  assert.equal(response.body, readFileSync(WEB_PAGE_PATH, 'utf8'))
  const csp = String(response.headers['content-security-policy'])
  assert.match(csp, /connect-src 'none'/)
  assert.match(csp, /default-src 'none'/)
  assert.match(csp, /worker-src blob:/)
  assert.match(csp, /frame-ancestors 'none'/)
  assert.equal(response.headers['cache-control'], 'no-store')
  assert.equal(response.headers['referrer-policy'], 'no-referrer')
})

test('nothing else is served: other paths 404, other methods 405, another Host 421', async () => {
  assert.equal((await get('/data/permissions/catalogue-index')).status, 404)
  assert.equal((await get('/../package.json')).status, 404)
  assert.equal((await get('/', {}, 'POST')).status, 405)
  assert.equal((await get('/', { host: 'attacker.example' })).status, 421)
})

test('usage errors exit 2 with one line', () => {
  const extra = spawnSync(process.execPath, [BIN, 'web', 'extra'], { encoding: 'utf8' })
  assert.equal(extra.status, 2)
  assert.match(extra.stderr, /web takes no arguments/)
  const port = spawnSync(process.execPath, [BIN, 'web', '--port', 'x'], { encoding: 'utf8' })
  assert.equal(port.status, 2)
  assert.match(port.stderr, /--port must be a whole number/)
})

let session: BrowserSession
before(async () => {
  session = await openBrowser({ viewport: { width: 1100, height: 900 } })
})
after(async () => {
  await session?.close()
})

test('in a browser: the served page diagnoses, copies the consent URL, connects nowhere else and stores nothing', async () => {
  const origin = new URL(url).origin
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
  const page = await session.newPage()
  await page.goto(url)
  await waitReady(page)
  assert.equal(await diagnoseText(page, readFileSync('test/fixtures/findings/permission-missing/hit.http', 'utf8')), 'done')
  const href = await page.getAttribute('#results-body a.consent-url', 'href')
  await page.click('#results-body button[aria-label="Copy the admin-consent URL"]')
  await page.waitForSelector('#results-body button[aria-label="Copy the admin-consent URL"][data-state="copied"]')
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), href)
  const foreign = session.requests.map((item) => item.url()).filter((item) => !item.startsWith(`${origin}/`) && !item.startsWith(`blob:${origin}/`))
  assert.deepEqual(foreign, [])
  assert.deepEqual(await storedState(page), { local: 0, session: 0, cookie: '', databases: 0, caches: 0 })
  const state = await session.context.storageState()
  assert.deepEqual({ cookies: state.cookies.length, origins: state.origins.length }, { cookies: 0, origins: 0 })
})

test('a real paste (Ctrl+V from the clipboard) diagnoses at once', async () => {
  const page = await session.newPage()
  await page.goto(url)
  await waitReady(page)
  await page.evaluate((text) => navigator.clipboard.writeText(text), readFileSync('test/fixtures/inputs/token-error.json', 'utf8'))
  await page.focus('#input')
  await page.keyboard.press('Control+V')
  await page.waitForFunction(() => document.body.dataset['state'] === 'done')
  assert.ok((await page.locator('#results-body article.card').count()) > 0)
})

test('SIGTERM stops the server, exit 0', async () => {
  child.kill('SIGTERM')
  assert.equal(await exited, 0)
  assert.match(stderr, /stopping \(SIGTERM\)/)
})
