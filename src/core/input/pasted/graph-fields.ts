/**
 * The fields of a Graph error as PowerShell and the Graph SDKs print it, read line by line with
 * anchored, linear patterns. Shapes (synthetic fixtures in test/fixtures/inputs cite them):
 * PowerShell `Get-MgUser_List: … Status: 403 (Forbidden) ErrorCode: … Headers: …`; .NET v4
 * `Status Code: Forbidden` / `Microsoft.Graph.ServiceException: Code: … Message: …`; .NET and Java
 * v5+ `…ODataError: <message>`; Java v5 `Error code: … Error message: … GET <url> … 403 : Forbidden`;
 * JavaScript `GraphError: <message> { statusCode: 403, code: '…', requestId: '…' }`; Python
 * `APIError Code: 403 … error: MainError(code='…', message='…')`.
 */
import type { Header } from '../http-lines.js'
import { isCmdletName } from '../../powershell/cmdlet.js'
import { splitLines } from '../text.js'
import { findErrorObject, type EmbeddedObject } from './embedded.js'
import { knownMessageIn } from './known-messages.js'

/** What was found; every field optional. */
export interface GraphErrorFields {
  readonly typeName?: string
  readonly status?: number
  readonly statusText?: string
  readonly code?: string
  readonly message?: string
  readonly requestId?: string
  readonly clientRequestId?: string
  readonly date?: string
  readonly method?: string
  readonly url?: string
  /** The request's Authorization header, when the text prints it (an axios error's config). */
  readonly authorization?: string
  readonly headers: readonly Header[]
  readonly embedded?: EmbeddedObject
}

type Draft = { -readonly [K in keyof GraphErrorFields]: GraphErrorFields[K] } & { headers: Header[] }

const MAX_LINES = 2000
const MAX_LINE = 4000

/** `Type: message` on one line: an SDK exception type or a PowerShell cmdlet name, checked after. */
const TYPE_LINE = /^\s*(?:Unhandled exception\.\s+|Exception in thread "[^"\r\n]{0,100}"\s+)?([A-Za-z_$][\w.$-]{0,200})\s?:(.*)$/
const SDK_TYPE = /(?:ODataError|ServiceException|GraphError|GraphServiceException|ApiException|APIError)$/
const STATUS_NAMES: Readonly<Record<string, number>> = {
  badrequest: 400, unauthorized: 401, paymentrequired: 402, forbidden: 403, notfound: 404, methodnotallowed: 405,
  conflict: 409, toomanyrequests: 429, internalservererror: 500, badgateway: 502, serviceunavailable: 503, gatewaytimeout: 504,
}

interface LinePattern {
  readonly pattern: RegExp
  readonly read: (match: RegExpExecArray, draft: Draft) => void
}

const setIfAbsent = <K extends keyof Draft>(draft: Draft, key: K, value: Draft[K] | undefined): void => {
  if (draft[key] === undefined && value !== undefined && value !== '') draft[key] = value
}

const statusOf = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined
  const number = /^\d{3}$/.test(text) ? Number(text) : STATUS_NAMES[text.toLowerCase()]
  return number !== undefined && number >= 100 && number <= 599 ? number : undefined
}

const LINE_PATTERNS: readonly LinePattern[] = [
  { pattern: /^\s*Status:\s*(\d{3})\s*\(([^)]{0,60})\)/, read: (m, d) => { setIfAbsent(d, 'status', statusOf(m[1])); setIfAbsent(d, 'statusText', m[2]) } },
  { pattern: /^\s*Status Code:\s*(\w{1,40})\s*$/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  { pattern: /^\s*HTTP StatusCode (\d{3})\b/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  { pattern: /^\s*(?:StatusCode|statusCode|status_code|Code)\s*[:=]\s*(\d{3})\b/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  { pattern: /^\s*(\d{3}) : ([A-Za-z][A-Za-z ]{0,40})$/, read: (m, d) => { setIfAbsent(d, 'status', statusOf(m[1])); setIfAbsent(d, 'statusText', m[2]) } },
  // Not Node's own error codes (axios `code: 'ERR_BAD_REQUEST'`).
  { pattern: /^\s*(?:ErrorCode|Error code|Code|code)\s*:\s*['"]?(?!ERR_[A-Z])([A-Za-z][\w.]{0,80})['"]?,?\s*$/, read: (m, d) => setIfAbsent(d, 'code', m[1]) },
  { pattern: /^\s*(?:Message\s*:\s*)?\[([A-Za-z][\w.]{0,80})\]\s*:(.*)/, read: (m, d) => { setIfAbsent(d, 'code', m[1]); setIfAbsent(d, 'message', m[2]?.trim()) } },
  { pattern: /^[\s+]*FullyQualifiedErrorId\s*:\s*(?!WebCmdlet)([A-Za-z][\w.]{0,80}),/, read: (m, d) => setIfAbsent(d, 'code', m[1]) },
  { pattern: /^\s*(?:Message|Error message|message|ErrorDetails)\s*:(.*)/, read: (m, d) => { const text = unquote(m[1]); if (!AXIOS_OWN.test(text ?? '')) setIfAbsent(d, 'message', text) } },
  // An axios error as Node prints it: `config: { method: 'get', url: '…', headers: { Authorization: 'Bearer …' } }, response: { status: 403, data: {…} }`.
  { pattern: /^\s*url:\s*'(https:\/\/[^'\s]{1,2000})',?\s*$/, read: (m, d) => setIfAbsent(d, 'url', m[1]) },
  { pattern: /^\s*method:\s*'([a-zA-Z]{3,7})',?\s*$/, read: (m, d) => setIfAbsent(d, 'method', m[1]?.toUpperCase()) },
  { pattern: /^\s*status:\s*(\d{3}),?\s*$/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  { pattern: /^\s*['"]?Authorization['"]?:\s*'(Bearer [^'\s]{1,20000})',?\s*$/i, read: (m, d) => setIfAbsent(d, 'authorization', m[1]) },
  { pattern: /^\s*(GET|POST|PUT|PATCH|DELETE|HEAD)\s+(https:\/\/\S{1,2000})\s*$/i, read: (m, d) => { setIfAbsent(d, 'method', m[1]?.toUpperCase()); setIfAbsent(d, 'url', m[2]) } },
  { pattern: /^\s*HTTP Method:\s*([A-Za-z]{3,7})\s*$/, read: (m, d) => setIfAbsent(d, 'method', m[1]?.toUpperCase()) },
  { pattern: /^\s*Absolute Uri:\s*(https:\/\/\S{1,2000})\s*$/, read: (m, d) => setIfAbsent(d, 'url', m[1]) },
  { pattern: /^\s*(?:Date|date)\s*:\s*['"]?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/, read: (m, d) => setIfAbsent(d, 'date', m[1]) },
  // `az rest`: `ERROR: Forbidden({"error":…})` (the reason phrase, `Bad Request` too); a pasted "Error 403" or "HTTP 403" above a body.
  { pattern: /^\s*(?:ERROR: )?([A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]{1,20})?)\(\{/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1]?.replace(' ', ''))) },
  // `az rest --debug` and the Azure SDK for Python's HTTP logging: `Request URL: '…'`, `Request method: 'GET'`, `Response status: 403`.
  { pattern: /\bRequest URL: '(https:\/\/[^'\s]{1,2000})'/, read: (m, d) => setIfAbsent(d, 'url', m[1]) },
  { pattern: /\bRequest method: '([A-Za-z]{3,7})'/, read: (m, d) => setIfAbsent(d, 'method', m[1]?.toUpperCase()) },
  { pattern: /\bResponse status: (\d{3})\b/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  // Graph Explorer's response pane: `Forbidden - 403 - 254ms. Either the signed-in user …`.
  { pattern: /^\s*[A-Z][A-Za-z ]{1,30} - (\d{3}) - \d{1,7} ?ms\b/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  { pattern: /^\s*(?:Error|HTTP)\s+(\d{3})\b/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  // The failing line PowerShell echoes: `+ Invoke-RestMethod -Uri "https://…" -Method Post …` (5.1), `   3 |  Invoke-RestMethod …` (7).
  { pattern: /^(?:\+|\s{0,8}\d{1,5} \||\s{0,8}Line\s{0,20}:)\s*(?:\$[\w:]{1,100}\s?=\s?)?(?:Invoke-RestMethod|Invoke-WebRequest|Invoke-MgGraphRequest|irm|iwr)\s[^\r\n]{0,2000}?["'\s](https:\/\/[^"'\s]{1,2000})/i, read: (m, d) => { setIfAbsent(d, 'url', m[1]); setIfAbsent(d, 'method', 'GET') } },
]

/** Anywhere in a line (Python reprs, JavaScript objects, `requests` errors). */
const INLINE_PATTERNS: readonly LinePattern[] = [
  // PnP PowerShell: `Invoke-PnPGraphMethod: Call to Microsoft Graph URL https://… failed with status code Forbidden: <Graph's message>`.
  { pattern: /\bCall to Microsoft Graph URL (https:\/\/\S{1,2000}) failed with status code ([A-Za-z]{1,30}|\d{3})(?:: ([^\r\n]{1,2000}))?/, read: (m, d) => { setIfAbsent(d, 'url', m[1]); setIfAbsent(d, 'status', statusOf(m[2])); setIfAbsent(d, 'message', m[3]?.trim()) } },
  // Windows PowerShell 5.1's WebException, PowerShell 7's HttpResponseException: the status without the body.
  { pattern: /\bThe remote server returned an error: \((\d{3})\)/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  { pattern: /\bResponse status code does not indicate success: (\d{3})\b/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  // A browser console's failed request: `GET https://graph.microsoft.com/v1.0/me 401 (Unauthorized)`.
  { pattern: /\b(GET|POST|PUT|PATCH|DELETE)\s(https:\/\/\S{1,2000})\s(\d{3})\s\(([A-Za-z ]{0,40})\)/, read: (m, d) => { setIfAbsent(d, 'method', m[1]); setIfAbsent(d, 'url', m[2]); setIfAbsent(d, 'status', statusOf(m[3])) } },
  // iOS/macOS `print(response)`: `<NSHTTPURLResponse: 0x…> { URL: https://… } { status code: 401, headers {`.
  { pattern: /<NSHTTPURLResponse: 0x[0-9a-f]{1,16}> \{ URL: (https:\/\/[^\s}]{1,2000}) \}/, read: (m, d) => setIfAbsent(d, 'url', m[1]) },
  { pattern: /\} \{ [Ss]tatus [Cc]ode: (\d{3}),/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  // PnP PowerShell: `Get-PnPAzureADUser: Forbidden (403): Insufficient privileges…`
  { pattern: /\b[A-Z][A-Za-z]{2,30} \((\d{3})\)\s?:/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  { pattern: /\bresponse_status_code=(\d{3})\b/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  // Python `requests` (`401 Client Error: Unauthorized for url: https://…`); python-o365 leaves the number out.
  { pattern: /(?:(\d{3}) )?(?:Client|Server) Error: ([A-Za-z ]{1,40}) for url: (https:\/\/\S{1,2000})/, read: (m, d) => { setIfAbsent(d, 'status', statusOf(m[1] ?? m[2]?.replaceAll(' ', ''))); setIfAbsent(d, 'url', m[3]) } },
  // Python httpx: `Client error '403 Forbidden' for url 'https://…'`.
  { pattern: /(?:Client|Server) error '(\d{3})(?: [A-Za-z ]{1,40})?' for url '(https:\/\/[^'\s]{1,2000})'/, read: (m, d) => { setIfAbsent(d, 'status', statusOf(m[1])); setIfAbsent(d, 'url', m[2]) } },
  // python-o365: `… for url: https://… | Error Message: <Graph's message> | Error Code: …`
  { pattern: /\| Error Message: ([^|\r\n]{1,2000})/, read: (m, d) => setIfAbsent(d, 'message', m[1]?.trim()) },
  // PHP Guzzle: Client error: `GET https://…` resulted in a `400 Bad Request` response:
  { pattern: /(?:Client|Server) error: `([A-Z]{3,7}) (https:\/\/[^`\s]{1,2000})` resulted in a `(\d{3})(?: ([^`]{1,60}))?`/, read: (m, d) => { setIfAbsent(d, 'method', m[1]); setIfAbsent(d, 'url', m[2]); setIfAbsent(d, 'status', statusOf(m[3])); setIfAbsent(d, 'statusText', m[4]) } },
  { pattern: /-Method\s+["']?([A-Za-z]{3,7})\b/, read: (m, d) => { const method = m[1]?.toUpperCase(); if (method !== undefined && (d.method === undefined || d.method === 'GET')) d.method = method } },
  // A Graph error body cut off by the tool that printed it: its code and message as far as they go.
  { pattern: /\{\s*"error"\s*:\s*\{\s*"code"\s*:\s*"([A-Za-z][\w.]{0,80})"/, read: (m, d) => setIfAbsent(d, 'code', m[1]) },
  { pattern: /\{\s*"error"\s*:\s*\{\s*"code"\s*:\s*"[^"\r\n]{0,80}"\s*,\s*"message"\s*:\s*"((?:[^"\\\r\n]|\\.){1,2000})"/, read: (m, d) => setIfAbsent(d, 'message', jsonString(m[1])) },
  { pattern: /\berror:\s\{\s?code:\s'([A-Za-z][\w.]{0,80})',\s?message:\s'((?:[^'\\\r\n]|\\.){0,2000})'/, read: (m, d) => { setIfAbsent(d, 'code', m[1]); setIfAbsent(d, 'message', m[2]) } },
  { pattern: /\bdate:\s'(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/, read: (m, d) => setIfAbsent(d, 'date', m[1]) },
  // Kiota's ApiException when the SDK has no error type for the status: `… no error factory is registered for this code: 403`.
  { pattern: /\bno error factory is registered for this code: (\d{3})\b/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  { pattern: /\bRequest failed with status code (\d{3})\b/, read: (m, d) => setIfAbsent(d, 'status', statusOf(m[1])) },
  { pattern: /\bcode=['"]([A-Za-z][\w.]{0,80})['"]/, read: (m, d) => setIfAbsent(d, 'code', m[1]) },
  { pattern: /\bmessage=(?:'([^'\r\n]{0,2000})'|"([^"\r\n]{0,2000})")/, read: (m, d) => setIfAbsent(d, 'message', m[1] ?? m[2]) },
  { pattern: /(?:client-request-id|clientRequestId|client_request_id|ClientRequestId)['"]?\s*[:=]\s*['"]?([0-9a-fA-F-]{36})/, read: (m, d) => setIfAbsent(d, 'clientRequestId', m[1]) },
  { pattern: /(?<![\w-])(?:request-id|requestId|request_id|RequestId)['"]?\s*[:=]\s*['"]?([0-9a-fA-F-]{36})/, read: (m, d) => setIfAbsent(d, 'requestId', m[1]) },
]

/** Commands whose options name the call: `az rest --method get --url https://…`, `Invoke-PnPGraphMethod -Url "v1.0/groups/…" -Method Get`. */
const COMMANDS: ReadonlyArray<{ readonly start: RegExp; readonly url: readonly string[]; readonly method: readonly string[] }> = [
  { start: /\baz rest\s/, url: ['--url', '--uri', '-u'], method: ['--method', '-m'] },
  { start: /\bInvoke-PnPGraphMethod\s/i, url: ['-url'], method: ['-method'] },
]

/** The command pasted above its output names the call (`az rest` prints no URL without --debug); its options read as tokens. */
function readCommandLine(line: string, draft: Draft): void {
  for (const command of COMMANDS) {
    const at = line.search(command.start)
    if (at < 0) continue
    const tokens = line.slice(at).split(/\s+/, 200).map((token) => token.replace(/^["']|["']$/g, ''))
    const valueOf = (names: readonly string[]): string | undefined => {
      const index = tokens.findIndex((token) => names.includes(token.toLowerCase()))
      return index < 0 ? undefined : tokens[index + 1]
    }
    setIfAbsent(draft, 'url', graphUrl(valueOf(command.url)))
    setIfAbsent(draft, 'method', valueOf(command.method)?.toUpperCase())
  }
}

/** A Graph URL as a tool takes it: whole, or relative to the Graph host (`v1.0/groups/…`, `/beta/me`, `groups/…` in v1.0). */
function graphUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (/^https:\/\//i.test(value)) return value
  const path = value.replace(/^\/+/, '')
  return /^(?:v1\.0|beta)\//.test(path) ? `https://graph.microsoft.com/${path}` : `https://graph.microsoft.com/v1.0/${path}`
}

/** axios's own message, which says nothing Graph said. */
const AXIOS_OWN = /^Request failed with status code \d{3}/

const HEADERS_START = /^\s*Headers\s*:\s*$/
const HEADER_ROW = /^\s*([A-Za-z][\w-]{0,60})\s+:\s(.*)$/

/**
 * Read the Graph error fields of a pasted text.
 *
 * @example
 * readGraphErrorFields('Get-MgUser_List: Insufficient privileges…\nStatus: 403 (Forbidden)\nErrorCode: Authorization_RequestDenied').status // 403
 */
export function readGraphErrorFields(text: string): GraphErrorFields {
  const draft: Draft = { headers: [] }
  const lines = splitLines(text).slice(0, MAX_LINES).map((line) => line.slice(0, MAX_LINE))
  let inHeaders = false
  for (const line of lines) {
    if (inHeaders) {
      if (line.trim() === '') inHeaders = draft.headers.length === 0
      const row = HEADER_ROW.exec(line)
      if (row?.[1] !== undefined) draft.headers.push([row[1], (row[2] ?? '').trim()])
      continue
    }
    if (HEADERS_START.test(line)) {
      inHeaders = true
      continue
    }
    readTypeLine(line, draft)
    readCommandLine(line, draft)
    for (const { pattern, read } of [...LINE_PATTERNS, ...INLINE_PATTERNS]) {
      const match = pattern.exec(line)
      if (match !== null) read(match, draft)
    }
  }
  // A well-known Graph message after another tool's words (`panic: …`, a log line, PnP's `Forbidden (403): …`).
  setIfAbsent(draft, 'message', lines.map(knownMessageIn).find((known) => known !== undefined)?.message)
  const embedded = findErrorObject(text)
  return embedded === undefined ? draft : { ...draft, embedded }
}

function readTypeLine(line: string, draft: Draft): void {
  if (draft.typeName !== undefined) return
  const match = TYPE_LINE.exec(line)
  const type = match?.[1]
  if (type === undefined || !(SDK_TYPE.test(type) || isCmdletName(type))) return
  draft.typeName = type
  const message = unquote(match?.[2])
  const code = /^(?:Error code|Code):\s*([A-Za-z][\w.]{0,80})$/.exec(message ?? '')?.[1]
  if (code !== undefined) draft.code = code
  // .NET's stand-in when the exception has no message of its own says nothing about the error.
  else if (message !== undefined && message !== 'APIError' && !/^Exception of type '[\w.]{1,200}' was thrown/.test(message)) draft.message = message
}

/** The value of a JSON string's inside (escapes undone), or the raw text when it does not parse. */
function jsonString(inside: string | undefined): string | undefined {
  if (inside === undefined) return undefined
  try {
    return JSON.parse(`"${inside}"`) as string
  } catch {
    return inside
  }
}

/** A value without surrounding quotes and a trailing comma; undefined when empty or `None`/`null`. */
function unquote(value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim().replace(/,$/, '').trim()
  const inner = /^(['"])(.*)\1$/.exec(trimmed)?.[2] ?? trimmed
  return inner === '' || inner === 'None' || inner === 'null' ? undefined : inner
}

