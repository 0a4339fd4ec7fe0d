import { equalsFolded, fold, foldedHash } from '../../match/folding.js'
import { loadSegments, scanned } from '../../match/scanned.js'
import { QUALIFIED_PREFIX } from '../../match/segments.js'
import { bloomBit, COPY, EDGE, INLINE, NAME, RECORD, slotOf } from './trie-layout.js'
import { LazyEdges, NOW_PLACED } from './lazy-edges.js'

/**
 * A segment trie over normalised templates, flat in typed arrays: nodes are ids, literal edges live
 * in one open-addressing table keyed by parent and segment. Matching prefers literals, backtracks
 * when a literal leads nowhere, and among complete matches keeps the one with the most literal
 * segments. Request segments are read from the shared {@link scanned} buffer and compared in place.
 */
export class SegmentTrie extends LazyEdges {
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
      // Method bits are set only where templates end
      if (((record[at + 1] as number) & search.accept) !== 0) {
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
    if ((this.unplaced[node] as number) > 0) {
      const stored = this.unplacedEdge(node, text, start, end)
      if (stored !== NOW_PLACED) return stored
    }
    const hash = scanned.hash[index] as number
    const literals = record[at + 2] as number
    if ((literals & bloomBit(hash)) !== 0) {
      const direct = this.find(node * 2, text, start, end, hash)
      if (direct !== -1) return direct
    }
    const bare = start + QUALIFIED_PREFIX.length
    // The first letter tested here: ids (most segments that reach this line) then skip the call
    if (end >= bare && (text.charCodeAt(start) | 32) === 109 && equalsFolded(QUALIFIED_PREFIX, text, start)) {
      const bareHash = foldedHash(text, bare, end)
      return (literals & bloomBit(bareHash)) === 0 ? -1 : this.find(node * 2, text, bare, end, bareHash)
    }
    if (((record[at + 3] as number) & bloomBit(hash)) === 0) return -1
    const alias = this.find(node * 2 + 1, text, start, end, hash)
    return alias === -1 ? -1 : -(this.edges[alias + 2] as number) - 2
  }

  protected find(key: number, text: string, start: number, end: number, hash: number): number {
    const { edges, slotMask: mask } = this
    const length = end - start
    for (let slot = slotOf(key, hash) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * EDGE
      const stored = edges[at] as number
      if (stored === 0) return -1
      if (stored === key + 1 && edges[at + 1] === hash && edges[at + 3] === length && this.sameName(at, text, start, length)) return at
    }
  }

  /**
   * The edge's name equals `text[start, start + length)` ignoring case: read from the edge itself, or
   * from {@link longNames} when longer than an edge holds. One loop over either `Uint16Array` (a
   * separate function for long names was too big to inline and cost 6 % of a lookup as calls).
   */
  private sameName(at: number, text: string, start: number, length: number): boolean {
    const isLong = length > INLINE
    const names = isLong ? this.longNames : this.inline
    const from = isLong ? (this.edges[at + 4] as number) : (at + NAME) * 2
    for (let i = 0; i < length; i++) {
      const char = text.charCodeAt(start + i)
      const expected = names[from + i] as number
      if (char !== expected && fold(char) !== expected) return false
    }
    return true
  }
}

// The state of the running match (single-threaded and not re-entrant: nothing allocated per lookup).
const search = { best: -1, bestLiterals: -1, count: 0, accept: 0 }
