/**
 * The terminal output of `diagnose`: per exchange a header line, then findings most probable first
 * with severity marker, evidence, numbered fix steps and links; a one-line summary at the end.
 */
import { redactSecrets } from '../core/redact.js'
import type { Diagnosis, DiagnosisResult, Evidence, Finding } from '../core/types.js'
import { countSeverities } from './json.js'
import { makeStyle, severityMarker, type Style } from './style.js'
import { describeRequest, describeStatus, indent, summaryLine } from './text-parts.js'

export interface TextRenderOptions {
  /** Emit ANSI colour codes (the CLI sets this only for a TTY without NO_COLOR). */
  readonly colour: boolean
}

function evidenceLine(item: Evidence, style: Style): string {
  const note = item.note === undefined ? '' : style.dim(`  (${item.note})`)
  return `${style.dim(`${item.source}`)} ${style.bold(item.field)}: ${item.value}${note}`
}

function numberedSteps(steps: readonly string[]): string[] {
  const width = String(steps.length).length
  return steps.map((step, index) => {
    const label = `${String(index + 1).padStart(width)}. `
    const [first = '', ...rest] = step.split('\n')
    return [label + first, ...rest.map((line) => (line === '' ? line : ' '.repeat(label.length) + line))].join('\n')
  })
}

function permissionLines(finding: Finding, style: Style): string[] {
  const permission = finding.permission
  if (permission === undefined) return []
  const granted = permission.granted.length === 0 ? 'none' : permission.granted.join(', ')
  return [
    style.bold('Permission'),
    `  scheme: ${permission.scheme}`,
    `  least privileged: ${permission.leastPrivileged ?? 'none accepted'}`,
    `  accepted: ${permission.accepted.length === 0 ? 'none' : permission.accepted.join(', ')}`,
    `  granted: ${granted}`,
  ]
}

function findingBlock(finding: Finding, style: Style): string {
  const lines = [`${severityMarker(finding.severity, style)} ${style.bold(finding.title)} ${style.dim(`[${finding.id}]`)}`]
  if (finding.detail !== '') lines.push(indent(finding.detail, '  '))
  if (finding.evidence.length > 0) {
    lines.push(`  ${style.bold('Evidence')}`, ...finding.evidence.map((item) => `    ${evidenceLine(item, style)}`))
  }
  if (finding.fix.length > 0) {
    lines.push(`  ${style.bold('Fix')}`, ...numberedSteps(finding.fix).map((step) => indent(step, '    ')))
  }
  lines.push(...permissionLines(finding, style).map((line) => `  ${line}`))
  if (finding.links.length > 0) {
    lines.push(`  ${style.bold('Links')}`, ...finding.links.map((link) => `    ${link.title}: ${style.cyan(link.url)}`))
  }
  return lines.join('\n')
}

function resultBlock(result: DiagnosisResult, style: Style): string {
  const header = `${style.bold(describeRequest(result))} → ${style.bold(describeStatus(result))} ${style.dim(`(${result.source})`)}`
  const lines = [header]
  if (result.batch !== undefined) {
    lines.push(style.dim(`  sub-request ${result.batch.requestId} of the $batch in ${result.batch.source}`))
  }
  if (result.findings.length === 0) {
    lines.push(`  ${style.green('✔ no problems found')}`)
    return lines.join('\n')
  }
  for (const finding of result.findings) lines.push('', indent(findingBlock(finding, style), '  '))
  return lines.join('\n')
}

/**
 * Render a diagnosis for a terminal. Every string passes through {@link redactSecrets}.
 *
 * @example
 * process.stdout.write(renderText(diagnosis, { colour: process.stdout.isTTY }))
 */
export function renderText(diagnosis: Diagnosis, options: TextRenderOptions): string {
  const style = makeStyle(options.colour)
  const blocks = diagnosis.results.map((result) => resultBlock(result, style))
  const summary = style.bold(summaryLine(diagnosis.results.length, countSeverities(diagnosis)))
  return `${redactSecrets([...blocks, summary].join('\n\n'))}\n`
}
