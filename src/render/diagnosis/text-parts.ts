/** Small pieces shared by the text and markdown renderers. */
import type { DiagnosisResult } from '../../core/types.js'
import type { SeverityCounts } from './writer.js'

/** `1 error`, `2 warnings`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/** What was called: `GET https://graph.microsoft.com/v1.0/me`, or a label when the input had no request. */
export function describeRequest(result: DiagnosisResult): string {
  const { method, url } = result.request
  if (method === null && url === null) return '(no request: response only)'
  const call = [method ?? '?', url ?? '(no URL)'].join(' ')
  return result.request.inferredFrom === undefined ? call : `${call} (inferred from ${result.request.inferredFrom})`
}

/** Nothing of the exchange was read (an unreadable HAR entry): no method, URL or status, so the heading is its source alone. */
export function isNothingRead(result: DiagnosisResult): boolean {
  return result.request.method === null && result.request.url === null && (result.status === null || result.status === 0)
}

/** The status part of a header line: `403`, or `no response`. */
export function describeStatus(result: DiagnosisResult): string {
  return result.status === null || result.status === 0 ? 'no response' : String(result.status)
}

/** `Checked 3 exchanges: 2 errors, 1 warning, 0 info.` */
export function summaryLine(resultCount: number, counts: SeverityCounts): string {
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning'), `${counts.info} info`]
  return `Checked ${plural(resultCount, 'exchange')}: ${parts.join(', ')}.`
}

/** Indent every line of a possibly multi-line string. */
export function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : prefix + line))
    .join('\n')
}

/** A failed exchange: it has an error or a warning finding (a healthy one may have info findings). */
export function isFailure(result: DiagnosisResult): boolean {
  return result.findings.some((finding) => finding.severity !== 'info')
}
