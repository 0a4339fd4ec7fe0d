import type { PermissionScheme } from '../../types.js'
import type { ModelTables, PermissionInfo, SchemeInfo } from '../model.js'
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
  const numbers = new Map(tables.permissions.map((permission, index) => [permission.name.toLowerCase(), index]))
  const ids = new Map<string, [number | string, string, string]>()
  for (const key in tables.ids) {
    const name = key.slice(2)
    let entry = ids.get(name)
    if (entry === undefined) {
      entry = [numbers.get(name) ?? name, '', '']
      ids.set(name, entry)
    }
    entry[key.startsWith('a|') ? 2 : 1] = tables.ids[key] ?? ''
  }
  const hidden = new Map<number, number>()
  for (const key in tables.hidden) {
    const number = numbers.get(key.slice(key.indexOf('|') + 1))
    if (number !== undefined) hidden.set(number, (hidden.get(number) ?? 0) | Number(key.slice(0, key.indexOf('|'))))
  }
  return {
    permissions: tables.permissions.map(encodePermission),
    ids: [...ids.values()],
    hidden: [...hidden],
    alsoRequires: tables.alsoRequires,
  }
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

export function decodeTables(compact: CompactTables): ModelTables {
  if (!Array.isArray(compact.permissions) || !Array.isArray(compact.ids) || !Array.isArray(compact.hidden) || !Array.isArray(compact.alsoRequires)) {
    invalid('missing tables')
  }
  const permissions = compact.permissions.map(decodePermission)
  const nameOf = (ref: number | string): string => (typeof ref === 'string' ? ref : (permissions[ref]?.name ?? invalid('an unknown permission number')).toLowerCase())
  const ids: Record<string, string> = {}
  for (const [ref, delegated, application] of compact.ids) {
    const name = nameOf(ref)
    if (delegated !== '') ids[`d|${name}`] = delegated
    if (application !== '') ids[`a|${name}`] = application
  }
  const hidden: Record<string, 1> = {}
  for (const [ref, bits] of compact.hidden) {
    const name = nameOf(ref)
    for (const bit of [1, 2, 4]) if ((bits & bit) !== 0) hidden[`${bit}|${name}`] = 1
  }
  return { permissions, ids, hidden, alsoRequires: compact.alsoRequires }
}

function decodePermission(entry: readonly unknown[]): PermissionInfo {
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
