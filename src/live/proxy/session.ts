/**
 * What a proxy session saw: successes counted, failures diagnosed off the response path (the
 * permission catalogue is loaded on the first failure only), and what a report needs kept.
 */
import { diagnoseExchange } from '../../core/diagnose.js'
import type { Exchange } from '../../core/exchange.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import type { DiagnosisResult } from '../../core/types.js'
import type { LiveExchange } from './types.js'

export interface SessionOptions {
  /** Loads the permission catalogue; called once, on the first failure. */
  readonly loadPermissions?: () => Promise<PermissionCatalogue | undefined>
  /** A failed exchange (status ≥ 400, or cut off) and its diagnosis. */
  readonly onFailure?: (result: DiagnosisResult, exchange: LiveExchange) => void
  /** An exchange the proxy answered with 502/504 itself. */
  readonly onUpstreamError?: (exchange: LiveExchange) => void
  /** A success, when the session records successes. */
  readonly onSuccess?: (exchange: LiveExchange) => void
  /**
   * A failure whose diagnosis or `onFailure` threw (a bug in graph-doctor): the proxy goes on, the
   * error is counted and passed here to be reported.
   */
  readonly onInternalError?: (error: unknown, exchange: LiveExchange) => void
  /** Keep exchanges and results for a report (bounded by `maxKept`). */
  readonly keep?: boolean
  readonly maxKept?: number
}

export interface SessionCounts {
  readonly requests: number
  readonly successes: number
  readonly failures: number
  readonly upstreamErrors: number
  readonly clientAborts: number
  /** Failures whose diagnosis or report threw (a bug). */
  readonly internalErrors: number
}

/** The core's exchange of a live exchange: what the rules read. */
export function toCoreExchange(exchange: LiveExchange): Exchange {
  const cutOff = exchange.outcome === 'cut-off' ? `the upstream broke off the response body (${exchange.problem ?? 'connection closed'})` : undefined
  return {
    source: `proxy #${exchange.id}`,
    format: 'live',
    startedAt: exchange.startedAt,
    request: { method: exchange.method, url: exchange.url, headers: exchange.requestHeaders, ...(exchange.requestBody === undefined ? {} : { body: exchange.requestBody }) },
    response: { status: exchange.status, headers: exchange.responseHeaders, ...(exchange.responseBody === undefined ? {} : { body: exchange.responseBody }) },
    ...(cutOff === undefined ? {} : { unreadable: cutOff }),
  }
}

export class LiveSession {
  #successes = 0
  #failures = 0
  #upstreamErrors = 0
  #clientAborts = 0
  #catalogue: Promise<PermissionCatalogue | undefined> | undefined
  #pending = new Set<Promise<void>>()
  readonly exchanges: LiveExchange[] = []
  readonly results: DiagnosisResult[] = []
  /** Exchanges not kept because `maxKept` was reached. */
  dropped = 0
  /** Diagnoses not kept because `maxKept` was reached. */
  droppedResults = 0
  /** Failures whose diagnosis or report threw (a bug): counted and reported, never allowed to stop the proxy. */
  internalErrors = 0

  private readonly options: SessionOptions

  constructor(options: SessionOptions = {}) {
    this.options = options
  }

  counts(): SessionCounts {
    const requests = this.#successes + this.#failures + this.#upstreamErrors + this.#clientAborts
    return { requests, successes: this.#successes, failures: this.#failures, upstreamErrors: this.#upstreamErrors, clientAborts: this.#clientAborts, internalErrors: this.internalErrors }
  }

  countSuccess(): void {
    this.#successes += 1
  }

  /** Record a finished exchange; a failure is diagnosed on a later turn of the event loop. */
  record(exchange: LiveExchange): void {
    switch (exchange.outcome) {
      case 'ok':
        this.#successes += 1
        this.#keep(exchange)
        this.options.onSuccess?.(exchange)
        return
      case 'client-aborted':
        this.#clientAborts += 1
        return
      case 'upstream-error':
        this.#upstreamErrors += 1
        this.#keep(exchange)
        this.options.onUpstreamError?.(exchange)
        return
      default:
        this.#failures += 1
        this.#keep(exchange)
        this.#diagnoseLater(exchange)
    }
  }

  /** Resolves when every failure recorded so far is diagnosed and reported. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending])
  }

  #keep(exchange: LiveExchange): void {
    if (this.options.keep !== true) return
    if (this.exchanges.length < (this.options.maxKept ?? 10_000)) this.exchanges.push(exchange)
    else this.dropped += 1
  }

  #diagnoseLater(exchange: LiveExchange): void {
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#permissions())
      .then((permissions) => {
        const result = diagnoseExchange(toCoreExchange(exchange), permissions === undefined ? {} : { permissions })
        if (this.options.keep === true) {
          if (this.results.length < (this.options.maxKept ?? 10_000)) this.results.push(result)
          else this.droppedResults += 1
        }
        this.options.onFailure?.(result, exchange)
      })
      .catch((error: unknown) => {
        this.internalErrors += 1
        try {
          this.options.onInternalError?.(error, exchange)
        } catch {
          // the report of a bug failed too: the count still says so
        }
      })
      .finally(() => this.#pending.delete(done))
    this.#pending.add(done)
  }

  #permissions(): Promise<PermissionCatalogue | undefined> {
    this.#catalogue ??= (this.options.loadPermissions?.() ?? Promise.resolve(undefined)).catch(() => undefined)
    return this.#catalogue
  }
}
