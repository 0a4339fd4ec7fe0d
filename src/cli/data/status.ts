import { isSupersededBySnapshot } from './age.js'
import { inspectCache, readVerified } from './cache-read.js'
import { checkIndex } from './engine.js'
import { DATA_FILE_ROLES, type CacheManifest, type DataFileRole } from './manifest.js'
import { readSnapshotManifest, snapshotDir } from './snapshot.js'

export interface StoredFileStatus {
  readonly role: DataFileRole | 'index'
  readonly name: string
  readonly bytes: number
  readonly sha256: string
  /** Present, of the recorded size and sha256. */
  readonly isIntact: boolean
  readonly problem?: string
}

/** What `graph-doctor data status` reports (also its JSON shape). */
export interface CacheStatus {
  readonly cacheDir: string
  readonly state: 'empty' | 'damaged' | 'ready'
  readonly problem?: string
  readonly source?: string
  readonly updatedAt?: string
  readonly stats?: CacheManifest['stats']
  readonly files: readonly StoredFileStatus[]
  /** The derived index is intact AND this graph-doctor can load it. */
  readonly isIndexUsable: boolean
  /** Set when `GRAPH_DOCTOR_PERMISSIONS` takes precedence over the cache. */
  readonly overriddenBy?: string
  /** The snapshot bundled with graph-doctor, used when there is no valid cache as new as it. */
  readonly snapshot: SnapshotStatus
  /** Which source diagnose and perms use now (without --permissions): its kind, location and date. */
  readonly inUse?: { readonly source: 'GRAPH_DOCTOR_PERMISSIONS' | 'cache' | 'snapshot'; readonly location: string; readonly date?: string }
}

export interface SnapshotStatus {
  readonly location: string
  readonly isIntact: boolean
  readonly problem?: string
  /** Upstream commit and its date. */
  readonly commit?: string
  readonly date?: string
  readonly stats?: { readonly templates: number; readonly permissions: number }
}

/** The cache and the bundled snapshot, each checked in full, and which of them (or the environment) answers. */
export async function collectCacheStatus(
  cacheDir: string,
  env: Readonly<Record<string, string | undefined>>,
  bundledDir: string = snapshotDir(),
): Promise<CacheStatus> {
  const cache = await collectCacheOnly(cacheDir, env, await collectSnapshotStatus(bundledDir))
  const override = cache.overriddenBy
  if (override !== undefined) return { ...cache, inUse: { source: 'GRAPH_DOCTOR_PERMISSIONS', location: override } }
  const { snapshot } = cache
  const isCacheCurrent = cache.state === 'ready' && !isSupersededBySnapshot(cache.updatedAt ?? '', snapshot.date)
  if (isCacheCurrent) return { ...cache, inUse: { source: 'cache', location: cacheDir, ...(cache.updatedAt === undefined ? {} : { date: cache.updatedAt }) } }
  if (!snapshot.isIntact) return cache
  return { ...cache, inUse: { source: 'snapshot', location: snapshot.location, ...(snapshot.date === undefined ? {} : { date: snapshot.date }) } }
}

async function collectSnapshotStatus(location: string): Promise<SnapshotStatus> {
  const manifest = await readSnapshotManifest(location)
  if (typeof manifest === 'string') return { location, isIntact: false, problem: manifest }
  const index = await readVerified(location, manifest.index)
  const described = { location, commit: manifest.upstream.commit, date: manifest.upstream.date, stats: manifest.stats }
  if (typeof index === 'string') return { ...described, isIntact: false, problem: index }
  return indexLoads(index) ? { ...described, isIntact: true } : { ...described, isIntact: false, problem: 'its index is not readable by this graph-doctor' }
}

/** Inspect the cache fully: every file's size and sha256, and whether the index loads. */
async function collectCacheOnly(cacheDir: string, env: Readonly<Record<string, string | undefined>>, snapshot: SnapshotStatus): Promise<CacheStatus> {
  const override = env['GRAPH_DOCTOR_PERMISSIONS']
  const overriddenBy = override !== undefined && override.trim() !== '' ? override : undefined
  const base = { cacheDir, files: [], isIndexUsable: false, snapshot, ...(overriddenBy !== undefined ? { overriddenBy } : {}) }
  const inspection = await inspectCache(cacheDir, 'sha256')
  if (inspection.state === 'empty') return { ...base, state: 'empty' }
  if (inspection.state === 'damaged') return { ...base, state: 'damaged', problem: inspection.problem }
  const { generationDir, manifest } = inspection
  const files: StoredFileStatus[] = []
  let indexBytes: Buffer | undefined
  for (const role of [...DATA_FILE_ROLES, 'index'] as const) {
    const file = role === 'index' ? manifest.index : manifest.files[role]
    if (file === undefined) continue
    const bytes = await readVerified(generationDir, file, 'sha256')
    const common = { role, name: file.name, bytes: file.bytes, sha256: file.sha256 }
    files.push(typeof bytes === 'string' ? { ...common, isIntact: false, problem: bytes } : { ...common, isIntact: true })
    if (role === 'index' && typeof bytes !== 'string') indexBytes = bytes
  }
  const firstProblem = files.find((file) => !file.isIntact)?.problem
  const isIndexUsable = indexBytes !== undefined && indexLoads(indexBytes)
  const state = firstProblem === undefined ? 'ready' : 'damaged'
  const described = { ...base, source: manifest.source, updatedAt: manifest.updatedAt, stats: manifest.stats, files, isIndexUsable }
  return firstProblem === undefined ? { ...described, state } : { ...described, state, problem: firstProblem }
}

/** The verified index decodes in full with this graph-doctor's engine. */
function indexLoads(bytes: Uint8Array): boolean {
  try {
    checkIndex(bytes)
    return true
  } catch {
    return false
  }
}
