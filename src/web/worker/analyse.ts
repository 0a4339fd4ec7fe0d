/**
 * The worker's diagnosis of a pasted text or a dropped file: a token on its own gets the token view;
 * a HAR is read as a stream (progress, bounded memory); a log export (activity or sign-in logs, KQL
 * group rows) gets the `logs` report; anything else goes through `parseInput`, detected from the
 * content like `graph-doctor diagnose`.
 */
import { createDiagnoser, type Diagnoser } from '../../core/diagnose.js'
import { GraphDoctorError } from '../../core/errors.js'
import type { Exchange } from '../../core/exchange.js'
import { parseInput } from '../../core/input/index.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import { HarStreamReader } from '../../core/stream/har-stream.js'
import { analyseToken, explainClaims, judgeTokenTime } from '../../core/token/index.js'
import type { DiagnosisResult } from '../../core/types.js'
import { TallyCounter } from '../../render/diagnosis/writer.js'
import type { EntryRow, TokenView, WorkerReply } from '../protocol.js'
import { contentText, openFileBytes } from './file-bytes.js'
import { sniffLogExport } from './log-sniff.js'
import { analyseLogExport, textLogSource } from './logs.js'
import { checkPageInput } from './page-input.js'
import { tokenOfText } from './token-input.js'

export type Post = (reply: WorkerReply) => void

/** Results and progress are sent in batches, so that the page gets few, cheap messages. */
const BATCH_MS = 100

/** The token view of a raw token; throws a clear error for a string that is no access token. */
export function tokenView(raw: string, now: Date = new Date()): TokenView {
  const analysis = analyseToken(raw)
  if (analysis.form === 'malformed') throw new GraphDoctorError('ERR_INPUT_FORMAT', `not an access token: ${analysis.problem ?? 'it cannot be decoded'}`)
  return { analysis, time: judgeTokenTime(analysis, now), claims: explainClaims(analysis) }
}

/** At most this many results are sent whole with `done` (shown as cards); more get the table. */
export const WHOLE_RESULTS = 3

function rowOf(result: DiagnosisResult, index: number): EntryRow {
  const findings = result.findings.map(({ id, severity, title }) => ({ id, severity, title }))
  return { index, source: result.source, method: result.request.method, url: result.request.url, status: result.status, findings }
}

/** The results of the last diagnosis, kept here: the page asks for one when a row is expanded. */
let lastResults: DiagnosisResult[] = []

/** One result of the last diagnosis, by its row index. */
export function keptResult(index: number): DiagnosisResult | undefined {
  return lastResults[index]
}

class ResultBatcher {
  private pending: EntryRow[] = []
  private last = 0
  count = 0
  private readonly id: number
  private readonly post: Post
  private readonly diagnoser: Diagnoser
  /** The one severity tally of every output (the CLI's formats and exit code), over every result. */
  readonly tally = new TallyCounter()

  constructor(id: number, post: Post, diagnoser: Diagnoser) {
    lastResults = []
    this.id = id
    this.post = post
    this.diagnoser = diagnoser
  }

  add(exchange: Exchange): void {
    for (const result of this.diagnoser.diagnose(exchange)) {
      this.pending.push(rowOf(result, lastResults.length))
      lastResults.push(result)
      this.tally.add(result)
    }
  }

  /** Send what is pending when a batch interval has passed (or always, at the end). */
  flush(progress: { loaded: number; total: number }, force = false): void {
    const now = Date.now()
    if (!force && now - this.last < BATCH_MS) return
    this.last = now
    this.count += this.pending.length
    if (this.pending.length > 0) this.post({ type: 'rows', id: this.id, rows: this.pending })
    this.pending = []
    this.post({ type: 'progress', id: this.id, ...progress, entries: this.count })
  }
}

/** Diagnose a pasted text (or a small file's text). */
export async function analyseText(id: number, text: string, name: string, catalogue: PermissionCatalogue | undefined, post: Post): Promise<void> {
  const token = tokenOfText(text)
  if (token !== undefined) {
    if (token.token === undefined) throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: ${token.problem ?? 'no token found'}`)
    post({ type: 'token', id, view: tokenView(token.token) })
    post({ type: 'done', id, format: 'token', count: 1 })
    return
  }
  const logs = sniffLogExport(text.slice(0, 65536), text.length <= 65536)
  if (logs !== undefined) return analyseLogExport(id, textLogSource(text, name, logs), catalogue, post)
  checkPageInput(text, name)
  const exchanges = parseInput(text, name)
  if (exchanges.length === 0) throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: no HTTP exchange found`)
  const batcher = new ResultBatcher(id, post, diagnoserOf(catalogue))
  for (const exchange of exchanges) batcher.add(exchange)
  batcher.flush({ loaded: text.length, total: text.length }, true)
  post(doneReply(id, exchanges[0]?.format ?? 'unknown', batcher))
}

function doneReply(id: number, format: string, batcher: ResultBatcher): WorkerReply {
  const { results, errors, warnings, info } = batcher.tally
  return { type: 'done', id, format, count: results, counts: { errors, warnings, info }, ...(results <= WHOLE_RESULTS ? { results: lastResults } : {}) }
}

function diagnoserOf(catalogue: PermissionCatalogue | undefined): Diagnoser {
  return createDiagnoser(catalogue === undefined ? {} : { permissions: catalogue })
}

/** A file whose first bytes open a JSON object with a `log` member: a HAR, read as a stream. */
function looksLikeHar(head: string): boolean {
  const start = head.trimStart()
  return start.startsWith('{') && /"log"\s*:/.test(start.slice(0, 65536))
}

/**
 * Diagnose a dropped or chosen file (gzip undone): a HAR entry by entry and a log export record by
 * record, both with progress; anything else as text.
 */
export async function analyseFile(id: number, file: File, catalogue: PermissionCatalogue | undefined, post: Post): Promise<void> {
  const bytes = await openFileBytes(file)
  const head = new TextDecoder().decode(bytes.head)
  // Logs first: a HAR never passes for one (its container is `har`), while a log's records may hold a "log" field.
  const logs = sniffLogExport(head, bytes.complete)
  if (logs !== undefined) return analyseLogExport(id, { name: file.name, container: logs, head, chunks: bytes.chunks, total: bytes.total, loaded: bytes.loaded }, catalogue, post)
  if (!looksLikeHar(head)) return analyseText(id, await contentText(bytes), file.name, catalogue, post)
  const reader = new HarStreamReader(file.name)
  const batcher = new ResultBatcher(id, post, diagnoserOf(catalogue))
  for await (const chunk of bytes.chunks) {
    for (const exchange of reader.push(chunk)) batcher.add(exchange)
    batcher.flush({ loaded: bytes.loaded(), total: bytes.total })
  }
  reader.end()
  batcher.flush({ loaded: bytes.loaded(), total: bytes.total }, true)
  post(doneReply(id, 'har', batcher))
}
