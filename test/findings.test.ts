/**
 * The finding meta-test: every catalogue id has a doc page with the required sections, a fixture that
 * produces it and a realistic near-miss that does not, and no finding ever repeats token material.
 */
import { before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { catalogue, findingIds, isFindingId, type FindingId } from '../src/core/catalogue.js'
import { diagnose } from '../src/core/diagnose.js'
import { parseInput } from '../src/core/input/index.js'
import type { PermissionCatalogue } from '../src/core/permissions/types.js'
import type { Diagnosis, Finding } from '../src/core/types.js'
import { writeFindingFixtures } from '../scripts/make-finding-fixtures.js'
import { loadSnapshotCatalogue } from './helpers/catalogue.js'
import { LEAK_MARKER } from './fixtures/findings/cases.js'
import { NEAR_MISS_OUTCOMES } from './fixtures/findings/near-miss-outcomes.js'

const DOCS = 'docs/findings'
const FIXTURES = 'test/fixtures/findings'
const REQUIRED_SECTIONS = ['Explanation', 'Evidence', 'Fix', 'References'] as const
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g

/** Ids whose doc page must say where the 2021 article is out of date, and a phrase that shows it does. */
const ARTICLE_DIFFERS: Partial<Record<FindingId, RegExp>> = {
  'token-wrong-audience': /401/,
  'token-type-mismatch': /400/,
  'password-reset': /out of date/i,
  'claims-challenge': /401/,
}

function sections(page: string): Map<string, string> {
  const found = new Map<string, string>()
  const parts = page.split(/^## /m).slice(1)
  for (const part of parts) {
    const newline = part.indexOf('\n')
    found.set(part.slice(0, newline).trim(), part.slice(newline + 1).trim())
  }
  return found
}

function fixtureFile(id: FindingId, kind: 'hit' | 'near-miss'): string {
  const names = readdirSync(join(FIXTURES, id)).filter((name) => name.startsWith(`${kind}.`))
  assert.equal(names.length, 1, `${id} needs exactly one ${kind}.* fixture, found ${names.join(', ') || 'none'}`)
  return join(FIXTURES, id, names[0] ?? '')
}

function diagnoseFile(path: string, permissions: PermissionCatalogue): { text: string; diagnosis: Diagnosis } {
  const text = readFileSync(path, 'utf8')
  const exchanges = parseInput(text, path)
  assert.ok(exchanges.length > 0, `${path} parsed into no exchange`)
  return { text, diagnosis: diagnose(exchanges, { permissions }) }
}

const allFindings = (diagnosis: Diagnosis): Finding[] => diagnosis.results.flatMap((result) => result.findings)

function assertNoSecrets(fixtureText: string, diagnosis: Diagnosis, path: string): void {
  const output = JSON.stringify(diagnosis)
  for (const jwt of fixtureText.match(JWT) ?? []) {
    const signature = jwt.split('.')[2] ?? ''
    assert.ok(!output.includes(jwt), `${path}: a whole token appears in the findings`)
    assert.ok(!output.includes(signature), `${path}: a token signature appears in the findings`)
  }
  assert.ok(!output.includes(LEAK_MARKER), `${path}: a secret from the request appears in the findings`)
}

describe('finding doc pages', () => {
  it('has no page for an id outside the catalogue', () => {
    const strays = readdirSync(DOCS).filter((name) => name.endsWith('.md') && !isFindingId(name.slice(0, -3)))
    assert.deepEqual(strays, [])
  })

  for (const id of findingIds) {
    it(`${id}: the page exists, is titled as the catalogue says and has every required section`, () => {
      const path = join(DOCS, `${id}.md`)
      assert.ok(existsSync(path), `missing ${path}`)
      const page = readFileSync(path, 'utf8')
      assert.equal(page.split('\n', 1)[0], `# ${id}: ${catalogue[id].title}`)
      const found = sections(page)
      const order = [...found.keys()].filter((name) => (REQUIRED_SECTIONS as readonly string[]).includes(name))
      assert.deepEqual(order, [...REQUIRED_SECTIONS], `${id}: sections missing or out of order`)
      for (const name of REQUIRED_SECTIONS) assert.ok((found.get(name) ?? '').length > 40, `${id}: section ${name} is empty`)
      assert.match(found.get('References') ?? '', /\(https:\/\/learn\.microsoft\.com\/[^)\s]+\)/)
    })
  }

  for (const [id, phrase] of Object.entries(ARTICLE_DIFFERS)) {
    it(`${id}: the page says how today's behaviour differs from the 2021 article`, () => {
      const article = sections(readFileSync(join(DOCS, `${id}.md`), 'utf8')).get('What the 2021 article says')
      assert.ok(article !== undefined, `${id}: no "What the 2021 article says" section`)
      assert.match(article, phrase)
    })
  }
})

describe('finding fixtures', () => {
  let permissions: PermissionCatalogue
  before(() => {
    permissions = loadSnapshotCatalogue()
  })

  it('have no folder for an id outside the catalogue', () => {
    const folders = readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory())
    assert.deepEqual(folders.map((entry) => entry.name).filter((name) => !isFindingId(name)), [])
  })

  it('are exactly what scripts/make-finding-fixtures.ts generates', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'graph-doctor-fixtures-'))
    try {
      for (const written of writeFindingFixtures(scratch)) {
        const committed = join(FIXTURES, written.slice(scratch.length + 1))
        assert.equal(readFileSync(committed, 'utf8'), readFileSync(written, 'utf8'), `${committed} is stale: rerun the script`)
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  })

  for (const id of findingIds) {
    it(`${id}: the hit produces it, with the catalogue's title and severity, and leaks nothing`, () => {
      const path = fixtureFile(id, 'hit')
      const { text, diagnosis } = diagnoseFile(path, permissions)
      const found = allFindings(diagnosis)
      const hit = found.find((finding) => finding.id === id)
      assert.ok(hit, `${path} produced [${found.map((finding) => finding.id).join(', ')}], not ${id}`)
      assert.equal(hit.title, catalogue[id].title)
      assert.equal(hit.severity, catalogue[id].severity)
      assert.ok(hit.detail.length > 0, `${id}: empty detail`)
      assert.ok(hit.evidence.length > 0, `${id}: no evidence`)
      if (id !== 'input-unreadable') assert.ok(hit.fix.length > 0, `${id}: no fix steps`)
      assertNoSecrets(text, diagnosis, path)
    })

    it(`${id}: in its hit, it leads the findings of its severity (the most probable cause first)`, () => {
      const path = fixtureFile(id, 'hit')
      const { diagnosis } = diagnoseFile(path, permissions)
      const result = diagnosis.results.find((candidate) => candidate.findings.some((finding) => finding.id === id))
      assert.ok(result, `${path} did not produce ${id}`)
      const sameSeverity = result.findings.filter((finding) => finding.severity === catalogue[id].severity)
      assert.equal(sameSeverity[0]?.id, id, `${path} ranks ${sameSeverity.map((finding) => finding.id).join(', ')}`)
    })

    it(`${id}: the near-miss does not produce it, produces what it should instead, and leaks nothing`, () => {
      const path = fixtureFile(id, 'near-miss')
      const { text, diagnosis } = diagnoseFile(path, permissions)
      const ids = allFindings(diagnosis).map((finding) => finding.id)
      assert.ok(!ids.includes(id), `${path} produced ${id} (all: ${ids.join(', ')})`)
      assert.deepEqual([...new Set(ids)].sort(), [...NEAR_MISS_OUTCOMES[id]].sort(), `${path}: the findings it should produce instead (near-miss-outcomes.ts)`)
      assertNoSecrets(text, diagnosis, path)
    })
  }
})
