import type { AnalysisContext } from '../context.js'
import { evidence, makeFinding } from '../finding.js'
import type { Evidence, Finding } from '../types.js'
import { errorBodyEvidence, graphMessage, graphPath, listOrNone, requestLine, statusEvidence } from './facts.js'
import type { Rule } from './rule.js'

type Workload = 'exchange' | 'sharepoint' | 'teams' | 'other'

const POLICY_MESSAGE = /AccessPolicy|\[RAOP\]|application access policy|RBAC for Applications/i
const EXCHANGE_PATH = /^\/(?:users\/[^/]+|me)\/(?:messages|mailfolders|sendmail|events|calendars?|calendarview|calendargroups|contacts|contactfolders|mailboxsettings|inferenceclassification|outlook)/
const SHAREPOINT_PATH = /^\/(?:sites|drives|shares)\b|^\/(?:users\/[^/]+|groups\/[^/]+)\/drives?\b/
const TEAMS_PATH = /^\/(?:teams|chats)\b|^\/(?:users\/[^/]+)\/chats\b/

/**
 * An app-only token holds an accepted permission and is still denied by a resource-level policy:
 * Exchange application access policy / RBAC for Applications, Sites.Selected without a site grant,
 * or Teams resource-specific consent.
 */
export const resourcePolicy: Rule = {
  id: 'resource-policy',
  check(ctx) {
    if (ctx.area !== 'graph' || ctx.status !== 403) return []
    if (POLICY_MESSAGE.test(graphMessage(ctx))) return [finding(ctx, 'exchange')]
    const token = ctx.token
    if (token?.kind !== 'app-only') return []
    const workload = workloadOf(ctx)
    if (workload === 'sharepoint' && token.roles.some((role) => role.toLowerCase() === 'sites.selected')) return [finding(ctx, workload)]
    if (ctx.permissions?.check?.isAuthorized === true) return [finding(ctx, workload)]
    return []
  },
}

function workloadOf(ctx: AnalysisContext): Workload {
  const path = graphPath(ctx)
  if (EXCHANGE_PATH.test(path)) return 'exchange'
  if (SHAREPOINT_PATH.test(path)) return 'sharepoint'
  if (TEAMS_PATH.test(path)) return 'teams'
  return 'other'
}

function finding(ctx: AnalysisContext, workload: Workload): Finding {
  const roles = ctx.token?.roles ?? []
  const items: Evidence[] = [evidence('token', 'roles', listOrNone(roles))]
  if (ctx.permissions?.check?.isAuthorized === true) items.push(evidence('catalogue', 'accepted permission held', listOrNone(ctx.permissions.check.granted), 'the permission side is fine'))
  if (POLICY_MESSAGE.test(graphMessage(ctx))) items.push(evidence('body', 'error.message', graphMessage(ctx), 'an application access policy (RBAC for Applications) denied the mailbox'))
  return makeFinding('resource-policy', {
    detail: `The app-only token holds a permission that allows ${requestLine(ctx)}, yet it was denied: a policy on the resource itself limits which ${resourceWords(workload)} this app may reach.`,
    evidence: [...items, ...statusEvidence(ctx), ...errorBodyEvidence(ctx).filter((item) => !(item.field === 'error.message' && POLICY_MESSAGE.test(item.value)))],
    fix: fixesFor(workload, ctx.token?.appId ?? '<app-id>'),
  })
}

function resourceWords(workload: Workload): string {
  if (workload === 'exchange') return 'mailboxes'
  if (workload === 'sharepoint') return 'sites'
  if (workload === 'teams') return 'teams and chats'
  return 'resources'
}

function fixesFor(workload: Workload, appId: string): string[] {
  if (workload === 'exchange') {
    return [
      `Check the Exchange scoping: \`Test-ApplicationAccessPolicy -Identity <mailbox> -AppId ${appId}\` (legacy application access policies) and \`Test-ServicePrincipalAuthorization -Identity ${appId} -Resource <mailbox>\` (RBAC for Applications), in Exchange Online PowerShell.`,
      `If the mailbox should be reachable, add it to the policy's security group, or create the scope: \`New-ManagementScope\` + \`New-ManagementRoleAssignment -App ${appId} -Role "Application Mail.Read" -CustomResourceScope <scope>\`. Changes can take up to an hour (or more) to apply.`,
    ]
  }
  if (workload === 'sharepoint') {
    return [
      'With Sites.Selected the app reaches only sites it was granted explicitly: an admin grants it per site with POST /sites/{site-id}/permissions {"roles":["read"|"write"|"fullcontrol"],"grantedToIdentities":[{"application":{"id":"' + appId + '"}}]} (using a token that holds Sites.FullControl.All), or `Grant-PnPAzureADAppSitePermission`.',
      'Check the existing grants with GET /sites/{site-id}/permissions.',
    ]
  }
  if (workload === 'teams') {
    return [
      'For resource-specific consent (RSC), the app must be installed in that team or chat and its manifest must declare the RSC permission (for example ChannelMessage.Read.Group); install it there, or use the tenant-wide application permission with admin consent.',
    ]
  }
  return ['Check the resource\'s own access settings for this app (ownership, sharing, a policy that scopes application access), since the Graph permission itself is present.']
}
