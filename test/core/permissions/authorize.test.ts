import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { checkAuthorization } from '../../../src/core/permissions/index.js'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'

const catalogue = loadSnapshotCatalogue()
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'

function endpoint(method: string, path: string) {
  const found = catalogue.lookup(method, `https://graph.microsoft.com/v1.0${path}`)
  assert.ok(found !== undefined, `${method} ${path} is catalogued`)
  return found
}

describe('checkAuthorization', () => {
  it('authorises any accepted permission, not only the least-privileged one', () => {
    const check = checkAuthorization(endpoint('GET', '/users'), 'Application', ['Directory.Read.All'])
    assert.equal(check.isAuthorized, true)
    assert.deepEqual(check.granted, ['Directory.Read.All'])
    assert.equal(check.leastPrivileged, 'User.ReadBasic.All')
    assert.equal(check.accepted[0], 'User.ReadBasic.All')
  })

  it('compares names case-insensitively and reports the catalogue spelling', () => {
    const check = checkAuthorization(endpoint('GET', '/me'), 'DelegatedWork', ['user.read'])
    assert.deepEqual(check.granted, ['User.Read'])
    assert.equal(check.isAuthorized, true)
  })

  it('never counts openid, profile, email or offline_access', () => {
    const check = checkAuthorization(endpoint('GET', '/me'), 'DelegatedWork', ['openid', 'profile', 'email', 'offline_access'])
    assert.equal(check.isAuthorized, false)
    assert.deepEqual(check.granted, [])
    assert.equal(check.leastPrivileged, 'User.Read')
  })

  it('needs one of the AlsoRequires alternatives besides a permission that has them', () => {
    const policies = endpoint('GET', `/applications/${ID}/tokenIssuancePolicies`)
    assert.equal(checkAuthorization(policies, 'Application', ['Policy.Read.All']).isAuthorized, false)
    const withOwnedBy = checkAuthorization(policies, 'Application', ['Policy.Read.All', 'Application.ReadWrite.OwnedBy'])
    assert.equal(withOwnedBy.isAuthorized, true)
    assert.ok(withOwnedBy.granted.includes('Policy.Read.All'))
  })

  it('says not authorised, with nothing accepted, for a scheme the endpoint does not accept', () => {
    const reset = endpoint('POST', `/users/${ID}/authentication/methods/${ID}/resetPassword`)
    const check = checkAuthorization(reset, 'Application', ['UserAuthenticationMethod.ReadWrite.All'])
    assert.deepEqual(check, { scheme: 'Application', isAuthorized: false, granted: [], leastPrivileged: null, accepted: [] })
  })

  it('counts a held resource-specific consent permission as granted', () => {
    const messages = endpoint('GET', `/teams/${ID}/channels/${ID}/messages`)
    const check = checkAuthorization(messages, 'Application', ['ChannelMessage.Read.Group'])
    assert.equal(check.isAuthorized, true)
    assert.deepEqual(check.granted, ['ChannelMessage.Read.Group'])
    assert.ok(!check.accepted.includes('ChannelMessage.Read.Group'))
  })

  it('judges a /me request under delegated schemes only', () => {
    // The data lists Application permissions for /me/calendar/events; Graph rejects /me with app-only tokens.
    const me = endpoint('GET', '/me/calendar/events')
    assert.equal(me.schemes.Application, undefined)
    assert.equal(checkAuthorization(me, 'Application', ['Calendars.Read']).isAuthorized, false)
    assert.ok(me.notes.some((note) => note.includes('/me is only valid with delegated authentication')))
  })
})
