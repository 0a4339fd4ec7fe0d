import { GraphDoctorError } from '../../../errors.js'

/**
 * The trie as plain numbers and one string, which `TrieStore.load` turns back into its tables (no
 * template inserted; a node's edges are placed and hashed when a walk first reaches the node) and the
 * derived index stores (in binary blocks since index version 7). Bump INDEX_VERSION when this layout
 * changes; the hashes (`foldedHash`, `slotOf`) are computed at load, never stored, so they may change freely.
 */
export interface TrieData {
  /** The characters of every segment name; edges give offset and length. */
  readonly chars: string
  /** Per node: its parent (the root: 0); a parent comes before its children. */
  readonly parents: ArrayLike<number>
  /**
   * Per node: the method bits of the templates ending there, and {@link PARAM_CHILD} when its parent
   * reaches it by a placeholder (the bloom words are rebuilt from the edges).
   */
  readonly methods: ArrayLike<number>
  /** Per edge, sorted by key: key (parent × 2, + 1 for an alias), child, name length, name offset (hashes are recomputed when the edge is placed). */
  readonly edges: ArrayLike<number>
  /** Per node, where its templates start in {@link templateIds} (one more entry than nodes). */
  readonly templateStart: ArrayLike<number>
  /** Template ids grouped by the node they end at; absent when the templates are numbered in that order (a loaded index). */
  readonly templateIds?: ArrayLike<number>
}

/** Numbers per edge in {@link TrieData.edges}. */
export const EDGE_DATA = 4
/** In {@link TrieData.methods}: the node is its parent's placeholder child. */
export const PARAM_CHILD = 0x80

/** The shape checks of {@link TrieData} before loading: table lengths, and template ranges that start at 0 and end at the last id. */
export function checkTrieShape(data: TrieData): number {
  const { chars, parents, methods, edges, templateIds, templateStart } = data
  const nodeCount = parents.length
  if (typeof chars !== 'string' || methods.length !== nodeCount || nodeCount < 1 || edges.length % EDGE_DATA !== 0 || templateStart.length !== nodeCount + 1) invalidTrie()
  if (templateStart[0] !== 0 || (templateIds !== undefined && templateStart[nodeCount] !== templateIds.length)) invalidTrie()
  return nodeCount
}

/** The first edge (its offset in `edges`) whose key is at least `key`: edges are sorted by key. */
export function firstEdgeAtOrAfter(edges: ArrayLike<number>, key: number): number {
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
 * Edges sorted by key, each key's parent a node: what the binary search of `TrieStore.placeChildren`
 * relies on to find every edge (an edge out of order would never be placed, a lookup would quietly miss it).
 * One pass over a few thousand integers at load.
 */
export function checkEdgeOrder(edges: ArrayLike<number>, nodeCount: number): void {
  let previous = 0
  const limit = nodeCount * 2
  // A typed array (a loaded index) holds only integers: the check per key is then two comparisons.
  const integers = ArrayBuffer.isView(edges)
  for (let at = 0; at < edges.length; at += EDGE_DATA) {
    const key = edges[at] as number
    if (!(key >= previous && key < limit && (integers || Number.isInteger(key)))) invalidTrie()
    previous = key
  }
}

/** A reference out of range in the trie's data: the index is corrupt. */
export function invalidTrie(): never {
  throw new GraphDoctorError('ERR_DATA_INVALID', 'the permission index is corrupt: a malformed trie')
}
