/**
 * A HAR read as a stream: bytes in, one exchange per entry out, in entry order, with memory bounded
 * by one entry whatever the size of the file. Pure (no I/O): the caller feeds the bytes, from a file,
 * stdin, a gunzip stream or a browser `File`.
 */
import { GraphDoctorError } from '../errors.js'
import type { Exchange } from '../exchange.js'
import { harEntryExchange } from '../input/har.js'
import { JsonArrayScanner, JsonScanError, type ScannedElement } from './json-array-scanner.js'

export interface HarStreamOptions {
  /** Bytes to text, throwing on invalid UTF-8 (the CLI passes a faster one for ASCII chunks). */
  readonly decode?: (bytes: Uint8Array) => string
  /** An entry larger than this becomes an unreadable exchange (default 64 MiB). */
  readonly maxEntryBytes?: number
  /** A single string value larger than this is summarised, not read (default 8 MiB). */
  readonly maxValueBytes?: number
}

/**
 * Feed a HAR's bytes in order with {@link push}, which returns the exchanges of the entries that
 * ended in that chunk; then call {@link end}. An entry that cannot be read is an `unreadable`
 * exchange naming its entry and line, never a thrown error.
 *
 * @example
 * const reader = new HarStreamReader('capture.har')
 * for await (const chunk of stream) for (const exchange of reader.push(chunk)) handle(exchange)
 * reader.end()
 */
export class HarStreamReader {
  private readonly scanner: JsonArrayScanner
  private readonly name: string
  private readable = 0
  private firstProblem: string | undefined

  constructor(name: string, options: HarStreamOptions = {}) {
    this.name = name
    this.scanner = new JsonArrayScanner({
      path: ['log', 'entries'],
      ...(options.decode === undefined ? {} : { decode: options.decode }),
      ...(options.maxEntryBytes === undefined ? {} : { maxElementBytes: options.maxEntryBytes }),
      ...(options.maxValueBytes === undefined ? {} : { maxStringBytes: options.maxValueBytes }),
    })
  }

  /**
   * The exchanges of the entries that end in this chunk.
   *
   * @throws GraphDoctorError `ERR_INPUT_FORMAT` naming the line and byte offset where the JSON broke.
   */
  push(chunk: Uint8Array): Exchange[] {
    const exchanges: Exchange[] = []
    try {
      this.scanner.push(chunk, (element) => exchanges.push(this.exchangeOf(element)))
    } catch (error) {
      throw this.positionError(error)
    }
    return exchanges
  }

  /**
   * The input has ended: a HAR that broke off, has no `log.entries`, no entries or only unreadable
   * ones is an error naming where.
   *
   * @throws GraphDoctorError `ERR_INPUT_FORMAT`
   */
  end(): void {
    let summary
    try {
      summary = this.scanner.end()
    } catch (error) {
      throw this.positionError(error)
    }
    if (summary.missing !== undefined) {
      const { key, line, offset } = summary.missing
      const what = key === 'log' ? 'log is missing' : `${key} is missing or not an array`
      throw this.error(`line ${line} (byte ${offset})`, `invalid HAR: ${what}`)
    }
    if (summary.elements === 0) throw this.error(undefined, 'the HAR has no entries')
    if (this.readable === 0) throw this.error('entry 1', this.firstProblem ?? 'unreadable entry')
  }

  private exchangeOf(element: ScannedElement): Exchange {
    const source = `${this.name} entry ${element.index + 1}`
    const exchange = this.entryExchange(element, source)
    if (exchange.unreadable === undefined) this.readable++
    else this.firstProblem ??= exchange.unreadable
    return exchange
  }

  private entryExchange(element: ScannedElement, source: string): Exchange {
    const where = `line ${element.line}`
    if (element.text === undefined) return { source, format: 'har', unreadable: `the entry (${where}) is ${element.problem ?? 'unreadable'}` }
    if ('value' in element) return harEntryExchange(element.value, source)
    let entry: unknown
    try {
      entry = JSON.parse(element.text) as unknown
    } catch {
      return { source, format: 'har', unreadable: `the entry (${where}) is not valid JSON` }
    }
    return harEntryExchange(entry, source)
  }

  private positionError(error: unknown): unknown {
    if (!(error instanceof JsonScanError)) return error
    return this.error(`line ${error.line} (byte ${error.offset})`, `not valid JSON, so not a HAR (${error.message})`, error)
  }

  private error(where: string | undefined, reason: string, cause?: unknown): GraphDoctorError {
    const prefix = where === undefined ? this.name : `${this.name}: ${where}`
    return new GraphDoctorError('ERR_INPUT_FORMAT', `${prefix}: ${reason}`, cause === undefined ? undefined : { cause })
  }
}

/**
 * The exchanges of a HAR given as a stream of byte chunks, one per entry, in order.
 *
 * @example
 * for await (const exchange of readHarStream(fileChunks, "capture.har")) sources.push(exchange.source)
 */
export async function* readHarStream(chunks: AsyncIterable<Uint8Array>, name: string, options: HarStreamOptions = {}): AsyncGenerator<Exchange> {
  const reader = new HarStreamReader(name, options)
  for await (const chunk of chunks) yield* reader.push(chunk)
  reader.end()
}

/**
 * The same exchanges as {@link readHarStream}, as the arrays of those that end in each chunk (empty
 * ones skipped): one step of an async iteration per chunk, not per entry.
 *
 * @example
 * for await (const exchanges of readHarBatches(fileChunks, 'capture.har')) for (const exchange of exchanges) handle(exchange)
 */
export async function* readHarBatches(chunks: AsyncIterable<Uint8Array>, name: string, options: HarStreamOptions = {}): AsyncGenerator<readonly Exchange[]> {
  const reader = new HarStreamReader(name, options)
  for await (const chunk of chunks) {
    const exchanges = reader.push(chunk)
    if (exchanges.length > 0) yield exchanges
  }
  reader.end()
}
