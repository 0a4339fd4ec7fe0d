import { GraphDoctorError } from '../errors.js'
import { ModelCatalogue } from './catalogue.js'
import type { CatalogueModel, IdKind, PermissionInfo, SchemeBit, TemplateRecord, TemplateSource } from './model.js'
import { GRANT_STRIDE, methodBit } from './model.js'
import type { PermissionCatalogue } from './types.js'

/** Bump {@link INDEX_VERSION} whenever the model, the line format or the normalisation of template keys changes. */
export const INDEX_FORMAT = 'graph-doctor-permission-index'
export const INDEX_VERSION = 2

/** Starts a group line (`\u0001<first segment>`); the last line is `\u0002<template count>`. */
const GROUP = '\u0001'
const END = '\u0002'

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
 * line per template (`key TAB template TAB METHOD=grants;…`), grouped by first segment, so a loader
 * decodes only the groups that lookups touch.
 */
export function serializeCatalogueIndex(catalogue: PermissionCatalogue): string {
  if (!(catalogue instanceof ModelCatalogue)) {
    throw new GraphDoctorError('ERR_USAGE', 'serializeCatalogueIndex needs a catalogue built by buildPermissionCatalogue or loadCatalogueIndex')
  }
  const { permissions, templates, ids, hidden, alsoRequires } = catalogue.model
  const header: Header = { format: INDEX_FORMAT, version: INDEX_VERSION, count: templates.count, permissions, ids, hidden, alsoRequires }
  const lines = [JSON.stringify(header)]
  for (const [group, members] of templates.groups) {
    lines.push(GROUP + group)
    for (const id of members) lines.push(templateLine(templates.key(id), templates.record(id)))
  }
  lines.push(END + String(templates.count))
  return lines.join('\n')
}

function templateLine(key: string, record: TemplateRecord): string {
  const methods = Object.entries(record.methods).map(([method, grants]) => `${method}=${grants.join(',')}`)
  return `${key}\t${record.template.replace(/[\t\n]/g, ' ')}\t${methods.join(';')}`
}

/** Load a catalogue from {@link serializeCatalogueIndex} output. Throws `ERR_DATA_INVALID` on a wrong version or a corrupt index. */
export function loadCatalogueIndex(text: string): PermissionCatalogue {
  const lines = text.split('\n')
  const header = readHeader(lines[0] ?? '')
  const source = new IndexSource(lines, header.count, header.permissions.length)
  return new ModelCatalogue({ ...header, templates: source } satisfies CatalogueModel)
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

function invalid(reason: string): never {
  throw new GraphDoctorError('ERR_DATA_INVALID', `the permission index is corrupt: ${reason}`)
}

/** Template lines of an index, decoded on first use. Template id = line number. */
class IndexSource implements TemplateSource {
  readonly count: number
  readonly groups = new Map<string, number[]>()
  private readonly lines: readonly string[]
  private readonly permissionCount: number
  private readonly records: (TemplateRecord | undefined)[]

  constructor(lines: readonly string[], count: number, permissionCount: number) {
    this.lines = lines
    this.count = count
    this.permissionCount = permissionCount
    this.records = new Array<TemplateRecord | undefined>(lines.length)
    let group: number[] | undefined
    let templates = 0
    for (let i = 1; i < lines.length - 1; i++) {
      const line = lines[i] as string
      if (line.charCodeAt(0) === 1) {
        group = []
        this.groups.set(line.slice(1), group)
      } else if (group === undefined) invalid('a template outside a group')
      else {
        group.push(i)
        templates++
      }
    }
    // A truncated or spliced file fails here rather than answering wrongly later.
    if (lines[lines.length - 1] !== END + String(count) || templates !== count) invalid('truncated or incomplete')
  }

  key(id: number): string {
    const line = this.lines[id] ?? ''
    return line.slice(0, line.indexOf('\t'))
  }

  /** Read from the line without decoding the grants: `…\tGET=…;POST=…`. */
  methods(id: number): number {
    const line = this.lines[id] ?? ''
    let mask = 0
    let at = line.indexOf('\t', line.indexOf('\t') + 1) + 1
    while (at > 0 && at < line.length) {
      const equals = line.indexOf('=', at)
      if (equals === -1) break
      mask |= methodBit(line.slice(at, equals))
      at = line.indexOf(';', equals) + 1
    }
    return mask
  }

  record(id: number): TemplateRecord {
    let record = this.records[id]
    if (record === undefined) {
      record = this.decode(this.lines[id] ?? '')
      this.records[id] = record
    }
    return record
  }

  private decode(line: string): TemplateRecord {
    const [, template, packed] = line.split('\t')
    if (template === undefined || packed === undefined) invalid('a malformed template line')
    const methods: Record<string, number[]> = {}
    for (const part of packed.split(';')) {
      const equals = part.indexOf('=')
      const grants = part.slice(equals + 1).split(',').map(Number)
      if (equals < 1 || grants.length % GRANT_STRIDE !== 0) invalid('a malformed grant list')
      for (let at = 0; at < grants.length; at += GRANT_STRIDE) {
        const permission = grants[at] ?? -1
        if (!(permission >= 0 && permission < this.permissionCount)) invalid('a grant of an unknown permission')
      }
      methods[part.slice(0, equals)] = grants
    }
    return { template, methods }
  }
}
