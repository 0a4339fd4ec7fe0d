import { GraphDoctorError } from '../../errors.js'
import { ModelCatalogue } from '../catalogue.js'
import type { CatalogueModel, TemplateRecord } from '../model.js'
import { END, GROUP, IndexSource, indexText, invalid } from './index-source.js'
import type { GrantBlock, IndexText } from './index-source.js'
import { checkTables, decodeTables, encodeTables } from './index-header.js'
import type { CompactTables } from './index-header.js'
import { readTrieLine, trieLine } from './index-trie.js'
import type { TrieData } from './trie-data.js'
import { SegmentTrie } from './trie.js'
import type { PermissionCatalogue } from '../types.js'

/** Bump {@link INDEX_VERSION} whenever the model, the line format or the normalisation of template keys changes. */
export const INDEX_FORMAT = 'graph-doctor-permission-index'
export const INDEX_VERSION = 6
/** Template lines per group: a lookup decodes the group(s) holding the templates it resolves. */
const GROUP_SIZE = 128

interface Header extends CompactTables {
  readonly format: string
  readonly version: number
  readonly count: number
  /** How many distinct grant lists follow the trie line, one per line. */
  readonly grantLists: number
}

/**
 * A derived index of a catalogue that loads much faster than the raw permissions.json (the bundled
 * snapshot and the user cache). Line 1 is a JSON header with the format, the version and the model's
 * tables in compact form (index-header.ts); then the ready-made trie (one line, see index-trie.ts), so
 * loading inserts no template (and places each node's edges on first use); then the distinct grant lists, one per line; then the templates, in
 * groups of {@link GROUP_SIZE} under a line that gives the group's template count, each line sharing
 * its leading characters with the template before it (see {@link IndexSource}), so a loader decodes
 * only the groups that lookups touch.
 */
export function serializeCatalogueIndex(catalogue: PermissionCatalogue): string {
  if (!(catalogue instanceof ModelCatalogue)) {
    throw new GraphDoctorError('ERR_USAGE', 'serializeCatalogueIndex needs a catalogue built by buildPermissionCatalogue or loadCatalogueIndex')
  }
  const trie = catalogue.prepareAll().data()
  const { templates } = catalogue.model
  const grantLists = new Map<string, number>()
  const body: string[] = []
  for (let first = 0; first < templates.count; first += GROUP_SIZE) {
    const end = Math.min(first + GROUP_SIZE, templates.count)
    body.push(`${GROUP}${first}\t${end - first}`)
    let previous = ''
    for (let id = first; id < end; id++) {
      const record = templates.record(id)
      const template = record.template.replace(/[\t\n]/g, ' ')
      const packed = packGrants(record)
      let list = grantLists.get(packed)
      if (list === undefined) {
        list = grantLists.size
        grantLists.set(packed, list)
      }
      const shared = sharedLength(previous, template)
      body.push(`${shared.toString(36)}\t${template.slice(shared)}\t${list.toString(36)}`)
      previous = template
    }
  }
  const header: Header = { format: INDEX_FORMAT, version: INDEX_VERSION, count: templates.count, grantLists: grantLists.size, ...encodeTables(catalogue.model) }
  return [JSON.stringify(header), trieLine(trie), ...grantLists.keys(), ...body, END + String(templates.count)].join('\n')
}

function sharedLength(previous: string, template: string): number {
  const limit = Math.min(previous.length, template.length)
  let at = 0
  while (at < limit && previous.charCodeAt(at) === template.charCodeAt(at)) at++
  return at
}

function packGrants(record: TemplateRecord): string {
  return Object.entries(record.methods)
    .map(([method, grants]) => `${method}=${grants.join(',')}`)
    .join(';')
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
  return new ModelCatalogue({ ...decodeTables(header), templates: source, trie } satisfies CatalogueModel)
}

/** Throws `ERR_DATA_INVALID` unless every line of the index decodes (loading checks only the framing). */
export function checkCatalogueIndex(text: string | Uint8Array): void {
  const { header, source, trie } = openIndex(indexText(text))
  checkTables(decodeTables(header))
  source.checkAll()
  const segments = new SegmentTrie()
  segments.load(trie)
  segments.checkAll()
}

function openIndex(input: IndexText): { header: Header; source: IndexSource; trie: TrieData } {
  const headerEnd = input.indexOf(10, 0)
  const header = readHeader(input.text(0, headerEnd === -1 ? input.length : headerEnd))
  if (headerEnd === -1) invalid('truncated or incomplete')
  const { data, next } = readTrieLine(input, headerEnd + 1)
  if (data.templateIds.length !== header.count) invalid('a trie for another template count')
  const grants = grantBlock(input, next, header.grantLists)
  const bodyStart = grants.count === 0 ? next : grants.end + 1
  return { header, source: new IndexSource(input, grants, bodyStart, header.count, header.permissions.length), trie: data }
}

/** The `count` grant-list lines from `start`: only their end is found now. */
function grantBlock(input: IndexText, start: number, count: number): GrantBlock {
  let end = start - 1
  for (let line = 0; line < count; line++) {
    end = input.indexOf(10, end + 1)
    if (end === -1) invalid('truncated or incomplete')
  }
  return { start, end: Math.max(end, start), count }
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
  const { count, grantLists, permissions } = header
  if (typeof count !== 'number' || typeof grantLists !== 'number' || !(grantLists >= 0) || !Array.isArray(permissions)) invalid('missing tables')
  return header as Header
}
