/**
 * The terminal block of one diagnosed exchange: a header line, then each finding with severity
 * marker, detail, evidence, numbered fix steps (commands on lines of their own), permission and
 * links, wrapped to the output width with hanging indents.
 */
import { appendAll } from './writer.js'
import { redactSecrets } from '../../core/redact.js'
import type { DiagnosisResult, Evidence, Finding } from '../../core/types.js'
import { fixParts } from './fix-parts.js'
import { severityMarker, type Style } from '../layout/style.js'
import { describeRequest, describeStatus, isNothingRead } from './text-parts.js'
import { wrapText } from '../layout/wrap.js'

/** How a block is laid out. */
export interface BlockLayout {
  readonly style: Style
  readonly width: number
  /** `redactSecrets`, or a memo of it (the same texts): the finding texts of a long capture repeat. */
  readonly redact?: (text: string) => string
}

const pad = (columns: number): string => ' '.repeat(columns)

function redact(text: string, layout: BlockLayout): string {
  return (layout.redact ?? redactSecrets)(text)
}

/** Wrapped lines by layout (a renderer's own, with its redaction memo): a capture's failures repeat their titles, fix steps and links. */
const wrappedByLayout = new WeakMap<BlockLayout, Map<string, readonly string[]>>()
const WRAPPED_LIMIT = 10_000
const WRAPPED_MAX_TEXT = 4096

/** `wrap()`, remembered under `key` when `text` holds no secret (a memo never keeps one). */
function remembered(layout: BlockLayout, key: string, text: string, wrap: () => string[]): string[] {
  if (layout.redact === undefined || text.length > WRAPPED_MAX_TEXT || redact(text, layout) !== text) return wrap()
  let memo = wrappedByLayout.get(layout)
  if (memo === undefined) wrappedByLayout.set(layout, (memo = new Map()))
  let lines = memo.get(key)
  if (lines === undefined) {
    if (memo.size >= WRAPPED_LIMIT) memo.clear()
    memo.set(key, (lines = wrap()))
  }
  return lines.slice()
}

/** A paragraph (or several, one per line of `text`) wrapped at `indent` columns, continuation lines `hang` further. */
function wrapParagraph(text: string, layout: BlockLayout, indent: number, hang = 0): string[] {
  return redact(text, layout)
    .split('\n')
    .flatMap((line) => wrapText(line, { width: layout.width, first: pad(indent), rest: pad(indent + hang) }))
}

/** {@link wrapParagraph} of a text that repeats across results. */
function paragraph(text: string, layout: BlockLayout, indent: number, hang = 0): string[] {
  return remembered(layout, `p${indent}:${hang}:${text}`, text, () => wrapParagraph(text, layout, indent, hang))
}

function evidenceLines(item: Evidence, layout: BlockLayout, indent: number): string[] {
  const { style } = layout
  const note = item.note === undefined ? '' : ` ${style.dim(`(${redact(item.note, layout)})`)}`
  return paragraph(`${style.dim(item.source)} ${style.bold(item.field)}: ${item.value}${note}`, layout, indent, 2)
}

/** One numbered fix step: prose wrapped under its number, code lines whole and indented two further. */
function stepLines(step: string, label: string, layout: BlockLayout, indent: number): string[] {
  return remembered(layout, `s${indent}:${label}:${step}`, step, () => wrapStep(step, label, layout, indent))
}

function wrapStep(step: string, label: string, layout: BlockLayout, indent: number): string[] {
  const hang = pad(indent + label.length)
  const lines: string[] = []
  for (const part of fixParts(redact(step, layout))) {
    const first = lines.length === 0 ? pad(indent) + label : hang
    if (part.kind === 'text') appendAll(lines, wrapText(part.text, { width: layout.width, first, rest: hang }))
    else {
      if (lines.length === 0) lines.push(pad(indent) + label.trimEnd())
      appendAll(lines, part.lines.map((line) => (line === '' ? '' : `${hang}  ${line}`)))
    }
  }
  return lines
}

function fixLines(finding: Finding, layout: BlockLayout, indent: number): string[] {
  const numberWidth = String(finding.fix.length).length
  return finding.fix.flatMap((step, index) => stepLines(step, `${String(index + 1).padStart(numberWidth)}. `, layout, indent))
}

function permissionLines(finding: Finding, layout: BlockLayout, indent: number): string[] {
  const permission = finding.permission
  if (permission === undefined) return []
  const list = (names: readonly string[]): string => (names.length === 0 ? 'none' : names.join(', '))
  const rows: Array<[string, string]> = [
    ['scheme', permission.scheme],
    ['least privileged', permission.leastPrivileged ?? 'none accepted'],
    ['accepted', list(permission.accepted)],
    ['granted', list(permission.granted)],
  ]
  return [pad(indent) + layout.style.bold('Permission'), ...rows.flatMap(([label, value]) => paragraph(`${label}: ${value}`, layout, indent + 2, 2))]
}

function findingLines(finding: Finding, layout: BlockLayout, indent: number): string[] {
  const { style } = layout
  const heading = `${severityMarker(finding.severity, style)} ${style.bold(redact(finding.title, layout))} ${style.dim(`[${finding.id}]`)}`
  const lines = paragraph(heading, layout, indent, 2)
  if (finding.detail !== '') appendAll(lines, paragraph(finding.detail, layout, indent + 2))
  if (finding.evidence.length > 0) {
    lines.push(pad(indent + 2) + style.bold('Evidence'))
    appendAll(lines, finding.evidence.flatMap((item) => evidenceLines(item, layout, indent + 4)))
  }
  if (finding.fix.length > 0) appendAll(lines, [pad(indent + 2) + style.bold('Fix')].concat(fixLines(finding, layout, indent + 4)))
  appendAll(lines, permissionLines(finding, layout, indent + 2))
  if (finding.links.length > 0) {
    lines.push(pad(indent + 2) + style.bold('Links'))
    appendAll(lines, finding.links.flatMap((link) => paragraph(`${link.title}: ${style.cyan(link.url)}`, layout, indent + 4, 2)))
  }
  return lines
}

/** The header line of a result: `GET https://… → 403 (capture.har entry 3)`. */
export function resultHeading(result: DiagnosisResult, layout: BlockLayout): string[] {
  const { style } = layout
  if (isNothingRead(result)) return wrapParagraph(style.bold(result.source), layout, 0, 4)
  return wrapParagraph(`${style.bold(describeRequest(result))} → ${style.bold(describeStatus(result))} ${style.dim(`(${result.source})`)}`, layout, 0, 4)
}

/**
 * The whole block of one result, without a trailing newline.
 *
 * @example
 * resultBlock(result, { style: makeStyle(false), width: 80 })
 */
export function resultBlock(result: DiagnosisResult, layout: BlockLayout): string {
  const { style } = layout
  const lines = resultHeading(result, layout)
  if (result.batch !== undefined) {
    appendAll(lines, wrapParagraph(style.dim(`sub-request ${result.batch.requestId} of the $batch in ${result.batch.source}`), layout, 2, 2))
  }
  if (result.findings.length === 0) return [...lines, `  ${style.green('✔ no problems found')}`].join('\n')
  return lines.join('\n') + findingsBlock(result.findings, layout)
}

/**
 * The findings part of a block (after its heading), each finding after a blank line: the same for
 * every result with the same findings, whatever its source.
 */
export function findingsBlock(findings: readonly Finding[], layout: BlockLayout): string {
  const lines: string[] = []
  for (const finding of findings) appendAll(lines, [''].concat(findingLines(finding, layout, 2)))
  return `\n${lines.join('\n')}`
}
