/** `graph-doctor diagnose [FILE...]`: read captures or flags, diagnose, render, exit 0/1/2. */
import { help } from './help/diagnose.js'
import { createDiagnoser, type Diagnoser } from '../../core/diagnose.js'
import { GraphDoctorError, isGraphDoctorError } from '../../core/errors.js'
import type { Exchange } from '../../core/exchange.js'
import { exchangeFromFlags, missingForDiagnosis, parseInput, responseLabel } from '../../core/input/index.js'
import { readHarBatches } from '../../core/stream/har-stream.js'
import { classifyUrl } from '../../core/target-classify.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import type { DiagnosisResult } from '../../core/types.js'
import { jsonWriter, type PermissionDataJson } from '../../render/diagnosis/json.js'
import { markdownWriter } from '../../render/diagnosis/markdown.js'
import { createTextRenderer } from '../../render/diagnosis/text.js'
import type { DiagnosisWriter } from '../../render/diagnosis/writer.js'
import { parseCommandArgs, parseFormat, parseNow, parseStatus, stringListOption, stringOption, type OutputFormat, type ParsedArgs } from '../args.js'
import { decodeUtf8Fast } from '../bytes.js'
import type { CliIo, Command } from '../command.js'
import { streamDiagnosis } from '../diagnose-stream.js'
import { checkInputsReadable, openInput } from '../input-source.js'
import { outputColumns, shouldUseColour } from '../io.js'
import { withPipedStdin } from '../stdin.js'

const OPTIONS = {
  method: { type: 'string' },
  url: { type: 'string' },
  status: { type: 'string' },
  token: { type: 'string' },
  header: { type: 'string', multiple: true },
  body: { type: 'string' },
  'request-body': { type: 'string' },
  format: { type: 'string' },
  now: { type: 'string' },
  permissions: { type: 'string' },
  all: { type: 'boolean' },
} as const

const EXCHANGE_FLAGS = ['method', 'url', 'status', 'token', 'header', 'body', 'request-body'] as const

async function exchangeFromArgs(args: ParsedArgs, io: CliIo): Promise<Exchange> {
  const tokenOption = stringOption(args, 'token')
  const token = tokenOption === '-' ? (await io.readStdin()).trim() : tokenOption
  const status = parseStatus(stringOption(args, 'status'))
  const values = {
    method: stringOption(args, 'method'),
    url: stringOption(args, 'url'),
    status,
    token,
    headers: stringListOption(args, 'header'),
    body: stringOption(args, 'body'),
    requestBody: stringOption(args, 'request-body'),
  }
  const flags = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined))
  return exchangeFromFlags(flags as Parameters<typeof exchangeFromFlags>[0])
}

function checkArguments(args: ParsedArgs): boolean {
  const files = args.positionals
  const hasFlags = EXCHANGE_FLAGS.some((name) => args.values[name] !== undefined)
  if (files.length > 0 && hasFlags) {
    throw new GraphDoctorError('ERR_USAGE', 'give either FILE arguments or --method/--url/--status/--token flags, not both')
  }
  if (files.length === 0 && !hasFlags) {
    throw new GraphDoctorError('ERR_USAGE', 'nothing to diagnose: give a FILE, - for stdin, or --url/--status/--token (see graph-doctor diagnose --help)')
  }
  if (files.filter((file) => file === '-').length > 1) throw new GraphDoctorError('ERR_USAGE', 'stdin (-) can be read only once')
  return hasFlags
}

/** Flags that describe only a response (`--status 403`, a Graph `--body`) are not a diagnosable call. */
function requireRequest(exchange: Exchange, args: ParsedArgs): Exchange {
  const missing = missingForDiagnosis(exchange)
  if (missing === undefined) return exchange
  const given = EXCHANGE_FLAGS.filter((name) => args.values[name] !== undefined).map((name) => (name === 'status' ? `--status ${exchange.response?.status ?? ''}`.trim() : `--${name}`))
  const hint = missing.includes('token') ? 'add --url and --token' : 'add --url'
  const tokenOnly = given.length === 1 && given[0] === '--token' ? '; to inspect a token on its own, use graph-doctor token' : ''
  throw new GraphDoctorError('ERR_USAGE', `${given.join(' ')} cannot be diagnosed without ${missing}: ${hint}, or give the captured call as a FILE (HAR, curl -v)${tokenOnly}`)
}

/**
 * A failed response without its request that produced no error or warning is not "healthy": say
 * what is missing instead (exit 2).
 */
function refuseUndiagnosable(exchange: Exchange, result: DiagnosisResult): void {
  const failed = result.status === null || result.status === 0 || result.status >= 400
  const silent = result.findings.every((finding) => finding.severity === 'info')
  if (!failed || !silent) return
  const missing = missingForDiagnosis(exchange)
  if (missing === undefined) return
  throw new GraphDoctorError('ERR_INPUT_FORMAT', `${result.source}: ${responseLabel(exchange)} alone cannot be diagnosed: add ${missing} (a HAR or curl -v capture has both, or use --url and --token with --status and --body)`)
}

/** Every exchange of the inputs, in order: a HAR entry by entry as it is read, anything else whole. */
async function* readExchanges(files: readonly string[], io: CliIo): AsyncGenerator<Exchange | readonly Exchange[]> {
  for (const file of files) {
    const input = await openInput(file, io)
    if (input.kind === 'text') {
      yield* parseNamedInput(input.text, input.name)
      continue
    }
    yield* readHarBatches(input.chunks, input.name, { decode: decodeUtf8Fast })
  }
}

/** Parse one input; every parse error names the input, and an input with no exchange is unusable. */
function parseNamedInput(text: string, name: string): Exchange[] {
  let parsed: Exchange[]
  try {
    parsed = parseInput(text, name)
  } catch (error) {
    if (!isGraphDoctorError(error) || error.message.includes(name)) throw error
    throw new GraphDoctorError(error.code, `${name}: ${error.message}`, { cause: error })
  }
  if (parsed.length === 0) throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: no HTTP exchange found`)
  return parsed
}

/**
 * A failed Graph call (or a `$batch`, whose sub-requests may have failed) needs the permission data;
 * so does a call without a response (`--url --token`), which the rules treat as failed.
 */
function needsPermissionCatalogue(exchange: Exchange): boolean {
  // A cmdlet's error record shows no request: the catalogue finds the call the cmdlet makes.
  if (exchange.request === undefined) return exchange.cmdlet !== undefined
  const target = classifyUrl(exchange.request.url)
  if (target.kind !== 'graph') return false
  return target.isBatch === true || exchange.response === undefined || exchange.response.status >= 400
}

async function loadPermissionData(file: string | undefined, format: OutputFormat, io: CliIo, warnLine: (line: string) => void): Promise<LoadedData | undefined> {
  const { permissionDataJson, resolvePermissionData } = await import('../permissions-source.js')
  const warn = (line: string): void => warnLine(line.startsWith('graph-doctor') ? `${line}\n` : `graph-doctor: ${line}\n`)
  const data = await resolvePermissionData({ ...(file === undefined ? {} : { file }), env: io.env, warn, cwd: io.cwd, noteAge: format !== 'json' })
  return data === undefined ? undefined : { catalogue: data.catalogue, json: permissionDataJson(data.source) }
}

interface LoadedData {
  readonly catalogue: PermissionCatalogue
  readonly json: PermissionDataJson
}

/**
 * The diagnoser for each exchange: without permission data until the first call that needs it, then
 * with it; `data()` says which data answered, for the JSON output.
 */
function diagnoserSource(file: string | undefined, now: Date | undefined, format: OutputFormat, io: CliIo): {
  readonly diagnoserFor: (exchange: Exchange, warn: (line: string) => void) => Promise<Diagnoser> | Diagnoser
  readonly data: () => PermissionDataJson | undefined
} {
  const timing = now === undefined ? {} : { now }
  let diagnoser = createDiagnoser(timing)
  let loaded: LoadedData | undefined
  let tried = false
  const load = async (warn: (line: string) => void): Promise<Diagnoser> => {
    tried = true
    loaded = await loadPermissionData(file, format, io, warn)
    if (loaded !== undefined) diagnoser = createDiagnoser({ ...timing, permissions: loaded.catalogue })
    return diagnoser
  }
  // A promise only when the data is loaded: an `await` of every exchange cost microtasks per HAR entry.
  const diagnoserFor = (exchange: Exchange, warn: (line: string) => void): Promise<Diagnoser> | Diagnoser =>
    (tried || !needsPermissionCatalogue(exchange) ? diagnoser : load(warn))
  return { diagnoserFor, data: () => loaded?.json }
}

function writerFor(format: OutputFormat, io: CliIo, showAll: boolean, data: () => PermissionDataJson | undefined): DiagnosisWriter {
  if (format === 'json') return jsonWriter({ permissionData: data })
  if (format === 'markdown') return markdownWriter({ showAll })
  return createTextRenderer({ colour: shouldUseColour(io), width: outputColumns(io), showAll })
}

/** Run `graph-doctor diagnose`; see {@link help}. */
export const run: Command = async (argv, io) => {
  const parsed = parseCommandArgs(argv, OPTIONS, 'diagnose')
  const args = EXCHANGE_FLAGS.some((name) => parsed.values[name] !== undefined) ? parsed : withPipedStdin(parsed, io)
  const format = parseFormat(stringOption(args, 'format'))
  const now = parseNow(stringOption(args, 'now'))
  const hasFlags = checkArguments(args)
  if (!hasFlags) await checkInputsReadable(args.positionals, io)
  const exchanges = hasFlags ? single(requireRequest(await exchangeFromArgs(args, io), args)) : readExchanges(args.positionals, io)
  const { diagnoserFor, data } = diagnoserSource(stringOption(args, 'permissions'), now, format, io)
  return streamDiagnosis({ exchanges, writer: writerFor(format, io, args.values['all'] === true, data), diagnoserFor, checkResult: refuseUndiagnosable, io })
}

async function* single(exchange: Exchange): AsyncGenerator<Exchange> {
  yield exchange
}

export { help }
