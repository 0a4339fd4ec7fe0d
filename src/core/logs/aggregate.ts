/**
 * The aggregation of log records into a {@link LogState}: every record is counted (weighted by
 * `Count`), each distinct group of calls is diagnosed once. Pure: the caller reads the files and
 * feeds parsed values, rows or HAR exchanges.
 */
import { createDiagnoser, type Diagnoser } from '../diagnose.js'
import type { Exchange } from '../exchange.js'
import type { PermissionCatalogue } from '../permissions/types.js'
import { principalKind } from '../token/principal.js'
import type { PermissionScheme } from '../types.js'
import type { RawRecord } from './fields.js'
import { pathShape, shapeOfPath } from './path-shape.js'
import { readRecord, type ActivityRecord, type SigninRecord } from './records.js'
import { addBounded, addToSet, addToTally, emptyState, MAX_UNREADABLE_LISTED, type AppRow, type InputSummary, type LogState } from './state.js'
import { judgeLoggedCall, schemeOfKind, templateOf, verdictOf, type Verdict } from './verdict.js'

export interface LogAggregatorOptions {
  readonly catalogue?: PermissionCatalogue
  /** Judge token lifetimes (HAR entries) at this time. */
  readonly now?: Date
}

/** One (app, group) seen before: its verdict and the rows it counts into. */
interface Slot {
  readonly verdict: Verdict
  readonly app: AppRow
  readonly method: string
  readonly status: number
  readonly failureKey: string | undefined
}

/** Apps without an id in the log (a HAR's opaque token, a record without AppId). */
export const UNKNOWN_APP = '(unknown app)'

/**
 * @example
 * const aggregator = new LogAggregator({ catalogue })
 * aggregator.beginInput('activity.jsonl', 'json-lines')
 * aggregator.addValue(JSON.parse(line), 'activity.jsonl line 1')
 * aggregator.state.totals.calls // 1
 */
export class LogAggregator {
  readonly state: LogState = emptyState()
  private readonly catalogue: PermissionCatalogue | undefined
  private readonly diagnoser: Diagnoser
  private readonly verdicts = new Map<string, Verdict>()
  private readonly slots = new Map<string, Slot>()
  private input: InputSummary = { name: '(input)', format: 'unknown', records: 0, unreadable: 0 }

  constructor(options: LogAggregatorOptions = {}) {
    this.catalogue = options.catalogue
    this.diagnoser = createDiagnoser({ ...(options.catalogue === undefined ? {} : { permissions: options.catalogue }), ...(options.now === undefined ? {} : { now: options.now }) })
  }

  /** Start counting the records of one more input. */
  beginInput(name: string, format: string): void {
    this.input = { name, format, records: 0, unreadable: 0 }
    this.state.inputs.push(this.input)
  }

  /** Distinct groups diagnosed so far (each once). */
  get diagnosedGroups(): number {
    return this.verdicts.size
  }

  /** One parsed JSON value or CSV row object; `where` names it (`file line 3`) if it cannot be read. */
  addValue(value: unknown, where: string): void {
    if (typeof value === 'object' && value !== null && this.addKnownCall(value as RawRecord)) {
      this.input.records++
      return
    }
    const record = readRecord(value)
    switch (record.kind) {
      case 'activity':
        this.input.records++
        return this.addActivity(record)
      case 'signin':
        this.input.records++
        return this.addSignin(record)
      case 'envelope':
      case 'page':
        record.records.forEach((inner, index) => this.addValue(inner, `${where} record ${index + 1}`))
        return
      case 'unreadable':
        return this.addUnreadable(where, record.reason)
    }
  }

  /** A record that could not be read: counted, and listed (up to a limit) with its place. */
  addUnreadable(where: string, reason: string): void {
    this.input.unreadable++
    this.state.totals.unreadable++
    const list = this.state.unreadable
    const entry = { source: where, reason }
    if (list.length < MAX_UNREADABLE_LISTED) list.push(entry)
  }

  /**
   * The hot path: a call record of a group seen before is counted from its raw fields, without
   * building the record (most records of a log are such). False when the record is not one.
   */
  private addKnownCall(record: RawRecord): boolean {
    const properties = record['properties']
    const inEnvelope = record['RequestUri'] === undefined && typeof properties === 'object' && properties !== null
    const raw = inEnvelope ? (properties as RawRecord) : record
    const time = inEnvelope ? rawText(record['time'] ?? record['Time']) : undefined
    const uri = raw['RequestUri'] ?? raw['requestUri']
    const method = raw['RequestMethod'] ?? raw['requestMethod']
    const status = raw['ResponseStatusCode'] ?? raw['responseStatusCode']
    if (typeof uri !== 'string' || typeof method !== 'string' || (typeof status !== 'number' && typeof status !== 'string')) return false
    const scheme = uri.indexOf('://')
    const shape = shapeOfPath(uri, scheme === -1 ? 0 : pathStart(uri, scheme))
    const key = `${String(raw['AppId'] || raw['appId'] || raw['ServicePrincipalId'] || raw['servicePrincipalId'] || '')}\u0000${method}\u0000${shape}\u0000${status}\u0000${String(raw['Roles'] ?? raw['roles'] ?? '')}\u0000${String(raw['Scopes'] ?? raw['scopes'] ?? '')}\u0000${String(raw['Wids'] ?? raw['wids'] ?? '')}\u0000${(raw['UserId'] ?? raw['userId'] ?? '') === '' ? '' : 'u'}`
    const slot = this.slots.get(key)
    if (slot === undefined) {
      const record = readRecord(time === undefined ? raw : { ...raw, TimeGenerated: raw['TimeGenerated'] ?? raw['timeGenerated'] ?? time })
      if (record.kind !== 'activity') return false
      this.addActivity(record, key)
      return true
    }
    const name = raw['AppDisplayName'] ?? raw['appDisplayName']
    if (typeof name === 'string' && name !== '') this.nameApp(slot.app.appId, name)
    const count = raw['Count'] ?? raw['count']
    const seen = rawText(raw['TimeGenerated'] ?? raw['timeGenerated']) ?? time
    this.countCall(slot, count === undefined ? 1 : weightOf(count), rawText(raw['FirstSeen'] ?? raw['firstSeen']) ?? seen, rawText(raw['LastSeen'] ?? raw['lastSeen']) ?? seen, rawText(raw['SampleRequestId'] ?? raw['sampleRequestId'] ?? raw['RequestId'] ?? raw['requestId']))
    return true
  }

  addActivity(record: ActivityRecord, slotKeyOf?: string): void {
    const appId = record.appId ?? record.servicePrincipalId ?? UNKNOWN_APP
    const kind = principalKind(record.roles, record.scopes, record.userId)
    const url = record.uri.charCodeAt(0) === 0x2f ? `https://graph.microsoft.com${record.uri}` : record.uri
    const { shape } = pathShape(url)
    const group = `${record.method} ${shape} ${record.status} ${kind} ${record.roles.join(' ')}|${record.scopes.join(' ')}|${record.wids.join(',')}`
    const slotKey = slotKeyOf ?? `${appId} ${group}`
    let slot = this.slots.get(slotKey)
    if (slot === undefined) {
      let verdict = this.verdicts.get(group)
      if (verdict === undefined) {
        const principal = { roles: record.roles, scopes: record.scopes, wids: record.wids, kind, ...(record.tenantId === undefined ? {} : { tenantId: record.tenantId }) }
        verdict = judgeLoggedCall(this.diagnoser, this.catalogue, { method: record.method, url: `${pathShape(url).origin}${shape}`, status: record.status, principal, source: `${this.input.name} (group)` })
        this.verdicts.set(group, verdict)
      }
      slot = this.newSlot(appId, record.method, record.status, verdict, [...record.roles, ...record.scopes])
      this.slots.set(slotKey, slot)
    }
    if (record.appName !== undefined) this.nameApp(appId, record.appName)
    this.countCall(slot, record.count, record.firstSeen, record.lastSeen, record.sampleId)
  }

  addSignin(record: SigninRecord): void {
    const totals = this.state.totals
    if (record.appId !== undefined && record.appName !== undefined) this.nameApp(record.appId, record.appName)
    totals.signins += record.count
    if (record.errorCode === 0) return
    totals.failedSignins += record.count
    const key = String(record.errorCode)
    const row = (this.state.signins[key] ??= { code: record.errorCode, count: 0, samples: [], apps: [] })
    addToTally(row, record.count, record.firstSeen, record.lastSeen, record.sampleId)
    if (record.description !== undefined && (row.description === undefined || record.description < row.description)) row.description = record.description
    if (record.appId !== undefined) addBounded(row.apps, record.appId, 20)
  }

  /** One exchange of a HAR: diagnosed on its own (it has its real token and bodies). */
  addExchange(exchange: Exchange): void {
    this.input.records++
    if (exchange.unreadable !== undefined) return this.addUnreadable(exchange.source, exchange.unreadable)
    for (const result of this.diagnoser.diagnose(exchange)) {
      if (result.request.method === null || result.request.url === null || result.status === null) continue
      const token = result.token
      const kind = token?.kind ?? 'unknown'
      const template = templateOf(this.catalogue, result.request.method, result.request.url)
      const verdict = verdictOf(result, result.status, template, schemeOfKind(kind))
      const appId = token?.appId ?? UNKNOWN_APP
      if (token?.appName !== undefined) this.nameApp(appId, token.appName)
      const slot = this.newSlot(appId, result.request.method.toUpperCase(), result.status, verdict, [...(token?.roles ?? []), ...(token?.scopes ?? [])])
      this.countCall(slot, 1, exchange.startedAt, exchange.startedAt, exchange.batch?.requestId)
    }
  }

  private nameApp(appId: string, name: string): void {
    const known = this.state.appNames[appId]
    if (known === undefined || name < known) this.state.appNames[appId] = name
  }

  private newSlot(appId: string, method: string, status: number, verdict: Verdict, held: readonly string[]): Slot {
    const app = (this.state.apps[appId] ??= { appId, calls: 0, failures: 0, held: {}, succeeded: {} })
    const scheme = verdict.scheme
    if (scheme !== null) for (const name of held) addToSet(listOf(app.held, scheme), name)
    if (!verdict.failed && scheme !== null) addToSet(listOf(app.succeeded, scheme), `${method} ${verdict.template}`)
    if (!verdict.failed || verdict.cause === null) return { verdict, app, method, status, failureKey: undefined }
    const failureKey = [appId, verdict.cause, method, verdict.template, status, verdict.missing ?? ''].join('\u0000')
    return { verdict, app, method, status, failureKey }
  }

  private countCall(slot: Slot, count: number, first: string | undefined, last: string | undefined, sample: string | undefined): void {
    const totals = this.state.totals
    totals.calls += count
    slot.app.calls += count
    if (slot.failureKey === undefined) return
    totals.failedCalls += count
    slot.app.failures += count
    const { verdict, app, method, status } = slot
    const row = (this.state.failures[slot.failureKey] ??= {
      appId: app.appId, cause: verdict.cause ?? '', severity: verdict.severity, method, template: verdict.template,
      status, missing: verdict.missing, scheme: verdict.scheme, count: 0, samples: [],
    })
    addToTally(row, count, first, last, sample)
  }
}

function listOf(map: Partial<Record<PermissionScheme, string[]>>, scheme: PermissionScheme): string[] {
  return (map[scheme] ??= [])
}

function pathStart(uri: string, scheme: number): number {
  const slash = uri.indexOf('/', scheme + 3)
  return slash === -1 ? uri.length : slash
}

function rawText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  return typeof value === 'number' ? String(value) : undefined
}

/** A `Count` cell: a non-negative number, else 1 (as {@link readRecord} reads it). */
function weightOf(value: unknown): number {
  const count = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : Number.NaN
  return Number.isFinite(count) && count >= 0 ? count : 1
}
