import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { resolvePermissionCatalogue, resolvePermissionData, userCacheDir } from '../../src/cli/permissions-source.js'
import { isGraphDoctorError } from '../../src/core/errors.js'
import { writeMiniData } from '../helpers/mini-data.js'

const MINI = writeMiniData()
const PERMISSIONS = join(MINI, 'permissions.json')

function rejectsWith(code: string, pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(isGraphDoctorError(error), String(error))
    assert.equal(error.code, code)
    assert.match(error.message, pattern)
    return true
  }
}

describe('userCacheDir', () => {
  it('prefers GRAPH_DOCTOR_CACHE_DIR, then an absolute XDG_CACHE_HOME', () => {
    assert.equal(userCacheDir({ GRAPH_DOCTOR_CACHE_DIR: '/tmp/gd', XDG_CACHE_HOME: '/x' }, 'linux'), '/tmp/gd')
    assert.equal(userCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/ada' }, 'linux'), '/x/cache/graph-doctor')
    assert.equal(userCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/home/ada' }, 'linux'), '/home/ada/.cache/graph-doctor')
  })

  it('uses each platform’s own cache folder', () => {
    assert.equal(userCacheDir({ HOME: '/home/ada' }, 'linux'), '/home/ada/.cache/graph-doctor')
    assert.equal(userCacheDir({ HOME: '/Users/ada' }, 'darwin'), '/Users/ada/Library/Caches/graph-doctor')
    assert.equal(userCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32'), 'C:\\Users\\ada\\AppData\\Local\\graph-doctor\\Cache')
  })
})

describe('resolvePermissionCatalogue', () => {
  let work: string
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'graph-doctor-source-'))
  })
  after(async () => {
    await rm(work, { recursive: true, force: true })
  })

  it('answers from the bundled snapshot when nothing else is there, without a word', async () => {
    const warnings: string[] = []
    const data = await resolvePermissionData({ env: { GRAPH_DOCTOR_CACHE_DIR: join(work, 'empty') }, warn: (line) => warnings.push(line) })
    assert.equal(data?.source.kind, 'snapshot')
    assert.match(data?.source.date ?? '', /^\d{4}-\d{2}-\d{2}$/)
    assert.equal(data?.catalogue.lookup('GET', '/users/{id}/messages')?.schemes.Application?.leastPrivileged, 'Mail.ReadBasic.All')
    assert.deepEqual(warnings, [])
  })

  it('warns ONE line on how to get the data and returns undefined when even the snapshot is missing', async () => {
    const warnings: string[] = []
    const options = { env: { GRAPH_DOCTOR_CACHE_DIR: join(work, 'empty') }, snapshotDir: join(work, 'no-snapshot') }
    assert.equal(await resolvePermissionCatalogue({ ...options, warn: (line) => warnings.push(line) }), undefined)
    assert.equal(warnings.length, 1)
    assert.match(warnings[0] ?? '', /graph-doctor data update.*--permissions FILE.*snapshot is missing.*skipped/)
    assert.doesNotMatch(warnings[0] ?? '', /\n/)
    await assert.rejects(resolvePermissionCatalogue({ ...options, warn: () => undefined, isRequired: true }), rejectsWith('ERR_DATA_MISSING', /graph-doctor data update/))
  })

  it('says once, and only when asked (text output), that the data in use is older than 90 days', async () => {
    const warnings: string[] = []
    const env = { GRAPH_DOCTOR_CACHE_DIR: join(work, 'empty') }
    const data = await resolvePermissionData({ env, warn: (line) => warnings.push(line), now: new Date('2030-01-01T00:00:00Z') })
    assert.ok(data !== undefined)
    assert.equal(warnings.length, 0, 'not asked: JSON output carries the age instead')
    const fresh = new Date(Date.parse(data.source.date) + 90 * 86_400_000)
    await resolvePermissionData({ env, warn: (line) => warnings.push(line), noteAge: true, now: fresh })
    assert.equal(warnings.length, 0, 'exactly 90 days is not older than 90 days')
    for (let run = 0; run < 2; run++) await resolvePermissionData({ env, warn: (line) => warnings.push(line), noteAge: true, now: new Date('2030-01-01T00:00:00Z') })
    assert.equal(warnings.length, 1)
    assert.match(warnings[0] ?? '', /^the permission data in use \(the bundled snapshot, of \d{4}-\d{2}-\d{2}\) is \d+ days old; `graph-doctor data update`/)
  })

  it('loads --permissions FILE with the GUID files beside it', async () => {
    const warnings: string[] = []
    const data = await resolvePermissionData({ file: PERMISSIONS, env: { GRAPH_DOCTOR_CACHE_DIR: join(work, 'cache') }, warn: (line) => warnings.push(line) })
    assert.deepEqual(warnings, [])
    assert.equal(data?.source.kind, '--permissions')
    assert.equal(data?.source.location, PERMISSIONS)
    const endpoint = data?.catalogue.lookup('GET', '/users/{id}/messages')
    assert.equal(endpoint?.schemes.Application?.leastPrivileged, 'Mail.ReadBasic.All')
    assert.match(data?.catalogue.permissionId('Mail.Read', 'application') ?? '', /^[0-9a-f-]{36}$/)
  })

  it('takes a directory holding the files, and GRAPH_DOCTOR_PERMISSIONS when no flag is given', async () => {
    const cache = { GRAPH_DOCTOR_CACHE_DIR: join(work, 'cache') }
    const fromDir = await resolvePermissionData({ file: MINI, env: cache, warn: () => undefined })
    assert.equal(fromDir?.catalogue.lookup('GET', '/me')?.template, '/me')
    assert.equal(fromDir?.source.kind, '--permissions')
    const fromEnv = await resolvePermissionData({ env: { ...cache, GRAPH_DOCTOR_PERMISSIONS: PERMISSIONS }, warn: () => undefined })
    assert.equal(fromEnv?.catalogue.stats.templates, 5)
    assert.equal(fromEnv?.source.kind, 'GRAPH_DOCTOR_PERMISSIONS')
    const flagWins = await resolvePermissionData({ file: join(writeMiniData(['permissions.json']), 'permissions.json'), env: { ...cache, GRAPH_DOCTOR_PERMISSIONS: 'nope.json' }, warn: () => undefined })
    assert.equal(flagWins?.source.kind, '--permissions')
  })

  it('warns that GUIDs are unknown when permissions.json comes alone', async () => {
    const alone = writeMiniData(['permissions.json'])
    const warnings: string[] = []
    const catalogue = await resolvePermissionCatalogue({ file: join(alone, 'permissions.json'), env: { GRAPH_DOCTOR_CACHE_DIR: join(work, 'cache') }, warn: (line) => warnings.push(line) })
    assert.ok(catalogue !== undefined)
    assert.equal(warnings.length, 1)
    assert.match(warnings[0] ?? '', /GUIDs and admin-consent flags are unknown/)
  })

  it('throws one line when the named file is missing, truncated or not a permissions document', async () => {
    const warn = (): void => undefined
    await assert.rejects(resolvePermissionCatalogue({ file: join(work, 'nope.json'), env: { GRAPH_DOCTOR_CACHE_DIR: join(work, 'cache') }, warn }), rejectsWith('ERR_DATA_MISSING', /--permissions .*nope\.json: no such file/))
    const truncated = join(work, 'truncated.json')
    await writeFile(truncated, '{"permissions": {')
    await assert.rejects(resolvePermissionCatalogue({ file: truncated, env: { GRAPH_DOCTOR_CACHE_DIR: join(work, 'cache') }, warn }), rejectsWith('ERR_DATA_INVALID', /not valid JSON/))
    const wrong = join(work, 'wrong.json')
    await writeFile(wrong, '{"value": []}')
    await assert.rejects(
      resolvePermissionCatalogue({ file: 'wrong.json', cwd: work, env: { GRAPH_DOCTOR_CACHE_DIR: join(work, 'cache') }, warn }),
      rejectsWith('ERR_DATA_INVALID', /not a Graph permissions document/),
    )
    await assert.rejects(
      resolvePermissionCatalogue({ env: { GRAPH_DOCTOR_PERMISSIONS: wrong }, warn }),
      rejectsWith('ERR_DATA_INVALID', /^GRAPH_DOCTOR_PERMISSIONS /),
    )
  })

  it('keeps the derived index of a raw file in the cache, keyed by its sha256, and never trusts a damaged one', async () => {
    const dir = writeMiniData()
    const file = join(dir, 'permissions.json')
    const env = { GRAPH_DOCTOR_CACHE_DIR: join(work, 'derived-test') }
    const derived = join(work, 'derived-test', 'derived')
    const load = (): Promise<unknown> => resolvePermissionData({ file, env, warn: () => undefined })
    await load()
    const [index = '', record = ''] = (await readdir(derived)).sort()
    assert.match(index, /^[0-9a-f]{64}\.index$/)
    assert.equal(record, index.replace('.index', '.json'))
    // A later run reads the derived index, not the raw file: prove it by making the raw parse impossible to reach.
    const indexPath = join(derived, index)
    const original = await readFile(indexPath, 'utf8')
    await writeFile(indexPath, original.replace('Mail.ReadBasic.All', 'Mail.ReadBasic.XXX'))
    const tampered = (await resolvePermissionData({ file, env, warn: () => undefined }))?.catalogue
    assert.equal(tampered?.lookup('GET', '/users/{id}/messages')?.schemes.Application?.leastPrivileged, 'Mail.ReadBasic.All', 'a damaged index is rebuilt from the raw file')
    assert.equal(await readFile(indexPath, 'utf8'), original, 'and replaced')
    // Changing the raw file changes the key: its new content answers.
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('Mail.ReadBasic.All', 'Mail.ReadBasic.Everything'))
    const changed = (await resolvePermissionData({ file, env, warn: () => undefined }))?.catalogue
    assert.equal(changed?.lookup('GET', '/users/{id}/messages')?.schemes.Application?.leastPrivileged, 'Mail.ReadBasic.Everything')
    assert.equal((await readdir(derived)).length, 4, 'one record and one index per version of the raw file')
  })

  it('uses the bundled snapshot instead of a cache older than it', async () => {
    const cacheDir = join(work, 'old-cache')
    const { run } = await import('../../src/cli/commands/data.js')
    const io = { stdout: () => undefined, stderr: () => undefined, readStdin: async () => '', isTTY: false, env: { GRAPH_DOCTOR_CACHE_DIR: cacheDir }, cwd: process.cwd() }
    assert.equal(await run(['update', '--from', MINI], io), 0)
    const fresh = await resolvePermissionData({ env: { GRAPH_DOCTOR_CACHE_DIR: cacheDir }, warn: () => undefined })
    assert.equal(fresh?.source.kind, 'cache')
    const pointer = JSON.parse(await readFile(join(cacheDir, 'current.json'), 'utf8')) as { generation: string }
    const manifestPath = join(cacheDir, pointer.generation, 'manifest.json')
    const manifest = (await readFile(manifestPath, 'utf8')).replace(/"updatedAt": "[^"]+"/, '"updatedAt": "2020-01-01T00:00:00.000Z"')
    await writeFile(manifestPath, manifest)
    const { sha256Hex } = await import('../../src/cli/data/fs-util.js')
    await writeFile(join(cacheDir, 'current.json'), JSON.stringify({ generation: pointer.generation, manifestSha256: sha256Hex(manifest) }))
    const old = await resolvePermissionData({ env: { GRAPH_DOCTOR_CACHE_DIR: cacheDir }, warn: () => undefined })
    assert.equal(old?.source.kind, 'snapshot')
  })

  it('does not even read a cache older than the snapshot (no rebuild, no note about it)', async () => {
    const cacheDir = join(work, 'old-foreign-cache')
    const { run } = await import('../../src/cli/commands/data.js')
    const io = { stdout: () => undefined, stderr: () => undefined, readStdin: async () => '', isTTY: false, env: { GRAPH_DOCTOR_CACHE_DIR: cacheDir }, cwd: process.cwd() }
    assert.equal(await run(['update', '--from', MINI], io), 0)
    const { sha256Hex } = await import('../../src/cli/data/fs-util.js')
    const pointer = JSON.parse(await readFile(join(cacheDir, 'current.json'), 'utf8')) as { generation: string }
    const generationDir = join(cacheDir, pointer.generation)
    const manifest = JSON.parse(await readFile(join(generationDir, 'manifest.json'), 'utf8')) as { updatedAt: string; index: { name: string; bytes: number; sha256: string } }
    const foreignIndex = Buffer.from('{"an index written by another graph-doctor version": true}\n')
    await writeFile(join(generationDir, manifest.index.name), foreignIndex)
    // as a graph-doctor without the quick check writes it: sha256 only
    manifest.index = { name: manifest.index.name, bytes: foreignIndex.byteLength, sha256: sha256Hex(foreignIndex) }
    const current = JSON.stringify({ ...manifest }, null, 2)
    await writeFile(join(generationDir, 'manifest.json'), current)
    await writeFile(join(cacheDir, 'current.json'), JSON.stringify({ generation: pointer.generation, manifestSha256: sha256Hex(current) }))
    const fresh: string[] = []
    assert.equal((await resolvePermissionData({ env: { GRAPH_DOCTOR_CACHE_DIR: cacheDir }, warn: (line) => fresh.push(line) }))?.source.kind, 'cache')
    assert.match(fresh.join('\n'), /rebuilt it in memory/, 'a current cache with a foreign index is rebuilt (the setup works)')
    const old = JSON.stringify({ ...manifest, updatedAt: '2020-01-01T00:00:00.000Z' }, null, 2)
    await writeFile(join(generationDir, 'manifest.json'), old)
    await writeFile(join(cacheDir, 'current.json'), JSON.stringify({ generation: pointer.generation, manifestSha256: sha256Hex(old) }))
    const warnings: string[] = []
    const data = await resolvePermissionData({ env: { GRAPH_DOCTOR_CACHE_DIR: cacheDir }, warn: (line) => warnings.push(line) })
    assert.equal(data?.source.kind, 'snapshot')
    assert.deepEqual(warnings, [], 'the old cache was loaded (and rebuilt) before the snapshot replaced it')
  })
})
