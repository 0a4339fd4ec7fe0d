import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Evidence, Finding } from '../../types.js'
import { appOnlyRefused, errorBodyEvidence, graphMessage, graphPath, listOrNone, requestSubject, statusEvidence } from '../facts.js'
import type { Rule } from '../rule.js'
import { VARIANTS } from './resource-policy-variants.js'
import { dataKindOf } from './workload.js'
import type { PolicyVariant } from './resource-policy-variants.js'
import { nonDenial403 } from '../non-denial-403.js'

const PROTECTED_API = /requires Protected API access|Protected API access in application-only context/i
/** Teams' application access policy (online meetings): its own messages, or an app-only denial on a meeting path. */
const TEAMS_APP_POLICY = /No application access policy found|online meeting on behalf of this user/i
const MEETING_PATH = /^\/(?:users\/[^/]+\/|communications\/)onlinemeetings\b/
/** Entra ID's answer when external collaboration settings block an invitation. */
const INVITES_BLOCKED = /Guest invitations not allowed/i
const APP_POLICY = /AccessPolicy|\[RAOP\]|application access policy|RBAC for Applications/i
const ODATA_DISABLED = /Access to OData is disabled/i
const EXCHANGE_PATH = /^\/(?:users\/[^/]+|me)\/(?:messages|mailfolders|sendmail|events|calendars?|calendarview|calendargroups|contacts|contactfolders|mailboxsettings|inferenceclassification|outlook)/
const SHAREPOINT_PATH = /^\/(?:sites|drives|shares)\b|^\/(?:users\/[^/]+|groups\/[^/]+)\/drives?\b/
const GROUP_MEMBERSHIP = /^\/groups\/[^/]+\/(?:members|owners)(?:\/|$)/
const TEAMS_PATH = /^\/(?:teams|chats)\b|^\/(?:users\/[^/]+)\/chats\b/

/**
 * A control on the resource itself denied the call although the permission side is fine: Teams
 * protected APIs, a Teams application access policy (online meetings), an Exchange application access policy or RBAC for Applications, Exchange's REST
 * allow and block lists ("Access to OData is disabled"), Sites.Selected without a site grant, or Teams
 * resource-specific consent. Each variant has its own fix and links.
 */
export const resourcePolicy: Rule = {
  id: 'resource-policy',
  check(ctx) {
    if (ctx.area !== 'graph' || ctx.status !== 403 || ctx.requiredPermissions !== undefined || nonDenial403(ctx) !== undefined || appOnlyRefused(ctx)) return []
    const variant = variantOf(ctx)
    return variant === undefined ? [] : [finding(ctx, variant)]
  },
}

/** Listing or searching sites, which Sites.Selected never covers. */
const SITE_DISCOVERY = /^\/sites(?:\/(?:getallsites|delta))?$/

function variantOf(ctx: AnalysisContext): PolicyVariant | undefined {
  const message = graphMessage(ctx)
  if (PROTECTED_API.test(message)) return 'teams-protected-api'
  if (TEAMS_APP_POLICY.test(message)) return 'teams-app-access-policy'
  if (INVITES_BLOCKED.test(message)) return 'guest-invite-settings'
  if (APP_POLICY.test(message)) return 'exchange-app-policy'
  if (ODATA_DISABLED.test(message)) return 'exchange-rest-blocked'
  const token = ctx.token
  if (token?.kind !== 'app-only') return undefined
  const path = graphPath(ctx)
  const holdsSelected = token.roles.some((role) => role.toLowerCase() === 'sites.selected')
  if (SHAREPOINT_PATH.test(path) && holdsSelected) return SITE_DISCOVERY.test(path) ? 'sites-selected-discovery' : ctx.method === 'GET' ? 'sites-selected' : 'sites-selected-write'
  if (ctx.permissions?.check?.isAuthorized !== true) return undefined
  if (MEETING_PATH.test(path)) return 'teams-app-access-policy'
  if (EXCHANGE_PATH.test(path)) return 'exchange-app-policy'
  if (TEAMS_PATH.test(path)) return 'teams-rsc'
  if (GROUP_MEMBERSHIP.test(path) && ctx.method !== 'GET') return 'role-assignable-group'
  // Directory roles guard changes to (privileged) directory objects; a denied read is something else.
  if (dataKindOf(ctx) === 'directory' && ctx.method !== 'GET') return 'directory-role'
  return 'other'
}

function finding(ctx: AnalysisContext, variant: PolicyVariant): Finding {
  const text = VARIANTS[variant]
  const check = ctx.permissions?.check
  const items: Evidence[] = []
  if (ctx.token?.kind === 'app-only') items.push(evidence('token', 'roles', listOrNone(ctx.token.roles)))
  if (check?.isAuthorized === true) items.push(evidence('catalogue', 'accepted permission held', listOrNone(check.granted), 'the permission side is fine'))
  const held = check?.isAuthorized === true ? ` although the token holds ${check.granted.join(', ')}, which this call accepts` : ''
  return makeFinding('resource-policy', {
    detail: `${requestSubject(ctx)} was denied${held}: ${text.cause}.`,
    evidence: [...items, ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: text.fix(ctx.token?.appId ?? '<app-id>'),
    links: text.links,
  })
}
