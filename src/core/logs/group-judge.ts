/**
 * The verdicts of the distinct groups of logged calls, with the work that repeats across groups done
 * once: the template of each `METHOD url`, the principal (and so its token analysis and summary) of
 * each distinct claim set, and each verdict per what it depends on (`verdict-key.ts`): a success's
 * per endpoint and token kind (a success is never diagnosed), a failure's per endpoint, token kind and
 * as much of its status and claims as its rules read.
 */
import { createDiagnoser, diagnoseExchange, type Diagnoser } from '../diagnose.js'
import type { PermissionCatalogue } from '../permissions/types.js'
import type { PrincipalClaims } from '../token/principal.js'
import type { TokenKind } from '../token/types.js'
import { ownText } from './state.js'
import { judgeLoggedCall, type Verdict } from './verdict.js'
import { ownList } from './group-keys.js'
import { isChecked, verdictKeyOf } from './verdict-key.js'

/** One distinct group of logged calls, as its first record shows it. */
export interface LoggedGroup {
  readonly method: string
  /** Origin and path shape. */
  readonly url: string
  readonly status: number
  readonly kind: TokenKind
  /** A number for the (roles, scopes, wids) texts: equal numbers, equal lists. */
  readonly claims: number
  readonly roles: readonly string[]
  readonly scopes: readonly string[]
  readonly wids: readonly string[]
  readonly tenantId?: string
  /** Where the group was first seen (the diagnosis's `source`). */
  readonly source: string
}

/** The permission catalogue and the time groups are judged with. */
export interface GroupJudgeOptions {
  readonly catalogue?: PermissionCatalogue
  readonly now?: Date
  /**
   * `false`: every group diagnosed on its own with a fresh diagnosis (nothing shared between groups);
   * only for the test that the memoised verdicts change nothing.
   */
  readonly memoise?: boolean
  /**
   * The claims text of a group's claims number: given, the judge keeps the verdicts it judges for
   * {@link GroupJudge.takeShared} and takes those of other judges (`logs --workers` threads).
   */
  readonly claimsText?: (claims: number) => string
}

/** A verdict as judges share it: keyed by its verdict key with the claims as text (numbers are per aggregator). */
export type SharedVerdict = readonly [key: string, verdict: Verdict]

/**
 * Verdicts of logged groups, sharing what repeats across them: each verdict per its key
 * (`verdict-key.ts`); one analysed principal per claim set (`test/core/logs/group-memo.test.ts`).
 */
export class GroupJudge {
  private readonly catalogue: PermissionCatalogue | undefined
  private readonly now: Date | undefined
  private readonly memoise: boolean
  private readonly diagnoser: Diagnoser
  private readonly templates = new Map<string, string>()
  private readonly principals = new Map<string, PrincipalClaims>()
  private readonly verdicts = new Map<string, Verdict>()
  private readonly claimsText: ((claims: number) => string) | undefined
  /** Verdicts of other judges by shared key, and this judge's own since the last {@link takeShared}. */
  private readonly received = new Map<string, Verdict>()
  private fresh: SharedVerdict[] = []
  private diagnosed = 0

  constructor(options: GroupJudgeOptions = {}) {
    this.catalogue = options.catalogue
    this.now = options.now
    this.memoise = options.memoise !== false
    this.claimsText = options.claimsText
    this.diagnoser = createDiagnoser({ ...(options.catalogue === undefined ? {} : { permissions: options.catalogue }), ...(options.now === undefined ? {} : { now: options.now }) })
  }

  /** Distinct groups judged so far. */
  get judged(): number {
    return this.diagnosed
  }

  /** The verdict of a group, judged the first time its key is seen. */
  verdict(group: LoggedGroup): Verdict {
    if (!this.memoise) return this.judgeAlone(group)
    let checked: boolean | undefined
    const checkedOf = (): boolean => (checked ??= isChecked(this.catalogue, group, this.principalOf(group)))
    const key = verdictKeyOf(group, group.claims, checkedOf)
    let verdict = this.verdicts.get(key)
    if (verdict === undefined) {
      verdict = this.claimsText === undefined ? this.judge(group) : this.judgeOrReceived(group, verdictKeyOf(group, this.claimsText(group.claims), checkedOf))
      this.verdicts.set(ownText(key), verdict)
    }
    return verdict
  }

  /** The verdicts this judge made since the last call, for other judges' {@link receiveShared}. */
  takeShared(): SharedVerdict[] {
    const fresh = this.fresh
    this.fresh = []
    return fresh
  }

  /** Verdicts another judge made (its {@link takeShared}): groups with their keys are not judged here. */
  receiveShared(verdicts: readonly SharedVerdict[]): void {
    for (const [key, verdict] of verdicts) if (!this.received.has(key)) this.received.set(key, verdict)
  }

  private judge(group: LoggedGroup): Verdict {
    this.diagnosed++
    return judgeLoggedCall(this.diagnoser, this.catalogue, { ...group, principal: this.principalOf(group) }, this.templates)
  }

  /** `key`: the group's verdict key with its claims as text (the same in every aggregator). */
  private judgeOrReceived(group: LoggedGroup, key: string): Verdict {
    const received = this.received.get(key)
    if (received !== undefined) return received
    const verdict = this.judge(group)
    this.fresh.push([ownText(key), verdict])
    return verdict
  }

  private principalOf(group: LoggedGroup): PrincipalClaims {
    const key = `${group.claims} ${group.kind} ${group.tenantId ?? ''}`
    let principal = this.principals.get(key)
    // Kept for the run: copies of its texts (a record's are views of a whole decoded chunk).
    if (principal === undefined) this.principals.set(ownText(key), (principal = ownedPrincipal(group)))
    return principal
  }

  private judgeAlone(group: LoggedGroup): Verdict {
    this.diagnosed++
    const options = { ...(this.catalogue === undefined ? {} : { permissions: this.catalogue }), ...(this.now === undefined ? {} : { now: this.now }) }
    const alone: Diagnoser = { diagnose: (exchange) => [diagnoseExchange(exchange, options)] }
    return judgeLoggedCall(alone, this.catalogue, { ...group, principal: principalClaims(group) })
  }
}

function ownedPrincipal(group: LoggedGroup): PrincipalClaims {
  const { tenantId } = group
  return { roles: ownList(group.roles), scopes: ownList(group.scopes), wids: ownList(group.wids), kind: group.kind, ...(tenantId === undefined ? {} : { tenantId: ownText(tenantId) }) }
}

function principalClaims(group: LoggedGroup): PrincipalClaims {
  return { roles: group.roles, scopes: group.scopes, wids: group.wids, kind: group.kind, ...(group.tenantId === undefined ? {} : { tenantId: group.tenantId }) }
}
