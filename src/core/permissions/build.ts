import { GraphDoctorError, isGraphDoctorError } from '../errors.js'
import { withAddedEndpoints } from './added-endpoints.js'
import { ModelCatalogue } from './catalogue.js'
import { mergeGuidTables } from './guid-table.js'
import type { CatalogueModel } from './model.js'
import { guidRecord, hiddenKey, idKey, permissionList } from './model.js'
import { parsePermissionsDocument } from './parse-document.js'
import type { PermissionCatalogue } from './types.js'

/** The three data files, already parsed; the GUID files are optional. */
export interface CatalogueInput {
  readonly permissions: unknown
  readonly provisioningInfo?: unknown
  readonly descriptions?: unknown
}

/**
 * Build the permission engine from the official data (devx-content `permissions.json`, Kibali format,
 * plus the optional GUID files `provisioningInfo.json` and `permissions-descriptions.json`).
 * Pure: the caller reads and parses the files. Throws `ERR_DATA_INVALID` when the document is not
 * in the Kibali format.
 *
 * @example
 * const catalogue = buildPermissionCatalogue({ permissions: JSON.parse(text) })
 * catalogue.lookup('GET', 'https://graph.microsoft.com/v1.0/me/messages')?.schemes.DelegatedWork?.leastPrivileged // 'Mail.ReadBasic'
 */
export function buildPermissionCatalogue(input: CatalogueInput): PermissionCatalogue {
  return new ModelCatalogue(buildModel(input))
}

export function buildModel(input: CatalogueInput): CatalogueModel {
  // Our corrections: endpoints the data lacks (each row with its docs source).
  const { permissions, templates, alsoRequires } = parsePermissionsDocument(withAddedEndpoints(input.permissions))
  const tables = mergeGuidTables(input.descriptions, input.provisioningInfo)
  const ids: Record<string, string> = {}
  for (const [kind, name, id] of tables.ids) ids[idKey(kind, name)] ??= id
  const hidden: Record<string, 1> = {}
  for (const [bit, name] of tables.hidden) hidden[hiddenKey(bit, name)] = 1
  return { permissions: permissionList(permissions), templates, ids: guidRecord(ids), hidden, alsoRequires }
}

/**
 * Check that a downloaded document is a usable Kibali permissions.json, with its counts.
 *
 * @example
 * validatePermissionsDocument({}) // { ok: false, reason: 'permissions.json is not in the Kibali format: it has no "permissions" object' }
 */
export function validatePermissionsDocument(
  json: unknown,
): { ok: true; permissions: number; templates: number } | { ok: false; reason: string } {
  try {
    const { permissions, templates } = parsePermissionsDocument(json)
    if (templates.count === 0) return { ok: false, reason: 'permissions.json lists no path templates' }
    return { ok: true, permissions: permissions.length, templates: templates.count }
  } catch (error) {
    if (isGraphDoctorError(error)) return { ok: false, reason: error.message }
    throw new GraphDoctorError('ERR_DATA_INVALID', 'permissions.json could not be validated', { cause: error })
  }
}
