import type { IndexText } from './index-source.js'
import { invalid } from './index-source.js'
import type { TrieData } from './trie-data.js'

/** Starts the trie line that follows the header. */
const TRIE = '\u0003'
const TRIE_CODE = 3
const NEWLINE = 10

/** The trie's tables as one JSON line: `JSON.parse` reads numbers far faster than any loop of ours at start-up. */
export function trieLine(data: TrieData): string {
  const { chars, nodes, edges, templateStart, templateIds } = data
  const list = (numbers: ArrayLike<number>): number[] => Array.from(numbers)
  return TRIE + JSON.stringify({ chars, nodes: list(nodes), edges: list(edges), templateStart: list(templateStart), templateIds: list(templateIds) })
}

/** Read the trie line at `at`; returns its tables (checked when the trie loads them) and where the next line starts. */
export function readTrieLine(input: IndexText, at: number): { data: TrieData; next: number } {
  const end = input.indexOf(NEWLINE, at)
  if (end === -1 || input.codeAt(at) !== TRIE_CODE) invalid('no trie line')
  let data: Partial<Record<keyof TrieData, unknown>>
  try {
    data = JSON.parse(input.text(at + 1, end)) as Partial<Record<keyof TrieData, unknown>>
  } catch {
    invalid('an unreadable trie line')
  }
  const keys = ['nodes', 'edges', 'templateStart', 'templateIds'] as const
  if (typeof data !== 'object' || data === null || typeof data.chars !== 'string' || !keys.every((key) => Array.isArray(data[key]))) {
    invalid('a trie line without its tables')
  }
  return { data: data as unknown as TrieData, next: end + 1 }
}
