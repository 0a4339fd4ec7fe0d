/** `graph-doctor perms <METHOD> <URL>`: what a Graph call accepts and, with --token, whether a token is enough. */
import { GraphDoctorError } from '../../core/errors.js'
import { classifyUrl } from '../../core/target-classify.js'
import type { TokenAnalysis } from '../../core/token/types.js'
import type { PermissionDataJson } from '../../render/diagnosis/json.js'
import type { PermsReport } from '../../render/perms/report.js'
import { parseCommandArgs, parseFormat, stringOption, type OutputFormat } from '../args.js'
import { echoArgument } from '../echo.js'
import type { CliIo, Command } from '../command.js'
import { outputColumns, shouldUseColour } from '../io.js'
import { wrapBlock } from '../../render/layout/wrap.js'

const OPTIONS = { token: { type: 'string' }, permissions: { type: 'string' }, format: { type: 'string' } } as const
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

/** METHOD and path from the positionals; a lone URL or path means GET. */
export function parseRequest(positionals: readonly string[]): { method: string; url: string } {
  const [first, second, ...rest] = positionals
  if (first === undefined) throw new GraphDoctorError('ERR_USAGE', 'perms: give a METHOD and a URL or path, e.g. perms GET /me/messages (see graph-doctor perms --help)')
  if (rest.length > 0) throw new GraphDoctorError('ERR_USAGE', 'perms: too many arguments: give a METHOD and one URL or path (quote URLs holding spaces)')
  const isMethod = METHODS.some((method) => method === first.toUpperCase())
  if (second === undefined) {
    if (isMethod) throw new GraphDoctorError('ERR_USAGE', `perms: give the URL or path after ${first.toUpperCase()}`)
    return { method: 'GET', url: normalisePath(first) }
  }
  if (!isMethod) throw new GraphDoctorError('ERR_USAGE', `perms: ${echoArgument(first)} is not an HTTP method (${METHODS.join(', ')})`)
  return { method: first.toUpperCase(), url: normalisePath(second) }
}

/** A first segment that is a host name (`contoso.sharepoint.com/_api/web`), not a `microsoft.graph.*` segment. */
const BARE_HOST = /^(?!microsoft\.graph\.)([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?(?:\/|$)/i

/** {@link BARE_HOST} with a top-level label of 2 to 6 letters, checked apart: in one expression it was polynomial. */
function isBareHost(text: string): boolean {
  const host = BARE_HOST.exec(text)?.[1]
  return host !== undefined && /\.[a-z]{2,6}$/i.test(host)
}

/** A path gets a leading `/`; a URL (or a bare host) must be on a Microsoft Graph host. */
function normalisePath(value: string): string {
  const trimmed = value.trim()
  const url = /^https?:\/\//i.test(trimmed) ? trimmed : isBareHost(trimmed) ? `https://${trimmed}` : undefined
  if (url === undefined) return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
  const target = classifyUrl(url)
  if (target.kind !== 'graph') throw new GraphDoctorError('ERR_USAGE', `not a Microsoft Graph URL: ${target.host === '' ? '(unreadable host)' : target.host}`)
  return url
}

async function readToken(value: string, io: CliIo): Promise<TokenAnalysis> {
  const { analyseToken, parseAuthorizationHeader } = await import('../../core/token/index.js')
  const text = (value === '-' ? await io.readStdin() : value).trim().replace(/^authorization:\s*/i, '')
  if (text === '') throw new GraphDoctorError('ERR_INPUT_EMPTY', 'perms: --token is empty')
  let raw = text
  if (/^\S+\s+\S/.test(text)) {
    const header = parseAuthorizationHeader(text)
    if (header.state !== 'present') throw new GraphDoctorError('ERR_INPUT_FORMAT', `perms: --token: ${header.state === 'empty' ? header.problem : 'no token found'}`)
    raw = header.token
  }
  const analysis = analyseToken(raw)
  if (analysis.form === 'malformed') throw new GraphDoctorError('ERR_INPUT_FORMAT', `perms: --token is not an access token: ${analysis.problem ?? 'it cannot be decoded'}`)
  if (analysis.form === 'opaque') throw new GraphDoctorError('ERR_INPUT_FORMAT', 'perms: --token is opaque (not a JWT, e.g. a personal-account token): its permissions cannot be read')
  return analysis
}

async function render(report: PermsReport, format: OutputFormat, io: CliIo, permissionData: PermissionDataJson): Promise<string> {
  if (format === 'markdown') return (await import('../../render/perms/markdown.js')).renderPermsMarkdown(report)
  if (format === 'json') return (await import('../../render/perms/json.js')).renderPermsJson(report, { permissionData })
  return (await import('../../render/perms/text.js')).renderPermsText(report, { colour: shouldUseColour(io), width: outputColumns(io) })
}

async function unmatched(method: string, url: string, format: OutputFormat, permissionData: PermissionDataJson): Promise<string> {
  const { apiVersionOf, unmatchedHint } = await import('../../render/perms/version.js')
  const apiVersion = apiVersionOf(url).version ?? null
  if (format === 'json') return `${JSON.stringify({ version: 1, request: { method, url, apiVersion }, matched: false, permissionData }, null, 2)}\n`
  return `No endpoint in the Microsoft Graph permission data matches ${method} ${url}.\n${unmatchedHint(url)}\n`
}

/** Run `graph-doctor perms`; see {@link help}. */
export const run: Command = async (argv, io) => {
  const args = parseCommandArgs(argv, OPTIONS, 'perms')
  const format = parseFormat(stringOption(args, 'format'))
  const { method, url } = parseRequest(args.positionals)
  const tokenOption = stringOption(args, 'token')
  const token = tokenOption === undefined ? undefined : await readToken(tokenOption, io)
  const { permissionDataJson, resolvePermissionData } = await import('../permissions-source.js')
  const file = stringOption(args, 'permissions')
  const warn = (line: string): void => io.stderr(`graph-doctor: ${line}\n`)
  const data = await resolvePermissionData({ ...(file === undefined ? {} : { file }), env: io.env, warn, cwd: io.cwd, isRequired: true, noteAge: format !== 'json' })
  if (data === undefined) throw new GraphDoctorError('ERR_DATA_MISSING', 'perms: no Microsoft Graph permission data (run graph-doctor data update)')
  const { catalogue } = data
  const permissionData = permissionDataJson(data.source)
  const endpoint = catalogue.lookup(method, url)
  if (endpoint === undefined) {
    const text = await unmatched(method, url, format, permissionData)
    io.stdout(format === 'json' ? text : wrapBlock(text, outputColumns(io)))
    return 1
  }
  const { buildPermsReport } = await import('../../render/perms/verdict.js')
  const report = buildPermsReport({ catalogue, method, url, endpoint, ...(token === undefined ? {} : { token }) })
  io.stdout(await render(report, format, io, permissionData))
  return report.token === undefined || report.token.isEnough ? 0 : 1
}

export { help } from './help/perms.js'
