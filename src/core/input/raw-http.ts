import type { Exchange, HttpRequest } from '../exchange.js'
import type { RequestDraft, ResponseDraft } from './http-lines.js'
import { requestDraft, responseDraft, STATUS_LINE, toRequest, toResponse } from './http-lines.js'
import { formatError, parseHeaderLine, splitLines } from './text.js'

/**
 * Read a raw HTTP exchange: a request block (request line, headers), a blank line, an optional body,
 * then a response block starting `HTTP/1.1 403 …` or `HTTP/2 401`, its headers and body. A response
 * block alone is accepted too (no request). Interim `1xx` responses are skipped.
 */
export function parseRawHttp(text: string, name: string): Exchange[] {
  const lines = splitLines(text)
  let index = lines.findIndex((line) => line.trim() !== '')
  let request: RequestDraft | undefined
  const first = lines[index] ?? ''
  if (!STATUS_LINE.test(first.trim())) {
    request = requestDraft(first)
    if (request === undefined) throw formatError(name, `line ${index + 1}`, 'not an HTTP request line or status line')
    index = readHeaders(lines, index + 1, request.headers, name)
    while (index < lines.length && !STATUS_LINE.test((lines[index] ?? '').trim())) request.bodyLines.push(lines[index++] ?? '')
  }
  const response = readResponse(lines, index, name)
  const exchange: Exchange = { source: name, format: 'raw-http' }
  const withRequest = request === undefined ? exchange : { ...exchange, request: shownRequest(request) }
  return [response === undefined ? withRequest : { ...withRequest, response: toResponse(response) }]
}

/**
 * A request line without a single header (not even `Host`) was pasted short, not sent so: its missing
 * Authorization header says nothing about the token.
 */
function shownRequest(draft: RequestDraft): HttpRequest {
  const request = toRequest(draft)
  return draft.headers.length === 0 ? { ...request, headersOmitted: true } : request
}

function readResponse(lines: readonly string[], start: number, name: string): ResponseDraft | undefined {
  let index = start
  let response: ResponseDraft | undefined
  while (index < lines.length) {
    response = responseDraft(lines[index] ?? '')
    if (response === undefined) return undefined
    index = readHeaders(lines, index + 1, response.headers, name)
    const isInterim = response.status >= 100 && response.status < 200
    const next = lines.slice(index).findIndex((line) => line.trim() !== '')
    if (!isInterim || next === -1) break
    index += next
  }
  // One by one: a body of 125,000 lines spread into push() would overflow the stack.
  if (response !== undefined) for (let line = index; line < lines.length; line++) response.bodyLines.push(lines[line] ?? '')
  return response
}

/** Read `Name: value` lines up to a blank line; returns the index after that blank line. */
function readHeaders(lines: readonly string[], start: number, headers: Array<readonly [string, string]>, name: string): number {
  let index = start
  for (; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (line.trim() === '') return index + 1
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers.pop() as readonly [string, string]
      headers.push([last[0], `${last[1]} ${line.trim()}`]) // obsolete line folding
      continue
    }
    if (STATUS_LINE.test(line.trim())) return index // a response right after the request headers
    const header = parseHeaderLine(line)
    if (header === undefined) throw formatError(name, `line ${index + 1}`, 'not a header line (expected Name: value)')
    headers.push(header)
  }
  return index
}
