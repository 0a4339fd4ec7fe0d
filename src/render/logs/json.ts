/** `graph-doctor logs --format json`: the report as its versioned contract (docs/logs-report.md). */
import type { LogReport } from '../../core/logs/report.js'

/** The report as pretty JSON, one trailing newline. */
export function renderLogReportJson(report: LogReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
