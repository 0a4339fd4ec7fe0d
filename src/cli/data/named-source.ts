/** Permission data the user named: `--permissions FILE|DIR` or `GRAPH_DOCTOR_PERMISSIONS`. */
import { readFileSync, statSync, type Stats } from 'node:fs'
import { dirname, join } from 'node:path'
import { GraphDoctorError } from '../../core/errors.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import { loadCachedCatalogue } from './cache-read.js'
import { derivedKey, loadDerived, storeDerived } from './derived-cache.js'
import { buildCatalogue, permissionsDocumentProblem } from './engine.js'
import { isErrnoCode } from './fs-util.js'
import { DATA_FILES, POINTER_FILE } from './manifest.js'

export interface NamedData {
  readonly catalogue: PermissionCatalogue
  /** ISO time the data was taken: the cache's update, else the permissions.json's modification time. */
  readonly date: string
}

/**
 * Load a file or folder the user named: a cache folder (verified like the user cache), a folder holding
 * permissions.json, or a permissions.json (GUID files beside it when present). A raw file's derived
 * index is kept in `cacheDir`, so only its first use pays for parsing. Missing or invalid data throws
 * `ERR_DATA_MISSING` / `ERR_DATA_INVALID`: silently ignoring what the user named would mislead.
 */
export async function loadNamedSource(path: string, origin: string, cacheDir: string, warn: (line: string) => void): Promise<NamedData> {
  let info: Stats
  try {
    info = statSync(path)
  } catch (error) {
    const reason = isErrnoCode(error, 'ENOENT') ? 'no such file or directory' : errorReason(error)
    throw new GraphDoctorError('ERR_DATA_MISSING', `${origin} ${path}: ${reason}`, { cause: error })
  }
  if (!info.isDirectory()) return loadPermissionsFile(path, origin, cacheDir, warn)
  const isCache = exists(join(path, POINTER_FILE))
  if (!isCache) return loadPermissionsFile(join(path, DATA_FILES.permissions), origin, cacheDir, warn)
  const loaded = await loadCachedCatalogue(path)
  if (loaded.state === 'loaded') {
    for (const note of loaded.notes) warn(note)
    return { catalogue: loaded.catalogue, date: loaded.manifest.updatedAt }
  }
  const problem = loaded.state === 'empty' ? 'the cache is empty' : loaded.problem
  throw new GraphDoctorError('ERR_DATA_INVALID', `${origin} ${path}: ${problem}`)
}

async function loadPermissionsFile(path: string, origin: string, cacheDir: string, warn: (line: string) => void): Promise<NamedData> {
  const permissions = await readBytes(path, origin)
  const dir = dirname(path)
  const provisioningInfo = await readBytes(join(dir, DATA_FILES.provisioningInfo), origin).catch(ifMissing)
  const descriptions = await readBytes(join(dir, DATA_FILES.descriptions), origin).catch(ifMissing)
  if (provisioningInfo === undefined && descriptions === undefined) {
    warn(`${origin}: no ${DATA_FILES.provisioningInfo} or ${DATA_FILES.descriptions} beside ${path}: permission GUIDs and admin-consent flags are unknown.`)
  }
  const date = statSync(path).mtime.toISOString()
  const key = derivedKey([permissions, provisioningInfo, descriptions])
  const derived = await loadDerived(cacheDir, key)
  if (derived !== undefined) return { catalogue: derived, date }
  const document = parseJson(permissions, path, origin)
  const problem = permissionsDocumentProblem(document)
  if (problem !== undefined) throw new GraphDoctorError('ERR_DATA_INVALID', `${origin} ${path}: not a Graph permissions document (${problem})`)
  let catalogue: PermissionCatalogue
  try {
    catalogue = buildCatalogue({
      permissions: document,
      ...(provisioningInfo === undefined ? {} : { provisioningInfo: parseJson(provisioningInfo, join(dir, DATA_FILES.provisioningInfo), origin) }),
      ...(descriptions === undefined ? {} : { descriptions: parseJson(descriptions, join(dir, DATA_FILES.descriptions), origin) }),
    })
  } catch (error) {
    if (error instanceof GraphDoctorError && error.message.startsWith(origin)) throw error
    throw new GraphDoctorError('ERR_DATA_INVALID', `${origin} ${path}: cannot build the permission catalogue (${errorReason(error)})`, { cause: error })
  }
  await storeDerived(cacheDir, key, catalogue)
  return { catalogue, date }
}

function exists(path: string): boolean {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
}

/** A GUID file that is absent is fine; any other failure to read it is not. */
function ifMissing(error: unknown): undefined {
  if (error instanceof GraphDoctorError && error.code === 'ERR_DATA_MISSING') return undefined
  throw error
}

async function readBytes(path: string, origin: string): Promise<Buffer> {
  try {
    return readFileSync(path)
  } catch (error) {
    const code = isErrnoCode(error, 'ENOENT') ? 'ERR_DATA_MISSING' : 'ERR_IO'
    throw new GraphDoctorError(code, `${origin} ${path}: ${isErrnoCode(error, 'ENOENT') ? 'no such file' : errorReason(error)}`, { cause: error })
  }
}

function parseJson(bytes: Buffer, path: string, origin: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown
  } catch (error) {
    throw new GraphDoctorError('ERR_DATA_INVALID', `${origin} ${path}: not valid JSON (truncated or corrupt)`, { cause: error })
  }
}

export function errorReason(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message
  return String(error)
}
