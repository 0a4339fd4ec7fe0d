/** Deterministic payloads of the Graph double, with their checksums cached per size. */
import { createHash } from 'node:crypto'

const PATTERN_SIZE = 64 * 1024
const pattern = Buffer.alloc(PATTERN_SIZE)
for (let index = 0; index < PATTERN_SIZE; index += 1) pattern[index] = (Math.imul(index + 1, 2654435761) >>> 24) & 0xff

const checksums = new Map<number, string>()

/** SHA-256 (hex) of bytes. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The `size` bytes of a large body, as chunks of at most 64 KiB (shared buffers: do not modify). */
export function* patternChunks(size: number): Generator<Buffer> {
  for (let offset = 0; offset < size; offset += PATTERN_SIZE) yield pattern.subarray(0, Math.min(PATTERN_SIZE, size - offset))
}

/** SHA-256 (hex) of the `size`-byte body of {@link patternChunks}. */
export function patternChecksum(size: number): string {
  const known = checksums.get(size)
  if (known !== undefined) return known
  const hash = createHash('sha256')
  for (const chunk of patternChunks(size)) hash.update(chunk)
  const digest = hash.digest('hex')
  checksums.set(size, digest)
  return digest
}

/** A Graph-style error body. */
export function graphErrorBody(code: string, message: string, requestId: string): string {
  return JSON.stringify({ error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId } } })
}
