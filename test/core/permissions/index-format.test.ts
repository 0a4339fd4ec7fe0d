import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { INDEX_VERSION, loadCatalogueIndex, serializeCatalogueIndex } from '../../../src/core/permissions/index.js'
import { checkCatalogueIndex } from '../../../src/core/permissions/index/index-format.js'
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

  it('reports a grant of an unknown permission, or a malformed template line, as a corrupt index when its group is used', () => {
    const isDataInvalid = (error: unknown): boolean => isGraphDoctorError(error) && error.code === 'ERR_DATA_INVALID'
    // Grant lists are lines of their own (`GET=<permission>,…;POST=…`); template lines start with a base-36 count.
    const unknownPermission = text.replace(/^GET=\d+,/gm, 'GET=999999,')
    assert.notEqual(unknownPermission, text)
    assert.throws(() => loadCatalogueIndex(unknownPermission).lookup('GET', 'https://graph.microsoft.com/v1.0/users'), isDataInvalid)
    // A template that claims more characters of its predecessor than there are.
    const [headerLine = '', ...rest] = text.split('\n')
    const firstGroup = rest.findIndex((line) => line.startsWith('\u00010\t'))
    assert.ok(firstGroup > 0)
    assert.match(rest[firstGroup + 2] ?? '', /^[0-9a-z]+\t\/\{id\}\t/, 'the second template is /accessreviews/{id}, sharing /accessreviews')
    rest[firstGroup + 2] = rest[firstGroup + 2]?.replace(/^[0-9a-z]+\t/, 'zz\t') ?? ''
    const badLine = loadCatalogueIndex([headerLine, ...rest].join('\n'))
    assert.throws(() => badLine.lookup('GET', 'https://graph.microsoft.com/v1.0/accessReviews/abc'), isDataInvalid)
    assert.ok(badLine.lookup('GET', 'https://graph.microsoft.com/v1.0/users') !== undefined, 'other groups still answer')
  })

  it('rejects a trie whose edges are out of order or name no node, at load and in the full check (edges are placed lazily, found by binary search)', () => {
    const isDataInvalid = (error: unknown): boolean => isGraphDoctorError(error) && error.code === 'ERR_DATA_INVALID'
    const lines = text.split('\n')
    const at = lines.findIndex((line) => line.startsWith('\u0003{'))
    assert.ok(at > 0)
    const withEdges = (change: (edges: number[], nodeCount: number) => void): string => {
      const trie = JSON.parse((lines[at] ?? '').slice(1)) as { edges: number[]; nodes: number[] }
      change(trie.edges, trie.nodes.length / 2)
      return [...lines.slice(0, at), `\u0003${JSON.stringify(trie)}`, ...lines.slice(at + 1)].join('\n')
    }
    const swapped = withEdges((edges) => {
      const first = edges.findIndex((key, index) => index % 4 === 0 && key < (edges[index + 4] ?? -1))
      edges.splice(first, 8, ...edges.slice(first + 4, first + 8), ...edges.slice(first, first + 4))
    })
    const beyond = withEdges((edges, nodeCount) => {
      edges[edges.length - 4] = nodeCount * 2
    })
    assert.doesNotThrow(() => checkCatalogueIndex(text))
    for (const corrupt of [swapped, beyond]) {
      assert.notEqual(corrupt, text)
      assert.throws(() => loadCatalogueIndex(corrupt).lookup('GET', 'https://graph.microsoft.com/v1.0/users'), isDataInvalid)
      assert.throws(() => checkCatalogueIndex(corrupt), isDataInvalid)
    }
  })
})
