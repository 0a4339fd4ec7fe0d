/**
 * The layout of the segment trie's typed arrays (`edge-table.ts`) and its two hashes. The index stores
 * no hash and no slot (a loaded trie hashes and places each edge from its name), so {@link slotOf} and
 * `foldedHash` can change without a new INDEX_VERSION; the layout of a stored trie cannot.
 */

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

/** The bloom bit of a name's hash in its parent's record. */
export function bloomBit(hash: number): number {
  return 1 << (hash >>> 27)
}

/** Where the edge `key` (parent × 2, + 1 for an alias) → a name of this hash starts probing. */
export function slotOf(key: number, hash: number): number {
  const mixed = Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) ^ hash
  return mixed ^ (mixed >>> 16)
}
