/**
 * A `logs --workers` thread: reads byte ranges of JSON-lines files (each starting at a line start)
 * into a fresh aggregate and posts back its state, which the main thread merges (`parallel.ts`).
 */
import { openSync } from 'node:fs'
import { resolve } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { isGraphDoctorError } from '../../core/errors.js'
import { JsonLinesReader, LogAggregator, scanBytes } from '../../core/logs/index.js'
import { syncFileChunks } from '../file-chunks.js'
import { loadCatalogue } from './catalogue.js'
import type { RangeTask, WorkerReply, WorkerSetup } from './parallel.js'

const PROGRESS_EVERY = 64

async function readRange(task: RangeTask, setup: WorkerSetup, aggregator: LogAggregator, port: NonNullable<typeof parentPort>): Promise<number> {
  aggregator.beginInput(task.name, 'json-lines')
  const reader = new JsonLinesReader(aggregator, task.name)
  const decoder = new TextDecoder()
  const stream = syncFileChunks(openSync(resolve(setup.cwd, task.name), 'r'), 64 * 1024, task.start, task.end)
  let chunks = 0
  let bytes = 0
  for await (const chunk of stream) {
    const scanned = scanBytes(chunk)
    reader.push(decoder.decode(chunk, { stream: true }), scanned.plain)
    bytes += chunk.length
    if (++chunks % PROGRESS_EVERY === 0) {
      port.postMessage({ kind: 'progress', bytes } satisfies WorkerReply)
      bytes = 0
    }
  }
  reader.push(decoder.decode())
  reader.end()
  if (bytes > 0) port.postMessage({ kind: 'progress', bytes } satisfies WorkerReply)
  return reader.lines
}

async function serve(port: NonNullable<typeof parentPort>, setup: WorkerSetup): Promise<void> {
  const io = { stderr: () => undefined, env: setup.env, cwd: setup.cwd }
  const catalogue = await loadCatalogue(setup.permissions, io, true)
  const now = setup.now === undefined ? undefined : new Date(setup.now)
  port.on('message', (task: RangeTask) => {
    const aggregator = new LogAggregator({ ...(catalogue === undefined ? {} : { catalogue }), ...(now === undefined ? {} : { now }) })
    readRange(task, setup, aggregator, port).then(
      (lines) => port.postMessage({ kind: 'done', state: aggregator.state, lines } satisfies WorkerReply),
      (error: unknown) => port.postMessage({ kind: 'failed', code: isGraphDoctorError(error) ? error.code : 'ERR_INPUT_UNREADABLE', message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
    )
  })
}

if (parentPort !== null) await serve(parentPort, workerData as WorkerSetup)
