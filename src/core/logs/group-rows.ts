/**
 * The rows of the state a group of calls counts into: its app's row (calls, failures, the
 * permissions its tokens held, the endpoints it called successfully) and, for a failure with a
 * cause, the failure row of (app, cause, method, template, status, missing permission).
 */
import type { PermissionScheme } from '../types.js'
import { addToSet, addToTally, ownText, type AppRow, type LogState } from './state.js'
import type { Verdict } from './verdict.js'

/** One (app, group) seen before: its verdict and the rows it counts into. */
export interface Slot {
  readonly verdict: Verdict
  readonly app: AppRow
  readonly method: string
  readonly status: number
  readonly failureKey: string | undefined
}

/** The slot of an app's group: the app's row is created, its permissions and successful endpoints recorded. */
export function newSlot(state: LogState, appId: string, method: string, status: number, verdict: Verdict, held: readonly string[]): Slot {
  const app = (state.apps[appId] ??= { appId: ownText(appId), calls: 0, failures: 0, held: {}, succeeded: {} })
  const scheme = verdict.scheme
  if (scheme !== null) for (const name of held) addToSet(listOf(app.held, scheme), name)
  if (!verdict.failed && scheme !== null) addToSet(listOf(app.succeeded, scheme), `${method} ${verdict.template}`)
  if (!verdict.failed || verdict.cause === null) return { verdict, app, method, status, failureKey: undefined }
  const failureKey = [appId, verdict.cause, method, verdict.template, status, verdict.missing ?? ''].join('\u0000')
  return { verdict, app, method, status, failureKey }
}

/** Count `count` calls of a slot seen from `first` to `last`, with a sample request id. */
export function countCall(state: LogState, slot: Slot, count: number, first: string | undefined, last: string | undefined, sample: string | undefined): void {
  const totals = state.totals
  totals.calls += count
  slot.app.calls += count
  if (slot.failureKey === undefined) return
  totals.failedCalls += count
  slot.app.failures += count
  const { verdict, app, method, status } = slot
  const row = (state.failures[slot.failureKey] ??= {
    appId: app.appId, cause: verdict.cause ?? '', severity: verdict.severity, method, template: verdict.template,
    status, missing: verdict.missing, scheme: verdict.scheme, count: 0, samples: [],
  })
  addToTally(row, count, first, last, sample)
}

function listOf(map: Partial<Record<PermissionScheme, string[]>>, scheme: PermissionScheme): string[] {
  return (map[scheme] ??= [])
}
