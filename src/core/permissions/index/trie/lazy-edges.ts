import { foldedHash } from '../../match/folding.js'
import { storedLiteral } from './stored-edges.js'
import type { TrieData } from './trie-data.js'
import { EDGE_DATA, firstEdgeAtOrAfter, invalidTrie, PARAM_CHILD } from './trie-data.js'
import { bloomBit, COPY, RECORD } from './trie-layout.js'
import { TrieStore } from './trie-store.js'

/** Nodes placed one by one before all are: a lookup places about one per literal segment. */
const WALK_PLACEMENTS = 64
/** Walks that read a node's stored edges ({@link storedLiteral}) before its edges are placed. */
const SEARCHES_BEFORE_PLACING = 16
/** What {@link LazyEdges.unplacedEdge} returns once it has placed the node's edges (no child is the root). */
export const NOW_PLACED = -2

/**
 * The edges of a trie loaded from an index, put into the edge table when walks need them: a run that
 * looks up a few URLs hashes and places none of some 6,000.
 */
export abstract class LazyEdges extends TrieStore {
  /**
   * Per node loaded from an index, 0 once its edges are in the table, else 1 + the walks that read its
   * stored edges instead ({@link unplacedEdge}): a run that looks up a few URLs places none of some
   * 6,000 edges, a long run places a node's on its 17th walk, and all after {@link WALK_PLACEMENTS} nodes.
   */
  protected unplaced = new Uint8Array(0)
  private walkPlacements = 0

  override load(data: TrieData): void {
    super.load(data)
    this.unplaced = new Uint8Array(this.nodeCount).fill(1)
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
  override placeAll(): void {
    for (let node = 0; node < this.unplaced.length; node++) if (this.unplaced[node] !== 0) this.placeChildren(node)
  }
}
