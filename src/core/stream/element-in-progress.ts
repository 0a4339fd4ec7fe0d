/**
 * The element the byte scanner is collecting, chunk by chunk: where it started, the part of it that
 * lies in the current chunk (kept as a view when the chunk ends or the element does), and its text
 * once it ends. A string too large to keep is cut from it and summarised (see {@link ElementBuffer}).
 */
import { ElementBuffer } from './element-buffer.js'
import type { OpenString } from './open-string.js'
import type { ScannedElement } from './scanned-element.js'

export class ElementInProgress {
  private readonly buffer: ElementBuffer
  private readonly decode: (bytes: Uint8Array) => string
  private offset = 0
  private line = 0
  /** Where the part of the element that lies in this chunk starts. */
  private segStart = 0

  constructor(maxElementBytes: number, decode: (bytes: Uint8Array) => string) {
    this.buffer = new ElementBuffer(maxElementBytes)
    this.decode = decode
  }

  /** An element starts at `start` in the chunk, at `offset` in the input, on `line`. */
  begin(start: number, offset: number, line: number): void {
    this.buffer.reset()
    this.offset = offset
    this.line = line
    this.segStart = start
  }

  /** A new chunk starts: the element (if any) goes on from its first byte. */
  nextChunk(): void {
    this.segStart = 0
  }

  /** Where a string's content starting at `start` in the chunk lies in the element's bytes. */
  positionOf(start: number): number {
    return this.buffer.length + (start - this.segStart)
  }

  /** Keep the rest of the chunk: the element goes on in the next one. */
  keepRest(chunk: Uint8Array): void {
    this.buffer.append(chunk.subarray(this.segStart))
  }

  /** Keep the element's bytes up to the start of the open string's content (a string too large to keep). */
  keepUntilString(chunk: Uint8Array, string: OpenString, base: number): void {
    if (string.inChunk) this.buffer.append(chunk.subarray(this.segStart, string.startAbs - base))
    else this.buffer.truncate(string.startInBuffer)
  }

  /** The string that closed at `quote` was too large: its content is replaced by its summary. */
  omitString(chunk: Uint8Array, quote: number, length: number, string: OpenString, base: number): void {
    this.keepUntilString(chunk, string, base)
    this.buffer.appendOmitted(length)
    this.segStart = quote
  }

  /** The element ends before `end` in the chunk: its text (or why there is none), the buffer emptied. */
  finish(chunk: Uint8Array, end: number, index: number): ScannedElement {
    this.buffer.append(chunk.subarray(this.segStart, end))
    const element = this.text({ index, offset: this.offset, line: this.line })
    this.buffer.reset()
    return element
  }

  private text(position: { index: number; offset: number; line: number }): ScannedElement {
    if (this.buffer.oversized) return { ...position, problem: 'too large to read (over the per-entry size limit)' }
    try {
      return { ...position, text: this.decode(this.buffer.bytes()) }
    } catch {
      return { ...position, problem: 'not valid UTF-8' }
    }
  }
}
