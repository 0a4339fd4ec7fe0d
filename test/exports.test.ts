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

test('the type declarations export the result, token, exchange and permission types', () => {
  const declarations = readFileSync('dist/index.d.ts', 'utf8')
  const typeNames = [...declarations.matchAll(/export type \{([^}]+)\}/g)].flatMap((match) => (match[1] ?? '').split(',').map((name) => name.trim()))
  for (const name of ['Diagnosis', 'DiagnosisResult', 'Finding', 'Evidence', 'Severity', 'FindingId', 'Exchange', 'TokenAnalysis', 'PermissionCatalogue', 'ErrorCode', 'TextRenderOptions']) {
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
