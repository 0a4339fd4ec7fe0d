import type { HeaderList } from '../../core/exchange.js'

/** Which upstream a request went to: `/v1.0` and `/beta` are Graph, every other path the login host. */
export type Route = 'graph' | 'login'

/**
 * How an exchange ended: `ok` (status < 400, streamed through), `failed` (status ≥ 400, streamed
 * through and diagnosed), `upstream-error` (the proxy answered 502/504 itself), `cut-off` (the
 * upstream broke off mid-body; the client's connection was closed) or `client-aborted`.
 */
export type Outcome = 'ok' | 'failed' | 'upstream-error' | 'cut-off' | 'client-aborted'

/** One exchange that passed through the proxy, as the session records it. */
export interface LiveExchange {
  readonly id: number
  readonly startedAt: string
  readonly durationMs: number
  readonly route: Route
  readonly method: string
  /** The URL as Graph or the login host would see it (the diagnosis URL), without credentials. */
  readonly url: string
  readonly requestHeaders: HeaderList
  /** A small request body (≤ 64 KiB, as text), when one was sent. */
  readonly requestBody?: string
  /** 0 when no response came. */
  readonly status: number
  readonly responseHeaders: HeaderList
  /** The body of a response with status ≥ 400, up to the bound. */
  readonly responseBody?: string
  readonly responseBytes: number
  readonly outcome: Outcome
  /** Why the exchange did not complete (`upstream-error`, `cut-off`): a code such as ECONNREFUSED. */
  readonly problem?: string
}
