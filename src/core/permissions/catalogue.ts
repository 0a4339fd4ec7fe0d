import type { PermissionScheme } from '../types.js'
import type { CatalogueModel, SchemeBit } from './model.js'
import { GRANT_STRIDE, SCHEMES } from './model.js'
import { ME_APPLICATION_NOTE } from './overrides.js'
import { requestSegments } from './request-path.js'
import type { ResolveContext } from './resolve.js'
import { resolveScheme } from './resolve.js'
import { fallbackAttempts } from './fallbacks.js'
import type { Attempt } from './fallbacks.js'
import { SegmentTrie } from './trie.js'
import type { EndpointPermissions, PermissionCatalogue, PermissionKind, SchemePermissions } from './types.js'

const URL_CACHE_LIMIT = 4096

/** The permission engine over a {@link CatalogueModel}: a segment trie plus lazily resolved endpoints. */
export class ModelCatalogue implements PermissionCatalogue {
  readonly stats: { readonly templates: number; readonly permissions: number }
  readonly model: CatalogueModel
  private readonly trie = new SegmentTrie()
  private readonly ids = new Map<string, string>()
  private readonly hidden = new Set<string>()
  private readonly endpoints = new Map<string, EndpointPermissions>()
  private readonly urls = new Map<string, EndpointPermissions | null>()
  private readonly context: ResolveContext

  constructor(model: CatalogueModel) {
    this.model = model
    this.stats = { templates: model.templates.length, permissions: model.permissions.length }
    model.templates.forEach((record, index) => this.trie.insert(record.key === '' ? [] : record.key.split('/'), index))
    for (const [kind, name, id] of model.ids) this.ids.set(`${kind}|${name.toLowerCase()}`, id)
    for (const [bit, name] of model.hidden) this.hidden.add(`${bit}|${name.toLowerCase()}`)
    const hasIds = model.ids.length > 0
    this.context = {
      permissions: model.permissions,
      alsoRequires: model.alsoRequires,
      permissionId: (name, kind) => this.permissionId(name, kind),
      isHidden: (name: string, bit: SchemeBit) => this.hidden.has(`${bit}|${name.toLowerCase()}`),
      isAppRole: hasIds ? (name: string) => this.ids.has(`a|${name.toLowerCase()}`) : undefined,
    }
  }

  permissionId(name: string, kind: PermissionKind): string | undefined {
    return this.ids.get(`${kind === 'application' ? 'a' : 'd'}|${name.toLowerCase()}`)
  }

  lookup(method: string, url: string): EndpointPermissions | undefined {
    const upper = method.toUpperCase()
    const effective = upper === 'HEAD' ? 'GET' : upper
    const cacheKey = `${effective} ${url}`
    const cached = this.urls.get(cacheKey)
    if (cached !== undefined) return cached ?? undefined
    const result = this.match(effective, requestSegments(url))
    if (this.urls.size >= URL_CACHE_LIMIT) this.urls.clear()
    this.urls.set(cacheKey, result ?? null)
    return result
  }

  private match(method: string, segments: string[]): EndpointPermissions | undefined {
    const accept = (template: number): boolean => this.model.templates[template]?.methods[method] !== undefined
    const direct = this.trie.match(segments, accept)
    if (direct !== -1) return this.endpoint(direct, method, { segments, fallback: 'none', notes: [] }, segments[0] === 'me')
    for (const attempt of fallbackAttempts(segments)) {
      const template = this.trie.match(attempt.segments, accept)
      if (template !== -1) return this.endpoint(template, method, attempt, segments[0] === 'me')
    }
    return undefined
  }

  private endpoint(template: number, method: string, attempt: Attempt, isMeRequest: boolean): EndpointPermissions {
    const key = `${template}|${method}|${attempt.fallback}|${attempt.notes.join('|')}|${isMeRequest ? 1 : 0}`
    let endpoint = this.endpoints.get(key)
    if (endpoint === undefined) {
      endpoint = this.resolve(template, method, attempt, isMeRequest)
      this.endpoints.set(key, endpoint)
    }
    return endpoint
  }

  private resolve(template: number, method: string, attempt: Attempt, isMeRequest: boolean): EndpointPermissions {
    const record = this.model.templates[template]
    const grants = record?.methods[method] ?? []
    const notes = [...attempt.notes]
    const schemes: Partial<Record<PermissionScheme, SchemePermissions>> = {}
    for (const scheme of SCHEMES) {
      if (scheme === 'Application' && isMeRequest) {
        if (listsApplication(grants)) notes.push(ME_APPLICATION_NOTE)
        continue
      }
      const resolved = resolveScheme(scheme, grants, this.context, notes)
      if (resolved !== undefined) schemes[scheme] = resolved
    }
    return Object.freeze({ method, template: record?.template ?? '', fallback: attempt.fallback, schemes, notes })
  }
}

function listsApplication(grants: readonly number[]): boolean {
  for (let at = 1; at < grants.length; at += GRANT_STRIDE) if (((grants[at] ?? 0) & 4) !== 0) return true
  return false
}
