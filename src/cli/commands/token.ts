/** `graph-doctor token <jwt|FILE|->`: the token analysis on its own. */
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { help } from './help/token.js'
import { GraphDoctorError } from '../../core/errors.js'
import { analyseToken, explainClaims, judgeTokenTime, parseAuthorizationHeader, summarizeToken, tokenFromResponseJson } from '../../core/token/index.js'
import { renderTokenJson, type TokenReport } from '../../render/token/json.js'
import { renderTokenMarkdown, renderTokenText } from '../../render/token/text.js'
import { parseCommandArgs, parseFormat, parseNow, stringOption } from '../args.js'
import type { CliIo, Command } from '../command.js'
import { outputColumns, shouldUseColour } from '../io.js'
import { readInputText } from '../input-source.js'
import { withPipedStdin } from '../stdin.js'

const OPTIONS = { format: { type: 'string' }, now: { type: 'string' } } as const

/** A name that can only be a file (`token.txt`), never a token, so a missing one is reported as such. */
const FILE_NAME = /^\S{1,200}\.(?:txt|jwt|json|token|log)$/i

async function isFile(path: string, io: CliIo): Promise<boolean> {
  try {
    return (await stat(resolve(io.cwd, path))).isFile()
  } catch {
    return false
  }
}

/** The argument's text: stdin for `-`, the file's content when the argument names a file, else the argument. */
async function readArgument(positionals: readonly string[], io: CliIo): Promise<string> {
  const [first] = positionals
  if (first === undefined) throw new GraphDoctorError('ERR_USAGE', 'give a token, a file holding one, or - to read it from stdin (see graph-doctor token --help)')
  if (positionals.length > 1) return positionals.join(' ')
  if (first === '-') return io.readStdin()
  if (await isFile(first, io)) return (await readInputText(first, io)).text
  if (FILE_NAME.test(first)) throw new GraphDoctorError('ERR_INPUT_UNREADABLE', `${first}: no such file`)
  return first
}

async function readRawToken(positionals: readonly string[], io: CliIo): Promise<string> {
  const text = (await readArgument(positionals, io)).trim()
  const value = (tokenFromResponseJson(text) ?? text).trim().replace(/^authorization:\s*/i, '')
  if (value === '') throw new GraphDoctorError('ERR_INPUT_EMPTY', 'token: the input is empty')
  if (!/^\S+\s+\S/.test(value)) return value
  const header = parseAuthorizationHeader(value)
  if (header.state === 'present') return header.token
  throw new GraphDoctorError('ERR_INPUT_FORMAT', `token: ${header.state === 'empty' ? header.problem : 'no token found'}`)
}

/** Run `graph-doctor token`; see {@link help}. */
export const run: Command = async (argv, io) => {
  const args = withPipedStdin(parseCommandArgs(argv, OPTIONS, 'token'), io)
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
