import { inspectCache, readVerified } from './cache-read.js'
import { checkIndex } from './engine.js'
import { DATA_FILE_ROLES, type CacheManifest, type DataFileRole } from './manifest.js'

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
}

/** Inspect the cache fully: every file's size and sha256, and whether the index loads. */
export async function collectCacheStatus(cacheDir: string, env: Readonly<Record<string, string | undefined>>): Promise<CacheStatus> {
  const override = env['GRAPH_DOCTOR_PERMISSIONS']
  const overriddenBy = override !== undefined && override.trim() !== '' ? override : undefined
  const base = { cacheDir, files: [], isIndexUsable: false, ...(overriddenBy !== undefined ? { overriddenBy } : {}) }
  const inspection = await inspectCache(cacheDir)
  if (inspection.state === 'empty') return { ...base, state: 'empty' }
  if (inspection.state === 'damaged') return { ...base, state: 'damaged', problem: inspection.problem }
  const { generationDir, manifest } = inspection
  const files: StoredFileStatus[] = []
  let indexBytes: Buffer | undefined
  for (const role of [...DATA_FILE_ROLES, 'index'] as const) {
    const file = role === 'index' ? manifest.index : manifest.files[role]
    const bytes = await readVerified(generationDir, file)
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
