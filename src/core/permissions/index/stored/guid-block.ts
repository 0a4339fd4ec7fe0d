import type { GuidTable, IdKind } from '../../model.js'
import type { SectionReader } from './index-binary.js'
import { invalid } from './index-binary.js'
import { GUID_BYTES, NONE, ODD, PACKED, unpackGuid } from './index-guids.js'
import type { GuidPlaces } from './index-guids.js'
import { StringList } from './index-strings.js'

/** What the GUID table needs of the permission table: names by number and numbers by name. */
export interface PermissionNames {
  readonly length: number
  lowerName(number: number): string
  /** The number of the first permission of this name (compared without case). */
  numberOf(name: string): number | undefined
}

/** The stored GUID table: the name map is built on the first GUID asked for, each GUID spelled when asked for. */
export class GuidBlock implements GuidTable {
  readonly isEmpty: boolean
  private readonly refs: ArrayLike<number>
  private readonly kinds: ArrayLike<number>
  private readonly bytes: Uint8Array
  private readonly names: StringList
  private readonly odd: StringList
  /** Per permission number, its entry + 1 (0: none), built on the first GUID asked for; each GUID is spelled when asked for. */
  private byPermission: Int32Array | undefined
  /** Lower-case name → entry, for the names no permission has (built when first asked for one). */
  private byOtherName: Map<string, number> | undefined
  /** Per entry, how many GUIDs of each form come before it: where its own are in `bytes` and in `odd`. */
  private starts: { packed: Uint32Array; odd: Uint32Array } | undefined
  private readonly permissions: PermissionNames

  constructor(reader: SectionReader, places: Partial<GuidPlaces> | undefined, permissions: PermissionNames) {
    this.permissions = permissions
    this.refs = reader.numbers(places?.refs)
    this.kinds = reader.numbers(places?.kinds)
    this.bytes = reader.bytes(places?.bytes)
    this.names = new StringList(reader, places?.names)
    this.odd = new StringList(reader, places?.odd)
    if (this.kinds.length !== this.refs.length || this.bytes.length % GUID_BYTES !== 0) invalid('a GUID table of another length')
    this.isEmpty = this.refs.length === 0
  }

  id(kind: IdKind, name: string): string | undefined {
    const entry = this.entryOf(name)
    return entry === undefined ? undefined : this.guid(entry, kind === 'a' ? 1 : 0)
  }

  private entryOf(name: string): number | undefined {
    const number = this.permissions.numberOf(name)
    if (number !== undefined) {
      if (this.byPermission === undefined) {
        const byPermission = new Int32Array(this.permissions.length)
        for (let entry = this.refs.length - 1; entry >= 0; entry--) {
          const ref = this.refs[entry] as number
          if (ref < byPermission.length) byPermission[ref] = entry + 1
        }
        this.byPermission = byPermission
      }
      const entry = (this.byPermission[number] as number) - 1
      return entry === -1 ? undefined : entry
    }
    if (this.byOtherName === undefined) {
      const byOtherName = new Map<string, number>()
      for (let entry = this.refs.length - 1; entry >= 0; entry--) {
        const ref = this.refs[entry] as number
        if (ref >= this.permissions.length) byOtherName.set(this.names.at(ref - this.permissions.length), entry)
      }
      this.byOtherName = byOtherName
    }
    return this.byOtherName.get(name.toLowerCase())
  }

  *entries(): Iterable<readonly [IdKind, string, string]> {
    for (let entry = 0; entry < this.refs.length; entry++) {
      const name = this.nameOf(entry)
      const delegated = this.guid(entry, 0)
      const application = this.guid(entry, 1)
      if (delegated !== undefined) yield ['d', name, delegated]
      if (application !== undefined) yield ['a', name, application]
    }
  }

  private nameOf(entry: number): string {
    const ref = this.refs[entry] as number
    const count = this.permissions.length
    return ref < count ? this.permissions.lowerName(ref) : this.names.at(ref - count)
  }

  private guid(entry: number, kind: 0 | 1): string | undefined {
    const code = ((this.kinds[entry] as number) >> (kind * 2)) & 3
    if (code === NONE) return undefined
    if (code !== PACKED && code !== ODD) invalid('a malformed GUID entry')
    const starts = (this.starts ??= this.countBefore())
    const kinds = this.kinds[entry] as number
    const before = kind === 1 && (kinds & 3) === code ? 1 : 0
    if (code === ODD) return this.odd.at((starts.odd[entry] as number) + before)
    const at = ((starts.packed[entry] as number) + before) * GUID_BYTES
    if (at + GUID_BYTES > this.bytes.length) invalid('a GUID beyond its table')
    return unpackGuid(this.bytes, at)
  }

  private countBefore(): { packed: Uint32Array; odd: Uint32Array } {
    const packed = new Uint32Array(this.refs.length + 1)
    const odd = new Uint32Array(this.refs.length + 1)
    for (let entry = 0; entry < this.refs.length; entry++) {
      const kinds = this.kinds[entry] as number
      packed[entry + 1] = (packed[entry] as number) + ((kinds & 3) === PACKED ? 1 : 0) + (((kinds >> 2) & 3) === PACKED ? 1 : 0)
      odd[entry + 1] = (odd[entry] as number) + ((kinds & 3) === ODD ? 1 : 0) + (((kinds >> 2) & 3) === ODD ? 1 : 0)
    }
    return { packed, odd }
  }
}
