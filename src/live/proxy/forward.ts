/**
 * Forward one client request to its upstream and stream the response back, byte for byte, through
 * undici's dispatch handler: chunks go straight from the upstream socket to the client's response, with
 * back-pressure both ways, and no intermediate stream, promise or AbortSignal per request (those cost
 * more CPU than the forwarding itself). Only the body of a response with status ≥ 400 is copied (up to a
 * bound) while it streams, and decoded (gzip, deflate, br) for the diagnosis; the exchange is recorded
 * after the client has its last byte.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Dispatcher } from 'undici'
import { ForwardHandler, type Started } from './forward-handler.js'
import { endToEndRawHeaders } from './headers.js'
import { requestBodyOf } from './request-body.js'
import type { LiveExchange, Route } from './types.js'
import { routeOf, type Upstream } from './upstream.js'

export interface ForwardContext {
  readonly upstreams: Readonly<Record<Route, Upstream>>
  /** Bytes of an error body kept for diagnosis (1 MiB by default). */
  readonly errorBodyLimit: number
  /** Record successes in full (a report or `--verbose`), not only count them. */
  readonly recordsSuccesses: boolean
  readonly record: (exchange: LiveExchange) => void
  readonly countSuccess: () => void
  readonly nextId: () => number
}

/** Handle one request of the proxy's HTTP server. */
export function forward(request: IncomingMessage, response: ServerResponse, context: ForwardContext): void {
  const path = request.url ?? '/'
  const upstream = context.upstreams[routeOf(path)]
  const { body, copy } = requestBodyOf(request)
  const started: Started = { id: context.nextId(), at: performance.now(), startedAtMs: Date.now(), upstream, method: request.method ?? 'GET', path, requestBody: copy }
  const handler = new ForwardHandler(request, response, started, context)
  response.once('close', () => {
    if (!response.writableFinished) handler.clientGone()
  })
  upstream.pool.dispatch({
    origin: upstream.origin,
    path: `${upstream.basePath}${path}`,
    method: started.method as Dispatcher.HttpMethod,
    headers: endToEndRawHeaders(request.rawHeaders, true),
    body,
  }, handler)
}
