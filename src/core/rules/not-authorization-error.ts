import type { AnalysisContext } from '../context.js'
import { evidence, makeFinding } from '../finding.js'
import type { Evidence, Finding } from '../types.js'
import { appOnlyRefused, errorBodyEvidence, graphMessage, requestSubject, statusEvidence } from './facts.js'
import { nonDenial403 } from './non-denial-403.js'
import { requestErrorHint } from './request-error-hints.js'
import type { Rule } from './rule.js'

const THROTTLING = { title: 'Microsoft Graph throttling guidance', url: 'https://learn.microsoft.com/graph/throttling' }
const ME_DELEGATED_ONLY = /\/me request is only valid with delegated authentication flow/i
const METERED = { title: 'Metered APIs and services in Microsoft Graph', url: 'https://learn.microsoft.com/graph/metered-api-list' }

/** The call failed for a reason that is not authorization: throttling, a server error, a plain 404 … */
export const notAuthorizationError: Rule = {
  id: 'not-authorization-error',
  check(ctx) {
    if (ctx.area !== 'graph' || ctx.status === null || ctx.status < 400 || ctx.status === 401) return []
    if (ctx.status === 403 && nonDenial403(ctx) === undefined) return []
    if (ME_DELEGATED_ONLY.test(graphMessage(ctx)) || (appOnlyRefused(ctx) && ctx.token?.kind !== 'delegated')) return []
    return [finding(ctx, ctx.status)]
  },
}

function finding(ctx: AnalysisContext, status: number): Finding {
  const items: Evidence[] = []
  const hint = status === 400 ? requestErrorHint(ctx) : status === 403 ? nonDenial403(ctx) : undefined
  if (ctx.retryAfter !== undefined) items.push(evidence('header', 'Retry-After', ctx.retryAfter, 'seconds to wait before retrying'))
  return makeFinding('not-authorization-error', {
    detail: `${requestSubject(ctx)} failed with ${status}${ctx.graphError === undefined ? '' : ` ${ctx.graphError.code}`}: ${hint === undefined ? meaningOf(status) : `${hint.cause}.`} The token and permissions are not the problem here.`,
    evidence: [...statusEvidence(ctx), ...items, ...errorBodyEvidence(ctx)],
    fix: hint?.fix ?? fixesFor(ctx, status),
    ...(status === 429 ? { links: [THROTTLING] } : status === 402 ? { links: [METERED] } : {}),
  })
}

function meaningOf(status: number): string {
  if (status === 429) return 'Graph throttled the client (too many requests).'
  if (status === 404) return 'the resource does not exist at this URL (or is not visible to the caller).'
  if (status === 400) return 'the request itself is malformed or not supported.'
  if (status === 409 || status === 412) return 'a conflict with the current state of the resource.'
  if (status === 405) return 'the method is not supported on this URL.'
  if (status === 402) return 'the API is metered, and the app has no Azure subscription linked for billing (or does not qualify for the licensing model it asked for).'
  if (status >= 500) return 'a service-side failure.'
  return 'the request failed for a reason other than authorization.'
}

function fixesFor(ctx: AnalysisContext, status: number): string[] {
  if (status === 429) {
    return [
      ctx.retryAfter === undefined
        ? 'Back off exponentially and retry; reduce the request rate (use $batch sparingly, $select fewer properties, delta queries instead of polling).'
        : `Wait the ${ctx.retryAfter} seconds given in Retry-After before retrying; the Graph SDKs' retry handler does this for you. Reduce the request rate (delta queries instead of polling, $select fewer properties).`,
    ]
  }
  if (status >= 500) {
    return [
      `Retry with exponential backoff${ctx.retryAfter === undefined ? '' : ` (honour Retry-After: ${ctx.retryAfter})`}; if it persists, report it to Microsoft with the request-id and date from the response.`,
    ]
  }
  if (status === 402) {
    return [
      `Link the app to an Azure subscription that pays for metered use: \`az graph-services account create --resource-group <group> --resource-name <name> --app-id ${ctx.token?.appId ?? '<app-id>'} --location Global\` (or New-AzGraphServicesAccount); then retry.`,
      'Teams APIs (getAllMessages, message change notifications, transcripts) are no longer metered since 25 August 2025 (Microsoft\'s metered API list), so they need no billing any more; if one still answers 402, read the licence or model its message names (model=A is only for security and compliance apps whose users hold the required E5-level licences).',
    ]
  }
  if (status === 404) return ['Check the id, the path and the API version (v1.0 or beta) in the URL; a resource created moments ago may not be replicated yet (retry after a short delay).']
  return ['Read the error code and message: fix the request (URL, query options, body) as the API reference describes.']
}
