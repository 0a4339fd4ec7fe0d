/**
 * The aggregate of a run, in a form that merges: counts add up, first/last seen take the min/max,
 * samples and sets are unions (bounded). A `--partial` file is this state as JSON; merging the
 * partials of shards gives exactly the state of one run over all of them.
 */
import type { PermissionScheme } from '../types.js'
import type { SigninRecord } from './read/records.js'

/** The `format` of a partial aggregate file; bump {@link PARTIAL_VERSION} when its shape changes. */
export const PARTIAL_FORMAT = 'graph-doctor/logs-partial'
export const PARTIAL_VERSION = 1
/** Sample request ids kept per row (the smallest ones, see {@link addBounded}). */
export const MAX_SAMPLES = 3
/** Unreadable records listed by name (all are counted). */
export const MAX_UNREADABLE_LISTED = 50

/** Counts with first and last seen and a few sample request ids. */
export interface Tally {
  count: number
  first?: string
  last?: string
  samples: string[]
}

/** Failed calls of one app with one cause on one endpoint (and the permission it lacked). */
export interface FailureRow extends Tally {
  readonly appId: string
  readonly cause: string
  readonly severity: 'error' | 'warning' | 'info'
  readonly method: string
  readonly template: string
  readonly status: number
  readonly missing: string | null
  readonly scheme: PermissionScheme | null
}

/** What one app did: calls, and per scheme the permissions seen in its tokens and the endpoints it called successfully. */
export interface AppRow {
  readonly appId: string
  appName?: string
  calls: number
  failures: number
  readonly held: Partial<Record<PermissionScheme, string[]>>
  /** `METHOD template` of every successful call, per scheme. */
  readonly succeeded: Partial<Record<PermissionScheme, string[]>>
}

/** Sign-ins that failed with one AADSTS code. */
export interface SigninRow extends Tally {
  readonly code: number
  description?: string
  /** App ids (and names) seen failing with it. */
  readonly apps: string[]
}

export interface InputSummary {
  readonly name: string
  readonly format: string
  records: number
  unreadable: number
}

export interface UnreadableRecord {
  readonly source: string
  readonly reason: string
}

/** The whole mergeable state. */
export interface LogState {
  readonly format: typeof PARTIAL_FORMAT
  readonly version: typeof PARTIAL_VERSION
  readonly inputs: InputSummary[]
  totals: { calls: number; failedCalls: number; signins: number; failedSignins: number; unreadable: number }
  readonly unreadable: UnreadableRecord[]
  readonly failures: Record<string, FailureRow>
  readonly apps: Record<string, AppRow>
  readonly signins: Record<string, SigninRow>
  readonly appNames: Record<string, string>
}

export function emptyState(): LogState {
  return {
    format: PARTIAL_FORMAT,
    version: PARTIAL_VERSION,
    inputs: [],
    totals: { calls: 0, failedCalls: 0, signins: 0, failedSignins: 0, unreadable: 0 },
    unreadable: [],
    failures: Object.create(null) as Record<string, FailureRow>,
    apps: Object.create(null) as Record<string, AppRow>,
    signins: Object.create(null) as Record<string, SigninRow>,
    appNames: Object.create(null) as Record<string, string>,
  }
}

/** Count `count` more at `first`..`last`, keeping a few samples. */
export function addToTally(tally: Tally, count: number, first: string | undefined, last: string | undefined, sample: string | undefined): void {
  tally.count += count
  if (first !== undefined && (tally.first === undefined || first < tally.first)) tally.first = ownText(first)
  if (last !== undefined && (tally.last === undefined || last > tally.last)) tally.last = ownText(last)
  if (sample !== undefined) addBounded(tally.samples, sample, MAX_SAMPLES)
}

/**
 * Keep the `limit` smallest values: which samples are kept then does not depend on the order the
 * records came in, so shards merged give the same samples as one run.
 */
export function addBounded(set: string[], value: string, limit: number): void {
  const full = set.length >= limit
  if (full && value >= (set[set.length - 1] ?? '')) return
  addToSet(set, value)
  if (set.length > limit) set.pop()
}

/** Add a name to a sorted set held as an array (kept sorted, so merged states compare equal). */
export function addToSet(set: string[], name: string): void {
  let low = 0
  let high = set.length
  while (low < high) {
    const mid = (low + high) >>> 1
    const value = set[mid] ?? ''
    if (value === name) return
    if (value < name) low = mid + 1
    else high = mid
  }
  set.splice(low, 0, ownText(name))
}

/**
 * A text the state can keep without keeping anything else alive. A substring of a long text (what
 * the JSON-lines fast path reads from a 64 KiB chunk) is a view in V8 that holds the whole text in
 * memory; the state keeps a copy instead. Short texts (< 13 characters) are always copies.
 */
export function ownText(text: string): string {
  return text.length < 13 ? text : `${text} `.slice(0, -1)
}

/** Sign-in apps listed per AADSTS code. */
const MAX_SIGNIN_APPS = 20

/** Count one sign-in (or a group of them); a failure counts into its AADSTS code's row. */
export function countSignin(state: LogState, record: SigninRecord): void {
  const totals = state.totals
  if (record.appId !== undefined && record.appName !== undefined) nameApp(state, record.appId, record.appName)
  totals.signins += record.count
  if (record.errorCode === 0) return
  totals.failedSignins += record.count
  const row = (state.signins[String(record.errorCode)] ??= { code: record.errorCode, count: 0, samples: [], apps: [] })
  addToTally(row, record.count, record.firstSeen, record.lastSeen, record.sampleId)
  if (record.description !== undefined && (row.description === undefined || record.description < row.description)) row.description = ownText(record.description)
  if (record.appId !== undefined) addBounded(row.apps, record.appId, MAX_SIGNIN_APPS)
}

/** Remember an app's display name (the smallest of those seen, so that merged shards agree). */
export function nameApp(state: LogState, appId: string, name: string): void {
  const known = state.appNames[appId]
  if (known === undefined || name < known) state.appNames[appId] = ownText(name)
}
