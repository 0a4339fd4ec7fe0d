// CLI start-up benchmark (part of `npm run bench`, after bench/run.mjs): the whole `graph-doctor
// diagnose` process for one exchange, as a ratio to `node -e 0` measured interleaved in the same run:
// each round runs the baseline and every subject, in an order that rotates from round to round, after
// warm-up rounds that are not counted (the first writes the code cache). A subject's ratio is the median
// of its per-round ratios (its time over the same round's `node -e 0`), so a load that changes during
// the run moves both sides of each ratio; the spread printed beside it is the middle half of those
// per-round ratios (25th to 75th percentile), and the ratio of the two medians is kept in the JSON. The
// 1.4× target is judged on the median of the per-round ratios. The permission cache is
// filled in a temporary directory (never the repository) from ../shared/data; "no data" runs a copy of
// dist/ that has no bundled snapshot beside it. A second table attributes the milliseconds above
// `node -e 0` by subtraction of the same run's medians: reaching our code (the bin, --version), the
// diagnose command file on its own (loaded as the bin loads it, through the code cache on Node 20:
// compile and top level), one diagnosis without data (input, rules, render, exit), the snapshot's data
// (read, decode, first lookup), the cache's checks, and what the code cache saves (a run with it off,
// as a first run is), each the median of its per-round differences. The code cache lives in the
// temporary cache folders, written by the warm-up.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median, printTable, writeResults } from './report.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const BIN = join(root, 'dist', 'bin', 'graph-doctor.js')
const dataDir = process.env.GRAPH_DOCTOR_BENCH_DATA ?? join(root, '..', 'shared', 'data', 'devx-content')
const RUNS = Number(process.env.GRAPH_DOCTOR_BENCH_CLI_RUNS ?? 41)
const WARM_UP = 2
const TARGET = 1.4
const EXCHANGE = join(root, 'test', 'fixtures', 'findings', 'permission-missing', 'hit.http')
const SNAPSHOT = join(root, 'data', 'permissions')

/** Wall-clock milliseconds of one child process, which must exit with one of `okCodes`. */
function timeProcess(args, env, okCodes) {
  const start = process.hrtime.bigint()
  const child = spawnSync(process.execPath, args, { env, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (!okCodes.includes(child.status)) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`)
  return ms
}

function fillCache(cacheDir) {
  const env = { ...process.env, GRAPH_DOCTOR_CACHE_DIR: cacheDir }
  const child = spawnSync(process.execPath, [BIN, 'data', 'update', '--from', dataDir], { env, encoding: 'utf8' })
  if (child.status !== 0) throw new Error(`data update failed: ${child.stderr}`)
}

/** A copy of the built package without data/: what runs when no permission data exists at all. */
function copyWithoutData(work) {
  const copy = join(work, 'package')
  cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true })
  cpSync(join(root, 'package.json'), join(copy, 'package.json'))
  return join(copy, 'dist', 'bin', 'graph-doctor.js')
}

/** The diagnose command's own file in dist/bin/chunks/. */
function diagnoseChunk() {
  const dir = join(root, 'dist', 'bin', 'chunks')
  const name = readdirSync(dir).find((file) => /^diagnose-[A-Z0-9]+\.cjs$/.test(file))
  if (name === undefined) throw new Error('no diagnose command file in dist/bin/chunks: run npm run build')
  return join(dir, name)
}

/** Node 22.1+ has its own compile cache, which the bin uses instead of chunks/code-cache.cjs. */
const hasCodeCache = (await import('node:module')).enableCompileCache === undefined && existsSync(join(root, 'dist', 'bin', 'chunks', 'code-cache.cjs'))

/** `node -e` code that loads the diagnose command file as the bin does: through the code cache where the bin uses it. */
function loadChunk() {
  const chunk = JSON.stringify(diagnoseChunk())
  if (!hasCodeCache) return `require(${chunk})`
  return `require(${JSON.stringify(join(root, 'dist', 'bin', 'chunks', 'code-cache.cjs'))}).requireWithCodeCache(${chunk})`
}

/** The `q` quantile (0 to 1) of some numbers, interpolated between the two nearest. */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low)
}

/** Per round: `a` − `b` (a name or an array of names summed with signs). */
function perRound(times, plus, minus = []) {
  return times.baseline.map((_, i) => plus.reduce((sum, name) => sum + times[name][i], 0) - minus.reduce((sum, name) => sum + times[name][i], 0))
}

/** Where the milliseconds above `node -e 0` go: each part the median of its per-round differences. */
function breakdown(times) {
  const base = median(times.baseline)
  const parts = [
    ['Node itself: node -e 0', times.baseline],
    ['reaching our code: the bin and one line out (--version)', perRound(times, ['version'], ['baseline'])],
    ['the diagnose command file alone: compile (code cache) and top level', perRound(times, ['require-diagnose'], ['baseline'])],
    ['one diagnosis without data: input, rules, render, exit', perRound(times, ['diagnose-no-data', 'baseline'], ['version', 'require-diagnose'])],
    ['permission data from the bundled snapshot: read, decode, first lookup', perRound(times, ['diagnose-snapshot'], ['diagnose-no-data'])],
    ['the user cache instead of the snapshot: its checks (sha256)', perRound(times, ['diagnose-with-cache'], ['diagnose-snapshot'])],
    ...(times['diagnose-no-code-cache'] === undefined ? [] : [['saved by the code cache (compiling the command file and what the run calls)', perRound(times, ['diagnose-no-code-cache'], ['diagnose-snapshot'])]]),
  ]
  return parts.map(([measure, values]) => {
    const ms = median(values)
    return { measure, value: `${ms.toFixed(1)} ms (${quantile(values, 0.25).toFixed(1)} to ${quantile(values, 0.75).toFixed(1)})`, baseline: `${base.toFixed(0)} ms`, ratio: `${(ms / base).toFixed(2)}×` }
  })
}

/**
 * Warm-up rounds (not counted), then RUNS rounds; each round runs the `node -e 0` baseline and every
 * subject once, the order rotated by one each round so that no subject always follows the baseline.
 * Returns every round's wall-clock milliseconds per name.
 */
function measure(subjects) {
  const all = [{ name: 'baseline', args: ['-e', '0'], env: process.env, okCodes: [0] }, ...subjects.map((s) => ({ ...s, okCodes: [0, 1] }))]
  const times = Object.fromEntries(all.map((s) => [s.name, []]))
  for (let round = -WARM_UP; round < RUNS; round++) {
    const start = ((round % all.length) + all.length) % all.length
    for (let k = 0; k < all.length; k++) {
      const s = all[(start + k) % all.length]
      const ms = timeProcess(s.args, s.env, s.okCodes)
      if (round >= 0) times[s.name].push(ms)
    }
  }
  return times
}

function main() {
  const work = mkdtempSync(join(tmpdir(), 'graph-doctor-cli-bench-'))
  try {
    const cacheDir = join(work, 'cache')
    const emptyCache = join(work, 'empty')
    mkdirSync(emptyCache)
    fillCache(cacheDir)
    const bare = copyWithoutData(work)
    const env = (dir) => ({ ...process.env, GRAPH_DOCTOR_CACHE_DIR: dir, GRAPH_DOCTOR_PERMISSIONS: '', NO_COLOR: '1' })
    const subjects = [
      { name: 'diagnose-with-cache', label: 'diagnose one 403, data from the user cache', args: [BIN, 'diagnose', EXCHANGE], env: env(cacheDir), target: TARGET },
      ...(existsSync(SNAPSHOT)
        ? [{ name: 'diagnose-snapshot', label: 'diagnose one 403, data from the bundled snapshot', args: [BIN, 'diagnose', EXCHANGE], env: env(emptyCache), target: TARGET }]
        : []),
      { name: 'diagnose-no-data', label: 'diagnose one 403, no permission data', args: [bare, 'diagnose', EXCHANGE], env: env(emptyCache) },
      { name: 'version', label: 'graph-doctor --version', args: [BIN, '--version'], env: env(emptyCache) },
      { name: 'require-diagnose', label: 'loading the diagnose command file only (as the bin does)', args: ['-e', loadChunk()], env: env(emptyCache) },
      ...(hasCodeCache
        ? [{ name: 'diagnose-no-code-cache', label: 'diagnose one 403, bundled snapshot, code cache off (a first run)', args: [BIN, 'diagnose', EXCHANGE], env: { ...env(emptyCache), GRAPH_DOCTOR_CODE_CACHE: '0' } }]
        : []),
    ]
    const times = measure(subjects)
    const medians = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]))
    const ratios = {}
    const rows = subjects.map((s) => {
      const perRoundRatios = times[s.name].map((ms, i) => ms / times.baseline[i])
      const ratio = median(perRoundRatios)
      ratios[s.name] = { median: ratio, p25: quantile(perRoundRatios, 0.25), p75: quantile(perRoundRatios, 0.75), ofMedians: medians[s.name] / medians.baseline }
      return {
        measure: s.label,
        value: `${medians[s.name].toFixed(0)} ms`,
        baseline: `${medians.baseline.toFixed(0)} ms`,
        ratio: `${ratio.toFixed(2)}× (${ratios[s.name].p25.toFixed(2)}–${ratios[s.name].p75.toFixed(2)})`,
        target: s.target === undefined ? undefined : `≤ ${s.target}× node -e 0`,
        met: s.target === undefined ? undefined : ratio <= s.target,
      }
    })
    const load = loadavg().map((value) => value.toFixed(2)).join(' ')
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${load}`
    printTable(`CLI start-up, whole process, ${RUNS} interleaved rounds (after ${WARM_UP} not counted) against node -e 0; ratio: the median of the per-round ratios (25th–75th percentile); ${machine}`, rows)
    const parts = existsSync(SNAPSHOT) ? breakdown(times) : []
    if (parts.length > 0) printTable('Where the time goes (each the median of its per-round differences, 25th to 75th percentile in brackets; a share of node -e 0 in the ratio column)', parts)
    writeResults('cli-startup.json', { machine, runs: RUNS, warmUp: WARM_UP, mediansMs: medians, ratios, rows, breakdown: parts, times })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

main()
