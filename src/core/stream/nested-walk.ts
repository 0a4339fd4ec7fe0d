/**
 * The byte scanner's hot loop, inside an element or a skipped value: only strings, brackets and
 * newlines matter. One table look-up per byte, runs of indentation four bytes at a time, strings that
 * end in this chunk skipped with `indexOf` in place.
 */
import { BYTE_CLASS, closingQuote, FOUR_SPACES, NEWLINE_CLASS, OPEN, SPACE, STRING } from './json-bytes.js'

/** The chunk ended inside the value. */
export const WALK_CHUNK_END = 0
/** The bracket that opened the value closed: the walk returns the index after it. */
export const WALK_CLOSED = 1
/** A string that goes on past the chunk (or is longer than allowed) opens: the walk returns the index of its quote. */
export const WALK_LONG_STRING = 2

/** Where the walk is: nesting depth and line, carried from chunk to chunk, and why it last stopped. */
export interface NestedWalk {
  depth: number
  line: number
  stop: number
}

/** Walk `chunk` from `from` until the value closes, a long string opens or the chunk ends (`walk.stop` says which). */
export function walkNested(chunk: Uint8Array, from: number, walk: NestedWalk, maxString: number, view: DataView): number {
  let depth = walk.depth
  let line = walk.line
  let i = from
  const end = chunk.length
  let stop = WALK_CHUNK_END
  while (i < end) {
    const byte = chunk[i] as number
    // Indentation is a third of a pretty-printed HAR: spaces first, four at a time, without the table.
    if (byte === SPACE) {
      i++
      while (i + 4 <= end && view.getUint32(i) === FOUR_SPACES) i += 4
      continue
    }
    const kind = BYTE_CLASS[byte]
    if (kind === 0) {
      i++
    } else if (kind === STRING) {
      const quote = closingQuote(chunk, i + 1)
      if (quote < 0 || quote - i - 1 > maxString) {
        stop = WALK_LONG_STRING
        break
      }
      i = quote + 1
    } else if (kind === NEWLINE_CLASS) {
      line++
      i++
    } else if (kind === OPEN) {
      depth++
      i++
    } else if (--depth === 0) {
      i++
      stop = WALK_CLOSED
      break
    } else {
      i++
    }
  }
  walk.depth = depth
  walk.line = line
  walk.stop = stop
  return i
}

/** A DataView of the chunk being walked (one per chunk), to read four bytes at once. */
export class ChunkView {
  private chunk: Uint8Array | undefined
  private view: DataView = new DataView(new ArrayBuffer(0))

  of(chunk: Uint8Array): DataView {
    if (this.chunk !== chunk) {
      this.chunk = chunk
      this.view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    }
    return this.view
  }
}
