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
import type { RawRecord } from './read/fields.js'
import { pathShape, uriOrigin } from '../kql/path-shape.js'
import { ClaimsNumbers, rawCallOf, rawText, rawWeight } from './read/raw-call.js'
import { readRecord, type ActivityRecord, type SigninRecord } from './read/records.js'
import { countCall, newSlot, type Slot } from './group-rows.js'
import { addToTally, countSignin, emptyState, MAX_UNREADABLE_LISTED, nameApp, ownText, type InputSummary, type LogState } from './state.js'
import { GroupJudge, verdictKey, type LoggedGroup } from './group-judge.js'
import { claimsTextOf, newPendingGroup, pendingClaims, pendingRow, slotKeyOfGroup, type PendingClaims, type PendingGroup, type PendingGroupRow } from './pending-groups.js'
import type { Verdict } from './verdict.js'

/** The origin of a logged path without one (Log Analytics writes full URLs; group rows, paths). */
const GRAPH_ORIGIN = 'https://graph.microsoft.com'

export interface LogAggregatorOptions {
  readonly catalogue?: PermissionCatalogue
  /** Judge token lifetimes (HAR entries) at this time. */
  readonly now?: Date
  /** Repeated HAR failures diagnosed once (default true; false only to check that it changes nothing). */
  readonly memoiseFailures?: boolean
  /**
   * Work that repeats across groups of logged calls done once (default true; false only to check that
   * it changes nothing): every group is then diagnosed on its own (see {@link GroupJudge}).
   */
  readonly memoise?: boolean
  /**
   * Count calls by group without judging them (a `--workers` thread): their rows come out of
   * {@link LogAggregator.takeGroups}, for another aggregator's {@link LogAggregator.addGroups}.
   */
  readonly countLater?: boolean
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
  private readonly diagnoser: Diagnoser
  private readonly judge: GroupJudge
  /** `appId scheme claims` whose permissions the app's row already holds. */
  private readonly heldSeen = new Set<string>()
  /** Each distinct claims text (raw, or as lists) by a number: group keys stay short. */
  private readonly claims = new ClaimsNumbers()
  private readonly slots = new Map<string, Slot | PendingGroup>()
  private readonly countLater: boolean
  /** False: an app's permissions recorded for every group, not once per claim set (see {@link slotOf}). */
  private readonly memoise: boolean
  /** Pending groups' claims by claims number; row claims objects by their number here. */
  private readonly pending = new Map<number, PendingClaims>()
  private readonly rowClaims = new WeakMap<PendingClaims, number>()
  private readonly exchanges: ExchangeCalls
  private input: InputSummary = { name: '(input)', format: 'unknown', records: 0, unreadable: 0 }

  constructor(options: LogAggregatorOptions = {}) {
    this.exchanges = new ExchangeCalls(options.catalogue, () => this.diagnoser, { ...(options.now === undefined ? {} : { now: options.now }), ...(options.memoiseFailures === false ? { memo: false } : {}) })
    this.countLater = options.countLater === true
    this.memoise = options.memoise !== false
    this.judge = new GroupJudge({ ...options, ...(options.memoise === false ? { memoise: false } : {}) })
    this.diagnoser = createDiagnoser({ ...(options.catalogue === undefined ? {} : { permissions: options.catalogue }), ...(options.now === undefined ? {} : { now: options.now }) })
  }

  /** Start counting the records of one more input. */
  beginInput(name: string, format: string): void {
    this.input = { name, format, records: 0, unreadable: 0 }
    this.state.inputs.push(this.input)
  }

  /** Distinct groups diagnosed so far (each once). */
  get diagnosedGroups(): number {
    return this.judge.judged
  }

  /**
   * One parsed JSON value or CSV row object; `where` names it (`file line 3`) if it cannot be read
   * (a function is called only then: a reader need not build the text for every record).
   */
  addValue(value: unknown, where: string | (() => string)): void {
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
        record.records.forEach((inner, index) => this.addValue(inner, `${placeOf(where)} record ${index + 1}`))
        return
      case 'unreadable':
        return this.addUnreadable(placeOf(where), record.reason)
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
    const call = rawCallOf(record, this.claims)
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
    if (typeof name === 'string' && name !== '') this.nameApp(slot.pending === true ? slot.appId : slot.app.appId, name)
    const seen = rawText(raw['TimeGenerated'] ?? raw['timeGenerated']) ?? time
    const sample = rawText(raw['SampleRequestId'] ?? raw['sampleRequestId'] ?? raw['RequestId'] ?? raw['requestId'])
    this.countCall(slot, rawWeight(raw['Count'] ?? raw['count']), rawText(raw['FirstSeen'] ?? raw['firstSeen']) ?? seen, rawText(raw['LastSeen'] ?? raw['lastSeen']) ?? seen, sample)
    return true
  }

  addActivity(record: ActivityRecord, slotKeyOf?: string): void {
    const appId = record.appId ?? record.servicePrincipalId ?? UNKNOWN_APP
    const kind = principalKind(record.roles, record.scopes, record.userId)
    const shape = pathShape(record.uri)
    const url = `${uriOrigin(record.uri) || GRAPH_ORIGIN}${shape.startsWith('/') ? '' : '/'}${shape}`
    const claimsText = claimsTextOf(record.roles, record.scopes, record.wids)
    const claims = this.claims.of(claimsText)
    const slotKey = slotKeyOf ?? slotKeyOfGroup(appId, record.method, url, record.status, kind, claims)
    let slot = this.slots.get(slotKey)
    if (slot === undefined) {
      const { method, status, roles, scopes, wids, tenantId } = record
      const group: LoggedGroup = { method, url, status, kind, claims, roles, scopes, wids, source: `${this.input.name} (group)`, ...(tenantId === undefined ? {} : { tenantId }) }
      slot = this.countLater ? newPendingGroup(appId, group, this.pendingClaimsOf(claims, claimsText, group)) : this.slotOf(appId, group)
      this.slots.set(ownText(slotKey), slot)
    }
    if (record.appName !== undefined) this.nameApp(appId, record.appName)
    this.countCall(slot, record.count, record.firstSeen, record.lastSeen, record.sampleId)
  }

  /**
   * The groups counted so far without a verdict (`countLater`), to be counted by another aggregator
   * with {@link addGroups}: what a `--workers` thread sends back.
   */
  takeGroups(): PendingGroupRow[] {
    const rows: PendingGroupRow[] = []
    for (const slot of this.slots.values()) if (slot.pending === true) rows.push(pendingRow(slot))
    return rows
  }

  /**
   * The first group of each distinct verdict among `rows` (in order), numbered by this aggregator's
   * claims: what must be judged before {@link addGroups} (e.g. split among threads).
   */
  groupsToJudge(rows: readonly PendingGroupRow[]): LoggedGroup[] {
    const groups = new Map<string, LoggedGroup>()
    for (const row of rows) {
      const group = this.groupOfRow(row)
      const key = verdictKey(group)
      if (!groups.has(key)) groups.set(key, group)
    }
    return [...groups.values()]
  }

  /** Judge groups now (they are remembered for {@link addGroups}). */
  judgeGroups(groups: readonly LoggedGroup[]): void {
    for (const group of groups) this.judge.verdict(group)
  }

  /** Verdicts judged elsewhere (by {@link GroupJudge.verdict} of the same groups), taken as this aggregator's own. */
  presetVerdicts(groups: readonly LoggedGroup[], verdicts: readonly Verdict[]): void {
    groups.forEach((group, index) => {
      const verdict = verdicts[index]
      if (verdict !== undefined) this.judge.preset(group, verdict)
    })
  }

  /** Count groups another aggregator counted without verdicts (see {@link takeGroups}), judging each distinct one once. */
  addGroups(rows: readonly PendingGroupRow[]): void {
    for (const row of rows) {
      const group = this.groupOfRow(row)
      const slotKey = slotKeyOfGroup(row.appId, group.method, group.url, group.status, group.kind, group.claims)
      let slot = this.slots.get(slotKey)
      if (slot === undefined) this.slots.set(ownText(slotKey), (slot = this.countLater ? newPendingGroup(row.appId, group, this.pendingClaimsOf(group.claims, row.claims.text, group)) : this.slotOf(row.appId, group)))
      const [sample, ...more] = row.samples
      this.countCall(slot, row.count, row.first, row.last, sample)
      for (const other of more) this.countCall(slot, 0, undefined, undefined, other)
    }
  }

  /** A row's group, its claims numbered by this aggregator (once per claims object: rows share them). */
  private groupOfRow(row: PendingGroupRow): LoggedGroup {
    let claims = this.rowClaims.get(row.claims)
    if (claims === undefined) this.rowClaims.set(row.claims, (claims = this.claims.of(row.claims.text)))
    return { ...row.group, claims, roles: row.claims.roles, scopes: row.claims.scopes, wids: row.claims.wids }
  }

  /** The one owned copy of a claim set's lists that every pending group with it shares. */
  private pendingClaimsOf(claims: number, text: string, group: LoggedGroup): PendingClaims {
    let known = this.pending.get(claims)
    if (known === undefined) this.pending.set(claims, (known = pendingClaims(text, group.roles, group.scopes, group.wids)))
    return known
  }

  private slotOf(appId: string, group: LoggedGroup): Slot {
    const verdict = this.judge.verdict(group)
    // An app's permissions are recorded once per claim set and scheme, not once per group.
    const heldKey = `${appId} ${verdict.scheme ?? ''} ${group.claims}`
    const held = this.memoise && this.heldSeen.has(heldKey) ? [] : [...group.roles, ...group.scopes]
    if (held.length > 0) this.heldSeen.add(ownText(heldKey))
    return this.newSlot(appId, group.method, group.status, verdict, held)
  }

  addSignin(record: SigninRecord): void {
    countSignin(this.state, record)
  }


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
    return newSlot(this.state, appId, method, status, verdict, held)
  }

  private countCall(slot: Slot | PendingGroup, count: number, first: string | undefined, last: string | undefined, sample: string | undefined): void {
    if (slot.pending === true) addToTally(slot.tally, count, first, last, sample)
    else countCall(this.state, slot, count, first, last, sample)
  }
}

function placeOf(where: string | (() => string)): string {
  return typeof where === 'string' ? where : where()
}
