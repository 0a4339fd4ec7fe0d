// One synthetic record at a time for bench/log-generator.mjs: Graph activity-log records in Log Analytics
// column names (and as the storage-account envelope's properties) and sign-in records. Fake data only.
import { ROLE_TEMPLATES, guid, pick, pickSkewed } from './log-model.mjs'

/** 2026-11-16T00:00:00Z: the generated week starts here. */
export const WEEK_START = Date.UTC(2026, 10, 16)
const WEEK_MS = 7 * 24 * 3600 * 1000
const GRAPH_APP = '00000003-0000-0000-c000-000000000000'
const FIRST_NAMES = ['ada', 'grace', 'alan', 'katherine', 'edsger', 'barbara', 'donald', 'margaret', 'linus', 'radia']

const base32 = (random, length) => Array.from({ length }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Math.floor(random() * 32)]).join('')
const base64 = (random, length) => Array.from({ length }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[Math.floor(random() * 64)]).join('')
const digits = (random, length) => Array.from({ length }, () => Math.floor(random() * 10)).join('')
const upn = (random) => `${pick(random, FIRST_NAMES)}.${digits(random, 3)}@contoso.example`

/** A value for the `{id}` after `previous` (ids look like the real ones of that collection). */
function idFor(previous, random) {
  if (previous === 'users' && random() < 0.4) return upn(random)
  if (/messages|mailfolders|events|calendars|contacts/.test(previous)) return `AAMk${base64(random, 60)}${digits(random, 4)}AAA=`
  if (previous === 'items' || previous === 'children') return `01${base32(random, 24)}${digits(random, 6)}`
  if (previous === 'sites') return `contoso.sharepoint.com,${guid(random)},${guid(random)}`
  if (/chats|channels/.test(previous)) return `19:${base64(random, 20)}${digits(random, 4)}@thread.v2`
  if (/replies|items|chatmessages/.test(previous) || previous === 'messages') return digits(random, 13)
  if (/tasks|plans|buckets/.test(previous)) return `${base64(random, 16)}${digits(random, 4)}${base64(random, 8)}`
  return guid(random)
}

/** A concrete request path for a template: ids filled in, sometimes a query. */
export function concretePath(template, random) {
  const segments = template.split('/')
  const filled = segments.map((segment, index) => {
    const previous = segments[index - 1] ?? ''
    if (previous.endsWith(':') && /^\{[A-Za-z]+\}:?$/.test(segment)) return `Shared%20Documents/report-${digits(random, 3)}.docx${segment.endsWith(':') ? ':' : ''}`
    if (/^\{[A-Za-z]+\}$/.test(segment)) return idFor(previous, random)
    return segment.replace(/\{value\}/g, () => `'${pick(random, ['D7', 'A1', 'reviewer', 'Sheet1'])}'`).replace(/\{[A-Za-z]+\}/g, () => guid(random))
  })
  const query = random() < 0.25 ? pick(random, ['?$select=id,displayName', '?$top=50', '?$filter=startswith(displayName,%27a%27)&$count=true', '?$expand=members']) : ''
  return filled.join('/') + query
}

function statusFor(call, app, random) {
  const hasGrant = call.grants.some((grant) => app.permissions.includes(grant))
  const roll = random()
  if (!hasGrant) return roll < 0.9 ? 403 : 404
  if (roll < 0.015) return 401
  if (roll < 0.04) return 400
  if (roll < 0.07) return 404
  if (roll < 0.085) return 429
  if (call.method === 'POST') return 201
  if (call.method === 'PATCH' || call.method === 'DELETE') return 204
  return 200
}

/** The `n`-th activity record of the generated week (Log Analytics column names). */
export function activityRecord(n, total, tenant, random) {
  const app = pickSkewed(random, tenant.apps)
  const call = pickSkewed(random, app.calls)
  const status = statusFor(call, app, random)
  const time = WEEK_START + Math.floor(((n + random()) / total) * WEEK_MS)
  const delegated = app.scheme === 'delegated'
  const requestId = guid(random)
  const version = random() < 0.8 ? 'v1.0' : 'beta'
  return {
    TimeGenerated: new Date(time).toISOString(),
    Type: 'MicrosoftGraphActivityLogs',
    TenantId: tenant.workspaceId,
    AadTenantId: tenant.tenantId,
    RequestId: requestId,
    OperationId: requestId,
    ClientRequestId: guid(random),
    ApiVersion: version,
    RequestMethod: call.method,
    RequestUri: `https://graph.microsoft.com/${version}${concretePath(call.path, random)}`,
    ResponseStatusCode: status,
    ResponseSizeBytes: status < 300 ? 200 + Math.floor(random() * 40000) : 180 + Math.floor(random() * 200),
    DurationMs: 20 + Math.floor(random() ** 3 * 3000),
    AppId: app.appId,
    ServicePrincipalId: app.servicePrincipalId,
    UserId: delegated ? guid(random) : '',
    Roles: delegated ? '' : app.permissions.join(' '),
    Scopes: delegated ? app.permissions.join(' ') : '',
    Wids: delegated ? (random() < 0.1 ? `${pick(random, ROLE_TEMPLATES)},b79fbf4d-3ef9-4689-8143-76b194e85509` : 'b79fbf4d-3ef9-4689-8143-76b194e85509') : '0997a1d0-0d1d-4acb-b408-d5ca73121e90',
    ClientAuthMethod: app.clientAuthMethod,
    IPAddress: `203.0.113.${Math.floor(random() * 254) + 1}`,
    UserAgent: pick(random, ['Microsoft Office/16.0', 'msgraph-javascript-sdk/3.0.7', 'Kiota/1.0 dotnet', 'PowerShell/7.4 Microsoft.Graph/2.25', 'python-requests/2.32']),
    Location: pick(random, ['West Europe', 'North Europe', 'East US', 'West US 2']),
    SignInActivityId: base64(random, 22),
    TokenIssuedAt: new Date(time - Math.floor(random() * 3_000_000)).toISOString(),
    UniqueTokenId: base64(random, 22),
    IdentityProvider: `https://sts.windows.net/${tenant.tenantId}/`,
    SessionId: delegated ? guid(random) : '',
    DeviceId: '',
  }
}

const lowerFirst = (name) => name[0].toLowerCase() + name.slice(1)

/** The diagnostic-settings envelope's record for an activity record (storage accounts, Event Hubs). */
export function storageRecord(record) {
  const properties = {}
  for (const [key, value] of Object.entries(record)) {
    if (key === 'Type' || key === 'TenantId') continue
    properties[lowerFirst(key)] = value
  }
  properties.tenantId = record.AadTenantId
  return {
    time: record.TimeGenerated,
    resourceId: `/TENANTS/${record.AadTenantId}/PROVIDERS/MICROSOFT.AADIAM`,
    operationName: 'Microsoft Graph Activity',
    operationVersion: record.ApiVersion,
    category: 'MicrosoftGraphActivityLogs',
    resultSignature: String(record.ResponseStatusCode),
    durationMs: record.DurationMs,
    callerIpAddress: record.IPAddress,
    correlationId: record.ClientRequestId,
    level: 'Informational',
    location: record.Location,
    properties,
  }
}
