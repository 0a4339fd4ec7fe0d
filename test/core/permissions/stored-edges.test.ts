import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { loadCatalogueIndex } from '../../../src/core/permissions/index.js'
import type { ModelCatalogue } from '../../../src/core/permissions/catalogue.js'
import { SNAPSHOT_DIR } from '../../helpers/catalogue.js'
import { sampleRequests } from './sample-requests.js'

/** Spellings that take each branch of a literal step: as generated, upper case, a cast without `microsoft.graph.`, and with it. */
function spellings(url: string): string[] {
  const variants = [url, url.toUpperCase()]
  if (url.includes('/microsoft.graph.')) variants.push(url.replaceAll('/microsoft.graph.', '/'))
  else variants.push(url.replace(/\/([a-z]+)$/i, '/microsoft.graph.$1'))
  return variants
}

describe('a walk through nodes whose edges are not placed yet (the stored edges read directly)', () => {
  it('gives every lookup the answer of the placed edge table', () => {
    const bytes = readFileSync(`${SNAPSHOT_DIR}catalogue-index`)
    const placed = loadCatalogueIndex(bytes) as ModelCatalogue
    placed.prepareAll().placeAll()
    let compared = 0
    let matched = 0
    for (const { method, url } of sampleRequests(500)) {
      for (const spelling of spellings(url)) {
        // A fresh catalogue: every node on the walk is reached for the first time, so none is placed
        const expected = placed.lookup(method, spelling)
        assert.deepEqual(loadCatalogueIndex(bytes).lookup(method, spelling), expected, `${method} ${spelling}`)
        compared++
        if (expected !== undefined) matched++
      }
    }
    assert.ok(compared >= 1500 && matched >= compared * 0.9, `${matched} of ${compared} matched`)
  })

  it('places a node after a few walks and then answers from the edge table alike', () => {
    const bytes = readFileSync(`${SNAPSHOT_DIR}catalogue-index`)
    const placed = loadCatalogueIndex(bytes)
    ;(placed as ModelCatalogue).prepareAll().placeAll()
    const catalogue = loadCatalogueIndex(bytes)
    const requests = sampleRequests(300)
    for (let round = 0; round < 3; round++) {
      for (const { method, url } of requests) assert.deepEqual(catalogue.lookup(method, `${url}?round=${round}`), placed.lookup(method, url), url)
    }
  })
})
