/**
 * The KQL's path normalisation, run by an RE2 engine (DuckDB's regexp_replace: Kusto's replace_regex
 * is RE2 as well), gives the same path shapes as pathShape() on generated and hand-picked URIs.
 */
import { before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { buildKqlQuery, pathShape } from '../../../src/core/kql/index.js'
import { generateRecords } from '../../../bench/log-generator.mjs'

/** The `replace_regex(…, @"pattern", @"rewrite")` calls of a KQL text, in order. */
function replaceRegexCalls(kql: string): { pattern: string; rewrite: string }[] {
  const verbatim = '@"((?:[^"]|"")*)"'
  const call = new RegExp(`replace_regex\\([A-Za-z]+, ${verbatim}, ${verbatim}\\)`, 'g')
  return [...kql.matchAll(call)].map((match) => ({ pattern: (match[1] ?? '').replaceAll('""', '"'), rewrite: (match[2] ?? '').replaceAll('""', '"') }))
}

const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`

const HAND_PICKED = [
  "https://graph.microsoft.com/v1.0/users('ada@contoso.example')/messages/AAMkAGI2TG93AAA1234=?$top=1",
  '/v1.0/me/drive/root:/a/b.txt:/content',
  '/v1.0/me/drive/root:/a/b.txt',
  '/beta/sites/contoso.sharepoint.com,1f0e2b1c-aaaa-4bbb-8ccc-123456789abc,2a3b/lists/12/items/34',
  '/v1.0/oauth2PermissionGrants/12/34/56/78',
  'HTTPS://graph.microsoft.com/BETA/x/6A8B1B4E-6F37-4D8B-9D5E-0D5E2C3F4A1B6A8B1B4E-6F37-4D8B-9D5E-0D5E2C3F4A1B',
  "/v1.0/x('a'b')/c'd",
  'https://graph.microsoft.com',
  '',
]

/** Deterministic random URIs over the characters the steps care about (quotes, colons, ids, braces). */
function randomUris(count: number): string[] {
  let state = 12345
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296
  const parts = ['/', '/', '/', 'users', "'", ':', ':/', '@', ',', '%40', '.', '{', '}', 'v1.0', 'beta', '?', '#', '-', '_', '=', '1234', '9', 'AbC', 'x', '6a8b1b4e-6f37-4d8b-9d5e-0d5e2c3f4a1b', 'https://graph.microsoft.com']
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 14) }, () => parts[Math.floor(next() * parts.length)] ?? '').join(''))
}

const RANDOM_URIS = 3000

describe('KQL path normalisation ≡ pathShape', () => {
  let uris: string[] = []
  before(async () => {
    uris = [...HAND_PICKED, ...randomUris(RANDOM_URIS)]
    for await (const record of generateRecords('activity', 3000, 7)) uris.push(String(record['RequestUri']))
  })

  it('the KQL has the normalisation steps', () => {
    assert.ok(replaceRegexCalls(buildKqlQuery({ table: 'MicrosoftGraphActivityLogs', since: '7d' }).text).length >= 8)
  })

  it('gives the same shape for every URI', async () => {
    const steps = replaceRegexCalls(buildKqlQuery({ table: 'MicrosoftGraphActivityLogs', since: '7d' }).text)
    const expression = steps.reduce((inner, step) => `regexp_replace(${inner}, ${sqlString(step.pattern)}, ${sqlString(step.rewrite)}, 'g')`, 'u')
    const dir = mkdtempSync(join(tmpdir(), 'gd-kql-'))
    try {
      const file = join(dir, 'uris.jsonl')
      writeFileSync(file, uris.map((u, i) => JSON.stringify({ i, u })).join('\n'))
      const instance = await DuckDBInstance.create(':memory:')
      const connection = await instance.connect()
      const reader = await connection.runAndReadAll(`SELECT i, ${expression} AS shape FROM read_json(${sqlString(file)}, format='newline_delimited', columns={i: 'INTEGER', u: 'VARCHAR'}) ORDER BY i`)
      const shapes = reader.getRowObjects().map((row) => String(row['shape']))
      connection.closeSync()
      assert.equal(shapes.length, uris.length)
      const differences = uris.filter((uri, i) => shapes[i] !== pathShape(uri)).slice(0, 5)
      assert.deepEqual(differences.map((uri) => [uri, pathShape(uri)]), [])
      const generated = shapes.slice(HAND_PICKED.length + RANDOM_URIS)
      assert.ok(generated.length === 3000 && new Set(generated).size < generated.length / 3, 'ids collapse: far fewer shapes than URIs')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
