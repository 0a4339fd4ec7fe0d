/**
 * `logs --workers N`: each large plain JSON-lines file is cut into N byte ranges at line starts,
 * read by N worker threads into partial states, which are merged (`mergeStates`, as `merge` does)
 * into exactly the state one thread would have built. Other inputs (stdin, gzip, CSV, HAR, JSON
 * documents, small files) are read on the main thread meanwhile. The worker's entry is bundled as
 * `dist/bin/chunks/logs-worker.js`, next to the logs command's file (scripts/bundle-cli.mjs).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { GraphDoctorError, type ErrorCode } from '../../core/errors.js'
import { detectLogContainer, mergeStates, type LogAggregator, type LogState } from '../../core/logs/index.js'
import { binaryOffset } from '../bytes.js'
import type { CliIo } from '../command.js'
import { readLogInput, type ReadProgress } from './input.js'
import { joinRanges } from './ranges.js'

/** What every worker is started with (the permission data is resolved again in each thread). */
export interface WorkerSetup {
  readonly permissions: string | undefined
  readonly now: string | undefined
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/** Bytes `[start, end)` of one file, starting at a line start and ending after a line break (or at the end). */
export interface RangeTask {
  readonly name: string
  readonly start: number
  readonly end: number
}

export type WorkerReply =
  | { readonly kind: 'progress'; readonly bytes: number }
  | { readonly kind: 'done'; readonly state: LogState; readonly lines: number }
  | { readonly kind: 'failed'; readonly code: ErrorCode; readonly message: string }

/** A file smaller than this per worker is read on the main thread (starting a thread costs more). */
const MIN_RANGE_BYTES = 4 * 1024 * 1024
const HEAD_BYTES = 1024 * 1024
const SCAN_BYTES = 64 * 1024

/** The ranges of a file worth splitting, or undefined when it is read as one input on the main thread. */
export function planRanges(path: string, cwd: string, workers: number): RangeTask[] | undefined {
  if (path === '-') return undefined
  let fd: number
  try {
    fd = openSync(resolve(cwd, path), 'r')
  } catch {
    return undefined
  }
  try {
    const size = fstatSync(fd).size
    if (size < workers * MIN_RANGE_BYTES) return undefined
    const head = new Uint8Array(Math.min(HEAD_BYTES, size))
    readSync(fd, head, 0, head.length, 0)
    if ((head[0] === 0x1f && head[1] === 0x8b) || binaryOffset(head) !== undefined) return undefined
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
    if (detectLogContainer(new TextDecoder().decode(head.subarray(bom))) !== 'json-lines') return undefined
    const cuts = [bom]
    for (let k = 1; k < workers; k++) cuts.push(lineStartFrom(fd, Math.floor((size * k) / workers), size))
    cuts.push(size)
    const tasks: RangeTask[] = []
    for (let k = 0; k + 1 < cuts.length; k++) if ((cuts[k + 1] ?? 0) > (cuts[k] ?? 0)) tasks.push({ name: path, start: cuts[k] ?? 0, end: cuts[k + 1] ?? 0 })
    return tasks
  } finally {
    closeSync(fd)
  }
}

/** The first line start at or after `from` (just after a LF), or the end of the file. */
function lineStartFrom(fd: number, from: number, size: number): number {
  const block = new Uint8Array(SCAN_BYTES)
  for (let at = from - 1; at < size; at += SCAN_BYTES) {
    const read = readSync(fd, block, 0, SCAN_BYTES, at)
    const lf = block.subarray(0, read).indexOf(0x0a)
    if (lf !== -1) return at + lf + 1
    if (read === 0) break
  }
  return size
}

/** A pool of worker threads running range tasks in the order given, one at a time each. */
class RangePool {
  private readonly idle: Worker[] = []
  private readonly waiting: Array<(worker: Worker) => void> = []
  private readonly all: Worker[] = []

  constructor(count: number, setup: WorkerSetup) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(new URL('./logs-worker.js', import.meta.url), { workerData: setup })
      this.all.push(worker)
      this.idle.push(worker)
    }
  }

  async run(task: RangeTask, onBytes: (bytes: number) => void): Promise<{ state: LogState; lines: number }> {
    const worker = this.idle.pop() ?? (await new Promise<Worker>((take) => this.waiting.push(take)))
    try {
      return await new Promise((done, fail) => {
        const onMessage = (reply: WorkerReply): void => {
          if (reply.kind === 'progress') return onBytes(reply.bytes)
          worker.off('message', onMessage).off('error', fail)
          if (reply.kind === 'done') done({ state: reply.state, lines: reply.lines })
          else fail(new GraphDoctorError(reply.code, reply.message))
        }
        worker.on('message', onMessage).once('error', fail)
        worker.postMessage(task)
      })
    } finally {
      const next = this.waiting.shift()
      if (next === undefined) this.idle.push(worker)
      else next(worker)
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((worker) => worker.terminate()))
  }
}

/**
 * Every file's state, in the order of the files, merged: big JSON-lines files by worker threads,
 * the others on this thread with `newAggregator()`.
 */
export async function aggregateInParallel(files: readonly string[], io: CliIo, workers: number, setup: WorkerSetup, newAggregator: () => LogAggregator, progress: ReadProgress): Promise<LogState> {
  const pool = new RangePool(workers, setup)
  let records = 0
  try {
    const pending: Array<Promise<LogState>> = []
    const mainFiles: Array<{ file: string; done: (state: LogState) => void; fail: (error: unknown) => void }> = []
    for (const file of files) {
      const ranges = planRanges(file, io.cwd, workers)
      if (ranges === undefined) {
        pending.push(new Promise<LogState>((done, fail) => mainFiles.push({ file, done, fail })))
        continue
      }
      const parts = ranges.map((range) => pool.run(range, progress.onBytes).then((part) => {
        records += part.state.totals.calls + part.state.totals.signins
        progress.onRecords(records)
        return part
      }))
      pending.push(Promise.all(parts).then((done) => joinRanges(file, done)))
    }
    for (const { file, done, fail } of mainFiles) {
      const aggregator = newAggregator()
      await readLogInput(file, io, aggregator, progress).then(() => done(aggregator.state), fail)
    }
    return mergeStates(await Promise.all(pending))
  } finally {
    await pool.close()
  }
}
