/**
 * Is this text the start of a log export? The container alone says little (any JSON object or a
 * line with a comma would pass), so the first records are read as the page would read them and
 * must be Graph activity records, sign-ins, or envelopes and pages of them. A HAR is not a log export
 * here: the page shows a capture as its entries table.
 */
import { createLogFeed, detectLogContainer, readRecord, type LogExportContainer } from '../../core/logs/index.js'

/** How many leading values are looked at: a log with a broken first line is still a log. */
const PROBED_VALUES = 8

function isLogRecord(value: unknown, nested = false): boolean {
  const record = readRecord(value)
  if (record.kind === 'activity' || record.kind === 'signin') return true
  if (nested || (record.kind !== 'envelope' && record.kind !== 'page')) return false
  return record.records.slice(0, PROBED_VALUES).some((inner) => isLogRecord(inner, true))
}

/**
 * The container of a log export that `head` opens, or undefined. `head` is the first KiBs of a file,
 * or a whole pasted text (`complete`: its last line counts too).
 */
export function sniffLogExport(head: string, complete: boolean): LogExportContainer | undefined {
  const container = detectLogContainer(head)
  if (container === undefined || container === 'har') return undefined
  const values: unknown[] = []
  const probe = {
    addValue: (value: unknown) => void values.push(value),
    addUnreadable: () => undefined,
  }
  try {
    const feed = createLogFeed(container, 'probe', head, probe)
    feed.push(new TextEncoder().encode(head.charCodeAt(0) === 0xfeff ? head.slice(1) : head))
    if (complete) feed.end()
  } catch {
    // A head cut in the middle, or no JSON at all: judged on the values read before.
  }
  return values.slice(0, PROBED_VALUES).some((value) => isLogRecord(value)) ? container : undefined
}
