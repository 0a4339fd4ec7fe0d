/** `graph-doctor logs --format csv`: one row per app × cause × endpoint (× missing permission). */
import type { LogReport } from '../../core/logs/report.js'

const COLUMNS = ['appId', 'appName', 'cause', 'severity', 'method', 'template', 'status', 'missingPermission', 'scheme', 'count', 'firstSeen', 'lastSeen', 'sampleRequestIds'] as const

/** RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed with `'` so spreadsheets never run it as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The failure rows as CSV with a header line (CRLF line ends, as RFC 4180 has them). */
export function renderLogReportCsv(report: LogReport): string {
  const lines = [COLUMNS.join(',')]
  for (const row of report.failures) {
    const cells = [row.appId, row.appName, row.cause, row.severity, row.method, row.template, row.status, row.missing, row.scheme, row.count, row.first, row.last, row.samples.join(' ')]
    lines.push(cells.map(csvCell).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}
