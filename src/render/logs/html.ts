/**
 * `graph-doctor logs --format html`: one self-contained page (inline CSS and SVG charts, no script,
 * no font or image from elsewhere) that prints well and can be attached to a ticket. Exported for the
 * web page, which shows the same report.
 */
import type { LogReport } from '../../core/logs/report.js'
import { appLabel, count, headline, names, seen } from './common.js'
import { barChart, escapeHtml } from './svg.js'

const TOP = 12

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d0d0;padding:.25rem .5rem;text-align:left;vertical-align:top}td{overflow-wrap:anywhere}th{overflow-wrap:normal}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:.95em}
.chart{max-width:760px;font-size:12px}.chart rect{fill:#2f6fb3}.chart text{fill:#1b1b1b}
.note{background:#fff8e1;border-left:4px solid #e0a800;padding:.5rem .75rem}.error{color:#a4262c}.warning{color:#8a5a00}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}.chart rect{fill:#555}}
`

function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  if (rows.length === 0) return '<p><em>none</em></p>'
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`
  const body = rows.map((row) => `<tr>${row.map((value) => (typeof value === 'number' ? `<td class="n">${count(value)}</td>` : `<td>${escapeHtml(value)}</td>`)).join('')}</tr>`).join('')
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`
}

/** The report as one HTML document. */
export function renderLogReportHtml(report: LogReport): string {
  const sections = [
    `<h1>Graph authorization failures in the logs</h1><p>${escapeHtml(headline(report))}</p>`,
    '<h2>Failures by cause</h2>',
    barChart('Failures by cause', report.byCause.slice(0, TOP).map((c) => ({ label: c.id, value: c.count }))),
    table(['Count', 'Cause', 'Severity', 'Seen', 'Sample request ids'], report.byCause.map((c) => [c.count, `${c.id}: ${c.title}`, c.severity, seen(c), c.samples.join(', ')])),
    '<h2>Apps</h2>',
    barChart('Failed calls by app', report.byApp.filter((a) => a.failures > 0).slice(0, TOP).map((a) => ({ label: a.appName ?? a.appId, value: a.failures }))),
    table(['Failed', 'Calls', 'App'], report.byApp.map((a) => [a.failures, a.calls, appLabel(a.appId, a.appName)])),
    '<h2>Failed endpoints</h2>',
    barChart('Failed calls by endpoint', report.byTemplate.slice(0, TOP).map((t) => ({ label: `${t.method} ${t.template}`, value: t.count }))),
    table(['Count', 'Endpoint', 'Seen', 'Sample request ids'], report.byTemplate.map((t) => [t.count, `${t.method} ${t.template}`, seen(t), t.samples.join(', ')])),
    '<h2>Missing permissions</h2>',
    table(['Count', 'Permission', 'Scheme', 'Apps'], report.byMissingPermission.map((m) => [m.count, m.permission, m.scheme ?? '?', names(m.apps)])),
    '<h2>Sign-in failures (AADSTS)</h2>',
    barChart('Failed sign-ins by category', report.aadsts.map((c) => ({ label: c.category, value: c.count }))),
    table(['Count', 'Code', 'Category', 'Fix', 'Apps'], report.aadsts.flatMap((cat) => cat.codes.map((code) => [code.count, `AADSTS${code.code}${code.name === null ? '' : ` ${code.name}`}`, cat.category, code.fix, names(code.apps)]))),
    '<h2>Least privilege per app</h2>',
    `<p class="note">${escapeHtml(report.leastPrivilege.note)}</p>`,
    table(['App', 'Scheme', 'Holds', 'Calls need', 'Could drop', 'Grant first', 'Lacks (failed calls)'], report.leastPrivilege.apps.map((a) => [appLabel(a.appId, a.appName), a.scheme, names(a.held), names(a.needed), names(a.couldDrop), names(a.toGrant), names(a.lacks)])),
    '<h2>Failures by app, cause and endpoint</h2>',
    table(['Count', 'App', 'Cause', 'Endpoint', 'Status', 'Missing', 'Seen'], report.failures.map((r) => [r.count, appLabel(r.appId, r.appName), r.cause, `${r.method} ${r.template}`, String(r.status), r.missing ?? '', seen(r)])),
  ]
  if (report.unreadable.count > 0) {
    sections.push(`<h2>Unreadable records (${count(report.unreadable.count)})</h2>`, table(['Record', 'Why'], report.unreadable.listed.map((u) => [u.source, u.reason])))
  }
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><meta name="viewport" content="width=device-width,initial-scale=1"><title>graph-doctor logs report</title><style>${STYLE}</style></head><body>${sections.join('\n')}</body></html>\n`
}
