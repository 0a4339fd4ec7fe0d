/** `graph-doctor logs` (text, the default): the report for a terminal. */
import type { LogReport, ReportTally } from '../../core/logs/report.js'
import { makeStyle, severityMarker } from '../layout/style.js'
import { DEFAULT_WIDTH, outputWidth, wrapText } from '../layout/wrap.js'
import { appLabel, count, counted, headline, names, seen } from './common.js'

const TOP = 10

export interface LogTextOptions {
  readonly colour?: boolean
  /** Columns to wrap to (default 80): a row that does not fit continues under its text, past the count. */
  readonly width?: number
}

/** The whole report: headline, causes, apps, endpoints, missing permissions, AADSTS, audit, unreadable records. */
export function renderLogReportText(report: LogReport, options: LogTextOptions = {}): string {
  const style = makeStyle(options.colour === true)
  const width = outputWidth(options.width ?? DEFAULT_WIDTH)
  const out: string[] = [...wrapText(style.bold(headline(report)), { width }), '']
  const section = (title: string, lines: string[]): void => {
    if (lines.length === 0) return
    out.push(...wrapText(style.bold(title), { width }), ...lines.flatMap((line) => line.split('\n')).flatMap((line) => wrapRow(line, width)), '')
  }
  section('Failures by cause', report.byCause.map((cause) => `  ${count(cause.count).padStart(8)}  ${severityMarker(cause.severity, style)} ${cause.id}: ${cause.title}${seenNote(cause, style)}`))
  section('Apps', report.byApp.slice(0, TOP).map((app) => `  ${count(app.failures).padStart(8)} failed of ${count(app.calls)}  ${appLabel(app.appId, app.appName)}`))
  section('Failed endpoints', report.byTemplate.slice(0, TOP).map((row) => `  ${count(row.count).padStart(8)}  ${row.method} ${row.template}${samplesOf(row.samples, style)}`))
  section('Missing permissions', report.byMissingPermission.map((row) => `  ${count(row.count).padStart(8)}  ${row.permission} (${row.scheme ?? '?'}) for ${names(row.apps)}`))
  section('Sign-in failures (AADSTS)', report.aadsts.flatMap((category) => [
    `  ${category.category}: ${category.meaning}`,
    ...category.codes.map((code) => `  ${count(code.count).padStart(8)}  AADSTS${code.code}${code.name === null ? '' : ` ${code.name}`}: ${code.fix}`),
  ]))
  section('Least privilege per app (only the calls in these logs)', report.leastPrivilege.apps.map((audit) => [
    `  ${appLabel(audit.appId, audit.appName)} [${audit.scheme}], ${counted(audit.endpoints, 'endpoint')} called successfully`,
    `      holds ${names(audit.held)}; the calls need ${names(audit.needed)}`,
    `      could drop ${names(audit.couldDrop)}; grant first ${names(audit.toGrant)}; lacks (failed calls) ${names(audit.lacks)}`,
  ].join('\n')))
  if (report.leastPrivilege.apps.length > 0) out.push(...wrapText(style.dim(report.leastPrivilege.note), { width }), '')
  section(`Unreadable records (${count(report.unreadable.count)})`, report.unreadable.listed.map((entry) => `  ${entry.source}: ${entry.reason}`))
  section('Top failures', report.failures.slice(0, TOP).map((row) => `  ${count(row.count).padStart(8)}  ${appLabel(row.appId, row.appName)}: ${row.method} ${row.template} → ${row.status} ${row.cause}${row.missing === null ? '' : ` (lacks ${row.missing})`}`))
  return `${out.join('\n').trimEnd()}\n`
}

/** A row wrapped to the width: continuation lines hang under its text (past the count column, if it has one). */
function wrapRow(line: string, width: number): string[] {
  const lead = /^ *(?:[0-9,]+ {2})?/.exec(line)?.[0] ?? ''
  const indent = /^ */.exec(line)?.[0] ?? ''
  return wrapText(line.slice(lead.length), { width, first: lead, rest: lead.length > indent.length ? ' '.repeat(lead.length) : `${indent}  ` })
}

/** ` (e.g. id, id)` after an endpoint, dimmed; nothing without samples. */
function samplesOf(samples: readonly string[], style: ReturnType<typeof makeStyle>): string {
  return samples.length === 0 ? '' : ` ${style.dim(`(e.g. ${samples.join(', ')})`)}`
}

/** ` (seen first … last)` after a cause's title, or nothing when its records carried no time. */
function seenNote(tally: ReportTally, style: ReturnType<typeof makeStyle>): string {
  const span = seen(tally)
  return span === '–' ? '' : ` ${style.dim(`(seen ${span})`)}`
}
