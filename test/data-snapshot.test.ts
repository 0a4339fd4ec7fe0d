/** The bundled permission snapshot (data/permissions/): intact, attributed, and exactly what its script writes. */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildPermissionCatalogue } from '../src/core/permissions/index.js'
import { loadSnapshot, readSnapshotManifest, SNAPSHOT_FILES, type SnapshotManifest } from '../src/cli/data/snapshot.js'
import { provenanceFromSources, SHARED_DATA, snapshotFiles } from '../scripts/permission-snapshot.js'
import { needsSharedData, readSharedJson, SHARED_DATA_DIR, SNAPSHOT_DIR } from './helpers/catalogue.js'
import { sampleRequests } from './core/permissions/sample-requests.js'

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

describe('the bundled permission snapshot', () => {
  it('holds the index its manifest describes, with the upstream provenance and licence', async () => {
    const manifest = (await readSnapshotManifest(SNAPSHOT_DIR)) as SnapshotManifest
    assert.equal(typeof manifest, 'object', String(manifest))
    const index = readFileSync(join(SNAPSHOT_DIR, manifest.index.name))
    assert.equal(index.byteLength, manifest.index.bytes)
    assert.equal(sha256(index), manifest.index.sha256)
    assert.equal(manifest.upstream.repository, 'https://github.com/microsoftgraph/microsoft-graph-devx-content')
    assert.match(manifest.upstream.commit, /^[0-9a-f]{40}$/)
    assert.match(manifest.upstream.date, /^\d{4}-\d{2}-\d{2}$/)
    for (const file of Object.values(manifest.upstream.files)) assert.match(file.sha256, /^[0-9a-f]{64}$/)
    const licence = readFileSync(join(SNAPSHOT_DIR, SNAPSHOT_FILES.licence), 'utf8')
    assert.match(licence, /MIT License\n\nCopyright \(c\) 2020 Microsoft Graph\n/)
    assert.ok(licence.includes(manifest.upstream.commit))
    assert.deepEqual(readdirSync(SNAPSHOT_DIR).sort(), Object.values(SNAPSHOT_FILES).sort())
  })

  it('loads and names the least-privileged permission', async () => {
    const loaded = await loadSnapshot(SNAPSHOT_DIR)
    assert.equal(loaded.state, 'loaded')
    const endpoint = loaded.state === 'loaded' ? loaded.catalogue.lookup('GET', 'https://graph.microsoft.com/v1.0/users') : undefined
    assert.equal(endpoint?.schemes.DelegatedWork?.leastPrivileged, 'User.ReadBasic.All')
  })

  it('is byte for byte what `npm run data:snapshot` derives from ../shared/data', needsSharedData, () => {
    const provenance = provenanceFromSources(readFileSync(join(SHARED_DATA, 'SOURCES.md'), 'utf8'))
    const expected = snapshotFiles(SHARED_DATA_DIR ?? '', provenance)
    assert.deepEqual(readdirSync(SNAPSHOT_DIR).sort(), [...expected.keys()].sort())
    for (const [name, text] of expected) {
      assert.ok(readFileSync(join(SNAPSHOT_DIR, name)).equals(Buffer.from(text)), `data/permissions/${name} is stale: run npm run data:snapshot`)
    }
  })

  it('answers every sampled request exactly as the raw official files do', needsSharedData, async () => {
    const raw = buildPermissionCatalogue({
      permissions: readSharedJson('permissions'),
      provisioningInfo: readSharedJson('provisioningInfo'),
      descriptions: readSharedJson('descriptions'),
    })
    const loaded = await loadSnapshot(SNAPSHOT_DIR)
    assert.equal(loaded.state, 'loaded')
    if (loaded.state !== 'loaded') return
    for (const { method, url } of sampleRequests(2_000)) assert.deepEqual(loaded.catalogue.lookup(method, url), raw.lookup(method, url), `${method} ${url}`)
    for (const name of ['Mail.Send', 'User.Read', 'Sites.Selected']) {
      for (const kind of ['delegated', 'application'] as const) assert.equal(loaded.catalogue.permissionId(name, kind), raw.permissionId(name, kind))
    }
  })
})
