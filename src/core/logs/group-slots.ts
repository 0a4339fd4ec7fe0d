/**
 * The distinct (app, group) slots of an aggregation, each judged once: a slot counts into the state's
 * rows (`group-rows.ts`).
 */
import type { PermissionCatalogue } from '../permissions/types.js'
import { ClaimsNumbers, RawCallReader, type RawCall } from './read/raw-call.js'
import { CallIndex } from './call-index.js'
import { countCall, newSlot, type Slot } from './group-rows.js'
import { ownText, type LogState } from './state.js'
import { GroupJudge, type LoggedGroup } from './group-judge.js'

export interface GroupSlotsOptions {
  readonly catalogue?: PermissionCatalogue
  readonly now?: Date
  /** False: nothing shared across groups (see {@link GroupJudge}), an app's permissions recorded for every group. */
  readonly memoise?: boolean
  /** Keep the verdicts judged for other aggregators, and take theirs (see {@link GroupJudge.takeShared}). */
  readonly shareVerdicts?: boolean
}

/** The slots of one aggregation, keyed by app, method, URL shape, status, token kind and claims number. */
export class GroupSlots {
  /** Each distinct claims text (raw, or as lists) by a number: group keys stay short. */
  readonly claims = new ClaimsNumbers()
  /** Reads call records into the numbers of their groups' parts. */
  readonly calls = new RawCallReader(this.claims)
  /** Slots by the numbers of a raw call's group (each also under its key text in `slots`). */
  private readonly byCall = new CallIndex<Slot>()
  private readonly judge: GroupJudge
  private readonly slots = new Map<string, Slot>()
  /** `appId scheme claims` whose permissions the app's row already holds. */
  private readonly heldSeen = new Set<string>()
  private readonly state: LogState
  private readonly memoise: boolean

  constructor(state: LogState, options: GroupSlotsOptions) {
    this.state = state
    this.memoise = options.memoise !== false
    this.judge = new GroupJudge({ ...options, ...(options.shareVerdicts === true ? { claimsText: (claims: number) => this.claims.textOf(claims) } : {}) })
  }

  /** The judge's verdicts for other aggregators, and theirs for it (`shareVerdicts`). */
  get verdicts(): Pick<GroupJudge, 'takeShared' | 'receiveShared'> {
    return this.judge
  }

  /** Distinct groups judged so far (each once). */
  get judged(): number {
    return this.judge.judged
  }

  /** The slot of a key seen before. */
  find(key: string): Slot | undefined {
    return this.slots.get(key)
  }

  /** The slot of a raw call whose group was seen before (see {@link rememberCall}). */
  findCall(call: RawCall): Slot | undefined {
    return this.byCall.get(call)
  }

  /** Remember the slot of a raw call's group (found or opened by its key text) by the call's numbers. */
  rememberCall(call: RawCall, slot: Slot): void {
    this.byCall.set(call, slot)
  }

  /** The slot of `key`, made (and its group judged) the first time. */
  open(key: string, appId: string, group: LoggedGroup): Slot {
    let slot = this.slots.get(key)
    if (slot === undefined) {
      slot = this.slotOf(appId, group)
      this.slots.set(ownText(key), slot)
    }
    return slot
  }

  /** Count `count` calls of a slot seen from `first` to `last`, with a sample request id. */
  count(slot: Slot, count: number, first: string | undefined, last: string | undefined, sample: string | undefined): void {
    countCall(this.state, slot, count, first, last, sample)
  }

  private slotOf(appId: string, group: LoggedGroup): Slot {
    const verdict = this.judge.verdict(group)
    // An app's permissions are recorded once per claim set and scheme, not once per group.
    const heldKey = `${appId} ${verdict.scheme ?? ''} ${group.claims}`
    const held = this.memoise && this.heldSeen.has(heldKey) ? [] : [...group.roles, ...group.scopes]
    if (held.length > 0) this.heldSeen.add(ownText(heldKey))
    return newSlot(this.state, appId, group.method, group.status, verdict, held)
  }
}
