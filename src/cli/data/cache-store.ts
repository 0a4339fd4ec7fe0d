import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { GraphDoctorError } from '../../core/errors.js'
import { readCachePointer } from './cache-read.js'
import { crypto, sha256Hex, syncDirectory, writeFileDurably } from './fs-util.js'
import { quickCheckHex } from './quick-check.js'
import {
  DATA_FILE_ROLES,
  DATA_FILES,
  INDEX_FILE,
  MANIFEST_FILE,
  POINTER_FILE,
  type CacheManifest,
  type CachedFile,
  type CachePointer,
  type DataFileRole,
} from './manifest.js'

export interface NewGeneration {
  readonly cacheDir: string
  readonly source: string
  /** permissions.json always; a GUID file only when the source had it. */
  readonly files: Readonly<Partial<Record<DataFileRole, { readonly data: Uint8Array; readonly origin: string }>>>
  readonly index: Uint8Array
  readonly stats: CacheManifest['stats']
  readonly now: Date
}

/** Staging directories older than this are leftovers of a crashed update. */
const STALE_STAGING_MS = 60 * 60 * 1000

/**
 * Write a complete new generation of the cache and make it current atomically:
 * files go into a fresh staging directory (each fsynced), the directory is renamed to
 * `gen-…`, and only then is `current.json` replaced by rename. A crash at any point leaves the
 * previous generation live. Keeps the previous generation (a reader may still be using it).
 */
export async function installGeneration(generation: NewGeneration): Promise<CacheManifest> {
  const { cacheDir } = generation
  try {
    await mkdir(cacheDir, { recursive: true })
  } catch (error) {
    throw new GraphDoctorError('ERR_IO', `cannot create the cache directory ${cacheDir}`, { cause: error })
  }
  const previous = await readCachePointer(cacheDir).catch(() => undefined)
  const staging = await mkdtemp(join(cacheDir, 'staging-'))
  try {
    const manifest = await writeStaging(staging, generation)
    const name = `gen-${generation.now.toISOString().replace(/[:.]/g, '-')}-${crypto().randomBytes(4).toString('hex')}`
    await rename(staging, join(cacheDir, name))
    await syncDirectory(cacheDir)
    const manifestText = JSON.stringify(manifest, null, 2)
    await writePointer(cacheDir, { generation: name, manifestSha256: sha256Hex(manifestText), ...checkOf(Buffer.from(manifestText, 'utf8'), 'manifestCheck') })
    await removeOldGenerations(cacheDir, [name, typeof previous === 'object' ? previous.generation : ''])
    return manifest
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    if (error instanceof GraphDoctorError) throw error
    throw new GraphDoctorError('ERR_IO', `cannot write the permission data to ${cacheDir}`, { cause: error })
  }
}

async function writeStaging(staging: string, generation: NewGeneration): Promise<CacheManifest> {
  const files: Partial<Record<DataFileRole, CachedFile>> = {}
  for (const role of DATA_FILE_ROLES) {
    const source = generation.files[role]
    if (source === undefined) continue
    const { data, origin } = source
    const name = DATA_FILES[role]
    await writeFileDurably(join(staging, name), data)
    files[role] = { name, sha256: sha256Hex(data), bytes: data.byteLength, ...checkOf(data, 'check'), origin }
  }
  const indexBytes = generation.index
  await writeFileDurably(join(staging, INDEX_FILE), indexBytes)
  const manifest: CacheManifest = {
    format: 'graph-doctor/permission-data',
    version: 1,
    source: generation.source,
    updatedAt: generation.now.toISOString(),
    files: files as CacheManifest['files'],
    index: { name: INDEX_FILE, sha256: sha256Hex(indexBytes), bytes: indexBytes.byteLength, ...checkOf(indexBytes, 'check') },
    stats: generation.stats,
  }
  await writeFileDurably(join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2))
  await syncDirectory(staging)
  return manifest
}

/** `{ [field]: quick check }`, or nothing where it cannot be computed (readers then verify sha256). */
function checkOf<Field extends string>(bytes: Uint8Array, field: Field): Partial<Record<Field, string>> {
  const check = quickCheckHex(bytes)
  return check === undefined ? {} : ({ [field]: check } as Partial<Record<Field, string>>)
}

async function writePointer(cacheDir: string, pointer: CachePointer): Promise<void> {
  const temporary = join(cacheDir, `${POINTER_FILE}.${crypto().randomBytes(4).toString('hex')}.tmp`)
  await writeFileDurably(temporary, JSON.stringify(pointer, null, 2))
  await rename(temporary, join(cacheDir, POINTER_FILE))
  await syncDirectory(cacheDir)
}

/** Best effort: old generations and crashed staging directories only waste space. */
async function removeOldGenerations(cacheDir: string, keep: readonly string[]): Promise<void> {
  const entries = await readdir(cacheDir).catch(() => [] as string[])
  const now = Date.now()
  for (const entry of entries) {
    const path = join(cacheDir, entry)
    if (entry.startsWith('gen-') && !keep.includes(entry)) {
      await rm(path, { recursive: true, force: true }).catch(() => undefined)
      continue
    }
    const isLeftover = entry.startsWith('staging-') || (entry.startsWith(`${POINTER_FILE}.`) && entry.endsWith('.tmp'))
    if (!isLeftover) continue
    const info = await stat(path).catch(() => undefined)
    if (info !== undefined && now - info.mtimeMs > STALE_STAGING_MS) await rm(path, { recursive: true, force: true }).catch(() => undefined)
  }
}
