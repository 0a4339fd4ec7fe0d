import { GraphDoctorError } from '../../errors.js'
import { foldedHash } from '../match/folding.js'
import { PARAM, QUALIFIED_PREFIX } from '../match/segments.js'
import { trieNodePaths } from './trie-paths.js'

/**
 * A node record: param child + 1 (0: none), method bits, and one bit per literal child (then per
 * `microsoft.graph.`-less alias) chosen by its hash, so that most segments that are no literal here
 * (ids) are rejected without a probe into the edge table.
 */
export const RECORD = 4
/**
 * An edge, 64 bytes: key + 1 (0: empty; the key is parent × 2, + 1 for a `microsoft.graph.`-less
 * alias), hash, child, name length, name offset in `chars`, a copy of the child's record (so one
 * step reads one cache line), then the name itself when it has at most {@link INLINE} characters.
 */
export const EDGE = 16
export const COPY = 5
export const NAME = 9
export const INLINE = (EDGE - NAME) * 2

/**
 * The storage of {@link SegmentTrie}, flat in typed arrays: nodes are ids, literal edges live in one
 * open-addressing table keyed by parent and segment.
 */
export abstract class TrieStore {
  protected nodes = new Int32Array(RECORD * 1024)
  /** Per node: offset + 1 of its (non-alias) incoming edge, whose record copy is kept in step. */
  protected nodeEdge = new Int32Array(1024)
  protected nodeCount = 1
  protected edges = new Int32Array(EDGE * 4096)
  protected inline = new Uint16Array(this.edges.buffer)
  /** Slots in {@link edges} - 1 (a power of two): kept as a field, not divided per probe. */
  protected slotMask = 4096 - 1
  protected edgeCount = 0
  /** The characters of every edge name (the edge holds offset and length): long names are compared here. */
  protected chars = ''
  /**
   * The characters of the names too long to sit in their edge, at their offsets in {@link chars}
   * (copied when the edge is placed): a typed array reads faster than `charCodeAt` of a string.
   */
  protected longNames = new Uint16Array(0)
  /** Where each name already is in {@link chars} (while building: names repeat across parents). */
  private readonly nameOffsets = new Map<string, number>()
  /** Templates per node while building; after {@link load}, {@link loaded} holds them. */
  private readonly building: (number[] | undefined)[] = []
  private loaded: TrieData | undefined
  /**
   * Per node loaded from an index, 1 until its edges are in the table: they are placed on the first
   * walk through the node, so a run that looks up one URL places a few hundred of some 6,000 edges.
   */
  protected unplaced = new Uint8Array(0)
  private walkPlacements = 0

  /** The ids of the templates ending at a node (spellings that normalise alike share a node). */
  templatesAt(node: number): number[] {
    const loaded = this.loaded
    if (loaded === undefined) return this.building[node] ?? []
    const ids: number[] = []
    const start = loaded.templateStart[node] as number
    const end = loaded.templateStart[node + 1] as number
    if (!(start >= 0 && start <= end && end <= loaded.templateIds.length)) invalidTrie()
    for (let at = start; at < end; at++) ids.push(loaded.templateIds[at] as number)
    return ids
  }

  insert(segments: readonly string[], template: number, methods: number): void {
    if (this.loaded !== undefined) throw new GraphDoctorError('ERR_USAGE', 'a trie loaded from an index is read-only')
    let node = 0
    for (const segment of segments) node = this.child(node, segment)
    const list = this.building[node]
    if (list === undefined) this.building[node] = [template]
    else list.push(template)
    this.setRecord(node, 1, (this.nodes[node * RECORD + 1] as number) | methods)
  }

  /** The offset of the edge `key` → `text[start, end)`, or -1. */
  protected abstract find(key: number, text: string, start: number, end: number, hash: number): number

  protected child(node: number, segment: string): number {
    if (segment === PARAM) {
      const param = (this.nodes[node * RECORD] as number) - 1
      if (param !== -1) return param
      const created = this.createNode()
      this.setRecord(node, 0, created + 1)
      return created
    }
    const existing = this.find(node * 2, segment, 0, segment.length, foldedHash(segment, 0, segment.length))
    if (existing !== -1) return this.edges[existing + 2] as number
    const created = this.createNode()
    this.addEdge(node * 2, segment, created)
    if (segment.startsWith(QUALIFIED_PREFIX)) this.addEdge(node * 2 + 1, segment.slice(QUALIFIED_PREFIX.length), created)
    return created
  }

  /** Write a field of a node's record and of the copy in its incoming edge. */
  protected setRecord(node: number, field: number, value: number): void {
    this.nodes[node * RECORD + field] = value
    const edge = (this.nodeEdge[node] as number) - 1
    if (edge !== -1) this.edges[edge + COPY + field] = value
  }

  protected createNode(): number {
    if ((this.nodeCount + 1) * RECORD > this.nodes.length) {
      this.nodes = grown(this.nodes, this.nodes.length * 2)
      this.nodeEdge = grown(this.nodeEdge, this.nodeEdge.length * 2)
    }
    return this.nodeCount++
  }

  protected addEdge(key: number, name: string, child: number): void {
    this.placeEdge(key, foldedHash(name, 0, name.length), child, name.length, this.nameOffset(name))
  }

  private nameOffset(name: string): number {
    const known = this.nameOffsets.get(name)
    if (known !== undefined) return known
    const offset = this.chars.length
    this.chars += name
    this.nameOffsets.set(name, offset)
    return offset
  }

  /** Add the edge `key` (parent × 2, + 1 for an alias) → child named `chars[offset, offset + length)`. */
  private placeEdge(key: number, hash: number, child: number, length: number, offset: number): void {
    if ((this.edgeCount + 1) * 2 > this.edges.length / EDGE) this.growEdges()
    const at = this.freeSlot(key, hash)
    this.edges.set([key + 1, hash, child, length, offset], at)
    this.edges.set(this.nodes.subarray(child * RECORD, child * RECORD + RECORD), at + COPY)
    this.copyInlineName(at, offset, length)
    if ((key & 1) === 0) this.nodeEdge[child] = at + 1
    const parent = key >> 1
    const field = (key & 1) === 0 ? 2 : 3
    this.setRecord(parent, field, (this.nodes[parent * RECORD + field] as number) | bloomBit(hash))
    this.edgeCount++
  }

  protected freeSlot(key: number, hash: number): number {
    const mask = this.slotMask
    let slot = slotOf(key, hash) & mask
    while (this.edges[slot * EDGE] !== 0) slot = (slot + 1) & mask
    return slot * EDGE
  }

  protected growEdges(): void {
    const old = this.edges
    this.edges = new Int32Array(old.length * 2)
    this.inline = new Uint16Array(this.edges.buffer)
    this.slotMask = this.edges.length / EDGE - 1
    for (let from = 0; from < old.length; from += EDGE) {
      const stored = old[from] as number
      if (stored === 0) continue
      const at = this.freeSlot(stored - 1, old[from + 1] as number)
      this.edges.set(old.subarray(from, from + EDGE), at)
      if (((stored - 1) & 1) === 0) this.nodeEdge[old[from + 2] as number] = at + 1
    }
  }

  /** The normalised segments of the path to every node (template keys), for benchmarks and checks. */
  paths(): string[][] {
    return trieNodePaths(this.data())
  }

  private copyInlineName(at: number, offset: number, length: number): void {
    if (length > INLINE) {
      this.copyLongName(offset, length)
      return
    }
    const base = (at + NAME) * 2
    for (let i = 0; i < length; i++) this.inline[base + i] = this.chars.charCodeAt(offset + i)
  }

  private copyLongName(offset: number, length: number): void {
    if (offset + length > this.longNames.length) {
      const grown = new Uint16Array(Math.max(this.chars.length, offset + length, this.longNames.length * 2))
      grown.set(this.longNames)
      this.longNames = grown
    }
    for (let i = 0; i < length; i++) this.longNames[offset + i] = this.chars.charCodeAt(offset + i)
  }

  /** Everything needed to rebuild this trie with {@link load}. */
  data(): TrieData {
    if (this.loaded !== undefined) return this.loaded
    const templateStart = [0]
    const templateIds: number[] = []
    const nodes: number[] = []
    for (let node = 0; node < this.nodeCount; node++) {
      templateIds.push(...(this.building[node] ?? []))
      templateStart.push(templateIds.length)
      nodes.push(this.nodes[node * RECORD] as number, this.nodes[node * RECORD + 1] as number)
    }
    const list: [number, number, number, number][] = []
    for (let at = 0; at < this.edges.length; at += EDGE) {
      if (this.edges[at] !== 0) list.push([(this.edges[at] as number) - 1, this.edges[at + 2] as number, this.edges[at + 3] as number, this.edges[at + 4] as number])
    }
    // By key (parent × 2, + 1 for an alias): a node's edges are found by binary search when first placed
    list.sort((a, b) => a[0] - b[0] || a[3] - b[3] || a[1] - b[1])
    return { chars: this.chars, nodes, edges: list.flat(), templateStart, templateIds }
  }

  /**
   * Take {@link data} (into an empty store): node records now, each node's edges when a walk first
   * passes through it ({@link placeChildren}). Throws `ERR_DATA_INVALID` when a reference is out of
   * range, here or when the edge is placed, so a corrupt index is an error rather than a wrong answer
   * or an endless probe.
   */
  load(data: TrieData): void {
    const { chars, nodes, edges, templateIds } = data
    const nodeCount = nodes.length / 2
    if (typeof chars !== 'string' || !Number.isInteger(nodeCount) || nodeCount < 1 || edges.length % EDGE_DATA !== 0 || data.templateStart.length !== nodeCount + 1) invalidTrie()
    if (data.templateStart[0] !== 0 || data.templateStart[nodeCount] !== templateIds.length) invalidTrie()
    this.chars = chars
    this.nodes = new Int32Array(nodeCount * RECORD)
    this.nodeEdge = new Int32Array(nodeCount)
    for (let node = 0; node < nodeCount; node++) {
      const param = nodes[node * 2] as number
      if (!(param >= 0 && param <= nodeCount)) invalidTrie()
      this.nodes[node * RECORD] = param
      this.nodes[node * RECORD + 1] = nodes[node * 2 + 1] as number
    }
    this.nodeCount = nodeCount
    checkEdgeOrder(edges, nodeCount)
    let size = EDGE * 16
    while ((edges.length / EDGE_DATA) * 2 > size / EDGE) size *= 2
    this.edges = new Int32Array(size)
    this.inline = new Uint16Array(this.edges.buffer)
    this.slotMask = size / EDGE - 1
    this.edgeCount = edges.length / EDGE_DATA
    this.unplaced = new Uint8Array(nodeCount).fill(1)
    this.loaded = data
  }

  /** Put the edges of `node` (of a loaded trie) into the table, and their bloom bits into its record. */
  protected placeChildren(node: number): void {
    this.unplaced[node] = 0
    const edges = (this.loaded as TrieData).edges
    for (let at = firstEdgeAtOrAfter(edges, node * 2); at < edges.length && (edges[at] as number) >> 1 === node; at += EDGE_DATA) {
      const key = edges[at] as number
      const child = edges[at + 1] as number
      const length = edges[at + 2] as number
      const offset = edges[at + 3] as number
      if (!(child > 0 && child < this.nodeCount && length >= 0 && offset >= 0 && offset + length <= this.chars.length)) invalidTrie()
      const hash = foldedHash(this.chars, offset, offset + length)
      const bloom = 2 + (key & 1)
      this.setRecord(node, bloom, (this.nodes[node * RECORD + bloom] as number) | bloomBit(hash))
      const slot = this.freeSlot(key, hash)
      const table = this.edges
      table[slot] = key + 1
      table[slot + 1] = hash
      table[slot + 2] = child
      table[slot + 3] = length
      table[slot + 4] = offset
      for (let field = 0; field < RECORD; field++) table[slot + COPY + field] = this.nodes[child * RECORD + field] as number
      this.copyInlineName(slot, offset, length)
      if ((key & 1) === 0) this.nodeEdge[child] = slot + 1
    }
  }

  /**
   * Place a node's edges on the walk that first reaches it; after {@link WALK_PLACEMENTS} of them, place
   * every node's: a long run then stops taking this branch in its lookups (each first time cost the
   * optimised lookup code a deoptimisation, and the lookups of the benchmark some 20 % for good).
   */
  protected placeOnWalk(node: number): void {
    if (++this.walkPlacements > WALK_PLACEMENTS) this.placeAll()
    else this.placeChildren(node)
  }

  /** Place every node's edges (paths, checks). */
  placeAll(): void {
    for (let node = 0; node < this.unplaced.length; node++) if (this.unplaced[node] !== 0) this.placeChildren(node)
  }

  /** Place every edge and read every node's templates: throws `ERR_DATA_INVALID` where any is out of range. */
  checkAll(): void {
    this.placeAll()
    for (let node = 0; node < this.nodeCount; node++) this.templatesAt(node)
  }
}

/** Nodes placed one by one before all are: a lookup places about one per literal segment. */
const WALK_PLACEMENTS = 64

/** The first edge (its offset in `edges`) whose key is at least `key`: edges are sorted by key. */
function firstEdgeAtOrAfter(edges: ArrayLike<number>, key: number): number {
  let low = 0
  let high = edges.length / EDGE_DATA
  while (low < high) {
    const middle = (low + high) >> 1
    if ((edges[middle * EDGE_DATA] as number) < key) low = middle + 1
    else high = middle
  }
  return low * EDGE_DATA
}

/**
 * Edges sorted by key, each key's parent a node: what the binary search of {@link TrieStore.placeChildren}
 * relies on to find every edge (an edge out of order would never be placed, a lookup would quietly miss it).
 * One pass over a few thousand integers at load.
 */
function checkEdgeOrder(edges: ArrayLike<number>, nodeCount: number): void {
  let previous = 0
  for (let at = 0; at < edges.length; at += EDGE_DATA) {
    const key = edges[at] as number
    if (!(Number.isInteger(key) && key >= previous && key < nodeCount * 2)) invalidTrie()
    previous = key
  }
}

function invalidTrie(): never {
  throw new GraphDoctorError('ERR_DATA_INVALID', 'the permission index is corrupt: a malformed trie')
}

/**
 * The trie as plain numbers and one string, which {@link TrieStore.load} turns back into its tables
 * (no template inserted; a node's edges are placed and hashed when a walk first reaches the node) and
 * the derived index stores as JSON. Bump INDEX_VERSION when
 * the layout or the hashes (`foldedHash`, {@link slotOf}) change.
 */
export interface TrieData {
  /** The characters of every segment name; edges give offset and length. */
  readonly chars: string
  /** Per node: param child + 1, method bits (the bloom words are rebuilt from the edges). */
  readonly nodes: ArrayLike<number>
  /** Per edge, sorted by key: key (parent × 2, + 1 for an alias), child, name length, name offset (hashes are recomputed when the edge is placed). */
  readonly edges: ArrayLike<number>
  /** Per node, where its templates start in {@link templateIds} (one more entry than nodes). */
  readonly templateStart: ArrayLike<number>
  /** Template ids grouped by the node they end at. */
  readonly templateIds: ArrayLike<number>
}

const EDGE_DATA = 4

function grown(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length)
  bigger.set(array)
  return bigger
}

export function bloomBit(hash: number): number {
  return 1 << (hash >>> 27)
}

export function slotOf(key: number, hash: number): number {
  const mixed = Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) ^ hash
  return mixed ^ (mixed >>> 16)
}
