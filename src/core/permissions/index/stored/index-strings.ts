import type { SectionPlace, SectionReader, SectionWriter } from './index-binary.js'
import { invalid } from './index-binary.js'

const NON_ASCII = /[^\u0000-\u007f]/

/** A list of strings stored as one text and each one's length (UTF-16 code units). */
export interface StringPlaces {
  readonly text: SectionPlace
  readonly lengths: SectionPlace
}

export function writeStrings(writer: SectionWriter, list: readonly string[]): StringPlaces {
  return { text: writer.text(list.join('')), lengths: writer.numbers(list.map((text) => text.length)) }
}

/** The strings of {@link writeStrings}: the text is decoded and the offsets summed on first use. */
export class StringList {
  readonly length: number
  private readonly lengths: ArrayLike<number>
  private text: string | undefined
  private starts: Uint32Array | undefined
  private readonly reader: SectionReader
  private readonly places: Partial<StringPlaces> | undefined

  constructor(reader: SectionReader, places: Partial<StringPlaces> | undefined) {
    this.reader = reader
    this.places = places
    this.lengths = reader.numbers(places?.lengths)
    this.length = this.lengths.length
  }

  at(index: number): string {
    if (this.text === undefined || this.starts === undefined) this.decode()
    const starts = this.starts as Uint32Array
    const start = starts[index]
    if (start === undefined || index + 1 >= starts.length) invalid('an unknown string')
    return (this.text as string).slice(start, starts[index + 1])
  }

  /** Every string in lower case (one `toLowerCase` of the whole text when it is ASCII, where that is the same). */
  lowerCased(): string[] {
    if (this.text === undefined || this.starts === undefined) this.decode()
    const text = this.text as string
    const starts = this.starts as Uint32Array
    const ascii = !NON_ASCII.test(text)
    const lower = ascii ? text.toLowerCase() : text
    const list = new Array<string>(this.length)
    for (let index = 0; index < this.length; index++) {
      const one = lower.slice(starts[index], starts[index + 1])
      list[index] = ascii ? one : one.toLowerCase()
    }
    return list
  }

  private decode(): void {
    const text = this.reader.text(this.places?.text)
    const starts = new Uint32Array(this.length + 1)
    for (let index = 0; index < this.length; index++) starts[index + 1] = (starts[index] as number) + (this.lengths[index] as number)
    if (starts[this.length] !== text.length) invalid('a text of another length than its strings')
    this.starts = starts
    this.text = text
  }
}
