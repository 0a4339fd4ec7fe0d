import { GraphDoctorError } from '../errors.js'
import { ModelCatalogue } from './catalogue.js'
import type { CatalogueModel, IdKind, PermissionInfo, SchemeBit, TemplateRecord } from './model.js'
import { END, GROUP, IndexSource, indexText, invalid } from './index-source.js'
import type { PermissionCatalogue } from './types.js'

/** Bump {@link INDEX_VERSION} whenever the model, the line format or the normalisation of template keys changes. */
export const INDEX_FORMAT = 'graph-doctor-permission-index'
export const INDEX_VERSION = 3


interface Header {
  readonly format: string
  readonly version: number
  readonly count: number
  readonly permissions: readonly PermissionInfo[]
  readonly ids: readonly (readonly [IdKind, string, string])[]
  readonly hidden: readonly (readonly [SchemeBit, string])[]
  readonly alsoRequires: readonly (readonly string[])[]
}

/**
 * A derived index of a catalogue that loads much faster than the raw permissions.json (write it to the
 * user cache, never to the repository). Line 1 is a JSON header with the format and version; then one
 * line per template (`key TAB template TAB METHOD=grants;…`), grouped by first segment under a line
 * that gives the group's template count, so a loader decodes only the groups that lookups touch.
 */
export function serializeCatalogueIndex(catalogue: PermissionCatalogue): string {
  if (!(catalogue instanceof ModelCatalogue)) {
    throw new GraphDoctorError('ERR_USAGE', 'serializeCatalogueIndex needs a catalogue built by buildPermissionCatalogue or loadCatalogueIndex')
  }
  const { permissions, templates, ids, hidden, alsoRequires } = catalogue.model
  const header: Header = { format: INDEX_FORMAT, version: INDEX_VERSION, count: templates.count, permissions, ids, hidden, alsoRequires }
  const lines = [JSON.stringify(header)]
  for (const [group, members] of templates.groups) {
    lines.push(`${GROUP}${group}\t${members.length}`)
    for (const id of members) lines.push(templateLine(templates.key(id), templates.record(id)))
  }
  lines.push(END + String(templates.count))
  return lines.join('\n')
}

function templateLine(key: string, record: TemplateRecord): string {
  const methods = Object.entries(record.methods).map(([method, grants]) => `${method}=${grants.join(',')}`)
  return `${key}\t${record.template.replace(/[\t\n]/g, ' ')}\t${methods.join(';')}`
}

/**
 * Load a catalogue from {@link serializeCatalogueIndex} output, as text or as its UTF-8 bytes (faster:
 * only the header and the groups that lookups touch are decoded). Throws `ERR_DATA_INVALID` on a wrong
 * version or a truncated index; a corrupt template line throws it when the line is first used.
 */
export function loadCatalogueIndex(text: string | Uint8Array): PermissionCatalogue {
  const { header, source } = openIndex(text)
  return new ModelCatalogue({ ...header, templates: source } satisfies CatalogueModel)
}

/** Throws `ERR_DATA_INVALID` unless every line of the index decodes (loading checks only the framing). */
export function checkCatalogueIndex(text: string | Uint8Array): void {
  openIndex(text).source.checkAll()
}

function openIndex(text: string | Uint8Array): { header: Header; source: IndexSource } {
  const input = indexText(text)
  const headerEnd = input.indexOf(10, 0)
  const header = readHeader(input.text(0, headerEnd === -1 ? input.length : headerEnd))
  if (headerEnd === -1) invalid('truncated or incomplete')
  return { header, source: new IndexSource(input, headerEnd + 1, header.count, header.permissions.length) }
}

function readHeader(line: string): Header {
  let header: Partial<Header>
  try {
    header = JSON.parse(line) as Partial<Header>
  } catch (error) {
    throw new GraphDoctorError('ERR_DATA_INVALID', 'the permission index is corrupt (unreadable header)', { cause: error })
  }
  if (typeof header !== 'object' || header === null || header.format !== INDEX_FORMAT) invalid('unknown format')
  if (header.version !== INDEX_VERSION) {
    throw new GraphDoctorError('ERR_DATA_INVALID', `the permission index has version ${String(header.version)}, expected ${INDEX_VERSION}`)
  }
  const { count, permissions, ids, hidden, alsoRequires } = header
  if (typeof count !== 'number' || !Array.isArray(permissions) || !Array.isArray(ids) || !Array.isArray(hidden) || !Array.isArray(alsoRequires)) {
    invalid('missing tables')
  }
  return header as Header
}

