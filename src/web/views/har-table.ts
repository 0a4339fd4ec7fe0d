/**
 * The table of a capture's entries: failures first (errors, then warnings, then the rest, each in
 * input order), filterable by finding; a row expands to its finding cards, whose result is asked of
 * the worker then. Rows are added a page at a time, so thousands of entries do not stall the page.
 */
import type { DiagnosisResult, Severity } from '../../core/types.js'
import { el } from '../dom.js'
import type { EntryRow } from '../protocol.js'
import { resultCards } from './cards.js'

const PAGE_ROWS = 200
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 }

/** 0 error, 1 warning, 2 info only, 3 no findings. */
function rankOf(row: EntryRow): number {
  return row.findings.reduce((best, finding) => Math.min(best, RANK[finding.severity]), 3)
}

/** Failures first, input order within a rank. */
export function orderRows(rows: readonly EntryRow[]): EntryRow[] {
  return rows.map((row) => ({ row, rank: rankOf(row) })).sort((a, b) => a.rank - b.rank || a.row.index - b.row.index).map((item) => item.row)
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

type LoadResult = (index: number) => Promise<DiagnosisResult>

function entryRows(row: EntryRow, columns: number, load: LoadResult): HTMLTableRowElement[] {
  const top = row.findings[0]
  const detailId = `entry-detail-${row.index}`
  const toggle = el('button', { type: 'button', class: 'expand', 'aria-expanded': 'false', 'aria-controls': detailId }, el('span', { class: 'visually-hidden' }, `Details of ${row.source}`), el('span', { 'aria-hidden': 'true' }, '▸'))
  const tr = el(
    'tr',
    { class: `entry rank-${rankOf(row)}`, 'data-finding': top?.id },
    el('td', {}, toggle),
    el('td', {}, String(row.index + 1)),
    el('td', {}, row.method ?? '?'),
    el('td', { class: 'url' }, shortUrl(row.url)),
    el('td', {}, row.status === null || row.status === 0 ? 'no response' : String(row.status)),
    el('td', {}, top === undefined ? 'no findings' : top.title),
  )
  const cell = el('td', { colspan: String(columns) })
  const detail = el('tr', { id: detailId, class: 'entry-detail', hidden: true }, cell)
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true'
    toggle.setAttribute('aria-expanded', String(open))
    detail.hidden = !open
    if (!open || cell.childElementCount > 0) return
    cell.appendChild(el('p', {}, 'Loading…'))
    load(row.index).then(
      (result) => cell.replaceChildren(resultCards(result)),
      (error: unknown) => cell.replaceChildren(el('p', { class: 'error' }, error instanceof Error ? error.message : String(error))),
    )
  })
  return [tr, detail]
}

function findingFilter(rows: readonly EntryRow[], onChange: (id: string) => void): HTMLElement {
  const counts = new Map<string, number>()
  for (const row of rows) for (const id of new Set(row.findings.map((finding) => finding.id))) counts.set(id, (counts.get(id) ?? 0) + 1)
  const options = [...counts].sort((a, b) => b[1] - a[1]).map(([id, count]) => el('option', { value: id }, `${id} (${count})`))
  const select = el('select', { id: 'finding-filter' }, el('option', { value: '' }, `All entries (${rows.length})`), ...options)
  select.addEventListener('change', () => onChange(select.value))
  return el('div', { class: 'filter' }, el('label', { for: 'finding-filter' }, 'Show entries with the finding'), select)
}

/** The table (with its filter) for these rows; `load` fetches a row's full result. */
export function harTable(rows: readonly EntryRow[], load: LoadResult): HTMLElement {
  const ordered = orderRows(rows)
  const columns = 6
  const head = el('tr', {}, el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Expand')), ...['#', 'Method', 'URL', 'Status', 'Most likely cause'].map((name) => el('th', { scope: 'col' }, name)))
  const body = el('tbody')
  const more = el('button', { type: 'button', class: 'more' }, 'Show more entries')
  const count = el('p', { class: 'count', role: 'status' })
  let shown: EntryRow[] = []
  let rendered = 0
  const renderPage = (): void => {
    const end = Math.min(shown.length, rendered + PAGE_ROWS)
    for (const row of shown.slice(rendered, end)) for (const tr of entryRows(row, columns, load)) body.appendChild(tr)
    rendered = end
    more.hidden = rendered >= shown.length
    count.textContent = `Showing ${rendered} of ${shown.length} entries.`
  }
  const show = (id: string): void => {
    shown = id === '' ? ordered : ordered.filter((row) => row.findings.some((finding) => finding.id === id))
    body.replaceChildren()
    rendered = 0
    renderPage()
  }
  more.addEventListener('click', renderPage)
  show('')
  return el('div', { class: 'har' }, findingFilter(rows, show), count, el('div', { class: 'table-scroll' }, el('table', { class: 'entries' }, el('caption', {}, 'Entries, failures first'), el('thead', {}, head), body)), more)
}
