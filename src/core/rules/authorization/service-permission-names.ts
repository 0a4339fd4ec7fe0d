/**
 * Special readings of the service's "API requires one of …" list: names that exist only as delegated permissions
 * asked of an app-only token, and a request that carried only resource-specific consent (Group.Selected).
 */
import type { AnalysisContext } from '../../context.js'
import { evidence, makeFinding } from '../../finding.js'
import type { Evidence, Finding, PermissionScheme } from '../../types.js'
import { requestLine, statusEvidence } from '../facts.js'

/** Resource-specific consent names: granted per team or chat by installing the app, never tenant-wide. */
const RSC_NAME = /\.(?:Group|Chat)$/i

export const RSC_ONLY = 'The request carried only resource-specific consent (Group.Selected and the like): the app relies on being installed in this team or chat with a resource-specific permission, and this team or chat has not granted it (the app is not installed here, was installed before its manifest declared the permission, or the consent was removed).'

/** The token's only roles are *.Selected ones and the service names a resource-specific permission. */
export function rscOnly(ctx: AnalysisContext, scheme: PermissionScheme | undefined, ordered: readonly string[], present: readonly string[]): boolean {
  return present.length > 0 && present.every((name) => /\.Selected$/i.test(name)) && ordered.some((name) => isResourceSpecific(ctx, scheme, name))
}

export function rscOnlySteps(ctx: AnalysisContext, scheme: PermissionScheme | undefined, ordered: readonly string[]): string[] {
  const rsc = ordered.filter((name) => isResourceSpecific(ctx, scheme, name))
  return [`Install (or remove and reinstall) the Teams app in this team or chat, its manifest declaring ${rsc.join(' or ')} under authorization.permissions.resourceSpecific, so a team owner consents again; then request a new token. The alternative below, a tenant-wide application permission, reaches every team.`]
}

/**
 * An app-only call where the service asks only for names that exist as delegated permissions
 * (microsoft-graph-docs#19105: "API requires one of 'TeamworkTag.Read, TeamworkTag.ReadWrite'" to a token holding
 * TeamworkTag.Read.All): no application permission by those names exists, so "add it" cannot be the fix.
 */
export function delegatedNamesForApp(ctx: AnalysisContext, scheme: PermissionScheme | undefined, required: readonly string[]): string[] | undefined {
  const catalogue = ctx.permissions?.catalogue
  if (scheme !== 'Application' || catalogue === undefined) return undefined
  const tenantWide = required.filter((name) => !isResourceSpecific(ctx, scheme, name))
  if (tenantWide.length === 0 || tenantWide.some((name) => catalogue.permissionId(name, 'application') !== undefined)) return undefined
  return tenantWide.every((name) => catalogue.permissionId(name, 'delegated') !== undefined) ? tenantWide : undefined
}

export function delegatedNamesFinding(ctx: AnalysisContext, names: readonly string[]): Finding {
  const check = ctx.permissions?.check
  const holds = check?.isAuthorized === true ? ` The token already holds ${check.granted.join(', ')}, which the permission reference lists for this call app-only: the service checked the delegated names instead, a service-side mismatch.` : ''
  return makeFinding('permission-missing', {
    detail: `Graph asked the app-only token of ${requestLine(ctx)} for one of ${names.join(', ')}, but these exist only as delegated permissions: there is no application permission by these names to add.${holds}`,
    evidence: [
      evidence('body', 'error.message', ctx.graphError?.message ?? '', 'the names the service asked for'),
      evidence('catalogue', 'application permissions named so', 'none', `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} delegated only`),
      ...catalogueEvidence(ctx),
      ...statusEvidence(ctx),
    ],
    fix: [
      `Call it with a delegated token (a signed-in user) that holds ${names[0] ?? 'the delegated permission'}, which the service accepts.`,
      ...(check?.isAuthorized === true
        ? [`Keep ${check.granted.join(', ')}: it is the documented application permission. Report the mismatch to Microsoft (Microsoft Q&A with the tag microsoft-graph, or a support case) with the request-id and date of this response; retry later, as such service checks are corrected on Microsoft's side.`]
        : ['Add the application permission the API reference lists for this call (not one of the names above), grant admin consent and request a new token.']),
    ],
    permission: { scheme: 'Application', leastPrivileged: null, accepted: [...names], granted: [...(ctx.token?.roles ?? [])] },
    // No consent can help here: the permissions reference and the known-issues list, not the admin-consent page.
    links: [
      { title: 'Microsoft Graph permissions reference', url: 'https://learn.microsoft.com/graph/permissions-reference' },
      { title: 'Known issues with Microsoft Graph', url: 'https://learn.microsoft.com/graph/known-issues' },
    ],
  })
}

export function isResourceSpecific(ctx: AnalysisContext, scheme: PermissionScheme | undefined, name: string): boolean {
  const excluded = scheme === undefined ? undefined : ctx.permissions?.endpoint?.schemes[scheme]?.excluded
  if (excluded?.some((item) => item.name.toLowerCase() === name.toLowerCase()) === true) return true
  return RSC_NAME.test(name)
}

export function catalogueEvidence(ctx: AnalysisContext): Evidence[] {
  const check = ctx.permissions?.check
  const endpoint = ctx.permissions?.endpoint
  if (check?.isAuthorized !== true || endpoint === undefined) return []
  return [evidence('catalogue', `${endpoint.method} ${endpoint.template}`, `accepts ${check.granted.join(', ')}, held by the token`, 'the catalogue and the service disagree; the service wins')]
}

