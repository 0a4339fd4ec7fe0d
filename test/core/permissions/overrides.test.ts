import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { applicationAlias, findPropertyRule } from '../../../src/core/permissions/index.js'

describe('findPropertyRule', () => {
  it('asks for User-PasswordProfile.ReadWrite.All and a directory role when PATCH /users/{id} sets passwordProfile', () => {
    const rule = findPropertyRule('PATCH', '/users/{id}', ['accountEnabled', 'passwordProfile'])
    assert.ok(rule !== undefined)
    assert.equal(rule.property, 'passwordProfile')
    assert.deepEqual(rule.permissions, ['User-PasswordProfile.ReadWrite.All'])
    assert.deepEqual(rule.directoryRoles, ['User Administrator', 'Privileged Authentication Administrator'])
    assert.match(rule.source, /^https:\/\/learn\.microsoft\.com\/graph\/api\/user-update/)
  })

  it('matches /me, real request paths and full URLs, case-insensitively', () => {
    assert.ok(findPropertyRule('patch', '/me', ['PasswordProfile']) !== undefined)
    assert.ok(findPropertyRule('PATCH', 'https://graph.microsoft.com/v1.0/users/a@contoso.com', ['passwordProfile']) !== undefined)
    assert.ok(findPropertyRule('PATCH', "/users('a@contoso.com')", ['passwordProfile']) !== undefined)
  })

  it('does not apply to other properties, methods or paths', () => {
    assert.equal(findPropertyRule('PATCH', '/users/{id}', ['displayName']), undefined)
    assert.equal(findPropertyRule('POST', '/users', ['passwordProfile']), undefined)
    assert.equal(findPropertyRule('PATCH', '/users/{id}/manager', ['passwordProfile']), undefined)
  })
})

describe('applicationAlias', () => {
  const appRoles = new Set(['calendars.readbasic.all', 'mail.read', 'foo.read.all'])
  const isAppRole = (name: string): boolean => appRoles.has(name.toLowerCase())

  it('maps Calendars.ReadBasic to Calendars.ReadBasic.All, with or without the GUID tables', () => {
    assert.equal(applicationAlias('Calendars.ReadBasic', isAppRole)?.to, 'Calendars.ReadBasic.All')
    assert.equal(applicationAlias('Calendars.ReadBasic', undefined)?.to, 'Calendars.ReadBasic.All')
  })

  it('aliases X to X.All only when X is no app role and X.All is', () => {
    assert.equal(applicationAlias('Foo.Read', isAppRole)?.to, 'Foo.Read.All')
    assert.equal(applicationAlias('Mail.Read', isAppRole), undefined)
    assert.equal(applicationAlias('Bar.Read', isAppRole), undefined)
  })
})
