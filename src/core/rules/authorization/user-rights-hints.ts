/**
 * Causes of a delegated denial that the token itself shows: file scopes that reach only the user's own OneDrive,
 * and a guest user (acct 1) reading the directory.
 */
import type { AnalysisContext } from '../../context.js'
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
