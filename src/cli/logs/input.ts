/**
 * Reading log files into a {@link LogAggregator}: each file opened as a byte stream (gzip undone),
 * its container detected from the first bytes, its records fed one by one. Memory is bounded by one
 * record (or HAR entry) and the aggregate, whatever the size of the files.
 */
import { GraphDoctorError } from '../../core/errors.js'
import { createLogFeed, detectLogContainer, type LogAggregator, type LogContainer, type LogFeed } from '../../core/logs/index.js'
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
    default:
      await readLogExport(chunks, createLogFeed(container, input.name, head, aggregator, { decode: decodeUtf8Fast }), tick)
  }
  return container
}

/**
 * A HAR entry (a few KB, pretty-printed) is read whole by the scanner's fast path only when it ends in
 * its chunk; one that straddles two is walked byte by byte. In 64 KiB chunks one entry in fifteen
 * straddled; the HAR is scanned in 1 MiB pieces, as `diagnose` reads it.
 */
const HAR_CHUNK_BYTES = 1024 * 1024

async function readHar(chunks: AsyncIterable<Uint8Array>, name: string, aggregator: LogAggregator, tick: () => void): Promise<void> {
  const reader = new HarStreamReader(name, { decode: decodeUtf8Fast })
  for await (const chunk of joinChunks(chunks, HAR_CHUNK_BYTES)) {
    for (const exchange of reader.push(chunk)) aggregator.addExchange(exchange)
    tick()
  }
  reader.end()
}

/** The chunks joined into pieces of at least `bytes` (the last one may be shorter). */
async function* joinChunks(chunks: AsyncIterable<Uint8Array>, bytes: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = []
  let length = 0
  for await (const chunk of chunks) {
    if (length === 0 && chunk.length >= bytes) {
      yield chunk
      continue
    }
    parts.push(chunk)
    length += chunk.length
    if (length < bytes) continue
    yield joined(parts, length)
    parts = []
    length = 0
  }
  if (length > 0) yield joined(parts, length)
}

function joined(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0] ?? new Uint8Array(0)
  const out = new Uint8Array(length)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** Any log export but a HAR, through the core's one reader of log exports (the web page's too). */
async function readLogExport(chunks: AsyncIterable<Uint8Array>, feed: LogFeed, tick: () => void): Promise<void> {
  for await (const chunk of chunks) {
    feed.push(chunk)
    tick()
  }
  feed.end()
}
