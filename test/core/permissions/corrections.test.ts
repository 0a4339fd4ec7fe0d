import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ADDED_ENDPOINTS, addedEndpointNote, withAddedEndpoints } from '../../../src/core/permissions/added-endpoints.js'
import { readOverReadWrite } from '../../../src/core/permissions/overrides.js'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'

const catalogue = loadSnapshotCatalogue()
const GRAPH = 'https://graph.microsoft.com/v1.0'

describe('a ReadWrite permission does not win a least-privileged tie against a read permission', () => {
  it('GET /groups suggests a read permission, not Group-NestingSupport.ReadWrite.All, per scheme', () => {
    const endpoint = catalogue.lookup('GET', `${GRAPH}/groups?$top=5`)
    assert.equal(endpoint?.schemes.DelegatedWork?.leastPrivileged, 'Group.ReadBasic.All')
    assert.equal(endpoint?.schemes.Application?.leastPrivileged, 'Group.ReadBasic.All')
  })

  it('keeps the ReadWrite permission among the accepted ones (a token holding it is still authorised)', () => {
    const accepted = catalogue.lookup('GET', '/groups')?.schemes.DelegatedWork?.accepted.map((permission) => permission.name) ?? []
    assert.ok(accepted.includes('Group-NestingSupport.ReadWrite.All'))
    assert.equal(accepted[0], 'Group.ReadBasic.All')
  })

  it('says so in a note with its source', () => {
    const notes = catalogue.lookup('GET', '/groups')?.notes ?? []
    const note = notes.find((line) => line.includes('Group-NestingSupport.ReadWrite.All'))
    assert.ok(note !== undefined, JSON.stringify(notes))
    assert.match(note, /Group\.ReadBasic\.All/)
    assert.match(note, /https:\/\/learn\.microsoft\.com\/graph\/api\/group-list/)
  })

  it('readOverReadWrite picks the first read permission at the same privilege level, and only then', () => {
    const nesting = { name: 'Group-NestingSupport.ReadWrite.All', privilegeLevel: 2 }
    const basic = { name: 'Group.ReadBasic.All', privilegeLevel: 2 }
    assert.equal(readOverReadWrite([nesting, basic]), basic)
    assert.equal(readOverReadWrite([basic, nesting]), undefined, 'a read permission already first')
    assert.equal(readOverReadWrite([nesting, { name: 'Group.Read.All', privilegeLevel: 3 }]), undefined, 'a higher privilege level')
    assert.equal(readOverReadWrite([nesting, { name: 'Group.ManageProtection.All', privilegeLevel: 2 }]), undefined, 'not a read permission')
    assert.equal(readOverReadWrite([{ name: 'Mail.ReadWrite', privilegeLevel: 1 }, { name: 'mail.readbasic', privilegeLevel: 1 }])?.name, 'mail.readbasic')
    assert.equal(readOverReadWrite([]), undefined)
  })
})

describe('endpoints the data lacks, added from the docs', () => {
  it('POST /groups/{id}/members/$ref (add member): GroupMember.ReadWrite.All least, delegated work and application', () => {
    const endpoint = catalogue.lookup('POST', `${GRAPH}/groups/02bd9fd6-8f93-4758-87c3-1fb73740a315/members/$ref`)
    assert.ok(endpoint !== undefined)
    assert.equal(endpoint.template, '/groups/{id}/members/$ref')
    assert.equal(endpoint.fallback, 'none')
    for (const scheme of ['DelegatedWork', 'Application'] as const) {
      const names: string[] | undefined = endpoint.schemes[scheme]?.accepted.map((permission) => permission.name)
      // Higher privileged by privilege level, then alphabetical, as the docs table writes them.
      assert.deepEqual(names, ['GroupMember.ReadWrite.All', 'Directory.ReadWrite.All', 'Group.ReadWrite.All'], scheme)
      assert.equal(endpoint.schemes[scheme]?.leastPrivileged, 'GroupMember.ReadWrite.All')
    }
    assert.equal(endpoint.schemes.DelegatedPersonal, undefined)
  })

  it('gives the added permissions their GUIDs and admin-consent flags from the data', () => {
    const least = catalogue.lookup('POST', '/groups/g/members/$ref')?.schemes.Application?.accepted[0]
    assert.equal(least?.id, catalogue.permissionId('GroupMember.ReadWrite.All', 'application'))
    assert.match(least?.id ?? '', /^[0-9a-f]{8}-/)
    assert.equal(least?.requiresAdminConsent, true)
  })

  it('answers the method it was added for only', () => {
    assert.equal(catalogue.lookup('GET', '/groups/g/members/$ref')?.template, '/groups/{id}/members')
    assert.equal(catalogue.lookup('PATCH', '/groups/g/members/$ref'), undefined)
  })

  it('keeps the data\'s answers for removing a member and adding an owner ($ref stripped)', () => {
    const remove = catalogue.lookup('DELETE', '/groups/g/members/m/$ref')
    assert.equal(remove?.template, '/groups/{id}/members/{id}')
    assert.equal(remove?.schemes.DelegatedWork?.leastPrivileged, 'GroupMember.ReadWrite.All')
    const owner = catalogue.lookup('POST', '/groups/g/owners/$ref')
    assert.equal(owner?.template, '/groups/{id}/owners')
    assert.ok(owner?.schemes.Application !== undefined)
  })

  it('adds nothing when the data already lists the path and method', () => {
    const document = {
      permissions: {
        'GroupMember.ReadWrite.All': {
          schemes: { DelegatedWork: { privilegeLevel: 3 } },
          pathSets: [{ schemeKeys: ['DelegatedWork'], methods: ['POST'], paths: { '/groups/{id}/members/$ref': 'least=DelegatedWork' } }],
        },
      },
    }
    assert.equal(withAddedEndpoints(document), document)
  })

  it('never changes the document it is given, and skips permissions the document does not name', () => {
    const pathSets = [{ schemeKeys: ['Application'], methods: ['GET'], paths: { '/groups': '' } }]
    const document = { permissions: { 'GroupMember.ReadWrite.All': { schemes: {}, pathSets } } }
    const corrected = withAddedEndpoints(document) as typeof document
    assert.equal(pathSets.length, 1)
    assert.equal(corrected.permissions['GroupMember.ReadWrite.All'].pathSets.length, 2)
    assert.deepEqual(Object.keys(corrected.permissions), ['GroupMember.ReadWrite.All'])
    assert.equal(withAddedEndpoints('not a document'), 'not a document')
  })

  it('each added endpoint names its docs source, and addedEndpointNote finds it by method and template', () => {
    for (const row of ADDED_ENDPOINTS) assert.match(row.source, /^https:\/\/learn\.microsoft\.com\/graph\/api\//)
    assert.match(addedEndpointNote('POST', '/groups/{id}/members/$ref') ?? '', /group-post-members/)
    assert.equal(addedEndpointNote('GET', '/groups/{id}/members'), undefined)
  })
})
