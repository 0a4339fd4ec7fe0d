import type { AnalysisContext } from '../context.js'
import { evidence, makeFinding } from '../finding.js'
import type { Finding, FixActions } from '../types.js'
import { errorBodyEvidence, graphPath, listOrNone, requestLine, statusEvidence } from './facts.js'
import { firstRoleNamed } from './role-action.js'
import type { Rule } from './rule.js'

interface RoleHint {
  readonly path: RegExp
  readonly roles: string
}

/** Which built-in directory roles usually grant the rights, by Graph path (write operations mostly). */
const ROLE_HINTS: readonly RoleHint[] = [
  { path: /^\/(?:users\/[^/]+\/)?authentication\b|\/authentication\//, roles: 'Authentication Administrator (non-admin users) or Privileged Authentication Administrator' },
  { path: /^\/rolemanagement|^\/directoryroles/, roles: 'Privileged Role Administrator' },
  { path: /^\/identity\/conditionalaccess|^\/policies\/conditionalaccess/, roles: 'Conditional Access Administrator or Security Administrator' },
  { path: /^\/(?:applications|serviceprincipals|oauth2permissiongrants)/, roles: 'Application Administrator or Cloud Application Administrator (or ownership of the app)' },
  { path: /^\/groups/, roles: 'Groups Administrator or User Administrator (or ownership of the group)' },
  { path: /^\/users/, roles: 'User Administrator' },
  { path: /^\/auditlogs/, roles: 'Reports Reader, Security Reader or Global Reader' },
  { path: /^\/security|^\/identityprotection|^\/riskyusers/, roles: 'Security Reader (read) or Security Administrator (write)' },
  { path: /^\/devicemanagement|^\/deviceappmanagement/, roles: 'Intune Administrator' },
  { path: /^\/devices/, roles: 'Cloud Device Administrator or Intune Administrator' },
  { path: /^\/sites|^\/admin\/sharepoint/, roles: 'SharePoint Administrator, or site membership or sharing on the site itself' },
  { path: /^\/teams|^\/teamwork/, roles: 'Teams Administrator, or membership or ownership of the team' },
  { path: /^\/policies/, roles: 'Security Administrator (or the administrator role of the policy\'s area)' },
  { path: /^\/domains|^\/organization/, roles: 'Domain Name Administrator or Global Administrator' },
  { path: /^\/subscribedskus|^\/directory\/subscriptions/, roles: 'License Administrator, or Global Reader to read' },
]

/**
 * A delegated token that holds an accepted permission and is still denied: a delegated permission
 * never exceeds what the signed-in user may do, so the user lacks the directory role or rights on
 * the object.
 */
export const userNotPrivileged: Rule = {
  id: 'user-not-privileged',
  check(ctx) {
    if (ctx.area !== 'graph' || ctx.status !== 403 || ctx.token?.kind !== 'delegated') return []
    if (ctx.permissions?.check?.isAuthorized !== true) return []
    return [finding(ctx)]
  },
}

/** The directory role that typically gives the rights on this path, when we know one. */
export function roleHintFor(ctx: AnalysisContext): string | undefined {
  const path = graphPath(ctx).replace(/^\/me(?=\/|$)/, '/users/{me}')
  return ROLE_HINTS.find((hint) => hint.path.test(path))?.roles
}

function roleAction(hint: string | undefined): { actions?: FixActions } {
  const role = hint === undefined ? undefined : firstRoleNamed(hint, 'user')
  return role === undefined ? {} : { actions: { roleToAssign: role } }
}

function finding(ctx: AnalysisContext): Finding {
  const token = ctx.token
  const check = ctx.permissions?.check
  const roles = (token?.directoryRoles ?? []).map((role) => role.name ?? role.id)
  const hint = roleHintFor(ctx)
  const otherUser = /^\/users\/[^/]+\/(?:messages|mailfolders|events|calendars?|contacts|drive|mailboxsettings)/.test(graphPath(ctx))
  return makeFinding('user-not-privileged', {
    detail: `The token holds ${listOrNone(check?.granted ?? [])}, which this API accepts, yet ${requestLine(ctx)} was denied. A delegated permission never exceeds what the signed-in user (${token?.user ?? 'unknown user'}) may do: the user lacks the directory role or the rights on this object.`,
    evidence: [
      evidence('catalogue', 'accepted permission held', listOrNone(check?.granted ?? []), 'the permission side is fine'),
      evidence('token', 'wids', listOrNone(roles), 'directory roles of the signed-in user'),
      ...(token?.user === undefined ? [] : [evidence('token', 'upn', token.user)]),
      ...statusEvidence(ctx),
      ...errorBodyEvidence(ctx),
    ],
    fix: [
      hint === undefined
        ? 'Give the signed-in user the directory role (or the object-level rights) this operation needs, per the API reference\'s note on roles, or sign in as a user who has them.'
        : `Sign in as a user with ${hint}, or have an admin assign that role (Entra admin center > Roles and administrators; PIM users must activate it first, then get a new token).`,
      ...(otherUser ? ['For another user\'s mailbox, calendar or files, a delegated token also needs rights on that object: mailbox or folder delegation (Mail.Read.Shared / Calendars.Read.Shared scopes) or sharing; otherwise use an application permission.'] : []),
      'Role changes reach the token only after a new sign-in: the wids claim is fixed when the token is issued.',
    ],
    ...roleAction(hint),
    ...(check === undefined ? {} : { permission: { scheme: check.scheme, leastPrivileged: check.leastPrivileged, accepted: check.accepted, granted: check.granted } }),
  })
}
