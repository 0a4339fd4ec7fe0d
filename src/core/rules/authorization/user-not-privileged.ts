import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Evidence, Finding, FixActions, Link } from '../../types.js'
import { errorBodyEvidence, graphPath, listOrNone, requestLine, statusEvidence } from '../facts.js'
import { firstRoleNamed } from './role-action.js'
import type { Rule } from '../rule.js'
import { nonDenial403 } from '../non-denial-403.js'
import { dataKindOf, isOwnData, sharedScopeFor } from './workload.js'
import type { DataKind } from './workload.js'
import { adminUnitNote, guestDirectoryHint, sendAsDenied, wideFilesScope } from './user-rights-hints.js'

interface RoleHint {
  readonly path: RegExp
  readonly roles: string
}

const INTUNE_PATH = /^\/devicemanagement|^\/deviceappmanagement/
/**
 * Intune checks the signed-in admin's own licence as well as the role (learn.microsoft.com "Unlicensed
 * admins"; a non-admin user's managedDevices read answers an opaque Forbidden, graph-explorer-v4#706).
 */
const INTUNE_LICENCE = 'Intune also requires the signed-in user to hold an Intune licence (Microsoft Intune Plan 1, included in EMS E3 and Microsoft 365 E3/E5/Business Premium) unless the tenant allows unlicensed admins (Intune admin center > Tenant administration > Roles > Administrator Licensing); check with GET /users/{id}/licenseDetails.'

/** Which built-in directory roles usually grant the rights on directory objects, by Graph path. */
const ROLE_HINTS: readonly RoleHint[] = [
  { path: /^\/(?:users\/[^/]+\/)?authentication\b|\/authentication\//, roles: 'Authentication Administrator (non-admin users) or Privileged Authentication Administrator' },
  { path: /^\/rolemanagement|^\/directoryroles/, roles: 'Privileged Role Administrator' },
  { path: /^\/identity\/conditionalaccess|^\/policies\/conditionalaccess/, roles: 'Conditional Access Administrator or Security Administrator' },
  { path: /^\/(?:applications|serviceprincipals|oauth2permissiongrants)/, roles: 'Application Administrator or Cloud Application Administrator (or ownership of the app)' },
  { path: /^\/groups/, roles: 'Groups Administrator or User Administrator (or ownership of the group)' },
  { path: /^\/users/, roles: 'User Administrator' },
  { path: /^\/auditlogs/, roles: 'Reports Reader, Security Reader or Global Reader' },
  { path: /^\/reports/, roles: 'Reports Reader or Global Reader (or the administrator role of the report\'s workload: Exchange, SharePoint, Teams)' },
  { path: /^\/security|^\/identityprotection|^\/riskyusers/, roles: 'Security Reader (read) or Security Administrator (write)' },
  { path: INTUNE_PATH, roles: 'Intune Administrator, or an Intune role such as Read Only Operator or Help Desk Operator (Intune admin center > Tenant administration > Roles)' },
  { path: /^\/devices/, roles: 'Cloud Device Administrator or Intune Administrator' },
  { path: /^\/policies/, roles: 'Security Administrator (or the administrator role of the policy\'s area)' },
  { path: /^\/domains|^\/organization/, roles: 'Domain Name Administrator or Global Administrator' },
  { path: /^\/subscribedskus|^\/directory\/subscriptions/, roles: 'License Administrator, or Global Reader to read' },
]

/**
 * A delegated token that holds an accepted permission and is still denied: a delegated permission
 * never exceeds what the signed-in user may do. On directory objects the user lacks a directory role;
 * on another user's mailbox or files, delegation or sharing (and the `.Shared` scope); in Teams and
 * SharePoint, membership or site permissions. The user's own mailbox or OneDrive is `user-not-licensed`.
 */
export const userNotPrivileged: Rule = {
  id: 'user-not-privileged',
  check(ctx) {
    if (ctx.area !== 'graph' || ctx.status !== 403 || ctx.token?.kind !== 'delegated') return []
    if (ctx.permissions?.check?.isAuthorized !== true || ctx.requiredPermissions !== undefined || nonDenial403(ctx) !== undefined) return []
    // The tenant's collaboration settings, not the user's role (resource-policy says so).
    if (/Guest invitations not allowed/i.test(ctx.graphError?.message ?? '')) return []
    const kind = dataKindOf(ctx)
    if ((kind === 'mailbox' || kind === 'files') && isOwnData(ctx) === true && sendAsDenied(ctx) === undefined) return []
    return [finding(ctx, kind)]
  },
}

/** The directory role that typically gives the rights on this path, for directory objects only. */
export function roleHintFor(ctx: AnalysisContext): string | undefined {
  if (dataKindOf(ctx) !== 'directory') return undefined
  const path = graphPath(ctx).replace(/^\/me(?=\/|$)/, '/users/{me}')
  // Members read users and groups by default: a denied read means a guest or restricted user.
  if (ctx.method === 'GET' && /^\/(?:users|groups)(?:\/[^/]+)?(?:\/(?:memberof|members|transitivememberof|transitivemembers|owners|manager|directreports))?$/.test(path) && !path.startsWith('/users/{me}')) return 'Directory Readers (members read users and groups by default; guests and users restricted by the tenant\'s guest or user settings need it)'
  return ROLE_HINTS.find((hint) => hint.path.test(path))?.roles
}

function roleAction(hint: string | undefined): { actions?: FixActions } {
  const role = hint === undefined ? undefined : firstRoleNamed(hint, 'user')
  return role === undefined ? {} : { actions: { roleToAssign: role } }
}

function finding(ctx: AnalysisContext, kind: DataKind): Finding {
  const token = ctx.token
  const check = ctx.permissions?.check
  const granted = check?.granted ?? []
  const items: Evidence[] = [evidence('catalogue', 'accepted permission held', listOrNone(granted), 'the permission side is fine')]
  if (kind === 'directory') items.push(evidence('token', 'wids', listOrNone((token?.directoryRoles ?? []).map((role) => role.name ?? role.id)), 'directory roles of the signed-in user'))
  if (token?.user !== undefined) items.push(evidence('token', 'upn', token.user))
  return makeFinding('user-not-privileged', {
    detail: `The token holds ${listOrNone(granted)}, which this API accepts, yet ${requestLine(ctx)} was denied. A delegated permission never exceeds what the signed-in user (${token?.user ?? 'unknown user'}) may do: ${lackingOn(ctx, kind)}.`,
    evidence: [...items, ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: fixesFor(ctx, kind, granted),
    links: LINKS[kind],
    ...(kind === 'directory' ? roleAction(roleHintFor(ctx)) : {}),
    ...(check === undefined ? {} : { permission: { scheme: check.scheme, leastPrivileged: check.leastPrivileged, accepted: check.accepted, granted: check.granted } }),
  })
}

const learn = (path: string): string => `https://learn.microsoft.com/${path}`

/** Links about the rights on that kind of data only: directory roles matter for directory objects alone. */
const LINKS: Readonly<Record<DataKind, readonly Link[]>> = {
  mailbox: [
    { title: 'Get Outlook messages in a shared or delegated folder', url: learn('graph/outlook-share-messages-folders') },
    { title: 'Get shared or delegated Outlook calendar and its events', url: learn('graph/outlook-get-shared-events-calendars') },
  ],
  files: [{ title: 'Sharing files and folders with Microsoft Graph', url: learn('graph/api/resources/shares') }],
  teams: [{ title: 'Add a member to a team', url: learn('graph/api/team-post-members') }],
  group: [{ title: 'Add a member to a group', url: learn('graph/api/group-post-members') }],
  sites: [{ title: 'Resolve Microsoft Graph authorization errors', url: learn('graph/resolve-auth-errors') }],
  directory: [{ title: 'Microsoft Entra built-in roles', url: learn('entra/identity/role-based-access-control/permissions-reference') }],
  other: [{ title: 'Resolve Microsoft Graph authorization errors', url: learn('graph/resolve-auth-errors') }],
}

function lacking(kind: DataKind): string {
  if (kind === 'mailbox') return 'the user has no delegate access to this other user\'s mailbox or folder (directory roles never grant mailbox access)'
  if (kind === 'files') return 'these files are not shared with the user (directory roles never grant access to someone\'s OneDrive)'
  if (kind === 'teams') return 'the user is not a member or owner of this team or chat'
  if (kind === 'group') return 'the user is not a member of this Microsoft 365 group'
  if (kind === 'other') return 'the user has no rights on this object (it is not theirs, or not shared with or assigned to them)'
  if (kind === 'sites') return 'the user has no permission on this site or item'
  return 'the user lacks the directory role or the rights on this object'
}

function lackingOn(ctx: AnalysisContext, kind: DataKind): string {
  const sendAs = sendAsDenied(ctx)
  if (sendAs !== undefined) return `the user has no Send As (or Send on Behalf) right on ${sendAs}, the mailbox the message's "from" names`
  if (guestDirectoryHint(ctx, kind) !== undefined) return 'the signed-in user is a guest in this tenant (the token\'s acct claim is 1), and the tenant\'s guest user access setting limits what guests may read in the directory, whatever the permission'
  const all = wideFilesScope(ctx, kind)
  if (all !== undefined) return `the token's only file permissions, ${listOrNone(ctx.permissions?.check?.granted ?? [])}, reach the signed-in user's own OneDrive alone; any other drive (a group's or a site's library, or another user's files even when shared with the user) needs ${all}`
  return kind === 'directory' && INTUNE_PATH.test(graphPath(ctx)) ? 'the user lacks an Intune role, or an Intune licence' : lacking(kind)
}

function fixesFor(ctx: AnalysisContext, kind: DataKind, granted: readonly string[]): string[] {
  const sendAs = sendAsDenied(ctx)
  if (sendAs !== undefined) {
    return [
      `An Exchange admin grants the signed-in user Send As on ${sendAs}: \`Add-RecipientPermission -Identity ${sendAs} -Trustee <user> -AccessRights SendAs\`, or Send on Behalf: \`Set-Mailbox ${sendAs} -GrantSendOnBehalfTo @{Add="<user>"}\`; it can take up to an hour to apply.`,
      ...((ctx.token?.scopes ?? []).some((scope) => scope.toLowerCase() === 'mail.send.shared') ? [] : ['Request the delegated scope Mail.Send.Shared as well: sending as another mailbox needs it.']),
      'Or drop "from" and send as the signed-in user; an app without a user sends as any mailbox with the application permission Mail.Send on POST /users/{that mailbox}/sendMail.',
    ]
  }
  if (kind === 'mailbox') {
    const shared = sharedScopeFor(granted, ctx.token?.scopes ?? [])
    const sending = /\/sendmail$/.test(graphPath(ctx))
    return [
      ...(sending ? ['To send as another user, an Exchange admin grants the signed-in user Send As (`Add-RecipientPermission -Identity <owner> -Trustee <user> -AccessRights SendAs`) or Send on Behalf (`Set-Mailbox <owner> -GrantSendOnBehalfTo <user>`).'] : []),
      'Have the mailbox owner (or an Exchange admin) share the mailbox or folder with the signed-in user: Outlook folder permissions or delegate access, or `Add-MailboxFolderPermission -Identity <owner>:\\Calendar -User <user> -AccessRights Reviewer` / `Add-MailboxPermission -Identity <owner> -User <user> -AccessRights FullAccess`.',
      shared === undefined
        ? 'The token already holds the .Shared scope that other users\' mailbox data needs; once the sharing exists, request a new token and retry.'
        : `Request the delegated scope ${shared} as well: another user's mailbox data needs the .Shared scope, the plain one covers the user's own mailbox only.`,
      'For access to any mailbox without sharing, use application permissions (client credentials) instead, scoped with RBAC for Applications.',
    ]
  }
  const all = wideFilesScope(ctx, kind)
  if (all !== undefined) {
    return [
      `Request the delegated scope ${all} instead (the signed-in user's own files and every file the user can reach: shared with them, or in a group or site they belong to); then request a new token.`,
      'If it is still denied with that scope, the user has no access to this drive or item: have its owner share it, or add the user to the group or site.',
    ]
  }
  if (kind === 'files') return ['Have the owner share the file or folder with the signed-in user (or use a sharing link), then retry; for any user\'s OneDrive without sharing, use application permissions instead.']
  if (kind === 'teams') return ['Add the signed-in user to the team or chat (a team owner does this), or call with an account that is a member.']
  if (kind === 'sites') return ['Give the signed-in user access to the site (site owner: Site permissions > Share or add to a site group), or call with an account that has it.']
  if (kind === 'group') return ['Add the signed-in user as a member of the group (a group owner or admin does this), or call with an account that is a member.']
  if (kind === 'other') return ['Call with the account that owns the object, or have its owner share it with or assign it to the signed-in user (directory roles do not grant access to user content); for access regardless of the user, use application permissions instead.']
  const guest = guestDirectoryHint(ctx, kind)
  if (guest !== undefined) return guest
  const hint = roleHintFor(ctx)
  return [
    hint === undefined
      ? 'Give the signed-in user the directory role (or the object-level rights) this operation needs, per the API reference\'s note on roles, or sign in as a user who has them.'
      : `Sign in as a user with ${hint}, or have an admin assign that role (Entra admin center > Roles and administrators; PIM users must activate it first, then get a new token).`,
    ...(INTUNE_PATH.test(graphPath(ctx)) ? [INTUNE_LICENCE] : []),
    ...adminUnitNote(ctx, hint),
    'Role changes reach the token only after a new sign-in: the wids claim is fixed when the token is issued.',
  ]
}
