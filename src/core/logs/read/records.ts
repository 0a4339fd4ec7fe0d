/**
 * One log record, whatever export it came from, as the aggregation reads it: a Graph call from an
 * activity log, or a sign-in. Group rows (a KQL or DuckDB pre-aggregation) carry `Count`,
 * `FirstSeen`, `LastSeen` and `SampleRequestId`; a plain record counts once.
 */
import { field, listField, numberField, textField, type RawRecord } from './fields.js'

/** The weight of a record: how many calls or sign-ins it stands for, and when and which. */
export interface Weight {
  readonly count: number
  readonly firstSeen?: string
  readonly lastSeen?: string
  readonly sampleId?: string
}

/** A Microsoft Graph call from an activity log (or a group of identical ones). */
export interface ActivityRecord extends Weight {
  readonly kind: 'activity'
  readonly method: string
  readonly uri: string
  readonly status: number
  readonly appId?: string
  readonly appName?: string
  readonly servicePrincipalId?: string
  readonly userId?: string
  readonly tenantId?: string
  readonly roles: readonly string[]
  readonly scopes: readonly string[]
  readonly wids: readonly string[]
}

/** A sign-in (interactive, non-interactive or service principal), from Graph or Log Analytics. */
export interface SigninRecord extends Weight {
  readonly kind: 'signin'
  /** The AADSTS number; 0 is a success. */
  readonly errorCode: number
  readonly description?: string
  readonly appId?: string
  readonly appName?: string
  readonly resource?: string
  readonly conditionalAccess?: string
}

/** What one parsed JSON value or CSV row turned out to be. */
export type ReadRecord =
  | ActivityRecord
  | SigninRecord
  /** A diagnostic-settings envelope `{"records":[…]}`: its records, to be read one by one. */
  | { readonly kind: 'envelope'; readonly records: readonly unknown[] }
  /** A Graph page `{"value":[…]}` (e.g. `/auditLogs/signIns`). */
  | { readonly kind: 'page'; readonly records: readonly unknown[] }
  | { readonly kind: 'unreadable'; readonly reason: string }

/**
 * Classify one record by its fields. Never throws.
 *
 * @example
 * readRecord({ RequestMethod: 'GET', RequestUri: '/v1.0/me', ResponseStatusCode: 403 }).kind // 'activity'
 */
export function readRecord(value: unknown): ReadRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'unreadable', reason: 'not a JSON object' }
  const record = value as RawRecord
  const uri = textField(record, 'RequestUri')
  if (uri !== undefined) return activityOf(record, uri)
  if (Array.isArray(record['records'])) return { kind: 'envelope', records: record['records'] }
  const properties = record['properties']
  if (typeof properties === 'object' && properties !== null && textField(properties as RawRecord, 'RequestUri') !== undefined) {
    return activityOf(properties as RawRecord, textField(properties as RawRecord, 'RequestUri') ?? '', record)
  }
  const signin = signinOf(record)
  if (signin !== undefined) return signin
  if (Array.isArray(record['value'])) return { kind: 'page', records: record['value'] }
  return { kind: 'unreadable', reason: 'neither a Graph activity-log record (no RequestUri) nor a sign-in (no ResultType or status.errorCode)' }
}

function activityOf(record: RawRecord, uri: string, envelope?: RawRecord): ActivityRecord | { kind: 'unreadable'; reason: string } {
  const method = textField(record, 'RequestMethod')
  const status = numberField(record, 'ResponseStatusCode')
  if (method === undefined) return { kind: 'unreadable', reason: 'RequestMethod is missing' }
  if (status === undefined) return { kind: 'unreadable', reason: 'ResponseStatusCode is missing or not a number' }
  const time = textField(record, 'TimeGenerated') ?? (envelope === undefined ? undefined : textField(envelope, 'Time'))
  // Built field by field (the first record of every new group comes here): the same fields, in the same order, as weightOf + withDefined.
  const result: Record<string, unknown> = { kind: 'activity', method: method.toUpperCase(), uri, status, roles: listField(record, 'Roles'), scopes: listField(record, 'Scopes'), wids: listField(record, 'Wids') }
  const count = numberField(record, 'Count')
  result['count'] = count === undefined || count < 0 ? 1 : count
  setDefined(result, 'firstSeen', textField(record, 'FirstSeen') ?? time)
  setDefined(result, 'lastSeen', textField(record, 'LastSeen') ?? time)
  setDefined(result, 'sampleId', textField(record, 'SampleRequestId') ?? textField(record, 'RequestId'))
  setDefined(result, 'appId', textField(record, 'AppId'))
  setDefined(result, 'appName', textField(record, 'AppDisplayName'))
  setDefined(result, 'servicePrincipalId', textField(record, 'ServicePrincipalId'))
  setDefined(result, 'userId', textField(record, 'UserId'))
  setDefined(result, 'tenantId', textField(record, 'AadTenantId') ?? textField(record, 'TenantId'))
  return result as unknown as ActivityRecord
}

function setDefined(result: Record<string, unknown>, key: string, value: string | undefined): void {
  if (value !== undefined) result[key] = value
}

function signinOf(record: RawRecord): SigninRecord | undefined {
  const status = field(record, 'Status')
  const nested = typeof status === 'object' && status !== null ? (status as RawRecord) : undefined
  const code = numberField(record, 'ResultType') ?? (nested === undefined ? undefined : numberField(nested, 'ErrorCode'))
  if (code === undefined) return undefined
  const time = textField(record, 'TimeGenerated') ?? textField(record, 'CreatedDateTime')
  const description = textField(record, 'ResultDescription') ?? (nested === undefined ? undefined : textField(nested, 'FailureReason'))
  return withDefined({ kind: 'signin', errorCode: code } as const, {
    ...weightOf(record, time, textField(record, 'CorrelationId') ?? textField(record, 'Id')),
    description,
    appId: textField(record, 'AppId'),
    appName: textField(record, 'AppDisplayName'),
    resource: textField(record, 'ResourceDisplayName') ?? textField(record, 'ResourceIdentity') ?? textField(record, 'ResourceId'),
    conditionalAccess: textField(record, 'ConditionalAccessStatus'),
  })
}

function weightOf(record: RawRecord, time: string | undefined, requestId: string | undefined): Record<string, unknown> {
  const count = numberField(record, 'Count')
  return {
    count: count === undefined || count < 0 ? 1 : count,
    firstSeen: textField(record, 'FirstSeen') ?? time,
    lastSeen: textField(record, 'LastSeen') ?? time,
    sampleId: textField(record, 'SampleRequestId') ?? requestId,
  }
}

/** Add the defined optional fields only (exactOptionalPropertyTypes). */
function withDefined<T extends object, R>(base: T, optional: Record<string, unknown>): R {
  const result = base as Record<string, unknown>
  for (const key in optional) {
    const value = optional[key]
    if (value !== undefined) result[key] = value
  }
  return result as R
}
