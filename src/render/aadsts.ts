/**
 * Output of `graph-doctor aadsts`: one block per AADSTS code with its name, category, the finding it
 * leads to, our fix and Microsoft's lookup page. Pure string output.
 */
import type { AadstsInfo } from '../core/aadsts.js'
import { aadstsCategoryMeaning } from '../core/aadsts.js'
import { catalogue } from '../core/catalogue.js'
import { makeStyle } from './layout/style.js'
import { DEFAULT_WIDTH, outputWidth, wrapText } from './layout/wrap.js'

/** One code the user asked about: known to our table, or not. */
export type AadstsLookupResult =
  | { readonly code: number; readonly known: true; readonly info: AadstsInfo }
  | { readonly code: number; readonly known: false; readonly url: string }

const UNKNOWN_NOTE = 'graph-doctor does not know this code (Microsoft adds and renames codes over time); Microsoft\'s lookup page explains it.'

function knownRows(info: AadstsInfo): Array<[label: string, value: string]> {
  return [
    ['Name', info.name ?? '(none published by Microsoft)'],
    ['Category', `${info.category}: ${aadstsCategoryMeaning[info.category]}`],
    ['Finding', `${info.finding}: ${catalogue[info.finding].title}`],
    ['Fix', info.fix],
    ['Lookup', info.url],
  ]
}

/**
 * The codes for a terminal; colour only when `colour` is true.
 *
 * @example
 * renderAadstsText([{ code: 1, known: false, url: aadstsErrorUrl(1) }], { colour: false, width: 80 })
 */
export function renderAadstsText(results: readonly AadstsLookupResult[], options: { readonly colour: boolean; readonly width?: number }): string {
  const style = makeStyle(options.colour)
  const width = outputWidth(options.width ?? DEFAULT_WIDTH)
  const blocks = results.map((result) => {
    const rows: Array<[string, string]> = result.known ? knownRows(result.info) : [['Unknown', UNKNOWN_NOTE], ['Lookup', result.url]]
    const heading = result.known ? style.bold(`AADSTS${result.code}`) : `${style.bold(`AADSTS${result.code}`)}  ${style.yellow('unknown code')}`
    const labelWidth = Math.max(...rows.map(([label]) => label.length))
    const hang = ' '.repeat(labelWidth + 4)
    const line = ([label, value]: [string, string]): string =>
      wrapText(label === 'Fix' ? style.green(value) : value, { width, first: `  ${style.dim(label.padEnd(labelWidth))}  `, rest: hang }).join('\n')
    return [heading, ...rows.map(line)].join('\n')
  })
  return `${blocks.join('\n\n')}\n`
}

/** Text safe in Markdown prose: `<tenant-id>` would otherwise vanish as an HTML tag. */
function markdownText(text: string): string {
  return text.replace(/</g, '\\<')
}

/** The codes as Markdown, for an issue or a ticket. */
export function renderAadstsMarkdown(results: readonly AadstsLookupResult[]): string {
  const blocks = results.map((result) => {
    if (!result.known) return [`## AADSTS${result.code} (unknown code)`, '', UNKNOWN_NOTE, '', `- **Lookup:** <${result.url}>`].join('\n')
    const { info } = result
    const title = info.name === undefined ? `## AADSTS${info.code}` : `## AADSTS${info.code} \`${info.name}\``
    return [
      title,
      '',
      `- **Category:** ${info.category}: ${aadstsCategoryMeaning[info.category]}`,
      `- **Finding:** \`${info.finding}\`: ${catalogue[info.finding].title}`,
      `- **Fix:** ${markdownText(info.fix)}`,
      `- **Lookup:** <${info.url}>`,
    ].join('\n')
  })
  return `${blocks.join('\n\n')}\n`
}

/**
 * The codes as JSON: `{ "version": 1, "codes": [ { "code", "known", "name"?, "category"?,
 * "categoryMeaning"?, "finding"?, "fix"?, "url" } ] }`, fields in this order.
 */
export function renderAadstsJson(results: readonly AadstsLookupResult[]): string {
  const codes = results.map((result) => {
    if (!result.known) return { code: result.code, known: false, url: result.url }
    const { info } = result
    return {
      code: info.code,
      known: true,
      ...(info.name === undefined ? {} : { name: info.name }),
      category: info.category,
      categoryMeaning: aadstsCategoryMeaning[info.category],
      finding: info.finding,
      fix: info.fix,
      url: info.url,
    }
  })
  return `${JSON.stringify({ version: 1, codes }, null, 2)}\n`
}
