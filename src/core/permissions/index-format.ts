import { GraphDoctorError } from '../errors.js'
import { ModelCatalogue } from './catalogue.js'
import type { CatalogueModel } from './model.js'
import { GRANT_STRIDE } from './model.js'
import type { PermissionCatalogue } from './types.js'

/** Bump whenever the model or the normalisation of template keys changes. */
export const INDEX_FORMAT = 'graph-doctor-permission-index'
export const INDEX_VERSION = 1

interface IndexDocument extends CatalogueModel {
  readonly format: string
  readonly version: number
}

/**
 * A derived index of a catalogue that loads much faster than the raw permissions.json (write it to the
 * user cache, never to the repository). Contains the format name and version.
 */
export function serializeCatalogueIndex(catalogue: PermissionCatalogue): string {
  if (!(catalogue instanceof ModelCatalogue)) {
    throw new GraphDoctorError('ERR_USAGE', 'serializeCatalogueIndex needs a catalogue built by buildPermissionCatalogue or loadCatalogueIndex')
  }
  const { permissions, templates, ids, hidden, alsoRequires } = catalogue.model
  const document: IndexDocument = { format: INDEX_FORMAT, version: INDEX_VERSION, permissions, templates, ids, hidden, alsoRequires }
  return JSON.stringify(document)
}

/** Load a catalogue from {@link serializeCatalogueIndex} output. Throws `ERR_DATA_INVALID` on a wrong version or a corrupt index. */
export function loadCatalogueIndex(text: string): PermissionCatalogue {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new GraphDoctorError('ERR_DATA_INVALID', 'the permission index is corrupt (not JSON)', { cause: error })
  }
  return new ModelCatalogue(checkIndex(document))
}

function checkIndex(document: unknown): CatalogueModel {
  if (typeof document !== 'object' || document === null) invalid('not an object')
  const index = document as Partial<IndexDocument>
  if (index.format !== INDEX_FORMAT) invalid('unknown format')
  if (index.version !== INDEX_VERSION) {
    throw new GraphDoctorError('ERR_DATA_INVALID', `the permission index has version ${String(index.version)}, expected ${INDEX_VERSION}`)
  }
  const { permissions, templates, ids, hidden, alsoRequires } = index
  if (!Array.isArray(permissions) || !Array.isArray(templates) || !Array.isArray(ids) || !Array.isArray(hidden) || !Array.isArray(alsoRequires)) {
    invalid('missing tables')
  }
  for (const permission of permissions) {
    if (typeof permission?.name !== 'string' || typeof permission.schemes !== 'object') invalid('bad permission row')
  }
  for (const record of templates) {
    if (typeof record?.key !== 'string' || typeof record.template !== 'string' || typeof record.methods !== 'object') invalid('bad template row')
    for (const grants of Object.values(record.methods)) checkGrants(grants, permissions.length)
  }
  return { permissions, templates, ids, hidden, alsoRequires }
}

function checkGrants(grants: unknown, permissionCount: number): void {
  if (!Array.isArray(grants) || grants.length % GRANT_STRIDE !== 0) invalid('bad grant list')
  for (let at = 0; at < grants.length; at += GRANT_STRIDE) {
    const permission: unknown = grants[at]
    if (typeof permission !== 'number' || permission < 0 || permission >= permissionCount) invalid('bad grant')
  }
}

function invalid(reason: string): never {
  throw new GraphDoctorError('ERR_DATA_INVALID', `the permission index is corrupt: ${reason}`)
}
