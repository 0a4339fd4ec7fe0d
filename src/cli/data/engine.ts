import {
  buildPermissionCatalogue,
  loadCatalogueIndex,
  serializeCatalogueIndex,
  validatePermissionsDocument,
} from '../../core/permissions/index.js'
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

/**
 * What is wrong with a permissions.json document, or undefined when the engine accepts it.
 * Accepts the validator's answer whether it throws, returns a boolean, a list of problems or a
 * `{ ok, … }` result, so this file does not depend on that detail.
 */
export function permissionsDocumentProblem(json: unknown): string | undefined {
  let verdict: unknown
  try {
    verdict = validatePermissionsDocument(json as never)
  } catch (error) {
    return error instanceof Error ? error.message : 'rejected by the validator'
  }
  if (verdict === undefined || verdict === true) return undefined
  if (verdict === false) return 'not a Kibali permissions document'
  if (Array.isArray(verdict)) return verdict.length === 0 ? undefined : String(verdict[0])
  if (isObject(verdict)) {
    if (verdict['ok'] === true || verdict['valid'] === true) return undefined
    if (verdict['ok'] === false || verdict['valid'] === false) return describeFailure(verdict)
    // `verdict` may be the validated document itself.
    return undefined
  }
  return undefined
}

function describeFailure(verdict: Record<string, unknown>): string {
  for (const key of ['reason', 'message', 'error', 'problem']) {
    const value = verdict[key]
    if (typeof value === 'string' && value !== '') return value
  }
  for (const key of ['errors', 'problems']) {
    const value = verdict[key]
    if (Array.isArray(value) && value.length > 0) return String(value[0])
  }
  return 'not a Kibali permissions document'
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
  const input: Record<string, unknown> = { permissions: data.permissions }
  if (data.provisioningInfo !== undefined) input['provisioningInfo'] = data.provisioningInfo
  if (data.descriptions !== undefined) input['descriptions'] = data.descriptions
  return buildPermissionCatalogue(input as never)
}

/** The derived index as text, to be written to the cache. */
export function serializeIndex(catalogue: PermissionCatalogue): string {
  return serializeCatalogueIndex(catalogue)
}

/** Load the derived index (throws when this engine cannot read it). */
export function loadIndex(text: string): PermissionCatalogue {
  return loadCatalogueIndex(text)
}
