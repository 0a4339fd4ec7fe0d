import { equalsFolded, fold } from '../../match/folding.js'
import { QUALIFIED_PREFIX } from '../../match/segments.js'
import type { TrieData } from './trie-data.js'
import { EDGE_DATA, firstEdgeAtOrAfter, invalidTrie, PARAM_CHILD } from './trie-data.js'

/**
 * The literal child of `node` named `text[start, end)` (ignoring case) read straight from a loaded
 * trie's stored edges, with the edge table's rules (`SegmentTrie.literalEdge`): the name, else a
 * `microsoft.graph.`-qualified name without its prefix, else a `microsoft.graph.`-less alias. The
 * child, or -1. What a walk uses before a node's edges are placed: in a fresh process placing a big
 * node's edges (the root has 106, `me` 148) ran as unoptimised code and cost more than a lookup.
 */
export function storedLiteral(data: TrieData, node: number, text: string, start: number, end: number): number {
  const direct = storedChild(data, node * 2, text, start, end)
  if (direct !== -1) return direct
  const bare = start + QUALIFIED_PREFIX.length
  if (end >= bare && equalsFolded(QUALIFIED_PREFIX, text, start)) return storedChild(data, node * 2, text, bare, end)
  return storedChild(data, node * 2 + 1, text, start, end)
}

/** The child of the stored edge `key` (parent × 2, + 1 for an alias) named `text[start, end)`, or -1. */
function storedChild(data: TrieData, key: number, text: string, start: number, end: number): number {
  const { edges, chars } = data
  const length = end - start
  for (let at = firstEdgeAtOrAfter(edges, key); at < edges.length && edges[at] === key; at += EDGE_DATA) {
    if (edges[at + 2] !== length) continue
    const offset = edges[at + 3] as number
    if (!(offset >= 0 && offset + length <= chars.length)) invalidTrie()
    if (!sameName(chars, offset, text, start, length)) continue
    const child = edges[at + 1] as number
    const isChild = (key & 1) === 1 || (data.parents[child] === key >> 1 && ((data.methods[child] as number) & PARAM_CHILD) === 0)
    if (!(child > 0 && child < data.parents.length && isChild)) invalidTrie()
    return child
  }
  return -1
}

/** `chars[offset, offset + length)` (lower case) equals `text[start, start + length)` ignoring case. */
function sameName(chars: string, offset: number, text: string, start: number, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const char = text.charCodeAt(start + i)
    const expected = chars.charCodeAt(offset + i)
    if (char !== expected && fold(char) !== expected) return false
  }
  return true
}
