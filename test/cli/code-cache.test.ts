import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import * as nodeModule from 'node:module'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { codeCacheDir, requireWithCodeCache, saveCodeCaches } from '../../src/cli/bin/code-cache.js'

function workDir(): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-code-cache-'))
  return { dir, env: { GRAPH_DOCTOR_CACHE_DIR: join(dir, 'cache') } }
}

/** Load `file` afresh (as a new process would): out of require.cache, then through the code cache. */
function load(file: string, env: Record<string, string>): { exports: unknown; state: string } {
  delete createRequire(file).cache[file]
  return requireWithCodeCache(file, env)
}

function cacheFiles(env: Record<string, string>): string[] {
  try {
    return readdirSync(codeCacheDir(env))
  } catch {
    return []
  }
}

test('a command file is compiled, its cache written under the cache folder, then used; require.cache holds it', () => {
  const { dir, env } = workDir()
  const file = join(dir, 'sample-AAAA1111.cjs')
  writeFileSync(file, "exports.answer = () => 'first ' + require('node:path').basename(__filename)\n")
  const first = load(file, env)
  assert.equal(first.state, 'made')
  assert.equal((first.exports as { answer: () => string }).answer(), 'first sample-AAAA1111.cjs')
  assert.equal(createRequire(file).cache[file]?.exports, first.exports)
  saveCodeCaches()
  const written = cacheFiles(env)
  assert.equal(written.length, 1, written.join(' '))
  assert.match(written[0] ?? '', new RegExp(`^sample-AAAA1111\\.${process.version.replace(/\./g, '\\.')}-${process.arch}-[0-9a-z]+\\.cache$`))
  assert.ok(readFileSync(join(codeCacheDir(env), written[0] ?? '')).subarray(0, 26).equals(Buffer.from('graph-doctor code cache 1\n')))
  const second = load(file, env)
  assert.equal(second.state, 'used')
  assert.equal((second.exports as { answer: () => string }).answer(), 'first sample-AAAA1111.cjs')
})

test('a file changed in place, even to the same length, is compiled from its new source and its cache replaced', () => {
  const { dir, env } = workDir()
  const file = join(dir, 'edited-BBBB2222.cjs')
  writeFileSync(file, "exports.value = 'old'\n")
  load(file, env)
  saveCodeCaches()
  writeFileSync(file, "exports.value = 'new'\n") // V8 alone would accept the old cache: it compares lengths only
  const edited = load(file, env)
  assert.equal(edited.state, 'made')
  assert.equal((edited.exports as { value: string }).value, 'new')
  saveCodeCaches()
  assert.equal(cacheFiles(env).length, 1)
  assert.equal(load(file, env).state, 'used')
})

test('a cache file that is not one made from this source is not used, and is written afresh', () => {
  const { dir, env } = workDir()
  const file = join(dir, 'damaged-CCCC3333.cjs')
  const source = 'exports.sum = (a, b) => a + b\n'
  writeFileSync(file, source)
  load(file, env)
  saveCodeCaches()
  const cacheFile = join(codeCacheDir(env), cacheFiles(env)[0] ?? '')
  const good = readFileSync(cacheFile)
  const header = 26 + 4 + Buffer.byteLength(source)
  const longer = Buffer.from(good)
  longer.writeUInt32LE(good.length, 26) // a source length past the end of the file
  for (const bytes of [good.subarray(0, 10), Buffer.from('not a cache at all'), good.subarray(0, header - 1), longer]) {
    writeFileSync(cacheFile, bytes)
    const reloaded = load(file, env)
    assert.equal(reloaded.state, 'made')
    assert.equal((reloaded.exports as { sum: (a: number, b: number) => number }).sum(1, 1), 2)
  }
  saveCodeCaches()
  assert.equal(load(file, env).state, 'used')
  assert.deepEqual(cacheFiles(env).filter((name) => name.endsWith('.tmp')), [])
})

test('on POSIX a cache file others may write is not used; caches are written readable by their owner only', { skip: process.platform === 'win32' }, () => {
  const { dir, env } = workDir()
  const file = join(dir, 'shared-GGGG7777.cjs')
  writeFileSync(file, 'exports.k = 7\n')
  load(file, env)
  saveCodeCaches()
  const cacheFile = join(codeCacheDir(env), cacheFiles(env)[0] ?? '')
  assert.equal(statSync(cacheFile).mode & 0o777, 0o600)
  assert.equal(statSync(codeCacheDir(env)).mode & 0o777, 0o700)
  chmodSync(cacheFile, 0o666)
  assert.equal(load(file, env).state, 'made')
  chmodSync(cacheFile, 0o620)
  assert.equal(load(file, env).state, 'made')
  chmodSync(cacheFile, 0o644)
  assert.equal(load(file, env).state, 'used')
})

test('GRAPH_DOCTOR_CODE_CACHE=0 compiles from the source and neither reads nor writes a cache', () => {
  const { dir, env } = workDir()
  const file = join(dir, 'off-DDDD4444.cjs')
  writeFileSync(file, 'exports.n = 42\n')
  const off = { ...env, GRAPH_DOCTOR_CODE_CACHE: '0' }
  const loaded = load(file, off)
  assert.equal(loaded.state, 'off')
  assert.equal((loaded.exports as { n: number }).n, 42)
  saveCodeCaches()
  assert.deepEqual(cacheFiles(env), [])
  load(file, env)
  saveCodeCaches()
  assert.equal(cacheFiles(env).length, 1)
  assert.equal(load(file, off).state, 'off')
})

test('a newer build of a command replaces the cache of the older one; a cache made under other V8 options stays', () => {
  const { dir, env } = workDir()
  for (const name of ['tool-EEEE5555.cjs', 'tool-FFFF6666.cjs']) {
    const file = join(dir, name)
    writeFileSync(file, `exports.name = ${JSON.stringify(name)}\n`)
    load(file, env)
    saveCodeCaches()
  }
  assert.deepEqual(cacheFiles(env).map((name) => name.split('.')[0]), ['tool-FFFF6666'])
  const file = join(dir, 'tool-FFFF6666.cjs')
  load(file, { ...env, NODE_OPTIONS: '--stack-size=2000' })
  saveCodeCaches()
  assert.equal(cacheFiles(env).length, 2)
  assert.equal(load(file, env).state, 'used')
  for (const size of [2001, 2002, 2003, 2004]) {
    load(file, { ...env, NODE_OPTIONS: `--stack-size=${size}` })
    saveCodeCaches()
  }
  // at most four variants of one build stay, the one just written among them
  const left = cacheFiles(env)
  assert.equal(left.length, 4, left.join(' '))
  assert.equal(load(file, { ...env, NODE_OPTIONS: '--stack-size=2004' }).state, 'used')
})

/** One `diagnose` of a 403 by the built bin, with the code cache in `env`'s cache folder. */
function diagnoseOnce(env: Record<string, string>): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, ['dist/bin/graph-doctor.js', 'diagnose', 'test/fixtures/findings/permission-missing/hit.http'], {
    encoding: 'utf8',
    env: { ...process.env, ...env, NO_COLOR: '1', GRAPH_DOCTOR_PERMISSIONS: '' },
  })
  return { status: result.status, stdout: result.stdout }
}

/** Node 22.1+ has its own compile cache, which main.ts enables; the bin then never loads ours. */
const NODE_COMPILE_CACHE = typeof (nodeModule as unknown as Record<string, unknown>)['enableCompileCache'] === 'function'

if (NODE_COMPILE_CACHE) {
  test('the built bin on a Node with its own compile cache: no code cache of ours is read or written, and the runs agree', () => {
    const { env } = workDir()
    const first = diagnoseOnce(env)
    assert.equal(first.status, 1)
    assert.match(first.stdout, /User\.ReadBasic\.All/)
    assert.deepEqual(cacheFiles(env), [])
    assert.deepEqual(diagnoseOnce(env), first)
    assert.deepEqual(cacheFiles(env), [])
  })
} else {
  test('the built bin: the second diagnose uses the cache the first wrote, with the same output', () => {
    const { env } = workDir()
    const first = diagnoseOnce(env)
    assert.equal(first.status, 1)
    assert.match(first.stdout, /User\.ReadBasic\.All/)
    const [written, ...others] = cacheFiles(env)
    assert.ok(written !== undefined && written.startsWith('diagnose-'), `no cache written: ${cacheFiles(env).join(' ')}`)
    assert.deepEqual(others, [])
    const before = statSync(join(codeCacheDir(env), written))
    assert.deepEqual(diagnoseOnce(env), first)
    // not rewritten: a cache V8 rejected, or one made from another source, would be replaced by a new file
    const after = statSync(join(codeCacheDir(env), written))
    assert.equal(after.ino, before.ino)
    assert.equal(after.mtimeMs, before.mtimeMs)
  })

  test('the built bin: a cache whose V8 part is damaged is refused by V8, the run is the same, the cache replaced', () => {
    const { env } = workDir()
    const expected = diagnoseOnce(env)
    const [written = ''] = cacheFiles(env)
    const cacheFile = join(codeCacheDir(env), written)
    const good = readFileSync(cacheFile)
    const header = 26 + 4 + good.readUInt32LE(26)
    writeFileSync(cacheFile, Buffer.concat([good.subarray(0, header), Buffer.alloc(good.length - header, 7)]))
    const damaged = statSync(cacheFile)
    assert.deepEqual(diagnoseOnce(env), expected)
    const replaced = statSync(cacheFile)
    assert.notEqual(replaced.ino, damaged.ino)
    assert.notEqual(readFileSync(cacheFile).readUInt32LE(header), 0x07070707)
  })
}
