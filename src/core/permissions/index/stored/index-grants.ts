import type { TemplateRecord } from '../../model.js'
import { GRANT_STRIDE } from '../../model.js'
import type { SectionPlace, SectionReader } from './index-binary.js'
import { invalid } from './index-binary.js'

export type Methods = TemplateRecord['methods']

/** Each distinct grant list once: `starts` into `words`; per method its number in `methods`, its grant count, then two words per grant. */
export interface GrantPlaces {
  readonly methods: readonly string[]
  readonly starts: SectionPlace
  readonly words: SectionPlace
}

/** The distinct grant lists of a set of templates, numbered in order of first use. */
export class GrantListWriter {
  readonly methods = new Map<string, number>()
  readonly starts = [0]
  readonly words: number[] = []
  private readonly lists = new Map<string, number>()

  /** The number of `grants`' list, added when new. */
  add(grants: Methods): number {
    const words = this.listWords(grants)
    const key = words.join(',')
    let list = this.lists.get(key)
    if (list === undefined) {
      this.lists.set(key, (list = this.lists.size))
      for (const word of words) this.words.push(word)
      this.starts.push(this.words.length)
    }
    return list
  }

  private listWords(grants: Methods): number[] {
    const words: number[] = []
    for (const [method, list] of Object.entries(grants)) {
      let number = this.methods.get(method)
      if (number === undefined) this.methods.set(method, (number = this.methods.size))
      words.push(number, list.length / GRANT_STRIDE)
      for (let at = 0; at < list.length; at += GRANT_STRIDE) {
        const [permission = 0, schemes = 0, least = 0, single = 0, also = -1] = list.slice(at, at + GRANT_STRIDE)
        if (schemes > 7 || least > 7 || single > 1) invalid('a grant that the index cannot hold')
        words.push(permission, schemes | (least << 3) | (single << 6) | ((also + 1) << 7))
      }
    }
    return words
  }
}

/** The grant lists of an index, each decoded on first use and then shared by every template that names it. */
export class GrantLists {
  private readonly decoded: (Methods | undefined)[]
  private readonly methodNames: readonly string[]
  private readonly starts: ArrayLike<number>
  private readonly words: ArrayLike<number>
  private readonly permissionCount: number

  constructor(reader: SectionReader, places: Partial<GrantPlaces> | undefined, permissionCount: number) {
    const methods = places?.methods
    if (!Array.isArray(methods) || !methods.every((method) => typeof method === 'string')) invalid('missing methods')
    this.methodNames = methods
    this.starts = reader.numbers(places?.starts)
    this.words = reader.numbers(places?.words)
    this.permissionCount = permissionCount
    this.decoded = new Array<Methods | undefined>(Math.max(0, this.starts.length - 1))
  }

  list(number: number): Methods {
    const known = this.decoded[number]
    if (known !== undefined) return known
    const start = this.starts[number]
    const end = this.starts[number + 1]
    if (start === undefined || end === undefined || !(start <= end && end <= this.words.length)) invalid('an unknown grant list')
    const methods: Record<string, number[]> = {}
    for (let at = start; at < end; ) {
      const method = this.methodNames[this.words[at] as number]
      const count = this.words[at + 1] as number
      at += 2
      if (method === undefined || at + count * 2 > end) invalid('a malformed grant list')
      const grants: number[] = []
      for (let grant = 0; grant < count; grant++, at += 2) {
        const permission = this.words[at] as number
        const bits = this.words[at + 1] as number
        if (!(permission < this.permissionCount)) invalid('a grant of an unknown permission')
        grants.push(permission, bits & 7, (bits >> 3) & 7, (bits >> 6) & 1, (bits >>> 7) - 1)
      }
      methods[method] = grants
    }
    this.decoded[number] = methods
    return methods
  }
}
