import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'
import type { PermissionScheme } from '../../../src/core/types.js'

const catalogue = loadSnapshotCatalogue()
const GRAPH = 'https://graph.microsoft.com/v1.0'
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'

/** Least-privileged per scheme as in the docs tables (permissions-data.md §8); null = scheme not supported. */
type Expected = Record<PermissionScheme, string | null>

const spotChecks: readonly [string, string, Expected][] = [
  ['GET', '/me', { DelegatedWork: 'User.Read', DelegatedPersonal: 'User.Read', Application: null }],
  ['GET', '/users', { DelegatedWork: 'User.ReadBasic.All', DelegatedPersonal: null, Application: 'User.ReadBasic.All' }],
  ['GET', `/users/${ID}/messages`, { DelegatedWork: 'Mail.ReadBasic', DelegatedPersonal: 'Mail.ReadBasic', Application: 'Mail.ReadBasic.All' }],
  ['GET', '/me/messages', { DelegatedWork: 'Mail.ReadBasic', DelegatedPersonal: 'Mail.ReadBasic', Application: null }],
  ['POST', `/users/${ID}/sendMail`, { DelegatedWork: 'Mail.Send', DelegatedPersonal: 'Mail.Send', Application: 'Mail.Send' }],
  ['GET', `/groups/${ID}/members`, { DelegatedWork: 'GroupMember.ReadBasic.All', DelegatedPersonal: null, Application: 'GroupMember.ReadBasic.All' }],
  ['PATCH', `/users/${ID}`, { DelegatedWork: 'User.ReadWrite.All', DelegatedPersonal: 'User.ReadWrite', Application: 'User.ReadWrite.All' }],
  [
    'POST',
    `/users/${ID}/authentication/methods/${ID}/resetPassword`,
    { DelegatedWork: 'UserAuthenticationMethod.ReadWrite.All', DelegatedPersonal: null, Application: null },
  ],
  ['GET', `/sites/${ID}/drive/items/${ID}`, { DelegatedWork: 'Files.Read', DelegatedPersonal: 'Files.Read', Application: 'Files.Read.All' }],
  ['GET', '/security/alerts_v2', { DelegatedWork: 'SecurityAlert.Read.All', DelegatedPersonal: null, Application: 'SecurityAlert.Read.All' }],
  ['GET', '/me/calendar/events', { DelegatedWork: 'Calendars.ReadBasic', DelegatedPersonal: 'Calendars.ReadBasic', Application: null }],
  // The data names Calendars.ReadBasic for Application, which is no app role: our override uses Calendars.ReadBasic.All.
  [
    'GET',
    `/users/${ID}/calendar/events`,
    { DelegatedWork: 'Calendars.ReadBasic', DelegatedPersonal: 'Calendars.ReadBasic', Application: 'Calendars.ReadBasic.All' },
  ],
]

describe('least privilege per scheme (spot checks of permissions-data.md §8)', () => {
  for (const [method, path, expected] of spotChecks) {
    it(`${method} ${path} gives the docs' least-privileged permission per scheme`, () => {
      const endpoint = catalogue.lookup(method, `${GRAPH}${path}`)
      assert.ok(endpoint !== undefined, 'the endpoint is catalogued')
      const actual = {
        DelegatedWork: endpoint.schemes.DelegatedWork?.leastPrivileged ?? null,
        DelegatedPersonal: endpoint.schemes.DelegatedPersonal?.leastPrivileged ?? null,
        Application: endpoint.schemes.Application?.leastPrivileged ?? null,
      }
      assert.deepEqual(actual, expected)
    })
  }

  it('lists the higher-privileged permissions of the docs table after the least-privileged one', () => {
    const drive = catalogue.lookup('GET', `${GRAPH}/sites/${ID}/drive/items/${ID}`)?.schemes.DelegatedWork
    assert.ok(drive !== undefined)
    assert.equal(drive.accepted[0]?.name, 'Files.Read')
    assert.equal(drive.accepted[0]?.isLeast, true)
    assert.deepEqual(
      drive.accepted.slice(1).map((permission) => permission.name).sort(),
      ['Files.Read.All', 'Files.ReadWrite', 'Files.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All'],
    )
    assert.ok(drive.accepted.slice(1).every((permission) => !permission.isLeast))
  })

  it('orders higher-privileged permissions by privilege level, then alphabetically', () => {
    const accepted = catalogue.lookup('GET', `${GRAPH}/users`)?.schemes.Application?.accepted ?? []
    const rest = accepted.slice(1)
    assert.ok(rest.length > 2, `${rest.length} higher-privileged permissions`)
    for (let i = 1; i < rest.length; i++) {
      const previous = rest[i - 1]
      const current = rest[i]
      assert.ok(previous !== undefined && current !== undefined)
      const order = (previous.privilegeLevel ?? 99) - (current.privilegeLevel ?? 99)
      assert.ok(order < 0 || (order === 0 && previous.name.toLowerCase() <= current.name.toLowerCase()), `${previous.name} before ${current.name}`)
    }
  })

  it('keeps resource-specific consent permissions out of the suggestions and marks them', () => {
    const application = catalogue.lookup('GET', `${GRAPH}/teams/${ID}/channels/${ID}/messages`)?.schemes.Application
    assert.ok(application !== undefined)
    assert.ok(!application.accepted.some((permission) => permission.name === 'ChannelMessage.Read.Group'))
    assert.notEqual(application.leastPrivileged, 'ChannelMessage.Read.Group')
    assert.deepEqual(
      application.excluded?.find((permission) => permission.name === 'ChannelMessage.Read.Group'),
      { name: 'ChannelMessage.Read.Group', reason: 'resource-specific-consent' },
    )
  })

  it('attaches scope and app-role GUIDs from the merged tables, keyed by kind', () => {
    const sendMail = catalogue.lookup('POST', `${GRAPH}/users/${ID}/sendMail`)
    assert.equal(sendMail?.schemes.DelegatedWork?.accepted[0]?.id, 'e383f46e-2787-4529-855e-0e479a3ffac0')
    assert.equal(sendMail?.schemes.Application?.accepted[0]?.id, 'b633e1c5-b582-4048-a93e-9f11b44c7e96')
    assert.equal(catalogue.permissionId('Mail.Send', 'application'), 'b633e1c5-b582-4048-a93e-9f11b44c7e96')
    assert.equal(catalogue.permissionId('mail.send', 'delegated'), 'e383f46e-2787-4529-855e-0e479a3ffac0')
    assert.equal(catalogue.permissionId('GroupMember.ReadBasic.All', 'application')?.slice(0, 8), '8222c640')
    assert.equal(catalogue.permissionId('No.Such.Permission', 'delegated'), undefined)
  })

  it('parses AlsoRequires as "any one of" alternatives', () => {
    const application = catalogue.lookup('GET', `${GRAPH}/applications/${ID}/tokenIssuancePolicies`)?.schemes.Application
    const policyRead = application?.accepted.find((permission) => permission.name === 'Policy.Read.All')
    assert.deepEqual([...(policyRead?.alsoRequires ?? [])].sort(), ['Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy'])
  })
})
