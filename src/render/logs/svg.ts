/** Inline SVG charts for the HTML report: no script, no external font, readable when printed. */

/** Text escaped for HTML and SVG content and attributes. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')
}

export interface Bar {
  readonly label: string
  readonly value: number
}

const ROW = 22
const LABEL_WIDTH = 300
const BAR_WIDTH = 360

/**
 * A horizontal bar chart, one bar per row, labelled with its value; `title` is its accessible name.
 *
 * @example
 * barChart('Failures by cause', [{ label: 'permission-missing', value: 12 }])
 */
export function barChart(title: string, bars: readonly Bar[]): string {
  const max = Math.max(1, ...bars.map((bar) => bar.value))
  const height = bars.length * ROW + 4
  const rows = bars.map((bar, index) => {
    const y = index * ROW + 2
    const width = Math.max(1, Math.round((bar.value / max) * BAR_WIDTH))
    const label = bar.label.length > 48 ? `${bar.label.slice(0, 47)}…` : bar.label
    return [
      `<text x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width}" height="${ROW - 6}" rx="2"></rect>`,
      `<text x="${LABEL_WIDTH + width + 6}" y="${y + 15}">${bar.value.toLocaleString('en-US')}</text>`,
    ].join('')
  })
  const total = LABEL_WIDTH + BAR_WIDTH + 90
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${total} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>${rows.join('')}</svg>`
}
