/**
 * `graph-doctor/msal`: explain MSAL errors (`@azure/msal-node`, `@azure/msal-browser`) and read
 * claims challenges for MSAL's `claims` parameter. Isomorphic; MSAL itself is not imported.
 *
 * @example
 * import { claimsFromChallenge, diagnoseMsalError } from 'graph-doctor/msal'
 * const claims = claimsFromChallenge(response) // '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}'
 * if (claims) token = await msal.acquireTokenByClientCredential({ scopes, claims })
 *
 * @module graph-doctor/msal
 */
export type { ClaimsRequest } from '../core/response/types.js'
import { diagnoseExchange } from '../core/diagnose.js'
import { getHeaders, type HeaderList } from '../core/exchange.js'
import { msalErrorExchange } from '../core/input/json-errors.js'
import type { PermissionCatalogue } from '../core/permissions/types.js'
import { findClaimsChallenge } from '../core/response/claims.js'
import { parseWwwAuthenticate } from '../core/response/www-authenticate.js'
import type { DiagnosisResult } from '../core/types.js'

/** The fields MSAL.js errors carry (`AuthError` and its subclasses: ServerError, InteractionRequiredAuthError, ClientAuthError…). */
interface MsalErrorLike {
  readonly errorCode?: unknown
  readonly errorMessage?: unknown
  readonly subError?: unknown
  readonly claims?: unknown
  readonly correlationId?: unknown
  readonly traceId?: unknown
  readonly timestamp?: unknown
  readonly status?: unknown
  readonly name?: unknown
  readonly message?: unknown
}

/**
 * Diagnose an MSAL error with the token-endpoint analysis: the same findings `graph-doctor diagnose`
 * gives for the token endpoint's error body (AADSTS code, consent, MFA/Conditional Access, bad
 * secret…). Undefined when `error` is not an MSAL error (no `errorCode`).
 */
export function diagnoseMsalError(error: unknown, options: { readonly permissions?: PermissionCatalogue } = {}): DiagnosisResult | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const fields = error as MsalErrorLike
  if (typeof fields.errorCode !== 'string' || fields.errorCode === '') return undefined
  const json: Record<string, unknown> = { errorCode: fields.errorCode }
  const message = typeof fields.errorMessage === 'string' && fields.errorMessage !== '' ? fields.errorMessage : fields.message
  if (typeof message === 'string') json['errorMessage'] = message
  for (const key of ['subError', 'claims', 'correlationId', 'traceId', 'timestamp'] as const) {
    const value = fields[key]
    if (typeof value === 'string' && value !== '') json[key] = value
  }
  if (typeof fields.status === 'number') json['status'] = fields.status
  const name = typeof fields.name === 'string' ? fields.name : 'MSAL error'
  return diagnoseExchange(msalErrorExchange(json, name), options)
}

function headerListOf(source: Response | Headers | HeaderList | Readonly<Record<string, string | readonly string[] | undefined>>): HeaderList {
  if (Array.isArray(source)) return source as HeaderList
  const headers = typeof Response !== 'undefined' && source instanceof Response ? source.headers : source
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    const values = headers.get('www-authenticate')
    return values === null ? [] : [['www-authenticate', values]]
  }
  const list: Array<[string, string]> = []
  for (const [name, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (value === undefined) continue
    for (const item of typeof value === 'string' ? [value] : value) list.push([name, item])
  }
  return list
}

/**
 * The claims request of a claims challenge (`WWW-Authenticate: Bearer … error="insufficient_claims",
 * claims="<base64>"`), decoded: the JSON text to pass as MSAL's `claims` parameter. Undefined when
 * the response carries no claims challenge. Accepts a fetch `Response`, `Headers`, a header record
 * (`error.responseHeaders` of Kiota, Node's `IncomingHttpHeaders`) or a header list.
 */
export function claimsFromChallenge(source: Response | Headers | HeaderList | Readonly<Record<string, string | readonly string[] | undefined>>): string | undefined {
  const values = getHeaders(headerListOf(source), 'www-authenticate')
  return findClaimsChallenge(parseWwwAuthenticate(values))?.claims?.json
}
