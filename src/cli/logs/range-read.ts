/**
 * Reading a byte range of a JSON-lines file (starting at a line start) into an aggregator, on a
 * `--workers` thread or on the main thread: synchronous reads into one reused 64 KiB buffer (each
 * chunk is decoded at once by the core's JSON-lines feed, nothing keeps it), ASCII chunks decoded as Latin-1.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { resolve } from 'node:path'
import { createJsonLinesFeed, type LogAggregator } from '../../core/logs/index.js'
import { decodeUtf8Fast } from '../bytes.js'
import type { RangeTask } from './parallel.js'

const CHUNK_BYTES = 64 * 1024
const PROGRESS_EVERY = 64

/** Read `task` into `aggregator`; `onBytes` hears of the bytes read now and then. Returns the lines read. */
export function readRange(task: RangeTask, cwd: string, aggregator: LogAggregator, onBytes: (bytes: number) => void): number {
  aggregator.beginInput(task.name, 'json-lines')
  const feed = createJsonLinesFeed(task.name, aggregator, { decode: decodeUtf8Fast })
  const buffer = new Uint8Array(CHUNK_BYTES)
  const fd = openSync(resolve(cwd, task.name), 'r')
  let chunks = 0
  let bytes = 0
  try {
    for (let at = task.start; at < task.end; ) {
      const read = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, task.end - at), at)
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
