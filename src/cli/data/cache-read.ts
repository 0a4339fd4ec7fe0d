import { join } from 'node:path'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import { buildCatalogue, loadIndex } from './engine.js'
import { readIfExists, sha256Hex } from './fs-util.js'
import { quickCheckHex } from './quick-check.js'
import {
  MANIFEST_FILE,
  POINTER_FILE,
  parseManifest,
  parsePointer,
  type CacheManifest,
  type CachePointer,
  type StoredFile,
} from './manifest.js'

export type CacheInspection =
  | { readonly state: 'empty'; readonly cacheDir: string }
  | { readonly state: 'damaged'; readonly cacheDir: string; readonly problem: string }
  | { readonly state: 'ready'; readonly cacheDir: string; readonly generationDir: string; readonly manifest: CacheManifest }

export type CacheLoad =
  | { readonly state: 'empty' }
  | { readonly state: 'damaged'; readonly problem: string }
  | { readonly state: 'loaded'; readonly catalogue: PermissionCatalogue; readonly manifest: CacheManifest; readonly notes: readonly string[] }

/** `current.json`: undefined when absent, a problem string when damaged. */
export async function readCachePointer(cacheDir: string): Promise<CachePointer | string | undefined> {
  const bytes = await readIfExists(join(cacheDir, POINTER_FILE))
  if (bytes === undefined) return undefined
  return parsePointer(bytes.toString('utf8'))
}

/** Follow the pointer to the live generation and check its manifest. Reads no data file. */
export async function inspectCache(cacheDir: string, verification: Verification = 'quick'): Promise<CacheInspection> {
  const pointer = await readCachePointer(cacheDir)
  if (pointer === undefined) return { state: 'empty', cacheDir }
  if (typeof pointer === 'string') return { state: 'damaged', cacheDir, problem: pointer }
  const generationDir = join(cacheDir, pointer.generation)
  const manifestBytes = await readIfExists(join(generationDir, MANIFEST_FILE))
  if (manifestBytes === undefined) return { state: 'damaged', cacheDir, problem: `${pointer.generation}/${MANIFEST_FILE} is missing` }
  if (!matches(manifestBytes, pointer.manifestCheck, pointer.manifestSha256, verification)) {
    return { state: 'damaged', cacheDir, problem: `${MANIFEST_FILE} does not match its checksum` }
  }
  const manifest = parseManifest(manifestBytes.toString('utf8'))
  if (typeof manifest === 'string') return { state: 'damaged', cacheDir, problem: manifest }
  return { state: 'ready', cacheDir, generationDir, manifest }
}

/** How a run verifies a stored file: its quick check where the manifest has one, else sha256; or sha256 always. */
export type Verification = 'quick' | 'sha256'

/**
 * The bytes of a stored file after checking size and checksum (`quick`: the manifest's quick check
 * when it has one and this Node can compute it, else sha256; `sha256` always), or a problem string.
 */
export async function readVerified(dir: string, file: StoredFile, verification: Verification = 'quick'): Promise<Buffer | string> {
  const bytes = await readIfExists(join(dir, file.name))
  if (bytes === undefined) return `${file.name} is missing`
  if (bytes.byteLength !== file.bytes) return `${file.name} has ${bytes.byteLength} bytes, the manifest says ${file.bytes}`
  if (!matches(bytes, file.check, file.sha256, verification)) return `${file.name} does not match its ${verification === 'quick' && file.check !== undefined ? 'checksum' : 'sha256'}`
  return bytes
}

/** The bytes against their recorded quick check (see quick-check.ts: as safe against damage, without loading node:crypto) or sha256. */
function matches(bytes: Uint8Array, check: string | undefined, sha256: string, verification: Verification): boolean {
  const quick = verification === 'quick' && check !== undefined ? quickCheckHex(bytes) : undefined
  return quick === undefined ? sha256Hex(bytes) === sha256 : quick === check
}

/**
 * Load the catalogue from the cache: the derived index when this engine can read it, otherwise
 * (an index from another graph-doctor version) rebuilt from the verified raw files, with a note.
 * Anything that fails a checksum makes the whole cache `damaged`: it is never used. `inspected`: this
 * run's {@link inspectCache} of the same folder, which is then not read and checked again.
 */
export async function loadCachedCatalogue(cacheDir: string, inspected?: CacheInspection): Promise<CacheLoad> {
  const inspection = inspected ?? (await inspectCache(cacheDir))
  if (inspection.state !== 'ready') return inspection
  const { generationDir, manifest } = inspection
  const index = await readVerified(generationDir, manifest.index)
  if (typeof index === 'string') return { state: 'damaged', problem: index }
  try {
    return { state: 'loaded', catalogue: loadIndex(index), manifest, notes: [] }
  } catch {
    const rebuilt = await rebuildFromRawFiles(generationDir, manifest)
    if (typeof rebuilt === 'string') return { state: 'damaged', problem: rebuilt }
    const note = 'the cached index was written by another graph-doctor version; rebuilt it in memory (run `graph-doctor data update` to make start-up fast again)'
    return { state: 'loaded', catalogue: rebuilt, manifest, notes: [note] }
  }
}

async function rebuildFromRawFiles(dir: string, manifest: CacheManifest): Promise<PermissionCatalogue | string> {
  const parsed: Record<string, unknown> = {}
  for (const [role, file] of Object.entries(manifest.files)) {
    const bytes = await readVerified(dir, file)
    if (typeof bytes === 'string') return bytes
    try {
      parsed[role] = JSON.parse(bytes.toString('utf8'))
    } catch {
      return `${file.name} is not valid JSON`
    }
  }
  try {
    return buildCatalogue({ permissions: parsed['permissions'], provisioningInfo: parsed['provisioningInfo'], descriptions: parsed['descriptions'] })
  } catch (error) {
    return `cannot build the catalogue from ${dir}: ${error instanceof Error ? error.message : String(error)}`
  }
}
