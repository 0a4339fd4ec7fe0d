/**
 * Permission data for tests. Most tests use the snapshot bundled in `data/permissions/` (what graph-doctor
 * uses out of the box; it needs nothing beside the clone). Tests about the raw official format read
 * `../shared/data/devx-content/` and are skipped, saying so, when that folder is absent (CI has it).
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadCatalogueIndex } from '../../src/core/permissions/index.js'
import type { PermissionCatalogue } from '../../src/core/permissions/types.js'

const FILES = {
  permissions: 'permissions.json',
  provisioningInfo: 'provisioningInfo.json',
  descriptions: 'permissions-descriptions.json',
} as const

/** The bundled snapshot's folder, with a trailing slash. */
export const SNAPSHOT_DIR = fileURLToPath(new URL('../../data/permissions/', import.meta.url))

const sharedDir = fileURLToPath(new URL('../../../shared/data/devx-content/', import.meta.url))

/** `../shared/data/devx-content/` (with a trailing slash) when it sits beside the repository, else undefined. */
export const SHARED_DATA_DIR: string | undefined = existsSync(`${sharedDir}${FILES.permissions}`) ? sharedDir : undefined

/**
 * Options for a `describe`/`it` about the raw official files: `{ skip: reason }` when they are absent,
 * so the runner prints why the test did not run.
 */
export const needsSharedData: { skip?: string } =
  SHARED_DATA_DIR === undefined ? { skip: `the raw official permission files are absent (${sharedDir}); CI always has them` } : {}

/** Absolute path of `../shared/data/devx-content/`; throws when absent (guard the test with {@link needsSharedData}). */
export function sharedDataDir(): string {
  if (SHARED_DATA_DIR === undefined) throw new Error(`The shared permission data is missing: expected ${sharedDir}${FILES.permissions}.`)
  return SHARED_DATA_DIR
}

/** Parse one of the shared raw data files (guard the test with {@link needsSharedData}). */
export function readSharedJson(name: keyof typeof FILES): unknown {
  return JSON.parse(readFileSync(`${sharedDataDir()}${FILES[name]}`, 'utf8'))
}

let cached: PermissionCatalogue | undefined

/** The catalogue of the bundled snapshot, once per process. */
export function loadSnapshotCatalogue(): PermissionCatalogue {
  cached ??= loadCatalogueIndex(readFileSync(`${SNAPSHOT_DIR}catalogue-index`))
  return cached
}
