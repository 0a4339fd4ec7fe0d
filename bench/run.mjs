// `npm run bench`: builds first (see package.json), then runs every subject in its own process and
// prints a table; the figures are written to bench/results/latest.json (gitignored).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const dataDir = process.env.GRAPH_DOCTOR_BENCH_DATA ?? join(here, '..', '..', 'shared', 'data', 'devx-content')
const RUNS = Number(process.env.GRAPH_DOCTOR_BENCH_RUNS ?? 7)

/**
 * The subjects, each run in a fresh process. `runs` cold starts are measured; the median is reported.
 * The whole-process CLI start-up is measured by bench/cli-startup.mjs, which `npm run bench` runs next.
 */
const SUBJECTS = [
  { name: 'lookup', runs: 3, label: 'lookup', target: 'lookup ≤ 1,000 ns; ratio to Map.get reported (goal ≤ 10×)' },
  { name: 'ready-raw', runs: RUNS, label: 'ready from raw permissions.json (read+parse+build+1 lookup)', target: '≤ 150 ms' },
  { name: 'ready-raw-with-guids', runs: RUNS, label: 'ready from raw permissions.json + GUID files', target: 'reported' },
  { name: 'ready-index', runs: RUNS, label: 'ready from the derived index (read+load+1 lookup)', target: '≤ 50 ms' },
]

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'graph-doctor-bench-'))
  try {
    const indexFile = join(work, 'permission-index.json')
    await writeIndex(indexFile)
    const results = {}
    for (const subject of SUBJECTS) results[subject.name] = measure(subject, indexFile)
    report(results)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** The derived index is written to a temporary directory, never to the repository. */
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

function measure(subject, indexFile) {
  const runs = []
  for (let i = 0; i < subject.runs; i++) {
    const child = spawnSync(process.execPath, ['--expose-gc', join(here, 'subjects.mjs'), subject.name, dataDir, indexFile], { encoding: 'utf8' })
    if (child.status !== 0) throw new Error(`${subject.name} failed:\n${child.stderr}`)
    runs.push(JSON.parse(child.stdout.trim().split('\n').pop()))
  }
  return { runs, median: medianOf(runs) }
}

/** Median of every numeric field over the runs. */
function medianOf(runs) {
  const median = {}
  for (const key of Object.keys(runs[0])) {
    if (typeof runs[0][key] !== 'number') continue
    const values = runs.map((run) => run[key]).sort((a, b) => a - b)
    const mid = Math.floor(values.length / 2)
    median[key] = values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2
  }
  return median
}

function report(results) {
  const lookup = results.lookup.median
  const rows = [
    ['lookup from a raw URL (median)', `${lookup.lookupNs.toFixed(0)} ns`, '≤ 1,000 ns'],
    ['Map.get of the normalised key (same run)', `${lookup.mapGetNs.toFixed(0)} ns`, 'baseline'],
    ['ratio lookup / Map.get', `${lookup.ratio.toFixed(1)}×`, 'goal ≤ 10×'],
    ['lookup, repeated URLs (path cache hits)', `${lookup.cachedLookupNs.toFixed(0)} ns`, 'reported'],
    ['ready from raw permissions.json', `${results['ready-raw'].median.ms.toFixed(1)} ms`, '≤ 150 ms'],
    ['ready from raw + GUID files', `${results['ready-raw-with-guids'].median.ms.toFixed(1)} ms`, 'reported'],
    ['ready from the derived index', `${results['ready-index'].median.ms.toFixed(1)} ms`, '≤ 50 ms'],
    ['engine module import', `${results['ready-index'].median.importMs.toFixed(1)} ms`, 'reported'],
  ]
  const width = Math.max(...rows.map((row) => row[0].length))
  console.log(`graph-doctor benchmark (Node ${process.version}, ${lookup.urls} URLs rotated, lookup median of 3 processes, start-up median of ${RUNS} cold starts)\n`)
  for (const [what, value, target] of rows) console.log(`${what.padEnd(width)}  ${value.padStart(10)}  ${target}`)
  const out = join(here, 'results')
  mkdirSync(out, { recursive: true })
  const document = { node: process.version, date: new Date().toISOString(), runs: RUNS, results }
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(document, null, 2)}\n`)
  console.log(`\nwritten: bench/results/latest.json`)
}

await main()
