// `npm run bench` (after bench/run.mjs): `diagnose` of a big realistic HAR, end to end through the
// built binary, against baselines measured in the same run on the same file: a bare read of the bytes,
// and a bare read plus one `JSON.parse` of the whole document (what diagnose did before it streamed).
// Each subject runs in its own process; CPU time and peak RSS come from the child's own
// process.resourceUsage() (bench/rusage-hook.mjs), wall time from here. Figures go to
// bench/results/har-stream.json (gitignored).
//
// GRAPH_DOCTOR_BENCH_HAR_ENTRIES (default 100000) sets the size of the capture.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { GENERATOR_TIME, expectedResults, writeHar } from './har-generator.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const BIN = join(here, '..', 'dist', 'bin', 'graph-doctor.js')
const HOOK = join(here, 'rusage-hook.mjs')
/** Without it, diagnose uses the permission snapshot bundled with graph-doctor (a fresh, empty cache directory). */
const PERMISSIONS = process.env.GRAPH_DOCTOR_BENCH_PERMISSIONS
const ENTRIES = Number(process.env.GRAPH_DOCTOR_BENCH_HAR_ENTRIES ?? 100_000)
const NOW = new Date(GENERATOR_TIME * 1000).toISOString()

/** Entries of the small capture whose run gives the fixed cost (start-up, permission data) to subtract. */
const SMALL_ENTRIES = 100

/** A subject: the arguments of `node`, run with the rusage hook. */
function subjects(har, small) {
  const permissions = PERMISSIONS === undefined ? [] : ['--permissions', PERMISSIONS]
  const cli = (format, file = har) => [BIN, 'diagnose', '--now', NOW, '--format', format, ...permissions, file]
  return [
    { name: 'diagnose-json-small', label: `diagnose --format json of ${SMALL_ENTRIES} entries (fixed cost)`, args: cli('json', small), small: true },
    { name: 'read', label: 'baseline: bare read of the bytes', args: ['-e', `require('fs').readFileSync(${JSON.stringify(har)})`] },
    { name: 'read+parse', label: 'baseline: read + JSON.parse of the whole file', args: ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(har)}, 'utf8'))`] },
    { name: 'diagnose-json', label: 'diagnose --format json', args: cli('json') },
    { name: 'diagnose-text', label: 'diagnose --format text', args: cli('text') },
  ]
}

function run(subject, work) {
  const usageFile = join(work, `${subject.name}.rusage.json`)
  const started = process.hrtime.bigint()
  const child = spawnSync(process.execPath, ['--import', HOOK, ...subject.args], {
    env: { ...process.env, GRAPH_DOCTOR_BENCH_RUSAGE: usageFile, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: join(work, 'cache') },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  })
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  if (!existsSync(usageFile)) return { failed: `exit ${child.status}: ${child.stderr.split('\n')[0] ?? ''}`, wallMs }
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'))
  return { exit: child.status, wallMs, cpuMs: (usage.user + usage.system) / 1000, peakRssMb: usage.maxRSS / 1024 }
}

function format(n, digits = 0) {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

function report(results, file) {
  const { bytes, entries } = file
  const base = results['read+parse']
  console.log(`\ndiagnose of a big HAR (Node ${process.version}; ${format(entries)} entries, ${format(bytes / 1e6)} MB, ${format(expectedResults(entries))} results)\n`)
  const rows = []
  for (const [name, result] of Object.entries(results)) {
    if (result.failed !== undefined) {
      rows.push([name, 'failed', result.failed])
      continue
    }
    const perCpu = (name.endsWith('-small') ? SMALL_ENTRIES : entries) / (result.cpuMs / 1000)
    const ratio = base?.cpuMs === undefined ? '' : `${(result.cpuMs / base.cpuMs).toFixed(2)}× read+parse CPU`
    rows.push([name, `${format(result.cpuMs)} ms CPU, ${format(result.wallMs)} ms wall`, `${format(perCpu)} entries/s (CPU), ${format(bytes / 1e6 / (result.cpuMs / 1000))} MB/s, peak RSS ${format(result.peakRssMb)} MB ${ratio}`])
  }
  const width = Math.max(...rows.map((row) => row[0].length))
  for (const [name, time, rest] of rows) console.log(`${name.padEnd(width)}  ${time.padEnd(34)}  ${rest}`)
  const fixed = results['diagnose-json-small']?.cpuMs ?? 0
  console.log(`\nfixed cost (start-up, permission data; the ${SMALL_ENTRIES}-entry run): ${format(fixed)} ms CPU`)
  for (const name of ['diagnose-json', 'diagnose-text']) {
    const result = results[name]
    if (result?.cpuMs === undefined) continue
    const rate = (entries - SMALL_ENTRIES) / ((result.cpuMs - fixed) / 1000)
    const parseRate = base?.cpuMs === undefined ? Number.NaN : entries / (base.cpuMs / 1000)
    console.log(`${name}: ${format(rate)} entries/s on one core past the fixed cost (${(rate / parseRate).toFixed(2)}× the read+parse rate): ${rate >= 20_000 ? 'met' : 'NOT MET'} ≥ 20,000 entries/s; peak RSS ${format(result.peakRssMb)} MB (${(result.peakRssMb / (base?.peakRssMb ?? Number.NaN)).toFixed(2)}× read+parse): ${result.peakRssMb <= 250 ? 'met' : 'NOT MET'} ≤ 250 MB`)
  }
}

async function main() {
  if (!existsSync(BIN)) throw new Error('run `npm run build` first')
  const work = mkdtempSync(join(tmpdir(), 'graph-doctor-bench-har-'))
  try {
    const har = join(work, 'capture.har')
    const small = join(work, 'small.har')
    writeHar(small, { entries: SMALL_ENTRIES })
    const bytes = writeHar(har, { entries: ENTRIES })
    const file = { entries: ENTRIES, bytes: statSync(har).size || bytes }
    const results = {}
    for (const subject of subjects(har, small)) results[subject.name] = run(subject, work)
    report(results, file)
    const out = join(here, 'results')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'har-stream.json'), `${JSON.stringify({ node: process.version, date: new Date().toISOString(), file, results }, null, 2)}\n`)
    console.log('\nwritten: bench/results/har-stream.json')
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
