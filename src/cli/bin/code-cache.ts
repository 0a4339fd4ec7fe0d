/**
 * V8's code cache for the bundled command files, where Node has no compile cache of its own (Node 20
 * and 22.0; on 22.1+ the bin uses Node's `module.enableCompileCache`: main.ts, scripts/bundle-cli.mjs).
 * A command file is compiled from its source plus the bytecode a previous run left in
 * `<cache dir>/code/`, so the functions a diagnosis runs are not parsed and compiled again each start.
 *
 * Safe by construction: the cache file holds a copy of the exact source it was made from and is used
 * only when the file on disk is byte-identical (V8 checks no more than the source's length); V8 checks
 * its own version and flags and rejects anything else; the file name carries Node's version, the
 * architecture and the process's V8 options; a missing, damaged or rejected cache means an ordinary
 * compile and a fresh cache, written at exit to a temporary name and renamed. Bytecode is code: on
 * POSIX a cache file is used only when it belongs to this user and no one else may write it (a cache
 * folder shared through GRAPH_DOCTOR_CACHE_DIR cannot hand another user's file to this process), and
 * it is written readable by its owner only. `GRAPH_DOCTOR_CODE_CACHE=0` turns it off. Any failure to
 * read or write it is silent: it is only ever a shortcut.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import type NodeModule from 'node:module'
import { basename, dirname, join } from 'node:path'
import { Script } from 'node:vm'
import { userCacheDir } from '../data/cache-dir.js'

type Env = Readonly<Record<string, string | undefined>>

/** What happened to one file's cache: used, made afresh (none, stale or damaged), rejected by V8, or off. */
export type CodeCacheState = 'used' | 'made' | 'rejected' | 'off'

/** The first bytes of a cache file; the number is the layout's version. */
const MAGIC = Buffer.from('graph-doctor code cache 1\n', 'latin1')
const HEADER_BYTES = MAGIC.length + 4
/**
 * CommonJS's module class. In the bundle (a CommonJS file) it is this file's own `module.constructor`:
 * the public `node:module` would load the ES module loader's files on Node 20 (0.3-0.5 ms at start-up)
 * for the same class. Elsewhere (tests, the ES module build) `node:module` itself.
 */
const Module: typeof NodeModule =
  typeof module === 'object' && module !== null && typeof (module.constructor as Partial<typeof NodeModule>).createRequire === 'function'
    ? (module.constructor as typeof NodeModule)
    : (process.getBuiltinModule('node:module') as typeof NodeModule)
const [WRAP_START, WRAP_END] = Module.wrap('\u0000').split('\u0000').map((part) => Buffer.from(part, 'utf8')) as [Buffer, Buffer]

interface PendingCache {
  readonly script: Script
  readonly source: Buffer
  readonly file: string
  /** The command's part of the name (`diagnose-`): older caches of it are removed. */
  readonly stem: string
}

const pending: PendingCache[] = []
let savesAtExit = false

/** The folder of the code caches: inside graph-doctor's own cache folder, never anywhere else. */
export function codeCacheDir(env: Env): string {
  return join(userCacheDir(env), 'code')
}

/** A short key of the V8 options this process runs with (a cache made under other options is rejected anyway). */
function optionsKey(env: Env): string {
  const text = `${process.execArgv.join(' ')}|${env['NODE_OPTIONS'] ?? ''}`
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0
  return hash.toString(36)
}

/** `diagnose-C5KCRZVU.cjs` → `diagnose-C5KCRZVU.v20.20.2-x64-<options>.cache`; its stem `diagnose-`. */
function cacheName(filename: string, env: Env): { name: string; stem: string } {
  const file = basename(filename).replace(/\.c?js$/, '')
  return { name: `${file}.${process.version}-${process.arch}-${optionsKey(env)}.cache`, stem: file.slice(0, file.lastIndexOf('-') + 1) }
}

/**
 * The source inside CommonJS's function wrapper (`Module.wrap`), made as one flat string: a wrapper
 * added to a 400 KB string makes V8 flatten it into a second copy, and two such copies in the young
 * generation cost a diagnose one more scavenge.
 */
function wrapped(source: Buffer): string {
  return Buffer.concat([WRAP_START, source, WRAP_END]).toString('utf8')
}

/** On POSIX: the file belongs to this process's user, and neither its group nor others may write it. */
function isOwnPrivateFile(fd: number): boolean {
  const uid = process.getuid?.()
  if (uid === undefined) return true
  const stats = fstatSync(fd)
  return stats.uid === uid && (stats.mode & 0o022) === 0
}

/** The V8 data of a cache file made from exactly `source`, or undefined. */
function cachedDataFor(file: string, source: Buffer): Buffer | undefined {
  let bytes: Buffer
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    if (!isOwnPrivateFile(fd)) return undefined
    bytes = readFileSync(fd)
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined
  const sourceEnd = HEADER_BYTES + bytes.readUInt32LE(MAGIC.length)
  if (sourceEnd > bytes.length || !bytes.subarray(HEADER_BYTES, sourceEnd).equals(source)) return undefined
  return bytes.subarray(sourceEnd)
}

/**
 * Load a CommonJS file of the bundle as `require` would (registered in `require.cache`), compiled
 * with its code cache when there is a valid one (`GRAPH_DOCTOR_CODE_CACHE=0`: compiled from source,
 * no cache read or written).
 */
export function requireWithCodeCache(filename: string, env: Env = process.env): { exports: unknown; state: CodeCacheState } {
  const require = Module.createRequire(filename)
  const loaded = require.cache[filename]
  if (loaded !== undefined) return { exports: loaded.exports, state: 'off' }
  const off = env['GRAPH_DOCTOR_CODE_CACHE'] === '0'
  const source = readFileSync(filename)
  const { name, stem } = cacheName(filename, env)
  const file = join(codeCacheDir(env), name)
  const cachedData = off ? undefined : cachedDataFor(file, source)
  const script = new Script(wrapped(source), { filename, ...(cachedData === undefined ? {} : { cachedData }) })
  const state: CodeCacheState = off ? 'off' : cachedData === undefined ? 'made' : script.cachedDataRejected === true ? 'rejected' : 'used'
  const module = new Module(filename)
  module.filename = filename
  require.cache[filename] = module
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void
    wrapper.call(module.exports, module.exports, require, module, filename, dirname(filename))
  } catch (error) {
    delete require.cache[filename]
    throw error
  }
  module.loaded = true
  if (state === 'made' || state === 'rejected') remember({ script, source, file, stem })
  return { exports: module.exports, state }
}

function remember(cache: PendingCache): void {
  pending.push(cache)
  if (savesAtExit) return
  savesAtExit = true
  // at exit, so that the cache holds every function this run compiled, not only the top level
  process.once('exit', saveCodeCaches)
}

/** Write the caches this process made: a temporary file renamed into place, older builds' caches of the same command removed. */
export function saveCodeCaches(): void {
  for (const { script, source, file, stem } of pending.splice(0)) {
    const temporary = `${file}.${process.pid}.tmp`
    try {
      const length = Buffer.alloc(4)
      length.writeUInt32LE(source.length)
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
      writeFileSync(temporary, Buffer.concat([MAGIC, length, source, script.createCachedData()]), { flag: 'wx', mode: 0o600 })
      renameSync(temporary, file)
      removeOlder(dirname(file), stem, basename(file))
    } catch {
      try {
        unlinkSync(temporary)
      } catch {
        // nothing was written
      }
    }
  }
}

/** How many caches of one command build stay (other Node versions or V8 options: a probe loaded with --require is one). */
const VARIANTS_KEPT = 4

/**
 * Caches of older builds of the same command (another hash in the name) go; of this build, those of
 * other Node versions or options stay, the {@link VARIANTS_KEPT} most recent (the one just written first).
 */
function removeOlder(dir: string, stem: string, keep: string): void {
  const build = keep.slice(0, keep.indexOf('.') + 1)
  const variants: { name: string; at: number }[] = []
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(stem) || !name.endsWith('.cache')) continue
    if (!name.startsWith(build)) unlinkSync(join(dir, name))
    else if (name !== keep) variants.push({ name, at: statSync(join(dir, name)).mtimeMs })
  }
  variants.sort((a, b) => b.at - a.at)
  for (const { name } of variants.slice(VARIANTS_KEPT - 1)) unlinkSync(join(dir, name))
}
