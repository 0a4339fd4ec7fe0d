/** Merging partial aggregates (`graph-doctor merge`), and reading one back from its JSON. */
import { GraphDoctorError } from '../errors.js'
import type { PermissionScheme } from '../types.js'
import { addBounded, addToSet, addToTally, emptyState, MAX_SAMPLES, MAX_UNREADABLE_LISTED, PARTIAL_FORMAT, PARTIAL_VERSION, type LogState, type Tally } from './state.js'

/**
 * Merge states into a new one: the state of one run over all their inputs.
 *
 * @example
 * mergeStates([shardA.state, shardB.state]).totals.calls // shardA's calls + shardB's
 */
export function mergeStates(states: readonly LogState[]): LogState {
  const merged = emptyState()
  for (const state of states) {
    merged.inputs.push(...state.inputs.map((input) => ({ ...input })))
    for (const key of Object.keys(merged.totals) as Array<keyof LogState['totals']>) merged.totals[key] += state.totals[key]
    for (const entry of state.unreadable) if (merged.unreadable.length < MAX_UNREADABLE_LISTED) merged.unreadable.push(entry)
    for (const [key, row] of Object.entries(state.failures)) mergeTally((merged.failures[key] ??= { ...row, count: 0, samples: [] }), row)
    for (const [key, row] of Object.entries(state.signins)) {
      const into = (merged.signins[key] ??= { code: row.code, count: 0, samples: [], apps: [] })
      mergeTally(into, row)
      if (row.description !== undefined && (into.description === undefined || row.description < into.description)) into.description = row.description
      for (const app of row.apps) addBounded(into.apps, app, 20)
    }
    for (const [appId, name] of Object.entries(state.appNames)) {
      const known = merged.appNames[appId]
      if (known === undefined || name < known) merged.appNames[appId] = name
    }
    for (const [appId, row] of Object.entries(state.apps)) {
      const into = (merged.apps[appId] ??= { appId, calls: 0, failures: 0, held: {}, succeeded: {} })
      into.calls += row.calls
      into.failures += row.failures
      mergeSets(into.held, row.held)
      mergeSets(into.succeeded, row.succeeded)
    }
  }
  return merged
}

function mergeTally(into: Tally, from: Tally): void {
  addToTally(into, from.count, from.first, from.last, undefined)
  for (const sample of from.samples) addBounded(into.samples, sample, MAX_SAMPLES)
}

function mergeSets(into: Partial<Record<PermissionScheme, string[]>>, from: Partial<Record<PermissionScheme, string[]>>): void {
  for (const [scheme, names] of Object.entries(from) as Array<[PermissionScheme, string[]]>) {
    const set = (into[scheme] ??= [])
    for (const name of names) addToSet(set, name)
  }
}

/**
 * A partial aggregate read back from its JSON text (what `--partial` wrote).
 *
 * @throws GraphDoctorError `ERR_INPUT_FORMAT` when it is not a partial of this version.
 */
export function parsePartial(text: string, name: string): LogState {
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch (error) {
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: not valid JSON, so not a partial aggregate`, { cause: error })
  }
  const state = value as Partial<LogState> | null
  if (state === null || typeof state !== 'object' || state.format !== PARTIAL_FORMAT) {
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: not a graph-doctor partial aggregate (written by graph-doctor logs --partial)`)
  }
  if (state.version !== PARTIAL_VERSION) {
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: partial aggregate version ${String(state.version)}; this graph-doctor reads version ${PARTIAL_VERSION}`)
  }
  const shapeOk = Array.isArray(state.inputs) && Array.isArray(state.unreadable) && typeof state.totals === 'object' && typeof state.failures === 'object' && typeof state.apps === 'object' && typeof state.signins === 'object' && typeof state.appNames === 'object'
  if (!shapeOk) throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: partial aggregate is incomplete`)
  return mergeStates([state as LogState])
}
