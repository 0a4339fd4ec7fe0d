import type { PermissionScheme } from '../../types.js'
import type { GuidTable, IdKind, ModelTables, PermissionInfo, PermissionTable, SchemeInfo } from '../model.js'
import { SCHEMES } from '../model.js'
import { invalid } from './index-source.js'

/**
 * The model's tables as the index's header stores them: each permission as a short array, GUIDs and
 * hidden flags by permission number instead of repeating its name (`kind|name` keys), and only the
 * hidden flags of catalogued permissions (the engine asks for no other). Decoding restores the tables.
 */
export interface CompactTables {
  /** `[name, rsc (1|0), one entry per SCHEMES: 0 when absent, else [privilegeLevel or -1, requiresAdminConsent 1|0|-1]]` */
  readonly permissions: readonly (readonly unknown[])[]
  /** `[permission number, or the lower-case name when not catalogued; delegated GUID or ''; application GUID or '']` */
  readonly ids: readonly (readonly [number | string, string, string])[]
  /** `[permission number, scheme bits hidden]` */
  readonly hidden: readonly (readonly [number, number])[]
  readonly alsoRequires: readonly (readonly string[])[]
}

export function encodeTables(tables: ModelTables): CompactTables {
  const { permissions } = tables
  const numbers = new Map<string, number>()
  const encoded: unknown[][] = []
  for (let index = 0; index < permissions.length; index++) {
    const permission = permissions.at(index) as PermissionInfo
    numbers.set(permission.name.toLowerCase(), index)
    encoded.push(encodePermission(permission))
  }
  const ids = new Map<string, [number | string, string, string]>()
  for (const [kind, name, id] of tables.ids.entries()) {
    let entry = ids.get(name)
    if (entry === undefined) {
      entry = [numbers.get(name) ?? name, '', '']
      ids.set(name, entry)
    }
    entry[kind === 'a' ? 2 : 1] = id
  }
  const hidden = new Map<number, number>()
  for (const key in tables.hidden) {
    const number = numbers.get(key.slice(key.indexOf('|') + 1))
    if (number !== undefined) hidden.set(number, (hidden.get(number) ?? 0) | Number(key.slice(0, key.indexOf('|'))))
  }
  return { permissions: encoded, ids: [...ids.values()], hidden: [...hidden], alsoRequires: tables.alsoRequires }
}

function encodePermission(permission: PermissionInfo): unknown[] {
  const schemes = SCHEMES.map((scheme) => {
    const info = permission.schemes[scheme]
    if (info === undefined) return 0
    const admin = info.requiresAdminConsent
    return [info.privilegeLevel ?? -1, admin === undefined ? -1 : admin ? 1 : 0]
  })
  return [permission.name, permission.rsc ? 1 : 0, ...schemes]
}

/**
 * The model's tables over the compact ones, decoded on demand: a permission when first asked for, the
 * GUID table on the first GUID asked for. A malformed entry throws `ERR_DATA_INVALID` when first used
 * ({@link checkTables} decodes every one).
 */
export function decodeTables(compact: CompactTables): ModelTables {
  if (!Array.isArray(compact.permissions) || !Array.isArray(compact.ids) || !Array.isArray(compact.hidden) || !Array.isArray(compact.alsoRequires)) {
    invalid('missing tables')
  }
  const permissions = new CompactPermissions(compact.permissions)
  const hidden: Record<string, 1> = {}
  for (const [ref, bits] of compact.hidden) {
    const name = permissions.lowerName(ref)
    for (const bit of [1, 2, 4]) if ((bits & bit) !== 0) hidden[`${bit}|${name}`] = 1
  }
  return { permissions, ids: new CompactGuids(compact.ids, permissions), hidden, alsoRequires: compact.alsoRequires }
}

/** Decode every entry of the tables (loading decodes them on first use). */
export function checkTables(tables: ModelTables): void {
  for (let index = 0; index < tables.permissions.length; index++) tables.permissions.at(index)
  tables.ids.id('d', '')
}

class CompactPermissions implements PermissionTable {
  readonly length: number
  private readonly decoded: (PermissionInfo | undefined)[]
  private byName: Map<string, number> | undefined
  private readonly compact: readonly (readonly unknown[])[]

  constructor(compact: readonly (readonly unknown[])[]) {
    this.compact = compact
    this.length = compact.length
    this.decoded = new Array<PermissionInfo | undefined>(compact.length)
  }

  at(index: number): PermissionInfo | undefined {
    if (!(index >= 0 && index < this.length)) return undefined
    return (this.decoded[index] ??= decodePermission(this.compact[index] as readonly unknown[]))
  }

  named(name: string): PermissionInfo | undefined {
    // Filled aside and kept only when complete: a malformed entry throws on every call, never leaves a partial map.
    if (this.byName === undefined) {
      const byName = new Map<string, number>()
      for (let index = this.length - 1; index >= 0; index--) byName.set(this.lowerName(index), index) // the first of a name wins
      this.byName = byName
    }
    const index = this.byName.get(name.toLowerCase())
    return index === undefined ? undefined : this.at(index)
  }

  /** The lower-case name of permission `ref`, or `ref` itself when it is a name. */
  lowerName(ref: number | string): string {
    if (typeof ref === 'string') return ref
    const name = (this.compact[ref] ?? invalid('an unknown permission number'))[0]
    return typeof name === 'string' ? name.toLowerCase() : invalid('a malformed permission')
  }
}

class CompactGuids implements GuidTable {
  readonly isEmpty: boolean
  /** Lower-case name → [delegated GUID, application GUID] (`''` when absent), built on first use. */
  private byName: Map<string, readonly [string, string]> | undefined
  private readonly compact: readonly (readonly [number | string, string, string])[]
  private readonly permissions: CompactPermissions

  constructor(compact: readonly (readonly [number | string, string, string])[], permissions: CompactPermissions) {
    this.compact = compact
    this.permissions = permissions
    this.isEmpty = compact.length === 0
  }

  id(kind: IdKind, name: string): string | undefined {
    if (this.byName === undefined) {
      const byName = new Map<string, readonly [string, string]>()
      for (const [ref, delegated, application] of this.compact) {
        const name = this.permissions.lowerName(ref)
        if (!byName.has(name)) byName.set(name, [delegated, application])
      }
      this.byName = byName
    }
    const id = this.byName.get(name.toLowerCase())?.[kind === 'a' ? 1 : 0]
    return id === '' ? undefined : id
  }

  *entries(): Iterable<readonly [IdKind, string, string]> {
    for (const [ref, delegated, application] of this.compact) {
      const name = this.permissions.lowerName(ref)
      if (delegated !== '') yield ['d', name, delegated]
      if (application !== '') yield ['a', name, application]
    }
  }
}

function decodePermission(entry: readonly unknown[]): PermissionInfo {
  if (!Array.isArray(entry)) invalid('a malformed permission')
  const [name, rsc, ...schemeEntries] = entry
  if (typeof name !== 'string' || schemeEntries.length !== SCHEMES.length) invalid('a malformed permission')
  const schemes: Partial<Record<PermissionScheme, SchemeInfo>> = {}
  SCHEMES.forEach((scheme, index) => {
    const info = schemeEntries[index]
    if (!Array.isArray(info)) return
    const [level, admin] = info as [number, number]
    schemes[scheme] = { ...(level === -1 ? {} : { privilegeLevel: level }), ...(admin === -1 ? {} : { requiresAdminConsent: admin === 1 }) }
  })
  return { name, rsc: rsc === 1, schemes }
}
