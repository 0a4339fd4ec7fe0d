import { PARAM } from '../../match/segments.js'
import type { TrieData } from './trie-data.js'
import { EDGE_DATA, firstEdgeAtOrAfter, invalidTrie, PARAM_CHILD } from './trie-data.js'

/**
 * The normalised segments of the path to every node of a trie, by node id (the root's is empty), read
 * straight from its {@link TrieData}: no edge is hashed or placed, and each path is built once at its
 * full length. This runs once per process, in code the JIT has not optimised, so it keeps to a few
 * plain loops (placing all 6,000 edges and copying a parent's path per node cost 150–300 ms cold).
 */
export function trieNodePaths(data: TrieData): string[][] {
  const { chars, parents, methods, edges } = data
  const nodeCount = parents.length
  const label = new Array<string | undefined>(nodeCount)
  for (let node = 1; node < nodeCount; node++) if (((methods[node] as number) & PARAM_CHILD) !== 0) label[node] = PARAM
  for (let at = 0; at < edges.length; at += EDGE_DATA) {
    const key = edges[at] as number
    if ((key & 1) === 1) continue
    const child = edges[at + 1] as number
    const offset = edges[at + 3] as number
    const end = offset + (edges[at + 2] as number)
    const named = child > 0 && child < nodeCount && label[child] === undefined && parents[child] === key >> 1
    if (!(named && offset >= 0 && offset <= end && end <= chars.length)) invalidTrie()
    label[child] = chars.slice(offset, end)
  }
  // Parents come before their children (checked here): depths in one pass, then each path filled from its end.
  const depth = new Int32Array(nodeCount)
  for (let node = 1; node < nodeCount; node++) {
    const parent = parents[node] as number
    if (!(parent >= 0 && parent < node) || label[node] === undefined) invalidTrie()
    depth[node] = (depth[parent] as number) + 1
  }
  const paths = new Array<string[]>(nodeCount)
  for (let node = 0; node < nodeCount; node++) {
    const path = new Array<string>(depth[node] as number)
    for (let at = node, i = path.length - 1; i >= 0; at = parents[at] as number, i--) path[i] = label[at] as string
    paths[node] = path
  }
  return paths
}

/**
 * A node's path as a template would spell it in lower case with `{id}` placeholders (`/users/{id}/messages`):
 * what the index stores each template against, keeping only the characters that differ. Walks up the
 * parents, finding each name by binary search among the parent's edges: nothing over the whole trie.
 * `known` keeps the paths found (by node) for the next call: templates of one subtree share them.
 */
export function canonicalPath(data: TrieData, node: number, known: Map<number, string>): string {
  return node === 0 ? '/' : pathOf(data, node, known)
}

function pathOf(data: TrieData, node: number, known: Map<number, string>): string {
  if (node === 0) return ''
  let path = known.get(node)
  if (path !== undefined) return path
  const parent = data.parents[node] as number
  if (!(parent < node && parent >= 0)) invalidTrie()
  const name = ((data.methods[node] as number) & PARAM_CHILD) !== 0 ? '{id}' : edgeName(data.edges, data.chars, parent, node)
  path = `${pathOf(data, parent, known)}/${name}`
  known.set(node, path)
  return path
}

function edgeName(edges: ArrayLike<number>, chars: string, parent: number, child: number): string {
  for (let at = firstEdgeAtOrAfter(edges, parent * 2); at < edges.length && edges[at] === parent * 2; at += EDGE_DATA) {
    if (edges[at + 1] !== child) continue
    const offset = edges[at + 3] as number
    const end = offset + (edges[at + 2] as number)
    if (!(end <= chars.length)) invalidTrie()
    return chars.slice(offset, end)
  }
  return invalidTrie()
}
