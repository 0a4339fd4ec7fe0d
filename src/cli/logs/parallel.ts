/**
 * `logs --workers N`: each large plain JSON-lines file is cut into N byte ranges at line starts,
 * read by N worker threads that count calls by group without judging them. The main thread then
 * takes the first group of each distinct verdict, hands them to the workers in N shares to judge
 * (each distinct group judged once, in one thread), and counts every group with those verdicts; the
 * ranges' other counts (sign-ins, unreadable lines) are merged (`mergeStates`, as `merge` does): exactly
 * the state one thread would have built. Other inputs (stdin, gzip, CSV, HAR, JSON documents, small
 * files) are read on the main thread meanwhile. The worker's entry is bundled as
 * `dist/bin/chunks/logs-worker.js`, next to the logs command's file (scripts/bundle-cli.mjs).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { GraphDoctorError, type ErrorCode } from '../../core/errors.js'
import { detectLogContainer, mergeStates, type LogAggregator, type LoggedGroup, type LogState, type PendingGroupRow, type Verdict } from '../../core/logs/index.js'
import { binaryOffset } from '../bytes.js'
import type { CliIo } from '../command.js'
import { readLogInput, type ReadProgress } from './input.js'
import { readRange } from './range-read.js'
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

/** What a worker is asked: read a range (counting calls by group), or judge groups. */
export type WorkerTask = ({ readonly kind: 'range' } & RangeTask) | { readonly kind: 'judge'; readonly groups: readonly LoggedGroup[] }

/** What a worker posts back: progress, a range read (state and pending groups), verdicts, or a failure. */
export type WorkerReply =
  | { readonly kind: 'progress'; readonly bytes: number }
  | { readonly kind: 'done'; readonly state: LogState; readonly lines: number; readonly groups: readonly PendingGroupRow[] }
  | { readonly kind: 'judged'; readonly verdicts: readonly Verdict[] }
  | { readonly kind: 'failed'; readonly code: ErrorCode; readonly message: string }

type RangeDone = Extract<WorkerReply, { kind: 'done' }>

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

  async run(task: WorkerTask, onBytes: (bytes: number) => void): Promise<Exclude<WorkerReply, { kind: 'progress' | 'failed' }>> {
    const worker = this.idle.pop() ?? (await new Promise<Worker>((take) => this.waiting.push(take)))
    try {
      return await new Promise((done, fail) => {
        const onMessage = (reply: WorkerReply): void => {
          if (reply.kind === 'progress') return onBytes(reply.bytes)
          worker.off('message', onMessage).off('error', fail)
          if (reply.kind === 'failed') fail(new GraphDoctorError(reply.code, reply.message))
          else done(reply)
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

/** A fresh aggregator with the command's options; `countLater` for the ranges this thread reads. */
export type NewAggregator = (options?: { countLater?: boolean }) => LogAggregator

/**
 * Every file's state, in the order of the files, merged: big JSON-lines files in N ranges, the last
 * read by this thread and the others by N - 1 worker threads; the other files on this thread. This
 * thread then judges its share of the distinct groups (the workers theirs) and counts them all.
 */
export async function aggregateInParallel(files: readonly string[], io: CliIo, workers: number, setup: WorkerSetup, newAggregator: NewAggregator, progress: ReadProgress): Promise<LogState> {
  const pool = new RangePool(workers - 1, setup)
  let records = 0
  const counted = (part: RangeDone): RangeDone => {
    for (const input of part.state.inputs) records += input.records
    progress.onRecords(records)
    return part
  }
  try {
    const read: Array<{ state: LogState; groups: readonly PendingGroupRow[] }> = []
    for (const file of files) {
      const ranges = planRanges(file, io.cwd, workers)
      if (ranges === undefined) {
        const aggregator = newAggregator()
        await readLogInput(file, io, aggregator, progress)
        read.push({ state: aggregator.state, groups: [] })
        continue
      }
      const own = ranges.at(-1)
      const parts = ranges.slice(0, -1).map((range) => pool.run({ kind: 'range', ...range }, progress.onBytes).then((reply) => counted(reply as RangeDone)))
      const mine = own === undefined ? [] : [counted(readOwnRange(own, io.cwd, newAggregator({ countLater: true }), progress.onBytes))]
      const done = [...(await Promise.all(parts)), ...mine]
      read.push({ state: joinRanges(file, done), groups: done.flatMap((part) => part.groups) })
    }
    const judged = await countGroups(read.flatMap((part) => part.groups), pool, workers, newAggregator())
    return mergeStates([...read.map((part) => part.state), judged])
  } finally {
    await pool.close()
  }
}

function readOwnRange(range: RangeTask, cwd: string, aggregator: LogAggregator, onBytes: (bytes: number) => void): RangeDone {
  const lines = readRange(range, cwd, aggregator, onBytes)
  return { kind: 'done', state: aggregator.state, lines, groups: aggregator.takeGroups() }
}

/**
 * The workers' groups judged, each distinct one once: share 0 by this thread's `aggregator`, the
 * others by the workers meanwhile; then every group counted.
 */
async function countGroups(rows: readonly PendingGroupRow[], pool: RangePool, workers: number, aggregator: LogAggregator): Promise<LogState> {
  // Contiguous runs of endpoints in order: each thread looks up its own part of the permission catalogue
  // (decoded lazily, a block of templates at a time), not all of it.
  const groups = aggregator.groupsToJudge(rows).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  const size = Math.ceil(groups.length / workers)
  const shares = Array.from({ length: workers }, (_, share) => groups.slice(share * size, (share + 1) * size))
  const others = shares.slice(1).map((share) => (share.length === 0 ? undefined : pool.run({ kind: 'judge', groups: share }, () => undefined)))
  aggregator.judgeGroups(shares[0] ?? [])
  for (const [index, reply] of (await Promise.all(others)).entries()) {
    if (reply?.kind === 'judged') aggregator.presetVerdicts(shares[index + 1] ?? [], reply.verdicts)
  }
  aggregator.addGroups(rows)
  return aggregator.state
}
