/**
 * A log export in the worker: fed chunk by chunk to the core's `LogAggregator` (each distinct group
 * diagnosed once), with progress in records; at the end the core's report rendered by the `logs`
 * HTML renderer, the same summary and charts as `graph-doctor logs --format html`.
 */
import { buildLogReport, LogAggregator } from '../../core/logs/index.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import { renderLogReportHtml } from '../../render/logs/index.js'
import type { WorkerReply } from '../protocol.js'
import { createLogFeed, type LogExportContainer } from '../../core/logs/index.js'

type Post = (reply: WorkerReply) => void

const BATCH_MS = 100
const TEXT_CHUNK = 256 * 1024

/** One input to read: its bytes in order and how far the reading is. */
export interface LogSource {
  readonly name: string
  readonly container: LogExportContainer
  /** The first KiBs as text (a document's array key is found there). */
  readonly head: string
  readonly chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>
  readonly total: number
  loaded(): number
}

/** A pasted text as a log source, encoded and cut into chunks. */
export function textLogSource(text: string, name: string, container: LogExportContainer): LogSource {
  const bytes = new TextEncoder().encode(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  let loaded = 0
  function* chunks(): Generator<Uint8Array> {
    for (let start = 0; start < bytes.length; start += TEXT_CHUNK) {
      const chunk = bytes.subarray(start, start + TEXT_CHUNK)
      loaded += chunk.byteLength
      yield chunk
    }
  }
  return { name, container, head: text.slice(0, 65536), chunks: chunks(), total: bytes.length, loaded: () => loaded }
}

/** Read a log export into a report and post it (`log-report`), with progress on the way. */
export async function analyseLogExport(id: number, source: LogSource, catalogue: PermissionCatalogue | undefined, post: Post): Promise<void> {
  const aggregator = new LogAggregator(catalogue === undefined ? {} : { catalogue })
  aggregator.beginInput(source.name, source.container)
  const feed = createLogFeed(source.container, source.name, source.head, aggregator)
  const input = aggregator.state.inputs[aggregator.state.inputs.length - 1]
  const records = (): number => (input === undefined ? 0 : input.records + input.unreadable)
  let last = 0
  for await (const chunk of source.chunks) {
    feed.push(chunk)
    const now = Date.now()
    if (now - last >= BATCH_MS) {
      last = now
      post({ type: 'progress', id, loaded: source.loaded(), total: source.total, entries: records(), unit: 'records' })
    }
  }
  feed.end()
  const report = buildLogReport(aggregator.state, catalogue)
  post({ type: 'log-report', id, format: source.container, records: records(), html: bodyOf(renderLogReportHtml(report)) })
}

/**
 * The body of the rendered document: its head (a CSP meta and an inline `<style>`) is for the file
 * the CLI writes; in the page, even parsing that `<style>` would be a CSP violation.
 */
function bodyOf(document: string): string {
  const start = document.indexOf('<body>')
  const end = document.lastIndexOf('</body>')
  if (start === -1 || end < start) throw new Error('the logs HTML renderer wrote no <body>')
  return document.slice(start + '<body>'.length, end)
}
