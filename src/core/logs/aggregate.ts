/**
 * The aggregation of log records into a {@link LogState}: every record is counted (weighted by
 * `Count`), each distinct group of calls is diagnosed once. Pure: the caller reads the files and
 * feeds parsed values, rows or HAR exchanges.
 */
import { createDiagnoser, type Diagnoser } from '../diagnose.js'
import type { Exchange } from '../exchange.js'
import { ExchangeCalls } from './exchange-calls.js'
import type { PermissionCatalogue } from '../permissions/types.js'
import type { RawRecord } from './read/fields.js'
import { readRecord, type ActivityRecord, type SigninRecord } from './read/records.js'
import { newSlot, type Slot } from './group-rows.js'
import { countSignin, emptyState, MAX_UNREADABLE_LISTED, nameApp, type InputSummary, type LogState } from './state.js'
import type { SharedVerdict } from './group-judge.js'
import { addActivityRecord, addRawCall } from './activity-calls.js'
import { GroupSlots } from './group-slots.js'

export interface LogAggregatorOptions {
  readonly catalogue?: PermissionCatalogue
  /** Judge token lifetimes (HAR entries) at this time. */
  readonly now?: Date
  /** Repeated HAR failures diagnosed once (default true; false only to check that it changes nothing). */
  readonly memoiseFailures?: boolean
  /**
   * Work that repeats across groups of logged calls done once (default true; false only to check that
   * it changes nothing): every group is then diagnosed on its own (see `GroupJudge`).
   */
  readonly memoise?: boolean
  /**
   * Keep the verdicts of the groups judged here for {@link LogAggregator.takeVerdicts}, and take other
   * aggregators' with {@link LogAggregator.receiveVerdicts} (`logs --workers` threads: a group another
   * thread judged is not judged again).
   */
  readonly shareVerdicts?: boolean
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
  private readonly slots: GroupSlots
  private readonly exchanges: ExchangeCalls
  /** Made on the first HAR exchange (logged groups have the judge's own). */
  private exchangeDiagnoser: Diagnoser | undefined
  private input: InputSummary = { name: '(input)', format: 'unknown', records: 0, unreadable: 0 }

  constructor(options: LogAggregatorOptions = {}) {
    const { catalogue, now } = options
    const diagnoserOptions = { ...(catalogue === undefined ? {} : { permissions: catalogue }), ...(now === undefined ? {} : { now }) }
    this.exchanges = new ExchangeCalls(catalogue, () => (this.exchangeDiagnoser ??= createDiagnoser(diagnoserOptions)), { ...(now === undefined ? {} : { now }), ...(options.memoiseFailures === false ? { memo: false } : {}) })
    this.slots = new GroupSlots(this.state, options)
  }

  /** Start counting the records of one more input. */
  beginInput(name: string, format: string): void {
    this.input = { name, format, records: 0, unreadable: 0 }
    this.state.inputs.push(this.input)
  }

  /** Distinct groups diagnosed so far (each once). */
  get diagnosedGroups(): number {
    return this.slots.judged
  }

  /**
   * One parsed JSON value or CSV row object; `where` names it (`file line 3`) if it cannot be read
   * (a function is called only then: a reader need not build the text for every record).
   */
  addValue(value: unknown, where: string | (() => string)): void {
    if (typeof value === 'object' && value !== null && addRawCall(this.state, this.slots, value as RawRecord, this.input.name)) {
      this.input.records++
      return
    }
    const record = readRecord(value)
    switch (record.kind) {
      case 'activity':
        this.input.records++
        this.addActivity(record)
        return
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

  /** One activity record (its group's slot is made the first time, under `slotKeyOf` when given). */
  addActivity(record: ActivityRecord, slotKeyOf?: string): Slot {
    return addActivityRecord(this.state, this.slots, record, this.input.name, slotKeyOf)
  }

  /** The verdicts judged here since the last call (`shareVerdicts`), for other aggregators' {@link receiveVerdicts}. */
  takeVerdicts(): SharedVerdict[] {
    return this.slots.verdicts.takeShared()
  }

  /** Verdicts other aggregators judged (their {@link takeVerdicts}), taken instead of judging their groups here. */
  receiveVerdicts(verdicts: readonly SharedVerdict[]): void {
    this.slots.verdicts.receiveShared(verdicts)
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
      const slot = newSlot(this.state, call.appId, call.method, call.status, call.verdict, call.held)
      this.slots.count(slot, 1, exchange.startedAt, exchange.startedAt, call.sample)
    }
  }

  private nameApp(appId: string, name: string): void {
    nameApp(this.state, appId, name)
  }
}

function placeOf(where: string | (() => string)): string {
  return typeof where === 'string' ? where : where()
}
