/**
 * The dispatch handler of one forwarded request (see forward.ts): streams the upstream response into the
 * client's response, copies an error body while it passes, and records the exchange at the end.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Dispatcher } from 'undici'
import { decodeErrorBody } from './decode-body.js'
import type { ForwardContext } from './forward.js'
import { endToEndRawHeaders, endToEndResponseHeaders, rawToHeaderList, toHeaderList } from './headers.js'
import type { LiveExchange, Outcome } from './types.js'
import { errorCode, statusForUpstreamError, upstreamErrorBody, type Upstream } from './upstream.js'

const CLIENT_GONE = 'client disconnected'

export interface Started {
  readonly id: number
  readonly at: number
  readonly startedAtMs: number
  readonly upstream: Upstream
  readonly method: string
  readonly path: string
  readonly requestBody: Buffer[] | undefined
}

function exchangeOf(request: IncomingMessage, started: Started, status: number, responseHeaders: LiveExchange['responseHeaders'], outcome: Outcome, extra: Partial<LiveExchange>): LiveExchange {
  const requestBody = started.requestBody === undefined ? undefined : Buffer.concat(started.requestBody).toString('utf8')
  return {
    id: started.id,
    startedAt: new Date(started.startedAtMs).toISOString(),
    durationMs: performance.now() - started.at,
    route: started.upstream.route,
    method: started.method,
    url: `${started.upstream.diagnosisOrigin}${started.path}`,
    requestHeaders: rawToHeaderList(endToEndRawHeaders(request.rawHeaders, true)),
    ...(requestBody === undefined || requestBody === '' ? {} : { requestBody }),
    status,
    responseHeaders,
    responseBytes: 0,
    outcome,
    ...extra,
  }
}

const CLIENT_GONE_CODES: ReadonlySet<string> = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_ABORTED', 'ABORT_ERR'])

/** Streams one upstream response into the client's response; see the module comment. */
export class ForwardHandler implements Dispatcher.DispatchHandler {
  #controller: Dispatcher.DispatchController | undefined
  #clientGone = false
  #status = 0
  #headers: Record<string, string | string[] | undefined> = {}
  #copy: Buffer[] | undefined
  #bytes = 0

  private readonly request: IncomingMessage
  private readonly response: ServerResponse
  private readonly started: Started
  private readonly context: ForwardContext

  constructor(request: IncomingMessage, response: ServerResponse, started: Started, context: ForwardContext) {
    this.request = request
    this.response = response
    this.started = started
    this.context = context
  }

  /** The client closed its connection before the whole response was written. */
  clientGone(): void {
    this.#clientGone = true
    this.#controller?.abort(Object.assign(new Error(CLIENT_GONE), { code: 'UND_ERR_ABORTED' }))
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller
    if (this.#clientGone) controller.abort(Object.assign(new Error(CLIENT_GONE), { code: 'UND_ERR_ABORTED' }))
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200) return
    this.#status = statusCode
    this.#headers = headers
    if (statusCode >= 400 || this.context.recordsSuccesses) this.#copy = []
    this.response.writeHead(statusCode, endToEndResponseHeaders(headers))
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#copy !== undefined) {
      const room = this.context.errorBodyLimit - this.#bytes
      if (this.#status >= 400 && room > 0) this.#copy.push(room >= chunk.byteLength ? chunk : chunk.subarray(0, room))
      this.#bytes += chunk.byteLength
    }
    if (!this.response.write(chunk)) {
      controller.pause()
      this.response.once('drain', () => controller.resume())
    }
  }

  onResponseEnd(): void {
    if (this.#copy === undefined) {
      this.response.end(this.context.countSuccess)
      return
    }
    this.response.end(() => this.#recordResponse(undefined))
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    const { request, response, started, context } = this
    if (this.#clientGone) {
      if (this.#status === 0) context.record(exchangeOf(request, started, 0, [], 'client-aborted', { problem: CLIENT_GONE }))
      else this.#recordResponse(errorCode(error))
      return
    }
    if (this.#status !== 0) {
      response.destroy(error)
      this.#recordResponse(errorCode(error))
      return
    }
    this.#answerUpstreamError(error)
  }

  #recordResponse(problem: string | undefined): void {
    const isFailure = this.#status >= 400
    const encoding = this.#headers['content-encoding']
    const responseBody = isFailure ? decodeErrorBody(Buffer.concat(this.#copy ?? []), Array.isArray(encoding) ? encoding.join(',') : encoding, this.context.errorBodyLimit) : undefined
    const outcome: Outcome = problem === undefined ? (isFailure ? 'failed' : 'ok') : CLIENT_GONE_CODES.has(problem) ? 'client-aborted' : 'cut-off'
    this.context.record(exchangeOf(this.request, this.started, this.#status, toHeaderList(this.#headers), outcome, {
      responseBytes: this.#bytes,
      ...(responseBody === undefined ? {} : { responseBody }),
      ...(problem === undefined ? {} : { problem }),
    }))
  }

  #answerUpstreamError(error: unknown): void {
    const { request, response, started, context } = this
    const code = errorCode(error)
    const status = statusForUpstreamError(code)
    const clientRequestId = request.headers['client-request-id']
    const body = upstreamErrorBody(status, started.upstream.origin, code, typeof clientRequestId === 'string' ? clientRequestId : undefined)
    const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) }
    if (!response.headersSent) response.writeHead(status, headers).end(body)
    context.record(exchangeOf(request, started, status, toHeaderList(headers), 'upstream-error', { problem: code, responseBody: body }))
  }
}
