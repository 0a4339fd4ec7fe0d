import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { buildPermissionCatalogue, loadCatalogueIndex, serializeCatalogueIndex } from '../../../src/core/permissions/index.js'
import type { ModelCatalogue } from '../../../src/core/permissions/catalogue.js'
import { templateKey } from '../../../src/core/permissions/match/template-source.js'
import { trieNodePaths } from '../../../src/core/permissions/index/trie/trie-paths.js'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'
import { MINI_PERMISSIONS } from '../../helpers/mini-data.js'

const isDataInvalid = (error: unknown): boolean => isGraphDoctorError(error) && error.code === 'ERR_DATA_INVALID'

describe('template paths (the trie read without placing its edges)', () => {
  it('lists one path per trie node: every prefix of every normalised template, each once', () => {
    const catalogue = loadSnapshotCatalogue() as ModelCatalogue
    const paths = catalogue.templatePaths()
    const expected = new Set<string>()
    const { templates } = catalogue.model
    for (let id = 0; id < templates.count; id++) {
      const key = templateKey(templates.record(id).template)
      const segments = key === '' ? [] : key.split('/')
      for (let length = 0; length <= segments.length; length++) expected.add(segments.slice(0, length).join('/'))
    }
    const listed = paths.map((path) => path.join('/'))
    assert.equal(new Set(listed).size, listed.length, 'no path twice')
    assert.deepEqual(new Set(listed), expected)
    assert.deepEqual(paths[0], [])
    assert.ok(listed.includes('users/\u0000/messages'))
  })

  it('gives the same paths for a catalogue built from the raw format and for its derived index', () => {
    const built = buildPermissionCatalogue({ permissions: MINI_PERMISSIONS })
    const loaded = loadCatalogueIndex(serializeCatalogueIndex(built))
    const paths = built.templatePaths?.() ?? []
    assert.ok(paths.some((path) => path.join('/') === 'users/\u0000/messages'))
    assert.deepEqual(loaded.templatePaths?.(), paths)
  })

  it('rejects a trie whose child comes before its parent, is named twice or is out of range', () => {
    // Root, `users`, `me`, and `users/{id}`: per node its parent and method bits (0x80: its parent's placeholder child); per edge key (parent × 2), child, name length, name offset.
    const data = { chars: 'usersme', parents: [0, 0, 0, 1], methods: [0, 1, 1, 0x81], edges: [0, 1, 5, 0, 0, 2, 2, 5], templateStart: [0, 0, 0, 0, 0] }
    assert.deepEqual(trieNodePaths(data), [[], ['users'], ['me'], ['users', '\u0000']])
    const withEdges = (edges: number[]): typeof data => ({ ...data, edges })
    assert.throws(() => trieNodePaths(withEdges([0, 1, 5, 0, 0, 1, 2, 5])), isDataInvalid, 'named twice')
    assert.throws(() => trieNodePaths(withEdges([0, 2, 2, 5, 4, 1, 5, 0])), isDataInvalid, 'an edge from another parent than the node names')
    assert.throws(() => trieNodePaths({ ...data, parents: [0, 0, 3, 1] }), isDataInvalid, 'a parent after its child')
    assert.throws(() => trieNodePaths(withEdges([0, 1, 5, 0, 0, 9, 2, 5])), isDataInvalid, 'child out of range')
    assert.throws(() => trieNodePaths(withEdges([0, 1, 5, 0, 0, 2, 2, 9])), isDataInvalid, 'name out of range')
    assert.throws(() => trieNodePaths(withEdges([0, 1, 5, 0])), isDataInvalid, 'a node without a name')
  })
})
