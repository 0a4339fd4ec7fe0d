/**
 * A sign-in error pasted from MSAL (.NET `MsalServiceException` / `MsalUiRequiredException` text,
 * MSAL.js `InteractionRequiredAuthError: interaction_required: AADSTS50076: …`, MSAL Python's result
 * dict), the Azure CLI or Graph PowerShell's `Connect-MgGraph`: anything naming an AADSTS code. It
 * becomes a request-less token-endpoint error: the embedded token-endpoint JSON when the text has
 * it (MSAL.NET `ResponseBody: {…}`), else one built from the code, `error`, suberror, claims and ids.
 */
import { extractAadstsCodes } from '../../aadsts.js'
import type { Exchange } from '../../exchange.js'
import { classificationSuberror } from '../json-errors.js'
import { jsonErrorOffset } from '../json-locate.js'
import { splitLines } from '../text.js'
import { trimTrailingAny } from '../../trim.js'
import { findErrorObject } from './embedded.js'

const OAUTH_ERROR = /\b(invalid_grant|invalid_client|invalid_request|invalid_scope|invalid_resource|unauthorized_client|unsupported_grant_type|interaction_required|consent_required|login_required|temporarily_unavailable|access_denied|authorization_pending|expired_token|user_password_expired)\b/
const SUBERROR = /\b(?:suberror|subError|sub_error)['"]?[\s:=]{1,4}['"]?([a-z_]{3,40})\b/
const CLASSIFICATION = /\bClassification['"]?[\s:=]{1,4}['"]?([A-Za-z]{3,40})\b/
const CORRELATION = /\bcorrelation[ _]?id['"]?[\s:=]{0,4}['"]?([0-9a-fA-F]{8}-[0-9a-fA-F-]{27})/i
const TRACE = /\btrace[ _]?id['"]?[\s:=]{0,4}['"]?([0-9a-fA-F]{8}-[0-9a-fA-F-]{27})/i
const STATUS = /\b(?:HTTP StatusCode|StatusCode|statusCode|status)['"]?[\s:=]{1,4}(\d{3})\b/
const CLAIMS_START = /\bclaims['"]?[\s:=]{1,4}['"]?(?=\{)/i
const AADSTS_AT = /AADSTS[ :#-]?\d{4,9}/i

/** The exchange of a pasted sign-in error. */
export function msalTextExchange(pasted: string, name: string): Exchange {
  const redirect = redirectError(pasted)
  // An address-bar URL is read as its decoded error and description, so the codes and ids inside count.
  const text = redirect === undefined ? pasted : `${redirect.error}: ${redirect.description}`
  const embedded = findErrorObject(text)
  const status = statusOf(text)
  if (embedded !== undefined && typeof embedded.json['error'] === 'string') {
    return { source: name, format: 'msal-text', response: { status: status ?? 400, headers: [], body: embedded.text } }
  }
  // '' when the paste names no OAuth error (an AADSTS line alone): shown nowhere, never made up.
  const body: Record<string, unknown> = { error: OAUTH_ERROR.exec(text)?.[1] ?? '' }
  const description = descriptionLine(text) ?? redirect?.description.trim()
  if (description !== undefined) body['error_description'] = description
  const codes = extractAadstsCodes(text)
  if (codes.length > 0) body['error_codes'] = codes
  const suberror = SUBERROR.exec(text)?.[1] ?? classificationSuberror(CLASSIFICATION.exec(text)?.[1])
  if (suberror !== undefined) body['suberror'] = suberror
  const claims = claimsOf(text)
  if (claims !== undefined) body['claims'] = claims
  const correlation = CORRELATION.exec(text)?.[1]
  if (correlation !== undefined) body['correlation_id'] = correlation
  const trace = TRACE.exec(text)?.[1]
  if (trace !== undefined) body['trace_id'] = trace
  return { source: name, format: 'msal-text', response: { status: status ?? 400, headers: [], body: JSON.stringify(body) } }
}

/** The OAuth error of a redirect URL pasted from the address bar (`…/callback?error=…&error_description=…`, or after `#`). */
export function redirectError(text: string): { readonly error: string; readonly description: string } | undefined {
  const line = text.trim()
  if (!/^https?:\/\/\S{1,16000}$/.test(line) || !line.includes('error=')) return undefined
  for (const part of line.split(/[?#]/).slice(1)) {
    const params = new URLSearchParams(part)
    const error = params.get('error')
    const description = params.get('error_description')
    if (error !== null && /^[a-z_]{3,60}$/.test(error) && description !== null) return { error, description }
  }
  return undefined
}

/** True when the text names an AADSTS code (`AADSTS50076`, `AADSTS 50076`). */
export function hasAadstsCode(text: string): boolean {
  return AADSTS_AT.test(text)
}

/** The line of the first AADSTS code, from the code on, without quotes around it; at most 1,000 characters. */
function descriptionLine(text: string): string | undefined {
  const line = splitLines(text).find((candidate) => AADSTS_AT.test(candidate))
  if (line === undefined) return undefined
  const start = line.search(AADSTS_AT)
  return trimTrailingAny(line.slice(start, start + 1000), '\'",').trim()
}

function statusOf(text: string): number | undefined {
  const status = Number(STATUS.exec(text)?.[1])
  return Number.isInteger(status) && status >= 400 && status <= 599 ? status : undefined
}

/** The claims request after `Claims:` / `claims:`, as its JSON text; undefined when absent or not JSON. */
function claimsOf(text: string): string | undefined {
  const match = CLAIMS_START.exec(text)
  if (match === null) return undefined
  const rest = text.slice(match.index + match[0].length)
  const candidate = rest.slice(0, jsonErrorOffset(rest) ?? rest.length)
  try {
    JSON.parse(candidate)
    return candidate
  } catch {
    return undefined
  }
}
