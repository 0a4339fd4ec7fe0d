// A small seeded generator of Microsoft Graph activity-log records in JSON lines (Log Analytics
// column names), for bench/logs.mjs until the shared generator (bench/log-generator.mjs) lands:
// 60 apps with their claims and a few endpoints each, about 88 % successes, 8 % 403, 2 % 401, 2 % 404.
// Synthetic only: fake tenants, apps and users.
import { closeSync, openSync, writeSync } from 'node:fs'
import { GENERATOR_TIME } from './har-generator.mjs'

/** A seeded generator (mulberry32): the same file on every run. */
function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ENDPOINTS = [
  ['GET', '/users'], ['GET', '/users/{u}'], ['GET', '/users/{u}/messages'], ['GET', '/users/{u}/mailFolders/inbox/messages'],
  ['POST', '/users/{u}/sendMail'], ['GET', '/users/{u}/events'], ['GET', '/users/{u}/calendar/events'], ['GET', '/groups'],
  ['GET', '/groups/{g}/members'], ['POST', '/groups/{g}/members/$ref'], ['GET', '/me'], ['GET', '/me/messages'], ['GET', '/me/drive/root/children'],
  ['GET', '/drives/{d}/items/{i}'], ['GET', '/sites/{s}/lists'], ['GET', '/teams/{g}/channels'], ['GET', '/applications'],
  ['GET', '/servicePrincipals/{g}/appRoleAssignedTo'], ['PATCH', '/users/{u}'], ['GET', '/auditLogs/signIns'], ['GET', '/devices'],
  ['GET', '/identity/conditionalAccess/policies'], ['GET', '/users/{u}/memberOf'], ['GET', '/organization'], ['GET', '/subscribedSkus'],
]
const ROLE_SETS = [['User.Read.All'], ['Directory.Read.All'], ['Mail.Read'], ['Directory.ReadWrite.All'], ['Group.Read.All', 'User.Read.All'], ['Sites.Read.All'], ['Application.Read.All']]
const SCOPE_SETS = [['User.Read', 'openid', 'profile'], ['Mail.Read', 'User.Read'], ['Files.Read', 'User.Read'], ['Calendars.Read']]

function guid(next) {
  const hex = () => Math.floor(next() * 0x100000000).toString(16).padStart(8, '0')
  const a = hex(), b = hex(), c = hex(), d = hex()
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${c.slice(1, 4)}-${c.slice(4)}${d}`
}

/** 60 apps, each with its claims and 4–12 endpoints; statuses about 88 % 2xx, 8 % 403, 2 % 401, 2 % 404. */
function apps(next) {
  return Array.from({ length: 60 }, (_, index) => {
    const delegated = index % 3 === 0
    const endpoints = ENDPOINTS.filter(() => next() < 0.35).slice(0, 12)
    return {
      id: guid(next), delegated,
      roles: delegated ? '' : (ROLE_SETS[index % ROLE_SETS.length] ?? []).join(' '),
      scopes: delegated ? (SCOPE_SETS[index % SCOPE_SETS.length] ?? []).join(' ') : '',
      endpoints: endpoints.length > 0 ? endpoints : [ENDPOINTS[0]],
    }
  })
}

/** Write `records` activity-log records in JSON lines; returns the byte count. */
export function writeActivity(file, records, seed = 7) {
  const next = random(seed)
  const all = apps(next)
  const users = Array.from({ length: 500 }, () => guid(next))
  const fd = openSync(file, 'w')
  let bytes = 0
  let batch = []
  for (let n = 0; n < records; n++) {
    const app = all[Math.floor(next() * all.length)]
    const [method, template] = app.endpoints[Math.floor(next() * app.endpoints.length)]
    const roll = next()
    const status = roll < 0.88 ? (method === 'POST' ? 202 : 200) : roll < 0.96 ? 403 : roll < 0.98 ? 401 : 404
    const path = template.replace('{u}', users[n % users.length]).replace(/\{[gdis]\}/g, () => guid(next))
    const time = new Date((GENERATOR_TIME + n) * 1000).toISOString()
    batch.push(JSON.stringify({
      TenantId: 'aaaaaaaa-0000-4000-8000-000000000001', TimeGenerated: time, Location: 'West Europe', RequestId: guid(next), OperationId: guid(next),
      ClientRequestId: guid(next), ApiVersion: 'v1.0', RequestMethod: method, ResponseStatusCode: status, AadTenantId: 'bbbbbbbb-0000-4000-8000-000000000002',
      IPAddress: `10.0.${n % 256}.${(n >> 8) % 256}`, UserAgent: 'Microsoft Graph SDK', RequestUri: `https://graph.microsoft.com/v1.0${path}`, DurationMs: 40 + (n % 300),
      ResponseSizeBytes: 1200 + (n % 5000), SignInActivityId: 'x', Roles: app.roles, TokenIssuedAt: time, AppId: app.id, UserId: app.delegated ? users[(n * 7) % users.length] : '',
      ServicePrincipalId: app.delegated ? '' : app.id, Scopes: app.scopes, IdentityProvider: '', ClientAuthMethod: app.delegated ? 0 : 2, Wids: app.delegated ? 'b79fbf4d-3ef9-4689-8143-76b194e85509' : '0997a1d0-0d1d-4acb-b408-d5ca73121e90',
      Type: 'MicrosoftGraphActivityLogs',
    }))
    if (batch.length === 2000) {
      const text = `${batch.join('\n')}\n`
      bytes += writeSync(fd, text)
      batch = []
    }
  }
  if (batch.length > 0) bytes += writeSync(fd, `${batch.join('\n')}\n`)
  closeSync(fd)
  return bytes
}

