import type { Exchange } from '../exchange.js'
import { extractAadstsCodes } from '../aadsts.js'
import { isJsonObject } from '../response/json.js'
import { ownEntry } from '../token/lookup.js'

type JsonObject = Record<string, unknown>

/** Status a bare Graph error code comes with; an unknown code gets 0 ("not known"). */
const STATUS_OF_GRAPH_CODE: Readonly<Record<string, number>> = {
  invalidauthenticationtoken: 401,
  unauthenticated: 401,
  authorization_identitynotfound: 401,
  authommissingrequiredpermissions: 401,
  authorization_requestdenied: 403,
  accessdenied: 403,
  erroraccessdenied: 403,
  forbidden: 403,
  errorinsufficientpermissionsinaccesstoken: 403,
  directory_read_unauthorized: 403,
  badrequest: 400,
  invalidrequest: 400,
  itemnotfound: 404,
  request_resourcenotfound: 404,
  resourcenotfound: 404,
  erroritemnotfound: 404,
  mailboxnotenabledforrestapi: 404,
  toomanyrequests: 429,
  activitylimitreached: 429,
  serviceunavailable: 503,
  servicenotavailable: 503,
}

/** A token-endpoint error body pasted on its own: no request, `400` as the endpoint sends it. */
export function tokenErrorExchange(text: string, name: string): Exchange {
  return { source: name, format: 'token-error', response: { status: 400, headers: [], body: text.trim() } }
}

/**
 * A bare Graph error body: no request. The status is inferred from well-known codes
 * (`InvalidAuthenticationToken` → 401, `Authorization_RequestDenied` → 403 …), else 0 (unknown).
 */
export function graphErrorExchange(text: string, json: JsonObject, name: string): Exchange {
  // The JavaScript SDK's GraphError serialized (JSON.stringify(error)) carries the status beside the code.
  const status = numberFieldAnyCase(json, ['statusCode']) ?? graphErrorStatus(json)
  return { source: name, format: 'graph-error', response: { status, headers: [], body: text.trim() } }
}

export function graphErrorStatus(json: unknown): number {
  const error = isJsonObject(json) ? (isJsonObject(json['error']) ? json['error'] : json) : undefined
  const code = isJsonObject(error) ? error['code'] : undefined
  return typeof code === 'string' ? (ownEntry(STATUS_OF_GRAPH_CODE, code.toLowerCase()) ?? 0) : 0
}

/**
 * A Logic Apps or Power Automate HTTP action's run record: its outputs `{statusCode, headers, body}`
 * alone, or `{inputs: {method, uri, headers}, outputs: {…}}` as the run history shows both. The token
 * is not in it (the action's authentication adds it), so the request's headers count as omitted unless
 * they hold an Authorization header.
 */
export function actionRunExchange(json: JsonObject, name: string): Exchange | undefined {
  const outputs = isActionOutputs(json) ? json : isJsonObject(json['outputs']) && isActionOutputs(json['outputs']) ? json['outputs'] : undefined
  if (outputs === undefined) return undefined
  const body = typeof outputs['body'] === 'string' ? outputs['body'] : JSON.stringify(outputs['body'])
  const response = { status: outputs['statusCode'] as number, headers: headerList(outputs['headers']), body }
  const inputs = json['inputs']
  if (!isJsonObject(inputs) || typeof inputs['uri'] !== 'string') return { source: name, format: 'graph-error', via: 'logic-apps', response }
  const headers = headerList(inputs['headers'])
  const hasAuthorization = headers.some(([key]) => key.toLowerCase() === 'authorization')
  const method = typeof inputs['method'] === 'string' ? inputs['method'].toUpperCase() : 'GET'
  return { source: name, format: 'graph-error', via: 'logic-apps', response, request: { method, url: inputs['uri'], headers, ...(hasAuthorization ? {} : { headersOmitted: true as const }) } }
}

/** `{statusCode: 403, body: {error: {…}}}` (the body may be the error's JSON text). */
export function isActionOutputs(json: JsonObject): boolean {
  const status = json['statusCode']
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return false
  const body = json['body']
  return isJsonObject(body) ? 'error' in body : typeof body === 'string' && /^\s*\{\s*"error"\s*:/.test(body)
}

function headerList(value: unknown): Array<[string, string]> {
  if (!isJsonObject(value)) return []
  return Object.entries(value).flatMap(([key, item]) => (typeof item === 'string' ? [[key, item] as [string, string]] : []))
}

/**
 * An MSAL error serialized as JSON (MSAL.js/Node `errorCode`, `errorMessage`, `subError`, `claims`,
 * `correlationId`; MSAL.NET `ErrorCode`, `Message`, `Classification`, `StatusCode`), converted into
 * the token-endpoint error JSON in `response.body`.
 */
export function msalErrorExchange(json: JsonObject, name: string): Exchange {
  const field = (...keys: string[]): string | undefined => stringFieldAnyCase(json, keys)
  const message = field('errorMessage', 'error_description', 'message')
  // '' when the error names no OAuth error: shown nowhere, never made up.
  const body: Record<string, unknown> = { error: field('errorCode', 'error') ?? '' }
  if (message !== undefined) body['error_description'] = message
  const codes = message === undefined ? [] : extractAadstsCodes(message)
  if (codes.length > 0) body['error_codes'] = codes
  const suberror = field('subError', 'suberror') ?? classificationSuberror(field('classification'))
  if (suberror !== undefined) body['suberror'] = suberror
  const copies = [['claims', ['claims']], ['correlation_id', ['correlationId', 'correlation_id']], ['trace_id', ['traceId', 'trace_id']], ['timestamp', ['timestamp']]] as const
  for (const [key, aliases] of copies) {
    const value = field(...aliases)
    if (value !== undefined) body[key] = value
  }
  const status = numberFieldAnyCase(json, ['statusCode', 'status', 'httpStatusCode']) ?? 400
  return { source: name, format: 'msal-error', response: { status, headers: [], body: JSON.stringify(body) } }
}

/** MSAL.NET `UiRequiredExceptionClassification` (`BasicAction`) as the wire suberror (`basic_action`). */
export function classificationSuberror(classification: string | undefined): string | undefined {
  if (classification === undefined || /^none$/i.test(classification)) return undefined
  return classification.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()
}

function stringFieldAnyCase(json: JsonObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const match = Object.keys(json).find((candidate) => candidate.toLowerCase() === key.toLowerCase())
    const value = match === undefined ? undefined : json[match]
    if (typeof value === 'string' && value.trim() !== '') return value
  }
  return undefined
}

function numberFieldAnyCase(json: JsonObject, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const match = Object.keys(json).find((candidate) => candidate.toLowerCase() === key.toLowerCase())
    const value = match === undefined ? undefined : json[match]
    if (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599) return value
  }
  return undefined
}
