import { GraphDoctorError } from '../../../errors.js'
import { foldedHash } from '../../match/folding.js'
import { PARAM, QUALIFIED_PREFIX } from '../../match/segments.js'
import { EdgeTable } from './edge-table.js'
import { EDGE, RECORD } from './trie-layout.js'
import type { TrieData } from './trie-data.js'
import { checkEdgeOrder, checkTrieShape, EDGE_DATA, invalidTrie, PARAM_CHILD } from './trie-data.js'
import { trieNodePaths } from './trie-paths.js'

/**
 * The storage of {@link SegmentTrie}: built template by template ({@link insert}), or loaded from an
 * index's {@link TrieData}, whose edges `LazyEdges` places when walks need them.
 */
export abstract class TrieStore extends EdgeTable {
  /** Where each name already is in {@link chars} (while building: names repeat across parents). */
  private readonly nameOffsets = new Map<string, number>()
  /** Templates per node while building; after {@link load}, {@link loaded} holds them. */
  private readonly building: (number[] | undefined)[] = []
  protected loaded: TrieData | undefined

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
    this.loaded = data
  }

  /** Place every node's edges (checks). */
  abstract placeAll(): void

  /** Place every edge and read every node's templates: throws `ERR_DATA_INVALID` where any is out of range. */
  checkAll(): void {
    this.placeAll()
    for (let node = 0; node < this.nodeCount; node++) this.templatesAt(node)
  }
}
