import type { PermissionScheme } from '../../types.js'
import type { PermissionTable, SchemeBit } from '../model.js'
import { GRANT_STRIDE, SCHEME_BIT } from '../model.js'
import { readOverReadWrite, readOverReadWriteNote } from '../overrides.js'
import type { AcceptedPermission, ExcludedPermission, PermissionKind, SchemePermissions } from '../types.js'
import { nextAfterUnsuggestible } from '../least-next.js'
import type { FactsTable, PermissionFacts } from './permission-facts.js'

/** What resolution needs from the catalogue besides the grants. */
export interface ResolveContext {
  readonly permissions: PermissionTable
  readonly alsoRequires: readonly (readonly string[])[]
  readonly permissionId: (name: string, kind: PermissionKind) => string | undefined
  readonly isHidden: (name: string, bit: SchemeBit) => boolean
  /** Whether the GUID files list this app role; undefined without GUID files: then only the known app-role aliases apply. */
  readonly isAppRole: ((name: string) => boolean) | undefined
}

interface Candidate {
  name: string
  /** The name in lower case: the order compares it (lower-casing in the comparison cost the first lookups a string per compare). */
  key: string
  isFlagged: boolean
  isFlaggedForMethodOnly: boolean
  /** Flagged least for this path under another scheme the same pathSet lists. */
  isFlaggedElsewhere: boolean
  privilegeLevel: number | undefined
  requiresAdminConsent: boolean | undefined
  /** undefined: sufficient alone in some pathSet; otherwise any one of these is also needed. */
  alsoRequires: Set<string> | undefined
  excluded: ExcludedPermission['reason'] | undefined
  facts: PermissionFacts
}

/** Least-privilege resolution for one scheme (permissions-data.md §6). Returns undefined when the scheme is not accepted. */
export function resolveScheme(
  scheme: PermissionScheme,
  grants: readonly number[],
  context: ResolveContext,
  facts: FactsTable,
  notes: string[],
): SchemePermissions | undefined {
  const candidates = collectCandidates(scheme, grants, context, facts, notes)
  if (candidates.length === 0) return undefined
  const listed = candidates.filter((candidate) => candidate.excluded === undefined)
  const unsuggestible = candidates.filter((candidate) => candidate.excluded !== undefined && candidate.isFlagged)
  const least = listed.some((candidate) => candidate.isFlagged) || unsuggestible.length === 0
    ? pickLeast(listed, scheme, notes)
    : nextAfterUnsuggestible(listed, unsuggestible, scheme, notes)
  if (least !== undefined && !least.isFlagged && unsuggestible.length === 0) {
    notes.push(`${scheme}: no permission is flagged least privileged for this path; the lowest privilege level was chosen.`)
  }
  const rest = listed.filter((candidate) => candidate !== least).sort(byPrivilegeThenName)
  const ordered = least === undefined ? rest : [least, ...rest]
  const excluded = candidates
    .filter((candidate) => candidate.excluded !== undefined)
    .map((candidate): ExcludedPermission => ({ name: candidate.name, reason: candidate.excluded ?? 'hidden' }))
  const resolved: { -readonly [K in keyof SchemePermissions]: SchemePermissions[K] } = {
    scheme,
    leastPrivileged: least?.name ?? null,
    accepted: ordered.map((candidate) => toAccepted(candidate, candidate === least, facts.id(candidate.facts, scheme))),
  }
  if (excluded.length > 0) resolved.excluded = excluded
  return resolved
}

function collectCandidates(scheme: PermissionScheme, grants: readonly number[], context: ResolveContext, facts: FactsTable, notes: string[]): Candidate[] {
  const bit = SCHEME_BIT[scheme]
  const byName = new Map<string, Candidate>()
  for (let at = 0; at < grants.length; at += GRANT_STRIDE) {
    const schemes = grants[at + 1] ?? 0
    if ((schemes & bit) === 0) continue
    const number = grants[at] ?? -1
    const info = context.permissions.at(number)
    const least = grants[at + 2] ?? 0
    const isSingleMethod = grants[at + 3] === 1
    const alsoRequires = context.alsoRequires[grants[at + 4] ?? -1] ?? []
    if (info === undefined) continue
    const known = facts.of(number, info, scheme, bit)
    if (known.aliasNote !== undefined && !notes.includes(known.aliasNote)) notes.push(known.aliasNote)
    let candidate = byName.get(known.key)
    if (candidate === undefined) {
      candidate = newCandidate(known)
      byName.set(known.key, candidate)
    }
    const isFlagged = (least & bit) !== 0
    candidate.isFlagged ||= isFlagged
    candidate.isFlaggedElsewhere ||= (least & schemes & ~bit) !== 0
    candidate.isFlaggedForMethodOnly ||= isFlagged && isSingleMethod
    candidate.alsoRequires = mergeAlsoRequires(candidate.alsoRequires, alsoRequires)
  }
  return [...byName.values()]
}

function newCandidate(facts: PermissionFacts): Candidate {
  return {
    name: facts.name,
    key: facts.key,
    isFlagged: false,
    isFlaggedForMethodOnly: false,
    isFlaggedElsewhere: false,
    privilegeLevel: facts.privilegeLevel,
    requiresAdminConsent: facts.requiresAdminConsent,
    alsoRequires: new Set<string>(),
    excluded: facts.excluded,
    facts,
  }
}

/** Sufficient alone in any pathSet wins; otherwise the union of the alternatives. */
function mergeAlsoRequires(current: Set<string> | undefined, next: readonly string[]): Set<string> | undefined {
  if (current === undefined || next.length === 0) return undefined
  for (const name of next) current.add(name)
  return current
}

/**
 * Flagged ones (pathSets of exactly this method first), then lowest privilege level, then a read
 * permission before a ReadWrite one (our correction), then alphabetical.
 */
function pickLeast(candidates: readonly Candidate[], scheme: PermissionScheme, notes: string[]): Candidate | undefined {
  const flagged = candidates.filter((candidate) => candidate.isFlagged)
  const exact = flagged.filter((candidate) => candidate.isFlaggedForMethodOnly)
  const pool = exact.length > 0 ? exact : flagged.length > 0 ? flagged : candidates
  const sorted = [...pool].sort(byPrivilegeThenName)
  const first = sorted[0]
  const read = flagged.length > 0 ? readOverReadWrite(sorted) : undefined
  if (first === undefined || read === undefined) return first
  notes.push(readOverReadWriteNote(scheme, read.name, first.name))
  return read
}

function byPrivilegeThenName(a: Candidate, b: Candidate): number {
  const level = (a.privilegeLevel ?? 99) - (b.privilegeLevel ?? 99)
  if (level !== 0) return level
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}

/** Fields added one by one in the JSON order, without object spreads (they cost first lookups about 7 %). */
function toAccepted(candidate: Candidate, isLeast: boolean, id: string | undefined): AcceptedPermission {
  const accepted: { -readonly [K in keyof AcceptedPermission]?: AcceptedPermission[K] } = { name: candidate.name, isLeast }
  if (candidate.privilegeLevel !== undefined) accepted.privilegeLevel = candidate.privilegeLevel
  if (candidate.requiresAdminConsent !== undefined) accepted.requiresAdminConsent = candidate.requiresAdminConsent
  accepted.alsoRequires = candidate.alsoRequires === undefined ? [] : [...candidate.alsoRequires]
  if (id !== undefined) accepted.id = id
  return accepted as AcceptedPermission
}
