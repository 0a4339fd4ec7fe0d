import type { PermissionScheme } from '../types.js'

/** Everything a catalogue is built from: what the raw JSON and the derived index both produce. */
export interface CatalogueModel {
  readonly permissions: readonly PermissionInfo[]
  readonly templates: TemplateSource
  /** `[kind, name, id]` rows of the merged GUID table. */
  readonly ids: readonly (readonly [IdKind, string, string])[]
  /** `[scheme bit, name]` rows the provisioning data marks hidden (never suggested). */
  readonly hidden: readonly (readonly [SchemeBit, string])[]
  /** The distinct AlsoRequires lists, addressed from grants. */
  readonly alsoRequires: readonly (readonly string[])[]
}

/**
 * The path templates, grouped by their normalised first segment so that the trie is built one group
 * at a time, on first use (start-up cost), and records decoded on demand.
 */
export interface TemplateSource {
  /** Distinct templates as written in the data. */
  readonly count: number
  /** Normalised first segment → template ids. */
  readonly groups: ReadonlyMap<string, readonly number[]>
  /** Normalised segments joined with `/` (placeholders are `\u0000`). */
  key(id: number): string
  record(id: number): TemplateRecord
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
