// The lookup benchmark, one process (spawned by bench/run.mjs): `node bench/lookup.mjs <dataDir> <indexFile>`.
// Prints one JSON line. Every subject runs in the same process, in interleaved rounds (one pass over
// all the URLs each), so the machine's load hits them alike; the figure per subject is the median over
// the rounds of its ns per lookup. Each subject has its own loop function, so no call site is shared
// (shared call sites turn polymorphic and slow whichever subject runs later).
import { isAscii } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { instantiate, templatePairs } from './instantiate.mjs'
import { MATCHERS, normalisedPath, routeTable } from './routers.mjs'

const [dataDir, indexFile] = process.argv.slice(2)
const ROUNDS = Number(process.env.GRAPH_DOCTOR_BENCH_ROUNDS ?? 15)
const WARMUP = 3
/** The regex matcher tries up to ~8,000 regexes per lookup: it is timed over this many URLs per round. */
const REGEX_SAMPLE = 100
let blackHole = 0

function readText(path) {
  const bytes = readFileSync(path)
  return isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8')
}

const engine = await import('../dist/core/permissions/index.js')
const { requestSegments } = await import('../dist/core/permissions/match/request-path.js')
const indexBytes = readFileSync(indexFile)

// Three URLs per (method, template) pair: more distinct URLs than the engine's path cache holds, so
// the rotation measures uncached lookups; `ours, repeated URLs` measures cache hits.
const pairs = templatePairs(JSON.parse(readText(`${dataDir}/permissions.json`)))
const requests = [0, 1, 2].flatMap((round) => pairs.map(({ method, template }, n) => ({ method, url: instantiate(template, n + round * 7919) })))
const methods = requests.map((request) => request.method)
const urls = requests.map((request) => request.url)
const segments = urls.map((url) => requestSegments(url))
const keys = segments.map((list, i) => `${methods[i]} ${list.join('/')}`)
const paths = segments.map((list) => normalisedPath(list))
const N = requests.length
const hot = requests.slice(0, 256)

// Build times: ours from the index bytes to a trie over every template; each router over the same keys.
const buildMs = {}
let start = performance.now()
const catalogue = engine.loadCatalogueIndex(indexBytes)
const trie = catalogue.prepareAll()
buildMs.ours = performance.now() - start
const routes = routeTable(trie, catalogue.model.templates)
const finders = {}
for (const [name, build] of Object.entries(MATCHERS)) {
  start = performance.now()
  finders[name] = build(routes)
  buildMs[name] = performance.now() - start
}
const map = new Map(keys.map((key, i) => [key, i]))

const fmw = finders['find-my-way']
const medley = finders['@medley/router']
const regex = finders['regex per template']

/** ns per lookup of each subject for one pass; every loop is written out (see the top comment). */
const SUBJECTS = {
  ours: () => {
    for (let i = 0; i < N; i++) blackHole += catalogue.lookup(methods[i], urls[i])?.template.length ?? 0
    return N
  },
  mapGet: () => {
    for (let i = 0; i < N; i++) blackHole += map.get(keys[i]) ?? 0
    return N
  },
  oursRepeated: () => {
    for (let i = 0; i < N; i++) {
      const request = hot[i & 255]
      blackHole += catalogue.lookup(request.method, request.url)?.template.length ?? 0
    }
    return N
  },
  'find-my-way': () => {
    for (let i = 0; i < N; i++) blackHole += fmw(methods[i], paths[i])?.length ?? 0
    return N
  },
  '@medley/router': () => {
    for (let i = 0; i < N; i++) blackHole += medley(methods[i], paths[i])?.length ?? 0
    return N
  },
  'regex per template': () => {
    const from = (regexRound++ * REGEX_SAMPLE * 7) % N
    for (let k = 0; k < REGEX_SAMPLE; k++) {
      const i = (from + k * 7) % N
      blackHole += regex(methods[i], paths[i])?.length ?? 0
    }
    return REGEX_SAMPLE
  },
}
let regexRound = 0

const samples = Object.fromEntries(Object.keys(SUBJECTS).map((name) => [name, []]))
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (const [name, pass] of Object.entries(SUBJECTS)) {
    const begin = process.hrtime.bigint()
    const count = pass()
    const ns = Number(process.hrtime.bigint() - begin) / count
    if (round >= WARMUP) samples[name].push(ns)
  }
}

/**
 * The first lookup of an endpoint in a warm process (the JIT warmed by the rounds above): a fresh
 * catalogue from the same bytes looks up one URL of every 5th (method, template) pair, each once, so
 * each pays its template decoding, edge placement and least-privilege resolution. What a `logs` run
 * pays once per distinct endpoint.
 */
function firstLookups() {
  const fresh = engine.loadCatalogueIndex(indexBytes)
  let count = 0
  const begin = process.hrtime.bigint()
  for (let i = 0; i < pairs.length; i += 5) {
    blackHole += fresh.lookup(methods[i], urls[i])?.template.length ?? 0
    count++
  }
  return { count, us: Number(process.hrtime.bigint() - begin) / 1000 / count }
}
const first = firstLookups()

/** Which template each matcher chose, against ours, over every URL (the regex matcher over a sample). */
function agreement(find, step) {
  let same = 0
  let total = 0
  for (let i = 0; i < N; i += step) {
    total++
    if ((catalogue.lookup(methods[i], urls[i])?.template ?? null) === (find(methods[i], paths[i]) ?? null)) same++
  }
  return { same, total }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const ns = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]))
const routers = Object.fromEntries(
  Object.keys(MATCHERS).map((name) => [
    name,
    { ns: ns[name], buildMs: buildMs[name], agreement: agreement(finders[name], name === 'regex per template' ? 37 : 1) },
  ]),
)
const result = {
  urls: N,
  rounds: ROUNDS,
  lookupNs: ns.ours,
  mapGetNs: ns.mapGet,
  ratio: ns.ours / ns.mapGet,
  cachedLookupNs: ns.oursRepeated,
  firstLookupUs: first.us,
  firstLookups: first.count,
  buildMs: buildMs.ours,
  routers,
}
process.stdout.write(`${JSON.stringify({ ...result, blackHole: blackHole > 0 })}\n`)
