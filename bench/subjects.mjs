// One benchmark subject per process (spawned by bench/run.mjs): `node bench/subjects.mjs <subject> <dataDir> <indexFile>`.
// Prints one JSON line with the measured figures. Imports the BUILT engine from dist/.
import { isAscii } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { Bench } from 'tinybench'
import { instantiate, templatePairs } from './instantiate.mjs'

const [subject, dataDir, indexFile] = process.argv.slice(2)
const BATCH = 1_000
/** Results are summed here so the work cannot be optimised away. */
let blackHole = 0

const subjects = {
  /** Read + parse + build from the raw permissions.json, then one lookup. */
  'ready-raw': async () => ready(async (engine) => engine.buildPermissionCatalogue({ permissions: readJson('permissions.json') })),
  /** The same with the two GUID files, as the CLI loads them. */
  'ready-raw-with-guids': async () =>
    ready(async (engine) =>
      engine.buildPermissionCatalogue({
        permissions: readJson('permissions.json'),
        provisioningInfo: readJson('provisioningInfo.json'),
        descriptions: readJson('permissions-descriptions.json'),
      }),
    ),
  /** Read + load the derived index, then one lookup. */
  'ready-index': async () => ready(async (engine) => engine.loadCatalogueIndex(readText(indexFile))),
  /** Lookup from a raw URL string, rotating over one URL per (method, template) pair, and Map.get of the normalised key. */
  lookup: async () => lookups(),
}

function readJson(name) {
  return JSON.parse(readText(`${dataDir}/${name}`))
}

/** The data files are ASCII: decoding them as latin1 is much faster than UTF-8 and gives the same text. */
function readText(path) {
  const bytes = readFileSync(path)
  return isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8')
}

async function ready(load) {
  const importStart = performance.now()
  const engine = await import('../dist/core/permissions/index.js')
  const start = performance.now()
  const catalogue = await load(engine)
  const endpoint = catalogue.lookup('GET', 'https://graph.microsoft.com/v1.0/me/messages')
  const ms = performance.now() - start
  if (endpoint === undefined) throw new Error('the first lookup failed')
  return { ms, importMs: start - importStart }
}

async function lookups() {
  const engine = await import('../dist/core/permissions/index.js')
  const { requestSegments } = await import('../dist/core/permissions/request-path.js')
  const catalogue = engine.loadCatalogueIndex(readText(indexFile))
  // Three URLs per (method, template) pair: more distinct URLs per method than the engine's path cache
  // holds, so the rotation measures uncached lookups; the repeated-URL task measures cache hits.
  const pairs = templatePairs(readJson('permissions.json'))
  const requests = [0, 1, 2].flatMap((round) => pairs.map(({ method, template }, n) => ({ method, url: instantiate(template, n + round * 7919) })))
  const keys = requests.map(({ method, url }) => `${method} ${requestSegments(url).join('/')}`)
  const map = new Map(keys.map((key, i) => [key, i]))
  const hot = requests.slice(0, 256)
  let next = 0
  const bench = new Bench({ time: 2_000, warmupTime: 500 })
  bench
    .add('lookup from a raw URL', () => {
      for (let i = 0; i < BATCH; i++) {
        const request = requests[next++ % requests.length]
        blackHole += catalogue.lookup(request.method, request.url)?.template.length ?? 0
      }
    })
    .add('Map.get of the normalised key', () => {
      for (let i = 0; i < BATCH; i++) blackHole += map.get(keys[next++ % keys.length]) ?? 0
    })
    .add('lookup, repeated URLs (path cache hits)', () => {
      for (let i = 0; i < BATCH; i++) {
        const request = hot[next++ % hot.length]
        blackHole += catalogue.lookup(request.method, request.url)?.template.length ?? 0
      }
    })
  await bench.run()
  const nsPerOp = (task) => (task.result.latency.p50 * 1e6) / BATCH
  const [raw, mapGet, cached] = bench.tasks.map(nsPerOp)
  return { urls: requests.length, lookupNs: raw, mapGetNs: mapGet, cachedLookupNs: cached, ratio: raw / mapGet }
}

const run = subjects[subject]
if (run === undefined) throw new Error(`unknown subject ${subject}`)
const result = await run()
process.stdout.write(`${JSON.stringify({ subject, ...result, blackHole: blackHole > 0 })}\n`)
