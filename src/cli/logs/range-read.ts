/**
 * Reading byte ranges of a JSON-lines file (each starting at a line start) into an aggregator, on a
 * `--workers` thread or on the main thread: synchronous reads into one reused 64 KiB buffer (each
 * chunk is decoded at once by the core's JSON-lines feed, nothing keeps it), ASCII chunks decoded as Latin-1.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { resolve } from 'node:path'
import { createJsonLinesFeed, type LogAggregator } from '../../core/logs/index.js'
import { decodeUtf8Fast } from '../bytes.js'
import type { BlockRead, ByteRange } from './ranges.js'

const CHUNK_BYTES = 64 * 1024
const PROGRESS_EVERY = 64
/** Bytes read between two exchanges of verdicts (each thread sends those it judged and takes the others'). */
export const EXCHANGE_BYTES = 4 * 1024 * 1024

/** The blocks of one file shared among threads: each takes the next block from `next` (shared memory) until none is left. */
export interface BlocksTask {
  readonly name: string
  readonly blocks: readonly ByteRange[]
  /** One 32-bit counter in a `SharedArrayBuffer`: the index of the next block to read. */
  readonly next: Int32Array
}

/** Read blocks of `task` into `aggregator`, taking them in turn with the other threads; what each block held. */
export function readBlocks(task: BlocksTask, cwd: string, aggregator: LogAggregator, onBytes: (bytes: number) => void): BlockRead[] {
  const read: BlockRead[] = []
  for (let index = Atomics.add(task.next, 0, 1); index < task.blocks.length; index = Atomics.add(task.next, 0, 1)) {
    const block = task.blocks[index]
    if (block === undefined) break
    const lines = readRange(task.name, block, cwd, aggregator, onBytes)
    const input = aggregator.state.inputs.at(-1) ?? { name: task.name, format: 'json-lines', records: 0, unreadable: 0 }
    // Each block's unreadable records apart (up to the listed limit each): they are numbered from the file start when joined.
    read.push({ index, lines, input, unreadable: aggregator.state.unreadable.splice(0) })
  }
  return read
}

/** Read `range` of the file `name` into `aggregator` as one input; `onBytes` hears of the bytes read now and then. Returns the lines read. */
export function readRange(name: string, range: ByteRange, cwd: string, aggregator: LogAggregator, onBytes: (bytes: number) => void): number {
  aggregator.beginInput(name, 'json-lines')
  const feed = createJsonLinesFeed(name, aggregator, { decode: decodeUtf8Fast })
  const buffer = new Uint8Array(CHUNK_BYTES)
  const fd = openSync(resolve(cwd, name), 'r')
  let chunks = 0
  let bytes = 0
  try {
    for (let at = range.start; at < range.end; ) {
      const read = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, range.end - at), at)
      if (read === 0) break
      at += read
      feed.push(buffer.subarray(0, read))
      bytes += read
      if (++chunks % PROGRESS_EVERY === 0) {
        onBytes(bytes)
        bytes = 0
      }
    }
  } finally {
    closeSync(fd)
  }
  feed.end()
  if (bytes > 0) onBytes(bytes)
  return feed.lines
}

/** `onBytes` passed on, with `then` called after every `every` bytes. */
export function everyBytes(every: number, then: () => void, onBytes: (bytes: number) => void): (bytes: number) => void {
  let since = 0
  return (bytes) => {
    onBytes(bytes)
    since += bytes
    if (since < every) return
    since = 0
    then()
  }
}
