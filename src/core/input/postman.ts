/**
 * A request copied from the Postman console: `GET https://…` (no HTTP version), the status alone on a
 * line (`403`), timings, then labelled sections (`Request Headers`, `Response Headers`, `Response Body`,
 * each label possibly after a `▶` or `▼` marker) of `Name: value` lines and the body.
 */
import type { Exchange } from '../exchange.js'
import { requestDraft, toRequest, toResponse, type Header } from './http-lines.js'
import { formatError, parseHeaderLine, splitLines } from './text.js'

const SECTION = /^\W{0,3}\s*(Request Headers|Response Headers|Request Body|Response Body|Network)\s*$/i
const STATUS_ALONE = /^\s*(\d{3})(?:\s+[A-Za-z][A-Za-z ]{0,40})?\s*$/

/** True when the text starts like a Postman console entry: a request line, a status alone, a section label. */
export function isPostmanConsole(lines: readonly string[]): boolean {
  const first = lines.findIndex((line) => line.trim() !== '')
  return first >= 0 && requestDraft(lines[first] ?? '') !== undefined && STATUS_ALONE.test(lines[first + 1] ?? '') && lines.some((line) => SECTION.test(line))
}

/** The one exchange of a Postman console entry. */
export function parsePostmanConsole(text: string, name: string): Exchange[] {
  const lines = splitLines(text)
  const first = lines.findIndex((line) => line.trim() !== '')
  const request = requestDraft(lines[first] ?? '')
  const status = Number(STATUS_ALONE.exec(lines[first + 1] ?? '')?.[1] ?? 0)
  if (request === undefined || status === 0) throw formatError(name, `line ${first + 1}`, 'not a Postman console entry')
  const responseHeaders: Header[] = []
  const responseBody: string[] = []
  let section = ''
  for (const line of lines.slice(first + 2)) {
    const label = SECTION.exec(line)?.[1]?.toLowerCase()
    if (label !== undefined) {
      section = label
      continue
    }
    if (section === 'response body') responseBody.push(line)
    else if (section === 'request body') request.bodyLines.push(line)
    else if (section === 'request headers' || section === 'response headers') {
      const header = parseHeaderLine(line)
      if (header !== undefined) (section === 'request headers' ? request.headers : responseHeaders).push(header)
    }
  }
  const response = toResponse({ status, headers: responseHeaders, bodyLines: responseBody })
  return [{ source: name, format: 'raw-http', request: toRequest(request), response }]
}
