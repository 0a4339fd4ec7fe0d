import { evidence, makeFinding } from '../finding.js'
import type { Rule } from './rule.js'

/** One entry of a multi-entry input could not be read; the others are diagnosed. */
export const inputUnreadable: Rule = {
  id: 'input-unreadable',
  check(ctx) {
    const reason = ctx.exchange.unreadable
    if (reason === undefined) return []
    return [
      makeFinding('input-unreadable', {
        detail: `${ctx.exchange.source} could not be read: ${reason}. The other entries were diagnosed.`,
        evidence: [evidence('input', 'entry', ctx.exchange.source, reason)],
        fix: ['Re-export the capture (HAR 1.2 with content), or diagnose this request on its own with the --method, --url, --status, --token and --header flags.'],
      }),
    ]
  },
}
