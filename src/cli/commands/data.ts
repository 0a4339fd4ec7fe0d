import { GraphDoctorError } from '../../core/errors.js'
import { parseCommandArgs, stringOption } from '../args.js'
import { echoArgument } from '../echo.js'
import type { CliIo, Command } from '../command.js'
import { userCacheDir } from '../data/cache-dir.js'
import { createProgress } from '../data/progress.js'
import { renderCacheStatusText, renderUpdateSummary } from '../data/status-text.js'
import { outputColumns } from '../io.js'
import { wrapBlock } from '../../render/layout/wrap.js'

type Format = 'text' | 'json'

interface DataArgs {
  readonly sub: string | undefined
  readonly from?: string
  readonly format: Format
}

const OPTIONS = { from: { type: 'string' }, format: { type: 'string' } } as const

function parseDataArgs(argv: readonly string[]): DataArgs {
  const args = parseCommandArgs(argv, OPTIONS, 'data')
  const format = stringOption(args, 'format') ?? 'text'
  if (format !== 'text' && format !== 'json') {
    throw new GraphDoctorError('ERR_INVALID_OPTION', `data: --format must be text or json, not ${echoArgument(format)}`)
  }
  if (args.positionals.length > 1) throw new GraphDoctorError('ERR_USAGE', 'data: one sub-command only: update or status (see graph-doctor data --help)')
  const from = stringOption(args, 'from')
  return { sub: args.positionals[0], format, ...(from === undefined ? {} : { from }) }
}

/**
 * `graph-doctor data update|status`.
 *
 * @example
 * graph-doctor data update --from http://mirror.example/graph-permissions/
 */
export const run: Command = async (argv, io) => {
  const args = parseDataArgs(argv)
  const cacheDir = userCacheDir(io.env)
  if (args.sub === 'update') return runUpdate(io, cacheDir, args.format, args.from)
  if (args.from !== undefined) throw new GraphDoctorError('ERR_USAGE', 'data: --from is only for `data update`')
  if (args.sub === 'status') return runStatus(io, cacheDir, args.format)
  throw new GraphDoctorError('ERR_USAGE', args.sub === undefined ? 'data: say `update` or `status`' : `data: unknown sub-command ${args.sub} (use update or status)`)
}

async function runUpdate(io: CliIo, cacheDir: string, format: Format, from: string | undefined): Promise<number> {
  const progress = createProgress({ write: io.stderr, isEnabled: process.stderr.isTTY === true && io.env['CI'] === undefined })
  const { updatePermissionData } = await import('../data/update.js')
  const result = await updatePermissionData({ cacheDir, cwd: io.cwd, progress, ...(from !== undefined ? { from } : {}) })
  const summary = renderUpdateSummary(result)
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ cacheDir, manifest: result.manifest, elapsedMs: Math.round(result.elapsedMs) }, null, 2)}\n`)
    io.stderr(summary)
  } else {
    io.stdout(summary)
  }
  return 0
}

async function runStatus(io: CliIo, cacheDir: string, format: Format): Promise<number> {
  const { collectCacheStatus } = await import('../data/status.js')
  const status = await collectCacheStatus(cacheDir, io.env)
  io.stdout(format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : wrapBlock(renderCacheStatusText(status), outputColumns(io)))
  return status.state !== 'damaged' && status.inUse !== undefined ? 0 : 1
}

export { help } from './help/data.js'
