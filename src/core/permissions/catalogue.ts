import type { CatalogueModel, LazyTemplateSource, SchemeBit } from './model.js'
import { entryOf, hiddenKey, methodBit } from './model.js'
import { requestSegments } from './match/request-path.js'
import { scanRequest } from './match/request-scan.js'
import { scanned, scannedSegments, segmentIs, segmentText } from './match/scanned.js'
import type { ResolveContext } from './match/resolve.js'
import { EndpointResolver } from './match/resolve-endpoint.js'
import { fallbackAttempts } from './match/fallbacks.js'
import type { Attempt } from './match/fallbacks.js'
import { SegmentTrie } from './index/trie/trie.js'
import { PathCache } from './match/path-cache.js'
import { PARAM, QUALIFIED_PREFIX } from './match/segments.js'
import type { EndpointPermissions, PermissionCatalogue, PermissionKind } from './types.js'

/** Per trie node: five methods, each plain and `/me`. */
const ENDPOINT_SLOTS = 10
const DIRECT: Attempt = { segments: [], fallback: 'none', notes: [] }

/** The permission engine over a {@link CatalogueModel}: a segment trie plus lazily resolved endpoints. */
export class ModelCatalogue implements PermissionCatalogue {
  readonly stats: { readonly templates: number; readonly permissions: number }
  readonly model: CatalogueModel
  private readonly trie = new SegmentTrie()
  private readonly endpoints = new Map<string, EndpointPermissions>()
  /** Per trie node, method and `/me` (see {@link ENDPOINT_SLOTS}): 1 + the answer's place in {@link directAnswers}, 0 for none yet. */
  private directSlots = new Int32Array(0)
  /** The answers of direct matches, in the order they were first asked for (a packed array). */
  private readonly directAnswers: EndpointPermissions[] = []
  /** Groups of templates (by first segment) not yet inserted into the trie. */
  private readonly pending: Map<string, readonly number[]>
  /** The templates to build the trie from on first use (none when the model brings the trie). */
  private readonly lazy: LazyTemplateSource | undefined
  private readonly cache = new PathCache()
  private readonly resolver: EndpointResolver

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
    const context: ResolveContext = {
      permissions: model.permissions,
      alsoRequires: model.alsoRequires,
      permissionId: (name, kind) => this.permissionId(name, kind),
      isHidden: (name: string, bit: SchemeBit) => entryOf(model.hidden, hiddenKey(bit, name)) !== undefined,
      isAppRole: model.ids.isEmpty ? undefined : (name: string) => model.ids.id('a', name) !== undefined,
    }
    this.resolver = new EndpointResolver(model.templates, context)
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
    const slots = this.directSlots
    const known = at < slots.length ? (slots[at] as number) : 0
    if (known !== 0) return this.directAnswers[known - 1] as EndpointPermissions
    const endpoint = this.resolver.endpoint(this.trie.templatesAt(node), method, DIRECT, isMeRequest)
    if (at >= slots.length) this.growDirectSlots(at)
    this.directAnswers.push(endpoint)
    this.directSlots[at] = this.directAnswers.length
    return endpoint
  }

  /**
   * Room for slot `at`, at least doubling. A typed array: growing a JS array of answers (by `concat`,
   * or one slot at a time) cost more than most first lookups of an endpoint.
   */
  private growDirectSlots(at: number): void {
    const grown = new Int32Array(Math.max(at + 1, this.directSlots.length * 2, 1024))
    grown.set(this.directSlots)
    this.directSlots = grown
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
      endpoint = this.resolver.endpoint(templates, method, attempt, isMeRequest)
      this.endpoints.set(key, endpoint)
    }
    return endpoint
  }
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
