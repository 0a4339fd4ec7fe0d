/**
 * Diagnoses that repeat across a long capture, made once. A capture repeats itself: the same app
 * calls the same endpoints with the same token, entry after entry. The rules read only a few fields
 * of an exchange (see `buildContext`): its method, URL, Authorization header, request body, status,
 * `WWW-Authenticate` and `Retry-After` headers, response body and the time it is judged at, plus its
 * format. Two kinds of key over them:
 *
 * - exact: all of those fields, the URL and the time whole. Any result; a repeat differs from the
 *   first only by its `source`.
 * - healthy: a Graph call that succeeded (2xx, 3xx) and whose body holds no error, with the ids of
 *   its path left out and only the token's lifetime state of its time. No rule looks at a success's
 *   path, its body beyond an error in it, or its time beyond that state, so a success that gave no
 *   finding gives none for any id: the result is rebuilt from the entry's own source, URL and time.
 *
 * `test/core/diagnose-memo.test.ts` proves both give the results of diagnosing every entry.
 */
import { AuthorizationMap } from './authorization-map.js'
import { exchangeTime } from './context-time.js'
import { getHeader, getHeaders, type Exchange } from './exchange.js'
import { pathShape, uriOrigin } from './kql/path-shape.js'
import { parseGraphError } from './response/index.js'
import { classifyUrl } from './target-classify.js'
import { judgeTokenTime, parseAuthorizationHeader } from './token/index.js'
import type { TokenAnalysis } from './token/types.js'
import type { DiagnosisResult, Finding } from './types.js'

/** Results remembered before starting afresh (a capture holds a few thousand distinct calls). */
const MEMO_LIMIT = 10_000
/** Characters of keys held before starting afresh: a capture of distinct entries with 64 KiB bodies stays bounded. */
const MEMO_KEY_CHARS = 16 * 1024 * 1024
/** An exchange whose bodies are longer than this is diagnosed on its own (its key would hold them). */
const MAX_KEY_BODY = 64 * 1024
/** One field of a key, its length first: no URL or body, whatever characters it holds, can spell another key. */
function field(value: string | number | undefined): string {
  if (value === undefined) return '-'
  const text = typeof value === 'string' ? value : String(value)
  return `${text.length}:${text}`
}
const NO_FINDINGS: readonly Finding[] = Object.freeze([])

/** What a remembered diagnosis keeps: everything of the result but its source (and, healthy, its URL and time). */
type Remembered = Omit<DiagnosisResult, 'source'>

/** What the memo needs of its diagnoser: the run's fixed time, and its token analysis (one per distinct token). */
export interface MemoTools {
  readonly now: Date | undefined
  /** The analysis of a raw token (the diagnoser's, one per distinct token). */
  readonly analyse: (raw: string) => TokenAnalysis
}

/** What is remembered for one Authorization header value (or none). */
interface Bucket {
  readonly token: TokenAnalysis | undefined
  readonly exact: Map<string, Remembered>
  readonly healthy: Map<string, Remembered>
}

/**
 * The results of one diagnoser's stream of exchanges, remembered by an exact key and, for healthy
 * Graph calls, by a key without the path's ids; bounded in count and in the characters of its keys.
 */
export class DiagnosisMemo {
  /** By Authorization header value (or none). */
  private readonly buckets = new AuthorizationMap<Bucket>()
  private remembered = 0
  private keyChars = 0
  private readonly tools: MemoTools

  constructor(tools: MemoTools) {
    this.tools = tools
  }

  /** The result of `exchange`, remembered or made by `diagnose` (and then remembered when it can be). */
  result(exchange: Exchange, diagnose: () => DiagnosisResult): DiagnosisResult {
    const { request, response } = exchange
    if (request === undefined || response === undefined || exchange.unreadable !== undefined || exchange.principal !== undefined || exchange.batch !== undefined) return diagnose()
    if ((request.body?.length ?? 0) > MAX_KEY_BODY || (response.body?.length ?? 0) > MAX_KEY_BODY) return diagnose()
    const time = exchangeTime(exchange, this.tools.now, undefined)
    // Without --now, a Date header or startedDateTime, the time may be the clock's: never remembered.
    if (time.source === 'clock') return diagnose()
    const bucket = this.bucketOf(getHeader(request.headers, 'authorization'))
    const judgedAt = time.at.toISOString()
    const challenges = getHeaders(response.headers, 'www-authenticate')
    const common =
      field(exchange.format) + field(request.method) + field(request.headersOmitted === true ? 'omitted' : '') + field(response.status) + field(challenges.length) +
      (challenges.length === 0 ? '' : challenges.map(field).join('')) + field(getHeader(response.headers, 'retry-after')) + field(time.source) + field(request.body)
    const healthyKey = this.healthyKey(exchange, bucket, common, time.at)
    if (healthyKey !== undefined) {
      const known = bucket.healthy.get(healthyKey)
      if (known !== undefined) return rebuilt(exchange.source, { method: known.request.method, url: request.url }, known, judgedAt)
    }
    // The time as buildContext finds it: past a Date header or --now, the body (its error's date) and startedDateTime decide it.
    const settled = time.source === 'option' || time.source === 'date-header'
    const exactKey = common + field(request.url) + field(judgedAt) + field(settled ? '' : exchange.startedAt) + field(response.body)
    const known = bucket.exact.get(exactKey)
    if (known !== undefined) return rebuilt(exchange.source, known.request, known, known.judgedAt)
    const made = diagnose()
    const { source: _source, ...remembered } = made
    const healthy = healthyKey !== undefined && made.findings.length === 0
    this.makeRoom((healthy ? healthyKey : exactKey).length)
    // After a fresh start the bucket is made again (its token analysis is the diagnoser's, cached).
    const home = this.bucketOf(getHeader(request.headers, 'authorization'))
    if (healthy) home.healthy.set(healthyKey, { ...remembered, findings: NO_FINDINGS })
    else home.exact.set(exactKey, remembered)
    return made
  }

  /** Start afresh when one more result of `keyLength` would pass the count or the size of keys held. */
  private makeRoom(keyLength: number): void {
    if (this.remembered + 1 > MEMO_LIMIT || this.keyChars + keyLength > MEMO_KEY_CHARS) {
      this.buckets.clear()
      this.remembered = 0
      this.keyChars = 0
    }
    this.remembered += 1
    this.keyChars += keyLength
  }

  private bucketOf(authorization: string | undefined): Bucket {
    return this.buckets.get(authorization, () => {
      const auth = parseAuthorizationHeader(authorization)
      return { token: auth.state === 'present' ? this.tools.analyse(auth.token) : undefined, exact: new Map(), healthy: new Map() }
    })
  }

  /** The healthy key of a successful Graph call without an error in its body, or undefined. */
  private healthyKey(exchange: Exchange, bucket: Bucket, common: string, at: Date): string | undefined {
    const { request, response } = exchange
    if (request === undefined || response === undefined || response.status < 200 || response.status >= 400) return undefined
    const target = classifyUrl(request.url)
    if (target.kind !== 'graph' || target.isBatch === true || !bodyHasNoError(response.body)) return undefined
    const query = request.url.search(/[?#]/)
    const lifetime = bucket.token === undefined ? '' : judgeTokenTime(bucket.token, at).state
    return common + field(uriOrigin(request.url)) + field(pathShape(request.url, { keepVersion: true })) + field(query === -1 ? '' : request.url.slice(query)) + field(lifetime)
  }
}

/**
 * No Graph error is read from this success's body (`errorOfResponse` in context.ts): none, or not a
 * JSON error object (`error`, or `code` with `message`, at the top level; a text or markup body
 * counts only on a failure). The common case is told from the text alone: without `"error"`,
 * `"code"` or a `\\u` escape that could spell them, no such key can be there.
 */
function bodyHasNoError(body: string | undefined): boolean {
  if (body === undefined) return true
  if (!body.includes('"error"') && !body.includes('"code"') && !body.includes('\\u')) return true
  const found = parseGraphError(body)
  return found === undefined || found.form === 'html' || found.form === 'text'
}

/** A remembered result for this entry: its own source (and, healthy, its own URL and time). */
function rebuilt(source: string, request: DiagnosisResult['request'], remembered: Remembered, judgedAt: string): DiagnosisResult {
  const { status, findings, token } = remembered
  return token === undefined ? { source, request, status, judgedAt, findings } : { source, request, status, judgedAt, findings, token }
}
