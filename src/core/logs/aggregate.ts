/**
 * The aggregation of log records into a {@link LogState}: every record is counted (weighted by
 * `Count`), each distinct group of calls is diagnosed once. Pure: the caller reads the files and
 * feeds parsed values, rows or HAR exchanges.
 */
import { createDiagnoser, type Diagnoser } from '../diagnose.js'
import type { Exchange } from '../exchange.js'
import { ExchangeCalls, UNKNOWN_APP } from './exchange-calls.js'
import type { PermissionCatalogue } from '../permissions/types.js'
import { principalKind } from '../token/principal.js'
import type { PermissionScheme } from '../types.js'
import type { RawRecord } from './fields.js'
import { pathShape } from './path-shape.js'
import { rawCallOf, rawText, rawWeight } from './raw-call.js'
import { readRecord, type ActivityRecord, type SigninRecord } from './records.js'
import { addToSet, addToTally, countSignin, emptyState, MAX_UNREADABLE_LISTED, nameApp, type AppRow, type InputSummary, type LogState } from './state.js'
import { judgeLoggedCall, type Verdict } from './verdict.js'

export interface LogAggregatorOptions {
  readonly catalogue?: PermissionCatalogue
  /** Judge token lifetimes (HAR entries) at this time. */
  readonly now?: Date
  /** Repeated HAR failures diagnosed once (default true; false only to check that it changes nothing). */
  readonly memoiseFailures?: boolean
}

/** One (app, group) seen before: its verdict and the rows it counts into. */
interface Slot {
  readonly verdict: Verdict
  readonly app: AppRow
  readonly method: string
  readonly status: number
  readonly failureKey: string | undefined
}


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
  private readonly exchanges: ExchangeCalls
  private input: InputSummary = { name: '(input)', format: 'unknown', records: 0, unreadable: 0 }

  constructor(options: LogAggregatorOptions = {}) {
    this.catalogue = options.catalogue
    this.exchanges = new ExchangeCalls(options.catalogue, () => this.diagnoser, { ...(options.now === undefined ? {} : { now: options.now }), ...(options.memoiseFailures === false ? { memo: false } : {}) })
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
    const call = rawCallOf(record)
    if (call === undefined) return false
    const { raw, time } = call
    const slot = this.slots.get(call.key)
    if (slot === undefined) {
      const parsed = readRecord(time === undefined ? raw : { ...raw, TimeGenerated: raw['TimeGenerated'] ?? raw['timeGenerated'] ?? time })
      if (parsed.kind !== 'activity') return false
      this.addActivity(parsed, call.key)
      return true
    }
    const name = raw['AppDisplayName'] ?? raw['appDisplayName']
    if (typeof name === 'string' && name !== '') this.nameApp(slot.app.appId, name)
    const seen = rawText(raw['TimeGenerated'] ?? raw['timeGenerated']) ?? time
    const sample = rawText(raw['SampleRequestId'] ?? raw['sampleRequestId'] ?? raw['RequestId'] ?? raw['requestId'])
    this.countCall(slot, rawWeight(raw['Count'] ?? raw['count']), rawText(raw['FirstSeen'] ?? raw['firstSeen']) ?? seen, rawText(raw['LastSeen'] ?? raw['lastSeen']) ?? seen, sample)
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
    countSignin(this.state, record)
  }


  /** One exchange of a HAR: diagnosed on its own (it has its real token and bodies). */
  /** One exchange of a HAR: failures diagnosed on their own (real token and bodies), successes only counted. */
  addExchange(exchange: Exchange): void {
    this.input.records++
    if (exchange.unreadable !== undefined) return this.addUnreadable(exchange.source, exchange.unreadable)
    for (const call of this.exchanges.calls(exchange)) {
      if (call.appName !== undefined) this.nameApp(call.appId, call.appName)
      const slot = this.newSlot(call.appId, call.method, call.status, call.verdict, call.held)
      this.countCall(slot, 1, exchange.startedAt, exchange.startedAt, call.sample)
    }
  }

  private nameApp(appId: string, name: string): void {
    nameApp(this.state, appId, name)
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

