/**
 * Derived indexes of raw permission files named by `--permissions` or `GRAPH_DOCTOR_PERMISSIONS`, kept
 * in `<user cache>/derived/` so that a raw permissions.json loads as fast as the cache from the second
 * run on. Keyed by the sha256 of the raw files (and the index version), so an edited file gets a new
 * index; an index is used only when its size and sha256 match its record, exactly as the cache checks.
 */
import { promises as fsPromises } from 'node:fs'
import { join } from 'node:path'
import { INDEX_VERSION } from '../../core/permissions/index/index-format.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import { loadIndex, serializeIndex } from './engine.js'
import { crypto, readIfExists, sha256Hex } from './fs-util.js'

export const DERIVED_DIR = 'derived'
/** Raw files change rarely; a few indexes cover switching between copies. */
const KEEP = 4

interface DerivedRecord {
  readonly bytes: number
  readonly sha256: string
}

/** The cache key of a set of raw files (absent ones count as empty). */
export function derivedKey(raw: readonly (Uint8Array | undefined)[]): string {
  return sha256Hex(`${INDEX_VERSION}\n${raw.map((bytes) => (bytes === undefined ? '-' : sha256Hex(bytes))).join('\n')}`)
}

/** The verified derived index for `key`, or undefined when there is none or it fails a check. */
export async function loadDerived(cacheDir: string, key: string): Promise<PermissionCatalogue | undefined> {
  try {
    const recordBytes = await readIfExists(join(cacheDir, DERIVED_DIR, `${key}.json`))
    if (recordBytes === undefined) return undefined
    const record = JSON.parse(recordBytes.toString('utf8')) as Partial<DerivedRecord>
    const index = await readIfExists(join(cacheDir, DERIVED_DIR, `${key}.index`))
    if (index === undefined || index.byteLength !== record.bytes || sha256Hex(index) !== record.sha256) return undefined
    return loadIndex(index)
  } catch {
    return undefined
  }
}

/**
 * Store the derived index of `catalogue` under `key`: index first, then its record, each by rename,
 * so a reader never sees a record without its complete index. Best effort: a read-only or full
 * disk only costs speed, so failures are ignored.
 */
export async function storeDerived(cacheDir: string, key: string, catalogue: PermissionCatalogue): Promise<void> {
  const dir = join(cacheDir, DERIVED_DIR)
  try {
    await fsPromises.mkdir(dir, { recursive: true })
    const index = Buffer.from(serializeIndex(catalogue))
    const record: DerivedRecord = { bytes: index.byteLength, sha256: sha256Hex(index) }
    await writeAtomically(join(dir, `${key}.index`), index)
    await writeAtomically(join(dir, `${key}.json`), JSON.stringify(record))
    await pruneDerived(dir)
  } catch {
    // Nothing to do: the next run builds the index again.
  }
}

async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${crypto().randomBytes(4).toString('hex')}.tmp`
  try {
    await fsPromises.writeFile(temporary, data, { flag: 'wx' })
    await fsPromises.rename(temporary, path)
  } catch (error) {
    await fsPromises.rm(temporary, { force: true })
    throw error
  }
}

/** Keep the {@link KEEP} most recently written indexes; remove older ones and leftovers. */
async function pruneDerived(dir: string): Promise<void> {
  const names = await fsPromises.readdir(dir)
  const records = await Promise.all(
    names.filter((name) => name.endsWith('.json')).map(async (name) => ({ key: name.slice(0, -'.json'.length), at: (await fsPromises.stat(join(dir, name))).mtimeMs })),
  )
  const kept = new Set(records.sort((a, b) => b.at - a.at).slice(0, KEEP).map((record) => record.key))
  for (const name of names) {
    const key = name.slice(0, name.indexOf('.'))
    if (!kept.has(key)) await fsPromises.rm(join(dir, name), { force: true })
  }
}
