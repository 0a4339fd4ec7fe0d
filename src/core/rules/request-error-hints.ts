/**
 * 400s that people take for authorization errors, each with its real cause and exact fix: the
 * advanced-query header, a segment that does not exist in this API version, a synchronized object
 * changed in the cloud, a write without its content type. Read from Graph's own messages (the
 * directory's messages as quoted on learn.microsoft.com "Advanced query capabilities on Microsoft
 * Entra ID objects"; Q&A threads for the others).
 */
import type { AnalysisContext } from '../context.js'
import { getHeader } from '../exchange.js'
import { graphMessage } from './facts.js'
import { teamCreateHint } from './team-create-hint.js'

interface RequestErrorHint {
  readonly matches: (message: string, code: string, url: string, ctx: AnalysisContext) => boolean
  /** Completes "… failed with 400 <code>: …". */
  readonly cause: string
  readonly fix: (message: string) => string[]
}

const ADVANCED_QUERY = /ConsistencyLevel|\$count with a value of true|Request with \$search query parameter only works/i
const SEGMENT = /Resource not found for the segment '([^'\r\n]{1,200})'/i
const SYNCED = /on-premises mastered Directory Sync objects|Unable to update the specified properties for (?:on-premises|objects that have originated within an external service)/i
const CONTENT_TYPE = /must contain the Content-Type header/i
const SUBSCRIPTION_VALIDATION = /Subscription validation request failed|validation request failed\. (?:Notification endpoint|Response)/i

const HINTS: readonly RequestErrorHint[] = [
  {
    // Graph often says only "Unsupported Query." (microsoft-graph-docs#11575): the query itself shows it is an advanced one.
    matches: (message, code, url, ctx) => ADVANCED_QUERY.test(message) || (code === 'Request_UnsupportedQuery' && isAdvancedQuery(url) && !asksEventual(ctx, url)),
    cause: 'an advanced directory query ($search, $count, $filter with endsWith, ne or not, or $orderby with $filter) that Graph runs only when asked for eventual consistency',
    fix: () => [
      'Send the request header `ConsistencyLevel: eventual` and add `$count=true` to the query (both are needed for $filter with endsWith, ne or not; $search needs the header). SDKs: set the header in the request configuration (.NET `requestConfiguration.Headers.Add("ConsistencyLevel", "eventual")`); Graph PowerShell: `-ConsistencyLevel eventual -CountVariable count`.',
    ],
  },
  {
    matches: (_message, code, url, ctx) => code === 'Request_UnsupportedQuery' && isAdvancedQuery(url) && asksEventual(ctx, url),
    cause: 'the query already asks for eventual consistency (ConsistencyLevel: eventual and $count=true), so this property does not support that operator or sort even as an advanced query',
    fix: () => [
      'Check the property in the resource\'s reference page ("Supports $filter (eq, ne, not, ge, le, in, startsWith, endsWith …)") and in "Advanced query capabilities on Microsoft Entra ID objects"; use an operator the property supports (for example startsWith instead of endsWith), or filter the results in the client.',
    ],
  },
  {
    matches: (message) => SEGMENT.test(message),
    cause: 'the URL names a segment this API version does not have (a misspelt name, or a resource that exists only in beta)',
    fix: (message) => [
      `Check the segment ${SEGMENT.exec(message)?.[1] ?? ''} against the API reference: many resources exist only in beta (https://graph.microsoft.com/beta/…) or under another parent; casts need their full name (microsoft.graph.user). No permission change fixes this.`,
    ],
  },
  {
    matches: (message) => SYNCED.test(message),
    cause: 'the object is synchronized from on-premises Active Directory (onPremisesSyncEnabled is true), so the cloud cannot change its synchronized properties whatever the permission or role',
    fix: () => [
      'Change the property in on-premises Active Directory and let Microsoft Entra Connect (or Cloud Sync) carry it over at the next sync cycle; check which objects are synchronized with GET /users/{id}?$select=onPremisesSyncEnabled.',
    ],
  },
  {
    matches: (message) => SUBSCRIPTION_VALIDATION.test(message),
    cause: 'Graph could not validate the subscription\'s notification URL: it POSTs a validationToken to that URL first and needs it echoed back',
    fix: () => ['Make the notification endpoint answer the validation POST within 10 seconds with 200 OK, Content-Type text/plain and the URL-decoded validationToken query value as the body; it must be reachable from the internet over HTTPS (no authentication in front of it).'],
  },
  {
    matches: (message) => CONTENT_TYPE.test(message),
    cause: 'a POST, PATCH or PUT went without its body\'s content type',
    fix: () => ['Send `Content-Type: application/json` with the JSON body.'],
  },
]

/** The known cause and fix of a 400 from Graph's own message, or undefined. */
export function requestErrorHint(ctx: AnalysisContext): { readonly cause: string; readonly fix: string[] } | undefined {
  const team = teamCreateHint(ctx)
  if (team !== undefined) return team
  const message = graphMessage(ctx)
  const code = ctx.graphError?.code ?? ''
  const hint = HINTS.find((candidate) => candidate.matches(message, code, ctx.url ?? '', ctx))
  return hint === undefined ? undefined : { cause: hint.cause, fix: hint.fix(message) }
}

/** The decoded, lower-cased query of a URL ('' without one). */
function queryOf(url: string): string {
  const start = url.indexOf('?')
  if (start < 0) return ''
  const raw = url.slice(start).toLowerCase()
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '))
  } catch {
    return raw
  }
}

/** $search, or a $filter with endsWith, ne or not, or with $orderby: what only the advanced query engine runs. */
function isAdvancedQuery(url: string): boolean {
  const query = queryOf(url)
  if (/[?&]\$search=/.test(query)) return true
  const filter = /[?&]\$filter=([^&]*)/.exec(query)?.[1]
  if (filter === undefined) return false
  return /endswith\(|\bne\b|\bnot\b/.test(filter) || /[?&]\$orderby=/.test(query)
}

/** The request sent ConsistencyLevel: eventual and $count=true. */
function asksEventual(ctx: AnalysisContext, url: string): boolean {
  const header = ctx.exchange.request === undefined ? undefined : getHeader(ctx.exchange.request.headers, 'consistencylevel')
  return header?.trim().toLowerCase() === 'eventual' && /[?&]\$count=true\b/.test(queryOf(url))
}
