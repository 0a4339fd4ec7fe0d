/**
 * Reading a log export pushed chunk by chunk, the one reader of the CLI (`src/cli/logs/input.ts`
 * feeds it a file's bytes) and of the web page (its worker feeds it a dropped file): JSON lines (the
 * fast path of `json-lines.ts`), a JSON array, a Graph page or diagnostic-settings document (`value` /
 * `records`, scanned element by element) and CSV; every record goes to a {@link LogSink} (a
 * {@link LogAggregator}, or the page's format probe).
 */
import { GraphDoctorError } from '../../errors.js'
import { JsonArrayScanner, JsonScanError, type ScannedElement } from '../../stream/json-array-scanner.js'
import type { LogAggregator } from '../aggregate.js'
import { CsvParser, type CsvRow } from './csv.js'
import type { LogContainer } from './detect.js'
import { JsonLinesReader } from './json-lines.js'
import { scanBytes } from './plain-bytes.js'

/** Where records go: `LogAggregator` is one; the page's format sniffing uses a probe. */
export type LogSink = Pick<LogAggregator, 'addValue' | 'addUnreadable'>

/**
 * How bytes become text inside a JSON document, and an ASCII chunk of JSON lines (the CLI passes
 * Node's faster UTF-8 decoding).
 */
export interface LogFeedOptions {
  readonly decode?: (bytes: Uint8Array) => string
}

/** A reader of one container, fed bytes in order. */
export interface LogFeed {
  push(chunk: Uint8Array): void
  /** The end of the input; throws `ERR_INPUT_FORMAT` for a JSON document that breaks off. */
  end(): void
}

/** Every container but a HAR (which the page reads as a capture, entry by entry). */
export type LogExportContainer = Exclude<LogContainer, 'har'>

/** The array of a multi-line JSON object: `records` of a diagnostic-settings blob, else `value` of a Graph page. */
export function documentArrayKey(head: string): string {
  const match = /"(records|value)"\s*:\s*\[/.exec(head)
  return match?.[1] ?? 'value'
}

/** A reader for `container`; `head` (the first bytes as text) names a document's array. */
export function createLogFeed(container: LogExportContainer, name: string, head: string, sink: LogSink, options: LogFeedOptions = {}): LogFeed {
  switch (container) {
    case 'json-lines':
      return createJsonLinesFeed(name, sink, options)
    case 'json-array':
      return jsonDocumentFeed(name, [], sink, options)
    case 'json-document':
      return jsonDocumentFeed(name, [documentArrayKey(head)], sink, options)
    case 'csv':
      return csvFeed(name, sink)
  }
}

function parseInto(sink: LogSink, text: string, where: string): void {
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch {
    sink.addUnreadable(where, 'not valid JSON')
    return
  }
  sink.addValue(value, where)
}

/** A JSON-lines reader fed bytes (also a `--workers` thread's byte range), with the count of lines read so far. */
export function createJsonLinesFeed(name: string, sink: LogSink, options: LogFeedOptions = {}): LogFeed & { readonly lines: number } {
  const decoder = new TextDecoder()
  const reader = new JsonLinesReader(sink, name)
  const fast = options.decode
  // An ASCII chunk after an ASCII chunk leaves nothing of a character pending in the decoder.
  let afterAscii = true
  return {
    push(chunk) {
      const bytes = scanBytes(chunk)
      const text = fast !== undefined && bytes.ascii && afterAscii ? fast(chunk) : decoder.decode(chunk, { stream: true })
      afterAscii = bytes.ascii
      reader.push(text, bytes.plain)
    },
    end() {
      reader.push(decoder.decode())
      reader.end()
    },
    get lines() {
      return reader.lines
    },
  }
}

function jsonDocumentFeed(name: string, path: readonly string[], sink: LogSink, options: LogFeedOptions): LogFeed {
  const scanner = new JsonArrayScanner(options.decode === undefined ? { path } : { path, decode: options.decode })
  const emit = (element: ScannedElement): void => {
    const where = `${name} entry ${element.index + 1} (line ${element.line})`
    if (element.text === undefined) sink.addUnreadable(where, element.problem ?? 'unreadable')
    else if ('value' in element) sink.addValue(element.value, where)
    else parseInto(sink, element.text, where)
  }
  const guarded = <T>(step: () => T): T => {
    try {
      return step()
    } catch (error) {
      if (!(error instanceof JsonScanError)) throw error
      throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: line ${error.line} (byte ${error.offset}): not valid JSON (${error.message})`, { cause: error })
    }
  }
  return {
    push: (chunk) => guarded(() => scanner.push(chunk, emit)),
    end() {
      const summary = guarded(() => scanner.end())
      if (summary.missing !== undefined) throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: line ${summary.missing.line}: ${summary.missing.key} is missing or not an array`)
    },
  }
}

function csvFeed(name: string, sink: LogSink): LogFeed {
  const decoder = new TextDecoder()
  const parser = new CsvParser()
  let header: readonly string[] | undefined
  const take = (row: CsvRow): void => {
    if (header === undefined) {
      header = row.cells.map((cell) => cell.trim())
      return
    }
    if (row.cells.length !== header.length) return sink.addUnreadable(`${name} line ${row.line}`, `${row.cells.length} cells, the header has ${header.length}`)
    const record = Object.create(null) as Record<string, string>
    for (let i = 0; i < header.length; i++) record[header[i] ?? ''] = row.cells[i] ?? ''
    sink.addValue(record, `${name} line ${row.line}`)
  }
  return {
    push: (chunk) => parser.push(decoder.decode(chunk, { stream: true }), take),
    end() {
      parser.push(decoder.decode(), take)
      parser.end(take)
    },
  }
}
