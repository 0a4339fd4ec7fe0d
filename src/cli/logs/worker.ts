/**
 * A `logs --workers` thread: reads byte ranges of JSON-lines files (each starting at a line start)
 * into a fresh aggregate that counts calls by group without judging them, and posts back its state
 * and groups; then judges the share of distinct groups the main thread sends it (`parallel.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { isGraphDoctorError } from '../../core/errors.js'
import { GroupJudge, LogAggregator } from '../../core/logs/index.js'
import { loadCatalogue } from './catalogue.js'
import type { WorkerReply, WorkerSetup, WorkerTask } from './parallel.js'
import { readRange } from './range-read.js'

async function serve(port: NonNullable<typeof parentPort>, setup: WorkerSetup): Promise<void> {
  const io = { stderr: () => undefined, env: setup.env, cwd: setup.cwd }
  const catalogue = await loadCatalogue(setup.permissions, io, true)
  const now = setup.now === undefined ? undefined : new Date(setup.now)
  const options = { ...(catalogue === undefined ? {} : { catalogue }), ...(now === undefined ? {} : { now }) }
  port.on('message', (task: WorkerTask) => {
    if (task.kind === 'judge') {
      const judge = new GroupJudge(options)
      port.postMessage({ kind: 'judged', verdicts: task.groups.map((group) => judge.verdict(group)) } satisfies WorkerReply)
      return
    }
    const aggregator = new LogAggregator({ ...options, countLater: true })
    try {
      const lines = readRange(task, setup.cwd, aggregator, (bytes) => port.postMessage({ kind: 'progress', bytes } satisfies WorkerReply))
      port.postMessage({ kind: 'done', state: aggregator.state, lines, groups: aggregator.takeGroups() } satisfies WorkerReply)
    } catch (error) {
      port.postMessage({ kind: 'failed', code: isGraphDoctorError(error) ? error.code : 'ERR_INPUT_UNREADABLE', message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply)
    }
  })
}

if (parentPort !== null) await serve(parentPort, workerData as WorkerSetup)
