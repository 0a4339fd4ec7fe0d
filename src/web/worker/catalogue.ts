/**
 * The permission data inside the worker: the bundled snapshot (gzip, base64 in the page) or a newer
 * permissions.json the user chose. Nothing is fetched.
 */
import { GraphDoctorError } from '../../core/errors.js'
import { buildPermissionCatalogue, loadCatalogueIndex, validatePermissionsDocument } from '../../core/permissions/index.js'
import { isCatalogueIndex } from '../../core/permissions/index/index-format.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import { gunzipBase64 } from '../gzip.js'

/** The snapshot the build put into the page: the catalogue index, gzip-compressed, in base64. */
export async function loadEmbeddedSnapshot(base64: string): Promise<PermissionCatalogue> {
  return loadCatalogueIndex(await gunzipBase64(base64))
}

/** A permission file chosen by the user: the official permissions.json, or a graph-doctor catalogue index. */
export async function loadPermissionFile(file: File): Promise<PermissionCatalogue> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (isCatalogueIndex(bytes)) return loadCatalogueIndex(bytes)
  const text = new TextDecoder().decode(bytes)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new GraphDoctorError('ERR_DATA_INVALID', `${file.name}: not valid JSON`, { cause: error })
  }
  const verdict = validatePermissionsDocument(json)
  if (!verdict.ok) throw new GraphDoctorError('ERR_DATA_INVALID', `${file.name}: not a Microsoft Graph permissions.json (${verdict.reason})`)
  return buildPermissionCatalogue({ permissions: json })
}
