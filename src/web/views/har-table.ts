/**
 * The table of a capture's entries: failures first (errors, then warnings, then the rest, each in
 * input order), filterable by finding; a row expands to its finding cards. Rows are added a page at
 * a time, so a capture of thousands of entries does not stall the page.
 */
import type { DiagnosisResult, Severity } from '../../core/types.js'
import { describeStatus, isFailure } from '../../render/text-parts.js'
import { el } from '../dom.js'
import { resultCards } from './cards.js'

const PAGE_ROWS = 200
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 }

function rankOf(result: DiagnosisResult): number {
  return result.findings.reduce((best, finding) => Math.min(best, RANK[finding.severity]), isFailure(result) ? 2 : 3)
}

/** Failures first, input order within a rank. */
export function orderResults(results: readonly DiagnosisResult[]): DiagnosisResult[] {
  return results.map((result, index) => ({ result, index, rank: rankOf(result) })).sort((a, b) => a.rank - b.rank || a.index - b.index).map((item) => item.result)
}

function shortUrl(url: string | null): string {
  if (url === null) return '(no URL)'
  try {
    const parsed = new URL(url)
    return `${parsed.host}${parsed.pathname}${parsed.search.length > 0 ? '?…' : ''}`
  } catch {
    return url
  }
}

function entryRow(result: DiagnosisResult, index: number, columns: number): HTMLTableRowElement[] {
  const top = result.findings[0]
  const detailId = `entry-detail-${index}`
  const toggle = el('button', { type: 'button', class: 'expand', 'aria-expanded': 'false', 'aria-controls': detailId }, el('span', { class: 'visually-hidden' }, `Details of ${result.source}`), el('span', { 'aria-hidden': 'true' }, '▸'))
  const row = el(
    'tr',
    { class: `entry rank-${rankOf(result)}`, 'data-finding': top?.id },
    el('td', {}, toggle),
    el('td', {}, result.source.replace(/^.* entry /, '')),
    el('td', {}, result.request.method ?? '?'),
    el('td', { class: 'url' }, shortUrl(result.request.url)),
    el('td', {}, describeStatus(result)),
    el('td', {}, top === undefined ? 'no findings' : top.title),
  )
  const detail = el('tr', { id: detailId, class: 'entry-detail', hidden: true }, el('td', { colspan: String(columns) }))
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true'
    toggle.setAttribute('aria-expanded', String(open))
    detail.hidden = !open
    const cell = detail.firstElementChild
    if (open && cell !== null && cell.childElementCount === 0) cell.appendChild(resultCards(result))
  })
  return [row, detail]
}

function findingFilter(results: readonly DiagnosisResult[], onChange: (id: string) => void): HTMLElement {
  const counts = new Map<string, number>()
  for (const result of results) for (const finding of result.findings) counts.set(finding.id, (counts.get(finding.id) ?? 0) + 1)
  const select = el('select', { id: 'finding-filter' }, el('option', { value: '' }, `All entries (${results.length})`), ...[...counts].sort((a, b) => b[1] - a[1]).map(([id, count]) => el('option', { value: id }, `${id} (${count})`)))
  select.addEventListener('change', () => onChange(select.value))
  return el('div', { class: 'filter' }, el('label', { for: 'finding-filter' }, 'Show entries with the finding'), select)
}

/** The table (with its filter) for these results. */
export function harTable(results: readonly DiagnosisResult[]): HTMLElement {
  const ordered = orderResults(results)
  const columns = 6
  const head = el('tr', {}, el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Expand')), ...['#', 'Method', 'URL', 'Status', 'Most likely cause'].map((name) => el('th', { scope: 'col' }, name)))
  const body = el('tbody')
  const more = el('button', { type: 'button', class: 'more' }, 'Show more entries')
  const count = el('p', { class: 'count', role: 'status' })
  let shown: DiagnosisResult[] = []
  let rendered = 0
  const renderPage = (): void => {
    const end = Math.min(shown.length, rendered + PAGE_ROWS)
    for (let index = rendered; index < end; index++) {
      const result = shown[index]
      if (result !== undefined) for (const row of entryRow(result, index, columns)) body.appendChild(row)
    }
    rendered = end
    more.hidden = rendered >= shown.length
    count.textContent = `Showing ${rendered} of ${shown.length} entries.`
  }
  const show = (id: string): void => {
    shown = id === '' ? ordered : ordered.filter((result) => result.findings.some((finding) => finding.id === id))
    body.replaceChildren()
    rendered = 0
    renderPage()
  }
  more.addEventListener('click', renderPage)
  show('')
  return el('div', { class: 'har' }, findingFilter(results, show), count, el('div', { class: 'table-scroll' }, el('table', { class: 'entries' }, el('caption', {}, 'Entries, failures first'), el('thead', {}, head), body)), more)
}
