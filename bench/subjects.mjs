// One load-time subject per process (spawned by bench/run.mjs): `node bench/subjects.mjs <subject> <dataDir> <indexFile>`.
// Prints one JSON line with the measured figures. Imports the BUILT engine from dist/. Lookups: bench/lookup.mjs.
import { isAscii } from 'node:buffer'
import { readFileSync } from 'node:fs'

const [subject, dataDir, indexFile] = process.argv.slice(2)

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
  /** Read + load the derived index (its bytes, as the CLI reads it), then one lookup. */
  'ready-index': async () => ready(async (engine) => engine.loadCatalogueIndex(readFileSync(indexFile))),
  /** `templatePaths()` after the load and one lookup, as a pasted PowerShell cmdlet error pays it (once per run). */
  'template-paths': async () => {
    const engine = await import('../dist/core/permissions/index.js')
    const catalogue = engine.loadCatalogueIndex(readFileSync(indexFile))
    catalogue.lookup('GET', 'https://graph.microsoft.com/v1.0/me/messages')
    const start = performance.now()
    const paths = catalogue.templatePaths()
    const ms = performance.now() - start
    if (paths.length < 1000) throw new Error(`templatePaths() listed only ${paths.length} paths`)
    return { ms, paths: paths.length }
  },
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

const run = subjects[subject]
if (run === undefined) throw new Error(`unknown subject ${subject}`)
const result = await run()
process.stdout.write(`${JSON.stringify({ subject, ...result })}\n`)
