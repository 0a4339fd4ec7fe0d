/**
 * Groups of logged calls counted without their verdict (a `logs --workers` thread reads and groups;
 * the main thread judges each distinct group once and counts them): the pending group an aggregator
 * keeps, and the row it hands over (structured-clonable, claims as text: numbers are per aggregator).
 */
import type { TokenKind } from '../token/types.js'
import type { LoggedGroup } from './group-judge.js'
import { ownText, type Tally } from './state.js'

/** A group counted so far: its first record's group, and the tally of all its records. */
export interface PendingGroup {
  readonly pending: true
  readonly appId: string
  readonly group: LoggedGroup
  readonly claimsText: string
  readonly tally: Tally
}

/** A pending group as handed to another aggregator. */
export interface PendingGroupRow {
  readonly appId: string
  readonly group: Omit<LoggedGroup, 'claims'>
  /** The (roles, scopes, wids) as one text, see {@link claimsTextOf}. */
  readonly claimsText: string
  readonly count: number
  readonly first?: string
  readonly last?: string
  readonly samples: readonly string[]
}

/** A new pending group; it keeps copies of its texts (a record's are views of a whole decoded chunk). */
export function newPendingGroup(appId: string, group: LoggedGroup, claimsText: string): PendingGroup {
  const { tenantId, roles, scopes, wids } = group
  const owned: LoggedGroup = {
    ...group, method: ownText(group.method), url: ownText(group.url), roles: ownList(roles), scopes: ownList(scopes), wids: ownList(wids), source: ownText(group.source),
    ...(tenantId === undefined ? {} : { tenantId: ownText(tenantId) }),
  }
  return { pending: true, appId: ownText(appId), group: owned, claimsText: ownText(claimsText), tally: { count: 0, samples: [] } }
}

/** Copies of a list's texts. */
export function ownList(list: readonly string[]): string[] {
  return list.map(ownText)
}

export function pendingRow(slot: PendingGroup): PendingGroupRow {
  const { claims: _claims, ...group } = slot.group
  const { count, first, last, samples } = slot.tally
  return { appId: slot.appId, group, claimsText: slot.claimsText, count, samples, ...(first === undefined ? {} : { first }), ...(last === undefined ? {} : { last }) }
}

/** The claims of a group as one text: equal texts, equal lists. */
export function claimsTextOf(roles: readonly string[], scopes: readonly string[], wids: readonly string[]): string {
  return `${roles.join(' ')}|${scopes.join(' ')}|${wids.join(',')}`
}

/** The key of an (app, group) slot. */
export function slotKeyOfGroup(appId: string, method: string, url: string, status: number, kind: TokenKind, claims: number): string {
  return `${appId} ${method} ${url} ${status} ${kind} ${claims}`
}
