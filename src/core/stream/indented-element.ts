/**
 * The fast way through a pretty-printed element: browsers, Fiddler and Dev Proxy indent a HAR, so
 * an entry that opens at the start of a line (after N spaces) closes at the first line that holds
 * N spaces and `}`. A raw newline byte never lies inside a JSON string, so the newlines are the only
 * bytes to look at, found by the native `indexOf`; the candidate is then proved by `JSON.parse`,
 * which the caller needs anyway: a JSON object is self-delimiting, so when the text from the opening
 * brace to the candidate parses, the element ends exactly there. Anything else (a minified file, an
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
  let lines = 0
  let newline = chunk.indexOf(NEWLINE, start)
  while (newline >= 0 && newline < limit) {
    lines++
    const brace = newline + indent + 1
    if (chunk[brace] === CLOSE_BRACE && spacesBetween(chunk, newline + 1, brace)) return parsed(chunk, start, brace + 1, lines, decode)
    newline = chunk.indexOf(NEWLINE, newline + 1)
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

function parsed(chunk: Uint8Array, start: number, end: number, lines: number, decode: (bytes: Uint8Array) => string): IndentedElement | undefined {
  try {
    const text = decode(chunk.subarray(start, end))
    return { end, lines, text, value: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}
