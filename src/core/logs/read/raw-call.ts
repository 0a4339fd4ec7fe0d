/**
 * The hot path of the aggregation: a call record read from its raw fields (Log Analytics or
 * camelCase names, in a diagnostic-settings envelope or not) into the numbers of its group's parts,
 * without building the record or a key text. Most records of a log belong to a group seen before.
 */
import type { RawRecord } from './fields.js'
import type { CallNumbers } from '../call-index.js'
import { ownText } from '../state.js'
import { ShapeNumbers } from './shape-numbers.js'

/** A call record's raw fields, the time its envelope gave, and the numbers of its group's parts. */
export interface RawCall extends CallNumbers {
  readonly raw: RawRecord
  readonly time: string | undefined
  readonly appId: string
  readonly methodText: string
  readonly statusValue: number | string
  readonly user: boolean
}

/**
 * Reads call records into {@link RawCall}s: the numbers of app, method, shape, status and claims tell
 * a group seen before without any text being built; {@link keyOf} gives the group's key text (once
 * per new group).
 */
export class RawCallReader {
  private readonly shapes = new ShapeNumbers()
  private readonly methods = new Map<string, number>()
  private readonly statuses = new Map<string, number>()
  private readonly claims: ClaimsNumbers

  constructor(claims: ClaimsNumbers) {
    this.claims = claims
  }

  /** The raw call of a record, or undefined when it is no call record (a sign-in, an unreadable one). */
  read(record: RawRecord): RawCall | undefined {
    const properties = record['properties']
    const inEnvelope = record['RequestUri'] === undefined && typeof properties === 'object' && properties !== null
    const raw = inEnvelope ? (properties as RawRecord) : record
    const uri = raw['RequestUri'] ?? raw['requestUri']
    const method = raw['RequestMethod'] ?? raw['requestMethod']
    const status = raw['ResponseStatusCode'] ?? raw['responseStatusCode']
    if (typeof uri !== 'string' || typeof method !== 'string' || (typeof status !== 'number' && typeof status !== 'string')) return undefined
    const appId = String(raw['AppId'] || raw['appId'] || raw['ServicePrincipalId'] || raw['servicePrincipalId'] || '')
    const app = this.claims.appOf(appId)
    const claims = this.claims.ofRaw(app, raw['Roles'] ?? raw['roles'], raw['Scopes'] ?? raw['scopes'], raw['Wids'] ?? raw['wids'])
    const user = (raw['UserId'] ?? raw['userId'] ?? '') !== ''
    return {
      raw, time: inEnvelope ? rawText(record['time'] ?? record['Time']) : undefined, appId, methodText: method, statusValue: status, user,
      shape: this.shapes.of(uri), app: app.number, method: this.methodNumber(method), status: this.statusNumber(status), claims: claims * 2 + (user ? 1 : 0),
    }
  }

  /** The key text of a call's group (app, method, origin and shape, status, claims, whether a user called). */
  keyOf(call: RawCall): string {
    const claims = call.claims >>> 1
    return `${call.appId}\u0000${call.methodText}\u0000${this.shapes.text(call.shape)}\u0000${call.statusValue}\u0000${claims}\u0000${call.user ? 'u' : ''}`
  }

  private methodNumber(method: string): number {
    let number = this.methods.get(method)
    if (number === undefined) this.methods.set(ownText(method), (number = this.methods.size))
    return number
  }

  /** A status as a number: an integer from 0 to 999 as itself, anything else by its text (`'403'` is the key's `403` too). */
  private statusNumber(status: number | string): number {
    if (typeof status === 'number' && Number.isInteger(status) && status >= 0 && status < 1000) return status
    const text = String(status)
    let number = this.statuses.get(text)
    if (number === undefined) this.statuses.set(ownText(text), (number = 1000 + this.statuses.size))
    return number
  }
}

/** The last few distinct claims of one app, their raw values as read. */
interface AppClaims {
  readonly roles: unknown
  readonly scopes: unknown
  readonly wids: unknown
  readonly id: number
}

/** An app of the log: its number, and the claim sets it was last seen with. */
export interface AppEntry {
  readonly number: number
  readonly claims: AppClaims[]
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
  private readonly texts: string[] = []
  private readonly apps = new Map<string, AppEntry>()

  /** The number of a claims text. */
  of(text: string): number {
    let id = this.numbers.get(text)
    if (id === undefined) {
      const owned = ownText(text)
      this.numbers.set(owned, (id = this.texts.length))
      this.texts.push(owned)
    }
    return id
  }

  /** The claims text of a number (the same in every aggregator, unlike the number). */
  textOf(id: number): string {
    return this.texts[id] ?? ''
  }

  /** An app's entry (its number, and its last few claims), made the first time. */
  appOf(appId: string): AppEntry {
    let app = this.apps.get(appId)
    if (app === undefined) this.apps.set(ownText(appId), (app = { number: this.apps.size, claims: [] }))
    return app
  }

  /** The number of a record's raw roles, scopes and wids (any values, read as text), for its app. */
  ofRaw(app: AppEntry, roles: unknown, scopes: unknown, wids: unknown): number {
    const known = app.claims
    for (const entry of known) if (entry.roles === roles && entry.scopes === scopes && entry.wids === wids) return entry.id
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
