/** `graph-doctor token <jwt|->`: the token analysis on its own. */
import { help } from './token-help.js'
import { GraphDoctorError } from '../../core/errors.js'
import { analyseToken, explainClaims, judgeTokenTime, parseAuthorizationHeader, summarizeToken } from '../../core/token/index.js'
import { renderTokenJson, type TokenReport } from '../../render/token.js'
import { renderTokenMarkdown, renderTokenText } from '../../render/token-text.js'
import { parseCommandArgs, parseFormat, parseNow, stringOption } from '../args.js'
import type { CliIo, Command } from '../command.js'
import { outputColumns, shouldUseColour } from '../io.js'


const OPTIONS = { format: { type: 'string' }, now: { type: 'string' } } as const

async function readRawToken(positionals: readonly string[], io: CliIo): Promise<string> {
  if (positionals.length === 0) throw new GraphDoctorError('ERR_USAGE', 'give a token, or - to read it from stdin (see graph-doctor token --help)')
  const text = positionals.length === 1 && positionals[0] === '-' ? await io.readStdin() : positionals.join(' ')
  const value = text.trim().replace(/^authorization:\s*/i, '')
  if (value === '') throw new GraphDoctorError('ERR_INPUT_EMPTY', 'token: the input is empty')
  if (!/^\S+\s+\S/.test(value)) return value
  const header = parseAuthorizationHeader(value)
  if (header.state === 'present') return header.token
  throw new GraphDoctorError('ERR_INPUT_FORMAT', `token: ${header.state === 'empty' ? header.problem : 'no token found'}`)
}

/** Run `graph-doctor token`; see {@link help}. */
export const run: Command = async (argv, io) => {
  const args = parseCommandArgs(argv, OPTIONS, 'token')
  const format = parseFormat(stringOption(args, 'format'))
  const now = parseNow(stringOption(args, 'now')) ?? new Date()
  const analysis = analyseToken(await readRawToken(args.positionals, io))
  if (analysis.form === 'malformed') {
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `token: not an access token: ${analysis.problem ?? 'it cannot be decoded'}`)
  }
  const report: TokenReport = {
    analysis,
    time: judgeTokenTime(analysis, now),
    claims: explainClaims(analysis),
    summary: summarizeToken(analysis),
  }
  if (format === 'json') io.stdout(renderTokenJson(report))
  else if (format === 'markdown') io.stdout(renderTokenMarkdown(report))
  else io.stdout(renderTokenText(report, { colour: shouldUseColour(io), width: outputColumns(io) }))
  return 0
}

export { help }
