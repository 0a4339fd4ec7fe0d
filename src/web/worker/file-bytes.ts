/**
 * A dropped or chosen file as byte chunks for the worker's readers: gzip undone (DecompressionStream,
 * detected from the magic bytes, like the CLI), a leading UTF-8 BOM dropped, the first KiBs kept as
 * a head for format detection, and the bytes of the file read so far for the progress bar.
 */
import { GraphDoctorError } from '../../core/errors.js'

const CHUNK_BYTES = 256 * 1024
const HEAD_BYTES = 64 * 1024

export interface FileBytes {
  /** The first bytes of the content (at least 64 KiB unless the content is shorter). */
  readonly head: Uint8Array
  /** The whole content, head first. Read once. */
  readonly chunks: AsyncIterable<Uint8Array>
  /** Whether the head is all of the content. */
  readonly complete: boolean
  /** The file's size on disk. */
  readonly total: number
  /** Bytes of the file read so far (compressed bytes for a .gz). */
  loaded(): number
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b
}

async function* slices(file: Blob, count: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < file.size; start += CHUNK_BYTES) {
    const chunk = new Uint8Array(await file.slice(start, start + CHUNK_BYTES).arrayBuffer())
    count(chunk.byteLength)
    yield chunk
  }
}

async function* gunzipped(file: File, count: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const counted = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
    transform(chunk, controller) {
      count(chunk.byteLength)
      controller.enqueue(chunk)
    },
  })
  const reader = file.stream().pipeThrough(counted).pipeThrough(new DecompressionStream('gzip')).getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value as Uint8Array
    }
  } catch (error) {
    throw new GraphDoctorError('ERR_INPUT_UNREADABLE', `${file.name}: not valid gzip data`, { cause: error })
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.byteLength
  }
  return out
}

/** Open a file: read its head now, the rest as it is consumed. */
export async function openFileBytes(file: File): Promise<FileBytes> {
  let loaded = 0
  const count = (bytes: number): void => void (loaded += bytes)
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer())
  const source = isGzip(magic) ? gunzipped(file, count) : slices(file, count)
  const parts: Uint8Array[] = []
  let size = 0
  let ended = false
  while (size < HEAD_BYTES) {
    const next = await source.next()
    if (next.done === true) {
      ended = true
      break
    }
    parts.push(next.value)
    size += next.value.byteLength
  }
  let head = concat(parts)
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3)
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield head
    for await (const chunk of { [Symbol.asyncIterator]: () => source }) yield chunk
  }
  const complete = ended || (!isGzip(magic) && loaded === file.size)
  return { head, chunks: chunks(), complete, total: file.size, loaded: () => loaded }
}

/** All of the content as text (an input that is neither a capture nor a log export). */
export async function contentText(bytes: FileBytes): Promise<string> {
  const decoder = new TextDecoder()
  let text = ''
  for await (const chunk of bytes.chunks) text += decoder.decode(chunk, { stream: true })
  return text + decoder.decode()
}
