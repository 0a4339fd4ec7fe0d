import type { AnalysisContext } from '../../context.js'
import { schemeOfToken } from '../../context-permissions.js'
import { evidence, makeFinding } from '../../finding.js'
import type { AcceptedPermission, SchemePermissions } from '../../permissions/types.js'
import type { Finding, PermissionScheme } from '../../types.js'
import { azureCliSteps } from './azure-cli-step.js'
import { errorBodyEvidence, listOrNone, requestLine, statusEvidence } from '../facts.js'
import { consentUrl, consentUrlAction, permissionFixActions, permissionFixSteps, schemeWords } from './permission-fix.js'
import { catalogueEvidence, delegatedNamesFinding, delegatedNamesForApp, isResourceSpecific, RSC_ONLY, rscOnly, rscOnlySteps } from './service-permission-names.js'

/**
 * `permission-missing` from the service's own words ("API requires one of '…'. Roles on the request
 * '…'", Intune's "must have one of the following scopes: …"): the service decides, so this outranks
 * the catalogue, and says so when the catalogue believed the token was enough.
 */
export function fromServiceWords(ctx: AnalysisContext, granted: readonly string[]): Finding | undefined {
  const message = ctx.requiredPermissions
  if (message === undefined) return undefined
  const scheme = schemeOf(ctx)
  const delegatedOnly = delegatedNamesForApp(ctx, scheme, message.required)
  if (delegatedOnly !== undefined) return delegatedNamesFinding(ctx, delegatedOnly)
  const ordered = leastFirst(message.required, ctx, scheme)
  const least = ordered.find((name) => !isResourceSpecific(ctx, scheme, name)) ?? ordered[0] ?? null
  const present = message.present.length > 0 ? message.present : granted
  const disagreement = rscOnly(ctx, scheme, ordered, present) ? RSC_ONLY : catalogueDisagreement(ctx)
  const kindWords = scheme === undefined ? 'permissions' : schemeWords(scheme)
  return makeFinding('permission-missing', {
    detail: [
      `Graph said which ${kindWords} ${requestLine(ctx)} accepts: one of ${ordered.join(', ')}${presentClause(ctx, message.kind, present)}.`,
      `The least privileged of them is ${least ?? '(none)'}.`,
      ...(disagreement === undefined ? [] : [disagreement]),
    ].join(' '),
    evidence: [
      evidence('body', 'error.message', ctx.graphError?.message ?? '', 'the service names the permissions it requires'),
      ...(message.present.length > 0 ? [evidence('body', 'permissions on the request', listOrNone(message.present))] : []),
      ...catalogueEvidence(ctx),
      ...statusEvidence(ctx),
      ...errorBodyEvidence(ctx).filter((item) => item.field !== 'error.message'),
    ],
    fix: rscOnly(ctx, scheme, ordered, present) ? [...rscOnlySteps(ctx, scheme, ordered), ...fixSteps(ctx, scheme, ordered, least)] : [...azureCliSteps(ctx), ...fixSteps(ctx, scheme, ordered, least)],
    actions: scheme === undefined || least === null ? consentUrlAction(ctx) : permissionFixActions(ctx, schemePermissions(ctx, scheme, ordered, least)),
    permission: { scheme: scheme ?? 'DelegatedWork', leastPrivileged: least, accepted: ordered, granted: [...present] },
  })
}

/** What the request carried, when the message or the token says; nothing when neither shows it. */
function presentClause(ctx: AnalysisContext, kind: string, present: readonly string[]): string {
  if (present.length === 0 && ctx.token === undefined) return ''
  return `; the ${kind === 'roles' ? 'roles' : kind === 'scopes' ? 'scopes' : 'permissions'} on the request were ${listOrNone(present)}`
}

function schemeOf(ctx: AnalysisContext): PermissionScheme | undefined {
  const kind = ctx.requiredPermissions?.kind
  const fromToken = ctx.token === undefined ? undefined : schemeOfToken(ctx.token)
  if (kind === 'roles') return 'Application'
  if (kind === 'scopes') return fromToken === 'DelegatedPersonal' ? fromToken : 'DelegatedWork'
  return fromToken
}

/** The catalogue's order for this call when it knows the names (least first), else a reading of the names. */
function leastFirst(required: readonly string[], ctx: AnalysisContext, scheme: PermissionScheme | undefined): string[] {
  const known = scheme === undefined ? undefined : ctx.permissions?.endpoint?.schemes[scheme]
  const position = (name: string): number => {
    const index = known?.accepted.findIndex((item) => item.name.toLowerCase() === name.toLowerCase()) ?? -1
    return index === -1 ? Number.MAX_SAFE_INTEGER : index
  }
  return required
    .map((name, index) => ({ name, index, rank: nameRank(ctx, scheme, name) }))
    .sort((a, b) => a.rank - b.rank || position(a.name) - position(b.name) || a.index - b.index)
    .map((item) => item.name)
}

/** Resource-specific last, Directory.* after the rest, and write after read within those. */
function nameRank(ctx: AnalysisContext, scheme: PermissionScheme | undefined, name: string): number {
  const lower = name.toLowerCase()
  const writes = /readwrite|write|manage|edit|send|create|delete/.test(lower) ? 1 : 0
  if (isResourceSpecific(ctx, scheme, name)) return 6 + writes
  if (lower.startsWith('directory.')) return 4 + writes
  return writes * 2
}

function catalogueDisagreement(ctx: AnalysisContext): string | undefined {
  const check = ctx.permissions?.check
  if (check?.isAuthorized !== true) return undefined
  return `The permission catalogue lists ${check.granted.join(', ')} (which the token holds) as enough for this call, but the service disagrees, and the service decides: add one of the permissions it names.`
}

function fixSteps(ctx: AnalysisContext, scheme: PermissionScheme | undefined, ordered: readonly string[], least: string | null): string[] {
  const rsc = ordered.filter((name) => isResourceSpecific(ctx, scheme, name))
  const rscStep = rsc.length === 0 ? [] : [`${rsc.join(', ')} ${rsc.length === 1 ? 'is' : 'are'} resource-specific consent: granted per team or chat when the app is installed there with that permission in its manifest, not on the app registration.`]
  if (scheme === undefined || least === null) {
    return [
      `Add one of these permissions to the app registration, the least privileged first: ${ordered.join(', ')}; use the kind of permission that matches the token (application for client credentials, delegated for a signed-in user).`,
      `Grant consent (admin consent for application and admin-only permissions: ${consentUrl(ctx)}) and request a new token.`,
      ...rscStep,
    ]
  }
  return [...permissionFixSteps(ctx, schemePermissions(ctx, scheme, ordered, least)), ...rscStep]
}

/** The service's list as the catalogue's shape, ids and consent flags from the catalogue where it knows them. */
function schemePermissions(ctx: AnalysisContext, scheme: PermissionScheme, ordered: readonly string[], least: string): SchemePermissions {
  const known = ctx.permissions?.endpoint?.schemes[scheme]?.accepted ?? []
  const accepted = ordered
    .filter((name) => !isResourceSpecific(ctx, scheme, name) || name === least)
    .map((name): AcceptedPermission => {
      const entry = known.find((item) => item.name.toLowerCase() === name.toLowerCase())
      return entry === undefined ? { name, isLeast: name === least, alsoRequires: [] } : { ...entry, name, isLeast: name === least }
    })
  return { scheme, leastPrivileged: least, accepted }
}
