// `npm run bench`: the DuckDB engine of `graph-doctor logs --engine duckdb` (src/cli/logs-engines/duckdb.ts, via tsx)
// pre-aggregating a generated activity-log JSONL file, against a baseline measured in the same run on
// the same file: a bare read-lines-plus-JSON.parse loop (what any JavaScript reader must at least do).
// Rounds are interleaved; medians are reported. DuckDB runs with one thread and with its default (one
// per core). Figures go to bench/results/duckdb-engine.json (gitignored).
//
// GRAPH_DOCTOR_BENCH_LOG_RECORDS (default 200000) sets the size of the file.
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeLogs } from './log-generator.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const RECORDS = Number(process.env.GRAPH_DOCTOR_BENCH_LOG_RECORDS ?? 200_000)
const ROUNDS = 3

/** Baseline: every line read and JSON.parse'd, nothing else. */
async function readParse(file) {
  let records = 0
  let rest = ''
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + chunk).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) if (line !== '') records += JSON.parse(line) === null ? 0 : 1
  }
  if (rest !== '') records += JSON.parse(rest) === null ? 0 : 1
  return records
}

async function duckdb(engine, file, threads) {
  let groups = 0
  let records = 0
  for await (const row of engine.duckdbGroupRows([file], threads === undefined ? {} : { threads })) {
    groups++
    records += Number(row.Count)
  }
  return { groups, records }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const rate = (records, ms) => Math.round(records / (ms / 1000))

async function main() {
  let engine
  try {
    await import('@duckdb/node-api')
    engine = await import('../src/cli/logs-engines/duckdb.ts')
  } catch {
    console.log('duckdb engine: skipped (@duckdb/node-api is not installed, or the engine does not load)')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'gd-bench-duckdb-'))
  try {
    const file = join(dir, 'activity.jsonl')
    await writeLogs(file, { kind: 'activity', records: RECORDS, seed: 1 })
    const bytes = statSync(file).size
    const times = { baseline: [], duckdb1: [], duckdbAll: [] }
    let result
    for (let round = 0; round < ROUNDS; round++) {
      let start = performance.now()
      await readParse(file)
      times.baseline.push(performance.now() - start)
      start = performance.now()
      result = await duckdb(engine, file, 1)
      times.duckdb1.push(performance.now() - start)
      start = performance.now()
      await duckdb(engine, file, undefined)
      times.duckdbAll.push(performance.now() - start)
    }
    const baseline = median(times.baseline)
    const one = median(times.duckdb1)
    const all = median(times.duckdbAll)
    const rows = [
      ['baseline: read lines + JSON.parse (one core)', baseline, '1.00×'],
      ['duckdb engine, 1 thread', one, `${(one / baseline).toFixed(2)}×`],
      [`duckdb engine, default threads (${cpus().length} cores)`, all, `${(all / baseline).toFixed(2)}×`],
    ]
    console.log(`\nDuckDB engine over ${RECORDS.toLocaleString('en-US')} activity records (${(bytes / 1e6).toFixed(0)} MB JSONL, ${result.groups.toLocaleString('en-US')} groups, ${result.records.toLocaleString('en-US')} records kept), median of ${ROUNDS} interleaved rounds`)
    console.log('| subject | time | records/s | MB/s | time vs baseline |\n|---|---|---|---|---|')
    for (const [label, ms, ratio] of rows) console.log(`| ${label} | ${Math.round(ms)} ms | ${rate(RECORDS, ms).toLocaleString('en-US')} | ${(bytes / 1e6 / (ms / 1000)).toFixed(0)} | ${ratio} |`)
    mkdirSync(join(here, 'results'), { recursive: true })
    writeFileSync(join(here, 'results', 'duckdb-engine.json'), `${JSON.stringify({ records: RECORDS, bytes, groups: result.groups, kept: result.records, rounds: ROUNDS, ms: times, medians: { baseline, duckdb1: one, duckdbAll: all }, cpus: cpus().length }, null, 2)}\n`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
