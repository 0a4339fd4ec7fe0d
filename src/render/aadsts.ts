/**
 * Output of `graph-doctor aadsts`: one block per AADSTS code with its name, category, the finding it
 * leads to, our fix and Microsoft's lookup page. Pure string output.
 */
import type { AadstsInfo } from '../core/aadsts.js'
import { aadstsCategoryMeaning } from '../core/aadsts.js'
import { catalogue } from '../core/catalogue.js'
import { makeStyle } from './style.js'

/** One code the user asked about: known to our table, or not. */
export type AadstsLookupResult =
  | { readonly code: number; readonly known: true; readonly info: AadstsInfo }
  | { readonly code: number; readonly known: false; readonly url: string }

const UNKNOWN_NOTE = 'graph-doctor does not know this code (Microsoft adds and renames codes over time); Microsoft\'s lookup page explains it.'

const LINE_WIDTH = 100

/** Words of `text` in lines of at most `width` characters (a longer word, such as a URL, stays whole). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = []
  let current = ''
  for (const word of text.split(/\s+/).filter((item) => item !== '')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current)
      current = word
    } else {
      current = current === '' ? word : `${current} ${word}`
    }
  }
  return [...lines, current]
}

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
 * renderAadstsText([{ code: 1, known: false, url: aadstsErrorUrl(1) }], { colour: false })
 */
export function renderAadstsText(results: readonly AadstsLookupResult[], options: { readonly colour: boolean }): string {
  const style = makeStyle(options.colour)
  const blocks = results.map((result) => {
    const rows: Array<[string, string]> = result.known ? knownRows(result.info) : [['Unknown', UNKNOWN_NOTE], ['Lookup', result.url]]
    const heading = result.known ? style.bold(`AADSTS${result.code}`) : `${style.bold(`AADSTS${result.code}`)}  ${style.yellow('unknown code')}`
    const width = Math.max(...rows.map(([label]) => label.length))
    const hang = ' '.repeat(width + 4)
    const line = ([label, value]: [string, string]): string => {
      const wrapped = wrapWords(value, LINE_WIDTH - hang.length).join(`\n${hang}`)
      return `  ${style.dim(label.padEnd(width))}  ${label === 'Fix' ? style.green(wrapped) : wrapped}`
    }
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
