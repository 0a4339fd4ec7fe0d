/**
 * The calls of one HAR exchange as the aggregation counts them: a failure (or a `$batch`, whose
 * parts may have failed) diagnosed in full with its real token and bodies; a success only read for
 * its token's app, kind and permissions and its endpoint (no diagnosis needed).
 */
import type { Diagnoser } from '../diagnose.js'
import { getHeader, type Exchange } from '../exchange.js'
import type { PermissionCatalogue } from '../permissions/types.js'
import { classifyUrl } from '../target-classify.js'
import { analyseToken, parseAuthorizationHeader } from '../token/index.js'
import type { TokenAnalysis } from '../token/types.js'
import type { DiagnosisResult } from '../types.js'
import { FailureMemo } from './failure-memo.js'
import { schemeOfKind, templateOf, verdictOf, type Verdict } from './verdict.js'

/** Distinct tokens remembered (a capture holds a handful; the limit guards against abuse). */
const TOKEN_CACHE_LIMIT = 1000

/** Apps without an id (an opaque token, no token, a record without AppId). */
export const UNKNOWN_APP = '(unknown app)'

/** One call to count. */
export interface CountedCall {
  readonly appId: string
  readonly appName?: string
  readonly method: string
  readonly status: number
  readonly verdict: Verdict
  /** The permissions its token held. */
  readonly held: readonly string[]
  readonly sample?: string
}

export class ExchangeCalls {
  /** By Authorization header value; null when it holds no bearer token. */
  private readonly tokens = new Map<string, TokenAnalysis | null>()
  private readonly catalogue: PermissionCatalogue | undefined
  private readonly diagnoser: () => Diagnoser
  private readonly memo: FailureMemo | undefined

  /** `memo`: repeated failures are diagnosed once (see {@link FailureMemo}); `now` is the aggregation's `--now`. */
  constructor(catalogue: PermissionCatalogue | undefined, diagnoser: () => Diagnoser, options: { memo?: boolean; now?: Date } = {}) {
    this.catalogue = catalogue
    this.diagnoser = diagnoser
    this.memo = options.memo === false ? undefined : new FailureMemo(options.now)
  }

  /** The calls of one readable exchange: one, or one per sub-request of a `$batch`. */
  calls(exchange: Exchange): CountedCall[] {
    const success = this.succeeded(exchange)
    if (success !== undefined) return [success]
    const calls: CountedCall[] = []
    const diagnose = (): DiagnosisResult[] => this.diagnoser().diagnose(exchange)
    const isBatch = exchange.request !== undefined && classifyUrl(exchange.request.url).isBatch === true
    const results = this.memo === undefined ? diagnose() : this.memo.diagnosis(exchange, (value) => this.bearerOf(value), isBatch, diagnose)
    for (const result of results) {
      // A remembered diagnosis may be another call's with the same path shape: the template is this call's own.
      const { method } = result.request
      const url = isBatch ? result.request.url : (exchange.request?.url ?? result.request.url)
      if (method === null || url === null || result.status === null) continue
      const token = result.token
      const verdict = verdictOf(result, result.status, templateOf(this.catalogue, method, url), schemeOfKind(token?.kind ?? 'unknown'))
      calls.push(callOf(token, method.toUpperCase(), result.status, verdict, exchange.batch?.requestId))
    }
    return calls
  }

  private succeeded(exchange: Exchange): CountedCall | undefined {
    const { request, response } = exchange
    if (request === undefined || response === undefined || response.status < 200 || response.status >= 400) return undefined
    const target = classifyUrl(request.url)
    if (target.kind !== 'graph' || target.isBatch === true) return undefined
    const token = this.bearerOf(getHeader(request.headers, 'authorization'))
    const method = request.method.toUpperCase()
    const verdict = verdictOf(undefined, response.status, templateOf(this.catalogue, method, request.url), schemeOfKind(token?.kind ?? 'unknown'))
    return callOf(token, method, response.status, verdict, undefined)
  }

  /** The token of an Authorization header value, analysed; each distinct value (a capture holds a handful) is read once. */
  private bearerOf(value: string | undefined): TokenAnalysis | undefined {
    if (value === undefined) return undefined
    const known = this.tokens.get(value)
    if (known !== undefined) return known ?? undefined
    if (this.tokens.size >= TOKEN_CACHE_LIMIT) this.tokens.clear()
    const auth = parseAuthorizationHeader(value)
    const analysis = auth.state === 'present' ? analyseToken(auth.token) : null
    this.tokens.set(value, analysis)
    return analysis ?? undefined
  }
}

function callOf(token: { appId?: string; appName?: string; roles: readonly string[]; scopes: readonly string[] } | undefined, method: string, status: number, verdict: Verdict, sample: string | undefined): CountedCall {
  return {
    appId: token?.appId ?? UNKNOWN_APP,
    ...(token?.appName === undefined ? {} : { appName: token.appName }),
    method,
    status,
    verdict,
    held: [...(token?.roles ?? []), ...(token?.scopes ?? [])],
    ...(sample === undefined ? {} : { sample }),
  }
}
