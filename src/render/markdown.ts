/**
 * Markdown output of `diagnose`, for pasting into an issue or a ticket: a heading per exchange and per
 * finding, evidence as a table, numbered fix steps with fenced code for commands and samples.
 */
import { redactSecrets } from '../core/redact.js'
import type { Diagnosis, DiagnosisResult, Finding } from '../core/types.js'
import { countSeverities } from './json.js'
import { describeRequest, describeStatus, summaryLine } from './text-parts.js'

const SEVERITY_LABEL = { error: '✖ Error', warning: '▲ Warning', info: 'ℹ Info' } as const

/** A table cell: pipes escaped, line breaks as `<br>`. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

/** Inline code that survives backticks inside the text. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

const COMMAND_PATTERN = /^(az |Connect-Mg|New-Mg|Update-Mg|Get-Mg|Install-Module|curl |npm |npx |graph-doctor )/

function fixStep(step: string, index: number): string {
  const [first = '', ...rest] = step.split('\n')
  const label = `${index + 1}. `
  const pad = ' '.repeat(label.length)
  if (rest.length === 0) return label + (COMMAND_PATTERN.test(first) ? inlineCode(first) : first)
  const code = rest.join('\n').replace(/^```\w*\n?|\n?```$/g, '')
  return `${label}${first}\n\n${pad}\`\`\`\n${code.split('\n').map((line) => pad + line).join('\n')}\n${pad}\`\`\``
}

function evidenceTable(finding: Finding): string[] {
  if (finding.evidence.length === 0) return []
  const rows = finding.evidence.map(
    (item) => `| ${item.source} | ${inlineCode(item.field)} | ${markdownCell(item.value)} | ${markdownCell(item.note ?? '')} |`,
  )
  return ['| Source | Field | Value | Note |', '|---|---|---|---|', ...rows, '']
}

function permissionTable(finding: Finding): string[] {
  const permission = finding.permission
  if (permission === undefined) return []
  const list = (names: readonly string[]): string => (names.length === 0 ? 'none' : names.map(inlineCode).join(', '))
  return [
    '**Permission**',
    '',
    '| Scheme | Least privileged | Accepted | Granted |',
    '|---|---|---|---|',
    `| ${permission.scheme} | ${permission.leastPrivileged === null ? 'none accepted' : inlineCode(permission.leastPrivileged)} | ${list(permission.accepted)} | ${list(permission.granted)} |`,
    '',
  ]
}

function findingSection(finding: Finding): string {
  const lines = [`### ${SEVERITY_LABEL[finding.severity]}: ${finding.title} (${inlineCode(finding.id)})`, '']
  if (finding.detail !== '') lines.push(finding.detail, '')
  lines.push(...evidenceTable(finding))
  if (finding.fix.length > 0) lines.push('**Fix**', '', ...finding.fix.map(fixStep), '')
  lines.push(...permissionTable(finding))
  if (finding.links.length > 0) {
    lines.push('**References**', '', ...finding.links.map((link) => `- [${link.title}](${link.url})`), '')
  }
  return lines.join('\n')
}

function resultSection(result: DiagnosisResult, index: number): string {
  const lines = [`## ${index + 1}. ${inlineCode(describeRequest(result))} → ${describeStatus(result)}`, '']
  const batch = result.batch === undefined ? '' : ` · sub-request ${inlineCode(result.batch.requestId)} of the \`$batch\` in ${inlineCode(result.batch.source)}`
  lines.push(`Source: ${inlineCode(result.source)}${batch} · times judged at ${result.judgedAt}`, '')
  if (result.findings.length === 0) lines.push('✔ No problems found.', '')
  for (const finding of result.findings) lines.push(findingSection(finding))
  return lines.join('\n')
}

/**
 * Render a diagnosis as Markdown. Every string passes through {@link redactSecrets}.
 *
 * @example
 * writeFileSync('diagnosis.md', renderMarkdown(diagnosis))
 */
export function renderMarkdown(diagnosis: Diagnosis): string {
  const summary = summaryLine(diagnosis.results.length, countSeverities(diagnosis))
  const sections = diagnosis.results.map(resultSection)
  const text = ['# graph-doctor diagnosis', '', summary, '', ...sections].join('\n')
  return `${redactSecrets(text.replace(/\n{3,}/g, '\n\n').trimEnd())}\n`
}
