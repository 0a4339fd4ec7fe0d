import { GraphDoctorError } from '../../errors.js'
import { ModelCatalogue } from '../catalogue.js'
import type { CatalogueModel } from '../model.js'
import { invalid, SectionReader, SectionWriter } from './stored/index-binary.js'
import { checkTables, readTables, writeTables } from './stored/index-header.js'
import type { TablePlaces } from './stored/index-header.js'
import { IndexSource, writeSource } from './stored/index-source.js'
import type { SourcePlaces } from './stored/index-source.js'
import { readTrie, storedTrie, writeTrie } from './stored/index-trie.js'
import type { TriePlaces } from './stored/index-trie.js'
import type { TrieData } from './trie/trie-data.js'
import { SegmentTrie } from './trie/trie.js'
import type { PermissionCatalogue } from '../types.js'

/** Bump {@link INDEX_VERSION} whenever the model, the layout or the normalisation of template keys changes. */
export const INDEX_FORMAT = 'graph-doctor-permission-index'
export const INDEX_VERSION = 7
/** A header longer than this is not ours: the search for its end stops here. */
const MAX_HEADER = 1 << 20

interface Header {
  readonly format: string
  readonly version: number
  /** Templates. */
  readonly count: number
  /** Bytes after the header line: a truncated or extended file fails at load. */
  readonly bodyBytes: number
  readonly tables: TablePlaces
  readonly trie: TriePlaces
  readonly source: SourcePlaces
}

/**
 * A derived index of a catalogue that loads much faster than the raw permissions.json (the bundled
 * snapshot and the user cache): one JSON header line (format, version, and where each table is), then
 * the tables as typed arrays, each aligned to 4 bytes, that loading reads in place: the model's tables
 * (stored/index-header.ts), the ready-made trie (stored/index-trie.ts: loading inserts no template and places a
 * node's edges on first use), the distinct grant lists and the templates (stored/index-source.ts), decoded
 * on first use.
 */
export function serializeCatalogueIndex(catalogue: PermissionCatalogue): Uint8Array<ArrayBuffer> {
  if (!(catalogue instanceof ModelCatalogue)) {
    throw new GraphDoctorError('ERR_USAGE', 'serializeCatalogueIndex needs a catalogue built by buildPermissionCatalogue or loadCatalogueIndex')
  }
  const { data: trieData, order } = storedTrie(catalogue.prepareAll().data())
  const { templates } = catalogue.model
  const writer = new SectionWriter()
  const tables = writeTables(writer, catalogue.model)
  const trie = writeTrie(writer, trieData)
  const source = writeSource(writer, templates, trieData, order)
  const head = { format: INDEX_FORMAT, version: INDEX_VERSION, count: templates.count, bodyBytes: writer.bodyBytes, tables, trie, source } satisfies Header
  return writer.join(JSON.stringify(head))
}

/**
 * Load a catalogue from {@link serializeCatalogueIndex} output (its bytes). Throws `ERR_DATA_INVALID` on
 * a wrong version or a truncated index; a corrupt entry throws it when the entry is first used.
 */
export function loadCatalogueIndex(bytes: Uint8Array | ArrayBuffer): PermissionCatalogue {
  const { tables, source, trie } = openIndex(bytes)
  return new ModelCatalogue({ ...tables, templates: source, trie } satisfies CatalogueModel)
}

/** Throws `ERR_DATA_INVALID` unless every entry of the index decodes (loading checks only the framing). */
export function checkCatalogueIndex(bytes: Uint8Array | ArrayBuffer): void {
  const { tables, source, trie } = openIndex(bytes)
  checkTables(tables)
  source.checkAll()
  const segments = new SegmentTrie()
  segments.load(trie)
  segments.checkAll()
}

/** Whether `bytes` start as a graph-doctor permission index does (of any version). */
export function isCatalogueIndex(bytes: Uint8Array): boolean {
  const start = `{"format":"${INDEX_FORMAT}"`
  if (bytes.length < start.length) return false
  for (let at = 0; at < start.length; at++) if (bytes[at] !== start.charCodeAt(at)) return false
  return true
}

function openIndex(input: Uint8Array | ArrayBuffer): { tables: ReturnType<typeof readTables>; source: IndexSource; trie: TrieData } {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input)
  const headerEnd = bytes.subarray(0, MAX_HEADER).indexOf(10)
  if (headerEnd === -1) invalid('truncated or incomplete')
  const header = readHeader(new TextDecoder().decode(bytes.subarray(0, headerEnd)))
  if (bytes.length - (headerEnd + 1) !== header.bodyBytes) invalid('truncated or incomplete')
  const reader = new SectionReader(bytes, headerEnd + 1)
  const tables = readTables(reader, header.tables)
  const trie = readTrie(reader, header.trie)
  if (trie.templateStart[trie.templateStart.length - 1] !== header.count) invalid('a trie for another template count')
  if (typeof header.source !== 'object' || header.source === null) invalid('missing templates')
  return { tables, source: new IndexSource(reader, header.source, trie, header.count, tables.permissions.length), trie }
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
  const { count, bodyBytes } = header
  if (typeof count !== 'number' || !(count >= 0) || typeof bodyBytes !== 'number') invalid('missing tables')
  return header as Header
}
