import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const SUBPATHS = { fetch: ['withGraphDoctor'], 'graph-client': ['GraphDoctorMiddleware', 'diagnosisOf'], kiota: ['GraphDoctorKiotaMiddleware', 'diagnosisOf', 'withDiagnosedErrors'], msal: ['claimsFromChallenge', 'diagnoseMsalError'] } as const
const WRAPPED: Readonly<Record<string, string | undefined>> = { 'graph-client': '@microsoft/microsoft-graph-client' }

/** Every module a built entry reaches through relative imports, and the packages they import. */
function reachable(entry: string): { modules: Map<string, string>; packages: Set<string> } {
  const modules = new Map<string, string>()
  const packages = new Set<string>()
  const visit = (file: string): void => {
    if (modules.has(file)) return
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    modules.set(file, text)
    for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = match[1] ?? match[2] ?? ''
      if (spec.startsWith('.')) visit(join(dirname(file), spec))
      else packages.add(spec)
    }
  }
  visit(entry)
  return { modules, packages }
}

test('graph-doctor/fetch, /graph-client, /kiota and /msal resolve through package.json exports, with types', async () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, { types: string; default: string }> }
  for (const [subpath, names] of Object.entries(SUBPATHS)) {
    const entry = manifest.exports[`./${subpath}`]
    assert.ok(entry !== undefined, subpath)
    assert.ok(readFileSync(entry.types, 'utf8').includes(`@module graph-doctor/${subpath}`), `${subpath} types`)
    const api = (await import(`graph-doctor/${subpath}`)) as Record<string, unknown>
    assert.deepEqual(Object.keys(api).sort(), [...names].sort(), subpath)
  }
})

test('the integrations are isomorphic: no node: module, no process, and no package but the one they wrap', () => {
  for (const subpath of Object.keys(SUBPATHS)) {
    const { modules, packages } = reachable(`dist/integrations/${subpath}.js`)
    for (const [file, text] of modules) {
      assert.doesNotMatch(text, /\bprocess\.|\bBuffer\b/, file)
      assert.ok(!file.includes(join('dist', 'cli')) && !file.includes(join('dist', 'live')), `${file} is CLI or proxy code`)
    }
    assert.deepEqual([...packages], WRAPPED[subpath] === undefined ? [] : [WRAPPED[subpath]], subpath)
  }
})
