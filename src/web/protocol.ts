/**
 * The messages between the page and its Web Worker. Everything crosses by structured clone: plain
 * data only (results, reports), never a raw token going back to the page.
 */
import type { TokenTimeJudgement, ClaimExplanation, TokenAnalysis } from '../core/token/types.js'
import type { DiagnosisResult, Severity } from '../core/types.js'
import type { SeverityCounts } from '../render/diagnosis/writer.js'
import type { PermsReport } from '../render/perms/report.js'

/** Where the permission data in use came from. */
export interface DataInfo {
  readonly source: 'snapshot' | 'file'
  /** The upstream commit date (snapshot) or the file's name. */
  readonly label: string
}

export type PageRequest =
  | { readonly type: 'init'; readonly snapshot: string; readonly label: string }
  | { readonly type: 'text'; readonly id: number; readonly text: string; readonly name: string }
  | { readonly type: 'file'; readonly id: number; readonly file: File }
  | { readonly type: 'perms'; readonly id: number; readonly method: string; readonly url: string; readonly token: string }
  | { readonly type: 'permissions-file'; readonly id: number; readonly file: File }
  | { readonly type: 'result'; readonly id: number; readonly index: number }

/** The token view's data: claims and verdicts, the signature only as its length. */
export interface TokenView {
  readonly analysis: TokenAnalysis
  readonly time: TokenTimeJudgement
  readonly claims: readonly ClaimExplanation[]
}

/**
 * One entry of a capture as the table shows it. The full results stay in the worker (a capture of
 * thousands of entries would cost the page seconds of structured cloning); a row's result is asked
 * for when it is expanded.
 */
export interface EntryRow {
  readonly index: number
  readonly source: string
  readonly method: string | null
  readonly url: string | null
  readonly status: number | null
  readonly findings: ReadonlyArray<{ readonly id: string; readonly severity: Severity; readonly title: string }>
}

export type PermsAnswer =
  | { readonly matched: true; readonly report: PermsReport }
  | { readonly matched: false; readonly method: string; readonly url: string; readonly hint: string }

export type WorkerReply =
  | { readonly type: 'ready'; readonly data: DataInfo }
  | { readonly type: 'progress'; readonly id: number; readonly loaded: number; readonly total: number; readonly entries: number; readonly unit?: 'records' }
  | { readonly type: 'rows'; readonly id: number; readonly rows: readonly EntryRow[] }
  | { readonly type: 'result'; readonly id: number; readonly index: number; readonly result: DiagnosisResult }
  | { readonly type: 'token'; readonly id: number; readonly view: TokenView }
  /** The end of a diagnosis; a short one (a paste) carries its results whole. */
  | { readonly type: 'done'; readonly id: number; readonly format: string; readonly count: number; readonly counts?: SeverityCounts; readonly results?: readonly DiagnosisResult[] }
  /** The end of a log export: the body of the `logs` HTML report (markup the page checks before showing it). */
  | { readonly type: 'log-report'; readonly id: number; readonly format: string; readonly records: number; readonly html: string }
  | { readonly type: 'perms'; readonly id: number; readonly answer: PermsAnswer }
  | { readonly type: 'data'; readonly id: number; readonly data: DataInfo }
  | { readonly type: 'error'; readonly id: number; readonly message: string }
