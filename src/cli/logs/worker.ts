/**
 * A `logs --workers` thread: takes blocks of a JSON-lines file in turn with the other threads (each
 * block starting at a line start) and reads them into an aggregator of its own, counting and judging
 * every call; posts back its state and what each block held (`parallel.ts`).
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads'
import { isGraphDoctorError } from '../../core/errors.js'
import { LogAggregator, type SharedVerdict } from '../../core/logs/index.js'
import { loadCatalogue } from './catalogue.js'
import type { WorkerReply, WorkerSetup } from './parallel.js'
import { everyBytes, EXCHANGE_BYTES, readBlocks, type BlocksTask } from './range-read.js'

/** This thread's new verdicts sent to the main thread, and the other threads' taken (see `WorkerThreads.exchange`). */
function exchange(aggregator: LogAggregator, verdicts: MessagePort): void {
  for (let received = receiveMessageOnPort(verdicts); received !== undefined; received = receiveMessageOnPort(verdicts)) aggregator.receiveVerdicts(received.message as SharedVerdict[])
  const own = aggregator.takeVerdicts()
  if (own.length > 0) verdicts.postMessage(own)
}

async function serve(port: NonNullable<typeof parentPort>, setup: WorkerSetup & { readonly verdicts: MessagePort }): Promise<void> {
  const io = { stderr: () => undefined, env: setup.env, cwd: setup.cwd }
  const catalogue = await loadCatalogue(setup.permissions, io, true)
  const now = setup.now === undefined ? undefined : new Date(setup.now)
  const options = { ...(catalogue === undefined ? {} : { catalogue }), ...(now === undefined ? {} : { now }) }
  port.on('message', (task: BlocksTask) => {
    const aggregator = new LogAggregator({ ...options, shareVerdicts: true })
    const onBytes = everyBytes(EXCHANGE_BYTES, () => exchange(aggregator, setup.verdicts), (bytes) => port.postMessage({ kind: 'progress', bytes } satisfies WorkerReply))
    try {
      const blocks = readBlocks(task, setup.cwd, aggregator, onBytes)
      port.postMessage({ kind: 'done', state: aggregator.state, blocks } satisfies WorkerReply)
    } catch (error) {
      port.postMessage({ kind: 'failed', code: isGraphDoctorError(error) ? error.code : 'ERR_INPUT_UNREADABLE', message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply)
    }
  })
}

if (parentPort !== null) await serve(parentPort, workerData as WorkerSetup & { readonly verdicts: MessagePort })
