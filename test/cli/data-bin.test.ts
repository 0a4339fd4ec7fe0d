/** The BUILT bin end to end (run `npm run build` first): data update from a local server, status, perms. */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { appOnlyClaims, FAKE_APP, makeJwt } from '../helpers/tokens.js'
import { startServer } from './data-server.js'

const BIN = fileURLToPath(new URL('../../dist/bin/graph-doctor.js', import.meta.url))

/** Async spawn: the server runs in this process, so spawnSync would deadlock. */
function cli(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('the built graph-doctor bin with permission data from 127.0.0.1', () => {
  let server: Server
  let base: string
  let cacheDir: string
  let env: Record<string, string>

  before(async () => {
    ;({ server, base } = await startServer())
    cacheDir = await mkdtemp(join(tmpdir(), 'graph-doctor-bin-'))
    env = { GRAPH_DOCTOR_CACHE_DIR: cacheDir }
  })
  after(async () => {
    server.close()
    await rm(cacheDir, { recursive: true, force: true })
  })

  it('data update downloads into the cache and data status reports it, exit 0', async () => {
    const update = await cli(['data', 'update', '--from', base], env)
    assert.equal(update.code, 0, update.stderr)
    assert.match(update.stdout, /^Updated permission data from http:\/\/127\.0\.0\.1:\d+\/: /)
    assert.equal(update.stderr, '', 'no progress lines when stderr is not a terminal')
    const status = await cli(['data', 'status'], env)
    assert.equal(status.code, 0)
    assert.match(status.stdout, /^In use: the cache, 0 days old\.\nCache: ready\n/)
  })

  it('a failed download is one line on stderr and exit 2', async () => {
    const failed = await cli(['data', 'update', '--from', `${base}missing/`], env)
    assert.equal(failed.code, 2)
    assert.match(failed.stderr, /^graph-doctor: GET http:\/\/127\.0\.0\.1:\d+\/missing\/permissions\.json answered HTTP 404/)
    assert.equal(failed.stderr.trim().split('\n').length, 1)
  })

  it('perms answers from the cache and judges a token, exit 1 when it is not enough', async () => {
    const token = makeJwt(appOnlyClaims({ roles: ['User.Read.All'] }))
    const result = await cli(['perms', 'GET', `/users/${FAKE_APP}/messages`, '--token', token], env)
    assert.equal(result.code, 1, result.stderr)
    assert.match(result.stdout, /Add Mail\.ReadBasic\.All/)
    assert.ok(!result.stdout.includes(token) && !result.stderr.includes(token))
  })
})
