/** `graph-doctor logs FILE...`: read log exports, aggregate, report; `--partial` writes a mergeable aggregate. */
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { help } from './help/logs.js'
import { GraphDoctorError } from '../../core/errors.js'
import { buildLogReport, LogAggregator, type LogState } from '../../core/logs/index.js'
import { parseCommandArgs, parseNow, stringOption } from '../args.js'
import type { CliIo, Command } from '../command.js'
import { echoArgument } from '../echo.js'
import { loadCatalogue } from '../logs/catalogue.js'
import type { NewAggregator } from '../logs/parallel.js'
import { readLogInput } from '../logs/input.js'
import type { WorkerSetup } from '../logs/parallel.js'
import { createProgress } from '../logs/progress.js'
import { parseReportFormat, writeLogReport, writePartial } from '../logs/output.js'
import { withPipedStdin } from '../stdin.js'

export { help, loadCatalogue }

const OPTIONS = {
  format: { type: 'string' },
  partial: { type: 'string' },
  permissions: { type: 'string' },
  engine: { type: 'string' },
  now: { type: 'string' },
  workers: { type: 'string' },
} as const

async function totalSize(files: readonly string[], io: CliIo): Promise<number> {
  let total = 0
  for (const file of files) {
    if (file === '-') return 0
    total += await stat(resolve(io.cwd, file)).then((info) => info.size, () => 0)
  }
  return total
}

function checkFiles(files: readonly string[], engine: string | undefined): void {
  if (files.length === 0) throw new GraphDoctorError('ERR_USAGE', 'nothing to read: give log FILEs, or - for stdin (see graph-doctor logs --help)')
  if (files.filter((file) => file === '-').length > 1) throw new GraphDoctorError('ERR_USAGE', 'stdin (-) can be read only once')
  if (engine !== undefined && engine !== 'stream' && engine !== 'duckdb') throw new GraphDoctorError('ERR_INVALID_OPTION', `--engine must be stream or duckdb, not ${echoArgument(engine)}`)
  if (engine === 'duckdb' && files.includes('-')) throw new GraphDoctorError('ERR_USAGE', '--engine duckdb reads files, not stdin (-)')
}

/** Read every file into one aggregate (with `parallel`, big JSON-lines files by worker threads), with a progress bar on a terminal. */
async function aggregateFiles(files: readonly string[], io: CliIo, newAggregator: NewAggregator, parallel?: { workers: number; setup: WorkerSetup }): Promise<LogState> {
  const progress = createProgress(io, await totalSize(files, io))
  let state: LogState
  try {
    if (parallel === undefined) {
      const aggregator = newAggregator()
      for (const file of files) {
        const base = aggregator.state.totals.calls + aggregator.state.totals.signins
        await readLogInput(file, io, aggregator, { onBytes: progress.addBytes, onRecords: (records) => progress.setRecords(base + records) })
      }
      state = aggregator.state
    } else {
      const { aggregateInParallel } = await import('../logs/parallel.js')
      state = await aggregateInParallel(files, io, parallel.workers, parallel.setup, newAggregator, { onBytes: progress.addBytes, onRecords: progress.setRecords })
    }
  } finally {
    progress.done()
  }
  const { totals } = state
  if (totals.calls + totals.signins === 0) {
    const first = state.unreadable[0]
    const why = first === undefined ? 'no records' : `no readable record (${first.source}: ${first.reason})`
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${files.join(', ')}: ${why}`)
  }
  return state
}

/** `--workers N`: 1 (the default) reads on this thread; at most 64. */
function parseWorkers(value: string | undefined, engine: string | undefined): number {
  if (value === undefined) return 1
  const workers = /^[0-9]{1,3}$/.test(value) ? Number(value) : Number.NaN
  if (!(workers >= 1 && workers <= 64)) throw new GraphDoctorError('ERR_INVALID_OPTION', `--workers must be a number from 1 to 64, not ${echoArgument(value)}`)
  if (workers > 1 && engine === 'duckdb') throw new GraphDoctorError('ERR_USAGE', '--workers is for the stream engine (DuckDB runs its own threads)')
  return workers
}

/** `--engine duckdb`: DuckDB pre-aggregates the files into group rows (kql's engine), which are then weighted like any group rows. */
async function aggregateWithDuckdb(files: readonly string[], io: CliIo, aggregator: LogAggregator): Promise<LogState> {
  const { duckdbGroupRows } = await import('../logs-engines/duckdb.js')
  aggregator.beginInput(files.join(', '), 'duckdb')
  let index = 0
  for await (const row of duckdbGroupRows(files.map((file) => resolve(io.cwd, file)))) aggregator.addValue(row, `duckdb group ${++index}`)
  return aggregator.state
}

export const run: Command = async (argv, io) => {
  const args = withPipedStdin(parseCommandArgs(argv, OPTIONS, 'logs'), io)
  const format = parseReportFormat(stringOption(args, 'format'))
  checkFiles(args.positionals, stringOption(args, 'engine'))
  const engine = stringOption(args, 'engine')
  const workers = parseWorkers(stringOption(args, 'workers'), engine)
  const now = parseNow(stringOption(args, 'now'))
  const permissions = stringOption(args, 'permissions')
  const catalogue = await loadCatalogue(permissions, io, format === 'json')
  const newAggregator = (extra: { shareVerdicts?: boolean } = {}): LogAggregator => new LogAggregator({ ...(catalogue === undefined ? {} : { catalogue }), ...(now === undefined ? {} : { now }), ...extra })
  const parallel = workers > 1 ? { workers, setup: { permissions, now: now?.toISOString(), env: io.env, cwd: io.cwd } } : undefined
  const state = engine === 'duckdb' ? await aggregateWithDuckdb(args.positionals, io, newAggregator()) : await aggregateFiles(args.positionals, io, newAggregator, parallel)
  const partial = stringOption(args, 'partial')
  if (partial !== undefined) await writePartial(resolve(io.cwd, partial), state)
  return writeLogReport(buildLogReport(state, catalogue), format, io)
}
