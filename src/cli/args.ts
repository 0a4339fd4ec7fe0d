/** Argument parsing shared by the commands: `node:util` parseArgs with one-line usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { GraphDoctorError } from '../core/errors.js'
import { echoArgument, echoOption } from './echo.js'
import { didYouMean } from './suggest.js'

export type OutputFormat = 'text' | 'json' | 'markdown'

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'markdown']

type Options = NonNullable<ParseArgsConfig['options']>

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>
  readonly positionals: string[]
}

function describeParseError(error: unknown, command: string, options: Options): string {
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : String(error)
  const typed = /'(-[^' ,=]+)/.exec(message)?.[1]
  const option = typed === undefined ? '' : echoOption(typed)
  const help = `see graph-doctor ${command} --help`
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}${typed === undefined ? '' : didYouMean(typed, [...Object.keys(options).map((name) => `--${name}`), '--help'])} (${help})`
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument (${help})`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const long = /--[\w-]+/.exec(message)?.[0] ?? option
    return message.includes('argument missing') ? `option ${long} needs a value (${help})` : `invalid value for ${long} (${help})`
  }
  return `invalid arguments (${help})`
}

/**
 * Parse a command's arguments strictly; an unknown option or a missing value becomes a one-line
 * `ERR_USAGE` error that never echoes the offending value (it may be a token).
 *
 * @example
 * parseCommandArgs(['--format', 'json', 'a.har'], { format: { type: 'string' } }, 'diagnose')
 */
export function parseCommandArgs(argv: readonly string[], options: Options, command: string): ParsedArgs {
  const plain = parsePlainArgs(argv, options)
  if (plain !== undefined) return plain
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals }
  } catch (error) {
    throw new GraphDoctorError('ERR_USAGE', describeParseError(error, command, options), { cause: error })
  }
}

/**
 * The common command line (`diagnose capture.har --format json`) read without `node:util` parseArgs,
 * whose two modules and first run cost about 0.6 ms of a start-up: only positionals, `-`, and known
 * `--name` options (a string one followed by a value that is `-` or does not start with `-`). Anything else
 * (`--name=value`, `--`, short or unknown options, a missing value) returns undefined for parseArgs,
 * which then gives its result or its error. `test/cli/args.test.ts` holds both equal (fast-check).
 */
export function parsePlainArgs(argv: readonly string[], options: Options): ParsedArgs | undefined {
  const values: ParsedArgs['values'] = Object.create(null) as ParsedArgs['values']
  const positionals: string[] = []
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? ''
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg)
      continue
    }
    const name = arg.slice(2)
    const option = arg.startsWith('--') && Object.hasOwn(options, name) ? options[name] : undefined
    if (option === undefined || option.default !== undefined) return undefined
    let value: string | boolean = true
    if (option.type === 'string') {
      const next = argv[index + 1]
      if (next === undefined || (next.length > 1 && next.startsWith('-'))) return undefined
      value = next
      index++
    }
    const earlier = values[name]
    values[name] = option.multiple === true ? [...(Array.isArray(earlier) ? earlier : []), value] : value
  }
  return { values, positionals }
}

/** A string option's value, or undefined (the last one wins when repeated). */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name]
  if (Array.isArray(value)) return stringOption({ values: { [name]: value.at(-1) }, positionals: [] }, name)
  return typeof value === 'string' ? value : undefined
}

/** Every value of a repeatable string option. */
export function stringListOption(args: ParsedArgs, name: string): string[] {
  const value = args.values[name]
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string')
  return typeof value === 'string' ? [value] : []
}

/** `--format`: text (default), json or markdown. */
export function parseFormat(value: string | undefined): OutputFormat {
  if (value === undefined) return 'text'
  const format = OUTPUT_FORMATS.find((candidate) => candidate === value.toLowerCase())
  if (format === undefined) {
    throw new GraphDoctorError('ERR_INVALID_OPTION', `--format must be one of ${OUTPUT_FORMATS.join(', ')}, not ${echoArgument(value)}`)
  }
  return format
}

/** `--now`: an ISO 8601 time (a date alone means midnight UTC). */
export function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined
  const isIsoLike = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
  const date = new Date(value.trim())
  if (!isIsoLike || Number.isNaN(date.getTime())) {
    throw new GraphDoctorError('ERR_INVALID_OPTION', `--now must be an ISO 8601 time such as 2026-11-20T10:00:00Z, not ${echoArgument(value)}`)
  }
  return date
}

/** `--status`: an HTTP status code from 100 to 599. */
export function parseStatus(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const status = Number(value)
  if (!/^\d{3}$/.test(value.trim()) || status < 100 || status > 599) {
    throw new GraphDoctorError('ERR_INVALID_OPTION', `--status must be an HTTP status code such as 403, not ${echoArgument(value)}`)
  }
  return status
}
