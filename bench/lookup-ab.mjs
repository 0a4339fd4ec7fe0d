// Two builds' lookups in one process: `node bench/lookup-ab.mjs <distA> <distB> [--rounds N] [--hot] [--cons]`
// (a dist is a copy of `dist/` kept aside, e.g. `cp -r dist /tmp/before`). On a shared machine two
// processes cannot be compared (load changes between them); passes of A and B alternate here, each
// timed by CPU time, and the figure is the median over rounds of B's time / A's time, then whether
// every answer is the same (JSON of each answer, over every URL). Each build makes its own index from
// the raw permission data, so builds with different index formats compare too.
//   --hot   512 of the URLs in turn, through the uncached match (the instructions of a lookup, little
//           of the cold state of 33,645 distinct URLs); default: the bench's full rotation via lookup()
//   --cons  the URLs as the bench makes them (concatenated, so V8 keeps them as flattened cons
//           strings); default: flat copies, as JSON.parse and most readers give them
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { instantiate, templatePairs } from './instantiate.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const dataDir = process.env.GRAPH_DOCTOR_BENCH_DATA ?? join(here, '..', '..', 'shared', 'data', 'devx-content')
const args = process.argv.slice(2)
const [distA, distB] = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--rounds')
if (distA === undefined || distB === undefined) throw new Error('usage: node bench/lookup-ab.mjs <distA> <distB> [--rounds N] [--hot] [--cons]')
const roundsAt = args.indexOf('--rounds')
const ROUNDS = roundsAt === -1 ? 25 : Number(args[roundsAt + 1])
const WARMUP = 3
const isHot = args.includes('--hot')

const read = (name) => JSON.parse(readFileSync(join(dataDir, name), 'utf8'))
const raw = { permissions: read('permissions.json'), provisioningInfo: read('provisioningInfo.json'), descriptions: read('permissions-descriptions.json') }
const pairs = templatePairs(raw.permissions)
const requests = [0, 1, 2].flatMap((round) => pairs.map(({ method, template }, n) => ({ method, url: instantiate(template, n + round * 7919) })))
let methods = requests.map((request) => request.method)
let urls = requests.map((request) => request.url)
if (!args.includes('--cons')) urls = JSON.parse(JSON.stringify(urls))
if (isHot) {
  const picked = urls.map((_, i) => i).filter((i) => i % 65 === 0).slice(0, 512)
  methods = methods.map((_, i) => methods[picked[i % picked.length]])
  urls = urls.map((_, i) => urls[picked[i % picked.length]])
}
const N = urls.length

async function catalogueOf(dist) {
  const engine = await import(join(resolve(dist), 'core', 'permissions', 'index.js'))
  const catalogue = engine.loadCatalogueIndex(engine.serializeCatalogueIndex(engine.buildPermissionCatalogue(raw)))
  catalogue.prepareAll()
  return catalogue
}
const a = await catalogueOf(distA)
const b = await catalogueOf(distB)

let blackHole = 0
// One loop function per build and mode: a shared call site would turn polymorphic.
const passA = isHot
  ? () => { for (let i = 0; i < N; i++) blackHole += a.match(methods[i], urls[i])?.template.length ?? 0 }
  : () => { for (let i = 0; i < N; i++) blackHole += a.lookup(methods[i], urls[i])?.template.length ?? 0 }
const passB = isHot
  ? () => { for (let i = 0; i < N; i++) blackHole += b.match(methods[i], urls[i])?.template.length ?? 0 }
  : () => { for (let i = 0; i < N; i++) blackHole += b.lookup(methods[i], urls[i])?.template.length ?? 0 }

function cpuNs(pass) {
  const begin = process.cpuUsage()
  pass()
  const used = process.cpuUsage(begin)
  return ((used.user + used.system) * 1000) / N
}

const timesA = []
const timesB = []
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  const aFirst = round % 2 === 0
  const first = cpuNs(aFirst ? passA : passB)
  const second = cpuNs(aFirst ? passB : passA)
  if (round < WARMUP) continue
  timesA.push(aFirst ? first : second)
  timesB.push(aFirst ? second : first)
}

let differing = 0
for (let i = 0; i < N; i++) {
  if (JSON.stringify(a.lookup(methods[i], urls[i])) !== JSON.stringify(b.lookup(methods[i], urls[i]))) differing++
}

const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1]
const result = {
  urls: N,
  rounds: ROUNDS,
  mode: `${isHot ? 'hot (512 URLs, uncached match)' : 'full rotation (lookup)'}, ${args.includes('--cons') ? 'cons' : 'flat'} strings`,
  nsA: Math.round(median(timesA)),
  nsB: Math.round(median(timesB)),
  ratioBtoA: Number(median(timesB.map((time, i) => time / timesA[i])).toFixed(3)),
  differingAnswers: differing,
}
process.stdout.write(`${JSON.stringify({ ...result, blackHole: blackHole > 0 })}\n`)
if (differing > 0) process.exitCode = 1
