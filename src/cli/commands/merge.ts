/** `graph-doctor merge PARTIAL...`: merge the partial aggregates of `logs --partial` into one report. */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { help } from './help/merge.js'
import { GraphDoctorError } from '../../core/errors.js'
import { buildLogReport, mergeStates, parsePartial } from '../../core/logs/index.js'
import { parseCommandArgs, stringOption } from '../args.js'
import type { Command } from '../command.js'
import { describeFsError } from '../io.js'
import { parseReportFormat, writeLogReport, writePartial } from '../logs/output.js'
import { loadCatalogue } from './logs.js'

export { help }

const OPTIONS = { format: { type: 'string' }, partial: { type: 'string' }, permissions: { type: 'string' } } as const

export const run: Command = async (argv, io) => {
  const args = parseCommandArgs(argv, OPTIONS, 'merge')
  const format = parseReportFormat(stringOption(args, 'format'))
  if (args.positionals.length === 0) throw new GraphDoctorError('ERR_USAGE', 'nothing to merge: give the PARTIAL files written by graph-doctor logs --partial')
  const states = []
  for (const file of args.positionals) {
    const text = await readFile(resolve(io.cwd, file), 'utf8').catch((error: unknown) => {
      throw new GraphDoctorError('ERR_INPUT_UNREADABLE', `${file}: ${describeFsError(error)}`, { cause: error })
    })
    states.push(parsePartial(text, file))
  }
  const state = mergeStates(states)
  const partial = stringOption(args, 'partial')
  if (partial !== undefined) await writePartial(resolve(io.cwd, partial), state)
  const catalogue = await loadCatalogue(stringOption(args, 'permissions'), io, format === 'json')
  return writeLogReport(buildLogReport(state, catalogue), format, io)
}
