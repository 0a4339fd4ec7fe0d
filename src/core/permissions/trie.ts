import { PARAM, QUALIFIED_PREFIX } from './segments.js'

interface TrieNode {
  literals: Map<string, TrieNode> | undefined
  param: TrieNode | undefined
  /** Some literal child is written `microsoft.graph.x`: an unqualified request segment may match it. */
  qualified: boolean
  /** Ids of the templates ending here (spellings that normalise alike share a node). */
  templates: number[] | undefined
  /** Method bits of those templates. */
  methods: number
  /**
   * Bit n set when a literal child has length n (n < 32), or length n + 32 (`longLengths`, n < 32);
   * a segment of a length no child has (a GUID, a base64 id) skips hashing it for a Map lookup.
   */
  shortLengths: number
  longLengths: number
}

function createNode(): TrieNode {
  return { literals: undefined, param: undefined, qualified: false, templates: undefined, methods: 0, shortLengths: 0, longLengths: 0 }
}

/**
 * A segment trie over normalised templates. Matching prefers literals, backtracks when a literal
 * leads nowhere, and among complete matches keeps the one with the most literal segments.
 */
export class SegmentTrie {
  private readonly root: TrieNode = createNode()

  insert(segments: readonly string[], template: number, methods: number): void {
    let node = this.root
    for (const segment of segments) node = child(node, segment)
    if (node.templates === undefined) node.templates = [template]
    else node.templates.push(template)
    node.methods |= methods
  }

  /** The templates of the best matching node that lists the method (a method bit from `methodBit`), or undefined. */
  match(segments: readonly string[], method: number): readonly number[] | undefined {
    const search: Search = { best: undefined, bestLiterals: -1, segments, method }
    walk(this.root, 0, 0, search)
    return search.best
  }
}

function child(node: TrieNode, segment: string): TrieNode {
  if (segment === PARAM) {
    node.param ??= createNode()
    return node.param
  }
  node.literals ??= new Map()
  let next = node.literals.get(segment)
  if (next === undefined) {
    next = createNode()
    node.literals.set(segment, next)
    if (segment.startsWith(QUALIFIED_PREFIX)) node.qualified = true
    const length = segment.length
    if (length < 32) node.shortLengths |= 1 << length
    else if (length < 64) node.longLengths |= 1 << (length - 32)
  }
  return next
}

interface Search {
  best: readonly number[] | undefined
  bestLiterals: number
  readonly segments: readonly string[]
  readonly method: number
}

function walk(node: TrieNode, index: number, literals: number, search: Search): void {
  const { segments } = search
  if (literals + (segments.length - index) <= search.bestLiterals) return
  if (index === segments.length) {
    if (node.templates !== undefined && (node.methods & search.method) !== 0) {
      search.best = node.templates
      search.bestLiterals = literals
    }
    return
  }
  const segment = segments[index] as string
  if (segment !== PARAM && node.literals !== undefined) {
    const next = literalChild(node, node.literals, segment)
    if (next !== undefined) walk(next, index + 1, literals + 1, search)
  }
  // `$value`, `$ref`, `$count` are never ids
  if (node.param !== undefined && segment.charCodeAt(0) !== 36) walk(node.param, index + 1, literals, search)
}

/** The literal child for a segment, trying `microsoft.graph.x` and `x` both ways. */
function literalChild(node: TrieNode, literals: Map<string, TrieNode>, segment: string): TrieNode | undefined {
  const direct = hasLength(node, segment.length) ? literals.get(segment) : undefined
  if (direct !== undefined) return direct
  if (segment.startsWith(QUALIFIED_PREFIX)) return literals.get(segment.slice(QUALIFIED_PREFIX.length))
  return node.qualified ? literals.get(QUALIFIED_PREFIX + segment) : undefined
}

function hasLength(node: TrieNode, length: number): boolean {
  if (length < 32) return (node.shortLengths & (1 << length)) !== 0
  if (length < 64) return (node.longLengths & (1 << (length - 32))) !== 0
  return true
}
