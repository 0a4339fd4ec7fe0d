import type { AnalysisContext } from '../context.js'
import { evidence, makeFinding } from '../finding.js'
import type { Evidence, Finding } from '../types.js'
import { errorBodyEvidence, graphMessage, grantedEvidence, hasGraphCode, listOrNone, requestLine, statusEvidence } from './facts.js'
import { consentUrl, consentUrlAction, permissionFixActions, permissionFixSteps, schemeWords } from './permission-fix.js'
import type { Rule } from './rule.js'

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access'])
const NO_PERMISSIONS = /either scp or roles claim need to be present|NoPermissionsInAccessToken|token contains no permissions|doesn't contain the permissions required/i

/**
 * The token is of the right kind but holds none of the permissions the API accepts. With the
 * permission catalogue: the least-privileged permission of the token's scheme and the exact steps.
 * Without it: from the Teams "API requires one of" message, from "Either scp or roles", or from a
 * generic 403 body (then the exact permission needs `graph-doctor data update`).
 */
export const permissionMissing: Rule = {
  id: 'permission-missing',
  check(ctx) {
    if (ctx.area !== 'graph' || !isPermissionDenial(ctx)) return []
    const permissions = ctx.permissions
    if (permissions?.check !== undefined) return permissions.check.isAuthorized ? [] : [fromCatalogue(ctx)]
    if (permissions?.endpoint !== undefined && permissions.scheme !== undefined) return []
    if (ctx.requiredPermissions !== undefined) return [fromRequiredMessage(ctx)]
    if (ctx.token?.kind === 'app-only' && ctx.token.roles.length === 0) return []
    if (ctx.status === 403 || NO_PERMISSIONS.test(graphMessage(ctx))) return [generic(ctx)]
    return []
  },
}

function isPermissionDenial(ctx: AnalysisContext): boolean {
  if (ctx.status === 403 || ctx.status === null) return true
  return ctx.status === 401 && (NO_PERMISSIONS.test(graphMessage(ctx)) || hasGraphCode(ctx, 'AuthOMMissingRequiredPermissions'))
}

/** The token's permissions, without openid, profile, email and offline_access. */
export function tokenPermissions(ctx: AnalysisContext): string[] {
  const token = ctx.token
  if (token === undefined) return []
  const names = token.kind === 'app-only' ? token.roles : token.kind === 'delegated' ? token.scopes : [...token.scopes, ...token.roles]
  return names.filter((name) => !OIDC_SCOPES.has(name.toLowerCase()))
}

function fromCatalogue(ctx: AnalysisContext): Finding {
  const permissions = ctx.permissions
  const endpoint = permissions?.endpoint
  const scheme = permissions?.scheme
  const schemePermissions = scheme === undefined ? undefined : endpoint?.schemes[scheme]
  if (endpoint === undefined || scheme === undefined || schemePermissions === undefined) return generic(ctx)
  const least = schemePermissions.leastPrivileged
  const accepted = schemePermissions.accepted.map((item) => item.name)
  const items: Evidence[] = [
    evidence('catalogue', `${endpoint.method} ${endpoint.template}`, `accepts ${listOrNone(accepted)}`, `${scheme}; least privileged: ${least ?? 'none'}${endpoint.fallback === 'none' ? '' : `; matched via ${endpoint.fallback}`}`),
    ...(ctx.token === undefined ? [] : grantedEvidence(ctx.token)),
  ]
  return makeFinding('permission-missing', {
    detail: `${requestLine(ctx)} needs one of ${accepted.length} ${schemeWords(scheme)}; the token holds none of them. The least-privileged one is ${least ?? '(none listed)'}.`,
    evidence: [...items, ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [...permissionFixSteps(ctx, schemePermissions), ...otherSchemeStep(ctx)],
    actions: permissionFixActions(ctx, schemePermissions),
    permission: { scheme, leastPrivileged: least, accepted, granted: tokenPermissions(ctx) },
  })
}

/** When the other kind of token would be the better answer, say which permission it needs. */
function otherSchemeStep(ctx: AnalysisContext): string[] {
  const endpoint = ctx.permissions?.endpoint
  const scheme = ctx.permissions?.scheme
  if (endpoint === undefined || scheme === undefined) return []
  const other = scheme === 'Application' ? 'DelegatedWork' : 'Application'
  const least = endpoint.schemes[other]?.leastPrivileged
  if (least === undefined || least === null) return []
  return [scheme === 'Application'
    ? `If the call should act for a signed-in user instead, the delegated permission is ${least}.`
    : `If the app runs without a user (daemon, service), use client credentials with the application permission ${least} instead.`]
}

function fromRequiredMessage(ctx: AnalysisContext): Finding {
  const message = ctx.requiredPermissions
  const required = message?.required ?? []
  const kind = message?.kind === 'roles' ? 'application' : 'delegated'
  return makeFinding('permission-missing', {
    detail: `Graph said which permissions the call accepts: one of ${required.join(', ')} (${kind}); the token's ${message?.kind ?? 'scopes'} were ${listOrNone(message?.present ?? [])}.`,
    evidence: [
      evidence('body', 'error.message', `API requires one of '${required.join(', ')}'`, `${message?.kind ?? 'scopes'} on the request: ${listOrNone(message?.present ?? [])}`),
      ...statusEvidence(ctx),
      ...errorBodyEvidence(ctx).filter((item) => item.field !== 'error.message'),
    ],
    fix: [
      `Add one of these ${kind} permissions to the app registration, the least privileged that fits the call (read-only before ReadWrite, a narrower one before .All): ${required.join(', ')}.`,
      kind === 'application' ? `Application permissions need admin consent: ${consentUrl(ctx)}; then request a new token.` : `Grant consent (admin consent for .All or admin-only scopes: ${consentUrl(ctx)}) and request a new token that includes the scope.`,
    ],
    actions: consentUrlAction(ctx),
    permission: { scheme: kind === 'application' ? 'Application' : 'DelegatedWork', leastPrivileged: null, accepted: required, granted: [...(message?.present ?? [])] },
  })
}

function generic(ctx: AnalysisContext): Finding {
  const unknownEndpoint = ctx.permissions !== undefined
  const token = ctx.token
  return makeFinding('permission-missing', {
    detail: `Graph denied ${requestLine(ctx)}${ctx.graphError === undefined ? '' : ` (${ctx.graphError.code})`}. The most common cause is a token without a permission the API accepts; the same 403 can also mean the signed-in user lacks a role or a resource policy denies the app.`,
    evidence: [...(token === undefined ? [] : grantedEvidence(token)), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [
      unknownEndpoint
        ? 'The permission catalogue does not list this endpoint: look up the permissions in the "Permissions" table of the API reference page for this call.'
        : 'To name the exact least-privileged permission, give graph-doctor the permission data: run `graph-doctor data update` once (or pass `--permissions permissions.json`) and diagnose again.',
      `Compare the token's ${token?.kind === 'app-only' ? 'roles' : 'scp'} with the permissions the API reference lists for ${token?.kind === 'app-only' ? 'Application' : 'Delegated (work or school account)'}, add the least-privileged one to the app registration, grant consent (${consentUrl(ctx)}) and request a new token.`,
    ],
    actions: consentUrlAction(ctx),
  })
}
