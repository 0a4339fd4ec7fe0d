import { foldedHash } from './folding.js'
import { PARAM, QUALIFIED_PREFIX } from './segments.js'

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
  protected chars = new Uint16Array(16384)
  protected charCount = 0
  /** Ids of the templates ending at a node (spellings that normalise alike share a node). */
  readonly templates: (number[] | undefined)[] = []

  insert(segments: readonly string[], template: number, methods: number): void {
    let node = 0
    for (const segment of segments) node = this.child(node, segment)
    const list = this.templates[node]
    if (list === undefined) this.templates[node] = [template]
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
    if ((this.edgeCount + 1) * 2 > this.edges.length / EDGE) this.growEdges()
    if (this.charCount + name.length > this.chars.length) {
      const bigger = new Uint16Array(Math.max(this.chars.length * 2, this.charCount + name.length))
      bigger.set(this.chars)
      this.chars = bigger
    }
    const offset = this.charCount
    for (let i = 0; i < name.length; i++) this.chars[offset + i] = name.charCodeAt(i)
    this.charCount += name.length
    const hash = foldedHash(name, 0, name.length)
    const at = this.freeSlot(key, hash)
    this.edges.set([key + 1, hash, child, name.length, offset], at)
    this.edges.set(this.nodes.subarray(child * RECORD, child * RECORD + RECORD), at + COPY)
    if (name.length <= INLINE) this.inline.set(this.chars.subarray(offset, offset + name.length), (at + NAME) * 2)
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
}

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
