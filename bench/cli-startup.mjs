// CLI start-up benchmark (part of `npm run bench`, after bench/run.mjs): the whole `graph-doctor
// diagnose` process for one exchange, as a ratio to `node -e 0` measured interleaved in the same run.
// The permission cache is filled in a temporary directory (never the repository) from ../shared/data.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const BIN = join(root, 'dist', 'bin', 'graph-doctor.js')
const dataDir = process.env.GRAPH_DOCTOR_BENCH_DATA ?? join(root, '..', 'shared', 'data', 'devx-content')
const RUNS = Number(process.env.GRAPH_DOCTOR_BENCH_CLI_RUNS ?? 25)
const EXCHANGE = join(root, 'test', 'fixtures', 'findings', 'permission-missing', 'hit.http')

/** Wall-clock milliseconds of one child process, which must exit with one of `okCodes`. */
function timeProcess(args, env, okCodes) {
  const start = process.hrtime.bigint()
  const child = spawnSync(process.execPath, args, { env, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (!okCodes.includes(child.status)) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`)
  return ms
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function fillCache(cacheDir) {
  const env = { ...process.env, GRAPH_DOCTOR_CACHE_DIR: cacheDir }
  const child = spawnSync(process.execPath, [BIN, 'data', 'update', '--from', dataDir], { env, encoding: 'utf8' })
  if (child.status !== 0) throw new Error(`data update failed: ${child.stderr}`)
}

/** Each subject runs interleaved with the `node -e 0` baseline, so machine load hits both alike. */
function measure(subjects) {
  const times = { baseline: [], ...Object.fromEntries(subjects.map((s) => [s.name, []])) }
  for (let i = 0; i < RUNS; i++) {
    times.baseline.push(timeProcess(['-e', '0'], process.env, [0]))
    for (const s of subjects) times[s.name].push(timeProcess(s.args, s.env, [0, 1]))
  }
  return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]))
}

function main() {
  const work = mkdtempSync(join(tmpdir(), 'graph-doctor-cli-bench-'))
  try {
    const cacheDir = join(work, 'cache')
    const emptyCache = join(work, 'empty')
    mkdirSync(emptyCache)
    fillCache(cacheDir)
    const env = (dir) => ({ ...process.env, GRAPH_DOCTOR_CACHE_DIR: dir, GRAPH_DOCTOR_PERMISSIONS: '', NO_COLOR: '1' })
    const subjects = [
      { name: 'diagnose-with-cache', label: 'diagnose one 403 exchange, permission data from the cache index', args: [BIN, 'diagnose', EXCHANGE], env: env(cacheDir) },
      { name: 'diagnose-no-data', label: 'diagnose one 403 exchange, no permission data', args: [BIN, 'diagnose', EXCHANGE], env: env(emptyCache) },
      { name: 'version', label: 'graph-doctor --version', args: [BIN, '--version'], env: env(emptyCache) },
    ]
    const medians = measure(subjects)
    report(subjects, medians)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function report(subjects, medians) {
  const rows = [['node -e 0 (baseline, same run)', `${medians.baseline.toFixed(0)} ms`, '1.00×']]
  for (const s of subjects) rows.push([s.label, `${medians[s.name].toFixed(0)} ms`, `${(medians[s.name] / medians.baseline).toFixed(2)}×`])
  const width = Math.max(...rows.map((row) => row[0].length))
  console.log(`\nCLI start-up, whole process, median of ${RUNS} interleaved runs (goal for diagnose: ≤ 1.6× node -e 0)`)
  for (const [label, ms, ratio] of rows) console.log(`  ${label.padEnd(width)}  ${ms.padStart(7)}  ${ratio.padStart(6)}`)
  const out = join(here, 'results')
  mkdirSync(out, { recursive: true })
  const ratios = Object.fromEntries(subjects.map((s) => [s.name, medians[s.name] / medians.baseline]))
  writeFileSync(join(out, 'cli-startup.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: RUNS, mediansMs: medians, ratios }, null, 2)}\n`)
}

main()
