/**
 * The string the JSON array scanner is inside of, which may go on across chunks: where its content
 * started (in the input, and in the element's buffer when it began in an earlier chunk) and the
 * backslashes at the end of a chunk that escape the first byte of the next.
 */
import { QUOTE, trailingBackslashes } from './json-bytes.js'

export class OpenString {
  /** The scanner is inside a string. */
  active = false
  /** The string is a key of an object on the path (its text is wanted), not a value. */
  isKey = false
  /** Offset in the input of its first content byte. */
  startAbs = 0
  /** Where its content starts in the element's buffer (for a string that began in an earlier chunk). */
  startInBuffer = 0
  /** It began in the current chunk. */
  inChunk = false
  /** Backslashes that ended the previous chunk inside this string. */
  private carry = 0

  open(startAbs: number, startInBuffer: number, isKey: boolean): void {
    this.active = true
    this.carry = 0
    this.isKey = isKey
    this.startAbs = startAbs
    this.startInBuffer = startInBuffer
    this.inChunk = true
  }

  /** A new chunk starts: a string still open began in an earlier one. */
  nextChunk(): void {
    this.inChunk = false
  }

  /** Index of the closing quote from `from`, or -1 when the string goes on past this chunk. */
  closingQuote(chunk: Uint8Array, from: number): number {
    let i = from
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i)
      if (quote < 0) {
        this.carry = trailingBackslashes(chunk, i, chunk.length, this.carry)
        return -1
      }
      const run = trailingBackslashes(chunk, i, quote, this.carry)
      this.carry = 0
      if (run % 2 === 0) return quote
      i = quote + 1
    }
  }
}
