/**
 * The hot path of the aggregation: a call record read from its raw fields (Log Analytics or
 * camelCase names, in a diagnostic-settings envelope or not) into the key of its group, without
 * building the record. Most records of a log belong to a group seen before.
 */
import type { RawRecord } from './fields.js'
import { pathShape, uriOrigin } from '../kql/path-shape.js'

/** A call record's raw fields, the time its envelope gave, and its group key (app, method, shape, status, claims). */
export interface RawCall {
  readonly raw: RawRecord
  readonly time: string | undefined
  readonly key: string
}

/**
 * The raw call of a record, or undefined when it is no call record (a sign-in, an unreadable one).
 * `claimsId` numbers the distinct (roles, scopes, wids) texts: the keys stay short however long the
 * claims (memory per group, and the hashing of every record's key).
 */
export function rawCallOf(record: RawRecord, claimsId: (claims: string) => number): RawCall | undefined {
  const properties = record['properties']
  const inEnvelope = record['RequestUri'] === undefined && typeof properties === 'object' && properties !== null
  const raw = inEnvelope ? (properties as RawRecord) : record
  const uri = raw['RequestUri'] ?? raw['requestUri']
  const method = raw['RequestMethod'] ?? raw['requestMethod']
  const status = raw['ResponseStatusCode'] ?? raw['responseStatusCode']
  if (typeof uri !== 'string' || typeof method !== 'string' || (typeof status !== 'number' && typeof status !== 'string')) return undefined
  const shape = `${uriOrigin(uri)} ${pathShape(uri)}`
  const app = String(raw['AppId'] || raw['appId'] || raw['ServicePrincipalId'] || raw['servicePrincipalId'] || '')
  const claims = claimsId(`${String(raw['Roles'] ?? raw['roles'] ?? '')}\u0000${String(raw['Scopes'] ?? raw['scopes'] ?? '')}\u0000${String(raw['Wids'] ?? raw['wids'] ?? '')}`)
  const user = (raw['UserId'] ?? raw['userId'] ?? '') === '' ? '' : 'u'
  return { raw, time: inEnvelope ? rawText(record['time'] ?? record['Time']) : undefined, key: `${app}\u0000${method}\u0000${shape}\u0000${status}\u0000${claims}\u0000${user}` }
}

/** A non-empty text (a number as its text), else undefined. */
export function rawText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  return typeof value === 'number' ? String(value) : undefined
}

/** A `Count` cell: a non-negative number, else 1 (as `readRecord` reads it). */
export function rawWeight(value: unknown): number {
  if (value === undefined) return 1
  const count = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : Number.NaN
  return Number.isFinite(count) && count >= 0 ? count : 1
}
