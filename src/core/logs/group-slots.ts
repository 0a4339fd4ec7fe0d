/**
 * The distinct (app, group) slots of an aggregation, each judged once: a slot counts into the state's
 * rows (`group-rows.ts`), or, for a `--workers` thread (`countLater`), is a pending group counted
 * without its verdict and handed over as rows to another aggregator's slots, which judge and count them.
 */
import type { PermissionCatalogue } from '../permissions/types.js'
import { ClaimsNumbers, RawCallReader, type RawCall } from './read/raw-call.js'
import { CallIndex } from './call-index.js'
import { countCall, newSlot, type Slot } from './group-rows.js'
import { addToTally, ownText, type LogState } from './state.js'
import { GroupJudge, verdictKey, type LoggedGroup } from './group-judge.js'
import { newPendingGroup, pendingClaims, pendingRow, slotKeyOfGroup, type PendingClaims, type PendingGroup, type PendingGroupRow } from './pending-groups.js'
import type { Verdict } from './verdict.js'

export interface GroupSlotsOptions {
  readonly catalogue?: PermissionCatalogue
  readonly now?: Date
  /** False: nothing shared across groups (see {@link GroupJudge}), an app's permissions recorded for every group. */
  readonly memoise?: boolean
  /** Count groups without judging them: their rows come out of {@link GroupSlots.takeGroups}. */
  readonly countLater?: boolean
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
  private readonly byCall = new CallIndex<Slot | PendingGroup>()
  private readonly judge: GroupJudge
  private readonly slots = new Map<string, Slot | PendingGroup>()
  /** `appId scheme claims` whose permissions the app's row already holds. */
  private readonly heldSeen = new Set<string>()
  /** Pending groups' claims by claims number; row claims objects by their number here. */
  private readonly pending = new Map<number, PendingClaims>()
  private readonly rowClaims = new WeakMap<PendingClaims, number>()
  private readonly state: LogState
  private readonly memoise: boolean
  private readonly countLater: boolean

  constructor(state: LogState, options: GroupSlotsOptions) {
    this.state = state
    this.memoise = options.memoise !== false
    this.countLater = options.countLater === true
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
  find(key: string): Slot | PendingGroup | undefined {
    return this.slots.get(key)
  }

  /** The slot of a raw call whose group was seen before (see {@link rememberCall}). */
  findCall(call: RawCall): Slot | PendingGroup | undefined {
    return this.byCall.get(call)
  }

  /** Remember the slot of a raw call's group (found or opened by its key text) by the call's numbers. */
  rememberCall(call: RawCall, slot: Slot | PendingGroup): void {
    this.byCall.set(call, slot)
  }

  /** The slot of `key`, made for the group the first time (judged, or pending when counting later). */
  open(key: string, appId: string, group: LoggedGroup, claimsText: string): Slot | PendingGroup {
    let slot = this.slots.get(key)
    if (slot === undefined) {
      slot = this.countLater ? newPendingGroup(appId, group, this.pendingClaimsOf(group.claims, claimsText, group)) : this.slotOf(appId, group)
      this.slots.set(ownText(key), slot)
    }
    return slot
  }

  /** Count `count` calls of a slot seen from `first` to `last`, with a sample request id. */
  count(slot: Slot | PendingGroup, count: number, first: string | undefined, last: string | undefined, sample: string | undefined): void {
    if (slot.pending === true) addToTally(slot.tally, count, first, last, sample)
    else countCall(this.state, slot, count, first, last, sample)
  }

  /** The groups counted so far without a verdict, for another aggregator's {@link addGroups}. */
  takeGroups(): PendingGroupRow[] {
    const rows: PendingGroupRow[] = []
    for (const slot of this.slots.values()) if (slot.pending === true) rows.push(pendingRow(slot))
    return rows
  }

  /** The first group of each distinct verdict among `rows` (in order), numbered by these slots' claims. */
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

  /** Verdicts judged elsewhere (by {@link GroupJudge.verdict} of the same groups), taken as these slots' own. */
  presetVerdicts(groups: readonly LoggedGroup[], verdicts: readonly Verdict[]): void {
    groups.forEach((group, index) => {
      const verdict = verdicts[index]
      if (verdict !== undefined) this.judge.preset(group, verdict)
    })
  }

  /** Count rows another aggregator counted without verdicts, judging each distinct group once. */
  addGroups(rows: readonly PendingGroupRow[]): void {
    for (const row of rows) {
      const group = this.groupOfRow(row)
      const slot = this.open(slotKeyOfGroup(row.appId, group.method, group.url, group.status, group.kind, group.claims), row.appId, group, row.claims.text)
      const [sample, ...more] = row.samples
      this.count(slot, row.count, row.first, row.last, sample)
      for (const other of more) this.count(slot, 0, undefined, undefined, other)
    }
  }

  /** A row's group, its claims numbered here (once per claims object: rows share them). */
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
    return newSlot(this.state, appId, group.method, group.status, verdict, held)
  }
}
