/**
 * Groups of logged calls counted without their verdict (a `logs --workers` thread reads and groups;
 * the main thread judges each distinct group once and counts them): the pending group an aggregator
 * keeps, and the row it hands over (structured-clonable). The claims of a row are one object shared by
 * every row with the same claims (a structured clone keeps that sharing), as text and as lists:
 * numbers are per aggregator.
 */
import type { TokenKind } from '../token/types.js'
import type { LoggedGroup } from './group-judge.js'
import { ownText, type Tally } from './state.js'

/** One distinct claim set: its text (see {@link claimsTextOf}) and lists, copies of a record's texts. */
export interface PendingClaims {
  readonly text: string
  readonly roles: readonly string[]
  readonly scopes: readonly string[]
  readonly wids: readonly string[]
}

/** A group counted so far: its first record's group, and the tally of all its records. */
export interface PendingGroup {
  readonly pending: true
  readonly appId: string
  readonly group: LoggedGroup
  readonly claims: PendingClaims
  readonly tally: Tally
}

/** A pending group as handed to another aggregator. */
export interface PendingGroupRow {
  readonly appId: string
  readonly group: Omit<LoggedGroup, 'claims' | 'roles' | 'scopes' | 'wids'>
  readonly claims: PendingClaims
  readonly count: number
  readonly first?: string
  readonly last?: string
  readonly samples: readonly string[]
}

/** The claims of a group, owned (a record's texts are views of a whole decoded chunk). */
export function pendingClaims(text: string, roles: readonly string[], scopes: readonly string[], wids: readonly string[]): PendingClaims {
  return { text: ownText(text), roles: ownList(roles), scopes: ownList(scopes), wids: ownList(wids) }
}

/** A new pending group; it keeps copies of its texts. */
export function newPendingGroup(appId: string, group: LoggedGroup, claims: PendingClaims): PendingGroup {
  const { tenantId } = group
  const owned: LoggedGroup = {
    ...group, method: ownText(group.method), url: ownText(group.url), roles: claims.roles, scopes: claims.scopes, wids: claims.wids, source: ownText(group.source),
    ...(tenantId === undefined ? {} : { tenantId: ownText(tenantId) }),
  }
  return { pending: true, appId: ownText(appId), group: owned, claims, tally: { count: 0, samples: [] } }
}

/** Copies of a list's texts. */
export function ownList(list: readonly string[]): string[] {
  return list.map(ownText)
}

/** A pending group as the row a `--workers` thread sends: its fields and tally, its claims shared per claim set. */
export function pendingRow(slot: PendingGroup): PendingGroupRow {
  const { claims: _claims, roles: _roles, scopes: _scopes, wids: _wids, ...group } = slot.group
  const { count, first, last, samples } = slot.tally
  return { appId: slot.appId, group, claims: slot.claims, count, samples, ...(first === undefined ? {} : { first }), ...(last === undefined ? {} : { last }) }
}

/**
 * The claims of a group as one text: equal texts, equal lists (JSON, as an item may hold the separator
 * a joined text would use: `["A B"]` is one role, `["A", "B"]` two).
 */
export function claimsTextOf(roles: readonly string[], scopes: readonly string[], wids: readonly string[]): string {
  return JSON.stringify([roles, scopes, wids])
}

/** The key of an (app, group) slot. */
export function slotKeyOfGroup(appId: string, method: string, url: string, status: number, kind: TokenKind, claims: number): string {
  return `${appId} ${method} ${url} ${status} ${kind} ${claims}`
}
