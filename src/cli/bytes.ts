/** Byte-level checks and decoding of input, with the fast paths Node offers. */
import { Buffer, isAscii } from 'node:buffer'

/** Made on first use: the bin imports this file, and most runs never decode a HAR's chunks. */
let fatalUtf8: TextDecoder | undefined

function isUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
}

/**
 * Where the first 8 KiB look binary (a NUL, or more than 5% control bytes), the byte offset of the
 * first NUL or control byte; undefined for text (UTF-16 with a BOM is text).
 */
export function binaryOffset(bytes: Uint8Array): number | undefined {
  if (isUtf16Bom(bytes)) return undefined
  const sample = bytes.subarray(0, 8192)
  let control = 0
  let first: number | undefined
  for (let index = 0; index < sample.length; index++) {
    const byte = sample[index] ?? 0
    if (byte === 0) return index
    if (byte < 9 || (byte > 13 && byte < 32)) {
      control++
      first ??= index
    }
  }
  return control > sample.length / 20 ? first : undefined
}

/** Byte offset of the first byte that starts no valid UTF-8 sequence (for an error message). */
export function utf8ErrorOffset(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0
    if (lead < 0x80) {
      i++
      continue
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0
    const second = bytes[i + 1] ?? 0
    // Overlong forms, surrogates and code points past U+10FFFF are invalid too.
    const badSecond = (lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)
    if (need === 0 || badSecond) return i
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i
    i += need + 1
  }
  return bytes.length
}

/**
 * UTF-8 bytes to text, throwing on invalid UTF-8; pure ASCII (nearly every HAR entry) is decoded as
 * latin1, which is identical for ASCII and an order of magnitude faster on Node 20.
 */
export function decodeUtf8Fast(bytes: Uint8Array): string {
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  fatalUtf8 ??= new TextDecoder('utf-8', { fatal: true })
  return fatalUtf8.decode(bytes)
}
