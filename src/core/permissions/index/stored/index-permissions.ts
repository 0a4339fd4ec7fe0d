import type { PermissionScheme } from '../../../types.js'
import type { PermissionInfo, PermissionTable, SchemeInfo } from '../../model.js'
import { SCHEMES } from '../../model.js'
import { invalid } from './index-binary.js'
import type { PermissionNames } from './guid-block.js'
import type { StringList } from './index-strings.js'

/** Numbers per permission in `TablePlaces.info`: RSC (1|0), then one code per SCHEMES ({@link schemeCode}). */
export const INFO = 1 + SCHEMES.length
/** The largest privilege level a scheme code holds; a permission with another level is stored as JSON (`odd`). */
const MAX_LEVEL = 1000

/** 0: no such scheme; else 1 + (privilege level + 1) × 3 + (admin consent: 0 unknown, 1 no, 2 yes). Undefined when no code holds it. */
export function schemeCode(info: SchemeInfo | undefined): number | undefined {
  if (info === undefined) return 0
  const level = info.privilegeLevel ?? -1
  if (!(Number.isInteger(level) && level >= -1 && level <= MAX_LEVEL)) return undefined
  const admin = info.requiresAdminConsent === undefined ? 0 : info.requiresAdminConsent ? 2 : 1
  return 1 + (level + 1) * 3 + admin
}

export function compactScheme(info: SchemeInfo | undefined): unknown {
  if (info === undefined) return 0
  const admin = info.requiresAdminConsent
  return [info.privilegeLevel ?? -1, admin === undefined ? -1 : admin ? 1 : 0]
}

/**
 * The permission table of the index, by permission number: per permission its RSC flag and one code per
 * scheme ({@link schemeCode}), decoded when a grant first names the permission;
 * names by number and numbers by name (without case) for the GUID table.
 */
export class StoredPermissions implements PermissionTable, PermissionNames {
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
