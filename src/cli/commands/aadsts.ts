/** `graph-doctor aadsts <code|text|->`: explain AADSTS error codes offline. */
import { aadstsErrorUrl, extractAadstsCodes, lookupAadsts } from '../../core/aadsts.js'
import { GraphDoctorError } from '../../core/errors.js'
import { renderAadstsJson, renderAadstsMarkdown, renderAadstsText, type AadstsLookupResult } from '../../render/aadsts.js'
import { parseCommandArgs, parseFormat, stringOption } from '../args.js'
import type { CliIo, Command } from '../command.js'
import { outputColumns, shouldUseColour } from '../io.js'
import { withPipedStdin } from '../stdin.js'

const OPTIONS = { format: { type: 'string' } } as const
const BARE_CODE = /^(?:AADSTS)?(\d{1,9})[:.;]?$/i

async function readQuery(positionals: readonly string[], io: CliIo): Promise<string> {
  if (positionals.length === 0) throw new GraphDoctorError('ERR_USAGE', 'give an AADSTS code, an error text, or - to read it from stdin (see graph-doctor aadsts --help)')
  const text = positionals.length === 1 && positionals[0] === '-' ? await io.readStdin() : positionals.join(' ')
  if (text.trim() === '') throw new GraphDoctorError('ERR_INPUT_EMPTY', 'aadsts: the input is empty')
  return text
}

/** `error_codes: [50076, 70043]` of a token-endpoint JSON body, for bodies whose description was cut. */
function errorCodesField(text: string): number[] {
  const list = /"error_codes"\s*:\s*\[([\d,\s]*)\]/.exec(text)?.[1] ?? ''
  return list.split(',').map((item) => item.trim()).filter((item) => /^\d{1,9}$/.test(item)).map(Number)
}

/**
 * The codes in the argument, in order and unique: bare codes (`50076 AADSTS65001`), or every
 * `AADSTSnnnn` of a longer text plus the `error_codes` array of a JSON body.
 */
export function codesInQuery(text: string): number[] {
  // `AADSTS 50076` (one quoted argument or two) is the code 50076, as `AADSTS50076` is.
  const joined = text.replace(/AADSTS[\s:#-]{1,3}(?=\d)/gi, 'AADSTS')
  const words = joined.trim().split(/[\s,]+/)
  const bare = words.map((word) => BARE_CODE.exec(word)?.[1])
  const found = bare.every((code) => code !== undefined) ? bare.map(Number) : [...extractAadstsCodes(joined), ...errorCodesField(joined)]
  return [...new Set(found)]
}

function lookUp(code: number): AadstsLookupResult {
  const info = lookupAadsts(code)
  return info === undefined ? { code, known: false, url: aadstsErrorUrl(code) } : { code, known: true, info }
}

/** Run `graph-doctor aadsts`; see {@link help}. */
export const run: Command = async (argv, io) => {
  const args = withPipedStdin(parseCommandArgs(argv, OPTIONS, 'aadsts'), io)
  const format = parseFormat(stringOption(args, 'format'))
  const codes = codesInQuery(await readQuery(args.positionals, io))
  if (codes.length === 0) {
    throw new GraphDoctorError('ERR_USAGE', 'aadsts: no AADSTS code found; give a code such as 50076 or AADSTS50076, or a text containing one')
  }
  const results = codes.map(lookUp)
  if (format === 'json') io.stdout(renderAadstsJson(results))
  else if (format === 'markdown') io.stdout(renderAadstsMarkdown(results))
  else io.stdout(renderAadstsText(results, { colour: shouldUseColour(io), width: outputColumns(io) }))
  return results.every((result) => result.known) ? 0 : 1
}

export { help } from './help/aadsts.js'
