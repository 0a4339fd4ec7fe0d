import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { INDEX_VERSION, loadCatalogueIndex, serializeCatalogueIndex } from '../../../src/core/permissions/index.js'
import { checkCatalogueIndex, isCatalogueIndex } from '../../../src/core/permissions/index/index-format.js'
import type { ModelCatalogue } from '../../../src/core/permissions/catalogue.js'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { loadSnapshotCatalogue, SNAPSHOT_DIR } from '../../helpers/catalogue.js'
import { readFileSync } from 'node:fs'
import { sampleRequests } from './sample-requests.js'

// The snapshot's model, decoded in full: the reference the round trip is compared with. (That the
// snapshot answers as the raw official files do is test/data-snapshot.test.ts's job.)
const catalogue = loadSnapshotCatalogue()
const isDataInvalid = (error: unknown): boolean => isGraphDoctorError(error) && error.code === 'ERR_DATA_INVALID'

type Place = readonly [number, number, 1 | 2 | 4]

/** The index split into its header (parsed) and body, and a way to put them back together. */
function parts(bytes: Uint8Array): { header: Record<string, unknown>; body: Uint8Array; join: (header: unknown, body?: Uint8Array) => Uint8Array } {
  const end = bytes.indexOf(10)
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end))) as Record<string, unknown>
  const join = (changed: unknown, body = bytes.subarray(end + 1)): Uint8Array => {
    const head = new TextEncoder().encode(`${JSON.stringify(changed)}\n`)
    const out = new Uint8Array(head.length + body.length)
    out.set(head)
    out.set(body, head.length)
    return out
  }
  return { header, body: bytes.slice(end + 1), join }
}

/** The numbers of a table of `body` (a copy aligned at 0), writable in place. */
function table(body: Uint8Array, place: Place): Uint8Array | Uint16Array | Uint32Array {
  const [offset, count, width] = place
  return width === 1 ? new Uint8Array(body.buffer, offset, count) : width === 2 ? new Uint16Array(body.buffer, offset, count) : new Uint32Array(body.buffer, offset, count)
}

describe('derived catalogue index', () => {
  const bytes = serializeCatalogueIndex(catalogue)
  const loaded = loadCatalogueIndex(bytes)

  it('serialises a loaded index back to the same bytes, and is recognised by its first bytes', () => {
    assert.ok(Buffer.from(bytes).equals(readFileSync(`${SNAPSHOT_DIR}catalogue-index`)))
    assert.ok(isCatalogueIndex(bytes))
    assert.equal(isCatalogueIndex(new TextEncoder().encode('{"permissions":{}}')), false)
  })

  it('gives identical lookups for 2,000 sampled URLs, loaded from bytes, from an ArrayBuffer or from bytes at an odd offset', () => {
    const odd = new Uint8Array(bytes.length + 1)
    odd.set(bytes, 1)
    const copies = [loaded, loadCatalogueIndex(bytes.slice().buffer), loadCatalogueIndex(odd.subarray(1))]
    const requests = sampleRequests(2_000)
    assert.equal(requests.length, 2_000)
    for (const { method, url } of requests) {
      const expected = catalogue.lookup(method, url)
      for (const copy of copies) assert.deepEqual(copy.lookup(method, url), expected, `${method} ${url}`)
    }
    for (const copy of copies) {
      assert.deepEqual(copy.stats, catalogue.stats)
      assert.equal(copy.permissionId('Mail.Send', 'application'), catalogue.permissionId('Mail.Send', 'application'))
      assert.equal(copy.permissionId('MAIL.READ', 'delegated'), catalogue.permissionId('mail.read', 'delegated'))
      assert.equal(copy.permissionId('No.Such.Permission', 'delegated'), undefined)
    }
  })

  it('rejects another version, another format, a truncated or extended file and no index at all with ERR_DATA_INVALID', () => {
    const { header, join } = parts(bytes)
    assert.equal(header['version'], INDEX_VERSION)
    assert.doesNotThrow(() => loadCatalogueIndex(join(header)))
    assert.throws(() => loadCatalogueIndex(join({ ...header, version: INDEX_VERSION + 1 })), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(join({ ...header, format: 'something-else' })), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(bytes.subarray(0, Math.floor(bytes.length / 2))), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(bytes.subarray(0, bytes.length - 4)), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(join(header, new Uint8Array([...parts(bytes).body, 0, 0, 0, 0]))), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(new Uint8Array(0)), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(new TextEncoder().encode('{}\n')), isDataInvalid)
    assert.throws(() => loadCatalogueIndex(join({ ...header, trie: { ...(header['trie'] as object), edges: [1 << 30, 4, 2] } })), isDataInvalid, 'a table outside the file')
  })

  it('reports a grant of an unknown permission, or a template sharing more than its path, as a corrupt index when the template is used', () => {
    const model = (loaded as ModelCatalogue).model
    let users = -1
    for (let id = 0; id < model.templates.count && users === -1; id++) if (model.templates.record(id).template === '/users') users = id
    assert.ok(users >= 0, 'the snapshot has /users')
    const { header, body, join } = parts(bytes)
    const source = header['source'] as { shared: Place; lists: Place; grants: { starts: Place; words: Place } }
    const shared = body.slice()
    table(shared, source.shared)[users] = 200
    const unknown = body.slice()
    const list = table(unknown, source.lists)[users] as number
    const start = table(unknown, source.grants.starts)[list] as number
    table(unknown, source.grants.words)[start + 2] = 65_535 // after the method's number and grant count: the first grant's permission
    for (const corrupt of [join(header, shared), join(header, unknown)]) {
      const catalogueOf = loadCatalogueIndex(corrupt)
      assert.throws(() => catalogueOf.lookup('GET', 'https://graph.microsoft.com/v1.0/users'), isDataInvalid)
      assert.ok(catalogueOf.lookup('GET', 'https://graph.microsoft.com/v1.0/me/messages') !== undefined, 'other templates still answer')
      assert.throws(() => checkCatalogueIndex(corrupt), isDataInvalid)
    }
  })

  it('rejects a trie whose edges are out of order or name no node, at load and in the full check (edges are placed lazily, found by binary search)', () => {
    const { header, body, join } = parts(bytes)
    const trie = header['trie'] as Record<string, Place>
    const withEdges = (change: (edges: Uint8Array | Uint16Array | Uint32Array, nodeCount: number) => void): Uint8Array => {
      const copy = body.slice()
      change(table(copy, trie['edges'] as Place), (trie['parents'] as Place)[1])
      return join(header, copy)
    }
    const swapped = withEdges((edges) => {
      let first = 0
      while ((edges[first] as number) >= (edges[first + 4] as number)) first += 4
      const edge = edges.slice(first, first + 4)
      edges.copyWithin(first, first + 4, first + 8)
      edges.set(edge, first + 4)
    })
    const beyond = withEdges((edges, nodeCount) => {
      edges[edges.length - 4] = nodeCount * 2
    })
    assert.doesNotThrow(() => checkCatalogueIndex(bytes))
    for (const corrupt of [swapped, beyond]) {
      assert.throws(() => loadCatalogueIndex(corrupt).lookup('GET', 'https://graph.microsoft.com/v1.0/users'), isDataInvalid)
      assert.throws(() => checkCatalogueIndex(corrupt), isDataInvalid)
    }
  })
})
