/**
 * Causes of a delegated denial that the token itself shows: file scopes that reach only the user's own OneDrive,
 * and a guest user (acct 1) reading the directory.
 */
import type { AnalysisContext } from '../../context.js'
import { graphPath, hasGraphCode } from '../facts.js'
import { isOwnData } from './workload.js'
import type { DataKind } from './workload.js'

/**
 * Files.Read and Files.ReadWrite cover "the signed-in user's files" only; the catalogue accepts them for
 * /drives/{id} because that path also reaches the user's own drive (microsoft-graph-docs#587). The .All scope
 * for a denied call on a drive that is not shown to be the user's own, or undefined.
 */
export function wideFilesScope(ctx: AnalysisContext, kind: DataKind): string | undefined {
  if ((kind !== 'files' && kind !== 'sites') || isOwnData(ctx) === true) return undefined
  const granted = ctx.permissions?.check?.granted ?? []
  if (granted.length === 0 || !granted.every((name) => /^files\.read(?:write)?(?:\.appfolder)?$/i.test(name))) return undefined
  return ctx.method === 'GET' ? 'Files.Read.All' : 'Files.ReadWrite.All'
}


/**
 * A guest (acct 1: "the user is a guest in the tenant", access token claims reference) denied a directory read:
 * the tenant's guest user access restrictions, not a missing role of an ordinary member. The fix, or undefined.
 */
export function guestDirectoryHint(ctx: AnalysisContext, kind: DataKind): string[] | undefined {
  if (kind !== 'directory' || ctx.method !== 'GET' || ctx.token?.claims?.['acct'] !== 1) return undefined
  return [
    'Sign in with a member account of this tenant, or have an admin widen what guests may read: Entra admin center > External Identities > External collaboration settings > Guest user access ("Guest users have the same access as members"), or assign the guest the Directory Readers role.',
    'With the default (limited) setting a guest cannot list users or groups, only read objects it names; the most restrictive setting limits it to its own objects. After a role change, request a new token.',
  ]
}

/**
 * ErrorSendAsDenied ("does not have the right to send mail on behalf of the specified sending account"): the
 * mailbox in the message's from address (or "the sending mailbox" when the body is not shown), or undefined.
 */
export function sendAsDenied(ctx: AnalysisContext): string | undefined {
  if (!hasGraphCode(ctx, 'ErrorSendAsDenied')) return undefined
  const body = ctx.requestJson as { message?: { from?: { emailAddress?: { address?: unknown } } } } | null | undefined
  const address = body?.message?.from?.emailAddress?.address
  return typeof address === 'string' && address.length > 0 ? address : 'the sending mailbox'
}

/** A role held over an administrative unit: not in wids, and it reaches only the unit's members (writes on users, groups, devices). */
export function adminUnitNote(ctx: AnalysisContext, hint: string | undefined): string[] {
  if (hint === undefined || ctx.method === 'GET' || !/^\/(?:users|groups|devices)\//.test(graphPath(ctx))) return []
  return ['A role assigned over an administrative unit does not show in wids and reaches only that unit\'s members: if the user holds it for a unit, the target must be a member of that unit, or the role must be assigned tenant-wide.']
}
