import { bloomBit, COPY, EDGE, INLINE, NAME, RECORD, slotOf } from './trie-layout.js'

/**
 * The tables of the segment trie, flat in typed arrays: node records by node id, and one
 * open-addressing table of literal edges keyed by parent and name hash (layout in `trie-layout.ts`).
 * Building and loading are `TrieStore`'s; matching is `SegmentTrie`'s.
 */
export abstract class EdgeTable {
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

  /** The offset of the edge `key` → `text[start, end)`, or -1. */
  protected abstract find(key: number, text: string, start: number, end: number, hash: number): number

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

  /** Add the edge `key` (parent × 2, + 1 for an alias) → child named `chars[offset, offset + length)`. */
  protected placeEdge(key: number, hash: number, child: number, length: number, offset: number): void {
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

  /** An empty edge table with room for `edgeCount` edges at most half full (loading an index). */
  protected emptyTable(edgeCount: number): void {
    let size = EDGE * 16
    while (edgeCount * 2 > size / EDGE) size *= 2
    this.edges = new Int32Array(size)
    this.inline = new Uint16Array(this.edges.buffer)
    this.slotMask = size / EDGE - 1
    this.edgeCount = edgeCount
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

  /** The edge's name into its inline characters, or into {@link longNames} when it is longer than they hold. */
  protected copyInlineName(at: number, offset: number, length: number): void {
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
}

function grown(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length)
  bigger.set(array)
  return bigger
}
