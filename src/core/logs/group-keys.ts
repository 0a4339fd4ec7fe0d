/** The texts a group of logged calls is keyed by: its claims as one text, and its (app, group) slot's key. */
import type { TokenKind } from '../token/types.js'
import { ownText } from './state.js'

/** Copies of a list's texts. */
export function ownList(list: readonly string[]): string[] {
  return list.map(ownText)
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
