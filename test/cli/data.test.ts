import assert from 'node:assert/strict'
import type { Server } from 'node:http'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { CliIo } from '../../src/cli/command.js'
import { run } from '../../src/cli/commands/data.js'
import { resolvePermissionData } from '../../src/cli/permissions-source.js'
import { renderCacheStatusText } from '../../src/cli/data/status-text.js'
import { isGraphDoctorError } from '../../src/core/errors.js'
import { writeMiniData } from '../helpers/mini-data.js'
import { FILES, MINI_DIR, startServer } from './data-server.js'

function fakeIo(env: Record<string, string>): CliIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', isTTY: false, env, cwd: process.cwd() }
}

async function expectFailure(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isGraphDoctorError(error), String(error))
    assert.equal(error.code, code)
    assert.match(error.message, pattern)
    assert.doesNotMatch(error.message, /\n/)
    return true
  })
}

describe('graph-doctor data update and status against a local HTTP server', () => {
  const overrides = new Map<string, string | number>()
  let server: Server
  let base: string
  let cacheDir: string
  let env: Record<string, string>

  before(async () => {
    ;({ server, base } = await startServer(overrides))
    cacheDir = await mkdtemp(join(tmpdir(), 'graph-doctor-data-'))
    env = { GRAPH_DOCTOR_CACHE_DIR: cacheDir, COLUMNS: '200' }
  })
  after(async () => {
    server.close()
    await rm(cacheDir, { recursive: true, force: true })
  })

  it('with an empty cache, says the bundled snapshot answers, how old it is, and checks it; exit 0', async () => {
    const io = fakeIo(env)
    assert.equal(await run(['status'], io), 0)
    const text = io.out.join('')
    assert.match(text, /^In use: the bundled snapshot \(upstream data of \d{4}-\d{2}-\d{2}\), \d+ days old\.\n/)
    assert.match(text, /\nCache: empty \(.*\)\.\n/)
    assert.match(text, /\nBundled snapshot: microsoft-graph-devx-content [0-9a-f]{12} of \d{4}-\d{2}-\d{2}, [\d,]+ templates, intact/)
    const json = fakeIo(env)
    assert.equal(await run(['status', '--format', 'json'], json), 0)
    const status = JSON.parse(json.out.join('')) as { state: string; inUse: { source: string; date: string }; snapshot: { isIntact: boolean } }
    assert.equal(status.state, 'empty')
    assert.equal(status.inUse.source, 'snapshot')
    assert.equal(status.snapshot.isIntact, true)
  })

  it('says when the data in use is older than 90 days', () => {
    const status = { cacheDir: '/c', state: 'empty', files: [], isIndexUsable: false, snapshot: { location: '/s', isIntact: true }, inUse: { source: 'snapshot', location: '/s', date: '2026-01-01' } } as const
    assert.match(renderCacheStatusText(status, new Date('2026-04-02T00:00:00Z')), /, 91 days old\.\nIt is more than 90 days old: `graph-doctor data update`/)
    assert.doesNotMatch(renderCacheStatusText(status, new Date('2026-04-01T00:00:00Z')), /more than 90 days/)
  })

  it('downloads, validates and installs the three files, then status shows them intact', async () => {
    const io = fakeIo(env)
    assert.equal(await run(['update', '--from', base], io), 0)
    assert.match(io.out.join(''), /^Updated permission data from http:\/\/127\.0\.0\.1:\d+\/: [\d,]+ permissions, [\d,]+ templates/)
    const status = fakeIo(env)
    assert.equal(await run(['status', '--format', 'json'], status), 0)
    const json = JSON.parse(status.out.join('')) as { state: string; source: string; updatedAt: string; files: { name: string; bytes: number; sha256: string; isIntact: boolean }[]; isIndexUsable: boolean; stats: { templates: number } }
    assert.equal(json.state, 'ready')
    assert.equal(json.source, base)
    assert.ok(!Number.isNaN(Date.parse(json.updatedAt)))
    assert.deepEqual(json.files.map((file) => file.name), [...FILES, 'catalogue-index'])
    const original = await readFile(join(MINI_DIR, 'permissions.json'))
    assert.equal(json.files[0]?.bytes, original.byteLength)
    assert.ok(json.files.every((file) => file.isIntact && /^[0-9a-f]{64}$/.test(file.sha256)))
    assert.equal(json.isIndexUsable, true)
    assert.deepEqual(json.stats, { templates: 5, permissions: 5 })
  })

  it('loads the catalogue from the cache index for diagnose, without warnings', async () => {
    const warnings: string[] = []
    const data = await resolvePermissionData({ env, warn: (line) => warnings.push(line) })
    assert.deepEqual(warnings, [])
    assert.equal(data?.source.kind, 'cache')
    assert.equal(data?.catalogue.lookup('GET', 'https://graph.microsoft.com/v1.0/users/adele@contoso.example/messages')?.template, '/users/{id}/messages')
  })

  for (const [label, name, body, code, pattern] of [
    ['a truncated permissions.json', 'permissions.json', '{"permissions": {"User.Read": {', 'ERR_DATA_INVALID', /permissions\.json is not valid JSON/],
    ['a permissions.json of the wrong shape', 'permissions.json', '{"hello": "world"}', 'ERR_DATA_INVALID', /permissions\.json/],
    ['a provisioningInfo.json of the wrong shape', 'provisioningInfo.json', '[1, 2, 3]', 'ERR_DATA_INVALID', /provisioningInfo\.json is not what graph-doctor expects/],
    ['a 404', 'permissions-descriptions.json', 404, 'ERR_DOWNLOAD_FAILED', /HTTP 404/],
  ] as const) {
    it(`fails on ${label} with one line and leaves the old cache intact`, async () => {
      const before = await readFile(join(cacheDir, 'current.json'), 'utf8')
      overrides.set(name, body)
      try {
        await expectFailure(run(['update', '--from', base], fakeIo(env)), code, pattern)
      } finally {
        overrides.delete(name)
      }
      assert.equal(await readFile(join(cacheDir, 'current.json'), 'utf8'), before)
      assert.deepEqual((await readdir(cacheDir)).filter((entry) => entry.startsWith('staging-')), [])
      const status = fakeIo(env)
      assert.equal(await run(['status'], status), 0)
      assert.match(status.out.join(''), /\nCache: ready\n/)
    })
  }

  it('fails with ERR_DOWNLOAD_FAILED when nothing listens', async () => {
    const closed = await startServer(new Map())
    closed.server.close()
    await expectFailure(run(['update', '--from', closed.base], fakeIo({ GRAPH_DOCTOR_CACHE_DIR: join(cacheDir, 'unused') })), 'ERR_DOWNLOAD_FAILED', /GET http:\/\/127\.0\.0\.1:\d+\/permissions\.json failed: ECONNREFUSED \(without internet access, .*`graph-doctor data update --from DIR\|FILE`/)
  })

  it('detects a tampered cache file: status says damaged, diagnose warns once and uses the bundled snapshot', async () => {
    const pointer = JSON.parse(await readFile(join(cacheDir, 'current.json'), 'utf8')) as { generation: string }
    const index = join(cacheDir, pointer.generation, 'catalogue-index')
    const bytes = await readFile(index)
    const at = bytes.indexOf('Mail.Read')
    assert.ok(at > 0)
    bytes[at + 'Mail.Re'.length] = 'e'.charCodeAt(0) // same size, another sha256
    await writeFile(index, bytes)
    const status = fakeIo(env)
    assert.equal(await run(['status'], status), 1)
    assert.match(status.out.join(''), /damaged, not used \(catalogue-index does not match its sha256\)/)
    const warnings: string[] = []
    const data = await resolvePermissionData({ env, warn: (line) => warnings.push(line) })
    assert.equal(data?.source.kind, 'snapshot')
    assert.deepEqual(warnings.length, 1)
    assert.match(warnings[0] ?? '', /damaged and not used .*graph-doctor data update.*using the bundled snapshot instead/)
    const nothing = join(cacheDir, 'no-snapshot')
    assert.equal(await resolvePermissionData({ env, warn: () => undefined, snapshotDir: nothing }), undefined)
    await expectFailure(resolvePermissionData({ env, warn: () => undefined, isRequired: true, snapshotDir: nothing }), 'ERR_DATA_INVALID', /damaged/)
  })

  it('repairs a damaged cache with a new update from a directory', async () => {
    const io = fakeIo(env)
    assert.equal(await run(['update', '--from', MINI_DIR, '--format', 'json'], io), 0)
    const json = JSON.parse(io.out.join('')) as { manifest: { source: string; files: { permissions: { origin: string } } } }
    assert.equal(json.manifest.files.permissions.origin, join(MINI_DIR, 'permissions.json'))
    const status = fakeIo(env)
    assert.equal(await run(['status'], status), 0)
    assert.match(status.out.join(''), /index {5}present and valid/)
    assert.equal((await readdir(cacheDir)).filter((entry) => entry.startsWith('gen-')).length, 2, 'keeps the current and the previous generation only')
  })
})

describe('graph-doctor data update --from a local file or folder', () => {
  it('takes a permissions.json, or a folder holding only it: the GUID files are optional there', async () => {
    const alone = writeMiniData(['permissions.json'])
    const full = writeMiniData()
    for (const [from, expected] of [
      [alone, ['permissions.json']],
      [join(alone, 'permissions.json'), ['permissions.json']],
      [join(full, 'permissions.json'), FILES],
    ] as const) {
      const env = { GRAPH_DOCTOR_CACHE_DIR: await mkdtemp(join(tmpdir(), 'graph-doctor-from-')) }
      assert.equal(await run(['update', '--from', from], fakeIo(env)), 0, from)
      const status = fakeIo(env)
      assert.equal(await run(['status', '--format', 'json'], status), 0)
      const json = JSON.parse(status.out.join('')) as { state: string; files: { name: string; isIntact: boolean }[]; inUse: { source: string } }
      assert.equal(json.state, 'ready')
      assert.deepEqual(json.files.map((file) => file.name), [...expected, 'catalogue-index'])
      assert.equal(json.inUse.source, 'cache')
      const data = await resolvePermissionData({ env, warn: () => undefined })
      assert.equal(data?.catalogue.lookup('GET', '/users/{id}/messages')?.schemes.Application?.leastPrivileged, 'Mail.ReadBasic.All')
      await rm(env.GRAPH_DOCTOR_CACHE_DIR, { recursive: true, force: true })
    }
  })

  it('fails with one line when the folder has no permissions.json', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'graph-doctor-nothing-'))
    await expectFailure(run(['update', '--from', empty], fakeIo({ GRAPH_DOCTOR_CACHE_DIR: join(empty, 'cache') })), 'ERR_DOWNLOAD_FAILED', /permissions\.json: no such file/)
  })
})

describe('graph-doctor data usage', () => {
  it('rejects an unknown sub-command, an unknown format and --from on status', async () => {
    const io = fakeIo({ GRAPH_DOCTOR_CACHE_DIR: '/nonexistent/graph-doctor' })
    await expectFailure(run(['refresh'], io), 'ERR_USAGE', /unknown sub-command refresh/)
    await expectFailure(run([], io), 'ERR_USAGE', /update.*status/)
    await expectFailure(run(['status', '--format', 'xml'], io), 'ERR_INVALID_OPTION', /text or json/)
    await expectFailure(run(['status', '--from', '/tmp'], io), 'ERR_USAGE', /--from is only for/)
  })
})
