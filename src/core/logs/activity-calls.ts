/**
 * Activity-log call records counted into their groups' slots: the hot path of a log (a record of a
 * group seen before, counted from its raw fields through the numbers of its group's parts), and the
 * full reading of a record whose group is new (its group made and judged, once).
 */
import { UNKNOWN_APP } from './exchange-calls.js'
import { pathShape, uriOrigin } from '../kql/path-shape.js'
import { principalKind } from '../token/principal.js'
import type { RawRecord } from './read/fields.js'
import { rawText, rawWeight } from './read/raw-call.js'
import { readRecord, type ActivityRecord } from './read/records.js'
import type { Slot } from './group-rows.js'
import type { LoggedGroup } from './group-judge.js'
import type { GroupSlots } from './group-slots.js'
import { claimsTextOf, slotKeyOfGroup } from './group-keys.js'
import { nameApp, type LogState } from './state.js'

/** The origin of a logged path without one (Log Analytics writes full URLs; group rows, paths). */
const GRAPH_ORIGIN = 'https://graph.microsoft.com'

/**
 * The hot path: a call record counted from its raw fields, without building the record when its
 * group was seen before (most records of a log are such). False when the record is no call record.
 */
export function addRawCall(state: LogState, slots: GroupSlots, record: RawRecord, inputName: string): boolean {
  const call = slots.calls.read(record)
  if (call === undefined) return false
  const { raw, time } = call
  let slot = slots.findCall(call)
  if (slot === undefined) {
    const key = slots.calls.keyOf(call)
    slot = slots.find(key)
    if (slot === undefined) {
      const parsed = readRecord(time === undefined ? raw : { ...raw, TimeGenerated: raw['TimeGenerated'] ?? raw['timeGenerated'] ?? time })
      if (parsed.kind !== 'activity') return false
      slots.rememberCall(call, addActivityRecord(state, slots, parsed, inputName, key))
      return true
    }
    slots.rememberCall(call, slot)
  }
  const name = raw['AppDisplayName'] ?? raw['appDisplayName']
  if (typeof name === 'string' && name !== '') nameApp(state, slot.app.appId, name)
  const seen = rawText(raw['TimeGenerated'] ?? raw['timeGenerated']) ?? time
  const sample = rawText(raw['SampleRequestId'] ?? raw['sampleRequestId'] ?? raw['RequestId'] ?? raw['requestId'])
  slots.count(slot, rawWeight(raw['Count'] ?? raw['count']), rawText(raw['FirstSeen'] ?? raw['firstSeen']) ?? seen, rawText(raw['LastSeen'] ?? raw['lastSeen']) ?? seen, sample)
  return true
}

/** One activity record read in full: its group's slot is made the first time (under `slotKeyOf` when given), then counted. */
export function addActivityRecord(state: LogState, slots: GroupSlots, record: ActivityRecord, inputName: string, slotKeyOf?: string): Slot {
  const appId = record.appId ?? record.servicePrincipalId ?? UNKNOWN_APP
  const kind = principalKind(record.roles, record.scopes, record.userId)
  const shape = pathShape(record.uri)
  const url = `${uriOrigin(record.uri) || GRAPH_ORIGIN}${shape.startsWith('/') ? '' : '/'}${shape}`
  const claimsText = claimsTextOf(record.roles, record.scopes, record.wids)
  const claims = slots.claims.of(claimsText)
  const slotKey = slotKeyOf ?? slotKeyOfGroup(appId, record.method, url, record.status, kind, claims)
  let slot = slots.find(slotKey)
  if (slot === undefined) {
    const { method, status, roles, scopes, wids, tenantId } = record
    const group: LoggedGroup = { method, url, status, kind, claims, roles, scopes, wids, source: `${inputName} (group)`, ...(tenantId === undefined ? {} : { tenantId }) }
    slot = slots.open(slotKey, appId, group)
  }
  if (record.appName !== undefined) nameApp(state, appId, record.appName)
  slots.count(slot, record.count, record.firstSeen, record.lastSeen, record.sampleId)
  return slot
}
