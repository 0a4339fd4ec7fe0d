/** The report formats of `logs` and `merge`, and their exit code. */
import { writeFile } from 'node:fs/promises'
import { GraphDoctorError } from '../../core/errors.js'
import type { LogState } from '../../core/logs/state.js'
import { redactSecrets } from '../../core/redact.js'
import type { LogReport } from '../../core/logs/report.js'
import { renderLogReportCsv, renderLogReportHtml, renderLogReportJson, renderLogReportMarkdown, renderLogReportText } from '../../render/logs/index.js'
import type { CliIo } from '../command.js'
import { echoArgument } from '../echo.js'
import { EXIT, type ExitCode } from '../exit-code.js'
import { outputColumns, shouldUseColour } from '../io.js'

export type ReportFormat = 'text' | 'json' | 'markdown' | 'csv' | 'html'
const FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown', 'csv', 'html']

/** `--format` of `logs` and `merge`. */
export function parseReportFormat(value: string | undefined): ReportFormat {
  if (value === undefined) return 'text'
  const format = FORMATS.find((candidate) => candidate === value.toLowerCase())
  if (format === undefined) throw new GraphDoctorError('ERR_INVALID_OPTION', `--format must be one of ${FORMATS.join(', ')}, not ${echoArgument(value)}`)
  return format
}

/** 1 when a failure has an error finding or a sign-in failed, as `diagnose` exits 1 on error findings. */
export function reportExitCode(report: LogReport): ExitCode {
  const failed = report.byCause.some((cause) => cause.severity === 'error') || report.totals.failedSignins > 0
  return failed ? EXIT.findings : EXIT.ok
}

/** Render and write the report; returns the exit code. */
export async function writeLogReport(report: LogReport, format: ReportFormat, io: CliIo): Promise<ExitCode> {
  const text = (() => {
    switch (format) {
      case 'json':
        return renderLogReportJson(report)
      case 'markdown':
        return renderLogReportMarkdown(report)
      case 'csv':
        return renderLogReportCsv(report)
      case 'html':
        return renderLogReportHtml(report)
      case 'text':
        return renderLogReportText(report, { colour: shouldUseColour(io), width: outputColumns(io) })
    }
  })()
  io.stdout(text)
  await io.stdoutDrained?.()
  return reportExitCode(report)
}

/** Write a partial aggregate, redacted like every other output (it leaves the program too). */
export async function writePartial(path: string, state: LogState): Promise<void> {
  await writeFile(path, `${redactSecrets(JSON.stringify(state))}\n`)
}
