/** `graph-doctor proxy`: run the live proxy of src/live until Ctrl-C, SIGTERM or --max-requests. */
import { help } from './help/proxy.js'
import { GraphDoctorError } from '../../core/errors.js'
import type { DiagnosisResult } from '../../core/types.js'
import { startProxy, type RunningProxy } from '../../live/proxy/server.js'
import { writeSessionReport } from '../../live/proxy/report.js'
import type { LiveExchange } from '../../live/proxy/types.js'
import { renderLiveFailureLine, renderLiveJsonLine, renderLiveSuccessLine, renderProxyBanner, renderSessionCounts, renderUpstreamErrorJsonLine, renderUpstreamErrorLine } from '../../render/live.js'
import { parseCommandArgs, stringOption, type ParsedArgs } from '../args.js'
import type { CliIo, Command } from '../command.js'
import { shouldUseColour } from '../io.js'
import { resolvePermissionData } from '../permissions-source.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'

export { help }

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  upstream: { type: 'string' },
  'login-upstream': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  report: { type: 'string' },
  'max-requests': { type: 'string' },
  timeout: { type: 'string' },
  permissions: { type: 'string' },
} as const

const DRAIN_MS = 5_000

function integerOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const text = stringOption(args, name)
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) throw new GraphDoctorError('ERR_USAGE', `--${name} must be a whole number from ${min} to ${max}`)
  return value
}

/** Loopback addresses: 127.0.0.0/8, ::1 and localhost. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

function waitForStop(proxyStopped: Promise<void>): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => (): void => {
      process.off('SIGINT', onInt)
      process.off('SIGTERM', onTerm)
      resolve(signal)
    }
    const onInt = stop('SIGINT')
    const onTerm = stop('SIGTERM')
    process.once('SIGINT', onInt)
    process.once('SIGTERM', onTerm)
    void proxyStopped.then(stop('max-requests'))
  })
}

/** A failure the proxy could not diagnose because of a bug of ours: one stderr line, the proxy goes on. */
function internalErrorLine(error: unknown, exchange: LiveExchange): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
  return `internal error while diagnosing proxy #${exchange.id} (${exchange.status} ${exchange.method}): ${message} (this is a bug, please report it)`
}

/**
 * Why the proxy could not start: a system error (an errno code such as EADDRINUSE) becomes a one-line
 * `cannot listen` error; anything else is ours and is rethrown as it is, to be reported as a bug.
 */
export function listenError(error: unknown, host: string, port: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (error instanceof GraphDoctorError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error
  return new GraphDoctorError('ERR_IO', `cannot listen on ${host} port ${port} (${code})`, { cause: error })
}

async function listen(args: ParsedArgs, io: CliIo, onMaxRequests: () => void): Promise<RunningProxy> {
  const host = stringOption(args, 'host') ?? '127.0.0.1'
  const colour = shouldUseColour(io)
  const asJson = args.values['json'] === true
  const reportDir = stringOption(args, 'report')
  const timeout = integerOption(args, 'timeout', 1, 3600)
  const maxRequests = integerOption(args, 'max-requests', 1, Number.MAX_SAFE_INTEGER)
  const warn = (line: string): void => io.stderr(`graph-doctor: ${line}\n`)
  const loadPermissions = async (): Promise<PermissionCatalogue | undefined> => {
    const file = stringOption(args, 'permissions')
    try {
      return (await resolvePermissionData({ ...(file === undefined ? {} : { file }), env: io.env, warn, cwd: io.cwd, noteAge: !asJson }))?.catalogue
    } catch (error) {
      warn(`${error instanceof Error ? error.message : String(error)}; permission checks are skipped.`)
      return undefined
    }
  }
  const upstream = stringOption(args, 'upstream')
  const loginUpstream = stringOption(args, 'login-upstream')
  let proxy: RunningProxy | undefined
  const upstreamOf = (exchange: LiveExchange): string => proxy?.upstreams[exchange.route].origin ?? ''
  try {
    proxy = await startProxy({
      host,
      port: integerOption(args, 'port', 0, 65535) ?? 0,
      ...(upstream === undefined ? {} : { upstream }),
      ...(loginUpstream === undefined ? {} : { loginUpstream }),
      ...(timeout === undefined ? {} : { headersTimeoutMs: timeout * 1000, bodyTimeoutMs: timeout * 1000 }),
      ...(maxRequests === undefined ? {} : { maxRequests, onMaxRequests }),
      keep: reportDir !== undefined,
      recordSuccesses: args.values['verbose'] === true,
      loadPermissions,
      onFailure: (result: DiagnosisResult) => io.stdout(`${asJson ? renderLiveJsonLine(result) : renderLiveFailureLine(result, { colour })}\n`),
      onUpstreamError: (exchange) => {
        const call = { ...exchange, upstream: upstreamOf(exchange) }
        io.stdout(`${asJson ? renderUpstreamErrorJsonLine(call) : renderUpstreamErrorLine(call, { colour })}\n`)
      },
      onSuccess: (exchange) => { if (!asJson && args.values['verbose'] === true) io.stdout(`${renderLiveSuccessLine(exchange, { colour })}\n`) },
      onInternalError: (error, exchange) => warn(internalErrorLine(error, exchange)),
    })
  } catch (error) {
    throw listenError(error, host, stringOption(args, 'port') ?? '0')
  }
  if (!isLoopback(host)) warn(`listening on ${host}, which is not a loopback address: other machines that reach it can send requests through this proxy, and its output describes your traffic.`)
  return proxy
}

/** graph-doctor's version, for the HAR's creator: the package root is three levels up from src/cli/commands and dist/bin/chunks alike. */
async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises')
  return (JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version
}

export const run: Command = async (argv, io) => {
  const args = parseCommandArgs(argv, OPTIONS, 'proxy')
  if (args.positionals.length > 0) throw new GraphDoctorError('ERR_USAGE', 'proxy takes no arguments (see graph-doctor proxy --help)')
  let reachedMax: () => void = () => undefined
  const maxReached = new Promise<void>((resolve) => { reachedMax = resolve })
  const proxy = await listen(args, io, () => reachedMax())
  const banner = renderProxyBanner(proxy.origin, { graph: proxy.upstreams.graph.origin, login: proxy.upstreams.login.origin })
  if (args.values['json'] === true) io.stderr(banner)
  else io.stdout(banner)
  const reason = await waitForStop(maxReached)
  io.stderr(`graph-doctor: stopping (${reason}); letting in-flight requests finish…\n`)
  await proxy.close(DRAIN_MS)
  io.stderr(`graph-doctor: ${renderSessionCounts(proxy.session.counts())}\n`)
  const reportDir = stringOption(args, 'report')
  if (reportDir !== undefined) {
    const { resolve } = await import('node:path')
    const paths = await writeSessionReport(resolve(io.cwd, reportDir), proxy.session, await packageVersion())
    io.stderr(`graph-doctor: report written: ${paths.join(', ')}\n`)
  }
  return 0
}
