import type { IdKind, SchemeBit } from './model.js'
import { SCHEME_BIT } from './model.js'
import type { Json } from './json.js'
import { isObject } from './json.js'

export interface GuidTables {
  readonly ids: [IdKind, string, string][]
  readonly hidden: [SchemeBit, string][]
}

/**
 * Merge the scope and app-role GUIDs (permissions-data.md §3): descriptions first (the service
 * principal's own lists), then provisioningInfo entries that have an id, are not disabled and are
 * deployed to an empty or `public` environment. Keyed by (kind, name), never by name alone.
 */
export function mergeGuidTables(descriptions: unknown, provisioningInfo: unknown): GuidTables {
  const ids = new Map<string, [IdKind, string, string]>()
  const add = (kind: IdKind, name: unknown, id: unknown): void => {
    if (typeof name !== 'string' || typeof id !== 'string' || id.length === 0) return
    const key = `${kind}|${name.toLowerCase()}`
    if (!ids.has(key)) ids.set(key, [kind, name, id])
  }
  if (isObject(descriptions)) {
    for (const scope of listOf(descriptions['delegatedScopesList'])) add('d', scope['value'], scope['id'])
    for (const role of listOf(descriptions['applicationScopesList'])) add('a', role['value'], role['id'])
  }
  const listed = new Set(ids.keys())
  const hidden = collectProvisioning(provisioningInfo, add)
  // A name the service principal lists is visible, whatever provisioning says.
  const visible = hidden.filter(([bit, name]) => !listed.has(`${bit === 4 ? 'a' : 'd'}|${name.toLowerCase()}`))
  return { ids: [...ids.values()], hidden: visible }
}

function collectProvisioning(
  provisioningInfo: unknown,
  add: (kind: IdKind, name: unknown, id: unknown) => void,
): [SchemeBit, string][] {
  const hidden: [SchemeBit, string][] = []
  if (!isObject(provisioningInfo) || !isObject(provisioningInfo['permissionDeployments'])) return hidden
  for (const [name, deployments] of Object.entries(provisioningInfo['permissionDeployments'])) {
    const byScheme = new Map<SchemeBit, boolean>()
    for (const deployment of listOf(deployments)) {
      const scheme = deployment['scheme']
      if (scheme !== 'DelegatedWork' && scheme !== 'DelegatedPersonal' && scheme !== 'Application') continue
      if (!isPublic(deployment)) continue
      add(scheme === 'Application' ? 'a' : 'd', name, deployment['id'])
      const bit = SCHEME_BIT[scheme]
      byScheme.set(bit, (byScheme.get(bit) ?? true) && deployment['isHidden'] === true)
    }
    for (const [bit, isHidden] of byScheme) if (isHidden) hidden.push([bit, name])
  }
  return hidden
}

function isPublic(deployment: Json): boolean {
  if (deployment['isEnabled'] === false) return false
  const environment = deployment['environment']
  if (environment === undefined || environment === '') return true
  return typeof environment === 'string' && environment.toLowerCase().includes('public')
}

function listOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : []
}
