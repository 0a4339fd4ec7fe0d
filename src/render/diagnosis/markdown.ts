/**
 * Markdown output of `diagnose`, for pasting into an issue or a ticket: a heading per exchange and per
 * finding, evidence as a table, numbered fix steps with fenced code for commands and samples.
 */
import { catalogue, type FindingId } from '../../core/catalogue.js'
import { redactSecrets } from '../../core/redact.js'
import type { Diagnosis, DiagnosisResult, Finding } from '../../core/types.js'
import { fixParts } from './fix-parts.js'
import { describeRequest, describeStatus, isFailure, isNothingRead, plural, summaryLine } from './text-parts.js'
import { TallyCounter, writeAll, type DiagnosisWriter } from './writer.js'

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

/** A fix step as a list item: prose as paragraphs, commands as fenced code blocks, all indented under the number. */
function fixStep(step: string, index: number): string {
  const label = `${index + 1}. `
  const pad = ' '.repeat(label.length)
  const blocks = fixParts(step).map((part) => {
    if (part.kind === 'text') return part.text
    return [`\`\`\`${part.language}`, ...part.lines, '```'].join('\n')
  })
  const indented = blocks.map((block, blockIndex) => block.split('\n').map((line, lineIndex) => (blockIndex === 0 && lineIndex === 0) || line === '' ? line : pad + line).join('\n'))
  return label + indented.join('\n\n')
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

/** The call as code; where graph-doctor took an inferred call from stays prose, outside the code span. */
function callHeading(result: DiagnosisResult): string {
  const { inferredFrom, ...request } = result.request
  const call = inlineCode(describeRequest({ ...result, request }))
  return inferredFrom === undefined ? call : `${call} (inferred from ${markdownText(inferredFrom)})`
}

/** Prose that keeps its characters: Markdown's emphasis, code and link marks escaped. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (mark) => `\\${mark}`)
}

function resultSection(result: DiagnosisResult, index: number): string {
  const lines = [`## ${index + 1}. ${isNothingRead(result) ? inlineCode(result.source) : `${callHeading(result)} → ${describeStatus(result)}`}`, '']
  const batch = result.batch === undefined ? '' : ` · sub-request ${inlineCode(result.batch.requestId)} of the \`$batch\` in ${inlineCode(result.batch.source)}`
  lines.push(`Source: ${inlineCode(result.source)}${batch} · times judged at ${result.judgedAt}`, '')
  if (result.findings.length === 0) lines.push('✔ No problems found.', '')
  for (const finding of result.findings) lines.push(findingSection(finding))
  return lines.join('\n')
}

/** Options of {@link renderMarkdown}. */
export interface MarkdownRenderOptions {
  /** Show healthy results in full too; by default they are counted in one line. */
  readonly showAll?: boolean
}

function causesSection(causes: ReadonlyMap<FindingId, number>, results: number): string[] {
  if (causes.size === 0 || results < 2) return []
  const rows = [...causes.entries()].sort((a, b) => b[1] - a[1] || catalogue[a[0]].rank - catalogue[b[0]].rank)
  return ['| Failed exchanges | Most probable cause |', '|---:|---|', ...rows.map(([id, count]) => `| ${count} | ${inlineCode(id)}: ${catalogue[id].title} |`), '']
}

function clean(text: string): string {
  return redactSecrets(text.replace(/\n{3,}/g, '\n\n').trimEnd())
}

/**
 * The Markdown output written result by result: the title, failed results in full as they come
 * (healthy ones too with `showAll`), and at the end the folded healthy count, the failures by most
 * probable cause and the summary (they count every result, so they can only come last in a stream).
 *
 * @example
 * const writer = markdownWriter({ showAll: false })
 */
export function markdownWriter(options: MarkdownRenderOptions = {}): DiagnosisWriter {
  const tally = new TallyCounter()
  const causes = new Map<FindingId, number>()
  let folded = 0
  let lone: DiagnosisResult | undefined
  return {
    begin: () => '# graph-doctor diagnosis\n\n',
    result(result) {
      const index = tally.results
      tally.add(result)
      const cause = result.findings[0]
      if (cause !== undefined && isFailure(result)) causes.set(cause.id, (causes.get(cause.id) ?? 0) + 1)
      if (options.showAll === true || isFailure(result)) return `${clean(resultSection(result, index))}\n\n`
      folded++
      lone ??= result
      return ''
    },
    end() {
      // A lone healthy result is shown: there is nothing else to look at.
      const shownLone = tally.results === 1 && folded === 1 && lone !== undefined ? `${clean(resultSection(lone, 0))}\n\n` : ''
      const foldedCount = shownLone === '' ? folded : 0
      const foldedLine = foldedCount === 0 ? [] : [`✔ ${plural(foldedCount, 'healthy exchange')} (no error or warning) not shown.`, '']
      const closing = [...foldedLine, ...causesSection(causes, tally.results), summaryLine(tally.results, tally)].join('\n')
      return `${shownLone}${clean(closing)}\n`
    },
  }
}

/**
 * Render a diagnosis as Markdown. Every string passes through {@link redactSecrets}. Healthy results
 * are counted in one line unless `showAll` (a lone result is always shown).
 *
 * @example
 * writeFileSync('diagnosis.md', renderMarkdown(diagnosis))
 */
export function renderMarkdown(diagnosis: Diagnosis, options: MarkdownRenderOptions = {}): string {
  return writeAll(markdownWriter(options), diagnosis)
}
