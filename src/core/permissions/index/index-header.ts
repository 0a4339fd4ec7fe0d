import type { PermissionScheme } from '../../types.js'
import type { GuidTable, ModelTables, PermissionInfo, PermissionTable, SchemeInfo } from '../model.js'
import { SCHEMES } from '../model.js'
import type { SectionPlace, SectionReader, SectionWriter } from './index-binary.js'
import { invalid } from './index-binary.js'
import { GuidBlock, writeGuids } from './index-guids.js'
import type { GuidPlaces, PermissionNames } from './index-guids.js'
import { StringList, writeStrings } from './index-strings.js'
import type { StringPlaces } from './index-strings.js'

/** Numbers per permission in {@link TablePlaces.info}: RSC (1|0), then one code per SCHEMES ({@link schemeCode}). */
const INFO = 1 + SCHEMES.length
/** The largest privilege level a scheme code holds; a permission with another level is stored as JSON (`odd`). */
const MAX_LEVEL = 1000

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

/** 0: no such scheme; else 1 + (privilege level + 1) × 3 + (admin consent: 0 unknown, 1 no, 2 yes). Undefined when no code holds it. */
function schemeCode(info: SchemeInfo | undefined): number | undefined {
  if (info === undefined) return 0
  const level = info.privilegeLevel ?? -1
  if (!(Number.isInteger(level) && level >= -1 && level <= MAX_LEVEL)) return undefined
  const admin = info.requiresAdminConsent === undefined ? 0 : info.requiresAdminConsent ? 2 : 1
  return 1 + (level + 1) * 3 + admin
}

function compactScheme(info: SchemeInfo | undefined): unknown {
  if (info === undefined) return 0
  const admin = info.requiresAdminConsent
  return [info.privilegeLevel ?? -1, admin === undefined ? -1 : admin ? 1 : 0]
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

class StoredPermissions implements PermissionTable, PermissionNames {
  readonly length: number
  private readonly decoded: (PermissionInfo | undefined)[]
  private byName: Map<string, number> | undefined
  private readonly names: StringList
  private readonly info: ArrayLike<number>
  private readonly odd: Readonly<Record<string, readonly unknown[]>>
  /** The permissions decoded so far by their exact name, when names are distinct without case (`distinctNames`). */
  private readonly decodedNames: Map<string, number> | undefined

  constructor(names: StringList, info: ArrayLike<number>, odd: Readonly<Record<string, readonly unknown[]>>, distinctNames: boolean) {
    this.names = names
    this.info = info
    this.odd = odd
    this.decodedNames = distinctNames ? new Map() : undefined
    this.length = names.length
    if (info.length !== this.length * INFO) invalid('a permission table of another length')
    this.decoded = new Array<PermissionInfo | undefined>(this.length)
  }

  at(index: number): PermissionInfo | undefined {
    if (!(index >= 0 && index < this.length)) return undefined
    let permission = this.decoded[index]
    if (permission === undefined) {
      permission = this.decode(index)
      this.decoded[index] = permission
      this.decodedNames?.set(permission.name, index)
    }
    return permission
  }

  named(name: string): PermissionInfo | undefined {
    const index = this.numberOf(name)
    return index === undefined ? undefined : this.at(index)
  }

  numberOf(name: string): number | undefined {
    // The engine asks for the names of the permissions it has just decoded: those need no map of all 900.
    const decoded = this.decodedNames?.get(name)
    if (decoded !== undefined) return decoded
    // Filled aside and kept only when complete: a malformed entry throws on every call, never leaves a partial map.
    if (this.byName === undefined) {
      const byName = new Map<string, number>()
      const lower = this.names.lowerCased()
      for (let index = this.length - 1; index >= 0; index--) byName.set(lower[index] as string, index) // the first of a name wins
      this.byName = byName
    }
    return this.byName.get(name.toLowerCase())
  }

  lowerName(number: number): string {
    if (!(Number.isInteger(number) && number >= 0 && number < this.length)) invalid('an unknown permission number')
    return this.names.at(number).toLowerCase()
  }

  private decode(index: number): PermissionInfo {
    const name = this.names.at(index)
    const odd = this.odd[index]
    if (odd !== undefined) return decodeOdd(name, odd)
    const schemes: Partial<Record<PermissionScheme, SchemeInfo>> = {}
    for (let at = 0; at < SCHEMES.length; at++) {
      const code = this.info[index * INFO + 1 + at] as number
      if (code !== 0) schemes[SCHEMES[at] as PermissionScheme] = schemeInfo(code)
    }
    return { name, rsc: this.info[index * INFO] === 1, schemes }
  }
}

/** The scheme details of a {@link schemeCode}. */
function schemeInfo(code: number): SchemeInfo {
  const level = Math.floor((code - 1) / 3) - 1
  const admin = (code - 1) % 3
  if (level === -1) return admin === 0 ? {} : { requiresAdminConsent: admin === 2 }
  return admin === 0 ? { privilegeLevel: level } : { privilegeLevel: level, requiresAdminConsent: admin === 2 }
}

function decodeOdd(name: string, entry: readonly unknown[]): PermissionInfo {
  if (!Array.isArray(entry)) invalid('a malformed permission')
  const [rsc, ...schemeEntries] = entry
  if (schemeEntries.length !== SCHEMES.length) invalid('a malformed permission')
  const schemes: Partial<Record<PermissionScheme, SchemeInfo>> = {}
  SCHEMES.forEach((scheme, index) => {
    const info = schemeEntries[index]
    if (!Array.isArray(info)) return
    const [level, admin] = info as [number, number]
    schemes[scheme] = { ...(level === -1 ? {} : { privilegeLevel: level }), ...(admin === -1 ? {} : { requiresAdminConsent: admin === 1 }) }
  })
  return { name, rsc: rsc === 1, schemes }
}
