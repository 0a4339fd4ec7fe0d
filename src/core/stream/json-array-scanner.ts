/**
 * An incremental byte scanner that finds the elements of one array inside a JSON document of any
 * size (`log.entries` of a HAR, `value` of a Graph page, `records` of a diagnostic-settings blob, or
 * a top-level array) and hands each element over as text, without ever holding the document.
 *
 * Pure and synchronous, so it runs the same in Node and in a browser: the caller feeds chunks of
 * bytes in order. Memory is bounded by one element (whose very long strings are summarised, see
 * {@link ElementBuffer}) plus the caller's chunk. Newlines are counted outside strings only (JSON
 * strings hold none), so every element and error knows its line for free.
 */
import { ElementBuffer } from './element-buffer.js'
import { readIndentedElement } from './indented-element.js'
import { BYTE_CLASS, closingQuote, FOUR_SPACES, NEWLINE, NEWLINE_CLASS, OPEN, QUOTE, SPACE, STRING, trailingBackslashes } from './json-bytes.js'
import { JsonScanError, type JsonArrayScannerOptions, type JsonScanSummary, type ScannedElement } from './scanned-element.js'
import { ShallowFrames } from './shallow-frames.js'

export { JsonScanError, type JsonArrayScannerOptions, type JsonScanSummary, type ScannedElement } from './scanned-element.js'

type Mode = 'shallow' | 'skip' | 'element' | 'element-literal' | 'done'

const MiB = 1024 * 1024

const fatalDecoder = new TextDecoder('utf-8', { fatal: true })

/**
 * Feed it chunks with {@link push}; it calls `emit` for each element, in order. {@link end} checks
 * that the document was complete and says whether the array was there.
 *
 * @example
 * const scanner = new JsonArrayScanner({ path: ['log', 'entries'] })
 * for (const chunk of chunks) scanner.push(chunk, (entry) => entries.push(JSON.parse(entry.text ?? 'null')))
 * scanner.end()
 */
export class JsonArrayScanner {
  private readonly decode: (bytes: Uint8Array) => string
  private readonly maxStringBytes: number
  /** The largest element read whole by the indented fast path: no string in it can need a summary. */
  private readonly maxIndentedBytes: number
  /** False once the fast path missed in this chunk: one miss per chunk keeps hostile input linear. */
  private tryIndented = true
  private readonly frames: ShallowFrames
  private readonly element: ElementBuffer
  private mode: Mode = 'shallow'
  private base = 0
  private line = 1
  private depth = 0
  private inString = false
  private carry = 0
  private stringIsKey = false
  private stringStartAbs = 0
  private stringStartInBuffer = 0
  private stringInChunk = false
  private index = 0
  private elementOffset = 0
  private elementLine = 0
  private segStart = 0
  private viewChunk: Uint8Array | undefined
  private view: DataView = new DataView(new ArrayBuffer(0))

  constructor(options: JsonArrayScannerOptions) {
    this.decode = options.decode ?? ((bytes) => fatalDecoder.decode(bytes))
    this.maxStringBytes = options.maxStringBytes ?? 8 * MiB
    this.element = new ElementBuffer(options.maxElementBytes ?? 64 * MiB)
    this.maxIndentedBytes = Math.min(this.maxStringBytes, options.maxElementBytes ?? 64 * MiB)
    this.frames = new ShallowFrames(options.path)
  }

  /** Scan the next chunk; `emit` receives every element that ends in it. */
  push(chunk: Uint8Array, emit: (element: ScannedElement) => void): void {
    let i = 0
    this.segStart = 0
    this.stringInChunk = false
    this.tryIndented = true
    while (i < chunk.length) {
      if (this.inString) {
        const end = this.scanString(chunk, i)
        if (end < 0) break
        i = this.closeString(chunk, end, emit)
      } else if (this.mode === 'shallow' || this.mode === 'done') {
        i = this.shallow(chunk, i, emit)
      } else if (this.mode === 'element-literal') {
        i = this.literalElement(chunk, i, emit)
      } else {
        i = this.nested(chunk, i, emit)
      }
    }
    this.endOfChunk(chunk)
    this.base += chunk.length
  }

  /**
   * The input has ended.
   *
   * @throws JsonScanError when the document is incomplete.
   */
  end(): JsonScanSummary {
    if (this.mode !== 'done') {
      const what = this.base === 0 && this.line === 1 && !this.frames.started ? 'the input is empty' : 'the JSON ends too early (truncated?)'
      throw new JsonScanError(what, this.line, this.base)
    }
    const missing = this.frames.missing
    return missing === undefined || this.frames.found ? { elements: this.index } : { elements: this.index, missing }
  }

  /** Index after the closing quote of the current string, or -1 when it goes on past this chunk. */
  private scanString(chunk: Uint8Array, from: number): number {
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

  private openString(quote: number, isKey: boolean): void {
    this.inString = true
    this.carry = 0
    this.stringIsKey = isKey
    this.stringStartAbs = this.base + quote + 1
    this.stringInChunk = true
    this.stringStartInBuffer = this.element.length + (quote + 1 - this.segStart)
    if (isKey) this.frames.beginKey(quote + 1)
  }

  /** The string closed at `quote`; returns where scanning goes on. */
  private closeString(chunk: Uint8Array, quote: number, emit: (element: ScannedElement) => void): number {
    this.inString = false
    const length = this.base + quote - this.stringStartAbs
    if (this.stringIsKey) {
      this.frames.endKey(chunk, quote)
      return quote + 1
    }
    if (this.mode === 'element' && length > this.maxStringBytes) this.omitString(chunk, quote, length)
    if (this.mode === 'element' && this.depth === 0) {
      this.finishElement(chunk, quote + 1, emit)
    } else if (this.mode === 'shallow') {
      this.frames.valueDone()
    }
    return quote + 1
  }

  /** Replace the content of a string too large to process whole by its summary. */
  private omitString(chunk: Uint8Array, quote: number, length: number): void {
    if (this.stringInChunk) this.element.append(chunk.subarray(this.segStart, this.stringStartAbs - this.base))
    else this.element.truncate(this.stringStartInBuffer)
    this.element.appendOmitted(length)
    this.segStart = quote
  }

  /**
   * Inside an element or a skipped value: only strings, brackets and newlines matter. The hot loop:
   * one table look-up per byte, strings that end in this chunk skipped with `indexOf` in place.
   */
  private nested(chunk: Uint8Array, from: number, emit: (element: ScannedElement) => void): number {
    let depth = this.depth
    let line = this.line
    let i = from
    const end = chunk.length
    const maxString = this.mode === 'element' ? this.maxStringBytes : Number.POSITIVE_INFINITY
    const view = this.viewOf(chunk)
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
          this.depth = depth
          this.line = line
          this.openString(i, false)
          return i + 1
        }
        i = quote + 1
      } else if (kind === NEWLINE_CLASS) {
        line++
        i++
      } else if (kind === OPEN) {
        depth++
        i++
      } else if (--depth === 0) {
        this.depth = 0
        this.line = line
        if (this.mode === 'element') this.finishElement(chunk, i + 1, emit)
        else this.backToShallow()
        return i + 1
      } else {
        i++
      }
    }
    this.depth = depth
    this.line = line
    return chunk.length
  }

  /** A DataView of the chunk (one per chunk), to read four bytes at once. */
  private viewOf(chunk: Uint8Array): DataView {
    if (this.viewChunk !== chunk) {
      this.viewChunk = chunk
      this.view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    }
    return this.view
  }

  /** A number, `true`, `false` or `null` as an element of the array: it ends at the next delimiter. */
  private literalElement(chunk: Uint8Array, from: number, emit: (element: ScannedElement) => void): number {
    for (let i = from; i < chunk.length; i++) {
      const byte = chunk[i] ?? 0
      if (byte === 0x2c || byte === 0x5d || byte === 0x7d || byte <= 0x20) {
        this.finishElement(chunk, i, emit)
        return i
      }
    }
    return chunk.length
  }

  /** Outside elements: follow the structure along the path, and start elements and skips. */
  private shallow(chunk: Uint8Array, from: number, emit: (element: ScannedElement) => void): number {
    for (let i = from; i < chunk.length; i++) {
      const byte = chunk[i] ?? 0
      if (byte === NEWLINE) {
        this.line++
        continue
      }
      if (byte === 0x20 || byte === 0x09 || byte === 0x0d) continue
      if (this.mode === 'done') throw this.error('unexpected text after the end of the JSON document', i)
      const action = this.frames.step(byte, this.line, this.base + i)
      if (action === 'error') throw this.error(this.frames.problem, i)
      if (action === 'continue') continue
      if (action === 'done') {
        this.mode = 'done'
        continue
      }
      if (action === 'key') {
        this.openString(i, true)
        return i + 1
      }
      return this.startValue(chunk, i, action === 'element', emit)
    }
    return chunk.length
  }

  private startValue(chunk: Uint8Array, i: number, isElement: boolean, emit: (element: ScannedElement) => void): number {
    const byte = chunk[i] ?? 0
    if (isElement && byte === 0x7b && this.tryIndented) {
      const end = this.indentedElement(chunk, i, emit)
      if (end >= 0) return end
    }
    if (isElement) {
      this.element.reset()
      this.elementOffset = this.base + i
      this.elementLine = this.line
      this.segStart = i
      this.depth = 0
      this.mode = byte === QUOTE || byte === 0x7b || byte === 0x5b ? 'element' : 'element-literal'
    } else if (byte === 0x7b || byte === 0x5b) {
      this.mode = 'skip'
      this.depth = 0
    }
    if (byte === QUOTE) {
      this.openString(i, false)
      return i + 1
    }
    if (byte === 0x7b || byte === 0x5b) {
      this.depth = 1
      return i + 1
    }
    if (!isElement) return this.frames.skipLiteral(i)
    return i
  }

  /** An object element read whole by the fast path; -1 when it cannot be (then nothing was consumed). */
  private indentedElement(chunk: Uint8Array, start: number, emit: (element: ScannedElement) => void): number {
    const element = readIndentedElement(chunk, start, this.maxIndentedBytes, this.decode)
    if (element === undefined) {
      this.tryIndented = false
      return -1
    }
    const line = this.line
    this.line += element.lines
    emit({ index: this.index++, offset: this.base + start, line, text: element.text, value: element.value })
    this.backToShallow()
    return element.end
  }

  private finishElement(chunk: Uint8Array, end: number, emit: (element: ScannedElement) => void): void {
    this.element.append(chunk.subarray(this.segStart, end))
    const position = { index: this.index++, offset: this.elementOffset, line: this.elementLine }
    emit(this.elementText(position))
    this.element.reset()
    this.backToShallow()
  }

  private elementText(position: { index: number; offset: number; line: number }): ScannedElement {
    if (this.element.oversized) return { ...position, problem: 'too large to read (over the per-entry size limit)' }
    try {
      return { ...position, text: this.decode(this.element.bytes()) }
    } catch {
      return { ...position, problem: 'not valid UTF-8' }
    }
  }

  private backToShallow(): void {
    this.mode = 'shallow'
    this.frames.valueDone()
  }

  /** Keep the part of an unfinished element that lies in this chunk (a huge string only up to its start). */
  private endOfChunk(chunk: Uint8Array): void {
    if (this.inString && this.stringIsKey) this.frames.keyChunkEnd(chunk)
    if (this.mode !== 'element' && this.mode !== 'element-literal') return
    const eliding = this.inString && this.base + chunk.length - this.stringStartAbs > this.maxStringBytes
    if (!eliding) {
      this.element.append(chunk.subarray(this.segStart))
      return
    }
    if (this.stringInChunk) this.element.append(chunk.subarray(this.segStart, this.stringStartAbs - this.base))
    else this.element.truncate(this.stringStartInBuffer)
  }

  private error(message: string, i: number): JsonScanError {
    return new JsonScanError(message, this.line, this.base + i)
  }
}
