import { aadstsErrorUrl, aadstsFindingFor, isAadstsPolicyBlock } from '../../aadsts.js'
import type { FindingId } from '../../catalogue.js'
import type { AnalysisContext } from '../../context.js'
import { evidence } from '../../finding.js'
import { clipRedacted } from '../../redact.js'
import type { Evidence, Link } from '../../types.js'
import { isGenericTenant } from '../fix-text.js'
import { retiredClientSteps } from './retired-clients.js'

/** The finding ids a token-endpoint error can lead to. */
export type TokenEndpointFindingId = 'interaction-required' | 'consent-missing' | 'token-personal-account' | 'token-request-failed'

const INTERACTION_SUBERRORS = new Set(['basic_action', 'additional_action', 'message_only', 'user_password_expired', 'ux_not_allowed'])

/**
 * Which finding a token-endpoint error is. The AADSTS code decides first, then `suberror`, and only
 * then `error`: the same code (50076) arrives as both `invalid_grant` and `interaction_required`.
 */
export function classifyTokenError(ctx: AnalysisContext): TokenEndpointFindingId | undefined {
  const error = ctx.tokenError
  if (ctx.area !== 'token-endpoint' || error === undefined) return undefined
  for (const code of error.codes) {
    const id = asTokenEndpointFinding(aadstsFindingFor(code))
    if (id !== 'token-request-failed' || isAadstsPolicyBlock(code)) return id
  }
  const suberror = error.suberror?.toLowerCase()
  if (suberror === 'consent_required') return 'consent-missing'
  if (suberror !== undefined && INTERACTION_SUBERRORS.has(suberror)) return 'interaction-required'
  const code = error.error.toLowerCase()
  if (code === 'consent_required') return 'consent-missing'
  if (code === 'interaction_required' || code === 'login_required') return 'interaction-required'
  return 'token-request-failed'
}

function asTokenEndpointFinding(id: FindingId): TokenEndpointFindingId {
  return id === 'interaction-required' || id === 'consent-missing' || id === 'token-personal-account' ? id : 'token-request-failed'
}

/** Our one-line fix of every AADSTS code of the error that the table knows. */
export function aadstsFixes(ctx: AnalysisContext): string[] {
  // A deleted app's own steps replace the codes' (consenting to it, or registering it in the tenant, cannot work).
  const retired = retiredClientSteps(ctx, requestClientId(ctx))
  return retired.length > 0 ? [...retired] : ctx.aadsts.map((entry) => `AADSTS${entry.code}: ${entry.fix}`)
}

/** The lookup page of every AADSTS code of the error, as links. */
export function aadstsLinks(ctx: AnalysisContext): Link[] {
  return (ctx.tokenError?.codes ?? []).map((code) => ({ title: `AADSTS${code} on the Microsoft error lookup page`, url: aadstsErrorUrl(code) }))
}

/** `error`, `error_codes`, `suberror` and the description of a token-endpoint error, as evidence. */
export function tokenErrorEvidence(ctx: AnalysisContext): Evidence[] {
  const error = ctx.tokenError
  if (error === undefined) return []
  const items = error.error === '' ? [] : [evidence('body', 'error', error.error)]
  if (error.codes.length > 0) items.push(evidence('body', 'error_codes', error.codes.map((code) => `AADSTS${code}`).join(', ')))
  if (error.suberror !== undefined) items.push(evidence('body', 'suberror', error.suberror, suberrorNote(error.suberror)))
  if (error.description !== undefined) items.push(evidence('body', 'error_description', firstLine(error.description)))
  if (error.correlationId !== undefined) items.push(evidence('body', 'correlation_id', error.correlationId, 'find the sign-in log entry with this id'))
  return items
}

/** What each AADSTS code we know means in our table, as evidence lines. */
export function aadstsEvidence(ctx: AnalysisContext): Evidence[] {
  return ctx.aadsts.map((entry) =>
    evidence('body', `AADSTS${entry.code}`, entry.name === undefined || entry.name === '' ? '(no symbolic name)' : entry.name, `category: ${entry.category}`),
  )
}

function suberrorNote(suberror: string): string | undefined {
  switch (suberror.toLowerCase()) {
    case 'basic_action': return 'the user can satisfy it in an interactive sign-in (e.g. MFA)'
    case 'additional_action': return 'needs remediation outside the sign-in flow (e.g. device enrolment or compliance)'
    case 'message_only': return 'cannot be fixed in the sign-in UI; it only shows an explanation'
    case 'consent_required': return 'consent is missing'
    case 'user_password_expired': return 'the user must change the password'
    default: return undefined
  }
}

function firstLine(text: string): string {
  return clipRedacted(text.split(/\r?\n/)[0] ?? '', 400)
}

/** The tenant of a token-endpoint request (not `common`, `organizations` or `consumers`). */
export function requestTenant(ctx: AnalysisContext): string | undefined {
  const tenant = ctx.target?.tenant
  if (tenant === undefined || isGenericTenant(tenant)) return undefined
  return tenant
}

/** The client id from the token request body or query, or from the error text ("application with ID '…'"). */
export function requestClientId(ctx: AnalysisContext): string | undefined {
  const fromText = /\b(?:app(?:lication)?|client)(?: with)?(?: id(?:entifier)?)?\s*'?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i
  const body = ctx.exchange.request?.body
  const fromBody = body === undefined ? null : new URLSearchParams(body).get('client_id')
  if (fromBody !== null && fromBody !== '') return fromBody
  const fromQuery = queryParam(ctx.url, 'client_id')
  if (fromQuery !== undefined) return fromQuery
  return fromText.exec(ctx.tokenError?.description ?? '')?.[1]
}

/** The grant type of a token request (`client_credentials`, `authorization_code`, …). */
export function requestGrantType(ctx: AnalysisContext): string | undefined {
  const body = ctx.exchange.request?.body
  if (body === undefined) return undefined
  return new URLSearchParams(body).get('grant_type') ?? undefined
}

function queryParam(url: string | null, name: string): string | undefined {
  if (url === null) return undefined
  try {
    return new URL(url).searchParams.get(name) ?? undefined
  } catch {
    return undefined
  }
}
