/**
 * Where the permission data comes from at run time, first match wins: `--permissions FILE|DIR`, then
 * `GRAPH_DOCTOR_PERMISSIONS`, then a valid user cache filled by `graph-doctor data update`, then the
 * snapshot bundled with graph-doctor (so every installation can name permissions offline).
 */
import { isAbsolute, resolve } from 'node:path'
import { GraphDoctorError } from '../core/errors.js'
import type { PermissionCatalogue } from '../core/permissions/types.js'
import type { PermissionDataJson } from '../render/diagnosis/json.js'
import { ageInDays, isSupersededBySnapshot, STALE_DAYS } from './data/age.js'
import { userCacheDir } from './data/cache-dir.js'
import { inspectCache, loadCachedCatalogue, type CacheInspection } from './data/cache-read.js'
import { errorReason, loadNamedSource } from './data/named-source.js'
import { loadSnapshot, readSnapshotManifest, snapshotDir } from './data/snapshot.js'

export { userCacheDir } from './data/cache-dir.js'

type Env = Readonly<Record<string, string | undefined>>

export type PermissionSourceKind = '--permissions' | 'GRAPH_DOCTOR_PERMISSIONS' | 'cache' | 'snapshot'

/** Which source answered, and how old its data is (reported by `data status` and the JSON outputs). */
export interface PermissionDataSource {
  readonly kind: PermissionSourceKind
  /** The file or folder read. */
  readonly location: string
  /** When the data was taken: the upstream commit (snapshot), the download (cache), else the file's modification time. */
  readonly date: string
}

export interface PermissionData {
  readonly catalogue: PermissionCatalogue
  readonly source: PermissionDataSource
}

export interface PermissionSourceOptions {
  /** `--permissions FILE|DIR`: a permissions.json (GUID files beside it), a folder holding them, or a cache folder. */
  readonly file?: string
  readonly env: Env
  /** One line for stderr, without the `graph-doctor:` prefix. */
  readonly warn: (line: string) => void
  /** Resolves a relative `file`; defaults to the process's working directory. */
  readonly cwd?: string
  /** The caller cannot work without the data (`perms`): throw ERR_DATA_MISSING/ERR_DATA_INVALID instead of warning. */
  readonly isRequired?: boolean
  /** Warn when the cache or the snapshot in use is older than {@link STALE_DAYS} (not for JSON output). */
  readonly noteAge?: boolean
  readonly now?: Date
  /** The bundled snapshot's folder (tests). */
  readonly snapshotDir?: string
}

const HOW_TO_GET =
  'no Microsoft Graph permission data: run `graph-doctor data update` once, or pass --permissions FILE (a permissions.json from microsoft-graph-devx-content)'

/**
 * The permission engine and its source, from the first source that exists, or undefined (after ONE
 * warning line) when none does: diagnosis then runs the checks that need no data. A damaged cache is
 * reported and skipped; a cache older than the bundled snapshot gives way to it. A file the user named
 * (flag or environment) that is missing or invalid throws `ERR_DATA_MISSING` / `ERR_DATA_INVALID`.
 *
 * @example
 * const data = await resolvePermissionData({ env: process.env, warn: (line) => console.error(line) })
 * data?.source.kind // 'snapshot' on a fresh installation
 */
export async function resolvePermissionData(options: PermissionSourceOptions): Promise<PermissionData | undefined> {
  const cacheDir = userCacheDir(options.env)
  const flag = nonEmpty(options.file)
  const named = flag ?? nonEmpty(options.env['GRAPH_DOCTOR_PERMISSIONS'])
  if (named !== undefined) {
    const kind = flag !== undefined ? '--permissions' : 'GRAPH_DOCTOR_PERMISSIONS'
    const location = isAbsolute(named) ? named : resolve(options.cwd ?? process.cwd(), named)
    const { catalogue, date } = await loadNamedSource(location, kind, cacheDir, options.warn)
    return { catalogue, source: { kind, location, date } }
  }
  const bundled = options.snapshotDir ?? snapshotDir()
  // the cache's manifest date decides first: a cache the snapshot replaces is not read (or rebuilt) at all
  const inspection = await inspectOrUndefined(cacheDir)
  const superseded = await isCacheSuperseded(inspection, bundled)
  let cache: CacheOutcome = superseded ? { code: 'ERR_DATA_MISSING', problem: HOW_TO_GET } : await loadFromCache(cacheDir, options.warn, inspection)
  if ('catalogue' in cache) return withAgeNote(cache, options)
  const snapshot = await loadSnapshot(bundled)
  if (snapshot.state !== 'loaded' && superseded) {
    cache = await loadFromCache(cacheDir, options.warn, inspection) // an old cache is better than none
    if ('catalogue' in cache) return withAgeNote(cache, options)
  }
  if (snapshot.state === 'loaded') {
    if ('problem' in cache && cache.code === 'ERR_DATA_INVALID') options.warn(`${cache.problem}; using the bundled snapshot instead.`)
    const source: PermissionDataSource = { kind: 'snapshot', location: bundled, date: snapshot.manifest.upstream.date }
    return withAgeNote({ catalogue: snapshot.catalogue, source }, options)
  }
  const problem = 'problem' in cache && cache.code === 'ERR_DATA_INVALID' ? cache.problem : `${HOW_TO_GET} (${snapshot.problem})`
  if (options.isRequired === true) throw new GraphDoctorError('problem' in cache ? cache.code : 'ERR_DATA_MISSING', problem)
  options.warn(`${problem}; permission checks are skipped.`)
  return undefined
}

/** {@link resolvePermissionData} without the source. */
export async function resolvePermissionCatalogue(options: PermissionSourceOptions): Promise<PermissionCatalogue | undefined> {
  return (await resolvePermissionData(options))?.catalogue
}

/** The `permissionData` field of the JSON outputs. */
export function permissionDataJson(source: PermissionDataSource, now: Date = new Date()): PermissionDataJson {
  return { source: source.kind, location: source.location, date: source.date, ageDays: ageInDays(source.date, now) }
}

let hasNotedAge = false

function withAgeNote(data: PermissionData, options: PermissionSourceOptions): PermissionData {
  const age = ageInDays(data.source.date, options.now)
  if (options.noteAge === true && age > STALE_DAYS && !hasNotedAge) {
    hasNotedAge = true
    const what = data.source.kind === 'snapshot' ? `the bundled snapshot, of ${data.source.date}` : `the cache, updated ${data.source.date.slice(0, 10)}`
    options.warn(`the permission data in use (${what}) is ${age} days old; \`graph-doctor data update\` fetches the current map.`)
  }
  return data
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined
}

/** The cache's pointer and manifest, checked; undefined when they cannot be read (loadFromCache then reports why). */
async function inspectOrUndefined(cacheDir: string): Promise<CacheInspection | undefined> {
  try {
    return await inspectCache(cacheDir)
  } catch {
    return undefined
  }
}

/** Whether the cache is ready and older than the bundled snapshot, from the two manifests alone. */
async function isCacheSuperseded(inspection: CacheInspection | undefined, snapshot: string): Promise<boolean> {
  if (inspection?.state !== 'ready') return false
  const manifest = await readSnapshotManifest(snapshot)
  return typeof manifest !== 'string' && isSupersededBySnapshot(inspection.manifest.updatedAt, manifest.upstream.date)
}

type CacheOutcome = PermissionData | { readonly code: 'ERR_DATA_MISSING' | 'ERR_DATA_INVALID'; readonly problem: string }

async function loadFromCache(cacheDir: string, warn: (line: string) => void, inspection: CacheInspection | undefined): Promise<CacheOutcome> {
  let loaded
  try {
    loaded = await loadCachedCatalogue(cacheDir, inspection)
  } catch (error) {
    return { code: 'ERR_DATA_INVALID', problem: `cannot read the permission data cache ${cacheDir} (${errorReason(error)}); run \`graph-doctor data update\`` }
  }
  if (loaded.state === 'empty') return { code: 'ERR_DATA_MISSING', problem: HOW_TO_GET }
  if (loaded.state === 'damaged') {
    return { code: 'ERR_DATA_INVALID', problem: `the permission data cache is damaged and not used (${loaded.problem}); run \`graph-doctor data update\` to repair it` }
  }
  for (const note of loaded.notes) warn(note)
  return { catalogue: loaded.catalogue, source: { kind: 'cache', location: cacheDir, date: loaded.manifest.updatedAt } }
}
