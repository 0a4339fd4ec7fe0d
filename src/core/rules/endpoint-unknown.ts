import { evidence, makeFinding } from '../finding.js'
import { requestLine } from './facts.js'
import type { Rule } from './rule.js'

/** A catalogue was given, no template matches this failed Graph call (401/403): its permissions are unknown. */
export const endpointUnknown: Rule = {
  id: 'endpoint-unknown',
  check(ctx) {
    const permissions = ctx.permissions
    if (permissions === undefined || permissions.endpoint !== undefined || ctx.target?.isBatch === true) return []
    if (ctx.status !== 401 && ctx.status !== 403) return []
    return [
      makeFinding('endpoint-unknown', {
        detail: `No path template of the permission catalogue matches ${requestLine(ctx)}, so graph-doctor cannot name the permissions it needs. The other checks still ran.`,
        evidence: [evidence('url', 'path', `${ctx.target?.version ?? ''}${ctx.target?.path ?? ''}`, `not in the catalogue (${permissions.catalogue.stats.templates} templates)`)],
        fix: [
          'Check the URL for typos and the API version (some endpoints exist in beta only).',
          'Read the Permissions table of the API reference page for this call; if the catalogue is old, refresh it with `graph-doctor data update`.',
        ],
      }),
    ]
  },
}
