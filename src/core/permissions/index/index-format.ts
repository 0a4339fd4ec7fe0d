import { GraphDoctorError } from '../../errors.js'
import { ModelCatalogue } from '../catalogue.js'
import type { CatalogueModel, PermissionInfo, TemplateRecord } from '../model.js'
import { END, GROUP, IndexSource, indexText, invalid } from './index-source.js'
import type { IndexText } from './index-source.js'
import { readTrieLine, trieLine } from './index-trie.js'
import type { TrieData } from './trie-store.js'
import type { PermissionCatalogue } from '../types.js'

/** Bump {@link INDEX_VERSION} whenever the model, the line format or the normalisation of template keys changes. */
export const INDEX_FORMAT = 'graph-doctor-permission-index'
export const INDEX_VERSION = 4
/** Template lines per group: a lookup decodes the group(s) holding the templates it resolves. */
const GROUP_SIZE = 128

interface Header {
  readonly format: string
  readonly version: number
  readonly count: number
  readonly permissions: readonly PermissionInfo[]
  readonly ids: Readonly<Record<string, string>>
  readonly hidden: Readonly<Record<string, 1>>
  readonly alsoRequires: readonly (readonly string[])[]
}

/**
 * A derived index of a catalogue that loads much faster than the raw permissions.json (write it to the
 * user cache, never to the repository). Line 1 is a JSON header with the format and version; then the
 * ready-made trie (one line, see index-trie.ts), so loading inserts no template; then one line per
 * template (`template TAB METHOD=grants;…`), in groups of {@link GROUP_SIZE} under a line that gives
 * the group's template count, so a loader decodes only the groups that lookups touch.
 */
export function serializeCatalogueIndex(catalogue: PermissionCatalogue): string {
  if (!(catalogue instanceof ModelCatalogue)) {
    throw new GraphDoctorError('ERR_USAGE', 'serializeCatalogueIndex needs a catalogue built by buildPermissionCatalogue or loadCatalogueIndex')
  }
  const trie = catalogue.prepareAll().data()
  const { permissions, templates, ids, hidden, alsoRequires } = catalogue.model
  const header: Header = { format: INDEX_FORMAT, version: INDEX_VERSION, count: templates.count, permissions, ids, hidden, alsoRequires }
  const lines = [JSON.stringify(header), trieLine(trie)]
  for (let first = 0; first < templates.count; first += GROUP_SIZE) {
    const end = Math.min(first + GROUP_SIZE, templates.count)
    lines.push(`${GROUP}${first}\t${end - first}`)
    for (let id = first; id < end; id++) lines.push(templateLine(templates.record(id)))
  }
  lines.push(END + String(templates.count))
  return lines.join('\n')
}

function templateLine(record: TemplateRecord): string {
  const methods = Object.entries(record.methods).map(([method, grants]) => `${method}=${grants.join(',')}`)
  return `${record.template.replace(/[\t\n]/g, ' ')}\t${methods.join(';')}`
}

/**
 * Load a catalogue from {@link serializeCatalogueIndex} output, as text or as its UTF-8 bytes (faster:
 * only the header and the groups that lookups touch are decoded). Throws `ERR_DATA_INVALID` on a wrong
 * version or a truncated index; a corrupt template line throws it when the line is first used.
 */
export function loadCatalogueIndex(text: string | Uint8Array): PermissionCatalogue {
  return loadIndexText(indexText(text))
}

/** {@link loadCatalogueIndex} over any {@link IndexText} (the CLI's reads an ASCII file as latin1, region by region). */
export function loadIndexText(input: IndexText): PermissionCatalogue {
  const { header, source, trie } = openIndex(input)
  return new ModelCatalogue({ ...header, templates: source, trie } satisfies CatalogueModel)
}

/** Throws `ERR_DATA_INVALID` unless every line of the index decodes (loading checks only the framing). */
export function checkCatalogueIndex(text: string | Uint8Array): void {
  openIndex(indexText(text)).source.checkAll()
}

function openIndex(input: IndexText): { header: Header; source: IndexSource; trie: TrieData } {
  const headerEnd = input.indexOf(10, 0)
  const header = readHeader(input.text(0, headerEnd === -1 ? input.length : headerEnd))
  if (headerEnd === -1) invalid('truncated or incomplete')
  const { data, next } = readTrieLine(input, headerEnd + 1)
  if (data.templateIds.length !== header.count) invalid('a trie for another template count')
  return { header, source: new IndexSource(input, next, header.count, header.permissions.length), trie: data }
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
  if (typeof count !== 'number' || !Array.isArray(permissions) || !isTable(ids) || !isTable(hidden) || !Array.isArray(alsoRequires)) {
    invalid('missing tables')
  }
  return header as Header
}


function isTable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
