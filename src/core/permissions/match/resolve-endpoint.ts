import type { PermissionScheme } from '../../types.js'
import type { TemplateSource } from '../model.js'
import { GRANT_STRIDE, SCHEMES } from '../model.js'
import { ME_APPLICATION_NOTE } from '../overrides.js'
import type { EndpointPermissions, SchemePermissions } from '../types.js'
import type { Attempt } from './fallbacks.js'
import type { ResolveContext } from './resolve.js'
import { resolveScheme } from './resolve.js'
import { FactsTable } from './permission-facts.js'

/** What least-privilege resolution gives for a list of grants: the schemes and the notes. */
interface Resolution {
  readonly schemes: Partial<Record<PermissionScheme, SchemePermissions>>
  readonly notes: readonly string[]
}

/**
 * Turns the templates a lookup matched into an {@link EndpointPermissions}. The resolution of a grant
 * list is kept by the list itself (for a direct match: no rewrite notes), plain and for `/me`: the
 * index stores each distinct grant list once (about 1,800 for 7,300 templates) and decodes it once,
 * so the first lookup of an endpoint whose grants another endpoint has often resolves nothing.
 */
export class EndpointResolver {
  private readonly templates: TemplateSource
  private readonly context: ResolveContext
  private readonly facts: FactsTable
  /** Per grant list: its resolution for a plain request and for a `/me` request. */
  private readonly resolutions = new Map<readonly number[], [Resolution | undefined, Resolution | undefined]>()

  constructor(templates: TemplateSource, context: ResolveContext) {
    this.templates = templates
    this.context = context
    this.facts = new FactsTable(context)
  }

  /** Resolve least privilege over the union of the grants of every spelling of the template. */
  endpoint(templates: readonly number[], method: string, attempt: Attempt, isMeRequest: boolean): EndpointPermissions {
    let template: string | undefined
    let only: readonly number[] | undefined
    let grants: number[] | undefined
    for (const id of templates) {
      const record = this.templates.record(id)
      const listed = record.methods[method]
      if (listed === undefined) continue
      if (template === undefined) {
        template = record.template
        only = listed
      } else {
        grants ??= [...(only ?? [])]
        for (const value of listed) grants.push(value)
      }
    }
    const fallback = attempt.fallback
    const resolution =
      grants === undefined && only !== undefined && attempt.notes.length === 0
        ? this.shared(only, isMeRequest)
        : resolveGrants(grants ?? only ?? [], this.context, this.facts, attempt.notes, isMeRequest)
    return Object.freeze({ method, template: template ?? '', fallback, schemes: resolution.schemes, notes: resolution.notes })
  }

  private shared(grants: readonly number[], isMeRequest: boolean): Resolution {
    let pair = this.resolutions.get(grants)
    if (pair === undefined) {
      pair = [undefined, undefined]
      this.resolutions.set(grants, pair)
    }
    const slot = isMeRequest ? 1 : 0
    return (pair[slot] ??= resolveGrants(grants, this.context, this.facts, [], isMeRequest))
  }
}

function resolveGrants(grants: readonly number[], context: ResolveContext, facts: FactsTable, attemptNotes: readonly string[], isMeRequest: boolean): Resolution {
  const notes = [...attemptNotes]
  const schemes: Partial<Record<PermissionScheme, SchemePermissions>> = {}
  for (const scheme of SCHEMES) {
    if (scheme === 'Application' && isMeRequest) {
      if (listsApplication(grants)) notes.push(ME_APPLICATION_NOTE)
      continue
    }
    const resolved = resolveScheme(scheme, grants, context, facts, notes)
    if (resolved !== undefined) schemes[scheme] = resolved
  }
  return { schemes, notes }
}

function listsApplication(grants: readonly number[]): boolean {
  for (let at = 1; at < grants.length; at += GRANT_STRIDE) if (((grants[at] ?? 0) & 4) !== 0) return true
  return false
}
