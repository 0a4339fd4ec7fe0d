import { isQuickCheck } from './quick-check.js'

/** The files `data update` stores, by role, with their upstream names. */
export const DATA_FILES = {
  permissions: 'permissions.json',
  provisioningInfo: 'provisioningInfo.json',
  descriptions: 'permissions-descriptions.json',
} as const

export type DataFileRole = keyof typeof DATA_FILES
export const DATA_FILE_ROLES: readonly DataFileRole[] = ['permissions', 'provisioningInfo', 'descriptions']

/** The derived index written beside the data (binary since index version 7, as the bundled snapshot's); loads faster than permissions.json. */
export const INDEX_FILE = 'catalogue-index'
export const MANIFEST_FILE = 'manifest.json'
/** The pointer readers follow; replaced by rename, so it always names a complete generation. */
export const POINTER_FILE = 'current.json'

export interface StoredFile {
  readonly name: string
  readonly sha256: string
  readonly bytes: number
  /** The quick check a run verifies instead of sha256 (quick-check.ts); absent in caches written before it. */
  readonly check?: string
}

/** `manifest.json` of one cache generation. */
export interface CacheManifest {
  readonly format: 'graph-doctor/permission-data'
  readonly version: 1
  /** Where the files came from: a base URL or a directory. */
  readonly source: string
  /** ISO time of the update. */
  readonly updatedAt: string
  /** permissions.json always; the GUID files when the source had them. */
  readonly files: { readonly permissions: CachedFile } & Readonly<Partial<Record<DataFileRole, CachedFile>>>
  readonly index: StoredFile
  readonly stats: { readonly templates: number; readonly permissions: number }
}

export type CachedFile = StoredFile & { readonly origin: string }

/** `current.json`: which generation is live, and the manifest's own checksum. */
export interface CachePointer {
  readonly generation: string
  readonly manifestSha256: string
  /** The manifest's quick check (quick-check.ts); absent in caches written before it. */
  readonly manifestCheck?: string
}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStoredFile(value: unknown): value is StoredFile {
  if (!isObject(value)) return false
  return (
    typeof value['name'] === 'string' &&
    /^[A-Za-z0-9._-]+$/.test(value['name']) &&
    typeof value['sha256'] === 'string' &&
    /^[0-9a-f]{64}$/.test(value['sha256']) &&
    typeof value['bytes'] === 'number' &&
    Number.isSafeInteger(value['bytes']) &&
    (value['check'] === undefined || isQuickCheck(value['check']))
  )
}

/** Parse `manifest.json`; a description of what is wrong when it is not one of ours. */
export function parseManifest(text: string): CacheManifest | string {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'manifest.json is not valid JSON'
  }
  if (!isObject(value) || value['format'] !== 'graph-doctor/permission-data') return 'manifest.json is not a graph-doctor manifest'
  if (value['version'] !== 1) return `manifest.json has version ${String(value['version'])}, this graph-doctor reads version 1`
  const files = value['files']
  if (!isObject(files)) return 'manifest.json lists no valid data files'
  const isValid = (role: DataFileRole): boolean => isStoredFile(files[role]) || (role !== 'permissions' && files[role] === undefined)
  if (!DATA_FILE_ROLES.every(isValid)) return 'manifest.json lists no valid data files'
  if (!isStoredFile(value['index'])) return 'manifest.json lists no valid index'
  if (typeof value['source'] !== 'string' || typeof value['updatedAt'] !== 'string') return 'manifest.json lacks source or date'
  const stats = value['stats']
  if (!isObject(stats) || typeof stats['templates'] !== 'number' || typeof stats['permissions'] !== 'number') return 'manifest.json lacks counts'
  return value as unknown as CacheManifest
}

/** Parse `current.json`; a description of what is wrong when it is damaged. */
export function parsePointer(text: string): CachePointer | string {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'current.json is not valid JSON'
  }
  if (!isObject(value)) return 'current.json is not an object'
  const generation = value['generation']
  const manifestSha256 = value['manifestSha256']
  if (typeof generation !== 'string' || !/^gen-[A-Za-z0-9-]+$/.test(generation)) return 'current.json names no generation'
  if (typeof manifestSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(manifestSha256)) return 'current.json has no manifest checksum'
  const manifestCheck = value['manifestCheck']
  if (manifestCheck === undefined) return { generation, manifestSha256 }
  if (!isQuickCheck(manifestCheck)) return 'current.json has a malformed manifest check'
  return { generation, manifestSha256, manifestCheck }
}
