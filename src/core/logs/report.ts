/**
 * The report of a run (or of merged partials): every view the renderers show, derived from the
 * state. This is the versioned JSON contract of `graph-doctor logs --format json` (docs/logs-report.md).
 */
import { aadstsCategoryMeaning, lookupAadsts, type AadstsCategory } from '../aadsts.js'
import { catalogue as findingCatalogue, isFindingId } from '../catalogue.js'
import type { PermissionCatalogue } from '../permissions/types.js'
import type { PermissionScheme, Severity } from '../types.js'
import { auditPrivileges, type PrivilegeAudit } from './least-privilege.js'
import type { FailureRow, InputSummary, LogState, UnreadableRecord } from './state.js'

export const LOG_REPORT_FORMAT = 'graph-doctor/logs-report'
export const LOG_REPORT_VERSION = 1

/** Counts, first and last seen, sample request ids. */
export interface ReportTally {
  readonly count: number
  readonly first: string | null
  readonly last: string | null
  readonly samples: readonly string[]
}

export interface CauseView extends ReportTally { readonly id: string; readonly title: string; readonly severity: Severity }
export interface AppView { readonly appId: string; readonly appName: string | null; readonly calls: number; readonly failures: number }
export interface TemplateView extends ReportTally { readonly method: string; readonly template: string }
export interface MissingPermissionView extends ReportTally { readonly permission: string; readonly scheme: PermissionScheme | null; readonly apps: readonly string[] }
export interface AadstsCodeView extends ReportTally { readonly code: number; readonly name: string | null; readonly description: string | null; readonly fix: string; readonly url: string; readonly apps: readonly string[] }
export interface AadstsCategoryView { readonly category: AadstsCategory | 'unknown'; readonly meaning: string; readonly count: number; readonly codes: readonly AadstsCodeView[] }
export interface FailureView extends ReportTally {
  readonly appId: string
  readonly appName: string | null
  readonly cause: string
  readonly severity: Severity
  readonly method: string
  readonly template: string
  readonly status: number
  readonly missing: string | null
  readonly scheme: PermissionScheme | null
}
export interface AppAudit extends PrivilegeAudit {
  readonly appId: string
  readonly appName: string | null
  /** Permissions that failed calls lacked (from `permission-missing`). */
  readonly lacks: readonly string[]
}

export interface LogReport {
  readonly format: typeof LOG_REPORT_FORMAT
  readonly version: typeof LOG_REPORT_VERSION
  readonly inputs: readonly InputSummary[]
  readonly totals: LogState['totals']
  readonly unreadable: { readonly count: number; readonly listed: readonly UnreadableRecord[] }
  readonly byCause: readonly CauseView[]
  readonly byApp: readonly AppView[]
  readonly byTemplate: readonly TemplateView[]
  readonly byMissingPermission: readonly MissingPermissionView[]
  readonly aadsts: readonly AadstsCategoryView[]
  /** One row per app × cause × endpoint (× missing permission): the CSV. */
  readonly failures: readonly FailureView[]
  readonly leastPrivilege: { readonly note: string; readonly apps: readonly AppAudit[] }
}

export const LEAST_PRIVILEGE_NOTE = 'Covers only the calls in these logs: a permission the app needs for a call it did not make in this period shows up as one it could drop.'

/**
 * Build the report. Without a catalogue the least-privilege audit is empty (it needs the permission data).
 *
 * @example
 * buildLogReport(aggregator.state, catalogue).byCause[0]?.id // 'permission-missing'
 */
export function buildLogReport(state: LogState, catalogue: PermissionCatalogue | undefined): LogReport {
  const name = (appId: string): string | null => state.appNames[appId] ?? null
  const rows = Object.values(state.failures).sort(byCountThen((row) => `${row.appId} ${row.cause} ${row.method} ${row.template} ${row.status} ${row.missing ?? ''}`))
  return {
    format: LOG_REPORT_FORMAT,
    version: LOG_REPORT_VERSION,
    inputs: state.inputs,
    totals: state.totals,
    unreadable: { count: state.totals.unreadable, listed: state.unreadable },
    byCause: groupRows(rows, (row) => row.cause).map(([id, tally, first]) => ({ id, title: titleOf(id), severity: first.severity, ...tally })),
    byApp: Object.values(state.apps).map((app) => ({ appId: app.appId, appName: name(app.appId), calls: app.calls, failures: app.failures })).sort((a, b) => b.failures - a.failures || b.calls - a.calls || compare(a.appId, b.appId)),
    byTemplate: groupRows(rows, (row) => `${row.method} ${row.template}`).map(([, tally, first]) => ({ method: first.method, template: first.template, ...tally })),
    byMissingPermission: groupRows(rows.filter((row) => row.missing !== null), (row) => `${row.missing ?? ''} ${row.scheme ?? ''}`).map(([, tally, first, group]) => ({
      permission: first.missing ?? '', scheme: first.scheme, apps: [...new Set(group.map((row) => row.appId))].sort(), ...tally,
    })),
    aadsts: aadstsViews(state, name),
    failures: rows.map((row) => ({ ...row, appName: name(row.appId), ...tallyOf([row]) })),
    leastPrivilege: { note: LEAST_PRIVILEGE_NOTE, apps: catalogue === undefined ? [] : audits(state, rows, catalogue, name) },
  }
}

function titleOf(id: string): string {
  return isFindingId(id) ? findingCatalogue[id].title : 'Failed, and no rule explains it'
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function byCountThen<T extends { count: number }>(key: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => b.count - a.count || compare(key(a), key(b))
}

function tallyOf(rows: readonly FailureRow[]): ReportTally {
  let count = 0
  let first: string | null = null
  let last: string | null = null
  const samples = new Set<string>()
  for (const row of rows) {
    count += row.count
    if (row.first !== undefined && (first === null || row.first < first)) first = row.first
    if (row.last !== undefined && (last === null || row.last > last)) last = row.last
    for (const sample of row.samples) samples.add(sample)
  }
  return { count, first, last, samples: [...samples].sort().slice(0, 3) }
}

function groupRows(rows: readonly FailureRow[], key: (row: FailureRow) => string): Array<[string, ReportTally, FailureRow, FailureRow[]]> {
  const groups = new Map<string, FailureRow[]>()
  for (const row of rows) {
    const name = key(row)
    const group = groups.get(name)
    if (group === undefined) groups.set(name, [row])
    else group.push(row)
  }
  const views = [...groups].map(([name, group]): [string, ReportTally, FailureRow, FailureRow[]] => [name, tallyOf(group), group[0] as FailureRow, group])
  return views.sort((a, b) => b[1].count - a[1].count || compare(a[0], b[0]))
}

function aadstsViews(state: LogState, name: (appId: string) => string | null): AadstsCategoryView[] {
  const categories = new Map<AadstsCategory | 'unknown', AadstsCodeView[]>()
  for (const row of Object.values(state.signins)) {
    const info = lookupAadsts(row.code)
    const category = info?.category ?? 'unknown'
    const view: AadstsCodeView = {
      code: row.code, name: info?.name ?? null, description: row.description ?? null,
      fix: info?.fix ?? 'Look the code up on the linked page; graph-doctor has no fix for it.',
      url: info?.url ?? `https://login.microsoftonline.com/error?code=${row.code}`,
      apps: row.apps.map((appId) => { const known = name(appId); return known === null ? appId : `${known} (${appId})` }),
      count: row.count, first: row.first ?? null, last: row.last ?? null, samples: row.samples,
    }
    const list = categories.get(category)
    if (list === undefined) categories.set(category, [view])
    else list.push(view)
  }
  return [...categories].map(([category, codes]) => ({
    category,
    meaning: category === 'unknown' ? 'codes graph-doctor does not know' : aadstsCategoryMeaning[category],
    count: codes.reduce((sum, code) => sum + code.count, 0),
    codes: codes.sort((a, b) => b.count - a.count || a.code - b.code),
  })).sort((a, b) => b.count - a.count || compare(a.category, b.category))
}

function audits(state: LogState, rows: readonly FailureRow[], catalogue: PermissionCatalogue, name: (appId: string) => string | null): AppAudit[] {
  const result: AppAudit[] = []
  for (const app of Object.values(state.apps).sort((a, b) => compare(a.appId, b.appId))) {
    for (const scheme of ['Application', 'DelegatedWork', 'DelegatedPersonal'] as const) {
      const held = app.held[scheme] ?? []
      const succeeded = app.succeeded[scheme] ?? []
      if (held.length === 0 && succeeded.length === 0) continue
      const lacks = [...new Set(rows.filter((row) => row.appId === app.appId && row.scheme === scheme && row.missing !== null).map((row) => row.missing ?? ''))].sort()
      result.push({ appId: app.appId, appName: name(app.appId), lacks, ...auditPrivileges(catalogue, scheme, held, succeeded) })
    }
  }
  return result
}
