import type { SectionPlace, SectionReader, SectionWriter } from './index-binary.js'
import { invalid } from './index-binary.js'
import type { TrieData } from '../trie/trie-data.js'
import { EDGE_DATA } from '../trie/trie-data.js'

/** Where the trie's tables are in the index body. */
export interface TriePlaces {
  readonly chars: SectionPlace
  readonly parents: SectionPlace
  readonly methods: SectionPlace
  readonly edges: SectionPlace
  /** Per node, where its templates start (stored ids follow the nodes, so no id table is stored). */
  readonly templateStart: SectionPlace
}

/**
 * The trie as the index stores it, and the template order that goes with it: templates numbered by
 * the node they end at (so no id table is stored), and the segment names laid out as one string in
 * which a name that is part of a longer one is not repeated (a fifth fewer characters).
 */
export function storedTrie(data: TrieData): { data: TrieData; order: ArrayLike<number> } {
  const { edges } = data
  const names = new Map<string, number>()
  for (let at = 0; at < edges.length; at += EDGE_DATA) {
    const offset = edges[at + 3] as number
    names.set(data.chars.slice(offset, offset + (edges[at + 2] as number)), 0)
  }
  let chars = ''
  for (const name of [...names.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))) {
    const found = chars.indexOf(name)
    names.set(name, found === -1 ? chars.length : found)
    if (found === -1) chars += name
  }
  const list: [number, number, number, number][] = []
  for (let at = 0; at < edges.length; at += EDGE_DATA) {
    const length = edges[at + 2] as number
    const offset = edges[at + 3] as number
    list.push([edges[at] as number, edges[at + 1] as number, length, names.get(data.chars.slice(offset, offset + length)) as number])
  }
  list.sort((a, b) => a[0] - b[0] || a[3] - b[3] || a[1] - b[1])
  const { templateIds, ...rest } = data
  const count = data.templateStart[data.templateStart.length - 1] as number
  return { data: { ...rest, chars, edges: list.flat() }, order: templateIds ?? Array.from({ length: count }, (_, at) => at) }
}

/** The trie's tables as typed arrays: loading reads them in place, with no number parsed. */
export function writeTrie(writer: SectionWriter, data: TrieData): TriePlaces {
  return {
    chars: writer.text(data.chars),
    parents: writer.numbers(data.parents),
    methods: writer.numbers(data.methods),
    edges: writer.numbers(data.edges),
    templateStart: writer.numbers(data.templateStart),
  }
}

/** The trie of an index (its references are checked when the trie loads them). */
export function readTrie(reader: SectionReader, places: Partial<TriePlaces> | undefined): TrieData {
  if (typeof places !== 'object' || places === null) invalid('no trie')
  return {
    chars: reader.text(places.chars),
    parents: reader.numbers(places.parents),
    methods: reader.numbers(places.methods),
    edges: reader.numbers(places.edges),
    templateStart: reader.numbers(places.templateStart),
  }
}
