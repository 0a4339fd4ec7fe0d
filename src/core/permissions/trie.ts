import { PARAM, QUALIFIED_PREFIX } from './segments.js'

interface TrieNode {
  literals: Map<string, TrieNode> | undefined
  param: TrieNode | undefined
  /** Some literal child is written `microsoft.graph.x`: an unqualified request segment may match it. */
  qualified: boolean
  /** Index of the template ending here, or -1. */
  template: number
}

function createNode(): TrieNode {
  return { literals: undefined, param: undefined, qualified: false, template: -1 }
}

/** Accepts a template index when a path ends on it (e.g. the template has the request's method). */
export type TemplateFilter = (template: number) => boolean

/**
 * A segment trie over normalised templates. Matching prefers literals, backtracks when a literal
 * leads nowhere, and among complete matches keeps the one with the most literal segments.
 */
export class SegmentTrie {
  private readonly root: TrieNode = createNode()

  insert(segments: readonly string[], template: number): void {
    let node = this.root
    for (const segment of segments) node = this.child(node, segment)
    node.template = template
  }

  /** The best matching template index, or -1. */
  match(segments: readonly string[], accept: TemplateFilter): number {
    const search = { best: -1, bestLiterals: -1, segments, accept }
    walk(this.root, 0, 0, search)
    return search.best
  }

  private child(node: TrieNode, segment: string): TrieNode {
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
    }
    return next
  }
}

interface Search {
  best: number
  bestLiterals: number
  readonly segments: readonly string[]
  readonly accept: TemplateFilter
}

function walk(node: TrieNode, index: number, literals: number, search: Search): void {
  const { segments } = search
  if (literals + (segments.length - index) <= search.bestLiterals) return
  if (index === segments.length) {
    if (node.template !== -1 && search.accept(node.template)) {
      search.best = node.template
      search.bestLiterals = literals
    }
    return
  }
  const segment = segments[index] as string
  if (segment !== PARAM && node.literals !== undefined) {
    const next = literalChild(node, node.literals, segment)
    if (next !== undefined) walk(next, index + 1, literals + 1, search)
  }
  if (node.param !== undefined && segment.charCodeAt(0) !== 36) walk(node.param, index + 1, literals, search)
}

/** The literal child for a segment, trying `microsoft.graph.x` and `x` both ways. */
function literalChild(node: TrieNode, literals: Map<string, TrieNode>, segment: string): TrieNode | undefined {
  const direct = literals.get(segment)
  if (direct !== undefined) return direct
  if (segment.startsWith(QUALIFIED_PREFIX)) return literals.get(segment.slice(QUALIFIED_PREFIX.length))
  return node.qualified ? literals.get(QUALIFIED_PREFIX + segment) : undefined
}
