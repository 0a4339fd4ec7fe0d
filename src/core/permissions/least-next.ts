import type { PermissionScheme } from '../types.js'

/** What the choice reads of a candidate permission. */
export interface Ranked {
  readonly name: string
  /** Flagged least for this path under another scheme the same pathSet lists. */
  readonly isFlaggedElsewhere: boolean
}

/**
 * When every least-flagged permission is resource-specific (RSC) or hidden, the one the API reference's
 * table gives next: a permission the data flags least for this path under another scheme (the
 * tenant-wide twin of a delegated least, e.g. ChannelMessage.Read.All for channel messages), then the
 * tenant-wide counterpart of the unsuggestible one (`….Group` → `….All`), then its family, then not
 * Directory.*, and the table's alphabetical order; a read permission before a write one throughout.
 * Tested on every template where the data's least is unsuggestible (test/core/permissions/least-next.test.ts).
 */
export function nextAfterUnsuggestible<T extends Ranked>(listed: readonly T[], unsuggestible: readonly Ranked[], scheme: PermissionScheme, notes: string[]): T | undefined {
  const counterparts = new Set(unsuggestible.flatMap((candidate) => counterpartNames(candidate.name)))
  const families = new Set(unsuggestible.map((candidate) => familyOf(candidate.name)))
  const key = (candidate: Ranked): number[] => [
    /readwrite|write|manage/i.test(candidate.name) ? 1 : 0,
    candidate.isFlaggedElsewhere ? 0 : 1,
    counterparts.has(candidate.name.toLowerCase()) ? 0 : 1,
    families.has(familyOf(candidate.name)) ? 0 : 1,
    familyOf(candidate.name) === 'directory' ? 1 : 0,
  ]
  const next = [...listed].sort((a, b) => compareKeys(key(a), key(b)) || byName(a, b))[0]
  if (next !== undefined) {
    const names = unsuggestible.map((candidate) => candidate.name).join(', ')
    notes.push(`${scheme}: the data flags ${names} least privileged, which ${unsuggestible.length === 1 ? 'is' : 'are'} resource-specific or hidden and cannot be granted tenant-wide; ${next.name} is the next one the API reference lists.`)
  }
  return next
}

/** `ChannelMessage.Read.Group` → `channelmessage.read.all`, `channelmessage.read`. */
function counterpartNames(name: string): string[] {
  const parts = name.toLowerCase().split('.')
  if (parts.length < 3) return []
  const stem = parts.slice(0, -1).join('.')
  return [`${stem}.all`, stem]
}

function familyOf(name: string): string {
  return (name.split('.')[0] ?? name).toLowerCase()
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}

function byName(a: Ranked, b: Ranked): number {
  const left = a.name.toLowerCase()
  const right = b.name.toLowerCase()
  return left < right ? -1 : left > right ? 1 : 0
}

