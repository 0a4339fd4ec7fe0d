/** `graph-doctor logs --format markdown`: the report as GitHub-flavoured Markdown tables. */
import type { LogReport } from '../../core/logs/report.js'
import { appLabel, count, headline, names, seen } from './common.js'

/** A table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/[\r\n]+/g, ' ')
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  if (rows.length === 0) return ['_none_', '']
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`), '']
}

/** The whole report in Markdown. */
export function renderLogReportMarkdown(report: LogReport): string {
  const out = ['# Graph authorization failures in the logs', '', headline(report), '']
  out.push('## Failures by cause', '', ...table(['Count', 'Cause', 'Severity', 'Seen'], report.byCause.map((c) => [count(c.count), `\`${c.id}\` ${c.title}`, c.severity, seen(c)])))
  out.push('## Apps', '', ...table(['Failed', 'Calls', 'App'], report.byApp.map((a) => [count(a.failures), count(a.calls), appLabel(a.appId, a.appName)])))
  out.push('## Failed endpoints', '', ...table(['Count', 'Endpoint', 'Seen', 'Sample request ids'], report.byTemplate.map((t) => [count(t.count), `${t.method} ${t.template}`, seen(t), t.samples.join(', ')])))
  out.push('## Missing permissions', '', ...table(['Count', 'Permission', 'Scheme', 'Apps'], report.byMissingPermission.map((m) => [count(m.count), m.permission, m.scheme ?? '?', names(m.apps)])))
  out.push('## Sign-in failures (AADSTS)', '', ...table(['Count', 'Code', 'Category', 'Fix'], report.aadsts.flatMap((cat) => cat.codes.map((code) => [count(code.count), `AADSTS${code.code}${code.name === null ? '' : ` ${code.name}`}`, cat.category, code.fix]))))
  out.push('## Least privilege per app', '', `> ${report.leastPrivilege.note}`, '')
  out.push(...table(['App', 'Scheme', 'Holds', 'Calls need', 'Could drop', 'Grant first', 'Lacks (failed calls)'], report.leastPrivilege.apps.map((a) => [appLabel(a.appId, a.appName), a.scheme, names(a.held), names(a.needed), names(a.couldDrop), names(a.toGrant), names(a.lacks)])))
  out.push('## Failures by app, cause and endpoint', '', ...table(['Count', 'App', 'Cause', 'Endpoint', 'Status', 'Missing', 'Seen'], report.failures.map((r) => [count(r.count), appLabel(r.appId, r.appName), r.cause, `${r.method} ${r.template}`, String(r.status), r.missing ?? '', seen(r)])))
  if (report.unreadable.count > 0) {
    out.push(`## Unreadable records (${count(report.unreadable.count)})`, '', ...report.unreadable.listed.map((u) => `- ${cell(u.source)}: ${cell(u.reason)}`), '')
  }
  return `${out.join('\n').trimEnd()}\n`
}
