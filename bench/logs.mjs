// `npm run bench`: `graph-doctor logs` over a Graph activity log in JSON lines, end to end through the
// built binary, against a bare read-lines + JSON.parse loop over the same file (bench/logs-baseline.mjs)
// measured in the same run, over the shared synthetic generator's logs (bench/log-generator.mjs); jq doing a comparable filter-and-group when it is installed; and a HAR
// (MB/s, peak RSS). Each subject runs in its own process; CPU time and peak RSS come from the
// child's process.resourceUsage() (bench/rusage-hook.mjs). The fixed cost (start-up, permission data)
// is measured on a small file and subtracted. Figures go to bench/results/logs.json (gitignored).
//
// `logs --workers 2` is timed by the wall clock against the one-thread run (past the fixed cost), and
// its report compared byte for byte with the one-thread report (an untimed run of each);
// `logs FILE FILE` reads the file twice, so the second pass (every group already diagnosed) shows the
// per-record cost apart from the per-group diagnosis. GRAPH_DOCTOR_BENCH_LOG_SCALE=1 adds the peak
// RSS of `logs` on 100 MB, 500 MB and 2 GB of generated activity log, whose distinct groups grow with
// the records, and on the 100 MB file repeated 5 and 20 times, whose groups stay the same (slow: minutes).
//
// GRAPH_DOCTOR_BENCH_LOG_RECORDS (default 300000), GRAPH_DOCTOR_BENCH_LOG_HAR_ENTRIES (default 100000) and
// GRAPH_DOCTOR_BENCH_LOG_ROUNDS (default 3: each activity-log subject's least CPU and wall time over
// interleaved rounds; one burst of other load on a shared machine otherwise decides a ratio).
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeLogs } from './log-generator.mjs'
import { GENERATOR_TIME, writeHar } from './har-generator.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const BIN = join(here, '..', 'dist', 'bin', 'graph-doctor.js')
const HOOK = join(here, 'rusage-hook.mjs')
const RECORDS = Number(process.env.GRAPH_DOCTOR_BENCH_LOG_RECORDS ?? 300_000)
const HAR_ENTRIES = Number(process.env.GRAPH_DOCTOR_BENCH_LOG_HAR_ENTRIES ?? 100_000)
const SMALL = 1000
const SCALE = process.env.GRAPH_DOCTOR_BENCH_LOG_SCALE === '1'
const SCALE_MB = [100, 500, 2000]
/** The HAR read in 1 MiB chunks and dropped: the floor of any streaming reader. */
const HAR_READ = `const fs = require('fs'); const fd = fs.openSync(process.argv[1]); const b = Buffer.allocUnsafe(1 << 20); while (fs.readSync(fd, b) > 0);`
const MAX_PARSE_BYTES = 500e6
/** Rounds of the activity-log subjects (GRAPH_DOCTOR_BENCH_LOG_ROUNDS, default 3): the best of each is kept. */
const ROUNDS = Math.max(1, Number(process.env.GRAPH_DOCTOR_BENCH_LOG_ROUNDS ?? 3))

function run(name, args, work, command = process.execPath) {
  const usageFile = join(work, `${name}.rusage.json`)
  const started = process.hrtime.bigint()
  const hooked = command === process.execPath ? ['--import', HOOK, ...args] : ['-c', args.join(' ')]
  const child = spawnSync(command, hooked, {
    env: { ...process.env, GRAPH_DOCTOR_BENCH_RUSAGE: usageFile, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: join(work, 'cache') },
    stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 24,
  })
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  if (command !== process.execPath) return child.status === 0 ? { wallMs } : { failed: `exit ${child.status}: ${(child.stderr ?? '').split('\n')[0]}`, wallMs }
  if (!existsSync(usageFile)) return { failed: `exit ${child.status}: ${child.stderr.split('\n')[0] ?? ''}`, wallMs }
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'))
  return { exit: child.status, wallMs, cpuMs: (usage.user + usage.system) / 1000, peakRssMb: usage.maxRSS / 1024 }
}

/**
 * Each subject run ROUNDS times, the rounds interleaved (every subject once, then again): the least
 * CPU and the least wall time of each, so that a burst of the machine's other load in one run does
 * not decide a ratio.
 */
function bestOfRounds(subjects, work) {
  const results = {}
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, args] of Object.entries(subjects)) {
      const result = run(name, args, work)
      const best = results[name]
      if (best === undefined || (best.failed !== undefined && result.failed === undefined)) results[name] = result
      else if (result.failed === undefined && best.failed === undefined) {
        results[name] = { ...best, wallMs: Math.min(best.wallMs, result.wallMs), cpuMs: Math.min(best.cpuMs, result.cpuMs), peakRssMb: Math.max(best.peakRssMb, result.peakRssMb) }
      }
    }
  }
  return results
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

function hasJq() {
  return spawnSync('jq', ['--version'], { encoding: 'utf8' }).status === 0
}

async function main() {
  if (!existsSync(BIN)) throw new Error('run `npm run build` first')
  const work = mkdtempSync(join(tmpdir(), 'graph-doctor-bench-logs-'))
  try {
    const big = join(work, 'activity.jsonl')
    const small = join(work, 'small.jsonl')
    const { bytes } = await writeLogs(big, { kind: 'activity', records: RECORDS, format: 'jsonl' })
    await writeLogs(small, { kind: 'activity', records: SMALL, format: 'jsonl' })
    const logs = (file, format = 'json') => [BIN, 'logs', '--format', format, file]
    const subjects = {
      'logs-small': logs(small),
      baseline: [join(here, 'logs-baseline.mjs'), big],
      'logs-json': logs(big),
      'logs-text': logs(big, 'text'),
      'logs-twice': [...logs(big), big],
      'logs-workers': [BIN, 'logs', '--workers', '2', '--format', 'json', big],
    }
    const results = bestOfRounds(subjects, work)
    const jqFilter = `reduce (inputs | select(.ResponseStatusCode >= 400)) as $r ({}; .[$r.AppId + " " + $r.RequestMethod + " " + ($r.ResponseStatusCode|tostring)] += 1) | length`
    if (hasJq()) results.jq = run('jq', [`jq -n '${jqFilter}' ${big} > /dev/null`], work, 'sh')
    const har = join(work, 'capture.har')
    const harBytes = writeHar(har, { entries: HAR_ENTRIES })
    results['har-read'] = run('har-read', ['-e', HAR_READ, har], work)
    // JSON.parse of the whole file needs it as one string: past V8's longest (~512 MB) it cannot run at all.
    if (harBytes < MAX_PARSE_BYTES) results['har-parse'] = run('har-parse', ['-e', `JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))`, har], work)
    results['logs-har'] = run('logs-har', [BIN, 'logs', '--format', 'json', '--now', new Date(GENERATOR_TIME * 1000).toISOString(), har], work)
    console.log(`\ngraph-doctor logs (Node ${process.version}; activity log ${fmt(RECORDS)} records, ${fmt(bytes / 1e6)} MB, best of ${ROUNDS} interleaved rounds; HAR ${fmt(HAR_ENTRIES)} entries, ${fmt(harBytes / 1e6)} MB)\n`)
    for (const [name, result] of Object.entries(results)) {
      if (result.failed !== undefined) console.log(`${name.padEnd(11)} failed: ${result.failed}`)
      else if (result.cpuMs === undefined) console.log(`${name.padEnd(11)} ${fmt(result.wallMs)} ms wall (whole process)`)
      else console.log(`${name.padEnd(11)} ${fmt(result.cpuMs)} ms CPU, ${fmt(result.wallMs)} ms wall, peak RSS ${fmt(result.peakRssMb)} MB`)
    }
    const fixed = results['logs-small'].cpuMs ?? 0
    const base = results.baseline.cpuMs
    const line = (name) => {
      const result = results[name]
      if (result?.cpuMs === undefined || base === undefined) return
      const past = Math.max(result.cpuMs - fixed, 1)
      const rate = (RECORDS - SMALL) / (past / 1000)
      const ratio = past / base
      console.log(`${name}: ${fmt(rate)} records/s on one core past the fixed cost of ${fmt(fixed)} ms (${ratio.toFixed(2)}× the read-lines + JSON.parse CPU, ${fmt(RECORDS / (base / 1000))} records/s): ${rate >= 300_000 ? 'met' : 'NOT MET'} ≥ 300,000 records/s; ${ratio <= 1.5 ? 'met' : 'NOT MET'} ≤ 1.5×; whole process ${(result.cpuMs / base).toFixed(2)}×`)
    }
    line('logs-json')
    line('logs-text')
    perRecordLine(results, base)
    workersLine(results)
    results.workersSame = sameReport(work, [BIN, 'logs', '--format', 'json', big], [BIN, 'logs', '--workers', '2', '--format', 'json', big])
    console.log(`logs --workers 2 report byte-identical to the one-thread report on this file: ${results.workersSame ? 'yes' : 'NO'}`)
    if (results.jq?.wallMs !== undefined && results.jq.failed === undefined) console.log(`jq (filter failures, group by app, method, status): ${fmt(RECORDS / (results.jq.wallMs / 1000))} records/s wall`)
    else if (results.jq === undefined) console.log('jq: not installed (apt-get install jq), not measured')
    const harRun = results['logs-har']
    if (harRun.cpuMs !== undefined) {
      const past = Math.max(harRun.cpuMs - fixed, 1)
      const mbps = harBytes / 1e6 / (past / 1000)
      const versus = (name, label) => (results[name]?.cpuMs === undefined ? `${label}: not measured` : `${(past / results[name].cpuMs).toFixed(2)}× ${label} (${fmt(harBytes / 1e6 / (results[name].cpuMs / 1000))} MB/s)`)
      const parse = results['har-parse'] === undefined ? 'read + JSON.parse: cannot run past V8\'s longest string' : versus('har-parse', 'read + JSON.parse of the whole file')
      console.log(`logs of a HAR: ${fmt(mbps)} MB/s on one core past the fixed cost (${mbps >= 250 ? 'met' : 'NOT MET'} ≥ 250 MB/s; ${versus('har-read', 'a bare streamed read')}; ${parse}), peak RSS ${fmt(harRun.peakRssMb)} MB (${harRun.peakRssMb <= 200 ? 'met' : 'NOT MET'} ≤ 200 MB)`)
    }
    console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`)
    if (SCALE) results.scale = await scaleRss(work)
    else console.log('RSS from 100 MB to 2 GB of input: not measured (GRAPH_DOCTOR_BENCH_LOG_SCALE=1); the DuckDB engine: bench/duckdb-engine.mjs')
    const out = join(here, 'results')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'logs.json'), `${JSON.stringify({ node: process.version, date: new Date().toISOString(), records: RECORDS, bytes, harEntries: HAR_ENTRIES, harBytes, results }, null, 2)}\n`)
    console.log('\nwritten: bench/results/logs.json')
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** The second pass of `logs FILE FILE`: records whose group was diagnosed in the first pass. */
function perRecordLine(results, base) {
  const once = results['logs-json']?.cpuMs
  const twice = results['logs-twice']?.cpuMs
  if (once === undefined || twice === undefined || base === undefined) return
  const pass = Math.max(twice - once, 1)
  console.log(`logs, records of groups already diagnosed (2nd pass of logs FILE FILE): ${fmt(RECORDS / (pass / 1000))} records/s on one core (${(pass / base).toFixed(2)}× the read-lines + JSON.parse CPU); the rest of the first pass is diagnosing each distinct group once`)
}

/** `--workers 2` against one thread, wall clock past the fixed cost (the machine's other load shows in it). */
function workersLine(results) {
  const one = results['logs-json']?.wallMs
  const two = results['logs-workers']?.wallMs
  const fixed = results['logs-small']?.wallMs ?? 0
  if (one === undefined || two === undefined || results['logs-workers'].failed !== undefined) return
  const speedup = Math.max(one - fixed, 1) / Math.max(two - fixed, 1)
  // On a loaded machine the wall clock says little; the CPU both runs spent bounds what 2 idle cores give.
  const bound = (2 * (results['logs-json'].cpuMs ?? 0)) / Math.max(results['logs-workers'].cpuMs ?? 1, 1)
  console.log(`logs --workers 2: ${speedup.toFixed(2)}× the one-thread throughput by the wall clock past the fixed cost (${speedup >= 1.7 ? 'met' : 'NOT MET'} ≥ 1.7× on 2 cores; load average ${loadavg()[0].toFixed(2)}), peak RSS ${fmt(results['logs-workers'].peakRssMb)} MB; CPU ${fmt(results['logs-workers'].cpuMs ?? 0)} ms against ${fmt(results['logs-json'].cpuMs ?? 0)} ms on one thread: at most ${bound.toFixed(2)}× on 2 idle cores`)
}

/** Whether two runs print the same bytes (not timed). */
function sameReport(work, one, other) {
  const output = (args) => spawnSync(process.execPath, args, { env: { ...process.env, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: join(work, 'cache') }, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 }).stdout
  const first = output(one)
  return first.length > 0 && first.equals(output(other))
}

/**
 * Peak RSS of `logs` by input size, two ways: generated activity logs of 100 MB, 500 MB and 2 GB (the
 * generator's distinct groups grow with its records), and the 100 MB file repeated 5 and 20 times (the
 * same distinct groups, only more records of each: what "bounded by the groups, not the input" means).
 */
async function scaleRss(work) {
  const base = join(work, 'scale-base.jsonl')
  const generated = []
  const repeated = []
  for (const mb of SCALE_MB) {
    const file = mb === SCALE_MB[0] ? base : join(work, `scale-${mb}.jsonl`)
    const { bytes, records } = await writeLogs(file, { kind: 'activity', records: Math.round((mb * 1e6) / 1560), format: 'jsonl', seed: 5 })
    generated.push(scaleRun(`scale-${mb}`, file, bytes, records, work, 'generated'))
    if (file !== base) rmSync(file, { force: true })
  }
  repeated.push({ ...generated[0] })
  for (const times of [5, 20]) {
    const file = join(work, `scale-x${times}.jsonl`)
    const bytes = repeatFile(base, file, times)
    repeated.push(scaleRun(`scale-x${times}`, file, bytes, generated[0].records * times, work, `the first repeated ${times}×`))
    rmSync(file, { force: true })
  }
  rmSync(base, { force: true })
  printGrowth(generated, "the generator's distinct groups keep growing with the records")
  printGrowth(repeated, 'the same distinct groups')
  return { generated, repeated }
}

function scaleRun(name, file, bytes, records, work, label) {
  const result = run(name, [BIN, 'logs', '--format', 'json', file], work)
  console.log(`logs on ${fmt(bytes / 1e6)} MB (${fmt(records)} records, ${label}): peak RSS ${fmt(result.peakRssMb ?? 0)} MB, ${fmt(result.cpuMs ?? 0)} ms CPU`)
  return { bytes, records, ...result }
}

function printGrowth(rows, what) {
  const first = rows[0]
  const last = rows.at(-1)
  if (first?.peakRssMb === undefined || last?.peakRssMb === undefined) return
  const growth = last.peakRssMb / first.peakRssMb
  console.log(`peak RSS from ${fmt(first.bytes / 1e6)} MB to ${fmt(last.bytes / 1e6)} MB of input (${what}): ×${growth.toFixed(2)} for ×${fmt(last.bytes / first.bytes, 1)} the input (${growth <= 1.5 ? 'met' : 'NOT MET'} flat: ≤ 1.5×)`)
}

/** `source` written `times` times over into `target`; its size. */
function repeatFile(source, target, times) {
  const buffer = Buffer.allocUnsafe(8 << 20)
  const out = openSync(target, 'w')
  let total = 0
  for (let round = 0; round < times; round++) {
    const input = openSync(source, 'r')
    for (let read; (read = readSync(input, buffer, 0, buffer.length, null)) > 0; total += read) writeSync(out, buffer, 0, read)
    closeSync(input)
  }
  closeSync(out)
  return total
}

await main()
