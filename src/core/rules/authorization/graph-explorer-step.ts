import type { AnalysisContext } from '../../context.js'

/**
 * For a denial copied from Graph Explorer's response pane (`Forbidden - 403 - 254ms. …` above the body):
 * the call is in its query bar, not in the pane, and Graph Explorer signs in with its own app, so the
 * permission is consented on its Modify permissions tab, not added to an app registration.
 */
export function graphExplorerSteps(ctx: AnalysisContext): string[] {
  if (ctx.exchange.via !== 'graph-explorer') return []
  const steps: string[] = []
  if (ctx.url === null || ctx.url === '') {
    steps.push('Graph Explorer\'s response pane does not show the call: give graph-doctor the method and URL from its query bar (--method and --url with the pasted body) so it can name the exact least-privileged permission.')
  }
  steps.push('Graph Explorer calls Graph as you, through its own app: there is no app registration to change. Open the Modify permissions tab of the query, consent to the least-privileged permission it lists, and run the query again; a permission marked "Admin consent required" needs an admin to consent (for the organisation) first.')
  steps.push('If the permission is already consented, the denial is about you: your account lacks the directory role the operation needs (writes to users, groups or applications), or the object (mailbox, file, team) is not yours or not shared with you.')
  return steps
}
