import { GraphDoctorError } from '../../../errors.js'

/** A corrupt index: `ERR_DATA_INVALID`. */
export function invalid(reason: string): never {
  throw new GraphDoctorError('ERR_DATA_INVALID', `the permission index is corrupt: ${reason}`)
}

/** Bytes per number of a stored table: the smallest that holds its largest value. */
export type Width = 1 | 2 | 4

/** Where a section is in the body: `[byte offset, element count, width]`; a text section has width 1 and counts bytes. */
export type SectionPlace = readonly [number, number, Width]

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** The smallest {@link Width} for non-negative integers up to `max`. */
export function widthFor(max: number): Width {
  return max < 0x100 ? 1 : max < 0x10000 ? 2 : 4
}

/**
 * The sections of a binary index body, each aligned to 4 bytes so that loading reads it as a typed
 * array in place (little-endian, as every platform Node and the browsers run on; a big-endian one copies).
 */
export class SectionWriter {
  private readonly parts: Uint8Array[] = []
  private length = 0
  private readonly encoder = new TextEncoder()

  /** Bytes of the sections written so far (padding included). */
  get bodyBytes(): number {
    return this.length
  }

  numbers(values: ArrayLike<number>, width: Width = widthFor(maxOf(values))): SectionPlace {
    const typed = width === 1 ? new Uint8Array(values.length) : width === 2 ? new Uint16Array(values.length) : new Uint32Array(values.length)
    for (let at = 0; at < values.length; at++) {
      const value = values[at] as number
      if (!(Number.isInteger(value) && value >= 0 && value < 2 ** (8 * width))) invalid(`a number out of range for its table (${value})`)
      typed[at] = value
    }
    return this.add(new Uint8Array(typed.buffer), values.length, width)
  }

  text(text: string): SectionPlace {
    const bytes = this.encoder.encode(text)
    return this.add(bytes, bytes.length, 1)
  }

  bytes(bytes: Uint8Array): SectionPlace {
    return this.add(bytes, bytes.length, 1)
  }

  private add(bytes: Uint8Array, count: number, width: Width): SectionPlace {
    const place: SectionPlace = [this.length, count, width]
    if (!LITTLE_ENDIAN && width > 1) swapBytes(bytes, width)
    this.parts.push(bytes)
    this.length += bytes.length
    const padding = (4 - (this.length % 4)) % 4
    if (padding > 0) {
      this.parts.push(new Uint8Array(padding))
      this.length += padding
    }
    return place
  }

  /** `head` (ASCII, padded with spaces to a multiple of 4 bytes, then a newline) followed by the sections. */
  join(head: string): Uint8Array<ArrayBuffer> {
    const headBytes = this.encoder.encode(head + ' '.repeat((4 - ((head.length + 1) % 4)) % 4) + '\n')
    const out = new Uint8Array(headBytes.length + this.length)
    out.set(headBytes)
    let at = headBytes.length
    for (const part of this.parts) {
      out.set(part, at)
      at += part.length
    }
    return out
  }
}

function maxOf(values: ArrayLike<number>): number {
  let max = 0
  for (let at = 0; at < values.length; at++) if ((values[at] as number) > max) max = values[at] as number
  return max
}

function swapBytes(bytes: Uint8Array, width: Width): void {
  for (let at = 0; at + width <= bytes.length; at += width) bytes.subarray(at, at + width).reverse()
}

/** The sections of a binary index body, read in place. */
export class SectionReader {
  private readonly body: Uint8Array
  private readonly decoder = new TextDecoder()

  /** `body` starts at the first section; a copy when it is not 4-byte aligned in its buffer. */
  constructor(bytes: Uint8Array, bodyStart: number) {
    const body = bytes.subarray(bodyStart)
    this.body = body.byteOffset % 4 === 0 ? body : body.slice()
  }

  /** The typed array of a numbers section; throws `ERR_DATA_INVALID` when it does not fit in the body. */
  numbers(place: SectionPlace | undefined): Uint8Array | Uint16Array | Uint32Array {
    const [offset, count, width] = this.check(place)
    const { buffer, byteOffset } = this.body
    if (width === 1) return new Uint8Array(buffer, byteOffset + offset, count)
    if (!LITTLE_ENDIAN) {
      const copy = this.body.slice(offset, offset + count * width)
      swapBytes(copy, width)
      return width === 2 ? new Uint16Array(copy.buffer, 0, count) : new Uint32Array(copy.buffer, 0, count)
    }
    return width === 2 ? new Uint16Array(buffer, byteOffset + offset, count) : new Uint32Array(buffer, byteOffset + offset, count)
  }

  text(place: SectionPlace | undefined): string {
    const [offset, count] = this.check(place)
    return this.decoder.decode(this.body.subarray(offset, offset + count))
  }

  bytes(place: SectionPlace | undefined): Uint8Array {
    const [offset, count] = this.check(place)
    return this.body.subarray(offset, offset + count)
  }

  private check(place: SectionPlace | undefined): SectionPlace {
    if (!Array.isArray(place)) invalid('a missing table')
    const [offset, count, width] = place
    const fits = Number.isSafeInteger(offset) && Number.isSafeInteger(count) && offset >= 0 && count >= 0 && offset % 4 === 0
    if (!fits || !(width === 1 || width === 2 || width === 4) || offset + count * width > this.body.length) invalid('a table outside the file')
    return place
  }
}
