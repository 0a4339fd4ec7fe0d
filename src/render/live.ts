/**
 * Output of live traffic (the `proxy` command and the in-process integrations): one line per failed
 * call, one JSON result per line for piping, the start-up banner and the session summary. Pure
 * strings; every line passes through {@link redactSecrets}.
 */
import { redactSecrets } from '../core/redact.js'
import type { DiagnosisResult, Finding } from '../core/types.js'
import { toJsonDocument } from './diagnosis/json.js'
import { renderMarkdown } from './diagnosis/markdown.js'
import { makeStyle } from './layout/style.js'
import { plural } from './diagnosis/text-parts.js'

/** The path and query of a URL (what a developer recognises in live output), or the text itself. */
function pathOf(url: string | null): string {
  if (url === null) return '(no URL)'
  try {
    const parsed = new URL(url)
    return `${parsed.pathname}${parsed.search}`
  } catch {
    return url
  }
}

function permissionPart(finding: Finding | undefined): string {
  const least = finding?.permission?.leastPrivileged
  if (finding?.permission === undefined || least === undefined || least === null) return ''
  return ` · least privileged: ${least} (${finding.permission.scheme})`
}

/**
 * One line for a failed call: status, method, path, the top finding and its least-privileged permission.
 *
 * @example
 * renderLiveFailureLine(result, { colour: false }) // '✖ 403 GET /v1.0/users  permission-missing: … · least privileged: User.ReadBasic.All (DelegatedWork)'
 */
export function renderLiveFailureLine(result: DiagnosisResult, options: { readonly colour: boolean }): string {
  const style = makeStyle(options.colour)
  const top = result.findings[0]
  const what = top === undefined ? 'no finding' : `${style.bold(top.id)}: ${top.title}`
  const marker = top?.severity === 'error' ? style.red('✖') : top?.severity === 'warning' ? style.yellow('▲') : style.cyan('ℹ')
  return redactSecrets(`${marker} ${result.status ?? '---'} ${result.request.method ?? '?'} ${pathOf(result.request.url)}  ${what}${permissionPart(top)}`)
}

/** One line for a call that succeeded (`--verbose`). */
export function renderLiveSuccessLine(call: { readonly status: number; readonly method: string; readonly url: string; readonly durationMs: number }, options: { readonly colour: boolean }): string {
  const style = makeStyle(options.colour)
  return redactSecrets(`${style.green('✔')} ${call.status} ${call.method} ${pathOf(call.url)} ${style.dim(`${Math.round(call.durationMs)} ms`)}`)
}

/** One line for a call the proxy answered itself with 502/504 (upstream unreachable or too slow). */
export function renderUpstreamErrorLine(call: { readonly status: number; readonly method: string; readonly url: string; readonly problem?: string; readonly upstream: string }, options: { readonly colour: boolean }): string {
  const style = makeStyle(options.colour)
  const why = call.status === 504 ? 'did not answer in time' : 'could not be reached'
  return redactSecrets(`${style.red('✖')} ${call.status} ${call.method} ${pathOf(call.url)}  upstream ${call.upstream} ${why} (${call.problem ?? 'unknown'})`)
}

/**
 * A call the proxy answered itself with 502/504, as one line of JSON in the result shape: no findings
 * (nothing reached Graph), and `upstreamError` saying which upstream failed and how.
 */
export function renderUpstreamErrorJsonLine(call: { readonly id: number; readonly startedAt: string; readonly status: number; readonly method: string; readonly url: string; readonly problem?: string; readonly upstream: string }): string {
  const json = {
    source: `proxy #${call.id}`,
    request: { method: call.method, url: call.url },
    status: call.status,
    judgedAt: call.startedAt,
    findings: [],
    upstreamError: { upstream: call.upstream, problem: call.problem ?? 'unknown' },
  }
  return JSON.stringify(json, (_key, item: unknown) => (typeof item === 'string' ? redactSecrets(item) : item))
}

/** One diagnosis result as one line of JSON, in the `diagnose --format json` result shape (strings redacted). */
export function renderLiveJsonLine(result: DiagnosisResult): string {
  const [json] = toJsonDocument({ results: [result] }).results
  return JSON.stringify(json, (_key, item: unknown) => (typeof item === 'string' ? redactSecrets(item) : item))
}

export interface SessionSummary {
  readonly requests: number
  readonly successes: number
  readonly failures: number
  readonly upstreamErrors: number
  readonly clientAborts: number
  /** Failures whose diagnosis threw (a bug); mentioned only when there were any. */
  readonly internalErrors?: number
}

/**
 * `12 requests: 10 succeeded, 2 failed, 0 upstream errors, 0 abandoned by the client.`, and the
 * internal errors when there were any.
 */
export function renderSessionCounts(counts: SessionSummary): string {
  const bugs = counts.internalErrors ?? 0
  const internal = bugs === 0 ? '' : ` ${plural(bugs, 'internal error')} (a bug in graph-doctor: the failure's diagnosis was not shown).`
  return `${plural(counts.requests, 'request')}: ${counts.successes} succeeded, ${counts.failures} failed, ${plural(counts.upstreamErrors, 'upstream error')}, ${counts.clientAborts} abandoned by the client.${internal}`
}

/** The Markdown summary of a proxy session: the counts, then the diagnosis of every failure. */
export function renderSessionMarkdown(counts: SessionSummary, results: readonly DiagnosisResult[], notes: readonly string[] = []): string {
  const diagnosis = renderMarkdown({ results }).replace(/^# graph-doctor diagnosis\n/, '')
  const head = ['# graph-doctor proxy session', '', renderSessionCounts(counts), '', ...notes.map((note) => `- ${note}`), ...(notes.length > 0 ? [''] : [])]
  return `${redactSecrets(head.join('\n'))}${diagnosis}`
}

/**
 * The start-up banner: first line the base URL to give an SDK, then one-line examples for the Graph
 * JS client, Kiota-based SDKs (JS), .NET and Python.
 */
export function renderProxyBanner(origin: string, upstreams: { readonly graph: string; readonly login: string }): string {
  const base = `${origin}/v1.0`
  const host = new URL(origin).hostname
  return [
    base,
    `  Graph JS client: Client.initWithMiddleware({ baseUrl: '${origin}/', middleware: [yourBearerHeaderMiddleware, new HTTPMessageHandler()] })  (its AuthenticationHandler sends tokens to https hosts only)`,
    `  Kiota / msgraph-sdk (JS): requestAdapter.baseUrl = '${base}'   (allowed hosts of the auth provider: ['${host}'])`,
    `  .NET: new GraphServiceClient(credential, scopes, "${base}")`,
    `  Python: client = GraphServiceClient(credential, scopes); client.request_adapter.base_url = "${base}"`,
    `  Graph calls (/v1.0, /beta) go to ${upstreams.graph}, every other path to ${upstreams.login}. Ctrl-C stops.`,
    '',
  ].join('\n')
}
