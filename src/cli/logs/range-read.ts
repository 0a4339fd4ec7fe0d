/**
 * Reading a byte range of a JSON-lines file (starting at a line start) into an aggregator, on a
 * `--workers` thread or on the main thread: synchronous reads into one reused 64 KiB buffer (each
 * chunk is decoded at once, nothing keeps it), ASCII chunks decoded as Latin-1.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { resolve } from 'node:path'
import { JsonLinesReader, scanBytes, type LogAggregator } from '../../core/logs/index.js'
import { decodeUtf8Fast } from '../bytes.js'
import type { RangeTask } from './parallel.js'

const CHUNK_BYTES = 64 * 1024
const PROGRESS_EVERY = 64

/** Read `task` into `aggregator`; `onBytes` hears of the bytes read now and then. Returns the lines read. */
export function readRange(task: RangeTask, cwd: string, aggregator: LogAggregator, onBytes: (bytes: number) => void): number {
  aggregator.beginInput(task.name, 'json-lines')
  const reader = new JsonLinesReader(aggregator, task.name)
  const decoder = new TextDecoder()
  const buffer = new Uint8Array(CHUNK_BYTES)
  const fd = openSync(resolve(cwd, task.name), 'r')
  let chunks = 0
  let bytes = 0
  let afterAscii = true
  try {
    for (let at = task.start; at < task.end; ) {
      const read = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, task.end - at), at)
      if (read === 0) break
      at += read
      const chunk = buffer.subarray(0, read)
      const scanned = scanBytes(chunk)
      // An ASCII chunk after an ASCII chunk leaves nothing of a character pending in the decoder.
      reader.push(scanned.ascii && afterAscii ? decodeUtf8Fast(chunk) : decoder.decode(chunk, { stream: true }), scanned.plain)
      afterAscii = scanned.ascii
      bytes += read
      if (++chunks % PROGRESS_EVERY === 0) {
        onBytes(bytes)
        bytes = 0
      }
    }
  } finally {
    closeSync(fd)
  }
  reader.push(decoder.decode())
  reader.end()
  if (bytes > 0) onBytes(bytes)
  return reader.lines
}
