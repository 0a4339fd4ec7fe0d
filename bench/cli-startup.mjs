// CLI start-up benchmark (part of `npm run bench`, after bench/run.mjs): the whole `graph-doctor
// diagnose` process for one exchange, as a ratio to `node -e 0` measured interleaved in the same run
// (each round runs the baseline, then every subject), median over the rounds. The permission cache is
// filled in a temporary directory (never the repository) from ../shared/data; "no data" runs a copy of
// dist/ that has no bundled snapshot beside it. A second table attributes the milliseconds above
// `node -e 0` by subtraction of the same run's medians: reaching our code (the bin, --version), the
// diagnose command file on its own (loaded as the bin loads it, through the code cache on Node 20:
// compile and top level), one diagnosis without data (input, rules, render, exit), the snapshot's data
// (read, decode, first lookup), the cache's checks, and what the code cache saves (a run with it off,
// as a first run is). The code cache lives in the temporary cache folders, written by the first round.
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
const RUNS = Number(process.env.GRAPH_DOCTOR_BENCH_CLI_RUNS ?? 25)
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

/** Where the milliseconds above `node -e 0` go, by subtraction of this run's medians. */
function breakdown(medians) {
  const over = (name) => medians[name] - medians.baseline
  const parts = [
    ['Node itself: node -e 0', medians.baseline],
    ['reaching our code: the bin and one line out (--version)', over('version')],
    ['the diagnose command file alone: compile (code cache) and top level', over('require-diagnose')],
    ['one diagnosis without data: input, rules, render, exit', over('diagnose-no-data') - over('version') - over('require-diagnose')],
    ['permission data from the bundled snapshot: read, decode, first lookup', medians['diagnose-snapshot'] - medians['diagnose-no-data']],
    ['the user cache instead of the snapshot: its checks (sha256)', medians['diagnose-with-cache'] - medians['diagnose-snapshot']],
    ...(medians['diagnose-no-code-cache'] === undefined ? [] : [['saved by the code cache (compiling the command file and what the run calls)', medians['diagnose-no-code-cache'] - medians['diagnose-snapshot']]]),
  ]
  return parts.map(([measure, ms]) => ({ measure, value: `${ms.toFixed(1)} ms`, baseline: `${medians.baseline.toFixed(0)} ms`, ratio: `${(ms / medians.baseline).toFixed(2)}×` }))
}

/** Each round runs the `node -e 0` baseline, then every subject, so machine load hits them alike. */
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
    const medians = measure(subjects)
    const rows = subjects.map((s) => {
      const ratio = medians[s.name] / medians.baseline
      return {
        measure: s.label,
        value: `${medians[s.name].toFixed(0)} ms`,
        baseline: `${medians.baseline.toFixed(0)} ms`,
        ratio: `${ratio.toFixed(2)}×`,
        target: s.target === undefined ? undefined : `≤ ${s.target}× node -e 0`,
        met: s.target === undefined ? undefined : ratio <= s.target,
      }
    })
    const load = loadavg().map((value) => value.toFixed(2)).join(' ')
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${load}`
    printTable(`CLI start-up, whole process, median of ${RUNS} interleaved rounds against node -e 0; ${machine}`, rows)
    const parts = existsSync(SNAPSHOT) ? breakdown(medians) : []
    if (parts.length > 0) printTable('Where the time goes (differences of the medians above; a share of node -e 0 in the ratio column)', parts)
    const ratios = Object.fromEntries(subjects.map((s) => [s.name, medians[s.name] / medians.baseline]))
    writeResults('cli-startup.json', { machine, runs: RUNS, mediansMs: medians, ratios, rows, breakdown: parts })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

main()
