/**
 * JSON lines fed to a {@link LogAggregator} as decoded text chunks: each line read by the fast path
 * of `flat-record.ts` when it is a plainly shaped activity record, else by `JSON.parse`. Both give
 * the aggregator the same values, so the report does not depend on which path read a line.
 */
import type { LogAggregator } from '../aggregate.js'

type RecordSink = Pick<LogAggregator, 'addValue' | 'addUnreadable'>
import { textField } from './fields.js'
import { readFlatFields } from './flat-record.js'

/** A backslash or a control character other than LF: a line holding one is left to `JSON.parse`. */
const SPECIAL = /[\\\u0000-\u0009\u000b-\u001f]/g

/**
 * @example
 * const reader = new JsonLinesReader(aggregator, 'activity.jsonl')
 * reader.push('{"RequestUri":"/v1.0/me","RequestMethod":"GET","ResponseStatusCode":200}\n')
 * reader.end()
 */
export class JsonLinesReader {
  private carry = ''
  /** Whether the carried text is known to hold no backslash and no control character. */
  private carryPlain = true
  private line = 0
  private readonly aggregator: RecordSink
  private readonly name: string
  private readonly fastPath: boolean
  private readonly where = (): string => `${this.name} line ${this.line}`

  /** `fastPath: false` reads every line with `JSON.parse` (the reference the fast path is tested against). */
  constructor(aggregator: RecordSink, name: string, fastPath = true) {
    this.aggregator = aggregator
    this.name = name
    this.fastPath = fastPath
  }

  /** Lines read so far (blank ones included): where a reader of the next part of the input starts counting. */
  get lines(): number {
    return this.line
  }

  /**
   * The next decoded text of the input, in order; lines may span chunks. `plain`: the caller knows
   * that the chunk holds no backslash and no control character but LF (`scanBytes` of its bytes).
   */
  push(chunk: string, plain = false): void {
    const text = this.carry + chunk
    const allPlain = plain && this.carryPlain
    let start = 0
    let special = allPlain ? Number.POSITIVE_INFINITY : nextSpecial(text, 0)
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.take(text, start, end, special >= end)
      if (special < end) special = nextSpecial(text, end + 1)
      start = end + 1
    }
    // A carry never holds a LF: past the first line break it is a part of this chunk only.
    this.carryPlain = start === 0 ? allPlain : plain
    this.carry = start === 0 ? text : text.slice(start)
  }

  /** The input has ended: its last line (without a line break) is read. */
  end(): void {
    const text = this.carry
    const plain = this.carryPlain
    this.carry = ''
    this.carryPlain = true
    if (text.trim() !== '') this.take(text, 0, text.length, plain || nextSpecial(text, 0) >= text.length)
  }

  private take(text: string, start: number, end: number, plain: boolean): void {
    this.line++
    if (end === start || (end === start + 1 && text.charCodeAt(start) === 0x0d)) return
    const fields = plain && this.fastPath ? readFlatFields(text, start, end) : undefined
    if (fields !== undefined && textField(fields, 'RequestUri') !== undefined) return this.aggregator.addValue(fields, this.where)
    let value: unknown
    try {
      value = JSON.parse(text.slice(start, end)) as unknown
    } catch {
      return this.aggregator.addUnreadable(this.where(), 'not valid JSON')
    }
    this.aggregator.addValue(value, this.where)
  }
}

function nextSpecial(text: string, from: number): number {
  SPECIAL.lastIndex = from
  return SPECIAL.exec(text)?.index ?? Number.POSITIVE_INFINITY
}
