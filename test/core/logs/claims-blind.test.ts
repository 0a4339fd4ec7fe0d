/**
 * A failed logged call with a claims-blind status (`isClaimsBlind`: a failure other than 400, 401 and
 * 403) is judged once per endpoint and token kind, whatever its claims and which of those statuses
 * (group-judge.ts). That holds only if no rule reads the roles, scopes or wids for those statuses, nor
 * tells them apart but in its texts: each is judged here on many endpoints of the snapshot, with
 * varied claims (none, the endpoint's own permissions, broad and unrelated ones, directory roles),
 * every group on its own (no sharing), and each endpoint and kind must give one verdict.
 * A 400 or 401 (`readsOnlyTheCheck`) is judged per endpoint, status, kind and whether the catalogue
 * checks the claims there (`isChecked`): the same claims give one verdict per such class. The same claims change 403 verdicts, and 400 verdicts, so they
 * are varied enough to show a rule that reads them.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadTemplates } from '../../../bench/log-model.mjs'
import { INDEX_PATH } from '../../../bench/log-generator.mjs'
import { GroupJudge, type LoggedGroup } from '../../../src/core/logs/group-judge.js'
import { isChecked, isClaimsBlind, readsOnlyTheCheck } from '../../../src/core/logs/verdict-key.js'
import type { Verdict } from '../../../src/core/logs/verdict.js'
import type { TokenKind } from '../../../src/core/token/types.js'
import { catalogue } from '../rules/helpers.js'

/** Statuses rules name (404, 405, 409, 429, 500 and up) and one no rule names. */
const BLIND_STATUSES = [404, 405, 409, 418, 429, 500, 503]
/** Every how many templates of the snapshot one is judged (the test's time; they are in path order). */
const EVERY = 29
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10'
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1'

interface Endpoint {
  readonly method: string
  readonly url: string
  readonly delegated: readonly string[]
  readonly application: readonly string[]
}

interface Claims {
  readonly kind: TokenKind
  readonly roles: readonly string[]
  readonly scopes: readonly string[]
  readonly wids: readonly string[]
}

async function endpoints(): Promise<Endpoint[]> {
  const templates = await loadTemplates(INDEX_PATH)
  const picked: Endpoint[] = []
  templates.forEach((template, index) => {
    const wanted = index % EVERY === 0 || /^\/(?:me|users\/\{[^}]+\})(?:\/(?:messages|drive|changePassword|authentication\/methods\/\{[^}]+\}\/resetPassword))?$|^\/\$batch$/i.test(template.path)
    if (!wanted) return
    const url = `https://graph.microsoft.com/v1.0${template.path.replace(/\{[^}]+\}/g, '0f8c7d36-3d1b-4c5e-9a57-6ad1d2f3a001')}`
    for (const { method, delegated, application } of template.methods) picked.push({ method, url, delegated, application })
  })
  return picked
}

/** Claims of each kind: none, the endpoint's least and every accepted permission, broad and unrelated ones, directory roles. */
function claimSets(endpoint: Endpoint): Claims[] {
  const app = (roles: readonly string[], wids: readonly string[] = []): Claims => ({ kind: 'app-only', roles, scopes: [], wids })
  const user = (scopes: readonly string[], wids: readonly string[] = []): Claims => ({ kind: 'delegated', roles: [], scopes, wids })
  return [
    app(endpoint.application.slice(0, 1)), app(endpoint.application), app(['Directory.ReadWrite.All']), app(['Mail.Send'], [GLOBAL_ADMIN]),
    user([]), user(endpoint.delegated.slice(0, 1)), user(endpoint.delegated, [GLOBAL_ADMIN, USER_ADMIN]), user(['User.Read', 'openid', 'profile']),
    user(['Directory.AccessAsUser.All'], [USER_ADMIN]),
    { kind: 'unknown' as const, roles: [], scopes: [], wids: [] },
  ].filter((claims) => claims.kind !== 'app-only' || claims.roles.length > 0)
}

function groupOf(endpoint: Endpoint, status: number, claims: Claims, number: number): LoggedGroup {
  return { method: endpoint.method, url: endpoint.url, status, claims: number, source: 'test (group)', tenantId: '8f2c1f7e-1b6a-4c55-9d1e-2a4f3c9b7e10', ...claims }
}

/** Each group judged on its own: no verdict, template or principal shared with another group. */
function judgeAlone(group: LoggedGroup): Verdict {
  return new GroupJudge({ catalogue: catalogue(), memoise: false }).verdict(group)
}

/**
 * The endpoints whose verdicts differ between the `statuses` or between claim sets of one token kind
 * (and, with `byCheck`, of one answer to `isChecked`).
 */
function claimsDependent(all: readonly Endpoint[], statuses: readonly number[], byCheck = false): string[] {
  const dependent: string[] = []
  for (const endpoint of all) {
    const byClass = new Map<string, Verdict>()
    for (const status of statuses) {
      claimSets(endpoint).forEach((claims, number) => {
        const group = groupOf(endpoint, status, claims, number)
        const verdict = judgeAlone(group)
        const kindClass = byCheck ? `${claims.kind} ${isChecked(catalogue(), group, claims)}` : claims.kind
        const first = byClass.get(kindClass)
        if (first === undefined) byClass.set(kindClass, verdict)
        else if (JSON.stringify(first) !== JSON.stringify(verdict)) dependent.push(`${endpoint.method} ${endpoint.url} ${status} ${kindClass}: ${JSON.stringify(first)} against ${JSON.stringify(verdict)}`)
      })
    }
  }
  return dependent
}

describe('failure statuses whose verdict depends on neither the claims nor the status', () => {
  it('counts 0, 400, 401, 403 and successes out, other failures in', () => {
    for (const status of [0, 200, 204, 302, 400, 401, 403]) assert.equal(isClaimsBlind(status), false, String(status))
    for (const status of BLIND_STATUSES) assert.equal(isClaimsBlind(status), true, String(status))
  })

  it('judges every claims-blind status the same on each endpoint and token kind, whatever the claims', async () => {
    const all = await endpoints()
    assert.ok(all.length > 300, `${all.length} endpoints`)
    assert.deepEqual(claimsDependent(all, BLIND_STATUSES), [])
  })

  it('judges a 400 or a 401 the same on each endpoint and token kind for all claims the catalogue checks alike', async () => {
    assert.ok(readsOnlyTheCheck(400) && readsOnlyTheCheck(401) && !readsOnlyTheCheck(403))
    const all = await endpoints()
    for (const status of [400, 401]) assert.deepEqual(claimsDependent(all, [status], true), [], String(status))
  })

  it('varies the claims enough to change verdicts where rules read them (400 and 403)', async () => {
    const all = await endpoints()
    const denied = claimsDependent(all, [403])
    assert.ok(denied.length > all.length / 4, `${denied.length} of ${all.length} endpoints`)
    // A 400 where the token's scheme accepts no grantable permission: a token-type mismatch unless it holds one.
    assert.ok(claimsDependent(all, [400]).length > 0)
  })
})
