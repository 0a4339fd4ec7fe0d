import { GraphDoctorError } from '../../../errors.js'
import { foldedHash } from '../../match/folding.js'
import { PARAM, QUALIFIED_PREFIX } from '../../match/segments.js'
import { EdgeTable } from './edge-table.js'
import { bloomBit, COPY, EDGE, RECORD } from './trie-layout.js'
import type { TrieData } from './trie-data.js'
import { checkEdgeOrder, checkTrieShape, EDGE_DATA, firstEdgeAtOrAfter, invalidTrie, PARAM_CHILD } from './trie-data.js'
import { trieNodePaths } from './trie-paths.js'
import { storedLiteral } from './stored-edges.js'

/** Nodes placed one by one before all are: a lookup places about one per literal segment. */
const WALK_PLACEMENTS = 64
/** Walks that read a node's stored edges ({@link storedLiteral}) before its edges are placed. */
const SEARCHES_BEFORE_PLACING = 16
/** What {@link TrieStore.unplacedEdge} returns once it has placed the node's edges (no child is the root). */
export const NOW_PLACED = -2

/**
 * The storage of {@link SegmentTrie}: built template by template ({@link insert}), or loaded from an
 * index's {@link TrieData} with each node's edges placed when a walk first reaches it.
 */
export abstract class TrieStore extends EdgeTable {
  /** Where each name already is in {@link chars} (while building: names repeat across parents). */
  private readonly nameOffsets = new Map<string, number>()
  /** Templates per node while building; after {@link load}, {@link loaded} holds them. */
  private readonly building: (number[] | undefined)[] = []
  private loaded: TrieData | undefined
  /**
   * Per node loaded from an index, 0 once its edges are in the table, else 1 + the walks that read its
   * stored edges instead ({@link unplacedEdge}): a run that looks up a few URLs places none of some
   * 6,000 edges, a long run places a node's on its 17th walk, and all after {@link WALK_PLACEMENTS} nodes.
   */
  protected unplaced = new Uint8Array(0)
  private walkPlacements = 0

  /** The ids of the templates ending at a node (spellings that normalise alike share a node). */
  templatesAt(node: number): number[] {
    const loaded = this.loaded
    if (loaded === undefined) return this.building[node] ?? []
    const ids: number[] = []
    const { templateStart, templateIds } = loaded
    const start = templateStart[node] as number
    const end = templateStart[node + 1] as number
    if (!(start >= 0 && start <= end && end <= (templateIds?.length ?? (templateStart[this.nodeCount] as number)))) invalidTrie()
    for (let at = start; at < end; at++) ids.push(templateIds === undefined ? at : (templateIds[at] as number))
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

  /** The normalised segments of the path to every node (template keys), for benchmarks and checks. */
  paths(): string[][] {
    return trieNodePaths(this.data())
  }

  /** Everything needed to rebuild this trie with {@link load}. */
  data(): TrieData {
    if (this.loaded !== undefined) return this.loaded
    const templateStart = [0]
    const templateIds: number[] = []
    const parents = new Array<number>(this.nodeCount).fill(0)
    const methods: number[] = []
    for (let node = 0; node < this.nodeCount; node++) {
      templateIds.push(...(this.building[node] ?? []))
      templateStart.push(templateIds.length)
      methods.push(this.nodes[node * RECORD + 1] as number)
    }
    for (let node = 0; node < this.nodeCount; node++) {
      const param = (this.nodes[node * RECORD] as number) - 1
      if (param === -1) continue
      parents[param] = node
      methods[param] = (methods[param] as number) | PARAM_CHILD
    }
    const list: [number, number, number, number][] = []
    for (let at = 0; at < this.edges.length; at += EDGE) {
      const key = (this.edges[at] as number) - 1
      if (key === -1) continue
      list.push([key, this.edges[at + 2] as number, this.edges[at + 3] as number, this.edges[at + 4] as number])
      if ((key & 1) === 0) parents[this.edges[at + 2] as number] = key >> 1
    }
    // By key (parent × 2, + 1 for an alias): a node's edges are found by binary search when first placed
    list.sort((a, b) => a[0] - b[0] || a[3] - b[3] || a[1] - b[1])
    return { chars: this.chars, parents, methods, edges: list.flat(), templateStart, templateIds }
  }

  /**
   * Take {@link data} (into an empty store): node records now, each node's edges when a walk first
   * passes through it ({@link placeChildren}). Throws `ERR_DATA_INVALID` when a reference is out of
   * range, here or when the edge is placed, so a corrupt index is an error rather than a wrong answer
   * or an endless probe.
   */
  load(data: TrieData): void {
    const nodeCount = checkTrieShape(data)
    const { parents, methods, edges } = data
    this.chars = data.chars
    const records = new Int32Array(nodeCount * RECORD)
    this.nodes = records
    this.nodeEdge = new Int32Array(nodeCount)
    records[1] = (methods[0] as number) & ~PARAM_CHILD
    // One plain pass in code not yet optimised: a parent is checked where a placeholder child names it (the rest where a walk or a path reads it).
    for (let node = 1; node < nodeCount; node++) {
      const bits = methods[node] as number
      records[node * RECORD + 1] = bits & ~PARAM_CHILD
      if (bits < PARAM_CHILD) continue
      const parent = parents[node] as number
      if (!(parent < node) || records[parent * RECORD] !== 0) invalidTrie()
      records[parent * RECORD] = node + 1
    }
    this.nodeCount = nodeCount
    checkEdgeOrder(edges, nodeCount)
    this.emptyTable(edges.length / EDGE_DATA)
    this.unplaced = new Uint8Array(nodeCount).fill(1)
    this.loaded = data
  }

  /** Put the edges of `node` (of a loaded trie) into the table, and their bloom bits into its record. */
  protected placeChildren(node: number): void {
    this.unplaced[node] = 0
    const loaded = this.loaded as TrieData
    const edges = loaded.edges
    for (let at = firstEdgeAtOrAfter(edges, node * 2); at < edges.length && (edges[at] as number) >> 1 === node; at += EDGE_DATA) {
      const key = edges[at] as number
      const child = edges[at + 1] as number
      const length = edges[at + 2] as number
      const offset = edges[at + 3] as number
      if (!(child > 0 && child < this.nodeCount && length >= 0 && offset >= 0 && offset + length <= this.chars.length)) invalidTrie()
      if ((key & 1) === 0 && (loaded.parents[child] !== node || ((loaded.methods[child] as number) & PARAM_CHILD) !== 0)) invalidTrie()
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
   * For a walk through a node whose edges are not placed: the literal child named `text[start, end)`
   * read from the stored edges, as -(child + 2), or -1; after {@link SEARCHES_BEFORE_PLACING} such
   * walks, the node's edges are placed instead and this returns {@link NOW_PLACED}.
   */
  protected unplacedEdge(node: number, text: string, start: number, end: number): number {
    const searches = this.unplaced[node] as number
    if (searches > SEARCHES_BEFORE_PLACING) {
      this.placeOnWalk(node)
      return NOW_PLACED
    }
    this.unplaced[node] = searches + 1
    const child = storedLiteral(this.loaded as TrieData, node, text, start, end)
    return child === -1 ? -1 : -child - 2
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

  /** Place every node's edges (checks). */
  placeAll(): void {
    for (let node = 0; node < this.unplaced.length; node++) if (this.unplaced[node] !== 0) this.placeChildren(node)
  }

  /** Place every edge and read every node's templates: throws `ERR_DATA_INVALID` where any is out of range. */
  checkAll(): void {
    this.placeAll()
    for (let node = 0; node < this.nodeCount; node++) this.templatesAt(node)
  }
}
