import type { Exchange } from '../exchange.js'
import type { RequestDraft, ResponseDraft } from './http-lines.js'
import { requestDraft, responseDraft, toRequest, toResponse } from './http-lines.js'
import { formatError, parseHeaderLine, splitLines } from './text.js'

interface Draft {
  readonly request?: RequestDraft
  response?: ResponseDraft
  requestDone: boolean
  responseHeadersDone: boolean
}

/** curl's own chatter between and after the headers: progress meter, data markers. */
const NOISE = [
  /^\s*% Total\s+% Received/,
  /^\s+Dload\s+Upload/,
  // `  0  1234 … --:--:-- 0:00:01 …`: the time's hours are the last digits of the run (one split, linear).
  /^[\s\d.kMG]*[\s\d.kMG](?:--:--:--|\d:\d+:\d+)/,
  /^[{}] \[\d+ bytes data\]$/,
]

/** When the body has no trailing newline, curl's last `* ` line is glued to it. */
const CLOSING_TRAILER = '* Closing connection'
const CONNECTION_TRAILER = /\* Connection #\d+ to host /y
const LEFT_INTACT = ' left intact'

/**
 * Where a glued `* Connection #0 to host … left intact` or `* Closing connection…` starts, or -1: the
 * leftmost such trailer. Searched with indexOf and a sticky prefix match, because one unanchored
 * regular expression for it was quadratic on a line repeating the prefix.
 */
function gluedTrailerStart(line: string): number {
  const closing = line.indexOf(CLOSING_TRAILER)
  if (!line.endsWith(LEFT_INTACT)) return closing
  const last = closing < 0 ? line.length : closing
  for (let start = line.indexOf('* Connection #'); start >= 0 && start < last; start = line.indexOf('* Connection #', start + 1)) {
    CONNECTION_TRAILER.lastIndex = start
    const prefix = CONNECTION_TRAILER.exec(line)
    if (prefix !== null && start + prefix[0].length <= line.length - LEFT_INTACT.length) return start
  }
  return closing
}

function withoutGluedTrailer(line: string): string {
  const start = gluedTrailerStart(line)
  return start < 0 ? line : line.slice(0, start)
}

/**
 * Read a `curl -v` transcript (with `2>&1`): `> ` request lines, `< ` response lines, `* ` notes,
 * and the body after the response headers. Several requests (redirects, several URLs) give several
 * exchanges, named `<name> request <n>`.
 */
export function parseCurl(text: string, name: string): Exchange[] {
  const drafts: Draft[] = []
  splitLines(text).forEach((line, index) => readLine(line, index + 1, drafts, name))
  if (drafts.length === 0) throw formatError(name, 'line 1', 'no `> ` request or `< HTTP/…` response line in this curl -v transcript')
  return drafts.map((draft, index) => toExchange(draft, drafts.length === 1 ? name : `${name} request ${index + 1}`))
}

function readLine(line: string, lineNumber: number, drafts: Draft[], name: string): void {
  const last = drafts[drafts.length - 1]
  // `<html>` in a body is not a curl prefix: the prefixes are `> `, `< `, `* ` or the bare character.
  if (/^>(?: |$)/.test(line)) return readRequestLine(line.slice(2), lineNumber, drafts, name)
  if (/^<(?: |$)/.test(line)) return readResponseLine(line.slice(2), lineNumber, drafts, name)
  if (/^\*(?: |$)/.test(line) || NOISE.some((pattern) => pattern.test(line))) return
  if (last?.response === undefined || !last.responseHeadersDone) return // text before the transcript
  last.response.bodyLines.push(withoutGluedTrailer(line))
}

function readRequestLine(content: string, lineNumber: number, drafts: Draft[], name: string): void {
  const last = drafts[drafts.length - 1]
  if (last?.request !== undefined && !last.requestDone && last.response === undefined) {
    if (content.trim() === '') {
      last.requestDone = true
      return
    }
    last.request.headers.push(headerOf(content, lineNumber, name))
    return
  }
  const request = requestDraft(content)
  if (request === undefined) throw formatError(name, `line ${lineNumber}`, 'not a curl -v request line (expected > METHOD path HTTP/…)')
  drafts.push({ request, requestDone: false, responseHeadersDone: false })
}

function readResponseLine(content: string, lineNumber: number, drafts: Draft[], name: string): void {
  const last = drafts[drafts.length - 1]
  const status = responseDraft(content)
  if (status !== undefined) {
    // A new status line replaces an interim (1xx) response, or starts a response-only exchange.
    if (last === undefined || (last.response !== undefined && last.response.status >= 200)) {
      drafts.push({ response: status, requestDone: true, responseHeadersDone: false })
      return
    }
    last.requestDone = true
    last.response = status
    last.responseHeadersDone = false
    return
  }
  if (last?.response === undefined) throw formatError(name, `line ${lineNumber}`, 'a `< ` header line before any `< HTTP/…` status line')
  if (content.trim() === '') {
    last.responseHeadersDone = true
    return
  }
  last.response.headers.push(headerOf(content, lineNumber, name))
}

function headerOf(content: string, lineNumber: number, name: string): readonly [string, string] {
  const header = parseHeaderLine(content)
  if (header === undefined) throw formatError(name, `line ${lineNumber}`, 'not a header line (expected Name: value)')
  return header
}

function toExchange(draft: Draft, source: string): Exchange {
  const exchange: Exchange = { source, format: 'curl' }
  const withRequest = draft.request === undefined ? exchange : { ...exchange, request: toRequest(draft.request) }
  return draft.response === undefined ? withRequest : { ...withRequest, response: toResponse(draft.response) }
}
