/**
 * A push parser for RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes, CRLF or
 * LF), fed text chunks in order. Hand-written because the core is isomorphic and pushed to: the
 * well-kept parsers' streaming entry points are Node `stream.Transform`s (csv-parse) or want the
 * whole input or a Node stream (papaparse), while this one is a few dozen lines of state.
 */

/** One CSV row and the line it started on (1-based). */
export interface CsvRow {
  readonly cells: readonly string[]
  readonly line: number
}

const QUOTE = 0x22
const COMMA = 0x2c
const CR = 0x0d
const LF = 0x0a

/**
 * @example
 * const parser = new CsvParser()
 * parser.push('a,"b ""c"""\n1,2\n', (row) => rows.push(row.cells))
 * parser.end((row) => rows.push(row.cells)) // rows: [['a', 'b "c"'], ['1', '2']]
 */
export class CsvParser {
  private cells: string[] = []
  private cell = ''
  private quoted = false
  /** The quote that may close a quoted field was just seen (or a doubled quote is starting). */
  private quoteSeen = false
  private line = 1
  private rowLine = 1
  private dirty = false
  /** The previous chunk ended on a CR: a LF starting this one belongs to it. */
  private pendingCr = false

  /** Parse the next chunk; `emit` receives every row that ends in it. */
  push(text: string, emit: (row: CsvRow) => void): void {
    let start = 0
    if (this.pendingCr && text.charCodeAt(0) === LF) start = 1
    this.pendingCr = false
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (this.quoted) {
        if (c === QUOTE) {
          this.cell += text.slice(start, i)
          start = i + 1
          this.quoted = false
          this.quoteSeen = true
        } else if (c === LF) this.line++
        continue
      }
      if (c === QUOTE) {
        // A doubled quote inside a quoted field: keep one, go on quoted.
        if (this.quoteSeen) this.cell += '"'
        else this.cell += text.slice(start, i)
        this.quoted = true
        this.quoteSeen = false
        this.dirty = true
        start = i + 1
        continue
      }
      this.quoteSeen = false
      if (c === COMMA) {
        this.cells.push(this.cell + text.slice(start, i))
        this.cell = ''
        this.dirty = true
        start = i + 1
      } else if (c === LF || c === CR) {
        const end = i
        if (c === CR && i + 1 === text.length) this.pendingCr = true
        if (c === CR && text.charCodeAt(i + 1) === LF) i++
        this.endRow(text.slice(start, end), emit)
        this.line++
        this.rowLine = this.line
        start = i + 1
      } else this.dirty = true
    }
    if (start < text.length) this.cell += text.slice(start)
  }

  /** The input has ended: the last row, if it had no line break. */
  end(emit: (row: CsvRow) => void): void {
    this.endRow('', emit)
  }

  private endRow(tail: string, emit: (row: CsvRow) => void): void {
    const last = this.cell + tail
    if (this.dirty || last !== '' || this.cells.length > 0) {
      this.cells.push(last)
      emit({ cells: this.cells, line: this.rowLine })
    }
    this.cells = []
    this.cell = ''
    this.dirty = false
    this.quoteSeen = false
  }
}
