import type { TrieData } from './index/trie/trie-data.js'
import type { PermissionScheme } from '../types.js'

/** Everything a catalogue is built from: what the raw JSON and the derived index both produce. */
export type CatalogueModel = ModelTables &
  (
    | { readonly templates: LazyTemplateSource; readonly trie?: undefined }
    /** From the derived index: the trie ready-made, so loading inserts no template. */
    | { readonly templates: TemplateSource; readonly trie: TrieData }
  )

export interface ModelTables {
  readonly permissions: PermissionTable
  /** The merged GUID table: by kind and lower-case name. */
  readonly ids: GuidTable
  /** What the provisioning data marks hidden (never suggested): `scheme bit|lower-case name` → 1 ({@link hiddenKey}). */
  readonly hidden: Readonly<Record<string, 1>>
  /** The distinct AlsoRequires lists, addressed from grants. */
  readonly alsoRequires: readonly (readonly string[])[]
}

/**
 * The permissions by number (what grants refer to). The derived index decodes each one on first use:
 * a run that resolves one endpoint reads a few dozen of some nine hundred.
 */
export interface PermissionTable {
  readonly length: number
  at(index: number): PermissionInfo | undefined
  /** The permission of this name, compared without case. */
  named(name: string): PermissionInfo | undefined
}

/** Scope and app-role GUIDs by kind and name (compared without case). */
export interface GuidTable {
  id(kind: IdKind, name: string): string | undefined
  /** Whether the data had GUID files at all (without them, only the known app-role aliases apply). */
  readonly isEmpty: boolean
  /** Every entry as `[kind, lower-case name, GUID]`, for writing the index. */
  entries(): Iterable<readonly [IdKind, string, string]>
}

/** A {@link PermissionTable} over a list already decoded (built from permissions.json). */
export function permissionList(list: readonly PermissionInfo[]): PermissionTable {
  let byName: Map<string, PermissionInfo> | undefined
  return {
    length: list.length,
    at: (index) => list[index],
    named(name) {
      byName ??= new Map(list.map((permission) => [permission.name.toLowerCase(), permission] as const).reverse()) // the first of a name wins
      return byName.get(name.toLowerCase())
    },
  }
}

/** A {@link GuidTable} over `kind|lower-case name` keys ({@link idKey}). */
export function guidRecord(ids: Readonly<Record<string, string>>): GuidTable {
  const isEmpty = Object.keys(ids).length === 0
  return {
    id: (kind, name) => entryOf(ids, idKey(kind, name)),
    isEmpty,
    *entries() {
      for (const key in ids) if (Object.hasOwn(ids, key)) yield [key.slice(0, 1) as IdKind, key.slice(2), ids[key] as string] as const
    },
  }
}

/** The path templates as written in the data, by id, their records decoded on demand. */
export interface TemplateSource {
  /** Distinct templates as written in the data. */
  readonly count: number
  record(id: number): TemplateRecord
}

/**
 * Templates not yet in a trie (built from permissions.json), grouped by their normalised first
 * segment so that the trie is built one group at a time, on first use.
 */
export interface LazyTemplateSource extends TemplateSource {
  /** Normalised first segment → template ids. */
  readonly groups: ReadonlyMap<string, readonly number[]>
  /** Normalised segments joined with `/` (placeholders are `\u0000`). */
  key(id: number): string
  /** The {@link methodBit}s of the methods the template lists. */
  methods(id: number): number
}

/** A bit per HTTP method the data uses; 0 for any other method (never catalogued). */
export function methodBit(method: string): number {
  // Compared in turn: cheaper per lookup than reading an object by a variable key.
  if (method === 'GET') return 1
  if (method === 'POST') return 2
  if (method === 'PATCH') return 4
  if (method === 'PUT') return 8
  return method === 'DELETE' ? 16 : 0
}

export type IdKind = 'd' | 'a'

export interface PermissionInfo {
  readonly name: string
  /** Resource-specific consent (Teams/chat), granted per resource: never suggested tenant-wide. */
  readonly rsc: boolean
  readonly schemes: Partial<Record<PermissionScheme, SchemeInfo>>
}

export interface SchemeInfo {
  readonly privilegeLevel?: number
  readonly requiresAdminConsent?: boolean
}

/** One template as written in the data with its grants per method. */
export interface TemplateRecord {
  readonly template: string
  /** Grants per method, flat with {@link GRANT_STRIDE} numbers each (compact and fast to parse). */
  readonly methods: Readonly<Record<string, readonly number[]>>
}

/**
 * Each grant is {@link GRANT_STRIDE} numbers: permission index, scheme mask, least mask,
 * 1 when its pathSet has exactly this one method, AlsoRequires list index or -1.
 */
export const GRANT_STRIDE = 5

export type SchemeBit = 1 | 2 | 4

export const SCHEMES: readonly PermissionScheme[] = ['DelegatedWork', 'DelegatedPersonal', 'Application']

export const SCHEME_BIT: Readonly<Record<PermissionScheme, SchemeBit>> = {
  DelegatedWork: 1,
  DelegatedPersonal: 2,
  Application: 4,
}

export function schemeMask(names: readonly unknown[]): number {
  let mask = 0
  for (const name of names) {
    if (name === 'DelegatedWork' || name === 'DelegatedPersonal' || name === 'Application') mask |= SCHEME_BIT[name]
  }
  return mask
}

/** The key of a GUID in a {@link guidRecord}. */
export function idKey(kind: IdKind, name: string): string {
  return `${kind}|${name.toLowerCase()}`
}

/** The key of a hidden permission in {@link ModelTables.hidden}. */
export function hiddenKey(bit: SchemeBit, name: string): string {
  return `${bit}|${name.toLowerCase()}`
}

/** An own entry of a key-value table (never one of Object.prototype's). */
export function entryOf<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}
