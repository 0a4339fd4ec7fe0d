/**
 * Failed HAR calls that repeat (the same app failing on the same endpoint, entry after entry) are
 * diagnosed once: the diagnosis is remembered under everything the rules read about a call, with the
 * ids in its path left out. The aggregation only keeps what the verdict says (cause, missing
 * permission, severity) and the token's app and permissions, none of which depends on those ids.
 */
import { exchangeTime } from '../context-time.js'
import { getHeader, getHeaders, type Exchange } from '../exchange.js'
import { judgeTokenTime } from '../token/index.js'
import type { TokenAnalysis } from '../token/types.js'
import type { DiagnosisResult } from '../types.js'
import { pathShape, uriOrigin } from '../kql/path-shape.js'

/** Distinct failures remembered before the memo starts afresh (a capture holds a few hundred). */
const MEMO_LIMIT = 10_000
/** A call whose bodies are larger than this is diagnosed on its own (the key would hold them). */
const MAX_KEY_BODY = 64 * 1024
const NONE = '\u0001'

export class FailureMemo {
  private results = new Map<string, readonly DiagnosisResult[]>()
  private readonly now: Date | undefined

  constructor(now: Date | undefined) {
    this.now = now
  }

  /**
   * The remembered diagnosis of a call like this one, or a new one from `diagnose`. Calls that cannot be
   * keyed safely (a `$batch`, a time judged by the clock, very large bodies) are always diagnosed.
   */
  diagnosis(exchange: Exchange, bearer: (authorization: string | undefined) => TokenAnalysis | undefined, isBatch: boolean, diagnose: () => readonly DiagnosisResult[]): readonly DiagnosisResult[] {
    const key = isBatch ? undefined : this.keyOf(exchange, bearer)
    if (key === undefined) return diagnose()
    const known = this.results.get(key)
    if (known !== undefined) return known
    const made = diagnose()
    if (this.results.size >= MEMO_LIMIT) this.results = new Map()
    this.results.set(key, made)
    return made
  }

  /**
   * Method, origin, path shape and query; status; the Authorization header and how its token's lifetime
   * is judged at the call's time; the response headers the rules read; both bodies.
   */
  private keyOf(exchange: Exchange, bearer: (authorization: string | undefined) => TokenAnalysis | undefined): string | undefined {
    const { request, response } = exchange
    if (request === undefined || response === undefined) return undefined
    if ((request.body?.length ?? 0) > MAX_KEY_BODY || (response.body?.length ?? 0) > MAX_KEY_BODY) return undefined
    const time = exchangeTime(exchange, this.now, undefined)
    // Without --now or a Date header, the time may come from the error body or the clock: not keyed.
    if (time.source !== 'option' && time.source !== 'date-header') return undefined
    const authorization = getHeader(request.headers, 'authorization')
    const origin = uriOrigin(request.url)
    // kql's shape cuts the API version; the rules' evidence names it, so the key keeps it.
    const shape = pathShape(request.url, { keepVersion: true })
    const query = request.url.search(/[?#]/)
    return [
      request.method.toUpperCase(), origin, shape, query === -1 ? '' : request.url.slice(query),
      response.status, response.statusText ?? NONE, request.headersOmitted === true ? 'omitted' : '',
      authorization ?? NONE, tokenTimeState(bearer(authorization), time.at),
      getHeaders(response.headers, 'www-authenticate').join(NONE), getHeader(response.headers, 'retry-after') ?? NONE,
      request.body ?? NONE, response.body ?? NONE, exchange.format,
    ].join('\u0000')
  }
}

/** How a bearer token's lifetime is judged at `at` (the only way the call's time reaches the findings' ids). */
function tokenTimeState(token: TokenAnalysis | undefined, at: Date): string {
  return token === undefined ? '' : judgeTokenTime(token, at).state
}
