/**
 * The byte-level pieces of the JSON array scanner: the bytes that matter to it, one class per byte
 * for its hot loop, and the end of a string found by hand or by `indexOf` (escapes counted).
 */

export const QUOTE = 0x22
export const BACKSLASH = 0x5c
export const NEWLINE = 0x0a
export const SPACE = 0x20
export const FOUR_SPACES = 0x20202020

export const STRING = 1
export const OPEN = 2
export const CLOSE = 3
export const NEWLINE_CLASS = 4
/** What each byte means to the scanner's nested loop: 0 for every byte it passes over. */
export const BYTE_CLASS = new Uint8Array(256)
BYTE_CLASS[QUOTE] = STRING
BYTE_CLASS[0x7b] = OPEN
BYTE_CLASS[0x5b] = OPEN
BYTE_CLASS[0x7d] = CLOSE
BYTE_CLASS[0x5d] = CLOSE
BYTE_CLASS[NEWLINE] = NEWLINE_CLASS

/** Strings shorter than this (keys, header names, most values) are walked by hand: a native `indexOf` call costs more. */
const SHORT_STRING = 48

/** The closing quote of a string whose content starts at `from` in this chunk, or -1 past the chunk. */
export function closingQuote(chunk: Uint8Array, from: number): number {
  const end = chunk.length
  const limit = from + SHORT_STRING < end ? from + SHORT_STRING : end
  let i = from
  while (i < limit) {
    const byte = chunk[i]
    if (byte === QUOTE) return i
    i += byte === BACKSLASH ? 2 : 1
  }
  if (i >= end) return -1
  // `i` follows a whole escape sequence or plain byte: backslashes are counted from here on.
  for (;;) {
    const quote = chunk.indexOf(QUOTE, i)
    if (quote < 0) return -1
    if (chunk[quote - 1] !== BACKSLASH || trailingBackslashes(chunk, i, quote, 0) % 2 === 0) return quote
    i = quote + 1
  }
}

/** Backslashes just before `end` (down to `from`), plus `carry` when the run reaches `from`. */
export function trailingBackslashes(chunk: Uint8Array, from: number, end: number, carry: number): number {
  let k = end - 1
  while (k >= from && chunk[k] === BACKSLASH) k--
  const run = end - 1 - k
  return k < from ? run + carry : run
}

/** Where a number, `true`, `false` or `null` that starts before `from` ends (its next delimiter), or -1 past the chunk. */
export function literalEnd(chunk: Uint8Array, from: number): number {
  for (let i = from; i < chunk.length; i++) {
    const byte = chunk[i] ?? 0
    if (byte === 0x2c || byte === 0x5d || byte === 0x7d || byte <= 0x20) return i
  }
  return -1
}
