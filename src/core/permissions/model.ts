import type { PermissionScheme } from '../types.js'

/** The serialisable heart of a catalogue: what the raw JSON and the derived index both produce. */
export interface CatalogueModel {
  readonly permissions: readonly PermissionInfo[]
  readonly templates: readonly TemplateRecord[]
  /** `[kind, name, id]` rows of the merged GUID table. */
  readonly ids: readonly (readonly [IdKind, string, string])[]
  /** `[kind, name]` rows the provisioning data marks hidden (never suggested). */
  readonly hidden: readonly (readonly [SchemeBit, string])[]
  /** The distinct AlsoRequires lists, addressed from grants. */
  readonly alsoRequires: readonly (readonly string[])[]
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

/** One normalised path with the spelling first seen in the data and its grants per method. */
export interface TemplateRecord {
  /** Normalised segments joined with `/` (placeholders are `\u0000`). */
  readonly key: string
  readonly template: string
  /** Grants per method, flat with {@link GRANT_STRIDE} numbers each (compact and fast to parse). */
  readonly methods: Record<string, number[]>
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
