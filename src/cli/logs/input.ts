/**
 * Reading log files into a {@link LogAggregator}: each file opened as a byte stream (gzip undone),
 * its container detected from the first bytes, its records fed one by one. Memory is bounded by one
 * record (or HAR entry) and the aggregate, whatever the size of the files.
 */
import { GraphDoctorError } from '../../core/errors.js'
import { CsvParser, detectLogContainer, JsonLinesReader, type LogAggregator, type LogContainer } from '../../core/logs/index.js'
import { JsonArrayScanner, JsonScanError } from '../../core/stream/json-array-scanner.js'
import { HarStreamReader } from '../../core/stream/har-stream.js'
import { binaryOffset, decodeUtf8Fast } from '../bytes.js'
import type { CliIo } from '../command.js'
import { openByteInput, withoutBom } from '../input-source.js'

/**
 * Read (and unzip) in 64 KiB chunks: decoded into strings under V8's large-object size, they decode
 * and parse fast. The container is detected from the first 1 MiB (a first line can be that long).
 */
const LOG_SIZES = { chunkBytes: 64 * 1024, headBytes: 1024 * 1024, syncReads: true }

/** What the progress bar is told while files are read. */
export interface ReadProgress {
  /** Bytes read from disk (compressed bytes for a .gz). */
  readonly onBytes: (bytes: number) => void
  readonly onRecords: (records: number) => void
}

/**
 * Feed every record of one input to the aggregator.
 *
 * @throws GraphDoctorError `ERR_INPUT_UNREADABLE` (cannot open, bad gzip), `ERR_INPUT_FORMAT` (binary data, not a log or
 *   HAR, or a JSON document that breaks off): a record that cannot be read is only counted.
 */
export async function readLogInput(path: string, io: CliIo, aggregator: LogAggregator, progress?: ReadProgress): Promise<LogContainer> {
  const input = await openByteInput(path, io, progress?.onBytes, LOG_SIZES)
  if (binaryOffset(input.head) !== undefined) throw new GraphDoctorError('ERR_INPUT_FORMAT', `${input.name}: binary data, not a log export or HAR`)
  const head = new TextDecoder().decode(input.head)
  const container = detectLogContainer(head)
  if (container === undefined) {
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${input.name}: not a log export graph-doctor reads (HAR, JSON lines, JSON array, Graph page, diagnostic-settings records or CSV)`)
  }
  aggregator.beginInput(input.name, container)
  const chunks = withoutBom(input.head, input.chunks)
  const before = aggregator.state.totals.calls + aggregator.state.totals.signins
  const tick = (): void => progress?.onRecords(aggregator.state.totals.calls + aggregator.state.totals.signins - before)
  switch (container) {
    case 'har':
      await readHar(chunks, input.name, aggregator, tick)
      break
    case 'json-lines':
      await readJsonLines(chunks, input.name, aggregator, tick)
      break
    case 'json-array':
    case 'json-document':
      await readJsonDocument(chunks, input.name, container === 'json-array' ? [] : [documentArrayKey(head)], aggregator, tick)
      break
    case 'csv':
      await readCsv(chunks, input.name, aggregator, tick)
  }
  return container
}

async function readHar(chunks: AsyncIterable<Uint8Array>, name: string, aggregator: LogAggregator, tick: () => void): Promise<void> {
  const reader = new HarStreamReader(name, { decode: decodeUtf8Fast })
  for await (const chunk of chunks) {
    for (const exchange of reader.push(chunk)) aggregator.addExchange(exchange)
    tick()
  }
  reader.end()
}

async function readJsonLines(chunks: AsyncIterable<Uint8Array>, name: string, aggregator: LogAggregator, tick: () => void): Promise<void> {
  const decoder = new TextDecoder()
  const reader = new JsonLinesReader(aggregator, name)
  for await (const chunk of chunks) {
    reader.push(decoder.decode(chunk, { stream: true }))
    tick()
  }
  reader.push(decoder.decode())
  reader.end()
}

/** The array of a multi-line JSON object: `records` of a diagnostic-settings blob, else `value` of a Graph page. */
function documentArrayKey(head: string): string {
  const match = /"(records|value)"\s*:\s*\[/.exec(head)
  return match?.[1] ?? 'value'
}

async function readJsonDocument(chunks: AsyncIterable<Uint8Array>, name: string, path: readonly string[], aggregator: LogAggregator, tick: () => void): Promise<void> {
  const scanner = new JsonArrayScanner({ path, decode: decodeUtf8Fast })
  try {
    for await (const chunk of chunks) {
      scanner.push(chunk, (element) => {
        const where = `${name} entry ${element.index + 1} (line ${element.line})`
        if (element.text === undefined) return aggregator.addUnreadable(where, element.problem ?? 'unreadable')
        let value: unknown
        try {
          value = JSON.parse(element.text) as unknown
        } catch {
          return aggregator.addUnreadable(where, 'not valid JSON')
        }
        aggregator.addValue(value, where)
      })
      tick()
    }
    const summary = scanner.end()
    if (summary.missing !== undefined) throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: line ${summary.missing.line}: ${summary.missing.key} is missing or not an array`)
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: line ${error.line} (byte ${error.offset}): not valid JSON (${error.message})`, { cause: error })
  }
}

async function readCsv(chunks: AsyncIterable<Uint8Array>, name: string, aggregator: LogAggregator, tick: () => void): Promise<void> {
  const decoder = new TextDecoder()
  const parser = new CsvParser()
  let header: readonly string[] | undefined
  const take = (row: { cells: readonly string[]; line: number }): void => {
    if (header === undefined) {
      header = row.cells.map((cell) => cell.trim())
      return
    }
    if (row.cells.length !== header.length) return aggregator.addUnreadable(`${name} line ${row.line}`, `${row.cells.length} cells, the header has ${header.length}`)
    const record = Object.create(null) as Record<string, string>
    for (let i = 0; i < header.length; i++) record[header[i] ?? ''] = row.cells[i] ?? ''
    aggregator.addValue(record, `${name} line ${row.line}`)
  }
  for await (const chunk of chunks) {
    parser.push(decoder.decode(chunk, { stream: true }), take)
    tick()
  }
  parser.push(decoder.decode(), take)
  parser.end(take)
}
