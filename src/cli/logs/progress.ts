/**
 * A progress bar on stderr, drawn only when stderr is a terminal: bytes read, records per second
 * and, when the total size is known, the share done and the time left. Silent otherwise.
 */
import type { CliIo } from '../command.js'

const REDRAW_MS = 200
const BAR = 24

export interface Progress {
  readonly addBytes: (bytes: number) => void
  readonly setRecords: (records: number) => void
  /** Clear the line (before the report is written). */
  readonly done: () => void
}

const silent: Progress = { addBytes: () => undefined, setRecords: () => undefined, done: () => undefined }

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?'
  const minutes = Math.floor(seconds / 60)
  return minutes === 0 ? `${Math.ceil(seconds)}s` : `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`
}

/**
 * The progress bar for reading `totalBytes` (0 when unknown, e.g. stdin).
 *
 * @example
 * const progress = createProgress(io, size)
 * progress.addBytes(chunk.length)
 */
export function createProgress(io: CliIo, totalBytes: number, now: () => number = Date.now): Progress {
  if (io.stderrIsTTY !== true) return silent
  const started = now()
  let bytes = 0
  let records = 0
  let drawn = 0
  let visible = false
  const draw = (): void => {
    const time = now()
    if (time - drawn < REDRAW_MS) return
    drawn = time
    const seconds = Math.max((time - started) / 1000, 0.001)
    const rate = `${Math.round(records / seconds).toLocaleString('en-US')} records/s`
    if (totalBytes > 0) {
      const share = Math.min(bytes / totalBytes, 1)
      const filled = Math.round(share * BAR)
      const eta = share > 0 ? duration(seconds / share - seconds) : '?'
      io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${mib(bytes)} / ${mib(totalBytes)}  ${rate}  ETA ${eta}  `)
    } else io.stderr(`\r${mib(bytes)}  ${rate}  `)
    visible = true
  }
  return {
    addBytes: (more) => {
      bytes += more
      draw()
    },
    setRecords: (count) => {
      records = count
    },
    done: () => {
      if (visible) io.stderr('\r\u001b[2K')
    },
  }
}
