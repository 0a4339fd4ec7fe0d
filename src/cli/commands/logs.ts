/** `graph-doctor logs FILE...`: read log exports, aggregate, report; `--partial` writes a mergeable aggregate. */
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { help } from './logs-help.js'
import { GraphDoctorError } from '../../core/errors.js'
import { buildLogReport, LogAggregator, type LogState } from '../../core/logs/index.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import { parseCommandArgs, parseNow, stringOption } from '../args.js'
import type { CliIo, Command } from '../command.js'
import { echoArgument } from '../echo.js'
import { readLogInput } from '../logs/input.js'
import { createProgress } from '../logs/progress.js'
import { parseReportFormat, writeLogReport, writePartial } from '../logs/output.js'

export { help }

const OPTIONS = {
  format: { type: 'string' },
  partial: { type: 'string' },
  permissions: { type: 'string' },
  engine: { type: 'string' },
  now: { type: 'string' },
} as const

/** The permission data every run needs (the audit and the permission findings). */
export async function loadCatalogue(file: string | undefined, io: CliIo, quiet: boolean): Promise<PermissionCatalogue | undefined> {
  const { resolvePermissionData } = await import('../permissions-source.js')
  const warn = (line: string): void => io.stderr(line.startsWith('graph-doctor') ? `${line}\n` : `graph-doctor: ${line}\n`)
  const data = await resolvePermissionData({ ...(file === undefined ? {} : { file }), env: io.env, warn, cwd: io.cwd, noteAge: !quiet })
  return data?.catalogue
}

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

/** Read every file into one aggregate, with a progress bar on a terminal. */
async function aggregateFiles(files: readonly string[], io: CliIo, aggregator: LogAggregator): Promise<LogState> {
  const progress = createProgress(io, await totalSize(files, io))
  try {
    for (const file of files) {
      const base = aggregator.state.totals.calls + aggregator.state.totals.signins
      await readLogInput(file, io, aggregator, { onBytes: progress.addBytes, onRecords: (records) => progress.setRecords(base + records) })
    }
  } finally {
    progress.done()
  }
  const { totals } = aggregator.state
  if (totals.calls + totals.signins === 0) {
    const first = aggregator.state.unreadable[0]
    const why = first === undefined ? 'no records' : `no readable record (${first.source}: ${first.reason})`
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${files.join(', ')}: ${why}`)
  }
  return aggregator.state
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
  const args = parseCommandArgs(argv, OPTIONS, 'logs')
  const format = parseReportFormat(stringOption(args, 'format'))
  checkFiles(args.positionals, stringOption(args, 'engine'))
  const now = parseNow(stringOption(args, 'now'))
  const catalogue = await loadCatalogue(stringOption(args, 'permissions'), io, format === 'json')
  const aggregator = new LogAggregator({ ...(catalogue === undefined ? {} : { catalogue }), ...(now === undefined ? {} : { now }) })
  const state = stringOption(args, 'engine') === 'duckdb' ? await aggregateWithDuckdb(args.positionals, io, aggregator) : await aggregateFiles(args.positionals, io, aggregator)
  const partial = stringOption(args, 'partial')
  if (partial !== undefined) await writePartial(resolve(io.cwd, partial), state)
  return writeLogReport(buildLogReport(state, catalogue), format, io)
}
