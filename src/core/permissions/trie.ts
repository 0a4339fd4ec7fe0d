import { PARAM, QUALIFIED_PREFIX } from './segments.js'

/** Up to this many literal children are scanned (no hashing of the request segment); more go in a Map. */
const SMALL = 8

interface TrieNode {
  /** Literal children of a small node, scanned in order; undefined once they moved to `literals`. */
  names: string[] | undefined
  children: TrieNode[] | undefined
  literals: Map<string, TrieNode> | undefined
  param: TrieNode | undefined
  /** Some literal child is written `microsoft.graph.x`: an unqualified request segment may match it. */
  qualified: boolean
  /** Ids of the templates ending here (spellings that normalise alike share a node). */
  templates: number[] | undefined
  /** Method bits of those templates. */
  methods: number
}

function createNode(): TrieNode {
  return { names: undefined, children: undefined, literals: undefined, param: undefined, qualified: false, templates: undefined, methods: 0 }
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
  const existing = findLiteral(node, segment)
  if (existing !== undefined) return existing
  const next = createNode()
  if (segment.startsWith(QUALIFIED_PREFIX)) node.qualified = true
  if (node.literals !== undefined) node.literals.set(segment, next)
  else if ((node.names?.length ?? 0) < SMALL) {
    ;(node.names ??= []).push(segment)
    ;(node.children ??= []).push(next)
  } else {
    node.literals = new Map((node.names ?? []).map((name, i) => [name, node.children?.[i] as TrieNode]))
    node.literals.set(segment, next)
    node.names = undefined
    node.children = undefined
  }
  return next
}

function findLiteral(node: TrieNode, segment: string): TrieNode | undefined {
  if (node.literals !== undefined) return node.literals.get(segment)
  const names = node.names
  if (names === undefined) return undefined
  for (let i = 0; i < names.length; i++) if (names[i] === segment) return node.children?.[i]
  return undefined
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
  if (segment !== PARAM) {
    const next = literalChild(node, segment)
    if (next !== undefined) walk(next, index + 1, literals + 1, search)
  }
  // `$value`, `$ref`, `$count` are never ids
  if (node.param !== undefined && segment.charCodeAt(0) !== 36) walk(node.param, index + 1, literals, search)
}

/** The literal child for a segment, trying `microsoft.graph.x` and `x` both ways. */
function literalChild(node: TrieNode, segment: string): TrieNode | undefined {
  const direct = findLiteral(node, segment)
  if (direct !== undefined) return direct
  if (segment.startsWith(QUALIFIED_PREFIX)) return findLiteral(node, segment.slice(QUALIFIED_PREFIX.length))
  return node.qualified ? findLiteral(node, QUALIFIED_PREFIX + segment) : undefined
}
