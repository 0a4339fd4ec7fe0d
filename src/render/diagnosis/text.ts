/**
 * The terminal output of `diagnose`, one result at a time so that a long capture can be printed as it
 * is diagnosed: failed exchanges in full, healthy ones folded into the closing summary (unless
 * `showAll`), which counts the failures by their most probable finding.
 */
import { catalogue, type FindingId } from '../../core/catalogue.js'
import { redactSecrets } from '../../core/redact.js'
import { memoizeRedaction } from '../../core/redact/memo.js'
import type { Diagnosis, DiagnosisResult } from '../../core/types.js'
import { makeStyle, type Style } from '../layout/style.js'
import { findingsBlock, resultBlock, resultHeading, type BlockLayout } from './text-result.js'
import { TallyCounter } from './writer.js'
import { isFailure, plural, summaryLine } from './text-parts.js'
import { DEFAULT_WIDTH, outputWidth, wrapText } from '../layout/wrap.js'

export interface TextRenderOptions {
  /** Emit ANSI colour codes (the CLI sets this only for a TTY without NO_COLOR). */
  readonly colour: boolean
  /** Wrap lines to this many columns; default 80. URLs and commands are never broken. */
  readonly width?: number
  /** Show healthy results in full too; by default they are counted in one line of the summary. */
  readonly showAll?: boolean
}

/** Renders results one by one; the CLI writes each string as soon as it has it. */
export interface TextRenderer {
  /** The text of one result, ending with a blank line; empty when the result is folded into the summary. */
  readonly result: (result: DiagnosisResult) => string
  /** The closing summary: folded healthy results, failures by finding, counts by severity. */
  readonly end: () => string
}

interface Tally {
  readonly counts: TallyCounter
  folded: number
  /** The first folded result: shown after all when it turns out to be the only one. */
  lone: DiagnosisResult | undefined
  readonly causes: Map<FindingId, number>
}

function count(tally: Tally, result: DiagnosisResult): void {
  tally.counts.add(result)
  const cause = result.findings[0]
  if (cause !== undefined && isFailure(result)) tally.causes.set(cause.id, (tally.causes.get(cause.id) ?? 0) + 1)
}

function causeLines(tally: Tally, style: Style, width: number): string[] {
  if (tally.causes.size === 0 || tally.counts.results < 2) return []
  const failures = [...tally.causes.values()].reduce((sum, value) => sum + value, 0)
  const rows = [...tally.causes.entries()].sort((a, b) => b[1] - a[1] || catalogue[a[0]].rank - catalogue[b[0]].rank)
  const idWidth = Math.max(...rows.map(([id]) => id.length))
  const countWidth = String(rows[0]?.[1] ?? 0).length
  const lines = [style.bold(`${plural(failures, 'failed exchange')} by most probable cause:`)]
  for (const [id, number] of rows) {
    const first = `  ${String(number).padStart(countWidth)}  ${id.padEnd(idWidth)}  `
    lines.push(...wrapText(catalogue[id].title, { width, first, rest: ' '.repeat(first.length) }))
  }
  return lines
}

function foldedLine(tally: Tally, style: Style, width: number): string[] {
  if (tally.folded === 0) return []
  const text = `✔ ${plural(tally.folded, 'healthy exchange')} (no error or warning) not shown; --all shows them.`
  return wrapText(style.green(text), { width, rest: '  ' })
}

/** A result with findings seen once: the objects a repeat shares with it, and its findings' text. */
interface Seen {
  readonly request: DiagnosisResult['request']
  readonly status: number | null
  readonly token: unknown
  readonly findings: string
}

/**
 * The block of a result the diagnoser remembered (`core/diagnose-memo.ts`: the same findings,
 * request and token objects as an earlier result) differs from the earlier one only by the source in
 * its heading: the findings' text, wrapped and redacted, is made once. Redacting the heading and the
 * findings apart is redacting the block: a blank line parts them, and no secret pattern spans one
 * where the next line starts with a severity marker.
 */
class RepeatedBlocks {
  private readonly seen = new WeakMap<object, Seen>()
  private readonly layout: BlockLayout

  constructor(layout: BlockLayout) {
    this.layout = layout
  }

  block(result: DiagnosisResult): string | undefined {
    if (result.findings.length === 0 || result.batch !== undefined) return undefined
    const token = (result as { readonly token?: unknown }).token
    let seen = this.seen.get(result.findings)
    if (seen === undefined) {
      // Made at first sight, so that a failure that repeats is not rendered a second time.
      seen = { request: result.request, status: result.status, token, findings: redactSecrets(findingsBlock(result.findings, this.layout)) }
      this.seen.set(result.findings, seen)
    } else if (seen.request !== result.request || seen.status !== result.status || seen.token !== token) return undefined
    return redactSecrets(resultHeading(result, this.layout).join('\n')) + seen.findings
  }
}

/**
 * A renderer for results that arrive one at a time. Feed every result to `result`, then print `end()`.
 *
 * @example
 * const renderer = createTextRenderer({ colour: false, width: 100 })
 * for (const result of diagnosis.results) process.stdout.write(renderer.result(result))
 * process.stdout.write(renderer.end())
 */
export function createTextRenderer(options: TextRenderOptions): TextRenderer {
  const style = makeStyle(options.colour)
  const width = outputWidth(options.width ?? DEFAULT_WIDTH)
  // Finding texts (titles, fix steps, links) repeat across distinct failures: each is redacted once.
  const layout = { style, width, redact: memoizeRedaction(redactSecrets) }
  const tally: Tally = { counts: new TallyCounter(), folded: 0, lone: undefined, causes: new Map() }
  const repeats = new RepeatedBlocks(layout)
  return {
    result(result) {
      count(tally, result)
      if (options.showAll !== true && !isFailure(result)) {
        // Only a count is kept (a capture may hold millions), and the first one in case it is alone.
        tally.folded++
        tally.lone ??= result
        return ''
      }
      return `${repeats.block(result) ?? redactSecrets(resultBlock(result, layout))}\n\n`
    },
    end() {
      // A single healthy exchange is shown, not folded: there is nothing else to look at.
      const lone = tally.counts.results === 1 && tally.folded === 1 && tally.lone !== undefined ? [tally.lone] : []
      if (lone.length > 0) tally.folded = 0
      const blocks = lone.map((result) => `${resultBlock(result, layout)}\n\n`).join('')
      const summary = wrapText(style.bold(summaryLine(tally.counts.results, tally.counts)), { width })
      const sections = [foldedLine(tally, style, width), causeLines(tally, style, width), summary].filter((lines) => lines.length > 0)
      return redactSecrets(`${blocks}${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`)
    },
  }
}

/**
 * Render a whole diagnosis for a terminal. Every string passes through {@link redactSecrets}.
 *
 * @example
 * process.stdout.write(renderText(diagnosis, { colour: process.stdout.isTTY, width: process.stdout.columns }))
 */
export function renderText(diagnosis: Diagnosis, options: TextRenderOptions): string {
  const renderer = createTextRenderer(options)
  return diagnosis.results.map(renderer.result).join('') + renderer.end()
}
