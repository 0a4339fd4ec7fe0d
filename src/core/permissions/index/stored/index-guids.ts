import type { IdKind } from '../../model.js'
import type { SectionPlace, SectionWriter } from './index-binary.js'
import { writeStrings } from './index-strings.js'
import type { StringPlaces } from './index-strings.js'

/** Bytes per GUID in {@link GuidPlaces.bytes}. */
export const GUID_BYTES = 16
const HEX = '0123456789abcdef'
/** Per kind in {@link GuidPlaces.kinds}: no GUID, one in {@link GuidPlaces.bytes}, one spelled otherwise (in `odd`). */
export const NONE = 0
export const PACKED = 1
export const ODD = 2

/**
 * The GUID table, one entry per name: the permission's number (or, for a name no permission has, the
 * permission count + its place in `names`), 2 bits per kind (delegated, then application), and its
 * GUIDs as 16 bytes each, in entry order (a
 * GUID not written as 36 lower-case characters is kept as text in `odd`).
 */
export interface GuidPlaces {
  readonly refs: SectionPlace
  readonly names: StringPlaces
  readonly kinds: SectionPlace
  readonly bytes: SectionPlace
  readonly odd: StringPlaces
}

export function writeGuids(
  writer: SectionWriter,
  entries: Iterable<readonly [IdKind, string, string]>,
  numbers: ReadonlyMap<string, number>,
  permissionCount: number,
): GuidPlaces {
  const byName = new Map<string, [string, string]>()
  for (const [kind, name, id] of entries) {
    let entry = byName.get(name)
    if (entry === undefined) byName.set(name, (entry = ['', '']))
    entry[kind === 'a' ? 1 : 0] = id
  }
  const refs: number[] = []
  const names: string[] = []
  const kinds: number[] = []
  const odd: string[] = []
  const bytes = new Uint8Array(byName.size * 2 * GUID_BYTES)
  let packed = 0
  let entry = 0
  for (const [name, ids] of byName) {
    const number = numbers.get(name)
    refs.push(number ?? permissionCount + names.length)
    if (number === undefined) names.push(name)
    let kindBits = 0
    ids.forEach((id, kind) => {
      const code = id === '' ? NONE : packGuid(id, bytes, packed * GUID_BYTES) ? PACKED : ODD
      if (code === ODD) odd.push(id)
      if (code === PACKED) packed++
      kindBits |= code << (kind * 2)
    })
    kinds.push(kindBits)
    entry++
  }
  return { refs: writer.numbers(refs), names: writeStrings(writer, names), kinds: writer.numbers(kinds, 1), bytes: writer.bytes(bytes.subarray(0, packed * GUID_BYTES)), odd: writeStrings(writer, odd) }
}

/** Write a lower-case `8-4-4-4-12` GUID as 16 bytes at `at`; false (nothing meaningful written) for any other text. */
function packGuid(id: string, out: Uint8Array, at: number): boolean {
  if (id.length !== 36) return false
  let byte = 0
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (id.charCodeAt(i) !== 45) return false
      continue
    }
    const digit = HEX.indexOf(id.charAt(i))
    if (digit === -1) return false
    if (byte % 2 === 0) out[at + (byte >> 1)] = digit << 4
    else out[at + (byte >> 1)] = (out[at + (byte >> 1)] as number) | digit
    byte++
  }
  return true
}

export function unpackGuid(bytes: Uint8Array, at: number): string {
  let text = ''
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text += '-'
    const byte = bytes[at + i] as number
    text += HEX.charAt(byte >> 4) + HEX.charAt(byte & 15)
  }
  return text
}
