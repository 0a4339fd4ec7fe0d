/**
 * 403s that deny nothing about the caller's rights, each with its cause and fix: a service limit
 * ("App '…' has reached its limit of '1000' for subscriptions on mailbox '…'", inside an ExtensionError;
 * OneDrive's quotaLimitReached), and an API of workforce tenants called in an Azure AD B2C tenant
 * ("'…' is an Azure AD B2C directory. Access to this Api can only be made for an Azure AD directory (non b2c).",
 * microsoft-graph-docs-contrib#8478). No permission or consent changes either.
 */
import type { AnalysisContext } from '../context.js'
import { graphMessage, hasGraphCode } from './facts.js'

const LIMIT_REACHED = /has reached its limit|exceeded the (?:maximum|limit)|quota (?:exceeded|limit)/i
const B2C_DIRECTORY = /is an Azure AD B2C directory|can only be made for an Azure AD directory \(non b2c\)/i

/** The cause (completing "… failed with 403 <code>: …") and fix of a 403 that is no denial, or undefined. */
export function nonDenial403(ctx: AnalysisContext): { readonly cause: string; readonly fix: string[] } | undefined {
  if (ctx.status !== 403 && ctx.status !== null) return undefined
  const message = graphMessage(ctx)
  if (LIMIT_REACHED.test(message) || hasGraphCode(ctx, 'quotaLimitReached')) {
    return {
      cause: 'a service limit was reached (a quota on subscriptions, storage or similar), not a denial of access',
      fix: ['Stay under the limit the message names: delete what is no longer needed (for subscriptions: DELETE /subscriptions/{id} of expired or duplicate ones, listed by GET /subscriptions with the same app), then retry. No permission or consent changes a limit.'],
    }
  }
  if (B2C_DIRECTORY.test(message) || hasGraphCode(ctx, 'AADB2C')) {
    return {
      cause: 'the tenant is an Azure AD B2C directory, and this API exists for workforce (Microsoft Entra ID) tenants only',
      fix: ['Use the B2C counterpart of the API where there is one (user flows: /identity/b2cUserFlows instead of /identity/b2xUserFlows; custom policies: /trustFramework/policies), or make the call in a workforce tenant. No permission or consent changes this.'],
    }
  }
  return undefined
}
