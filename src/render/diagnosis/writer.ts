/**
 * Rendering a diagnosis one result at a time, so that a capture of any size is written as it is
 * read: every format is a {@link DiagnosisWriter}, and the whole-document renderers (`renderText`,
 * `renderJson`, `renderMarkdown`) are the same writers run over an array.
 */
import type { Diagnosis, DiagnosisResult } from '../../core/types.js'
import type { OutputPart } from '../../core/redact/template.js'

/**
 * One output format, result by result. The concatenation `begin() + result(r1) + … + end()` is the
 * whole output; each piece is already redacted. The text renderer (`createTextRenderer`) is one.
 */
export interface DiagnosisWriter {
  /** The text that opens the output, if any. */
  readonly begin?: () => string
  /** The text of the next result (empty when it is folded into the closing summary). */
  readonly result: (result: DiagnosisResult) => string
  /**
   * The same output as `result`, as a text or filled templates (a result that repeats with other
   * values), for a sink that checks templates once (the CLI's redacting stdout). Optional.
   */
  readonly resultPart?: (result: DiagnosisResult) => OutputPart | readonly OutputPart[]
  /** The closing text (summary), from every result written. */
  readonly end: () => string
}

/** How many findings of each severity were seen. */
export interface SeverityCounts {
  readonly errors: number
  readonly warnings: number
  readonly info: number
}

/** Whether a result holds an error finding: what makes a command exit 1. */
export function hasErrorFinding(result: DiagnosisResult): boolean {
  return result.findings.some((finding) => finding.severity === 'error')
}

/** Counts severities over the results it is shown: the one tally of every format and the exit code. */
export class TallyCounter implements SeverityCounts {
  results = 0
  errors = 0
  warnings = 0
  info = 0

  add(result: DiagnosisResult): void {
    this.results++
    for (const finding of result.findings) {
      if (finding.severity === 'error') this.errors++
      else if (finding.severity === 'warning') this.warnings++
      else this.info++
    }
  }
}

/** Run a writer over a whole diagnosis: the whole-document output. */
export function writeAll(writer: DiagnosisWriter, diagnosis: Diagnosis): string {
  const parts = [writer.begin?.() ?? '']
  for (const result of diagnosis.results) parts.push(writer.result(result))
  parts.push(writer.end())
  return parts.join('')
}

/**
 * `target.push(...items)` without the spread: a value of 200,000 lines (a hostile error message)
 * spread into a call overflows the stack.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item)
  return target
}
