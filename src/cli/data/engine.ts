import {
  buildPermissionCatalogue,
  loadCatalogueIndex,
  serializeCatalogueIndex,
  validatePermissionsDocument,
} from '../../core/permissions/index.js'
import { checkCatalogueIndex } from '../../core/permissions/index/index-format.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'

/** The three parsed data files; the GUID files are optional for `--permissions FILE`. */
export interface ParsedData {
  readonly permissions: unknown
  readonly provisioningInfo?: unknown
  readonly descriptions?: unknown
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** What is wrong with a permissions.json document, or undefined when the engine accepts it. */
export function permissionsDocumentProblem(json: unknown): string | undefined {
  try {
    const verdict = validatePermissionsDocument(json)
    return verdict.ok ? undefined : verdict.reason
  } catch (error) {
    return error instanceof Error ? error.message : 'rejected by the validator'
  }
}

/** What is wrong with provisioningInfo.json, or undefined when its shape is right. */
export function provisioningInfoProblem(json: unknown): string | undefined {
  if (!isObject(json) || !isObject(json['permissionDeployments'])) return 'has no "permissionDeployments" object'
  for (const [name, entries] of Object.entries(json['permissionDeployments'])) {
    if (!Array.isArray(entries)) return `"permissionDeployments.${name}" is not a list`
  }
  return undefined
}

/** What is wrong with permissions-descriptions.json, or undefined when its shape is right. */
export function descriptionsProblem(json: unknown): string | undefined {
  if (!isObject(json)) return 'is not a JSON object'
  for (const key of ['delegatedScopesList', 'applicationScopesList']) {
    const list = json[key]
    if (!Array.isArray(list)) return `has no "${key}" list`
    if (!list.every((entry) => isObject(entry) && typeof entry['value'] === 'string')) return `"${key}" holds an entry without "value"`
  }
  return undefined
}

/** Build the engine from parsed files. */
export function buildCatalogue(data: ParsedData): PermissionCatalogue {
  return buildPermissionCatalogue(data)
}

/** The derived index, to be written to the cache. */
export function serializeIndex(catalogue: PermissionCatalogue): Uint8Array {
  return serializeCatalogueIndex(catalogue)
}

/** Load the derived index from its bytes (throws when this engine cannot read it): its tables are read in place. */
export function loadIndex(bytes: Uint8Array): PermissionCatalogue {
  return loadCatalogueIndex(bytes)
}

/** Load the derived index and decode every entry: `data status` checks all of it. */
export function checkIndex(bytes: Uint8Array): void {
  checkCatalogueIndex(bytes)
}
