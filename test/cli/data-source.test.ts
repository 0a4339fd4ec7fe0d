import assert from 'node:assert/strict'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { resolvePermissionCatalogue, userCacheDir } from '../../src/cli/permissions-source.js'
import { isGraphDoctorError } from '../../src/core/errors.js'

const SHARED = fileURLToPath(new URL('../../../shared/data/devx-content/', import.meta.url))
const PERMISSIONS = join(SHARED, 'permissions.json')

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

  it('warns ONE line on how to get the data and returns undefined when there is none', async () => {
    const warnings: string[] = []
    const catalogue = await resolvePermissionCatalogue({ env: { GRAPH_DOCTOR_CACHE_DIR: join(work, 'empty') }, warn: (line) => warnings.push(line) })
    assert.equal(catalogue, undefined)
    assert.equal(warnings.length, 1)
    assert.match(warnings[0] ?? '', /graph-doctor data update.*--permissions FILE.*skipped/)
    assert.doesNotMatch(warnings[0] ?? '', /\n/)
  })

  it('throws ERR_DATA_MISSING instead when the caller needs the data', async () => {
    await assert.rejects(
      resolvePermissionCatalogue({ env: { GRAPH_DOCTOR_CACHE_DIR: join(work, 'empty') }, warn: () => undefined, isRequired: true }),
      rejectsWith('ERR_DATA_MISSING', /graph-doctor data update/),
    )
  })

  it('loads --permissions FILE with the GUID files beside it', async () => {
    const warnings: string[] = []
    const catalogue = await resolvePermissionCatalogue({ file: PERMISSIONS, env: {}, warn: (line) => warnings.push(line) })
    assert.deepEqual(warnings, [])
    const endpoint = catalogue?.lookup('GET', '/users/{id}/messages')
    assert.equal(endpoint?.schemes.Application?.leastPrivileged, 'Mail.ReadBasic.All')
    assert.match(catalogue?.permissionId('Mail.Read', 'application') ?? '', /^[0-9a-f-]{36}$/)
  })

  it('takes a directory holding the files, and GRAPH_DOCTOR_PERMISSIONS when no flag is given', async () => {
    const fromDir = await resolvePermissionCatalogue({ file: SHARED, env: {}, warn: () => undefined })
    assert.equal(fromDir?.lookup('GET', '/me')?.template, '/me')
    const fromEnv = await resolvePermissionCatalogue({ env: { GRAPH_DOCTOR_PERMISSIONS: PERMISSIONS, GRAPH_DOCTOR_CACHE_DIR: join(work, 'empty') }, warn: () => undefined })
    assert.equal(fromEnv?.lookup('GET', '/me')?.template, '/me')
  })

  it('warns that GUIDs are unknown when permissions.json comes alone', async () => {
    const alone = join(work, 'alone')
    await mkdir(alone)
    await copyFile(PERMISSIONS, join(alone, 'permissions.json'))
    const warnings: string[] = []
    const catalogue = await resolvePermissionCatalogue({ file: join(alone, 'permissions.json'), env: {}, warn: (line) => warnings.push(line) })
    assert.ok(catalogue !== undefined)
    assert.equal(warnings.length, 1)
    assert.match(warnings[0] ?? '', /GUIDs and admin-consent flags are unknown/)
  })

  it('throws one line when the named file is missing, truncated or not a permissions document', async () => {
    const warn = (): void => undefined
    await assert.rejects(resolvePermissionCatalogue({ file: join(work, 'nope.json'), env: {}, warn }), rejectsWith('ERR_DATA_MISSING', /--permissions .*nope\.json: no such file/))
    const truncated = join(work, 'truncated.json')
    await writeFile(truncated, '{"permissions": {')
    await assert.rejects(resolvePermissionCatalogue({ file: truncated, env: {}, warn }), rejectsWith('ERR_DATA_INVALID', /not valid JSON/))
    const wrong = join(work, 'wrong.json')
    await writeFile(wrong, '{"value": []}')
    await assert.rejects(
      resolvePermissionCatalogue({ file: 'wrong.json', cwd: work, env: {}, warn }),
      rejectsWith('ERR_DATA_INVALID', /not a Graph permissions document/),
    )
    await assert.rejects(
      resolvePermissionCatalogue({ env: { GRAPH_DOCTOR_PERMISSIONS: wrong }, warn }),
      rejectsWith('ERR_DATA_INVALID', /^GRAPH_DOCTOR_PERMISSIONS /),
    )
  })
})
