// `npm run bench` (after a build): permission lookups and load times, each subject in fresh processes,
// every target printed as a ratio against a baseline measured in the same run, with met / NOT MET.
// bench/cli-startup.mjs (whole-process start-up) runs next. Results: bench/results/*.json (gitignored).
// The machine may be shared: lookups are timed in interleaved rounds inside each process, and every
// figure is a median (over rounds, then over processes).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median, printTable, writeResults } from './report.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const dataDir = process.env.GRAPH_DOCTOR_BENCH_DATA ?? join(here, '..', '..', 'shared', 'data', 'devx-content')
const RUNS = Number(process.env.GRAPH_DOCTOR_BENCH_RUNS ?? 7)
const LOOKUP_PROCESSES = Number(process.env.GRAPH_DOCTOR_BENCH_LOOKUP_PROCESSES ?? 3)
const LOOKUP_NS = 500
const MAP_GET_RATIO = 10

const READY = [
  { name: 'ready-raw', label: 'ready from raw permissions.json (read+parse+build+1 lookup)', targetMs: 150 },
  { name: 'ready-raw-with-guids', label: 'ready from raw permissions.json + GUID files' },
  { name: 'ready-index', label: 'ready from the derived index (read+load+1 lookup)', targetMs: 50 },
  { name: 'template-paths', label: 'templatePaths() in a cold process, after load + 1 lookup (a pasted cmdlet error)' },
]

function spawnJson(args) {
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed:\n${child.stderr}`)
  return JSON.parse(child.stdout.trim().split('\n').pop())
}

async function writeIndex(indexFile) {
  const engine = await import('../dist/core/permissions/index.js')
  const read = (name) => JSON.parse(readFileSync(join(dataDir, name), 'utf8'))
  const catalogue = engine.buildPermissionCatalogue({
    permissions: read('permissions.json'),
    provisioningInfo: read('provisioningInfo.json'),
    descriptions: read('permissions-descriptions.json'),
  })
  writeFileSync(indexFile, engine.serializeCatalogueIndex(catalogue))
}

function lookupRows(runs) {
  const pick = (get) => median(runs.map(get))
  const ours = pick((run) => run.lookupNs)
  const mapGet = pick((run) => run.mapGetNs)
  const rows = [
    { measure: 'lookup from a raw URL (ns)', value: ours.toFixed(0), target: `≤ ${LOOKUP_NS} ns (absolute)`, met: ours <= LOOKUP_NS },
    { measure: 'lookup / Map.get of the normalised key', value: ours.toFixed(0), baseline: `${mapGet.toFixed(0)} ns`, ratio: `${(ours / mapGet).toFixed(1)}×`, target: `≤ ${MAP_GET_RATIO}×`, met: ours / mapGet <= MAP_GET_RATIO },
    { measure: 'lookup, repeated URLs (path cache hits)', value: pick((run) => run.cachedLookupNs).toFixed(0), baseline: `${mapGet.toFixed(0)} ns`, ratio: `${(pick((run) => run.cachedLookupNs) / mapGet).toFixed(1)}×` },
    { measure: `first lookup of an endpoint, warm process (µs, mean over ${runs[0].firstLookups.toLocaleString('en-US')} distinct pairs)`, value: pick((run) => run.firstLookupUs).toFixed(0) },
    { measure: 'build: index bytes → trie of every template (ms)', value: pick((run) => run.buildMs).toFixed(1) },
  ]
  for (const name of Object.keys(runs[0].routers)) {
    const ns = pick((run) => run.routers[name].ns)
    const { same, total } = runs[0].routers[name].agreement
    rows.push({
      measure: `ours (raw URL) / ${name} (normalised path)`,
      value: ours.toFixed(0),
      baseline: `${ns.toFixed(0)} ns`,
      ratio: `${(ours / ns).toFixed(2)}×`,
      target: '< 1× (ours faster)',
      met: ours < ns,
    })
    rows.push({ measure: `  ${name}: same template as ours`, value: `${same}/${total}`, ratio: `${((100 * same) / total).toFixed(1)}%` })
    rows.push({ measure: `  ${name}: build over the same templates (ms)`, value: pick((run) => run.routers[name].buildMs).toFixed(1) })
  }
  return rows
}

function readyRows(results) {
  return READY.map(({ name, label, targetMs }) => {
    const ms = results[name].median
    return { measure: `${label} (ms)`, value: ms.toFixed(1), target: targetMs === undefined ? undefined : `≤ ${targetMs} ms (absolute)`, met: targetMs === undefined ? undefined : ms <= targetMs }
  })
}

async function main() {
  if (!existsSync(join(dataDir, 'permissions.json'))) throw new Error(`no permissions.json in ${dataDir} (set GRAPH_DOCTOR_BENCH_DATA)`)
  const work = mkdtempSync(join(tmpdir(), 'graph-doctor-bench-'))
  try {
    const indexFile = join(work, 'permission-index.json')
    await writeIndex(indexFile)
    const lookups = []
    for (let i = 0; i < LOOKUP_PROCESSES; i++) lookups.push(spawnJson([join(here, 'lookup.mjs'), dataDir, indexFile]))
    const ready = {}
    for (const { name } of READY) {
      const runs = []
      for (let i = 0; i < RUNS; i++) runs.push(spawnJson([join(here, 'subjects.mjs'), name, dataDir, indexFile]))
      ready[name] = { runs, median: median(runs.map((run) => run.ms)), importMs: median(runs.map((run) => run.importMs)) }
    }
    const rows = [...lookupRows(lookups), ...readyRows(ready)]
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`
    printTable(`Permission lookup (${lookups[0].urls.toLocaleString('en-US')} URLs; median of ${lookups[0].rounds} interleaved rounds × ${LOOKUP_PROCESSES} processes) and load (median of ${RUNS} cold processes); ${machine}`, rows)
    writeResults('latest.json', { machine, lookups, ready, rows })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
