/**
 * `logs --workers N`: each large plain JSON-lines file is cut into blocks at line starts, which this
 * thread and N - 1 worker threads take in turn (a counter in shared memory), each thread reading its
 * blocks into an aggregator of its own that counts and judges every call as one thread does; the
 * threads' states are then merged (`mergeStates`, as `merge` does), with the blocks' unreadable lines
 * numbered from the file start: exactly the state one thread would have built. A distinct group seen by
 * two threads is judged by both (about half the groups here): cheaper than a serial step after the reads.
 * Other inputs (stdin, gzip, CSV, HAR, JSON documents, small files) are read on this thread. The
 * worker's entry is bundled as `dist/bin/chunks/logs-worker.js`, next to the logs command's file
 * (scripts/bundle-cli.mjs).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import { GraphDoctorError, type ErrorCode } from '../../core/errors.js'
import { mergeStates, type LogAggregator, type LogState, type SharedVerdict } from '../../core/logs/index.js'
import type { CliIo } from '../command.js'
import { readLogInput, type ReadProgress } from './input.js'
import { everyBytes, EXCHANGE_BYTES, readBlocks, type BlocksTask } from './range-read.js'
import { joinBlocks, planBlocks, type ThreadRead } from './ranges.js'

/** What every worker is started with (the permission data is resolved again in each thread). */
export interface WorkerSetup {
  readonly permissions: string | undefined
  readonly now: string | undefined
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/** What a worker posts back: progress, what it read of a file, or a failure. */
export type WorkerReply =
  | { readonly kind: 'progress'; readonly bytes: number }
  | ({ readonly kind: 'done' } & ThreadRead)
  | { readonly kind: 'failed'; readonly code: ErrorCode; readonly message: string }

/**
 * Worker threads, started at once (each loads its permission data while this thread reads), each with
 * a port for verdicts: a worker sends this thread the verdicts it judged, which this thread passes on
 * to the other workers with its own (read synchronously between chunks: every thread reads without
 * yielding).
 */
export class WorkerThreads {
  private readonly workers: Worker[] = []
  private readonly ports: MessagePort[] = []

  constructor(count: number, setup: WorkerSetup) {
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel()
      this.ports.push(port1)
      this.workers.push(new Worker(new URL('./logs-worker.js', import.meta.url), { workerData: { ...setup, verdicts: port2 }, transferList: [port2] }))
    }
  }

  /** The workers' new verdicts taken into `aggregator` and passed on to the other workers, with this thread's own. */
  exchange(aggregator: LogAggregator): void {
    const own = aggregator.takeVerdicts()
    this.ports.forEach((port, from) => {
      for (let received = receiveMessageOnPort(port); received !== undefined; received = receiveMessageOnPort(port)) {
        const verdicts = received.message as SharedVerdict[]
        aggregator.receiveVerdicts(verdicts)
        this.ports.forEach((other, to) => to !== from && other.postMessage(verdicts))
      }
    })
    if (own.length > 0) for (const port of this.ports) port.postMessage(own)
  }

  /** Every worker takes blocks of `task` until none is left; what each read. */
  read(task: BlocksTask, onBytes: (bytes: number) => void): Array<Promise<ThreadRead>> {
    return this.workers.map((worker) => new Promise((done, fail) => {
      const onExit = (code: number): void => fail(new GraphDoctorError('ERR_INPUT_UNREADABLE', `a --workers thread stopped (exit code ${code}) before it had read its part`))
      const onMessage = (reply: WorkerReply): void => {
        if (reply.kind === 'progress') return onBytes(reply.bytes)
        worker.off('message', onMessage).off('error', fail).off('exit', onExit)
        if (reply.kind === 'failed') fail(new GraphDoctorError(reply.code, reply.message))
        else done(reply)
      }
      worker.on('message', onMessage).once('error', fail).once('exit', onExit)
      worker.postMessage(task)
    }))
  }

  async close(): Promise<void> {
    for (const port of this.ports) port.close()
    await Promise.all(this.workers.map((worker) => worker.terminate()))
  }
}

/** A fresh aggregator with the command's options (`shareVerdicts` for the blocks this thread reads). */
export type NewAggregator = (options?: { shareVerdicts?: boolean }) => LogAggregator

/**
 * Every file's state, in the order of the files, merged: big JSON-lines files in blocks shared by this
 * thread and `workers - 1` worker threads; the other files on this thread.
 */
export async function aggregateInParallel(files: readonly string[], io: CliIo, workers: number, setup: WorkerSetup, newAggregator: NewAggregator, progress: ReadProgress): Promise<LogState> {
  const threads = new WorkerThreads(workers - 1, setup)
  let records = 0
  const counted = (read: ThreadRead): ThreadRead => {
    for (const block of read.blocks) records += block.input.records
    progress.onRecords(records)
    return read
  }
  try {
    const states: LogState[] = []
    for (const file of files) {
      const blocks = planBlocks(file, io.cwd, workers)
      if (blocks === undefined) {
        const aggregator = newAggregator()
        await readLogInput(file, io, aggregator, progress)
        states.push(aggregator.state)
        continue
      }
      const aggregator = newAggregator({ shareVerdicts: true })
      const task: BlocksTask = { name: file, blocks, next: new Int32Array(new SharedArrayBuffer(4)) }
      const others = threads.read(task, progress.onBytes)
      // Awaited only once this thread has read its blocks: if that read fails, the workers stopped by close() reject unheard.
      for (const other of others) other.catch(() => undefined)
      const onBytes = everyBytes(EXCHANGE_BYTES, () => threads.exchange(aggregator), progress.onBytes)
      const own = counted({ state: aggregator.state, blocks: readBlocks(task, io.cwd, aggregator, onBytes) })
      const read = await Promise.all(others.map((other) => other.then(counted)))
      states.push(joinBlocks(file, [own, ...read]))
    }
    return states.length === 1 && states[0] !== undefined ? states[0] : mergeStates(states)
  } finally {
    await threads.close()
  }
}
