import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { EndpointPermissions } from '../../permissions/types.js'
import type { Evidence, Finding, PermissionScheme } from '../../types.js'
import { errorBodyEvidence, graphMessage, grantedEvidence, hasGraphCode, inferredRequestEvidence, listOrNone, requestLine, requestSubject, statusEvidence, strippedHeaderEvidence } from '../facts.js'
import { consentUrl, consentUrlAction, permissionFixActions, permissionFixSteps, schemeWords } from './permission-fix.js'
import type { Rule } from '../rule.js'
import { azureCliSteps } from './azure-cli-step.js'
import { logicAppsSteps } from './logic-apps-step.js'
import { graphExplorerSteps } from './graph-explorer-step.js'
import { managedIdentityOf } from './managed-identity.js'
import { powerShellStep } from './powershell-step.js'
import { fromServiceWords } from './service-permissions.js'
import { nonDenial403 } from '../non-denial-403.js'
import { dataKindOf, isOwnData, sharedScopeFor } from './workload.js'

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access'])
const NO_PERMISSIONS = /either scp or roles claim need to be present|NoPermissionsInAccessToken|token contains no permissions|doesn't contain the permissions required/i

/**
 * The token is of the right kind but holds none of the permissions the API accepts. With the
 * permission catalogue: the least-privileged permission of the token's scheme and the exact steps.
 * When the service names the permissions it requires ("API requires one of …"), that answer wins over
 * the catalogue. Otherwise from "Either scp or roles", or from a generic 403 body (then the exact
 * permission needs `graph-doctor data update`).
 */
export const permissionMissing: Rule = {
  id: 'permission-missing',
  check(ctx) {
    if (ctx.area !== 'graph' || !isPermissionDenial(ctx) || nonDenial403(ctx) !== undefined) return []
    // The service's own words outrank the catalogue.
    const fromService = fromServiceWords(ctx, tokenPermissions(ctx))
    if (fromService !== undefined) return [fromService]
    const permissions = ctx.permissions
    if (permissions?.check !== undefined) return permissions.check.isAuthorized ? [] : [fromCatalogue(ctx)]
    if (permissions?.endpoint !== undefined && permissions.scheme !== undefined) return []
    if (ctx.token?.kind === 'app-only' && ctx.token.roles.length === 0) return []
    if (ctx.status === 403 || NO_PERMISSIONS.test(graphMessage(ctx))) return [generic(ctx)]
    return []
  },
}

function isPermissionDenial(ctx: AnalysisContext): boolean {
  if (ctx.status === 403 || ctx.status === null) return true
  // Intune answers some denials with 401 and names the scopes it wants.
  if (ctx.status === 401 && ctx.requiredPermissions !== undefined) return true
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
  const opaque = ctx.token?.form === 'opaque'
  const items: Evidence[] = [
    evidence('catalogue', `${endpoint.method} ${endpoint.template}`, acceptedSummary(accepted), `${scheme}; least privileged: ${least ?? 'none'}${endpoint.fallback === 'none' ? '' : `; matched via ${endpoint.fallback}`}`),
    ...(ctx.token === undefined ? [] : opaque ? [opaqueEvidence(ctx.token.length)] : grantedEvidence(ctx.token)),
  ]
  const holds = opaque
    ? 'the token is opaque (a personal Microsoft account token), so its scopes cannot be read here, and Graph denied the call: it lacks them'
    : 'the token holds none of them'
  return makeFinding('permission-missing', {
    detail: `${requestSubject(ctx)} needs one of ${accepted.length} ${schemeWords(scheme)}; ${holds}. The least-privileged one is ${least ?? '(none listed)'}.`,
    evidence: [...items, ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [...permissionFixSteps(ctx, schemePermissions), ...otherSchemeStep(ctx), ...sharedMailboxStep(ctx, least), ...logicAppsSteps(ctx, 'denied')],
    actions: permissionFixActions(ctx, schemePermissions),
    permission: { scheme, leastPrivileged: least, accepted, granted: tokenPermissions(ctx) },
  })
}

/** When the other kind of token would be the better answer, say which permission it needs. */
function otherSchemeStep(ctx: AnalysisContext): string[] {
  const endpoint = ctx.permissions?.endpoint
  const scheme = ctx.permissions?.scheme
  // Personal accounts' data is never reachable with an app-only token; a managed identity never signs a user in.
  if (endpoint === undefined || scheme === undefined || scheme === 'DelegatedPersonal' || managedIdentityOf(ctx) !== undefined) return []
  const other = scheme === 'Application' ? 'DelegatedWork' : 'Application'
  const least = endpoint.schemes[other]?.leastPrivileged
  if (least === undefined || least === null) return []
  return [scheme === 'Application'
    ? `If the call should act for a signed-in user instead, the delegated permission is ${least}.`
    : `If the app runs without a user (daemon, service), use client credentials with the application permission ${least} instead.`]
}

function generic(ctx: AnalysisContext): Finding {
  const unknownEndpoint = ctx.permissions !== undefined
  const token = ctx.token
  const powerShell = powerShellStep(ctx)
  const toolSteps = [...azureCliSteps(ctx), ...logicAppsSteps(ctx, 'denied'), ...graphExplorerSteps(ctx)]
  return makeFinding('permission-missing', {
    detail: `Graph denied ${requestLine(ctx)}${ctx.graphError === undefined || ctx.graphError.code === '' ? '' : ` (${ctx.graphError.code})`}. The most common cause is a token without a permission the API accepts; ${otherCauses(ctx)}`,
    evidence: [...inferredRequestEvidence(ctx), ...strippedHeaderEvidence(ctx), ...(token === undefined ? [] : grantedEvidence(token)), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: toolSteps.length > 0 ? [...(ctx.url === null || ctx.url === '' ? [] : [catalogueStep(ctx, unknownEndpoint)]), ...toolSteps] : [catalogueStep(ctx, unknownEndpoint), ...(powerShell.length > 0 ? powerShell : [compareStep(ctx)])],
    actions: consentUrlAction(ctx),
  })
}

function compareStep(ctx: AnalysisContext): string {
  const schemes = ctx.permissions?.endpoint?.schemes
  // Without the token, an endpoint that takes application permissions only can only have been called app-only.
  const named = (least: string | null | undefined): boolean => least !== null && least !== undefined
  const applicationOnly = ctx.token === undefined && named(schemes?.Application?.leastPrivileged) && !named(schemes?.DelegatedWork?.leastPrivileged)
  const appOnly = ctx.token?.kind === 'app-only' || applicationOnly
  if (ctx.token === undefined && !appOnly) return `Compare the token's scp (signed in as a user) or roles (app-only) with the permissions the API reference lists for that kind, add the least-privileged one to the app registration, grant consent (${consentUrl(ctx)}) and request a new token.`
  return `Compare the token's ${appOnly ? 'roles' : 'scp'} with the permissions the API reference lists for ${appOnly ? 'Application' : 'Delegated (work or school account)'}, add the least-privileged one to the app registration, grant consent (${consentUrl(ctx)}) and request a new token.`
}

/** What else the same 403 can mean, by the kind of data: directory roles only matter for directory objects. */
function otherCauses(ctx: AnalysisContext): string {
  const kind = dataKindOf(ctx)
  const appOnly = ctx.token?.kind === 'app-only'
  if (kind === 'mailbox') return appOnly ? 'the same 403 can also mean an Exchange application access policy or RBAC for Applications scope excludes this mailbox.' : 'on another user\'s mailbox the same 403 can also mean it is not shared with the signed-in user (delegation and a .Shared scope); on the user\'s own, that the mailbox is not provisioned or licensed. A directory role never grants mailbox access.'
  if (kind === 'files') return appOnly ? 'the same 403 can also mean the app holds Sites.Selected without a grant on this site.' : 'the same 403 can also mean the files are not shared with the signed-in user, or the user\'s OneDrive is not provisioned. A directory role never grants access to files.'
  if (kind === 'teams' || kind === 'sites' || kind === 'group') return appOnly ? 'the same 403 can also mean a resource-level control (resource-specific consent, protected APIs, Sites.Selected) denies the app.' : 'the same 403 can also mean the signed-in user is not a member of the team or has no access to the site.'
  if (kind === 'other') return appOnly ? 'the same 403 can also mean a setting of the workload itself denies the app.' : 'the same 403 can also mean the object is not the signed-in user\'s or not shared with them.'
  return appOnly ? 'the same 403 can also mean the app\'s service principal lacks a directory role the operation needs.' : 'the same 403 can also mean the signed-in user lacks a directory role for this operation.'
}

function opaqueEvidence(length: number): Evidence {
  return evidence('token', 'form', `opaque (not a JWT, ${length} chars)`, 'personal Microsoft account tokens for Graph are opaque: their scopes cannot be read')
}

/** Another user's mailbox with a delegated token: the plain scope covers the user's own mailbox only. */
function sharedMailboxStep(ctx: AnalysisContext, least: string | null): string[] {
  if (least === null || ctx.token?.kind !== 'delegated' || dataKindOf(ctx) !== 'mailbox' || isOwnData(ctx) !== false) return []
  const shared = sharedScopeFor([least], ctx.token.scopes)
  if (shared === undefined) return []
  return [`This is another user's mailbox: a delegated token needs ${shared} (the .Shared scope) for it, and the owner must share the mailbox or folder with the signed-in user.`]
}

/** What would let graph-doctor name the exact permission: the request when it is missing, else the data. */
function catalogueStep(ctx: AnalysisContext, hasCatalogue: boolean): string {
  if (ctx.url === null || ctx.url === '') {
    const { unseenCall } = ctx.exchange
    if (unseenCall !== undefined) return unseenCall
    if (ctx.exchange.format === 'sdk-error') return 'The SDK\'s error does not print the call: paste the line of code that made it together with the error (`client.api(\'/users/…\').get()` or a request builder chain such as `graphClient.users.byUserId(id).messages.get()`), or give the call itself (a HAR or curl -v capture, or --method and --url with the token), so graph-doctor can name the exact least-privileged permission.'
    return 'The input holds no request: give the call itself (a HAR or curl -v capture, or --method and --url with the token) so graph-doctor can name the exact least-privileged permission.'
  }
  const endpoint = ctx.permissions?.endpoint
  if (endpoint !== undefined) return acceptedStep(endpoint, ctx.token === undefined)
  if (hasCatalogue) return 'The permission catalogue does not list this endpoint: look up the permissions in the "Permissions" table of the API reference page for this call.'
  return 'To name the exact least-privileged permission, give graph-doctor the permission data: run `graph-doctor data update` once (or pass `--permissions permissions.json`) and diagnose again.'
}

/** The endpoint is known but the token is not (a pasted SDK error shows no headers): what the call accepts. */
function acceptedStep(endpoint: EndpointPermissions, tokenUnseen: boolean): string {
  const schemes: readonly PermissionScheme[] = ['DelegatedWork', 'Application']
  const parts = schemes.flatMap((scheme) => {
    const least = endpoint.schemes[scheme]?.leastPrivileged
    return least === null || least === undefined ? [] : [`${schemeWords(scheme)}: ${least}`]
  })
  const accepts = parts.length === 0 ? 'no permission a tenant can grant' : `least privileged ${parts.join('; ')}`
  const why = tokenUnseen ? 'The input does not show the token' : 'The token is neither clearly delegated nor app-only'
  return `${why}, so graph-doctor cannot tell which permission it lacks: ${endpoint.method} ${endpoint.template} accepts ${accepts}. Decode the token (graph-doctor token) and grant the one it lacks.`
}

/** The accepted permissions in the evidence: named when few; counted when many (the finding's permission block lists them all). */
function acceptedSummary(accepted: readonly string[]): string {
  return accepted.length <= 4 ? `accepts ${listOrNone(accepted)}` : `accepts ${accepted.length} permissions of this kind, listed under Permission`
}
