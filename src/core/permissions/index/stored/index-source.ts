import type { TemplateRecord, TemplateSource } from '../../model.js'
import type { SectionPlace, SectionReader, SectionWriter } from './index-binary.js'
import { invalid } from './index-binary.js'
import { GrantListWriter, GrantLists } from './index-grants.js'
import type { GrantPlaces } from './index-grants.js'
import type { TrieData } from '../trie/trie-data.js'
import { canonicalPath } from '../trie/trie-paths.js'

/** Templates per group: a group's first suffix and capital are stored, the rest summed from there. */
const GROUP = 64

/**
 * Where the templates are. Stored ids follow the trie's nodes (`storedTrie`), and a template is stored
 * against the path of the node it ends at, spelled in lower case with `{id}` placeholders
 * ({@link canonicalPath}): how many characters it shares with that path but for case, where it has a
 * capital instead (`caseCounts`, and `caseSteps` from one capital to the next), then the rest
 * (`suffixes`); seven in ten templates are spelled exactly so and store no character. `lists` names
 * each template's grant list (index-grants.ts).
 */
export interface SourcePlaces {
  readonly grants: GrantPlaces
  readonly lists: SectionPlace
  readonly shared: SectionPlace
  readonly caseCounts: SectionPlace
  readonly caseSteps: SectionPlace
  readonly caseGroups: SectionPlace
  readonly suffixLengths: SectionPlace
  readonly suffixGroups: SectionPlace
  readonly suffixes: SectionPlace
}

/** Write the templates in the order of `order` (stored id → the source's id); `trie` numbers its templates in that order. */
export function writeSource(writer: SectionWriter, source: TemplateSource, trie: TrieData, order: ArrayLike<number>): SourcePlaces {
  if (order.length !== source.count || trie.templateStart[trie.templateStart.length - 1] !== source.count) invalid('a trie without every template')
  const grants = new GrantListWriter()
  const paths = new Map<number, string>()
  const columns = { lists: [] as number[], shared: [] as number[], caseCounts: [] as number[], caseSteps: [] as number[], suffixLengths: [] as number[] }
  const caseGroups: number[] = []
  const suffixGroups: number[] = []
  let suffixes = ''
  for (let id = 0; id < source.count; id++) {
    if (id % GROUP === 0) {
      caseGroups.push(columns.caseSteps.length)
      suffixGroups.push(suffixes.length)
    }
    const { template, methods } = source.record(order[id] as number)
    columns.lists.push(grants.add(methods))
    const canonical = canonicalPath(trie, nodeOfTemplate(trie, id), paths)
    let same = 0
    let capitals = 0
    let last = 0
    for (; same < canonical.length && same < template.length; same++) {
      const expected = canonical.charAt(same)
      const char = template.charAt(same)
      if (char === expected) continue
      if (char !== expected.toUpperCase()) break
      capitals++
      columns.caseSteps.push(same - last)
      last = same
    }
    columns.shared.push(same)
    columns.caseCounts.push(capitals)
    columns.suffixLengths.push(template.length - same)
    suffixes += template.slice(same)
  }
  return {
    grants: { methods: [...grants.methods.keys()], starts: writer.numbers(grants.starts), words: writer.numbers(grants.words) },
    lists: writer.numbers(columns.lists),
    shared: writer.numbers(columns.shared),
    caseCounts: writer.numbers(columns.caseCounts),
    caseSteps: writer.numbers(columns.caseSteps),
    caseGroups: writer.numbers(caseGroups),
    suffixLengths: writer.numbers(columns.suffixLengths),
    suffixGroups: writer.numbers(suffixGroups),
    suffixes: writer.text(suffixes),
  }
}

/** The node template `id` ends at (templates are numbered by node): a binary search of `templateStart`. */
function nodeOfTemplate(trie: TrieData, id: number): number {
  const starts = trie.templateStart
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((starts[middle] as number) <= id) low = middle
    else high = middle - 1
  }
  // Nodes with no template share their start with the next: the last node starting at or before id is the one holding it.
  if (!((starts[low] as number) <= id && (starts[low + 1] as number) > id)) invalid('a template outside the trie')
  return low
}

/** The templates of an index, each decoded on first use (a run that looks up one URL decodes a few). */
export class IndexSource implements TemplateSource {
  readonly count: number
  private readonly records: (TemplateRecord | undefined)[]
  private readonly reader: SectionReader
  private readonly places: SourcePlaces
  private readonly trie: TrieData
  private readonly grants: GrantLists
  private readonly columns: Record<'lists' | 'shared' | 'caseCounts' | 'caseSteps' | 'caseGroups' | 'suffixLengths' | 'suffixGroups', ArrayLike<number>>
  private text: string | undefined
  private readonly paths = new Map<number, string>()

  constructor(reader: SectionReader, places: SourcePlaces, trie: TrieData, count: number, permissionCount: number) {
    this.reader = reader
    this.places = places
    this.trie = trie
    this.count = count
    this.grants = new GrantLists(reader, places.grants, permissionCount)
    const read = (place: SectionPlace, length: number): ArrayLike<number> => {
      const numbers = reader.numbers(place)
      if (length !== -1 && numbers.length !== length) invalid('a template table of another length')
      return numbers
    }
    const groups = Math.ceil(count / GROUP)
    this.columns = {
      lists: read(places.lists, count),
      shared: read(places.shared, count),
      caseCounts: read(places.caseCounts, count),
      caseSteps: read(places.caseSteps, -1),
      caseGroups: read(places.caseGroups, groups),
      suffixLengths: read(places.suffixLengths, count),
      suffixGroups: read(places.suffixGroups, groups),
    }
    if (trie.templateStart[trie.templateStart.length - 1] !== count) invalid('a trie for another template count')
    this.records = new Array<TemplateRecord | undefined>(count)
  }

  /** Decode and check every template (for `data status`; loading checks only the table lengths). */
  checkAll(): void {
    for (let id = 0; id < this.count; id++) this.record(id)
  }

  record(id: number): TemplateRecord {
    const known = this.records[id]
    if (known !== undefined) return known
    if (!(id >= 0 && id < this.count)) return { template: '', methods: {} }
    const { lists, shared, caseCounts, caseSteps, caseGroups, suffixLengths, suffixGroups } = this.columns
    const canonical = canonicalPath(this.trie, nodeOfTemplate(this.trie, id), this.paths)
    const sharedLength = shared[id] as number
    if (sharedLength > canonical.length) invalid('a template sharing more than its path')
    let template = ''
    let from = 0
    const firstCapital = runningSum(caseGroups, caseCounts, id)
    for (let step = firstCapital, at = 0; step < firstCapital + (caseCounts[id] as number); step++) {
      at += caseSteps[step] as number
      if (!(at >= from && at < sharedLength)) invalid('a capital outside its template')
      template += canonical.slice(from, at) + canonical.charAt(at).toUpperCase()
      from = at + 1
    }
    const text = (this.text ??= this.reader.text(this.places.suffixes))
    const start = runningSum(suffixGroups, suffixLengths, id)
    const end = start + (suffixLengths[id] as number)
    if (!(end <= text.length)) invalid('a template beyond its text')
    template += canonical.slice(from, sharedLength) + text.slice(start, end)
    const record = { template, methods: this.grants.list(lists[id] as number) }
    this.records[id] = record
    return record
  }
}

/** The sum of `values` before `id`: the stored sum at its group's start plus the rest of the group. */
function runningSum(groups: ArrayLike<number>, values: ArrayLike<number>, id: number): number {
  const group = Math.floor(id / GROUP)
  let sum = groups[group] as number
  for (let at = group * GROUP; at < id; at++) sum += values[at] as number
  return sum
}
