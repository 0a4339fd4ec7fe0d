/**
 * A large plain JSON-lines file cut into blocks at line starts (`logs --workers`), and the blocks the
 * threads read joined back into the state of the whole file.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { resolve } from 'node:path'
import { detectLogContainer, emptyState, mergeStates, type InputSummary, type LogState, type UnreadableRecord } from '../../core/logs/index.js'
import { binaryOffset } from '../bytes.js'

/** Bytes `[start, end)` of a file, starting at a line start and ending after a line break (or at the end). */
export interface ByteRange {
  readonly start: number
  readonly end: number
}

/** One block as a thread read it: its index in the file's blocks, its lines, count and unreadable records. */
export interface BlockRead {
  readonly index: number
  readonly lines: number
  readonly input: InputSummary
  readonly unreadable: readonly UnreadableRecord[]
}

/** What one thread read of a file: the state of all its blocks (their calls counted and judged) and each block. */
export interface ThreadRead {
  readonly state: LogState
  readonly blocks: readonly BlockRead[]
}

/** A file smaller than this per thread is read on the main thread (starting a thread costs more). */
const MIN_RANGE_BYTES = 4 * 1024 * 1024
/**
 * Blocks of about this size, at least {@link MIN_BLOCKS_PER_THREAD} per thread: the threads take them
 * in turn, so one that starts late (a worker's start-up) or runs slower reads fewer, and the last
 * block any thread finishes is small.
 */
const BLOCK_BYTES = 16 * 1024 * 1024
const MIN_BLOCKS_PER_THREAD = 4
const HEAD_BYTES = 1024 * 1024
const SCAN_BYTES = 64 * 1024

/** The blocks of a file worth sharing among `threads`, or undefined when it is read as one input on the main thread. */
export function planBlocks(path: string, cwd: string, threads: number): ByteRange[] | undefined {
  if (path === '-') return undefined
  let fd: number
  try {
    fd = openSync(resolve(cwd, path), 'r')
  } catch {
    return undefined
  }
  try {
    const size = fstatSync(fd).size
    if (size < threads * MIN_RANGE_BYTES) return undefined
    const head = new Uint8Array(Math.min(HEAD_BYTES, size))
    readSync(fd, head, 0, head.length, 0)
    if ((head[0] === 0x1f && head[1] === 0x8b) || binaryOffset(head) !== undefined) return undefined
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
    if (detectLogContainer(new TextDecoder().decode(head.subarray(bom))) !== 'json-lines') return undefined
    const count = Math.max(threads * MIN_BLOCKS_PER_THREAD, Math.ceil(size / BLOCK_BYTES))
    const cuts = [bom]
    for (let k = 1; k < count; k++) cuts.push(lineStartFrom(fd, Math.max(Math.floor((size * k) / count), cuts.at(-1) ?? 0), size))
    cuts.push(size)
    const blocks: ByteRange[] = []
    for (let k = 0; k + 1 < cuts.length; k++) if ((cuts[k + 1] ?? 0) > (cuts[k] ?? 0)) blocks.push({ start: cuts[k] ?? 0, end: cuts[k + 1] ?? 0 })
    return blocks
  } finally {
    closeSync(fd)
  }
}

/** The first line start at or after `from` (just after a LF), or the end of the file. */
function lineStartFrom(fd: number, from: number, size: number): number {
  const block = new Uint8Array(SCAN_BYTES)
  for (let at = from - 1; at < size; at += SCAN_BYTES) {
    const read = readSync(fd, block, 0, SCAN_BYTES, at)
    const lf = block.subarray(0, read).indexOf(0x0a)
    if (lf !== -1) return at + lf + 1
    if (read === 0) break
  }
  return size
}

/**
 * The threads' reads of one file joined into its state: the rows of every thread merged, one input
 * entry for the file, and the unreadable records in file order, numbered from the start of the file.
 */
export function joinBlocks(name: string, threads: readonly ThreadRead[]): LogState {
  const blocks = threads.flatMap((thread) => thread.blocks).sort((a, b) => a.index - b.index)
  const ranges = blocks.map((block) => ({ state: { ...emptyState(), inputs: [block.input], unreadable: [...block.unreadable] }, lines: block.lines }))
  const rows = threads.map((thread) => ({ state: { ...thread.state, inputs: [], unreadable: [] }, lines: 0 }))
  return joinRanges(name, [...ranges, ...rows])
}

/**
 * Merge ranges' states in order: one input entry for the file, and the line numbers of its
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
