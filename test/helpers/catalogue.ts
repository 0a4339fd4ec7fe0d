/**
 * The shared official permission data for tests. The data lives beside the repository in
 * `../shared/data/devx-content/` and is never copied into it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildPermissionCatalogue } from '../../src/core/permissions/index.js'
import type { PermissionCatalogue } from '../../src/core/permissions/types.js'

const FILES = {
  permissions: 'permissions.json',
  provisioningInfo: 'provisioningInfo.json',
  descriptions: 'permissions-descriptions.json',
} as const

/** Absolute path of `../shared/data/devx-content/` (relative to the repository root), with a trailing slash. */
export function sharedDataDir(): string {
  const dir = fileURLToPath(new URL('../../../shared/data/devx-content/', import.meta.url))
  if (!existsSync(`${dir}${FILES.permissions}`)) {
    throw new Error(
      `The shared permission data is missing: expected ${dir}${FILES.permissions}. ` +
        'Tests read the official data from ../shared/data/devx-content/ beside the repository (it is never copied into it).',
    )
  }
  return dir
}

/** Parse one of the shared data files. */
export function readSharedJson(name: keyof typeof FILES): unknown {
  return JSON.parse(readFileSync(`${sharedDataDir()}${FILES[name]}`, 'utf8'))
}

let cached: PermissionCatalogue | undefined

/** The catalogue built from the three shared files, once per process. */
export function loadSharedCatalogue(): PermissionCatalogue {
  cached ??= buildPermissionCatalogue({
    permissions: readSharedJson('permissions'),
    provisioningInfo: readSharedJson('provisioningInfo'),
    descriptions: readSharedJson('descriptions'),
  })
  return cached
}
