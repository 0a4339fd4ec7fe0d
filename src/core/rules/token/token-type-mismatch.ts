import type { AnalysisContext } from '../../context.js'
import type { EndpointPermissions } from '../../permissions/types.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Evidence, Finding, PermissionScheme } from '../../types.js'
import { appOnlyRefused, claimEvidence, errorBodyEvidence, graphMessage, isMePath, isSuccess, listOrNone, requestSubject, statusEvidence } from '../facts.js'
import { defaultScope, namedScope } from '../fix-text.js'
import type { Rule } from '../rule.js'
import { isSharePointSecretToken, sharePointSecretToken } from './sharepoint-app-only.js'
import { managedIdentityOf, managedIdentitySteps } from '../authorization/managed-identity.js'

const ME_DELEGATED_ONLY = /\/me request is only valid with delegated authentication flow/i
/** Teams' answer to an app-only message POST (chats and channels): only migration imports may do it. */
const IMPORT_ONLY = /allowed in application-only context only for import purposes/i
const MESSAGE_POST = /\/(?:chats|channels)\/[^/]+\/messages(?:\/[^/]+\/replies)?$/i
const NO_PERMISSION_CLAIMS = /either scp or roles claim need to be present|NoPermissionsInAccessToken|token contains no permissions/i

/**
 * The kind of token cannot work for the call: app-only on `/me` (400 today, not 403) or on a
 * delegated-only API, delegated where only application permissions work, or app-only without roles.
 */
export const tokenTypeMismatch: Rule = {
  id: 'token-type-mismatch',
  check(ctx) {
    if (isSharePointSecretToken(ctx)) return [sharePointSecretToken(ctx)]
    if (ctx.area !== 'graph' || isSuccess(ctx)) return []
    const token = ctx.token
    if (ME_DELEGATED_ONLY.test(graphMessage(ctx)) || (token?.kind === 'app-only' && isMePath(ctx))) return [appOnlyOnMe(ctx)]
    if (IMPORT_ONLY.test(graphMessage(ctx))) return [appOnlyMessagePost(ctx)]
    if (appOnlyRefused(ctx) && token?.kind !== 'delegated') return [appOnlyRefusedFinding(ctx)]
    // The service naming the permissions it requires outranks inferences about the token kind.
    if (ctx.requiredPermissions !== undefined) return []
    if (token?.kind === 'app-only' && token.roles.length === 0 && isDeniedStatus(ctx)) return [appOnlyWithoutRoles(ctx)]
    if (token === undefined && NO_PERMISSION_CLAIMS.test(graphMessage(ctx)) && ctx.status === 403) return [appOnlyWithoutRoles(ctx)]
    const wrongScheme = schemeMismatch(ctx)
    return wrongScheme === undefined ? [] : [wrongScheme]
  },
}

function isDeniedStatus(ctx: AnalysisContext): boolean {
  return ctx.status === null || ctx.status === 401 || ctx.status === 403
}

function appOnlyOnMe(ctx: AnalysisContext): Finding {
  const token = ctx.token
  return makeFinding('token-type-mismatch', {
    detail: `${requestSubject(ctx)} uses /me, which means "the signed-in user", but an app-only token has no signed-in user. Graph answers 400 "/me request is only valid with delegated authentication flow." (the 2021 article files this under 403; today it is a 400).`,
    evidence: [...kindEvidence(ctx), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [
      `Keep the app-only token and name the user: replace /me with /users/{id or userPrincipalName}${ctx.url === null ? '' : ` (for example ${ctx.url.replace(/\/me(?=\/|$|\?)/i, '/users/{user-id}')})`}.`,
      `Or act for a signed-in user: use a delegated flow (authorization code with PKCE, on-behalf-of, device code) and request delegated scopes such as \`${namedScope(ctx.cloud, 'User.Read')}\` instead of \`${defaultScope(ctx.cloud)}\` with client credentials.`,
      ...(token?.roles.length === 0 ? ['The token also has no roles: grant and admin-consent the application permission the /users call needs.'] : []),
    ],
  })
}

/**
 * An app-only POST of a chat or channel message: Teams takes it only as a migration import
 * (Teamwork.Migrate.All into a team in migration mode), so adding that permission is no fix for sending.
 */
function appOnlyMessagePost(ctx: AnalysisContext): Finding {
  const delegated = ctx.permissions?.endpoint?.schemes.DelegatedWork?.leastPrivileged ?? (/\/chats\//i.test(ctx.url ?? '') ? 'ChatMessage.Send' : 'ChannelMessage.Send')
  return makeFinding('token-type-mismatch', {
    detail: `${requestSubject(ctx)} was sent with an app-only token, and Teams accepts app-only message POSTs only to import messages while migrating a team (Teamwork.Migrate.All, a team in migration mode); sending a normal message needs a signed-in user.`,
    evidence: [...kindEvidence(ctx), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [
      `Send the message with a delegated token: a user signs in (authorization code, on-behalf-of or device code) and the app requests \`${namedScope(ctx.cloud, delegated)}\`.`,
      'For messages from an app without a user, use a bot (Bot Framework proactive message) or a channel\'s incoming webhook / Workflows instead of the Graph message API.',
      'Teamwork.Migrate.All is the right permission only for importing historical messages into a team created in migration mode.',
    ],
  })
}

/** Graph said outright that this API takes no app-only token (a 412 or 403 PreconditionFailed, whatever the catalogue lists). */
function appOnlyRefusedFinding(ctx: AnalysisContext): Finding {
  if (ctx.method === 'POST' && MESSAGE_POST.test(ctx.target?.path ?? '')) return appOnlyMessagePost(ctx)
  const delegated = ctx.permissions?.endpoint?.schemes.DelegatedWork?.leastPrivileged ?? null
  return makeFinding('token-type-mismatch', {
    detail: `Graph answered that ${requestSubject(ctx)} is not supported with an app-only token: this call needs a signed-in user, whatever application permissions the token holds or the permission reference lists.`,
    evidence: [...kindEvidence(ctx), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [
      `Call it with a delegated token: a user signs in (authorization code with PKCE, on-behalf-of or device code) and the app requests ${delegated === null ? 'the delegated permission the API reference lists' : `\`${namedScope(ctx.cloud, delegated)}\``}.`,
      'If no user can be present, look in the API reference for an app-only alternative; adding application permissions does not change this answer.',
    ],
  })
}

function appOnlyWithoutRoles(ctx: AnalysisContext): Finding {
  const identity = managedIdentityOf(ctx)
  if (identity !== undefined) return managedIdentityWithoutRoles(ctx, identity.resourceId)
  return makeFinding('token-type-mismatch', {
    detail: 'The token carries no permission at all: an app-only (client credentials) token with an empty roles claim. Typically the app registration has only delegated permissions (used by a daemon), or its application permissions were never admin-consented, so the token endpoint issued a token without roles.',
    evidence: [...kindEvidence(ctx), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: [
      'If the app runs without a user: add APPLICATION permissions (API permissions > Microsoft Graph > Application permissions) and grant admin consent; delegated permissions never appear in a client-credentials token.',
      `Then request a new token with \`${defaultScope(ctx.cloud)}\`: roles are in tokens issued after the consent only.`,
      'If the app acts for a user, use a delegated flow instead of client credentials; delegated permissions appear in the scp claim of a user token.',
    ],
  })
}

/** A managed identity never gets delegated permissions or a consent prompt: app role assignments only. */
function managedIdentityWithoutRoles(ctx: AnalysisContext, resourceId: string): Finding {
  const least = ctx.permissions?.endpoint?.schemes.Application?.leastPrivileged ?? undefined
  return makeFinding('token-type-mismatch', {
    detail: `The token is a managed identity's (${resourceId}) and carries no roles: a managed identity gets Microsoft Graph permissions only as app role assignments on its service principal; it has no API permissions page, no delegated permissions and no consent.`,
    evidence: [...kindEvidence(ctx), ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: managedIdentitySteps(ctx, least ?? 'the application permission this call needs').map((step) => step.replace(', with the Microsoft Graph PowerShell commands below', ' (New-MgServicePrincipalAppRoleAssignment in Microsoft Graph PowerShell)')),
  })
}

/** The catalogue knows the endpoint and it does not accept the token's scheme at all. */
function schemeMismatch(ctx: AnalysisContext): Finding | undefined {
  const permissions = ctx.permissions
  const token = ctx.token
  if (permissions?.endpoint === undefined || permissions.scheme === undefined || permissions.check !== undefined || token === undefined) return undefined
  if (permissions.scheme === 'DelegatedPersonal') return undefined
  if (!isDeniedStatus(ctx) && ctx.status !== 400) return undefined
  const endpoint = permissions.endpoint
  const other: PermissionScheme = permissions.scheme === 'Application' ? 'DelegatedWork' : 'Application'
  const otherLeast = endpoint.schemes[other]?.leastPrivileged ?? null
  const isAppOnly = permissions.scheme === 'Application'
  const items: Evidence[] = [
    ...kindEvidence(ctx),
    evidence('catalogue', `${endpoint.method} ${endpoint.template}`, `accepts ${acceptedSchemes(endpoint.schemes)}`, `no ${permissions.scheme} permission is accepted`),
  ]
  return makeFinding('token-type-mismatch', {
    detail: otherLeast === null
      ? `${requestSubject(ctx)} accepts no ${permissions.scheme} permission that a tenant can grant; the catalogue lists ${acceptedSchemes(endpoint.schemes)} only.`
      : isAppOnly
        ? `${requestSubject(ctx)} supports delegated permissions only: an app-only token can never call it.`
        : `${requestSubject(ctx)} supports application permissions only: a token for a signed-in user can never call it.`,
    evidence: [...items, ...statusEvidence(ctx), ...errorBodyEvidence(ctx)],
    fix: otherLeast === null
      ? ['The catalogue lists no permission that a tenant can grant to this kind of token (at most hidden or resource-specific ones), so no consent makes this call work. Check the API reference page of this call for the supported account and token types.']
      : isAppOnly
        ? [`Use a delegated flow (a signed-in user) and request \`${namedScope(ctx.cloud, otherLeast)}\`.`, 'If no user can be present, look for an application-permission alternative API in the reference; there is none for this call.']
        : [`Use the client credentials flow and the application permission ${otherLeast} (admin consent required), requesting \`${defaultScope(ctx.cloud)}\`.`],
    ...(otherLeast === null ? {} : { permission: { scheme: other, leastPrivileged: otherLeast, accepted: (endpoint.schemes[other]?.accepted ?? []).map((p) => p.name), granted: [] } }),
  })
}

function acceptedSchemes(schemes: EndpointPermissions['schemes']): string {
  const names = (Object.keys(schemes) as PermissionScheme[]).filter((scheme) => (schemes[scheme]?.accepted.length ?? 0) > 0)
  return names.length === 0 ? 'no permission scheme' : names.join(', ')
}

function kindEvidence(ctx: AnalysisContext): Evidence[] {
  const token = ctx.token
  if (token === undefined) return []
  const items = claimEvidence(token, 'idtyp')
  items.push(evidence('token', 'kind', token.kind, token.kind === 'app-only' ? 'roles and no scp: client credentials' : 'scp: a signed-in user'))
  if (token.kind === 'app-only') items.push(evidence('token', 'roles', listOrNone(token.roles)))
  else items.push(evidence('token', 'scp', listOrNone(token.scopes)))
  return items
}
