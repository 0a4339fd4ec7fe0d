import type { PermissionScheme } from '../../types.js'
import type { PermissionInfo, SchemeBit } from '../model.js'
import { applicationAlias } from '../overrides.js'
import type { ExcludedPermission } from '../types.js'
import type { ResolveContext } from './resolve.js'

/**
 * What a granted permission brings to least-privilege resolution under one scheme that depends on
 * nothing else: its name (an app-role alias under Application), that name in lower case, its details,
 * why it is never suggested, its GUID. Worked out once per catalogue: the first lookups of endpoints
 * that share permissions (most do) repeated the lower-casing, alias, hidden and GUID look-ups per endpoint.
 */
export interface PermissionFacts {
  readonly name: string
  /** {@link name} in lower case: candidates of the same name merge, and order compares this. */
  readonly key: string
  /** The note of an app-role alias, or undefined. */
  readonly aliasNote: string | undefined
  readonly privilegeLevel: number | undefined
  readonly requiresAdminConsent: boolean | undefined
  readonly excluded: ExcludedPermission['reason'] | undefined
  /** The GUID of {@link name}, null until first asked for ({@link FactsTable.id}). */
  id: string | undefined | null
}

/** {@link PermissionFacts} by permission number and scheme, made on first use. */
export class FactsTable {
  private readonly known: (PermissionFacts | undefined)[] = []
  private readonly context: ResolveContext

  constructor(context: ResolveContext) {
    this.context = context
  }

  /** The facts of permission `number` (whose entry is `info`) under `scheme`. */
  of(number: number, info: PermissionInfo, scheme: PermissionScheme, bit: SchemeBit): PermissionFacts {
    // Scheme bits are 1, 2, 4: one slot each
    const at = number * 3 + (bit >> 1)
    return (this.known[at] ??= this.make(info, scheme, bit))
  }

  /** The GUID of the facts' name under `scheme`, looked up once. */
  id(facts: PermissionFacts, scheme: PermissionScheme): string | undefined {
    if (facts.id === null) facts.id = this.context.permissionId(facts.name, scheme === 'Application' ? 'application' : 'delegated')
    return facts.id
  }

  private make(info: PermissionInfo, scheme: PermissionScheme, bit: SchemeBit): PermissionFacts {
    const alias = scheme === 'Application' ? applicationAlias(info.name, this.context.isAppRole) : undefined
    const name = alias?.to ?? info.name
    const aliased = name === info.name ? info : this.context.permissions.named(name)
    const details = aliased?.schemes[scheme] ?? info.schemes[scheme]
    return {
      name,
      key: name.toLowerCase(),
      aliasNote: alias === undefined ? undefined : `Application: ${alias.from} is not an app role; ${alias.to} is used instead (${alias.source}).`,
      privilegeLevel: details?.privilegeLevel,
      requiresAdminConsent: details?.requiresAdminConsent,
      excluded: info.rsc ? 'resource-specific-consent' : this.context.isHidden(name, bit) ? 'hidden' : undefined,
      id: null,
    }
  }
}
