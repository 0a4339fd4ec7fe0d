/**
 * The fast way through a pretty-printed element: browsers, Fiddler and Dev Proxy indent a HAR, so
 * an entry that opens at the start of a line (after N spaces) closes at the first line that holds
 * N spaces and `}`. A raw newline byte never lies inside a JSON string, so such a line is found by
 * looking at the closing braces (a few dozen per entry, found by the native `indexOf`) and the bytes
 * before them. The candidate is then proved by `JSON.parse`, which the caller needs anyway: a JSON
 * object is self-delimiting, so when the text from the opening brace to the candidate parses, the
 * element ends exactly there. Anything else (a minified file, an
 * element that crosses the chunk, a candidate that does not parse) is left to the byte scanner.
 */

const NEWLINE = 0x0a
const SPACE = 0x20
const CLOSE_BRACE = 0x7d
/** Deeper indentation than this is not a HAR entry's; the byte scanner takes it. */
const MAX_INDENT = 256

/** An element read whole from one chunk. */
export interface IndentedElement {
  /** Index after its closing brace. */
  readonly end: number
  /** Newlines inside it. */
  readonly lines: number
  readonly text: string
  /** `JSON.parse(text)`. */
  readonly value: unknown
}

/**
 * The element that opens with `{` at `start`, when it is indented, ends in this chunk within
 * `maxBytes`, decodes and parses; undefined otherwise (nothing was consumed).
 */
export function readIndentedElement(chunk: Uint8Array, start: number, maxBytes: number, decode: (bytes: Uint8Array) => string): IndentedElement | undefined {
  const indent = indentBefore(chunk, start)
  if (indent < 0) return undefined
  const limit = Math.min(chunk.length, start + maxBytes)
  // Closing braces are a few dozen per entry, newlines over a hundred: look for the braces.
  for (let brace = chunk.indexOf(CLOSE_BRACE, start + 1); brace >= 0 && brace < limit; brace = chunk.indexOf(CLOSE_BRACE, brace + 1)) {
    const newline = brace - indent - 1
    if (newline > start && chunk[newline] === NEWLINE && spacesBetween(chunk, newline + 1, brace)) return parsed(chunk, start, brace + 1, decode)
  }
  return undefined
}

/** Spaces between the last newline and `start`; -1 when other bytes (or the chunk's start) come first. */
function indentBefore(chunk: Uint8Array, start: number): number {
  const floor = Math.max(0, start - MAX_INDENT - 1)
  for (let i = start - 1; i >= floor; i--) {
    const byte = chunk[i]
    if (byte === NEWLINE) return start - 1 - i
    if (byte !== SPACE) return -1
  }
  return -1
}

function spacesBetween(chunk: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (chunk[i] !== SPACE) return false
  return true
}

function parsed(chunk: Uint8Array, start: number, end: number, decode: (bytes: Uint8Array) => string): IndentedElement | undefined {
  try {
    const text = decode(chunk.subarray(start, end))
    const value = JSON.parse(text) as unknown
    return { end, lines: countNewlines(chunk, start, end), text, value }
  } catch {
    return undefined
  }
}

/**
 * Newlines in `chunk[from, to)`, four bytes at a time: the count of zero bytes of each word XOR
 * `0x0a0a0a0a` (exact, without the carries of the usual zero-byte test), so a browser counts as fast
 * as Node's native `indexOf` finds them one by one.
 */
export function countNewlines(chunk: Uint8Array, from: number, to: number): number {
  let count = 0
  let i = from
  const aligned = Math.min(to, from + ((4 - ((chunk.byteOffset + from) & 3)) & 3))
  for (; i < aligned; i++) if (chunk[i] === NEWLINE) count++
  const words = (to - i) >>> 2
  if (words > 0) {
    const view = new Uint32Array(chunk.buffer, chunk.byteOffset + i, words)
    for (let k = 0; k < words; k++) {
      const x = (view[k] as number) ^ 0x0a0a0a0a
      const zeros = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f)
      count += Math.imul(zeros >>> 7, 0x01010101) >>> 24
    }
    i += words * 4
  }
  for (; i < to; i++) if (chunk[i] === NEWLINE) count++
  return count
}
