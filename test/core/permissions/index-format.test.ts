import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { INDEX_VERSION, loadCatalogueIndex, serializeCatalogueIndex } from '../../../src/core/permissions/index.js'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { loadSnapshotCatalogue, SNAPSHOT_DIR } from '../../helpers/catalogue.js'
import { readFileSync } from 'node:fs'
import { sampleRequests } from './sample-requests.js'

// The snapshot's model, decoded in full: the reference the round trip is compared with. (That the
// snapshot answers as the raw official files do is test/data-snapshot.test.ts's job.)
const catalogue = loadSnapshotCatalogue()

describe('derived catalogue index', () => {
  const text = serializeCatalogueIndex(catalogue)
  const loaded = loadCatalogueIndex(text)
  // The CLI loads the index from its UTF-8 bytes (the faster path).
  const loadedFromBytes = loadCatalogueIndex(new TextEncoder().encode(text))

  it('serialises a loaded index back to the same text', () => {
    assert.equal(text, readFileSync(`${SNAPSHOT_DIR}catalogue-index`, 'utf8'))
  })

  it('gives identical lookups for 2,000 sampled URLs, loaded from text or from bytes', () => {
    const requests = sampleRequests(2_000)
    assert.equal(requests.length, 2_000)
    for (const { method, url } of requests) {
      const expected = catalogue.lookup(method, url)
      assert.deepEqual(loaded.lookup(method, url), expected, `${method} ${url}`)
      assert.deepEqual(loadedFromBytes.lookup(method, url), expected, `bytes: ${method} ${url}`)
    }
    assert.deepEqual(loaded.stats, catalogue.stats)
    assert.equal(loaded.permissionId('Mail.Send', 'application'), catalogue.permissionId('Mail.Send', 'application'))
  })

  it('rejects another version and a corrupt index with ERR_DATA_INVALID', () => {
    const isDataInvalid = (error: unknown): boolean => isGraphDoctorError(error) && error.code === 'ERR_DATA_INVALID'
    const [headerLine = '', ...body] = text.split('\n')
    const header = JSON.parse(headerLine) as Record<string, unknown>
    const withHeader = (changed: Record<string, unknown>): string => [JSON.stringify(changed), ...body].join('\n')
    assert.equal(header['version'], INDEX_VERSION)
    assert.throws(() => loadCatalogueIndex(withHeader({ ...header, version: INDEX_VERSION + 1 })), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(withHeader({ ...header, format: 'something-else' })), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(text.slice(0, Math.floor(text.length / 2))), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(body.slice(0, -1).join('\n')), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(''), isDataInvalid)
    assert.throws(() => loadCatalogueIndex('{}'), isDataInvalid)
  })

  it('reports a grant of an unknown permission as a corrupt index when that template is used', () => {
    const line = text.split('\n').find((candidate) => /\tGET=\d+,/.test(candidate) && !candidate.includes('{'))
    assert.ok(line !== undefined)
    const template = line.split('\t')[0] ?? ''
    const catalogue = loadCatalogueIndex(text.replace(line, line.replace(/\tGET=\d+,/, '\tGET=999999,')))
    assert.throws(
      () => catalogue.lookup('GET', template),
      (error: unknown) => isGraphDoctorError(error) && error.code === 'ERR_DATA_INVALID',
    )
  })
})
