import { lookupAadsts } from './aadsts.js'
import type { Exchange } from './exchange.js'
import { getHeader, getHeaders } from './exchange.js'
import { buildPermissionContext } from './context-permissions.js'
import type { PermissionContext } from './context-permissions.js'
import { exchangeTime } from './context-time.js'
import type { TimeSource } from './context-time.js'
import type { PermissionCatalogue } from './permissions/types.js'
import {
  findClaimsChallenge,
  parseGraphError,
  parseJsonBody,
  parseRequiredPermissionsMessage,
  parseTokenEndpointError,
  parseWwwAuthenticate,
} from './response/index.js'
import type { AuthChallenge, GraphErrorBody, RequiredPermissionsMessage, TokenEndpointError } from './response/types.js'
import type { Cloud, Target } from './target.js'
import { classifyUrl } from './target-classify.js'
import { analysePrincipal, analyseToken, judgeTokenTime, parseAuthorizationHeader } from './token/index.js'
import type { PrincipalClaims } from './token/principal.js'
import type { TokenAnalysis, TokenTimeJudgement } from './token/types.js'

export type { PermissionContext } from './context-permissions.js'
export type { TimeSource } from './context-time.js'

/** The parsed Authorization header (helper B's union: absent, empty or present). */
export type AuthorizationState = ReturnType<typeof parseAuthorizationHeader>
export type ClaimsChallengeMatch = NonNullable<ReturnType<typeof findClaimsChallenge>>
export type AadstsEntry = NonNullable<ReturnType<typeof lookupAadsts>>

/** Which kind of traffic an exchange is, as far as the rules care. */
export type TrafficArea = 'graph' | 'token-endpoint' | 'sharepoint' | 'outlook' | 'other'

/**
 * Everything the rules read about one exchange, computed once. Rules never parse raw input
 * themselves, so every rule sees the same facts.
 */
export interface AnalysisContext {
  readonly exchange: Exchange
  /** Upper-case method, or null without a request. */
  readonly method: string | null
  readonly url: string | null
  readonly status: number | null
  /** When token lifetimes are judged: see {@link exchangeTime}. */
  readonly at: Date
  readonly atSource: TimeSource
  readonly target?: Target
  readonly area: TrafficArea
  /** Cloud of the request (global when unknown). */
  readonly cloud: Cloud
  readonly auth: AuthorizationState
  readonly token?: TokenAnalysis
  readonly tokenTime?: TokenTimeJudgement
  readonly graphError?: GraphErrorBody
  readonly challenges: readonly AuthChallenge[]
  readonly claimsChallenge?: ClaimsChallengeMatch
  readonly tokenError?: TokenEndpointError
  /** AADSTS codes of the token-endpoint error that our table knows, in order. */
  readonly aadsts: readonly AadstsEntry[]
  readonly requiredPermissions?: RequiredPermissionsMessage
  /** The request body parsed as JSON, or undefined. */
  readonly requestJson: unknown
  readonly retryAfter?: string
  readonly permissions?: PermissionContext
}

export interface ContextOptions {
  readonly permissions?: PermissionCatalogue
  readonly now?: Date
  /** Decode and analyse a raw token; a long capture passes a memoised one (one analysis per distinct token). */
  readonly analyseToken?: (raw: string) => TokenAnalysis
  /** Analyse a principal's logged claims (an activity-log record); a memoised one may be passed. */
  readonly analysePrincipal?: (principal: PrincipalClaims) => TokenAnalysis
}

/** Build the analysis context of one exchange. Never throws on malformed input. */
export function buildContext(exchange: Exchange, options: ContextOptions = {}): AnalysisContext {
  const { request, response } = exchange
  const target = request === undefined ? undefined : classifyUrl(request.url)
  const tokenError = parseTokenEndpointError(response?.body)
  const challenges = parseWwwAuthenticate(response === undefined ? [] : getHeaders(response.headers, 'www-authenticate'))
  const claimsChallenge = findClaimsChallenge(challenges)
  const area = areaOf(exchange, target, tokenError, claimsChallenge !== undefined)
  const auth = parseAuthorizationHeader(request === undefined ? undefined : getHeader(request.headers, 'authorization'))
  const graphError = area === 'token-endpoint' ? undefined : errorOfResponse(response)
  const { at, source: atSource } = exchangeTime(exchange, options.now, graphError?.date)
  const token = tokenOf(exchange, area, auth, options)
  const base = {
    exchange,
    method: request === undefined ? null : request.method.toUpperCase(),
    url: request === undefined ? null : request.url,
    status: response === undefined ? null : response.status,
    at,
    atSource,
    area,
    cloud: target?.cloud ?? 'global',
    auth,
    challenges,
    aadsts: area === 'token-endpoint' && tokenError !== undefined ? knownCodes(tokenError.codes) : [],
    requestJson: parseJsonBody(request?.body),
  }
  return withOptional(base, {
    target,
    token,
    tokenTime: token === undefined ? undefined : judgeTokenTime(token, at),
    graphError,
    claimsChallenge,
    tokenError: area === 'token-endpoint' ? tokenError : undefined,
    requiredPermissions: graphError === undefined ? undefined : parseRequiredPermissionsMessage(graphError.message),
    retryAfter: response === undefined ? undefined : getHeader(response.headers, 'retry-after'),
    permissions: buildPermissionContext(options.permissions, { area, exchange, token }),
  })
}

/** The bearer token's analysis, or the analysis of the claims a log recorded in its place. */
function tokenOf(exchange: Exchange, area: TrafficArea, auth: AuthorizationState, options: ContextOptions): TokenAnalysis | undefined {
  if (area === 'token-endpoint') return undefined
  if (exchange.principal !== undefined) return (options.analysePrincipal ?? analysePrincipal)(exchange.principal)
  return auth.state === 'present' ? (options.analyseToken ?? analyseToken)(auth.token) : undefined
}

/** Formats that carry a Graph response without its request (a pasted body or SDK error). */
const REQUESTLESS_GRAPH_FORMATS: ReadonlySet<string> = new Set(['graph-error', 'powershell-error', 'sdk-error'])

/**
 * Without a request, a pasted Graph error is Graph's answer; so is a response alone (curl -i, a
 * browser's or Postman's response pane) whose body is an OData error or whose WWW-Authenticate is a
 * claims challenge, which only a resource API sends, never a token endpoint.
 */
function areaOf(exchange: Exchange, target: Target | undefined, tokenError: TokenEndpointError | undefined, claimsChallenged: boolean): TrafficArea {
  if (target === undefined) {
    if (tokenError !== undefined) return 'token-endpoint'
    if (REQUESTLESS_GRAPH_FORMATS.has(exchange.format)) return 'graph'
    return exchange.request === undefined && (claimsChallenged || hasODataError(exchange.response)) ? 'graph' : 'other'
  }
  switch (target.kind) {
    case 'graph':
    case 'sharepoint':
    case 'outlook':
      return target.kind
    case 'token-endpoint':
    case 'authorize-endpoint':
      return 'token-endpoint'
    case 'other':
      return exchange.format === 'token-error' || exchange.format === 'msal-error' || exchange.format === 'msal-text' ? 'token-endpoint' : 'other'
  }
}

function hasODataError(response: Exchange['response']): boolean {
  if (response === undefined || response.status < 400) return false
  const found = parseGraphError(response.body)
  return found !== undefined && found.form === undefined && found.code !== ''
}

/** A page or text body is an error only on a failed response (a 200 may well be HTML or text). */
function errorOfResponse(response: Exchange['response']): GraphErrorBody | undefined {
  const found = parseGraphError(response?.body)
  if (found?.form !== 'html' && found?.form !== 'text') return found
  return response !== undefined && response.status >= 400 ? found : undefined
}

function knownCodes(codes: readonly number[]): AadstsEntry[] {
  const entries: AadstsEntry[] = []
  for (const code of codes) {
    const entry = lookupAadsts(code)
    if (entry !== undefined) entries.push(entry)
  }
  return entries
}

/** Add the defined optional fields only (exactOptionalPropertyTypes: never assign undefined). */
function withOptional<T extends object>(base: T, optional: Record<string, unknown>): T & Partial<AnalysisContext> {
  const result = base as Record<string, unknown>
  for (const key in optional) {
    const value = optional[key]
    if (value !== undefined) result[key] = value
  }
  return result as T & Partial<AnalysisContext>
}
