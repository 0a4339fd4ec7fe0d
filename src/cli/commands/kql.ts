/** `graph-doctor kql`: print the KQL pre-aggregation for tenant-scale logs (nothing is run or sent). */
import { GraphDoctorError } from '../../core/errors.js'
import { KQL_TABLES, buildKqlQuery, resolveKqlTable } from '../../core/kql/index.js'
import { renderKqlJson, renderKqlText } from '../../render/kql.js'
import { parseCommandArgs, stringOption } from '../args.js'
import type { Command } from '../command.js'

const OPTIONS = { since: { type: 'string' }, table: { type: 'string' }, format: { type: 'string' } } as const

/** Run `graph-doctor kql`; see {@link help}. */
export const run: Command = async (argv, io) => {
  const args = parseCommandArgs(argv, OPTIONS, 'kql')
  if (args.positionals.length > 0) throw new GraphDoctorError('ERR_USAGE', 'kql takes no arguments, only options (see graph-doctor kql --help)')
  const format = stringOption(args, 'format') ?? 'text'
  if (format !== 'text' && format !== 'json') throw new GraphDoctorError('ERR_INVALID_OPTION', 'kql: --format takes text or json')
  const tableName = stringOption(args, 'table') ?? 'MicrosoftGraphActivityLogs'
  const table = resolveKqlTable(tableName)
  if (table === undefined) throw new GraphDoctorError('ERR_INVALID_OPTION', `kql: --table takes ${KQL_TABLES.join(', ')} or activity`)
  const query = buildKqlQuery({ table, since: stringOption(args, 'since') ?? '7d' })
  io.stdout(format === 'json' ? renderKqlJson(query) : renderKqlText(query))
  return 0
}

export { help } from './help/kql.js'
