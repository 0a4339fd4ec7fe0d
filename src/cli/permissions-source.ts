/**
 * Where the permission data comes from at run time: `--permissions FILE|DIR`, then
 * `GRAPH_DOCTOR_PERMISSIONS`, then the user cache filled by `graph-doctor data update`.
 */
import { readFile, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { GraphDoctorError } from '../core/errors.js'
import type { PermissionCatalogue } from '../core/permissions/types.js'
import { userCacheDir } from './data/cache-dir.js'
import { loadCachedCatalogue } from './data/cache-read.js'
import { buildCatalogue, permissionsDocumentProblem } from './data/engine.js'
import { isErrnoCode } from './data/fs-util.js'
import { DATA_FILES, POINTER_FILE } from './data/manifest.js'

export { userCacheDir } from './data/cache-dir.js'

type Env = Readonly<Record<string, string | undefined>>

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
}

const HOW_TO_GET =
  'no Microsoft Graph permission data: run `graph-doctor data update` once, or pass --permissions FILE (a permissions.json from microsoft-graph-devx-content)'

/**
 * The permission engine from the first source that exists, or undefined (after ONE warning
 * line) when none does or the cache is damaged: diagnosis then runs the checks that need no data.
 * A file the user named (flag or environment) that is missing or invalid throws
 * `ERR_DATA_MISSING` / `ERR_DATA_INVALID` instead, since silently ignoring it would mislead.
 *
 * @example
 * const catalogue = await resolvePermissionCatalogue({ env: process.env, warn: (line) => console.error(line) })
 */
export async function resolvePermissionCatalogue(options: PermissionSourceOptions): Promise<PermissionCatalogue | undefined> {
  const cwd = options.cwd ?? process.cwd()
  const named = nonEmpty(options.file) ?? nonEmpty(options.env['GRAPH_DOCTOR_PERMISSIONS'])
  if (named !== undefined) {
    const origin = nonEmpty(options.file) !== undefined ? '--permissions' : 'GRAPH_DOCTOR_PERMISSIONS'
    return loadNamedSource(isAbsolute(named) ? named : resolve(cwd, named), origin, options.warn)
  }
  const loaded = await loadFromCache(userCacheDir(options.env), options.warn)
  if (!('problem' in loaded)) return loaded.catalogue
  if (options.isRequired === true) throw new GraphDoctorError(loaded.code, loaded.problem)
  options.warn(`${loaded.problem}; permission checks are skipped.`)
  return undefined
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined
}

type CacheOutcome = { readonly catalogue: PermissionCatalogue } | { readonly code: 'ERR_DATA_MISSING' | 'ERR_DATA_INVALID'; readonly problem: string }

async function loadFromCache(cacheDir: string, warn: (line: string) => void): Promise<CacheOutcome> {
  let loaded
  try {
    loaded = await loadCachedCatalogue(cacheDir)
  } catch (error) {
    return { code: 'ERR_DATA_INVALID', problem: `cannot read the permission data cache ${cacheDir} (${errorReason(error)}); run \`graph-doctor data update\`` }
  }
  if (loaded.state === 'empty') return { code: 'ERR_DATA_MISSING', problem: HOW_TO_GET }
  if (loaded.state === 'damaged') {
    return { code: 'ERR_DATA_INVALID', problem: `the permission data cache is damaged and not used (${loaded.problem}); run \`graph-doctor data update\` to repair it` }
  }
  for (const note of loaded.notes) warn(note)
  return { catalogue: loaded.catalogue }
}

async function loadNamedSource(path: string, origin: string, warn: (line: string) => void): Promise<PermissionCatalogue> {
  const info = await stat(path).catch((error: unknown) => {
    const reason = isErrnoCode(error, 'ENOENT') ? 'no such file or directory' : errorReason(error)
    throw new GraphDoctorError('ERR_DATA_MISSING', `${origin} ${path}: ${reason}`, { cause: error })
  })
  if (!info.isDirectory()) return loadPermissionsFile(path, origin, warn)
  const isCache = await stat(join(path, POINTER_FILE)).then(() => true, () => false)
  if (!isCache) return loadPermissionsFile(join(path, DATA_FILES.permissions), origin, warn)
  const loaded = await loadCachedCatalogue(path)
  if (loaded.state === 'loaded') {
    for (const note of loaded.notes) warn(note)
    return loaded.catalogue
  }
  const problem = loaded.state === 'empty' ? 'the cache is empty' : loaded.problem
  throw new GraphDoctorError('ERR_DATA_INVALID', `${origin} ${path}: ${problem}`)
}

/** A permissions.json, with provisioningInfo.json and permissions-descriptions.json beside it when present. */
async function loadPermissionsFile(path: string, origin: string, warn: (line: string) => void): Promise<PermissionCatalogue> {
  const permissions = await readJson(path, origin, true)
  const problem = permissionsDocumentProblem(permissions)
  if (problem !== undefined) throw new GraphDoctorError('ERR_DATA_INVALID', `${origin} ${path}: not a Graph permissions document (${problem})`)
  const dir = dirname(path)
  const provisioningInfo = await readJson(join(dir, DATA_FILES.provisioningInfo), origin, false)
  const descriptions = await readJson(join(dir, DATA_FILES.descriptions), origin, false)
  if (provisioningInfo === undefined && descriptions === undefined) {
    warn(`${origin}: no ${DATA_FILES.provisioningInfo} or ${DATA_FILES.descriptions} beside ${path}: permission GUIDs and admin-consent flags are unknown.`)
  }
  try {
    return buildCatalogue({
      permissions,
      ...(provisioningInfo === undefined ? {} : { provisioningInfo }),
      ...(descriptions === undefined ? {} : { descriptions }),
    })
  } catch (error) {
    throw new GraphDoctorError('ERR_DATA_INVALID', `${origin} ${path}: cannot build the permission catalogue (${errorReason(error)})`, { cause: error })
  }
}

async function readJson(path: string, origin: string, isRequired: boolean): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (!isRequired && isErrnoCode(error, 'ENOENT')) return undefined
    const code = isErrnoCode(error, 'ENOENT') ? 'ERR_DATA_MISSING' : 'ERR_IO'
    throw new GraphDoctorError(code, `${origin} ${path}: ${isErrnoCode(error, 'ENOENT') ? 'no such file' : errorReason(error)}`, { cause: error })
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new GraphDoctorError('ERR_DATA_INVALID', `${origin} ${path}: not valid JSON (truncated or corrupt)`, { cause: error })
  }
}

function errorReason(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message
  return String(error)
}
