import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { loadCatalogueIndex, serializeCatalogueIndex } from '../../../src/core/permissions/index.js'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { loadSharedCatalogue } from '../../helpers/catalogue.js'
import { sampleRequests } from './sample-requests.js'

const catalogue = loadSharedCatalogue()

describe('derived catalogue index', () => {
  const text = serializeCatalogueIndex(catalogue)
  const loaded = loadCatalogueIndex(text)

  it('gives identical lookups for 2,000 sampled URLs', () => {
    const requests = sampleRequests(catalogue, 2_000)
    assert.equal(requests.length, 2_000)
    for (const { method, url } of requests) {
      assert.deepEqual(loaded.lookup(method, url), catalogue.lookup(method, url), `${method} ${url}`)
    }
    assert.deepEqual(loaded.stats, catalogue.stats)
    assert.equal(loaded.permissionId('Mail.Send', 'application'), catalogue.permissionId('Mail.Send', 'application'))
  })

  it('rejects another version and a corrupt index with ERR_DATA_INVALID', () => {
    const isDataInvalid = (error: unknown): boolean => isGraphDoctorError(error) && error.code === 'ERR_DATA_INVALID'
    const document = JSON.parse(text) as Record<string, unknown>
    assert.throws(() => loadCatalogueIndex(JSON.stringify({ ...document, version: 999 })), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(text.slice(0, text.length / 2)), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(JSON.stringify({ ...document, templates: [{ key: 'x', template: '/x', methods: { GET: [99999, 1, 1, 1, -1] } }] })), isDataInvalid)
    assert.throws(() => loadCatalogueIndex('{}'), isDataInvalid)
  })
})
