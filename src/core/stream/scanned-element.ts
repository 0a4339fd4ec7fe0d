/**
 * What the JSON array scanner (`json-array-scanner.ts`) hands over and reports: each element of the
 * target array with its place, the options, the error at the place where the JSON stopped making
 * sense, and the summary of the whole input.
 */

/** One element of the target array. */
export interface ScannedElement {
  /** 0-based position in the array. */
  readonly index: number
  /** Byte offset of its first byte in the input. */
  readonly offset: number
  /** 1-based line of its first byte. */
  readonly line: number
  /** Its JSON text; undefined when it could not be kept (see `problem`). */
  readonly text?: string
  /** Why there is no text: too large, or not valid UTF-8. */
  readonly problem?: string
  /**
   * `JSON.parse(text)`, when the scanner already parsed it (a pretty-printed object, see
   * `indented-element.ts`); otherwise absent and the caller parses `text`.
   */
  readonly value?: unknown
}

export interface JsonArrayScannerOptions {
  /** Keys leading to the array from the root, e.g. `['log', 'entries']`; `[]` for a top-level array. */
  readonly path: readonly string[]
  /** Bytes to text; must throw on invalid UTF-8. Defaults to a fatal UTF-8 TextDecoder. */
  readonly decode?: (bytes: Uint8Array) => string
  /** An element larger than this is reported as a problem, never held (default 64 MiB). */
  readonly maxElementBytes?: number
  /** A string longer than this inside an element is replaced by a summary (default 8 MiB). */
  readonly maxStringBytes?: number
}

/** A place in the input where the JSON stopped making sense. */
export class JsonScanError extends Error {
  readonly line: number
  readonly offset: number

  constructor(message: string, line: number, offset: number) {
    super(message)
    this.name = 'JsonScanError'
    this.line = line
    this.offset = offset
  }
}

/** What the whole input held, once it has ended. */
export interface JsonScanSummary {
  readonly elements: number
  /** When the array was never found: the first missing key (dotted path) and where its object ended. */
  readonly missing?: { readonly key: string; readonly line: number; readonly offset: number }
}
