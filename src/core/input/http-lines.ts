import type { HttpRequest, HttpResponse } from '../exchange.js'

/** `GET /v1.0/me HTTP/1.1`, `POST https://graph.microsoft.com/v1.0/$batch`. */
export const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?\s*$/i

const METHOD_HEAD = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT)\s+/i
const VERSION_TAIL = /\sHTTP\/\d(?:\.\d)?\s*$/i

/**
 * A request line's method and target: `GET /v1.0/me HTTP/1.1`, and one whose target was pasted with its
 * spaces unencoded (`GET /v1.0/users?$filter=accountEnabled ne true HTTP/1.1`) when the version ends it.
 */
export function parseRequestLine(line: string): { method: string; target: string } | undefined {
  const trimmed = line.trim()
  const match = REQUEST_LINE.exec(trimmed)
  if (match?.[1] !== undefined && match[2] !== undefined) return { method: match[1].toUpperCase(), target: match[2] }
  const head = METHOD_HEAD.exec(trimmed)
  const tail = VERSION_TAIL.exec(trimmed)
  if (head?.[1] === undefined || tail === null || tail.index <= head[0].length) return undefined
  const target = trimmed.slice(head[0].length, tail.index).trim()
  return /^(?:\/|https?:\/\/)\S/i.test(target) ? { method: head[1].toUpperCase(), target } : undefined
}

/** `HTTP/1.1 403 Forbidden`, `HTTP/2 401`. */
export const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s(.*))?$/i

export type Header = readonly [string, string]

/** A request or response being assembled line by line. */
export interface RequestDraft {
  readonly method: string
  readonly target: string
  readonly headers: Header[]
  readonly bodyLines: string[]
}

export interface ResponseDraft {
  readonly status: number
  readonly statusText?: string
  readonly headers: Header[]
  readonly bodyLines: string[]
}

export function requestDraft(line: string): RequestDraft | undefined {
  const parsed = parseRequestLine(line)
  return parsed === undefined ? undefined : { ...parsed, headers: [], bodyLines: [] }
}

export function responseDraft(line: string): ResponseDraft | undefined {
  const match = STATUS_LINE.exec(line.trim())
  if (match === null || match[1] === undefined) return undefined
  const status = Number(match[1])
  const statusText = match[2]?.trim()
  return statusText === undefined || statusText === ''
    ? { status, headers: [], bodyLines: [] }
    : { status, statusText, headers: [], bodyLines: [] }
}

/** The request URL: absolute as given, else `https://<Host><target>`, else the bare path. */
export function requestUrl(draft: RequestDraft): string {
  if (/^https?:\/\//i.test(draft.target)) return draft.target
  const host = draft.headers.find(([name]) => name.toLowerCase() === 'host' || name === ':authority')?.[1]
  if (host === undefined || host === '') return draft.target
  return `https://${host}${draft.target.startsWith('/') ? '' : '/'}${draft.target}`
}

export function toRequest(draft: RequestDraft): HttpRequest {
  const request: HttpRequest = { method: draft.method, url: requestUrl(draft), headers: draft.headers }
  const body = joinBody(draft.bodyLines)
  return body === undefined ? request : { ...request, body }
}

export function toResponse(draft: ResponseDraft): HttpResponse {
  const response: HttpResponse = draft.statusText === undefined
    ? { status: draft.status, headers: draft.headers }
    : { status: draft.status, statusText: draft.statusText, headers: draft.headers }
  const body = joinBody(draft.bodyLines)
  return body === undefined ? response : { ...response, body }
}

/** Join body lines with LF, without the blank lines around them; undefined when empty. */
function joinBody(lines: readonly string[]): string | undefined {
  const body = lines.join('\n').replace(/^(?:[ \t]*\n)+/, '').trimEnd()
  return body === '' ? undefined : body
}
