import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { buildPermissionCatalogue, validatePermissionsDocument } from '../../../src/core/permissions/index.js'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { needsSharedData, readSharedJson } from '../../helpers/catalogue.js'

const tiny = {
  permissions: {
    'User.Read': {
      authorizationType: 'oAuth2',
      schemes: { DelegatedWork: { privilegeLevel: 1, requiresAdminConsent: false } },
      pathSets: [{ schemeKeys: ['DelegatedWork'], methods: ['GET'], paths: { '/me': 'least=DelegatedWork' } }],
    },
  },
}

describe('buildPermissionCatalogue', () => {
  it('builds from permissions.json alone, without the GUID files', () => {
    const catalogue = buildPermissionCatalogue({ permissions: tiny })
    assert.deepEqual(catalogue.stats, { templates: 1, permissions: 1 })
    assert.equal(catalogue.lookup('GET', '/me')?.schemes.DelegatedWork?.leastPrivileged, 'User.Read')
    assert.equal(catalogue.permissionId('User.Read', 'delegated'), undefined)
  })

  it('throws ERR_DATA_INVALID for a document that is not in the Kibali format', () => {
    for (const document of [null, [], {}, { permissions: {} }, { permissions: { X: { schemes: {}, pathSets: {} } } }]) {
      assert.throws(
        () => buildPermissionCatalogue({ permissions: document }),
        (error: unknown) => isGraphDoctorError(error) && error.code === 'ERR_DATA_INVALID',
      )
    }
  })

  it('counts the raw official data as the reference describes (917 permissions, about 7,300 templates)', needsSharedData, () => {
    const result = validatePermissionsDocument(readSharedJson('permissions'))
    assert.ok(result.ok)
    assert.equal(result.permissions, 917)
    assert.ok(result.templates > 7_000 && result.templates < 7_400, String(result.templates))
  })
})

describe('validatePermissionsDocument', () => {
  it('gives the reason a download is unusable', () => {
    const result = validatePermissionsDocument({ value: [] })
    assert.deepEqual(result, { ok: false, reason: 'permissions.json is not in the Kibali format: it has no "permissions" object' })
  })
})
