/**
 * The bytes of one array element being collected across chunks, with the two size budgets of the
 * streaming reader: a single string longer than `maxStringBytes` is replaced by a short summary, and
 * an element longer than `maxElementBytes` is dropped (counted, never held).
 */

const encoder = new TextEncoder()

/** What replaces the content of a string too large to process whole (valid JSON string content). */
export function omittedValueText(bytes: number): string {
  return `[omitted by graph-doctor: a value of ${bytes} bytes]`
}

export class ElementBuffer {
  private parts: Uint8Array[] = []
  /** Bytes held in `parts`. */
  length = 0
  /** True once the element outgrew its budget: its bytes are no longer kept. */
  oversized = false

  private readonly maxElementBytes: number

  constructor(maxElementBytes: number) {
    this.maxElementBytes = maxElementBytes
  }

  reset(): void {
    this.parts = []
    this.length = 0
    this.oversized = false
  }

  /** Keep `bytes` (a view of the caller's chunk, which must not be reused afterwards). */
  append(bytes: Uint8Array): void {
    if (this.oversized || bytes.length === 0) return
    this.parts.push(bytes)
    this.length += bytes.length
    if (this.length > this.maxElementBytes) {
      this.oversized = true
      this.parts = []
      this.length = 0
    }
  }

  /** Drop everything after the first `length` bytes (the start of a string that turned out too large). */
  truncate(length: number): void {
    if (this.oversized || length >= this.length) return
    let kept = 0
    const parts: Uint8Array[] = []
    for (const part of this.parts) {
      if (kept + part.length >= length) {
        parts.push(part.subarray(0, length - kept))
        break
      }
      parts.push(part)
      kept += part.length
    }
    this.parts = parts
    this.length = length
  }

  /** Put the summary of an omitted string of `bytes` bytes where its content was. */
  appendOmitted(bytes: number): void {
    this.append(encoder.encode(omittedValueText(bytes)))
  }

  /** The element's bytes as one array (no copy when it came in one piece). */
  bytes(): Uint8Array {
    if (this.parts.length === 1) return this.parts[0] ?? new Uint8Array(0)
    const joined = new Uint8Array(this.length)
    let at = 0
    for (const part of this.parts) {
      joined.set(part, at)
      at += part.length
    }
    return joined
  }
}
