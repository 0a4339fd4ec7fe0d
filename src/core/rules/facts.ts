import { jsonText } from '../json-text.js'
import type { AnalysisContext } from '../context.js'
import { trimTrailing } from '../trim.js'
import { evidence } from '../finding.js'
import type { TokenAnalysis } from '../token/types.js'
import type { Evidence } from '../types.js'

/** Graph, SharePoint REST or Outlook REST: traffic that carries a bearer token to an API. */
export function isApiCall(ctx: AnalysisContext): boolean {
  return ctx.area === 'graph' || ctx.area === 'sharepoint' || ctx.area === 'outlook'
}

/** The call failed, or there is no response to say otherwise (a request given by flags). */
export function isFailed(ctx: AnalysisContext): boolean {
  return ctx.status === null || ctx.status >= 400
}

/** 401, 403, or no response. */
export function isDenied(ctx: AnalysisContext): boolean {
  return ctx.status === null || ctx.status === 401 || ctx.status === 403
}

/** The Graph error message, or an empty string. */
export function graphMessage(ctx: AnalysisContext): string {
  return ctx.graphError?.message ?? ''
}

/**
 * Graph refused the kind of token outright: "Requested API is not supported in application-only context"
 * (microsoft-graph-docs-contrib#2080), or a code such as AppOnlyTokenNotSupportedForGroupUpdate (#1802).
 */
export function appOnlyRefused(ctx: AnalysisContext): boolean {
  return /not supported in (?:application|app)-only context/i.test(graphMessage(ctx)) || graphCodes(ctx).some((code) => code.startsWith('apponlytokennotsupported'))
}

/** Graph error code and inner codes, lower-cased (codes differ in casing between workloads). */
export function graphCodes(ctx: AnalysisContext): string[] {
  if (ctx.graphError === undefined) return []
  return [ctx.graphError.code, ...ctx.graphError.innerCodes].map((code) => code.toLowerCase())
}

export function hasGraphCode(ctx: AnalysisContext, ...codes: string[]): boolean {
  const present = graphCodes(ctx)
  return codes.some((code) => present.includes(code.toLowerCase()))
}

/** The Graph path after the version, lower-cased, without a trailing slash. */
export function graphPath(ctx: AnalysisContext): string {
  const path = (ctx.target?.path ?? '').toLowerCase()
  return path.length > 1 ? trimTrailing(path, '/') : path
}

/** The request path exactly as sent (case and encoding kept, version included, no query): for evidence, where graphPath is for matching. */
export function sentPath(ctx: AnalysisContext): string {
  const url = ctx.url ?? ''
  try {
    return new URL(url).pathname
  } catch {
    return url.replace(/[?#].*$/s, '')
  }
}

export function isMePath(ctx: AnalysisContext): boolean {
  const path = graphPath(ctx)
  return path === '/me' || path.startsWith('/me/')
}

export function isSuccess(ctx: AnalysisContext): boolean {
  return ctx.status !== null && ctx.status >= 200 && ctx.status < 400
}

/** The request, when the input did not show it but named it (a PowerShell cmdlet, an SDK stack trace). */
export function inferredRequestEvidence(ctx: AnalysisContext): Evidence[] {
  const request = ctx.exchange.request
  if (request?.inferredFrom === undefined) return []
  return [evidence('input', 'request', `${request.method} ${request.url.replace(/^https:\/\/[^/]+/, '')}`, `not in the input: inferred from ${request.inferredFrom}`)]
}

/**
 * A 403 to a request captured without an Authorization header: Graph answers an anonymous call with
 * 401, so a token was sent and the capture lost it (a browser's sanitized HAR export removes the header).
 */
export function isHeaderStrippedFromCapture(ctx: AnalysisContext): boolean {
  const request = ctx.exchange.request
  return request !== undefined && request.headersOmitted !== true && ctx.auth.state === 'absent' && ctx.status === 403
}

export function strippedHeaderEvidence(ctx: AnalysisContext): Evidence[] {
  if (!isHeaderStrippedFromCapture(ctx)) return []
  return [evidence('header', 'Authorization', '(not in the capture)', 'Graph answers 403 only to a token it accepted; an anonymous call gets 401, so the header was removed from the capture (e.g. by a sanitized HAR export)')]
}

export function statusEvidence(ctx: AnalysisContext): Evidence[] {
  if (ctx.status === null) return []
  return [evidence('status', 'HTTP status', String(ctx.status))]
}

/** `error.code` and `error.message` of the Graph error body, when there is one. */
export function errorBodyEvidence(ctx: AnalysisContext): Evidence[] {
  const body = ctx.graphError
  if (body === undefined) return []
  if (body.form === 'html' || body.form === 'text') {
    return [evidence('body', body.form === 'html' ? 'HTML page' : 'text', body.message, 'not a Graph error body: a gateway, proxy or front door answered')]
  }
  const items = body.code === '' ? [] : [evidence('body', body.form === 'oauth' ? 'error' : 'error.code', body.code)]
  if (body.message !== '') items.push(evidence('body', body.form === 'oauth' ? 'error_description' : 'error.message', body.message))
  if (body.unwrapped !== undefined) items.push(evidence('body', 'wrapped in', body.unwrapped.outerCode === '' ? '(no code)' : body.unwrapped.outerCode, `read from inside ${body.unwrapped.via.includes('extension-error') ? 'an ExtensionError wrapper' : 'a JSON string in error.message'}`))
  if (body.requestId !== undefined) items.push(evidence('body', 'error.innerError.request-id', body.requestId, 'quote this to Microsoft support'))
  return items
}

/** One claim of the token as evidence, when present. */
export function claimEvidence(token: TokenAnalysis | undefined, claim: string, note?: string): Evidence[] {
  const value = token?.claims?.[claim]
  if (value === undefined) return []
  return [evidence('token', claim, typeof value === 'string' ? value : jsonText(value), note)]
}

/** The token's scp and roles as evidence (`(none)` when empty). */
export function grantedEvidence(token: TokenAnalysis): Evidence[] {
  if (token.kind === 'app-only') return [evidence('token', 'roles', listOrNone(token.roles))]
  if (token.kind === 'delegated') return [evidence('token', 'scp', listOrNone(token.scopes))]
  return [evidence('token', 'scp', listOrNone(token.scopes)), evidence('token', 'roles', listOrNone(token.roles))]
}

export function listOrNone(items: readonly string[]): string {
  return items.length === 0 ? '(none)' : items.join(' ')
}

/** The request method and URL, as one line (`GET https://…`); "the call" when the input shows no URL. */
export function requestLine(ctx: AnalysisContext): string {
  if (ctx.url === null) return 'the call (its method and URL are not in the input)'
  return `${ctx.method ?? 'GET'} ${ctx.url}`
}

/** {@link requestLine} at the start of a sentence. */
export function requestSubject(ctx: AnalysisContext): string {
  const line = requestLine(ctx)
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}`
}

/** Unix seconds as ISO time; a number beyond the range of a Date says so instead of throwing. */
export function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000)
  return Number.isFinite(date.getTime()) ? date.toISOString() : `${seconds} (not a valid time)`
}

const TIME_SOURCE_NOTES: Record<AnalysisContext['atSource'], string> = {
  option: 'the time given with --now',
  'date-header': 'from the response Date header',
  'error-date': 'from innerError.date of the Graph error body (server time of the failure, read as UTC)',
  'started-at': 'from the capture\'s start time',
  clock: 'the time of the analysis (no Date header, error date or capture time in the input)',
}

/** Where the exchange time of the context came from, as a note for evidence and details. */
export function timeSourceNote(ctx: AnalysisContext): string {
  return TIME_SOURCE_NOTES[ctx.atSource]
}
