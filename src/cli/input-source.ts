/**
 * Opening an input for `diagnose` and `token`: deciding from its first bytes whether it is a HAR, read
 * entry by entry, or a text capture, read whole (the bytes themselves: byte-input.ts).
 */
import { accessSync, constants, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CliIo } from './command.js'
import { GraphDoctorError } from '../core/errors.js'
import { describeFsError, decodeInputBytes } from './io.js'
import { binaryOffset } from './bytes.js'
import { openByteInput, withoutBom } from './byte-input.js'

export { openByteInput, withoutBom, type ByteInput } from './byte-input.js'

/** A HAR is streamed; anything else is read whole, up to this size (V8's longest string is ~512 MiB). */
export const MAX_TEXT_INPUT_BYTES = 256 * 1024 * 1024

/** An input opened for reading: a HAR as byte chunks, anything else as its whole text. */
export type OpenedInput =
  | { readonly kind: 'har'; readonly name: string; readonly chunks: AsyncIterable<Uint8Array> }
  | { readonly kind: 'text'; readonly name: string; readonly text: string }

/** `{` then `"log"` as the first key, after an optional BOM and whitespace: the start of a HAR. */
function looksLikeHar(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head.subarray(0, 256)).replace(/^\ufeff/, '')
  return /^\s*\{\s*"log"\s*:/.test(text)
}

/**
 * Check that every named file can be read, before any is: a mistyped second FILE is an error before
 * any output, not after the first file's results were written.
 *
 * @throws GraphDoctorError `ERR_INPUT_UNREADABLE`, naming the first path that cannot be read.
 */
export async function checkInputsReadable(paths: readonly string[], io: CliIo): Promise<void> {
  for (const path of paths) {
    if (path === '-') continue
    const full = resolve(io.cwd, path)
    try {
      if (statSync(full).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' })
      accessSync(full, constants.R_OK)
    } catch (error) {
      throw new GraphDoctorError('ERR_INPUT_UNREADABLE', `${path}: ${describeFsError(error)}`, { cause: error })
    }
  }
}

/**
 * Open one input: `-` is stdin, anything else a file path relative to `io.cwd`. Gzip is undone
 * transparently. A HAR comes back as byte chunks, to be read entry by entry; anything else as text.
 *
 * @throws GraphDoctorError `ERR_INPUT_UNREADABLE`, `ERR_INPUT_EMPTY`, `ERR_INPUT_FORMAT` (binary data,
 *   not UTF-8 or too large, naming the byte offset).
 */
export async function openInput(path: string, io: CliIo): Promise<OpenedInput> {
  const { name, head, chunks: all } = await openByteInput(path, io)
  const source = { name }
  const binary = binaryOffset(head)
  if (binary !== undefined) {
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${source.name}: byte ${binary}: binary data, not a HAR, curl -v transcript, HTTP exchange or error body`)
  }
  if (looksLikeHar(head)) return { kind: 'har', name: source.name, chunks: withoutBom(head, all) }
  return { kind: 'text', name: source.name, text: decodeInputBytes(await collect(all, source.name), source.name) }
}

/**
 * Read one input whole as text (a token in a file): the same opening as {@link openInput} (stdin,
 * gzip, the size bound), decoded as UTF-8 or UTF-16 with a BOM.
 *
 * @throws GraphDoctorError `ERR_INPUT_UNREADABLE`, `ERR_INPUT_EMPTY`, `ERR_INPUT_FORMAT`.
 */
export async function readInputText(path: string, io: CliIo): Promise<{ readonly name: string; readonly text: string }> {
  if (path === '-') return { name: 'stdin', text: await io.readStdin() }
  const { name, chunks } = await openByteInput(path, io)
  return { name, text: decodeInputBytes(await collect(chunks, name), name) }
}

async function collect(chunks: AsyncIterable<Uint8Array>, name: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let length = 0
  for await (const chunk of chunks) {
    length += chunk.length
    if (length > MAX_TEXT_INPUT_BYTES) {
      throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: byte ${MAX_TEXT_INPUT_BYTES}: too large for a text capture (only a HAR is read as a stream)`)
    }
    parts.push(chunk)
  }
  return Buffer.concat(parts)
}
