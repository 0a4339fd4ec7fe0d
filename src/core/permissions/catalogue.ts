import type { PermissionScheme } from '../types.js'
import type { CatalogueModel, LazyTemplateSource, SchemeBit } from './model.js'
import { GRANT_STRIDE, SCHEMES, entryOf, hiddenKey, methodBit } from './model.js'
import { ME_APPLICATION_NOTE } from './overrides.js'
import { requestSegments } from './match/request-path.js'
import { scanRequest } from './match/request-scan.js'
import { scanned, scannedSegments, segmentIs, segmentText } from './match/scanned.js'
import type { ResolveContext } from './match/resolve.js'
import { resolveScheme } from './match/resolve.js'
import { fallbackAttempts } from './match/fallbacks.js'
import type { Attempt } from './match/fallbacks.js'
import { SegmentTrie } from './index/trie.js'
import { PathCache } from './index/path-cache.js'
import { PARAM, QUALIFIED_PREFIX } from './match/segments.js'
import type { EndpointPermissions, PermissionCatalogue, PermissionKind, SchemePermissions } from './types.js'

/** Per trie node: five methods, each plain and `/me`. */
const ENDPOINT_SLOTS = 10
const DIRECT: Attempt = { segments: [], fallback: 'none', notes: [] }

/** The permission engine over a {@link CatalogueModel}: a segment trie plus lazily resolved endpoints. */
export class ModelCatalogue implements PermissionCatalogue {
  readonly stats: { readonly templates: number; readonly permissions: number }
  readonly model: CatalogueModel
  private readonly trie = new SegmentTrie()
  private readonly endpoints = new Map<string, EndpointPermissions>()
  /** Answers of direct matches by trie node, method and `/me` (see {@link ENDPOINT_SLOTS}). */
  private directEndpoints: (EndpointPermissions | undefined)[] = []
  /** Groups of templates (by first segment) not yet inserted into the trie. */
  private readonly pending: Map<string, readonly number[]>
  /** The templates to build the trie from on first use (none when the model brings the trie). */
  private readonly lazy: LazyTemplateSource | undefined
  private readonly cache = new PathCache()
  private readonly context: ResolveContext

  constructor(model: CatalogueModel) {
    this.model = model
    this.stats = { templates: model.templates.count, permissions: model.permissions.length }
    if (model.trie === undefined) {
      this.lazy = model.templates
      this.pending = new Map(model.templates.groups)
      this.ensureGroup(PARAM)
    } else {
      this.trie.load(model.trie)
      this.pending = new Map()
    }
    this.context = {
      permissions: model.permissions,
      alsoRequires: model.alsoRequires,
      permissionId: (name, kind) => this.permissionId(name, kind),
      isHidden: (name: string, bit: SchemeBit) => entryOf(model.hidden, hiddenKey(bit, name)) !== undefined,
      isAppRole: model.ids.isEmpty ? undefined : (name: string) => model.ids.id('a', name) !== undefined,
    }
  }

  templatePaths(): readonly (readonly string[])[] {
    return this.prepareAll().paths()
  }

  permissionId(name: string, kind: PermissionKind): string | undefined {
    return this.model.ids.id(kind === 'application' ? 'a' : 'd', name)
  }

  lookup(method: string, url: string): EndpointPermissions | undefined {
    const effective = normaliseMethod(method)
    const slot = this.cache.slot(url)
    const cached = this.cache.get(slot, effective, url)
    if (cached !== undefined) return cached ?? undefined
    return this.cache.set(slot, effective, url, this.match(effective, url))
  }

  private match(method: string, url: string): EndpointPermissions | undefined {
    const accept = methodBit(method)
    if (accept === 0) return undefined
    // The usual case: the URL scanned in place, no segment strings.
    if (!scanRequest(url)) return this.matchSegments(method, accept, requestSegments(url))
    if (this.pending.size > 0) this.ensureGroups(scannedFirst())
    const node = this.trie.matchScanned(accept)
    if (node !== -1) return this.directEndpoint(node, method, accept, segmentIs(0, 'me'))
    return this.matchFallbacks(method, accept, scannedSegments())
  }

  private matchSegments(method: string, accept: number, segments: string[]): EndpointPermissions | undefined {
    this.ensureGroups(segments[0])
    const node = this.trie.match(segments, accept)
    if (node !== -1) return this.directEndpoint(node, method, accept, segments[0] === 'me')
    return this.matchFallbacks(method, accept, segments)
  }

  private matchFallbacks(method: string, accept: number, segments: string[]): EndpointPermissions | undefined {
    for (const attempt of fallbackAttempts(segments)) {
      this.ensureGroups(attempt.segments[0])
      const node = this.trie.match(attempt.segments, accept)
      if (node !== -1) return this.endpoint(this.trie.templatesAt(node), method, attempt, segments[0] === 'me')
    }
    return undefined
  }

  /** A direct match's answer, kept on its trie node per method and `/me`. */
  private directEndpoint(node: number, method: string, accept: number, isMeRequest: boolean): EndpointPermissions {
    // The method bit's position, twice (plain and `/me`)
    const slot = (31 - Math.clz32(accept)) * 2 + (isMeRequest ? 1 : 0)
    const at = node * ENDPOINT_SLOTS + slot
    let endpoint = this.directEndpoints[at]
    if (endpoint === undefined) {
      endpoint = this.resolve(this.trie.templatesAt(node), method, DIRECT, isMeRequest)
      // Grown in one native step: pushing one slot at a time cost ~40 ms of a cold start.
      if (at >= this.directEndpoints.length) this.directEndpoints = this.directEndpoints.concat(new Array(at + 1 - this.directEndpoints.length).fill(undefined))
      this.directEndpoints[at] = endpoint
    }
    return endpoint
  }

  /** The whole trie (built now if it is built group by group on first use), for the index and benchmarks. */
  prepareAll(): SegmentTrie {
    for (const group of [...this.pending.keys()]) this.ensureGroup(group)
    return this.trie
  }

  /** Insert the templates that start with this segment (qualified or not) into the trie, once. */
  private ensureGroups(first: string | undefined): void {
    if (this.pending.size === 0) return
    const segment = first ?? ''
    this.ensureGroup(segment)
    const isQualified = segment.startsWith(QUALIFIED_PREFIX)
    this.ensureGroup(isQualified ? segment.slice(QUALIFIED_PREFIX.length) : QUALIFIED_PREFIX + segment)
  }

  private ensureGroup(group: string): void {
    const ids = this.pending.get(group)
    const lazy = this.lazy
    if (ids === undefined || lazy === undefined) return
    this.pending.delete(group)
    for (const id of ids) {
      const key = lazy.key(id)
      this.trie.insert(key === '' ? [] : key.split('/'), id, lazy.methods(id))
    }
  }

  /** Fallback answers are cached by template, method and rewrite. */
  private endpoint(templates: readonly number[], method: string, attempt: Attempt, isMeRequest: boolean): EndpointPermissions {
    const key = `${templates[0] ?? -1}|${method}|${attempt.fallback}|${attempt.notes.join('|')}|${isMeRequest ? 1 : 0}`
    let endpoint = this.endpoints.get(key)
    if (endpoint === undefined) {
      endpoint = this.resolve(templates, method, attempt, isMeRequest)
      this.endpoints.set(key, endpoint)
    }
    return endpoint
  }

  /** Resolve least privilege over the union of the grants of every spelling of the template. */
  private resolve(templates: readonly number[], method: string, attempt: Attempt, isMeRequest: boolean): EndpointPermissions {
    const records = templates.map((id) => this.model.templates.record(id)).filter((record) => record.methods[method] !== undefined)
    const grants = records.flatMap((record) => record.methods[method] ?? [])
    const record = records[0]
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

/** The first scanned segment as a string, for the lazy trie groups (undefined for the root path). */
function scannedFirst(): string | undefined {
  return scanned.count === 0 ? undefined : segmentText(0)
}

/** Upper-case method, HEAD answered as GET (PUT and PATCH stay distinct). */
function normaliseMethod(method: string): string {
  if (method === 'GET' || method === 'POST' || method === 'PATCH' || method === 'DELETE' || method === 'PUT') return method
  const upper = method.toUpperCase()
  return upper === 'HEAD' ? 'GET' : upper
}
