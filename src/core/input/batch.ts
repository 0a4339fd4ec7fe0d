import type { Exchange, HeaderList, HttpRequest, HttpResponse } from '../exchange.js'
import { getHeader } from '../exchange.js'
import { isJsonObject, parseJsonBody } from '../response/json.js'
import { jsonText } from '../json-text.js'
import { classifyUrl } from '../target-classify.js'

type JsonObject = Record<string, unknown>

/** A sub-request or sub-response that cannot be read. */
class PartError extends Error {}

/**
 * Replace every Graph JSON `$batch` call by one exchange per sub-request, in request order: format
 * `batch`, source `<outer source> batch request <id>`, URL resolved against the outer URL, the
 * outer `Authorization` added (the sub-request's own headers win), the response with the same id.
 * A sub-response without a `Date` gets the outer response's. An unreadable part becomes an
 * `unreadable` exchange; a failed batch call (status ≥ 400, no `responses`) is kept unchanged.
 *
 * @example
 * expandBatches(parseInput(harText, 'capture.har')).map((exchange) => exchange.source)
 * // ['capture.har entry 1', 'capture.har entry 2 batch request 1', 'capture.har entry 2 batch request 2']
 */
export function expandBatches(exchanges: readonly Exchange[]): Exchange[] {
  return exchanges.flatMap((exchange) => (isBatchCall(exchange) ? expandBatch(exchange) : [exchange]))
}

function isBatchCall(exchange: Exchange): exchange is Exchange & { request: HttpRequest } {
  if (exchange.request === undefined || exchange.unreadable !== undefined) return false
  if (exchange.request.method.toUpperCase() !== 'POST') return false
  const target = classifyUrl(exchange.request.url)
  return target.kind === 'graph' && target.isBatch === true
}

function expandBatch(outer: Exchange & { request: HttpRequest }): Exchange[] {
  const responseJson = parseJsonBody(outer.response?.body)
  const responses = isJsonObject(responseJson) ? responseJson['responses'] : undefined
  if ((outer.response?.status ?? 0) >= 400 && !Array.isArray(responses)) return [outer]
  const requestJson = parseJsonBody(outer.request.body)
  const requests = isJsonObject(requestJson) ? requestJson['requests'] : undefined
  if (!Array.isArray(requests)) {
    return [{ ...outer, unreadable: '$batch request body is not JSON with a "requests" array' }]
  }
  const byId = responsesById(responses)
  return requests.map((item, index) => subExchange(outer, item, index, byId))
}

function responsesById(responses: unknown): Map<string, unknown> {
  const byId = new Map<string, unknown>()
  if (!Array.isArray(responses)) return byId
  for (const item of responses) {
    const id = isJsonObject(item) ? idText(item['id']) : undefined
    if (id !== undefined && !byId.has(id)) byId.set(id, item)
  }
  return byId
}

function subExchange(outer: Exchange & { request: HttpRequest }, item: unknown, index: number, byId: Map<string, unknown>): Exchange {
  const id = isJsonObject(item) ? idText(item['id']) : undefined
  const label = id ?? `#${index + 1}`
  const base: Exchange = { source: `${outer.source} batch request ${label}`, format: 'batch', batch: { source: outer.source, requestId: label } }
  const withTime = outer.startedAt === undefined ? base : { ...base, startedAt: outer.startedAt }
  try {
    if (!isJsonObject(item) || id === undefined) throw new PartError('the sub-request has no id')
    const request = subRequest(outer.request, item)
    const matched = byId.get(id)
    const response = matched === undefined ? undefined : subResponse(matched, outer.response)
    return response === undefined ? { ...withTime, request } : { ...withTime, request, response }
  } catch (error) {
    if (!(error instanceof PartError)) throw error
    return { ...withTime, unreadable: `$batch request ${label}: ${error.message}` }
  }
}

function subRequest(outer: HttpRequest, item: JsonObject): HttpRequest {
  const method = item['method']
  const url = item['url']
  if (typeof method !== 'string' || method === '') throw new PartError('method is not a string')
  if (typeof url !== 'string' || url === '') throw new PartError('url is not a string')
  const headers = headerList(item['headers'], 'headers')
  const authorization = getHeader(outer.headers, 'authorization')
  const withAuth = authorization === undefined || getHeader(headers, 'authorization') !== undefined
    ? headers
    : [['Authorization', authorization] as const, ...headers]
  const request: HttpRequest = { method: method.toUpperCase(), url: resolveUrl(outer.url, url), headers: withAuth }
  const body = bodyText(item['body'])
  return body === undefined ? request : { ...request, body }
}

function subResponse(item: unknown, outer: HttpResponse | undefined): HttpResponse {
  if (!isJsonObject(item)) throw new PartError('the response is not an object')
  const status = item['status']
  if (typeof status !== 'number' || !Number.isInteger(status)) throw new PartError('response status is not a number')
  const headers = headerList(item['headers'], 'response headers')
  const outerDate = outer === undefined ? undefined : getHeader(outer.headers, 'date')
  const withDate = outerDate === undefined || getHeader(headers, 'date') !== undefined ? headers : [...headers, ['Date', outerDate] as const]
  const response: HttpResponse = { status, headers: withDate }
  const body = bodyText(item['body'])
  return body === undefined ? response : { ...response, body }
}

/** `/me`, `me`, `users?$top=1` against `https://graph.microsoft.com/v1.0/$batch`; absolute URLs kept. */
function resolveUrl(outerUrl: string, url: string): string {
  if (/^https?:\/\//i.test(url)) return url
  const end = outerUrl.search(/[?#]/)
  const base = (end < 0 ? outerUrl : outerUrl.slice(0, end)).replace(/\/(?:\$|%24)batch\/?$/i, '')
  return `${base}/${url.replace(/^\/+/, '')}`
}

function headerList(value: unknown, field: string): HeaderList {
  if (value === undefined || value === null) return []
  if (!isJsonObject(value)) throw new PartError(`${field} is not an object`)
  return Object.entries(value).map(([name, headerValue]) => [name, typeof headerValue === 'string' ? headerValue : jsonText(headerValue)] as const)
}

function bodyText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  return typeof value === 'string' ? value : jsonText(value)
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value
  return typeof value === 'number' ? String(value) : undefined
}
