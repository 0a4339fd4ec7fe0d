/**
 * The copy of an error body as text for the diagnosis, decoded by its Content-Encoding: clients ask
 * for gzip, deflate or br and Graph answers so, which would turn the error code and message into
 * garbage. Only the copy is decoded; the client's bytes are untouched.
 */
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib'

/**
 * Decoded bytes beyond the limit are dropped; past this many times the limit a decoder stops and the
 * body is left undecoded (a zip bomb, never a Graph error).
 */
const EXPANSION_BOUND = 8

type Decoder = (bytes: Buffer, maxOutputLength: number) => Buffer

/** A copy cut at the limit ends mid-stream: flush what is there instead of failing. */
const PARTIAL: ZlibOptions = { finishFlush: constants.Z_SYNC_FLUSH }

function inflateEither(bytes: Buffer, maxOutputLength: number): Buffer {
  try {
    return inflateSync(bytes, { ...PARTIAL, maxOutputLength })
  } catch (error) {
    if (error instanceof RangeError) throw error
    return inflateRawSync(bytes, { ...PARTIAL, maxOutputLength }) // some servers send deflate without its zlib header
  }
}

const DECODERS: Readonly<Record<string, Decoder>> = {
  gzip: (bytes, maxOutputLength) => gunzipSync(bytes, { ...PARTIAL, maxOutputLength }),
  'x-gzip': (bytes, maxOutputLength) => gunzipSync(bytes, { ...PARTIAL, maxOutputLength }),
  deflate: inflateEither,
  br: (bytes, maxOutputLength) => brotliDecompressSync(bytes, { finishFlush: constants.BROTLI_OPERATION_FLUSH, maxOutputLength }),
}

/**
 * The body's text, at most `limit` bytes of it. `encoding` is the Content-Encoding header (codings
 * applied in order, so undone last first); an unknown coding or a body that does not decode gives
 * `undefined`: no text is better than garbage.
 */
export function decodeErrorBody(bytes: Buffer, encoding: string | undefined, limit: number): string | undefined {
  const codings = (encoding ?? '').split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== '' && coding !== 'identity')
  let decoded = bytes
  try {
    for (const coding of codings.reverse()) {
      const decoder = DECODERS[coding]
      if (decoder === undefined) return undefined
      decoded = decoder(decoded, limit * EXPANSION_BOUND)
    }
  } catch {
    return undefined
  }
  return decoded.subarray(0, limit).toString('utf8')
}
