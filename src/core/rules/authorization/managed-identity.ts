import type { AnalysisContext } from '../../context.js'

/**
 * The managed identity a token belongs to: its `xms_mirid` claim (the Azure resource id of a system- or
 * user-assigned identity). Undefined for any other token.
 */
export function managedIdentityOf(ctx: AnalysisContext): { readonly resourceId: string; readonly objectId?: string } | undefined {
  const claims = ctx.token?.claims
  const resourceId = claims?.['xms_mirid']
  if (typeof resourceId !== 'string' || resourceId === '') return undefined
  const oid = claims?.['oid']
  return typeof oid === 'string' ? { resourceId, objectId: oid } : { resourceId }
}

/**
 * How a managed identity gets an application permission: as an app role assignment on its service
 * principal (it has no app registration, no API permissions page, no consent prompt), then a token
 * issued after it (managed identity tokens are cached for up to 24 hours).
 */
export function managedIdentitySteps(ctx: AnalysisContext, permission: string): string[] {
  const identity = managedIdentityOf(ctx)
  if (identity === undefined) return []
  const principal = identity.objectId ?? '<identity-object-id>'
  return [
    `This token is a managed identity's (${identity.resourceId}): it has no app registration to add API permissions to, and no consent. Give its service principal (object id ${principal}) the application permission ${permission} as an app role assignment, with the Microsoft Graph PowerShell commands below (run by an admin who may grant app roles, e.g. Privileged Role Administrator).`,
    'The identity sees the new role only in a token issued after the assignment: managed identity tokens are cached for up to 24 hours, so restart the app (or wait) before testing again.',
  ]
}
