/**
 * An input (a file or stdin, gzip-compressed or not) opened as a stream of bytes, with its first bytes
 * at hand to tell what it is. A regular file is read with readSync, a pipe or device given by name as
 * a stream; node:stream and node:zlib are loaded only for gzip.
 */
import { closeSync, createReadStream, fstatSync, openSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CliIo } from './command.js'
import { GraphDoctorError } from '../core/errors.js'
import { describeFsError } from './io.js'
import { syncFileChunks } from './file-chunks.js'

/** node:zlib, loaded only for a gzip-compressed input: importing it cost every diagnose run its compile. */
function zlib(): typeof import('node:zlib') {
  return process.getBuiltinModule('node:zlib')
}

/** node:stream too, for gzip only: it and its internal modules are not loaded by Node's own start-up. */
function streams(): typeof import('node:stream') {
  return process.getBuiltinModule('node:stream')
}

const CHUNK_BYTES = 1024 * 1024
const PEEK_BYTES = 4096

/** The bytes of `-` (stdin) or a file, decompressed when they start with the gzip magic. */
async function byteChunks(path: string, io: CliIo, chunkBytes: number, syncReads: boolean): Promise<{ name: string; chunks: AsyncIterable<Uint8Array> }> {
  if (path === '-') {
    const chunks = io.stdinChunks?.() ?? textChunks(await io.readStdin())
    return { name: 'stdin', chunks: readErrorsNamed(chunks, 'stdin') }
  }
  const full = resolve(io.cwd, path)
  if (syncReads) return { name: path, chunks: readErrorsNamed(syncFileChunks(openFile(full, path), chunkBytes), path) }
  // A regular file is read with readSync (no stream, no thread pool: a run that reads one small capture
  // loads neither); a pipe or device given by name still as a stream.
  const fd = openFile(full, path)
  let size: number | undefined
  try {
    const stats = fstatSync(fd)
    if (stats.isFile()) size = stats.size
  } catch {
    size = undefined
  }
  if (size !== undefined) return { name: path, chunks: readErrorsNamed(syncFileChunks(fd, Math.min(chunkBytes, size + 1)), path) }
  closeSync(fd)
  const stream = createReadStream(full, { highWaterMark: chunkBytes })
  await new Promise<void>((done, fail) => {
    stream.once('open', () => done())
    stream.once('error', (error) => fail(new GraphDoctorError('ERR_INPUT_UNREADABLE', `${path}: ${describeFsError(error)}`, { cause: error })))
  })
  return { name: path, chunks: readErrorsNamed(stream, path) }
}

function openFile(full: string, path: string): number {
  try {
    return openSync(full, 'r')
  } catch (error) {
    throw new GraphDoctorError('ERR_INPUT_UNREADABLE', `${path}: ${describeFsError(error)}`, { cause: error })
  }
}

async function* textChunks(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text)
}

async function* readErrorsNamed(stream: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  try {
    yield* stream
  } catch (error) {
    if (error instanceof GraphDoctorError) throw error
    const code = (error as { code?: unknown }).code
    const what = typeof code === 'string' && code.startsWith('Z_') ? 'not valid gzip data' : describeFsError(error)
    throw new GraphDoctorError('ERR_INPUT_UNREADABLE', `${name}: ${what}`, { cause: error })
  }
}

/** The first bytes of a stream (at least `bytes` unless it is shorter), and the whole stream again. */
async function peek(chunks: AsyncIterable<Uint8Array>, bytes: number): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]()
  const seen: Uint8Array[] = []
  let length = 0
  while (length < bytes) {
    const next = await iterator.next()
    if (next.done === true) break
    seen.push(next.value)
    length += next.value.length
  }
  const head = seen.length === 1 ? (seen[0] ?? new Uint8Array(0)) : Buffer.concat(seen)
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* seen
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value
  }
  return { head, all: all() }
}

function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b
}

/** A UTF-8 BOM at the start of a stream is dropped (the JSON scanner wants the `{` first). */
export async function* withoutBom(head: Uint8Array, all: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let first = true
  for await (const chunk of all) {
    if (first && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) yield chunk.subarray(3)
    else yield chunk
    first = false
  }
}

/** An input as decompressed bytes: its first bytes, and the whole stream again from the start. */
export interface ByteInput {
  readonly name: string
  readonly head: Uint8Array
  readonly chunks: AsyncIterable<Uint8Array>
  /** True when the input was gzip-compressed (then `onRawBytes` counts the compressed bytes). */
  readonly gzip: boolean
}

/**
 * Open one input as a stream of bytes, gzip undone transparently: `-` is stdin, anything else a
 * path relative to `io.cwd`. `onRawBytes` sees every chunk as read from the file (for a progress bar).
 * `sizes.chunkBytes` sizes the chunks read (and unzipped): a reader that decodes each chunk into a
 * string wants them well under V8's large-object size (~128 KiB), where decoding and parsing are
 * several times faster than in 1 MiB strings. `sizes.headBytes` is how much `head` holds at least.
 * `sizes.syncReads` reads a file with `readSync` (`file-chunks.ts`): for one reader of one big file.
 *
 * @throws GraphDoctorError `ERR_INPUT_UNREADABLE` when the file cannot be opened or is not valid gzip.
 */
export async function openByteInput(path: string, io: CliIo, onRawBytes?: (bytes: number) => void, sizes: { chunkBytes?: number; headBytes?: number; syncReads?: boolean } = {}): Promise<ByteInput> {
  const { chunkBytes = CHUNK_BYTES, headBytes = PEEK_BYTES, syncReads = false } = sizes
  const source = await byteChunks(path, io, chunkBytes, syncReads)
  const raw = onRawBytes === undefined ? source.chunks : counted(source.chunks, onRawBytes)
  const { head, all } = await peek(raw, PEEK_BYTES)
  if (!isGzip(head)) {
    const longer = head.length >= headBytes ? { head, all } : await peek(all, headBytes)
    return { name: source.name, head: longer.head, chunks: longer.all, gzip: false }
  }
  // pipeline, not .pipe: a read error of the source must reach the gunzip stream, or it waits forever
  const { Readable, pipeline } = streams()
  const gunzip = pipeline(Readable.from(all), zlib().createGunzip({ chunkSize: Math.min(256 * 1024, chunkBytes) }), () => undefined)
  const unzipped = await peek(readErrorsNamed(gunzip, source.name), headBytes)
  return { name: source.name, head: unzipped.head, chunks: unzipped.all, gzip: true }
}

async function* counted(chunks: AsyncIterable<Uint8Array>, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    onBytes(chunk.length)
    yield chunk
  }
}
