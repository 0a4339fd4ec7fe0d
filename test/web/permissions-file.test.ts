/**
 * A newer permissions.json loaded from a local file in the built page (file://, real Chromium): the
 * footer says which data is in use, lookups and diagnoses use the file's data (a tiny synthetic one,
 * so the difference from the bundled snapshot shows), it survives a cancelled read (the restarted
 * worker gets it again), a file that is not a permissions.json is refused with a reason, and nothing
 * leaves the page.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MINI_FILES } from '../helpers/mini-data.js'
import { appOnlyToken } from '../helpers/tokens.js'
import { diagnoseText, foreignRequests, openTestPage, storedState } from './page-driver.js'

const opened = openTestPage()
const SNAPSHOT_LINE = /^Permission data: the bundled snapshot of Microsoft's permission map \(\d{4}-\d{2}-\d{2}, commit [0-9a-f]{7}\)\.$/

async function choose(name: string, text: string): Promise<string> {
  const before = await opened.page.textContent('#data-info')
  await opened.page.setInputFiles('#permissions-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) })
  await opened.page.waitForFunction((before) => {
    const line = document.getElementById('data-info')?.textContent ?? ''
    return line !== before && !line.startsWith('Loading ')
  }, before)
  return (await opened.page.textContent('#data-info')) ?? ''
}

/** The template the permission box matched for a GET, or `no match`. */
async function lookUp(path: string): Promise<string> {
  await opened.page.evaluate(() => document.getElementById('perms-result')?.replaceChildren())
  await opened.page.fill('#perms-url', path)
  await opened.page.click('#perms-form button[type=submit]')
  await opened.page.waitForSelector('#perms-result .perms-answer')
  return (await opened.page.locator('#perms-result code.template').count()) > 0 ? ((await opened.page.textContent('#perms-result code.template')) ?? '') : 'no match'
}

test('the bundled snapshot at first; a chosen permissions.json replaces it for lookups and diagnoses', async () => {
  assert.match((await opened.page.textContent('#data-info')) ?? '', SNAPSHOT_LINE)
  assert.equal(await lookUp('/groups'), 'GET /groups')
  assert.equal(await choose('permissions.json', MINI_FILES.get('permissions.json') ?? ''), 'Permission data: permissions.json (loaded from your file).')
  assert.equal(await lookUp('/groups'), 'no match', 'the tiny data set has no /groups')
  assert.equal(await lookUp('/users/{id}/messages'), 'GET /users/{id}/messages')
  assert.equal(await opened.page.textContent('#perms-result tr[data-scheme="Application"] td.least'), 'Mail.ReadBasic.All')
  const exchange = `GET https://graph.microsoft.com/v1.0/users/alice@contoso.example/messages HTTP/1.1\nAuthorization: Bearer ${appOnlyToken({ roles: ['User.Read.All'] })}\n\nHTTP/1.1 403 Forbidden\nDate: Fri, 20 Nov 2026 10:00:00 GMT\nContent-Type: application/json\n\n{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}`
  assert.equal(await diagnoseText(opened.page, exchange), 'done')
  assert.match((await opened.page.textContent('#results-body')) ?? '', /Mail\.ReadBasic\.All/)
})

/** Drop a large log and press Cancel at once: the worker is terminated and a new one started. */
async function cancelRead(): Promise<void> {
  await opened.page.evaluate(() => {
    const transfer = new DataTransfer()
    transfer.items.add(new File([`${'{"RequestUri":"/v1.0/me","RequestMethod":"GET","ResponseStatusCode":200}\n'.repeat(200_000)}`], 'big.jsonl'))
    document.getElementById('drop-zone')?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    document.getElementById('cancel')?.click()
  })
  assert.equal(await opened.page.textContent('#status'), 'Cancelled.')
}

test('the chosen data outlives a cancelled read (the new worker loads it again)', async () => {
  await cancelRead()
  assert.equal(await lookUp('/groups'), 'no match')
  assert.equal(await opened.page.textContent('#data-info'), 'Permission data: permissions.json (loaded from your file).')
})

test('a file that is not a permissions.json is refused with its reason; the data in use stays', async () => {
  assert.match(await choose('notes.json', '{"hello": "world"}'), /^That file was not used: notes\.json: not a Microsoft Graph permissions\.json \(.+\)$/)
  assert.equal(await lookUp('/groups'), 'no match', 'still the chosen file\'s data')
  await cancelRead()
  assert.equal(await lookUp('/groups'), 'no match', 'a refused file is not what a new worker loads')
  assert.equal(await opened.page.textContent('#data-info'), 'Permission data: permissions.json (loaded from your file).')
  assert.match(await choose('broken.json', '{"permissions": '), /^That file was not used: broken\.json: not valid JSON$/)
})

test('choosing a file fetches nothing and stores nothing', async () => {
  assert.deepEqual(foreignRequests(opened.session), [])
  assert.deepEqual(await storedState(opened.page), { local: 0, session: 0, cookie: '', databases: 0, caches: 0 })
})
