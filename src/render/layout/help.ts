/**
 * Help texts as data, laid out for the terminal's width: paragraphs wrap, option descriptions hang
 * under their column (or go below a long option on a narrow terminal), and usage lines and examples,
 * being commands, are never wrapped.
 */
import { outputWidth, wrapText } from './wrap.js'

/** One option or item: `--format text|json` and what it does. */
export interface HelpRow {
  readonly term: string
  readonly text: string
}

export type HelpBlock =
  /** A paragraph, reflowed to the width. */
  | { readonly kind: 'text'; readonly text: string }
  /** A titled list of terms and their descriptions. */
  | { readonly kind: 'rows'; readonly title: string; readonly rows: readonly HelpRow[] }
  /** A titled list of command lines, shown as they are. */
  | { readonly kind: 'commands'; readonly title: string; readonly lines: readonly string[] }

/** A command's help: its usage lines, then blocks separated by blank lines. */
export interface HelpDoc {
  readonly usage: readonly string[]
  readonly blocks: readonly HelpBlock[]
}

/** The widest term column worth keeping beside its descriptions; longer terms stand on their own line. */
const MAX_TERM_SHARE = 0.4

function rowLines(rows: readonly HelpRow[], width: number): string[] {
  const limit = Math.floor(width * MAX_TERM_SHARE)
  const column = Math.max(...rows.map((row) => row.term.length).filter((length) => length <= limit), 0)
  const hang = ' '.repeat(column + 4)
  return rows.flatMap((row) => {
    if (row.term.length > column) return [`  ${row.term}`, ...wrapText(row.text, { width, first: hang, rest: hang })]
    return wrapText(row.text, { width, first: `  ${row.term.padEnd(column)}  `, rest: hang })
  })
}

function blockLines(block: HelpBlock, width: number): string[] {
  if (block.kind === 'text') return wrapText(block.text, { width })
  if (block.kind === 'commands') return [block.title, ...block.lines.map((line) => `  ${line}`)]
  return [block.title, ...rowLines(block.rows, width)]
}

/**
 * The help text for a terminal of `columns` columns (80 when unknown), ending with a newline.
 *
 * @example
 * renderHelp({ usage: ['graph-doctor token <jwt|->'], blocks: [{ kind: 'text', text: 'Decodes a token.' }] }, 80)
 */
export function renderHelp(doc: HelpDoc, columns: number | undefined): string {
  const width = outputWidth(columns)
  const [first = '', ...more] = doc.usage
  const usage = [`Usage: ${first}`, ...more.map((line) => `       ${line}`)]
  const blocks = doc.blocks.map((block) => blockLines(block, width).join('\n'))
  return `${[usage.join('\n'), ...blocks].join('\n\n')}\n`
}
