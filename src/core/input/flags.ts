import { GraphDoctorError } from '../errors.js'
import type { Exchange, HttpRequest, HttpResponse } from '../exchange.js'
import { parseJsonBody } from '../response/json.js'
import { graphErrorStatus } from './json-errors.js'
import { parseHeaderLine } from './text.js'

/** One exchange described by CLI flags (`--method --url --status --token --header --body --request-body`). */
export interface ExchangeFlags {
  readonly method?: string
  readonly url?: string
  readonly status?: number
  readonly token?: string
  /** `Name: value` lines, routed to the request or the response by name. */
  readonly headers?: readonly string[]
  /** The response body. */
  readonly body?: string
  readonly requestBody?: string
}

/** Headers only a response carries; everything else given with `--header` belongs to the request. */
const RESPONSE_HEADERS = new Set([
  'www-authenticate',
  'date',
  'request-id',
  'client-request-id',
  'retry-after',
  'x-ms-ags-diagnostic',
])

type Header = readonly [string, string]

/**
 * Build one exchange from flags. `token` becomes `Authorization: Bearer <token>` unless it already
 * starts with a scheme (`Bearer …`, `PoP …`). `--header` lines go to the response when the name is a
 * response header (`WWW-Authenticate`, `Date`, `request-id`, `client-request-id`, `Retry-After`,
 * `x-ms-ags-diagnostic`, and `Content-Type` when a response body is given), else to the request.
 * Without `--status`, the status is inferred from a Graph error body (see `graphErrorStatus`), a
 * token-endpoint error (400), else 0.
 *
 * @throws GraphDoctorError `ERR_INVALID_OPTION` for a header that is not `Name: value` (the value is never echoed).
 * @example
 * exchangeFromFlags({ url: 'https://graph.microsoft.com/v1.0/me', status: 401, token: 'eyJ…' })
 */
export function exchangeFromFlags(flags: ExchangeFlags): Exchange {
  const { requestHeaders, responseHeaders } = routeHeaders(flags)
  if (flags.token !== undefined) requestHeaders.unshift(['Authorization', authorizationValue(flags.token)])
  const exchange: Exchange = { source: 'flags', format: 'flags' }
  const hasRequest = flags.url !== undefined || flags.method !== undefined || requestHeaders.length > 0 || flags.requestBody !== undefined
  const withRequest = hasRequest ? { ...exchange, request: buildRequest(flags, requestHeaders) } : exchange
  const hasResponse = flags.status !== undefined || flags.body !== undefined || responseHeaders.length > 0
  return hasResponse ? { ...withRequest, response: buildResponse(flags, responseHeaders) } : withRequest
}

function routeHeaders(flags: ExchangeFlags): { requestHeaders: Header[]; responseHeaders: Header[] } {
  const requestHeaders: Header[] = []
  const responseHeaders: Header[] = []
  ;(flags.headers ?? []).forEach((line, index) => {
    const header = parseHeaderLine(line)
    if (header === undefined) {
      throw new GraphDoctorError('ERR_INVALID_OPTION', `--header number ${index + 1} is not 'Name: value'`)
    }
    const name = header[0].toLowerCase()
    const isResponse = RESPONSE_HEADERS.has(name) || (name === 'content-type' && flags.body !== undefined)
    ;(isResponse ? responseHeaders : requestHeaders).push(header)
  })
  return { requestHeaders, responseHeaders }
}

/** `eyJ…` → `Bearer eyJ…`; `Bearer eyJ…`, `PoP …` kept; an empty token stays an empty Bearer. */
function authorizationValue(token: string): string {
  const trimmed = token.trim()
  if (/^(?:Bearer|PoP|Basic|Negotiate|MSAuth1\.0)(?:\s|$)/i.test(trimmed)) return trimmed
  return trimmed === '' ? 'Bearer' : `Bearer ${trimmed}`
}

/** Without `--token` (or an Authorization `--header`) the token is not known, not absent: the call may well have carried one. */
function buildRequest(flags: ExchangeFlags, headers: Header[]): HttpRequest {
  const tokenGiven = headers.some(([name]) => name.toLowerCase() === 'authorization')
  const request: HttpRequest = { method: (flags.method ?? 'GET').toUpperCase(), url: flags.url ?? '', headers, ...(tokenGiven ? {} : { headersOmitted: true as const }) }
  return flags.requestBody === undefined ? request : { ...request, body: flags.requestBody }
}

function buildResponse(flags: ExchangeFlags, headers: Header[]): HttpResponse {
  const status = flags.status ?? inferStatus(flags.body)
  const response: HttpResponse = { status, headers }
  return flags.body === undefined ? response : { ...response, body: flags.body }
}

function inferStatus(body: string | undefined): number {
  const json = parseJsonBody(body)
  if (typeof (json as { error?: unknown } | undefined)?.error === 'string') return 400
  return graphErrorStatus(json)
}
