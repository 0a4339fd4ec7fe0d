/**
 * The hot path of the aggregation: a call record read from its raw fields (Log Analytics or
 * camelCase names, in a diagnostic-settings envelope or not) into the key of its group, without
 * building the record. Most records of a log belong to a group seen before.
 */
import type { RawRecord } from './fields.js'
import { pathShape, uriOrigin } from '../../kql/path-shape.js'
import { ownText } from '../state.js'

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
export function rawCallOf(record: RawRecord, claims: ClaimsNumbers): RawCall | undefined {
  const properties = record['properties']
  const inEnvelope = record['RequestUri'] === undefined && typeof properties === 'object' && properties !== null
  const raw = inEnvelope ? (properties as RawRecord) : record
  const uri = raw['RequestUri'] ?? raw['requestUri']
  const method = raw['RequestMethod'] ?? raw['requestMethod']
  const status = raw['ResponseStatusCode'] ?? raw['responseStatusCode']
  if (typeof uri !== 'string' || typeof method !== 'string' || (typeof status !== 'number' && typeof status !== 'string')) return undefined
  const shape = `${uriOrigin(uri)} ${pathShape(uri)}`
  const app = String(raw['AppId'] || raw['appId'] || raw['ServicePrincipalId'] || raw['servicePrincipalId'] || '')
  const claimsId = claims.ofRaw(app, raw['Roles'] ?? raw['roles'], raw['Scopes'] ?? raw['scopes'], raw['Wids'] ?? raw['wids'])
  const user = (raw['UserId'] ?? raw['userId'] ?? '') === '' ? '' : 'u'
  return { raw, time: inEnvelope ? rawText(record['time'] ?? record['Time']) : undefined, key: `${app}\u0000${method}\u0000${shape}\u0000${status}\u0000${claimsId}\u0000${user}` }
}

/** The last few distinct claims of one app, their raw values as read. */
interface AppClaims {
  readonly roles: unknown
  readonly scopes: unknown
  readonly wids: unknown
  readonly id: number
}

/** Claim sets an app is remembered with (its tokens carry one, or a few directory-role variants). */
const CLAIMS_PER_APP = 8

/**
 * Each distinct claims text by a number: group keys stay short however long the claims. A record's
 * raw roles, scopes and wids are first compared with the last few of its app (most records of an app
 * carry the same ones): no long text is built or hashed for them.
 */
export class ClaimsNumbers {
  private readonly numbers = new Map<string, number>()
  private readonly apps = new Map<string, AppClaims[]>()

  /** The number of a claims text. */
  of(text: string): number {
    let id = this.numbers.get(text)
    if (id === undefined) this.numbers.set(ownText(text), (id = this.numbers.size))
    return id
  }

  /** The number of a record's raw roles, scopes and wids (any values, read as text). */
  ofRaw(app: string, roles: unknown, scopes: unknown, wids: unknown): number {
    let known = this.apps.get(app)
    if (known !== undefined) {
      for (const entry of known) if (entry.roles === roles && entry.scopes === scopes && entry.wids === wids) return entry.id
    } else this.apps.set(ownText(app), (known = []))
    const id = this.of(`${claimText(roles)}\u0000${claimText(scopes)}\u0000${claimText(wids)}`)
    if (known.length >= CLAIMS_PER_APP) known.shift()
    known.push({ roles: ownValue(roles), scopes: ownValue(scopes), wids: ownValue(wids), id })
    return id
  }
}

/**
 * A raw claims value as text: a string as it is, anything else (an array, a number) as JSON behind a
 * mark, so that `["A B"]` and `"A B"` (one role, two roles) never share a number.
 */
function claimText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : `\u0001${JSON.stringify(value) ?? ''}`
}

function ownValue(value: unknown): unknown {
  return typeof value === 'string' ? ownText(value) : value
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
