import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readOverReadWrite } from '../../../src/core/permissions/overrides.js'
import { loadSharedCatalogue } from '../../helpers/catalogue.js'

const catalogue = loadSharedCatalogue()
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
