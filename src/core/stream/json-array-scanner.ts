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
import { ElementInProgress } from './element-in-progress.js'
import { readIndentedElement } from './indented-element.js'
import { literalEnd, NEWLINE, QUOTE } from './json-bytes.js'
import { ChunkView, walkNested, WALK_CLOSED, WALK_LONG_STRING, type NestedWalk } from './nested-walk.js'
import { OpenString } from './open-string.js'
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
  private readonly element: ElementInProgress
  private mode: Mode = 'shallow'
  private base = 0
  /** Line and nesting depth, carried from chunk to chunk. */
  private readonly walk: NestedWalk = { depth: 0, line: 1, stop: 0 }
  private readonly string = new OpenString()
  private readonly view = new ChunkView()
  private index = 0

  constructor(options: JsonArrayScannerOptions) {
    this.decode = options.decode ?? ((bytes) => fatalDecoder.decode(bytes))
    this.maxStringBytes = options.maxStringBytes ?? 8 * MiB
    this.element = new ElementInProgress(options.maxElementBytes ?? 64 * MiB, this.decode)
    this.maxIndentedBytes = Math.min(this.maxStringBytes, options.maxElementBytes ?? 64 * MiB)
    this.frames = new ShallowFrames(options.path)
  }

  /** Scan the next chunk; `emit` receives every element that ends in it. */
  push(chunk: Uint8Array, emit: (element: ScannedElement) => void): void {
    let i = 0
    this.element.nextChunk()
    this.string.nextChunk()
    this.tryIndented = true
    while (i < chunk.length) {
      if (this.string.active) {
        const end = this.string.closingQuote(chunk, i)
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
      const what = this.base === 0 && this.walk.line === 1 && !this.frames.started ? 'the input is empty' : 'the JSON ends too early (truncated?)'
      throw new JsonScanError(what, this.walk.line, this.base)
    }
    const missing = this.frames.missing
    return missing === undefined || this.frames.found ? { elements: this.index } : { elements: this.index, missing }
  }

  private openString(quote: number, isKey: boolean): void {
    this.string.open(this.base + quote + 1, this.element.positionOf(quote + 1), isKey)
    if (isKey) this.frames.beginKey(quote + 1)
  }

  /** The string closed at `quote`; returns where scanning goes on. */
  private closeString(chunk: Uint8Array, quote: number, emit: (element: ScannedElement) => void): number {
    this.string.active = false
    const length = this.base + quote - this.string.startAbs
    if (this.string.isKey) {
      this.frames.endKey(chunk, quote)
      return quote + 1
    }
    if (this.mode === 'element' && length > this.maxStringBytes) this.element.omitString(chunk, quote, length, this.string, this.base)
    if (this.mode === 'element' && this.walk.depth === 0) {
      this.finishElement(chunk, quote + 1, emit)
    } else if (this.mode === 'shallow') {
      this.frames.valueDone()
    }
    return quote + 1
  }

  /** Inside an element or a skipped value (see `nested-walk.ts`). */
  private nested(chunk: Uint8Array, from: number, emit: (element: ScannedElement) => void): number {
    const maxString = this.mode === 'element' ? this.maxStringBytes : Number.POSITIVE_INFINITY
    const i = walkNested(chunk, from, this.walk, maxString, this.view.of(chunk))
    if (this.walk.stop === WALK_LONG_STRING) {
      this.openString(i, false)
      return i + 1
    }
    if (this.walk.stop === WALK_CLOSED) {
      if (this.mode === 'element') this.finishElement(chunk, i, emit)
      else this.backToShallow()
    }
    return i
  }

  /** A number, `true`, `false` or `null` as an element of the array: it ends at the next delimiter. */
  private literalElement(chunk: Uint8Array, from: number, emit: (element: ScannedElement) => void): number {
    const end = literalEnd(chunk, from)
    if (end < 0) return chunk.length
    this.finishElement(chunk, end, emit)
    return end
  }

  /** Outside elements: follow the structure along the path, and start elements and skips. */
  private shallow(chunk: Uint8Array, from: number, emit: (element: ScannedElement) => void): number {
    for (let i = from; i < chunk.length; i++) {
      const byte = chunk[i] ?? 0
      if (byte === NEWLINE) {
        this.walk.line++
        continue
      }
      if (byte === 0x20 || byte === 0x09 || byte === 0x0d) continue
      if (this.mode === 'done') throw this.error('unexpected text after the end of the JSON document', i)
      const action = this.frames.step(byte, this.walk.line, this.base + i)
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
      this.element.begin(i, this.base + i, this.walk.line)
      this.walk.depth = 0
      this.mode = byte === QUOTE || byte === 0x7b || byte === 0x5b ? 'element' : 'element-literal'
    } else if (byte === 0x7b || byte === 0x5b) {
      this.mode = 'skip'
      this.walk.depth = 0
    }
    if (byte === QUOTE) {
      this.openString(i, false)
      return i + 1
    }
    if (byte === 0x7b || byte === 0x5b) {
      this.walk.depth = 1
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
    const line = this.walk.line
    this.walk.line += element.lines
    emit({ index: this.index++, offset: this.base + start, line, text: element.text, value: element.value })
    this.backToShallow()
    return element.end
  }

  private finishElement(chunk: Uint8Array, end: number, emit: (element: ScannedElement) => void): void {
    emit(this.element.finish(chunk, end, this.index++))
    this.backToShallow()
  }

  private backToShallow(): void {
    this.mode = 'shallow'
    this.frames.valueDone()
  }

  /** Keep the part of an unfinished element that lies in this chunk (a huge string only up to its start). */
  private endOfChunk(chunk: Uint8Array): void {
    if (this.string.active && this.string.isKey) this.frames.keyChunkEnd(chunk)
    if (this.mode !== 'element' && this.mode !== 'element-literal') return
    const eliding = this.string.active && this.base + chunk.length - this.string.startAbs > this.maxStringBytes
    if (eliding) this.element.keepUntilString(chunk, this.string, this.base)
    else this.element.keepRest(chunk)
  }

  private error(message: string, i: number): JsonScanError {
    return new JsonScanError(message, this.walk.line, this.base + i)
  }
}
