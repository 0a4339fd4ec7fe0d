import { equalsFolded, fold, foldedHash } from './literal-table.js'
import { loadSegments, scanned } from './scanned.js'
import { PARAM, QUALIFIED_PREFIX } from './segments.js'

/**
 * A node record: param child + 1 (0: none), method bits, and one bit per literal child (then per
 * `microsoft.graph.`-less alias) chosen by its hash, so that most segments that are no literal here
 * (ids) are rejected without a probe into the edge table.
 */
const RECORD = 4
/**
 * An edge, 64 bytes: key + 1 (0: empty; the key is parent × 2, + 1 for a `microsoft.graph.`-less
 * alias), hash, child, name length, name offset in `chars`, a copy of the child's record (so one
 * step reads one cache line), then the name itself when it has at most {@link INLINE} characters.
 */
const EDGE = 16
const COPY = 5
const NAME = 9
const INLINE = (EDGE - NAME) * 2

/**
 * A segment trie over normalised templates, flat in typed arrays: nodes are ids, literal edges live
 * in one open-addressing table keyed by parent and segment. Matching prefers literals, backtracks
 * when a literal leads nowhere, and among complete matches keeps the one with the most literal
 * segments. Request segments are read from the shared {@link scanned} buffer and compared in place.
 */
export class SegmentTrie {
  private nodes = new Int32Array(RECORD * 1024)
  /** Per node: offset + 1 of its (non-alias) incoming edge, whose record copy is kept in step. */
  private nodeEdge = new Int32Array(1024)
  private nodeCount = 1
  private edges = new Int32Array(EDGE * 4096)
  private inline = new Uint16Array(this.edges.buffer)
  private edgeCount = 0
  /** Every edge name (length, then characters), for long names and growth. */
  private chars = new Uint16Array(16384)
  private charCount = 0
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

  /** The best matching node for the {@link scanned} segments that lists the method (a `methodBit`), or -1. */
  matchScanned(method: number): number {
    search.best = -1
    search.bestLiterals = -1
    search.count = scanned.count
    search.accept = method
    this.walk(0, this.nodes, 0, 0, 0)
    return search.best
  }

  /** {@link matchScanned} for segments given as strings (overwrites the scanned buffer). */
  match(segments: readonly string[], method: number): number {
    loadSegments(segments)
    return scanned.overflow ? -1 : this.matchScanned(method)
  }

  /** `record[at…]` is the node's record (its own, or the copy in the edge that led here). */
  private walk(node: number, record: Int32Array, at: number, index: number, literals: number): void {
    if (literals + (search.count - index) <= search.bestLiterals) return
    if (index === search.count) {
      if (((record[at + 1] as number) & search.accept) !== 0 && this.templates[node] !== undefined) {
        search.best = node
        search.bestLiterals = literals
      }
      return
    }
    if (scanned.param[index] === 0) {
      const edge = this.literalEdge(node, record, at, index)
      if (edge >= 0) this.walk(this.edges[edge + 2] as number, this.edges, edge + COPY, index + 1, literals + 1)
      else if (edge < -1) this.walk(-edge - 2, this.nodes, (-edge - 2) * RECORD, index + 1, literals + 1)
    }
    const param = (record[at] as number) - 1
    // `$value`, `$ref`, `$count` are never ids
    if (param !== -1 && (scanned.text[index] as string).charCodeAt(scanned.start[index] as number) !== 36) {
      this.walk(param, this.nodes, param * RECORD, index + 1, literals)
    }
  }

  /**
   * The edge for segment `index` (its offset), trying `microsoft.graph.x` and `x` both ways; an alias
   * edge as -(child + 2); -1 if none.
   */
  private literalEdge(node: number, record: Int32Array, at: number, index: number): number {
    const text = scanned.text[index] as string
    const start = scanned.start[index] as number
    const end = scanned.end[index] as number
    const hash = scanned.hash[index] as number
    const literals = record[at + 2] as number
    if ((literals & bloomBit(hash)) !== 0) {
      const direct = this.find(node * 2, text, start, end, hash)
      if (direct !== -1) return direct
    }
    const bare = start + QUALIFIED_PREFIX.length
    if (end >= bare && equalsFolded(QUALIFIED_PREFIX, text, start)) {
      const bareHash = foldedHash(text, bare, end)
      return (literals & bloomBit(bareHash)) === 0 ? -1 : this.find(node * 2, text, bare, end, bareHash)
    }
    if (((record[at + 3] as number) & bloomBit(hash)) === 0) return -1
    const alias = this.find(node * 2 + 1, text, start, end, hash)
    return alias === -1 ? -1 : -(this.edges[alias + 2] as number) - 2
  }

  private find(key: number, text: string, start: number, end: number, hash: number): number {
    const { edges } = this
    const mask = edges.length / EDGE - 1
    const length = end - start
    for (let slot = slotOf(key, hash) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * EDGE
      const stored = edges[at] as number
      if (stored === 0) return -1
      if (stored === key + 1 && edges[at + 1] === hash && edges[at + 3] === length && this.sameName(at, text, start, length)) return at
    }
  }

  private sameName(at: number, text: string, start: number, length: number): boolean {
    const names = length <= INLINE ? this.inline : this.chars
    const from = length <= INLINE ? (at + NAME) * 2 : (this.edges[at + 4] as number)
    for (let i = 0; i < length; i++) {
      const char = text.charCodeAt(start + i)
      const expected = names[from + i] as number
      if (char !== expected && fold(char) !== expected) return false
    }
    return true
  }

  private child(node: number, segment: string): number {
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
  private setRecord(node: number, field: number, value: number): void {
    this.nodes[node * RECORD + field] = value
    const edge = (this.nodeEdge[node] as number) - 1
    if (edge !== -1) this.edges[edge + COPY + field] = value
  }

  private createNode(): number {
    if ((this.nodeCount + 1) * RECORD > this.nodes.length) {
      this.nodes = grown(this.nodes, this.nodes.length * 2)
      this.nodeEdge = grown(this.nodeEdge, this.nodeEdge.length * 2)
    }
    return this.nodeCount++
  }

  private addEdge(key: number, name: string, child: number): void {
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

  private freeSlot(key: number, hash: number): number {
    const mask = this.edges.length / EDGE - 1
    let slot = slotOf(key, hash) & mask
    while (this.edges[slot * EDGE] !== 0) slot = (slot + 1) & mask
    return slot * EDGE
  }

  private growEdges(): void {
    const old = this.edges
    this.edges = new Int32Array(old.length * 2)
    this.inline = new Uint16Array(this.edges.buffer)
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

function bloomBit(hash: number): number {
  return 1 << (hash >>> 27)
}

function slotOf(key: number, hash: number): number {
  const mixed = Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) ^ hash
  return mixed ^ (mixed >>> 16)
}

// The state of the running match (single-threaded and not re-entrant: nothing allocated per lookup).
const search = { best: -1, bestLiterals: -1, count: 0, accept: 0 }
