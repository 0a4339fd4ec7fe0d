/** The states of one file's byte ranges joined into the state of the whole file. */
import { mergeStates, type LogState } from '../../core/logs/index.js'

/**
 * Merge the ranges' states in order: one input entry for the file, and the line numbers of its
 * unreadable records counted from the start of the file (each range counted from its own start).
 */
export function joinRanges(name: string, ranges: ReadonlyArray<{ readonly state: LogState; readonly lines: number }>): LogState {
  const prefix = `${name} line `
  let before = 0
  const states = ranges.map(({ state, lines }) => {
    const offset = before
    before += lines
    const unreadable = state.unreadable.map((entry) => ({ ...entry, source: shiftLine(entry.source, prefix, offset) }))
    return { ...state, unreadable }
  })
  const merged = mergeStates(states)
  const first = merged.inputs[0]
  if (first === undefined) return merged
  const input = { ...first, records: 0, unreadable: 0 }
  for (const part of merged.inputs) {
    input.records += part.records
    input.unreadable += part.unreadable
  }
  merged.inputs.splice(0, merged.inputs.length, input)
  return merged
}

function shiftLine(source: string, prefix: string, offset: number): string {
  if (offset === 0 || !source.startsWith(prefix)) return source
  let end = prefix.length
  while (end < source.length && source.charCodeAt(end) >= 0x30 && source.charCodeAt(end) <= 0x39) end++
  if (end === prefix.length) return source
  return `${prefix}${Number(source.slice(prefix.length, end)) + offset}${source.slice(end)}`
}
