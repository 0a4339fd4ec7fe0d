import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const ENTRY = 'dist/index.js'

test('the public API (built dist/index.js) exports exactly these names', async () => {
  const api = (await import(join(process.cwd(), ENTRY))) as Record<string, unknown>
  assert.deepEqual(Object.keys(api).sort(), [
    'GraphDoctorError',
    'JSON_CONTRACT_VERSION',
    'analyseToken',
    'buildKqlQuery',
    'buildPermissionCatalogue',
    'catalogue',
    'checkAuthorization',
    'classifyUrl',
    'createDiagnoser',
    'createTextRenderer',
    'detectFormat',
    'diagnose',
    'diagnoseExchange',
    'exchangeFromFlags',
    'expandBatches',
    'explainClaims',
    'extractAadstsCodes',
    'findingIds',
    'getHeader',
    'getHeaders',
    'isFindingId',
    'isGraphDoctorError',
    'judgeTokenTime',
    'loadCatalogueIndex',
    'lookupAadsts',
    'parseAuthorizationHeader',
    'parseInput',
    'pathShape',
    'readHarStream',
    'redactBody',
    'redactSecrets',
    'renderJson',
    'renderMarkdown',
    'renderText',
    'serializeCatalogueIndex',
    'summarizeToken',
    'validatePermissionsDocument',
  ])
  for (const [name, value] of Object.entries(api)) {
    if (!['catalogue', 'findingIds', 'JSON_CONTRACT_VERSION'].includes(name)) assert.equal(typeof value, 'function', name)
  }
})

test('readHarStream and createDiagnoser, as their docs promise, diagnose a HAR fed in byte chunks', async () => {
  const api = (await import(join(process.cwd(), ENTRY))) as {
    readHarStream: (chunks: AsyncIterable<Uint8Array>, name: string) => AsyncIterable<unknown>
    createDiagnoser: () => { diagnose: (exchange: unknown) => Array<{ source: string; status: number | null }> }
  }
  const bytes = readFileSync('examples/failing-calls.har')
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let offset = 0; offset < bytes.byteLength; offset += 1000) yield bytes.subarray(offset, offset + 1000)
  }
  const diagnoser = api.createDiagnoser()
  const results = []
  for await (const exchange of api.readHarStream(chunks(), 'capture.har')) results.push(...diagnoser.diagnose(exchange))
  const entries = (JSON.parse(bytes.toString('utf8')) as { log: { entries: unknown[] } }).log.entries.length
  assert.ok(results.length >= entries, `${results.length} results for ${entries} entries`)
  assert.equal(results[0]?.source, 'capture.har entry 1')
})

test('the type declarations export the result, token, exchange and permission types', () => {
  const declarations = readFileSync('dist/index.d.ts', 'utf8')
  const typeNames = [...declarations.matchAll(/export type \{([^}]+)\}/g)].flatMap((match) => (match[1] ?? '').split(',').map((name) => name.trim()))
  for (const name of ['Diagnosis', 'DiagnosisResult', 'Finding', 'Evidence', 'Severity', 'FindingId', 'Exchange', 'TokenAnalysis', 'PermissionCatalogue', 'ErrorCode', 'TextRenderOptions', 'Diagnoser', 'DiagnoseOptions', 'HarStreamOptions']) {
    assert.ok(typeNames.includes(name), `${name} is not exported`)
  }
  assert.match(declarations, /@module graph-doctor/)
})

/** Every module the entry reaches through relative imports. */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    const text = readFileSync(file, 'utf8')
    seen.set(file, text)
    for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      visit(join(dirname(file), match[1] ?? match[2] ?? ''))
    }
  }
  visit(entry)
  return seen
}

test('the library entry is isomorphic: nothing it loads imports node: modules, the CLI, or touches process', () => {
  const modules = reachable(ENTRY)
  assert.ok(modules.size > 10)
  for (const [file, source] of modules) {
    const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    assert.doesNotMatch(text, /from\s+['"]node:|import\(\s*['"]node:/, file)
    assert.ok(!file.includes(`${join('dist', 'cli')}`), `${file} is CLI code`)
    assert.doesNotMatch(text, /\bprocess\.(exit|stdout|stderr|env|argv)/, file)
  }
})
