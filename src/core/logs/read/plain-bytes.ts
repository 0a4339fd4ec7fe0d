/**
 * What a chunk of JSON-lines bytes holds, four bytes at a time (SWAR bit tricks on a `Uint32Array`
 * view; a regex over the decoded text costs several times more): whether it has no backslash and no
 * control byte but LF (then no line of it needs `json-lines.ts`'s per-character check), and whether it
 * is all ASCII (then it may be decoded as Latin-1). A LF matches the "below 0x20" test too, so a word
 * that matches is looked at byte by byte.
 */

const LOW_BITS = 0x01010101
const HIGH_BITS = 0x80808080 | 0
const SPACES = 0x20202020
const SLASHES = 0x5c5c5c5c

/** What {@link scanBytes} found in a chunk. */
export interface ChunkBytes {
  /** No backslash and no control byte but LF. */
  readonly plain: boolean
  /** Every byte below 0x80 (only told for a plain chunk; false otherwise). */
  readonly ascii: boolean
}

const NOT_PLAIN: ChunkBytes = { plain: false, ascii: false }
const PLAIN_ASCII: ChunkBytes = { plain: true, ascii: true }
const PLAIN_OTHER: ChunkBytes = { plain: true, ascii: false }

/**
 * @example
 * scanBytes(new TextEncoder().encode('{"a":1}\n')) // { plain: true, ascii: true }
 * scanBytes(new TextEncoder().encode('{"a":"\\u00e9"}\n')).plain // false
 */
export function scanBytes(bytes: Uint8Array): ChunkBytes {
  const length = bytes.length
  const head = Math.min((4 - (bytes.byteOffset & 3)) & 3, length)
  const words = (length - head) >>> 2
  let high = 0
  for (let i = 0; i < head; i++) {
    const byte = bytes[i] ?? 0
    if (isSpecial(byte)) return NOT_PLAIN
    high |= byte << 24
  }
  if (words > 0) {
    // Int32 lanes: every value stays a 32-bit integer in optimised code (a Uint32Array's upper half would not).
    const view = new Int32Array(bytes.buffer, bytes.byteOffset + head, words)
    for (let w = 0; w < words; w++) {
      const word = view[w] ?? 0
      high |= word
      // A byte below 0x20 (a zero byte after subtracting 0x20 borrows into its high bit), or equal to 0x5c.
      const slash = word ^ SLASHES
      if ((((word - SPACES) & ~word) | ((slash - LOW_BITS) & ~slash)) & HIGH_BITS && !plainAt(bytes, head + w * 4, head + w * 4 + 4)) return NOT_PLAIN
    }
  }
  for (let i = head + words * 4; i < length; i++) {
    const byte = bytes[i] ?? 0
    if (isSpecial(byte)) return NOT_PLAIN
    high |= byte << 24
  }
  return (high & HIGH_BITS) === 0 ? PLAIN_ASCII : PLAIN_OTHER
}

function plainAt(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isSpecial(bytes[i] ?? 0)) return false
  return true
}

function isSpecial(byte: number): boolean {
  return byte === 0x5c || (byte < 0x20 && byte !== 0x0a)
}
