import { GraphDoctorError } from '../../core/errors.js'
import { installGeneration } from './cache-store.js'
import { buildCatalogue, descriptionsProblem, permissionsDocumentProblem, provisioningInfoProblem, serializeIndex } from './engine.js'
import { displayUrl, fetchBytes, planSources, readLocalBytes } from './fetch-files.js'
import { DATA_FILE_ROLES, DATA_FILES, type CacheManifest, type DataFileRole } from './manifest.js'
import type { FileProgress } from './progress.js'

export interface UpdateOptions {
  readonly cacheDir: string
  /** `--from URL|DIR`; upstream when absent. */
  readonly from?: string
  readonly cwd: string
  readonly progress: (name: string, totalBytes: number | undefined) => FileProgress
  readonly now?: () => Date
}

export interface UpdateResult {
  readonly cacheDir: string
  readonly manifest: CacheManifest
  readonly elapsedMs: number
}

const SHAPE_CHECKS: Readonly<Record<DataFileRole, (json: unknown) => string | undefined>> = {
  permissions: permissionsDocumentProblem,
  provisioningInfo: provisioningInfoProblem,
  descriptions: descriptionsProblem,
}

/**
 * `graph-doctor data update`: fetch (or copy) the three files, validate them, build the derived
 * index and swap a new cache generation in atomically. Nothing in the cache changes unless every
 * step succeeded. Throws ERR_DOWNLOAD_FAILED, ERR_DATA_INVALID or ERR_IO.
 */
export async function updatePermissionData(options: UpdateOptions): Promise<UpdateResult> {
  const started = performance.now()
  const plan = planSources(options.from, options.cwd)
  const raw: Partial<Record<DataFileRole, Uint8Array>> = {}
  const parsed: Partial<Record<DataFileRole, unknown>> = {}
  for (const role of DATA_FILE_ROLES) {
    const location = plan.locations[role]
    const track = (total: number | undefined): FileProgress => options.progress(DATA_FILES[role], total)
    const bytes = plan.kind === 'url' ? await fetchBytes(location, track) : await readLocalBytes(location, track, role !== 'permissions')
    if (bytes === undefined) continue
    raw[role] = bytes
    parsed[role] = parseAndCheck(role, bytes)
  }
  const catalogue = buildOrExplain(parsed)
  if (catalogue.stats.templates === 0) {
    throw new GraphDoctorError('ERR_DATA_INVALID', `${DATA_FILES.permissions} from ${plan.label} maps no endpoint`)
  }
  const files: Partial<Record<DataFileRole, { data: Uint8Array; origin: string }>> = {}
  for (const role of DATA_FILE_ROLES) {
    const location = plan.locations[role]
    const data = raw[role]
    if (data !== undefined) files[role] = { data, origin: plan.kind === 'url' ? displayUrl(location) : location }
  }
  const manifest = await installGeneration({
    cacheDir: options.cacheDir,
    source: plan.label,
    files,
    index: serializeIndex(catalogue),
    stats: { templates: catalogue.stats.templates, permissions: catalogue.stats.permissions },
    now: (options.now ?? (() => new Date()))(),
  })
  return { cacheDir: options.cacheDir, manifest, elapsedMs: performance.now() - started }
}

function parseAndCheck(role: DataFileRole, bytes: Uint8Array): unknown {
  const name = DATA_FILES[role]
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (error) {
    throw new GraphDoctorError('ERR_DATA_INVALID', `${name} is not valid JSON (truncated or corrupt, ${bytes.byteLength} bytes)`, { cause: error })
  }
  const problem = SHAPE_CHECKS[role](json)
  if (problem !== undefined) throw new GraphDoctorError('ERR_DATA_INVALID', `${name} is not what graph-doctor expects: ${problem}`)
  return json
}

function buildOrExplain(parsed: Partial<Record<DataFileRole, unknown>>): ReturnType<typeof buildCatalogue> {
  try {
    return buildCatalogue({ permissions: parsed.permissions, provisioningInfo: parsed.provisioningInfo, descriptions: parsed.descriptions })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new GraphDoctorError('ERR_DATA_INVALID', `cannot build the permission catalogue: ${reason}`, { cause: error })
  }
}
