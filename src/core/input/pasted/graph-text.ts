/**
 * A Graph error pasted from PowerShell or an SDK, as an exchange: the embedded error body when the
 * text has one, else a Graph error body built from the code and message it shows. The request is
 * there only when the text names the URL (Java v5, PowerShell -Debug, Python `requests`).
 */
import { getHeader, type Exchange, type HttpRequest, type HttpResponse, type InputFormat } from '../../exchange.js'
import { isJsonObject } from '../../response/json.js'
import { graphErrorStatus } from '../json-errors.js'
import { formatError } from '../text.js'
import { clientSideError } from '../unsupported.js'
import type { Header } from '../http-lines.js'
import { actionCall, cmdletLabel, findGraphCmdlet, type GraphCmdlet } from '../../powershell/cmdlet.js'
import { readGraphErrorFields, type GraphErrorFields } from './graph-fields.js'
import { knownMessage } from './known-messages.js'
import { goBuilderCmdlet, requestBuilderCall } from './request-builder.js'
import { codeCall } from './code-call.js'
import { dotnetV4Call } from './dotnet-v4.js'
import { unseenCallStep } from './unseen-call.js'
import { pnpCmdletCall } from '../../powershell/pnp-cmdlets.js'

/** The pasted Graph error formats. */
export type GraphTextFormat = Extract<InputFormat, 'powershell-error' | 'sdk-error'>

/** `az rest` output: `ERROR: Forbidden({"error":…})`, `Bad Request({…})`, or its `--debug` log lines. */
const AZURE_CLI = /^(?:ERROR: )?[A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]{1,20})?\(\{\s*"error"|\bcli\.azure\.cli\.core\.|\bAZURECLI\//m

/** Graph Explorer's response pane, copied with its status line: `Forbidden - 403 - 254ms. …`. */
const GRAPH_EXPLORER = /^[A-Z][A-Za-z ]{1,30} - \d{3} - \d{1,7} ?ms\b/m

/** Graph PowerShell before Connect-MgGraph: a client-side refusal, no call was made. */
const NOT_CONNECTED = /^Authentication needed\. Please call Connect-MgGraph/i

const WHAT: Readonly<Record<GraphTextFormat, string>> = {
  'powershell-error': 'a Microsoft Graph PowerShell error',
  'sdk-error': 'a Microsoft Graph SDK error',
}

/**
 * @throws GraphDoctorError `ERR_INPUT_FORMAT` when the text shows neither an error code nor a message.
 */
export function graphTextExchange(text: string, name: string, format: GraphTextFormat): Exchange {
  const fields = readGraphErrorFields(text)
  if (NOT_CONNECTED.test(fields.message ?? '')) throw formatError(name, undefined, 'Microsoft Graph PowerShell has no session, so nothing was sent to Graph: run Connect-MgGraph first (signed in as a user: Connect-MgGraph -Scopes <the permission the cmdlet needs>; app-only: -ClientId, -TenantId and -CertificateThumbprint), then the cmdlet again')
  const seenCall = fields.status !== undefined && fields.url !== undefined
  const clientSide = fields.embedded === undefined && fields.code === undefined && !seenCall ? clientSideError(text) : undefined
  if (clientSide !== undefined) throw formatError(name, undefined, clientSide)
  const embedded = fields.embedded?.json
  const tokenError = embedded !== undefined && typeof embedded['error'] === 'string'
  const shown = embedded !== undefined && (tokenError || isJsonObject(embedded['error'])) ? fields.embedded?.text : builtBody(fields)
  // An HTTP client's error line without the body (`requests`' raise_for_status, PowerShell 5.1's WebException): the status and the call.
  const body = shown ?? (seenCall && (fields.status ?? 0) >= 400 ? '' : undefined)
  if (body === undefined) throw formatError(name, undefined, `looks like ${WHAT[format]} but shows no error code or message${hintFor(text)}`)
  const known = fields.message === undefined ? undefined : knownMessage(fields.message)
  const bodyStatus = tokenError ? 400 : body === '' ? 0 : graphErrorStatus(JSON.parse(body) as unknown)
  const status = fields.status ?? (bodyStatus !== 0 ? bodyStatus : known?.status ?? 0)
  const response: HttpResponse = { status, headers: responseHeaders(fields), ...(body === '' ? {} : { body }), ...(fields.statusText === undefined ? {} : { statusText: fields.statusText }) }
  const exchange: Exchange = { source: name, format, response, ...viaOf(text.slice(0, 64_000)) }
  return withRequest(exchange, fields, text)
}

function viaOf(head: string): Pick<Exchange, 'via'> {
  if (AZURE_CLI.test(head)) return { via: 'azure-cli' }
  return GRAPH_EXPLORER.test(head) ? { via: 'graph-explorer' } : {}
}

/** The call as the text shows it, else as a cmdlet or a stack trace names it (marked as inferred). */
function withRequest(exchange: Exchange, fields: GraphErrorFields, text: string): Exchange {
  const { format } = exchange
  if (fields.url !== undefined && fields.authorization !== undefined) {
    return { ...exchange, request: { method: fields.method ?? 'GET', url: fields.url, headers: [['Authorization', fields.authorization]] } }
  }
  if (fields.url !== undefined) return { ...exchange, request: request(fields.method, fields.url) }
  // A call the text does not show but names (a cmdlet, a stack trace) is marked as inferred.
  const pnp = pnpCmdletCall(text)
  if (pnp !== undefined) return { ...exchange, request: { ...request(pnp.method, `https://graph.microsoft.com/v1.0${pnp.path}`), inferredFrom: pnp.name } }
  if (format === 'powershell-error') return withCmdlet(exchange, findGraphCmdlet(text))
  const builder = requestBuilderCall(text)
  if (builder !== undefined) return { ...exchange, request: { ...request(builder.method, builder.url), inferredFrom: `the ${builder.sdk} SDK stack trace` } }
  const code = codeCall(text)
  if (code !== undefined) return { ...exchange, request: { ...request(code.method, code.url), inferredFrom: code.from } }
  const go = goBuilderCmdlet(text)
  if (go !== undefined) return { ...exchange, cmdlet: go }
  const v4 = dotnetV4Call(text)
  if (v4?.kind === 'call') return { ...exchange, request: { ...request(v4.method, v4.url), inferredFrom: v4.label } }
  const unseenCall = unseenCallStep(text, v4?.said)
  return unseenCall === undefined ? exchange : { ...exchange, unseenCall }
}

/** An action cmdlet's call now; any other cmdlet's call is found in the catalogue when diagnosed (`withCmdletRequest`). */
function withCmdlet(exchange: Exchange, cmdlet: GraphCmdlet | undefined): Exchange {
  if (cmdlet === undefined) return exchange
  const action = actionCall(cmdlet)
  return action === undefined ? { ...exchange, cmdlet } : { ...exchange, request: { ...request(action.method, action.url), inferredFrom: cmdletLabel(cmdlet) } }
}

/** How to get the error out of a .NET SDK whose exception message is only its type name. */
function hintFor(text: string): string {
  if (!/\bODataError\b/.test(text)) return ''
  return ' (.NET: catch (ODataError e) and print e.ResponseStatusCode, e.Error?.Code and e.Error?.Message)'
}

function builtBody(fields: GraphErrorFields): string | undefined {
  if (fields.code === undefined && fields.message === undefined) return undefined
  const known = fields.message === undefined ? undefined : knownMessage(fields.message)
  const innerError: Record<string, string> = {}
  if (fields.date !== undefined) innerError['date'] = fields.date
  if (fields.requestId !== undefined) innerError['request-id'] = fields.requestId
  if (fields.clientRequestId !== undefined) innerError['client-request-id'] = fields.clientRequestId
  const error = { code: fields.code ?? known?.code ?? '', message: fields.message ?? '', innerError }
  return JSON.stringify({ error })
}

function responseHeaders(fields: GraphErrorFields): Header[] {
  const headers = [...fields.headers]
  const has = (name: string): boolean => getHeader(headers, name) !== undefined
  if (fields.requestId !== undefined && !has('request-id')) headers.push(['request-id', fields.requestId])
  if (fields.clientRequestId !== undefined && !has('client-request-id')) headers.push(['client-request-id', fields.clientRequestId])
  return headers
}

function request(method: string | undefined, url: string): HttpRequest {
  return { method: method ?? 'GET', url, headers: [], headersOmitted: true }
}
