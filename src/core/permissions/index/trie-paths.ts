import { PARAM } from '../match/segments.js'
import type { TrieData } from './trie-data.js'
import { EDGE_DATA, invalidTrie } from './trie-data.js'

/**
 * The normalised segments of the path to every node of a trie, by node id (the root's is empty), read
 * straight from its {@link TrieData}: no edge is hashed or placed, and each path is built once at its
 * full length. This runs once per process, in code the JIT has not optimised, so it keeps to a few
 * plain loops (placing all 6,000 edges and copying a parent's path per node cost 150–300 ms cold).
 */
export function trieNodePaths(data: TrieData): string[][] {
  const { chars, nodes, edges } = data
  const nodeCount = nodes.length / 2
  const parent = new Int32Array(nodeCount).fill(-1)
  const label = new Array<string>(nodeCount).fill(PARAM)
  for (let node = 0; node < nodeCount; node++) {
    const param = (nodes[node * 2] as number) - 1
    if (param !== -1) setParent(parent, param, node, nodeCount)
  }
  for (let at = 0; at < edges.length; at += EDGE_DATA) {
    const key = edges[at] as number
    if ((key & 1) === 1) continue
    const child = edges[at + 1] as number
    const offset = edges[at + 3] as number
    const end = offset + (edges[at + 2] as number)
    if (!(offset >= 0 && offset <= end && end <= chars.length)) invalidTrie()
    setParent(parent, child, key >> 1, nodeCount)
    label[child] = chars.slice(offset, end)
  }
  // Parents come before their children (checked by setParent): depths in one pass, then each path filled from its end.
  const depth = new Int32Array(nodeCount)
  for (let node = 1; node < nodeCount; node++) {
    const of = parent[node] as number
    if (of === -1) invalidTrie()
    depth[node] = (depth[of] as number) + 1
  }
  const paths = new Array<string[]>(nodeCount)
  for (let node = 0; node < nodeCount; node++) {
    const path = new Array<string>(depth[node] as number)
    for (let at = node, i = path.length - 1; i >= 0; at = parent[at] as number, i--) path[i] = label[at] as string
    paths[node] = path
  }
  return paths
}

/** Record `child`'s parent; a child that is the root, out of range, named twice or not after its parent is a corrupt trie. */
function setParent(parent: Int32Array, child: number, of: number, nodeCount: number): void {
  if (!(child > of && of >= 0 && child < nodeCount && parent[child] === -1)) invalidTrie()
  parent[child] = of
}
