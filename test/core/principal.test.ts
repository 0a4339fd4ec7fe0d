import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { diagnoseExchange } from '../../src/core/diagnose.js'
import type { Exchange } from '../../src/core/exchange.js'
import { analysePrincipal, principalKind, type PrincipalClaims } from '../../src/core/token/index.js'
import { catalogue } from './rules/helpers.js'

const GRAPH = 'https://graph.microsoft.com/v1.0'

function logged(method: string, url: string, status: number, principal: PrincipalClaims): Exchange {
  return {
    source: 'activity.jsonl line 1',
    format: 'activity-log',
    request: { method, url, headers: [], headersOmitted: true },
    response: { status, headers: [] },
    principal,
  }
}

const app = (roles: string[]): PrincipalClaims => ({ roles, scopes: [], wids: [], appId: '11111111-1111-1111-1111-111111111111', kind: 'app-only' })

describe('a principal\'s logged claims stand in for a token', () => {
  it('is judged like an app-only token: a role that does not cover the call is permission-missing', () => {
    const result = diagnoseExchange(logged('GET', `${GRAPH}/users/42/messages`, 403, app(['User.Read.All'])), { permissions: catalogue() })
    assert.equal(result.findings[0]?.id, 'permission-missing')
    assert.equal(result.findings[0]?.permission?.scheme, 'Application')
    assert.equal(result.findings[0]?.permission?.leastPrivileged, 'Mail.ReadBasic.All')
    assert.equal(result.token?.form, 'claims')
    assert.equal(result.token?.appId, '11111111-1111-1111-1111-111111111111')
  })

  it('a role that covers the call raises no permission finding, and no header finding (the log has no headers)', () => {
    const result = diagnoseExchange(logged('GET', `${GRAPH}/users/42/messages`, 403, app(['Mail.Read'])), { permissions: catalogue() })
    const ids = result.findings.map((finding) => finding.id)
    assert.ok(!ids.includes('permission-missing'), ids.join())
    assert.ok(!ids.includes('token-missing'), ids.join())
  })

  it('delegated scopes are checked under DelegatedWork', () => {
    const principal: PrincipalClaims = { roles: [], scopes: ['User.Read'], wids: [], kind: 'delegated' }
    const result = diagnoseExchange(logged('GET', `${GRAPH}/users`, 403, principal), { permissions: catalogue() })
    assert.equal(result.findings[0]?.id, 'permission-missing')
    assert.equal(result.findings[0]?.permission?.scheme, 'DelegatedWork')
  })

  it('names directory roles from wids and keeps the kind the log implies', () => {
    const analysis = analysePrincipal({ roles: [], scopes: ['User.Read'], wids: ['62e90394-69f5-4237-9190-012177145e10'], kind: 'delegated' })
    assert.equal(analysis.directoryRoles[0]?.name, 'Global Administrator')
    assert.equal(principalKind([], ['User.Read'], undefined), 'delegated')
    assert.equal(principalKind(['User.Read.All'], [], ''), 'app-only')
    assert.equal(principalKind([], [], 'some-user'), 'delegated')
    assert.equal(principalKind([], [], undefined), 'unknown')
  })
})
