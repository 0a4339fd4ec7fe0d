import type { GuidTable, ModelTables, PermissionInfo } from '../../model.js'
import { SCHEMES } from '../../model.js'
import type { SectionPlace, SectionReader, SectionWriter } from './index-binary.js'
import { invalid } from './index-binary.js'
import { GuidBlock } from './guid-block.js'
import { writeGuids } from './index-guids.js'
import type { GuidPlaces } from './index-guids.js'
import { StringList, writeStrings } from './index-strings.js'
import type { StringPlaces } from './index-strings.js'
import { compactScheme, schemeCode, StoredPermissions } from './index-permissions.js'

/**
 * Where the model's tables are: permission names as one text, the rest as numbers by permission number
 * (GUIDs as 16 bytes each, hidden flags by number), so loading decodes a permission when a grant first
 * names it and the GUID table on the first GUID asked for. Small lists (hidden, AlsoRequires) stay JSON.
 */
export interface TablePlaces {
  readonly names: StringPlaces
  readonly info: SectionPlace
  /** Permissions whose scheme details no code holds: number → `[rsc, per scheme 0 or [level or -1, admin 1|0|-1]]`. */
  readonly odd: Readonly<Record<string, readonly unknown[]>>
  /** No two permission names differ only by case: a name asked for as decoded is its own number (no name map built). */
  readonly distinctNames: boolean
  readonly guids: GuidPlaces
  /** `[permission number, scheme bits hidden]` */
  readonly hidden: readonly (readonly [number, number])[]
  readonly alsoRequires: readonly (readonly string[])[]
}

export function writeTables(writer: SectionWriter, tables: ModelTables): TablePlaces {
  const { permissions } = tables
  const numbers = new Map<string, number>()
  const names: string[] = []
  const info: number[] = []
  const odd: Record<string, unknown[]> = {}
  for (let index = 0; index < permissions.length; index++) {
    const permission = permissions.at(index) as PermissionInfo
    if (!numbers.has(permission.name.toLowerCase())) numbers.set(permission.name.toLowerCase(), index)
    names.push(permission.name)
    const codes = SCHEMES.map((scheme) => schemeCode(permission.schemes[scheme]))
    if (codes.some((code) => code === undefined)) odd[index] = [permission.rsc ? 1 : 0, ...SCHEMES.map((scheme) => compactScheme(permission.schemes[scheme]))]
    info.push(permission.rsc ? 1 : 0, ...codes.map((code) => code ?? 0))
  }
  const hidden = new Map<number, number>()
  for (const key in tables.hidden) {
    const number = numbers.get(key.slice(key.indexOf('|') + 1))
    if (number !== undefined) hidden.set(number, (hidden.get(number) ?? 0) | Number(key.slice(0, key.indexOf('|'))))
  }
  return {
    names: writeStrings(writer, names),
    info: writer.numbers(info),
    odd,
    distinctNames: numbers.size === permissions.length,
    guids: writeGuids(writer, tables.ids.entries(), numbers, permissions.length),
    hidden: [...hidden],
    alsoRequires: tables.alsoRequires,
  }
}

/**
 * The model's tables over the stored ones, decoded on demand: a permission when first asked for, the
 * GUID table on the first GUID asked for. A malformed entry throws `ERR_DATA_INVALID` when first used
 * ({@link checkTables} decodes every one).
 */
export function readTables(reader: SectionReader, places: Partial<TablePlaces> | undefined): ModelTables {
  if (typeof places !== 'object' || places === null || !Array.isArray(places.hidden) || !Array.isArray(places.alsoRequires) || typeof places.odd !== 'object') {
    invalid('missing tables')
  }
  const permissions = new StoredPermissions(new StringList(reader, places.names), reader.numbers(places.info), places.odd ?? {}, places.distinctNames === true)
  const hidden: Record<string, 1> = {}
  for (const [number, bits] of places.hidden) {
    const name = permissions.lowerName(number)
    for (const bit of [1, 2, 4]) if ((bits & bit) !== 0) hidden[`${bit}|${name}`] = 1
  }
  const ids: GuidTable = new GuidBlock(reader, places.guids, permissions)
  return { permissions, ids, hidden, alsoRequires: places.alsoRequires }
}

/** Decode every entry of the tables (loading decodes them on first use). */
export function checkTables(tables: ModelTables): void {
  for (let index = 0; index < tables.permissions.length; index++) tables.permissions.at(index)
  tables.ids.id('d', '')
  for (const entry of tables.ids.entries()) if (entry[2] === '') invalid('an empty GUID')
}
