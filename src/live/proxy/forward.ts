/**
 * Forward one client request to its upstream and stream the response back, byte for byte. Only the
 * body of a response with status ≥ 400 is copied (up to a bound) while it streams to the client, and
 * decoded (gzip, deflate, br) for the diagnosis; the exchange is recorded after the client has its last byte.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable, pipeline } from 'node:stream'
import type { Dispatcher } from 'undici'
import { decodeErrorBody } from './decode-body.js'
import { endToEndRawHeaders, endToEndResponseHeaders, rawToHeaderList, toHeaderList } from './headers.js'
import type { LiveExchange, Outcome } from './types.js'
import { errorCode, routeOf, statusForUpstreamError, upstreamErrorBody, type Upstream } from './upstream.js'
import type { Route } from './types.js'

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

const REQUEST_BODY_LIMIT = 64 * 1024

interface Started {
  readonly id: number
  readonly at: number
  readonly startedAt: string
  readonly upstream: Upstream
  readonly method: string
  readonly path: string
  readonly requestBody: Buffer[] | undefined
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length']
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/** A small upload is copied as it passes, so that a failure's diagnosis sees it (a password reset, a token request). */
async function* tapped(request: IncomingMessage, copy: Buffer[]): AsyncGenerator<Buffer> {
  for await (const chunk of request as AsyncIterable<Buffer>) {
    copy.push(chunk)
    yield chunk
  }
}

function requestBodyOf(request: IncomingMessage): { body: Readable | null; copy: Buffer[] | undefined } {
  if (!hasBody(request)) return { body: null, copy: undefined }
  const length = Number(request.headers['content-length'])
  if (!(length <= REQUEST_BODY_LIMIT)) return { body: request, copy: undefined }
  const copy: Buffer[] = []
  return { body: Readable.from(tapped(request, copy), { objectMode: false }), copy }
}

function exchangeOf(request: IncomingMessage, started: Started, status: number, responseHeaders: LiveExchange['responseHeaders'], outcome: Outcome, extra: Partial<LiveExchange>): LiveExchange {
  const requestBody = started.requestBody === undefined ? undefined : Buffer.concat(started.requestBody).toString('utf8')
  return {
    id: started.id,
    startedAt: started.startedAt,
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

function answerUpstreamError(request: IncomingMessage, response: ServerResponse, started: Started, error: unknown, context: ForwardContext): void {
  const code = errorCode(error)
  const status = statusForUpstreamError(code)
  const clientRequestId = request.headers['client-request-id']
  const body = upstreamErrorBody(status, started.upstream.origin, code, typeof clientRequestId === 'string' ? clientRequestId : undefined)
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) }
  if (!response.headersSent) response.writeHead(status, headers).end(body)
  context.record(exchangeOf(request, started, status, toHeaderList(headers), 'upstream-error', { problem: code, responseBody: body }))
}

function streamResponse(request: IncomingMessage, response: ServerResponse, started: Started, upstream: Dispatcher.ResponseData, context: ForwardContext): void {
  const { statusCode, headers, body } = upstream
  response.writeHead(statusCode, endToEndResponseHeaders(headers))
  const isFailure = statusCode >= 400
  const copy: Buffer[] = []
  let bytes = 0
  if (isFailure || context.recordsSuccesses) {
    body.on('data', (chunk: Buffer) => {
      if (isFailure && bytes < context.errorBodyLimit) copy.push(chunk.subarray(0, context.errorBodyLimit - bytes))
      bytes += chunk.byteLength
    })
  }
  pipeline(body, response, (error) => {
    if (!isFailure && !context.recordsSuccesses && error === undefined) {
      context.countSuccess()
      return
    }
    const problem = error === undefined ? undefined : errorCode(error)
    const encoding = headers['content-encoding']
    const responseBody = isFailure ? decodeErrorBody(Buffer.concat(copy), Array.isArray(encoding) ? encoding.join(',') : encoding, context.errorBodyLimit) : undefined
    context.record(exchangeOf(request, started, statusCode, toHeaderList(headers), outcomeOf(isFailure, problem), {
      responseBytes: bytes,
      ...(responseBody === undefined ? {} : { responseBody }),
      ...(problem === undefined ? {} : { problem }),
    }))
  })
}

const CLIENT_GONE_CODES: ReadonlySet<string> = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_ABORTED', 'ABORT_ERR'])

/** A stream error caused by the client going away is `client-aborted`; any other broke upstream mid-body. */
function outcomeOf(isFailure: boolean, problem: string | undefined): Outcome {
  if (problem === undefined) return isFailure ? 'failed' : 'ok'
  return CLIENT_GONE_CODES.has(problem) ? 'client-aborted' : 'cut-off'
}

/** Handle one request of the proxy's HTTP server. */
export function forward(request: IncomingMessage, response: ServerResponse, context: ForwardContext): void {
  const path = request.url ?? '/'
  const upstream = context.upstreams[routeOf(path)]
  const { body, copy } = requestBodyOf(request)
  const started: Started = { id: context.nextId(), at: performance.now(), startedAt: new Date().toISOString(), upstream, method: request.method ?? 'GET', path, requestBody: copy }
  const abort = new AbortController()
  let clientGone = false
  response.on('close', () => {
    if (response.writableFinished) return
    clientGone = true
    abort.abort()
  })
  upstream.pool.request({
    origin: upstream.origin,
    path: `${upstream.basePath}${path}`,
    method: started.method as Dispatcher.HttpMethod,
    headers: endToEndRawHeaders(request.rawHeaders, true),
    body,
    signal: abort.signal,
  }).then(
    (answer) => {
      if (clientGone) {
        answer.body.destroy()
        return
      }
      streamResponse(request, response, started, answer, context)
    },
    (error: unknown) => {
      if (clientGone) context.record(exchangeOf(request, started, 0, [], 'client-aborted', { problem: 'client disconnected' }))
      else answerUpstreamError(request, response, started, error, context)
    },
  )
}
