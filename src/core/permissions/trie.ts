import { equalsFolded, fold, foldedHash } from './literal-table.js'
import { loadSegments, scanned } from './scanned.js'
import { PARAM, QUALIFIED_PREFIX } from './segments.js'
import type { EndpointPermissions } from './types.js'

/** Per node: param child + 1 (0: none), method bits. */
const NODE_STRIDE = 2
/** Per edge slot: key + 1 (0: empty; the key is parent × 2, + 1 for the `microsoft.graph.`-less alias), hash, child, name offset. */
const EDGE_STRIDE = 4

/**
 * A segment trie over normalised templates, flat in typed arrays (nodes are ids; literal edges live in
 * one open-addressing table keyed by parent and segment): a lookup touches a few cache lines per
 * segment instead of chasing objects. Matching prefers literals, backtracks when a literal leads
 * nowhere, and among complete matches keeps the one with the most literal segments. Request segments
 * are read from the shared {@link scanned} buffer and compared in place.
 */
export class SegmentTrie {
  private nodes = new Int32Array(NODE_STRIDE * 1024)
  private nodeCount = 1
  private edges = new Int32Array(EDGE_STRIDE * 4096)
  private edgeCount = 0
  /** Edge names, each stored as its length followed by its characters. */
  private chars = new Uint16Array(16384)
  private charCount = 0
  /** Ids of the templates ending at a node (spellings that normalise alike share a node). */
  readonly templates: (number[] | undefined)[] = []
  /** Resolved answers of direct matches, per node: per method and `/me` (kept by the catalogue). */
  readonly endpoints: (EndpointPermissions[] | undefined)[] = []

  insert(segments: readonly string[], template: number, methods: number): void {
    let node = 0
    for (const segment of segments) node = this.child(node, segment)
    const list = this.templates[node]
    if (list === undefined) this.templates[node] = [template]
    else list.push(template)
    const at = node * NODE_STRIDE + 1
    this.nodes[at] = (this.nodes[at] as number) | methods
  }

  /** The best matching node for the {@link scanned} segments that lists the method (a `methodBit`), or -1. */
  matchScanned(method: number): number {
    search.best = -1
    search.bestLiterals = -1
    search.count = scanned.count
    search.accept = method
    this.walk(0, 0, 0)
    return search.best
  }

  /** {@link matchScanned} for segments given as strings (overwrites the scanned buffer). */
  match(segments: readonly string[], method: number): number {
    loadSegments(segments)
    return scanned.overflow ? -1 : this.matchScanned(method)
  }

  private walk(node: number, index: number, literals: number): void {
    if (literals + (search.count - index) <= search.bestLiterals) return
    const at = node * NODE_STRIDE
    if (index === search.count) {
      if (((this.nodes[at + 1] as number) & search.accept) !== 0 && this.templates[node] !== undefined) {
        search.best = node
        search.bestLiterals = literals
      }
      return
    }
    if (scanned.param[index] === 0) {
      const next = this.literalChild(node, index)
      if (next !== -1) this.walk(next, index + 1, literals + 1)
    }
    const param = (this.nodes[at] as number) - 1
    // `$value`, `$ref`, `$count` are never ids
    if (param !== -1 && (scanned.text[index] as string).charCodeAt(scanned.start[index] as number) !== 36) this.walk(param, index + 1, literals)
  }

  /** The literal child for segment `index`, trying `microsoft.graph.x` and `x` both ways; -1 if none. */
  private literalChild(node: number, index: number): number {
    const text = scanned.text[index] as string
    const start = scanned.start[index] as number
    const end = scanned.end[index] as number
    const hash = scanned.hash[index] as number
    const direct = this.find(node * 2, text, start, end, hash)
    if (direct !== -1) return direct
    const bare = start + QUALIFIED_PREFIX.length
    if (end >= bare && equalsFolded(QUALIFIED_PREFIX, text, start)) return this.find(node * 2, text, bare, end, foldedHash(text, bare, end))
    return this.find(node * 2 + 1, text, start, end, hash)
  }

  private find(key: number, text: string, start: number, end: number, hash: number): number {
    const { edges, chars } = this
    const mask = edges.length / EDGE_STRIDE - 1
    const length = end - start
    for (let slot = slotOf(key, hash) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * EDGE_STRIDE
      const stored = edges[at] as number
      if (stored === 0) return -1
      if (stored !== key + 1 || edges[at + 1] !== hash) continue
      const name = edges[at + 3] as number
      if (chars[name] !== length) continue
      let same = true
      for (let i = 0; i < length && same; i++) {
        const char = text.charCodeAt(start + i)
        const expected = chars[name + 1 + i] as number
        same = char === expected || fold(char) === expected
      }
      if (same) return edges[at + 2] as number
    }
  }

  private child(node: number, segment: string): number {
    if (segment === PARAM) {
      const param = (this.nodes[node * NODE_STRIDE] as number) - 1
      if (param !== -1) return param
      const created = this.createNode()
      this.nodes[node * NODE_STRIDE] = created + 1
      return created
    }
    const existing = this.find(node * 2, segment, 0, segment.length, foldedHash(segment, 0, segment.length))
    if (existing !== -1) return existing
    const created = this.createNode()
    this.addEdge(node * 2, segment, created)
    if (segment.startsWith(QUALIFIED_PREFIX)) this.addEdge(node * 2 + 1, segment.slice(QUALIFIED_PREFIX.length), created)
    return created
  }

  private createNode(): number {
    if ((this.nodeCount + 1) * NODE_STRIDE > this.nodes.length) {
      const grown = new Int32Array(this.nodes.length * 2)
      grown.set(this.nodes)
      this.nodes = grown
    }
    return this.nodeCount++
  }

  private addEdge(key: number, name: string, child: number): void {
    if ((this.edgeCount + 1) * 2 > this.edges.length / EDGE_STRIDE) this.growEdges()
    if (this.charCount + name.length + 1 > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, this.charCount + name.length + 1))
      grown.set(this.chars)
      this.chars = grown
    }
    const offset = this.charCount
    this.chars[offset] = name.length
    for (let i = 0; i < name.length; i++) this.chars[offset + 1 + i] = name.charCodeAt(i)
    this.charCount += name.length + 1
    this.place(key, foldedHash(name, 0, name.length), child, offset)
    this.edgeCount++
  }

  private place(key: number, hash: number, child: number, name: number): void {
    const mask = this.edges.length / EDGE_STRIDE - 1
    let slot = slotOf(key, hash) & mask
    while (this.edges[slot * EDGE_STRIDE] !== 0) slot = (slot + 1) & mask
    const at = slot * EDGE_STRIDE
    this.edges[at] = key + 1
    this.edges[at + 1] = hash
    this.edges[at + 2] = child
    this.edges[at + 3] = name
  }

  private growEdges(): void {
    const old = this.edges
    this.edges = new Int32Array(old.length * 2)
    for (let at = 0; at < old.length; at += EDGE_STRIDE) {
      const stored = old[at] as number
      if (stored !== 0) this.place(stored - 1, old[at + 1] as number, old[at + 2] as number, old[at + 3] as number)
    }
  }
}

function slotOf(key: number, hash: number): number {
  const mixed = Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) ^ hash
  return mixed ^ (mixed >>> 16)
}

// The state of the running match (single-threaded and not re-entrant: nothing allocated per lookup).
const search = { best: -1, bestLiterals: -1, count: 0, accept: 0 }
