import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Evidence, Finding, PermissionScheme } from '../../types.js'
import { errorBodyEvidence, graphPath, isSuccess, listOrNone, sentPath, statusEvidence } from '../facts.js'
import type { Rule } from '../rule.js'
import { passwordActions, passwordFixes } from './password-reset-fixes.js'
import type { PasswordOperation } from './password-reset-fixes.js'

export type { PasswordOperation } from './password-reset-fixes.js'

const RESET_PATH = /\/authentication\/(?:methods|passwordmethods)\/[^/]+\/(?:microsoft\.graph\.)?resetpassword$/
const CHANGE_PATH = /^\/(?:me|users\/[^/]+)\/(?:microsoft\.graph\.)?changepassword$/
const USER_PATH = /^\/(?:me|users\/[^/]+)$/
const CHANGE_DENIED = /access to change password operation is denied/i

/**
 * Password changes and resets follow their own rules: app-only PATCH of `passwordProfile` needs
 * `User-PasswordProfile.ReadWrite.All` plus a directory role; `resetPassword` is delegated only;
 * `changePassword` works for the signed-in user only. The 2021 article's "no application permission
 * allows it" is out of date.
 */
export const passwordReset: Rule = {
  id: 'password-reset',
  check(ctx) {
    if (ctx.area !== 'graph' || isSuccess(ctx) || !isAuthorizationStatus(ctx.status)) return []
    const operation = passwordOperation(ctx)
    if (operation === undefined) return []
    if (operation === 'change' && !changeIsWrong(ctx)) return []
    return [finding(ctx, operation)]
  },
}

function isAuthorizationStatus(status: number | null): boolean {
  return status === null || status === 400 || status === 401 || status === 403
}

/** Which password operation the request is, if any. */
export function passwordOperation(ctx: AnalysisContext): PasswordOperation | undefined {
  const path = graphPath(ctx)
  if (ctx.method === 'POST' && RESET_PATH.test(path)) return 'reset'
  if (ctx.method === 'POST' && CHANGE_PATH.test(path)) return 'change'
  if ((ctx.method === 'PATCH' || ctx.method === 'PUT') && USER_PATH.test(path) && hasPasswordProfile(ctx.requestJson)) return 'profile'
  return undefined
}

function hasPasswordProfile(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false
  return Object.keys(body).some((key) => key.toLowerCase() === 'passwordprofile')
}

/** changePassword is wrong for anyone but the signed-in user, and for app-only tokens. */
function changeIsWrong(ctx: AnalysisContext): boolean {
  if (CHANGE_DENIED.test(ctx.graphError?.message ?? '') || ctx.token?.kind === 'app-only') return true
  const path = graphPath(ctx)
  if (path.startsWith('/me/')) return false
  const target = decodeURIComponent(path.split('/')[2] ?? '').toLowerCase()
  const self = [ctx.token?.claims?.['oid'], ctx.token?.user].filter((value): value is string => typeof value === 'string').map((value) => value.toLowerCase())
  return !self.includes(target)
}

function finding(ctx: AnalysisContext, operation: PasswordOperation): Finding {
  const token = ctx.token
  const isAppOnly = token?.kind === 'app-only'
  const scheme: PermissionScheme = isAppOnly ? 'Application' : 'DelegatedWork'
  const least = operation === 'reset' ? 'UserAuthenticationMethod.ReadWrite.All' : 'User-PasswordProfile.ReadWrite.All'
  const granted = token === undefined ? [] : isAppOnly ? token.roles : token.scopes
  const inputs = { isAppOnly, cloud: ctx.cloud, servicePrincipalId: isAppOnly ? stringClaim(ctx, 'oid') : undefined, url: ctx.url }
  return makeFinding('password-reset', {
    detail: detailOf(operation, isAppOnly),
    evidence: [...operationEvidence(ctx, operation), ...tokenEvidence(ctx), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: passwordFixes(operation, inputs),
    actions: passwordActions(operation, inputs),
    permission: { scheme, leastPrivileged: isAppOnly && operation !== 'profile' ? null : least, accepted: acceptedFor(operation, isAppOnly), granted: [...granted] },
  })
}

function acceptedFor(operation: PasswordOperation, isAppOnly: boolean): string[] {
  if (operation === 'reset') return isAppOnly ? [] : ['UserAuthenticationMethod.ReadWrite.All']
  if (operation === 'change') return isAppOnly ? [] : ['User-PasswordProfile.ReadWrite.All', 'User.ReadWrite.All', 'Directory.AccessAsUser.All']
  return isAppOnly ? ['User-PasswordProfile.ReadWrite.All', 'User.ReadWrite.All'] : ['User-PasswordProfile.ReadWrite.All', 'User.ReadWrite.All', 'Directory.AccessAsUser.All']
}

function detailOf(operation: PasswordOperation, isAppOnly: boolean): string {
  const outdated = 'The 2021 troubleshooting article says no application permission allows resetting passwords; that is out of date: today an app can set passwordProfile with User-PasswordProfile.ReadWrite.All plus a directory role.'
  if (operation === 'reset') {
    return isAppOnly
      ? `authenticationMethod resetPassword supports delegated permissions only; an app-only token is always denied. ${outdated}`
      : 'resetPassword needs the delegated UserAuthenticationMethod.ReadWrite.All AND a signed-in user with Authentication Administrator (non-admin targets) or Privileged Authentication Administrator (any target).'
  }
  if (operation === 'change') {
    return 'changePassword changes the password of the signed-in user only (it needs the current password): it cannot be called for another user or with an app-only token.'
  }
  return isAppOnly
    ? `Setting passwordProfile app-only needs the application permission User-PasswordProfile.ReadWrite.All AND a directory role assigned to the app's service principal (User Administrator; Privileged Authentication Administrator when the target user is an admin). The role is not visible in the token. ${outdated}`
    : 'Setting passwordProfile needs the delegated User-PasswordProfile.ReadWrite.All AND a signed-in user with a role that may reset this user\'s password (Helpdesk, Password or User Administrator for non-admins; Privileged Authentication Administrator for admins).'
}

function operationEvidence(ctx: AnalysisContext, operation: PasswordOperation): Evidence[] {
  const line = evidence('request', 'method and path', `${ctx.method ?? ''} ${sentPath(ctx)}`)
  if (operation !== 'profile') return [line]
  return [line, evidence('request', 'body.passwordProfile', 'present (password redacted)')]
}

function tokenEvidence(ctx: AnalysisContext): Evidence[] {
  const token = ctx.token
  if (token === undefined) return []
  const items = [evidence('token', 'kind', token.kind)]
  items.push(token.kind === 'app-only' ? evidence('token', 'roles', listOrNone(token.roles)) : evidence('token', 'scp', listOrNone(token.scopes)))
  if (token.kind !== 'app-only') {
    const roles = token.directoryRoles.map((role) => role.name ?? role.id)
    items.push(evidence('token', 'wids', listOrNone(roles), 'directory roles of the signed-in user'))
  }
  return items
}

function stringClaim(ctx: AnalysisContext, claim: string): string | undefined {
  const value = ctx.token?.claims?.[claim]
  return typeof value === 'string' ? value : undefined
}
