// Shared by the bench scripts: medians, the printed table and the JSON results.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results')

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Print rows of `{ measure, value, baseline, ratio, target, met }` (met: true, false or undefined for
 * "reported only") as an aligned table.
 */
export function printTable(title, rows) {
  const cells = rows.map((row) => [row.measure, row.value, row.baseline ?? '', row.ratio ?? '', row.target ?? 'reported', row.met === undefined ? '' : row.met ? 'met' : 'NOT MET'])
  const header = ['measure', 'value', 'baseline (same run)', 'ratio', 'target', '']
  const widths = header.map((_, i) => Math.max(header[i].length, ...cells.map((cell) => String(cell[i]).length)))
  console.log(`\n${title}`)
  for (const line of [header, ...cells]) console.log(`  ${line.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd()}`)
}

export function writeResults(name, document) {
  mkdirSync(RESULTS, { recursive: true })
  writeFileSync(join(RESULTS, name), `${JSON.stringify({ node: process.version, date: new Date().toISOString(), ...document }, null, 2)}\n`)
  console.log(`  written: bench/results/${name}`)
}
