import { formatBytes } from './fs-util.js'

/** Progress of one file being fetched or copied. */
export interface FileProgress {
  advance(bytes: number): void
  done(): void
}

export interface ProgressOptions {
  readonly write: (text: string) => void
  /** Only a terminal gets progress lines; logs and pipes get the final summary alone. */
  readonly isEnabled: boolean
  readonly now?: () => number
  /** Minimum time between two redraws. */
  readonly intervalMs?: number
}

const CLEAR_LINE = '\r\u001b[K'

/**
 * A throttled, single-line progress display for stderr: `permissions.json  1.2 MB / 3.0 MB  40%`.
 * Redraws at most every `intervalMs`, and once at the end of each file.
 */
export function createProgress(options: ProgressOptions): (name: string, totalBytes: number | undefined) => FileProgress {
  const now = options.now ?? Date.now
  const interval = options.intervalMs ?? 100
  return (name, totalBytes) => {
    let received = 0
    let lastDraw = Number.NEGATIVE_INFINITY
    const draw = (final: boolean): void => {
      if (!options.isEnabled) return
      options.write(`${CLEAR_LINE}${progressLine(name, received, totalBytes)}${final ? '\n' : ''}`)
    }
    return {
      advance(bytes) {
        received += bytes
        const at = now()
        if (at - lastDraw < interval) return
        lastDraw = at
        draw(false)
      },
      done() {
        draw(true)
      },
    }
  }
}

/** One progress line, without control characters. */
export function progressLine(name: string, received: number, totalBytes: number | undefined): string {
  if (totalBytes === undefined || totalBytes <= 0) return `  ${name}  ${formatBytes(received)}`
  const percent = Math.min(100, Math.floor((received / totalBytes) * 100))
  return `  ${name}  ${formatBytes(received)} / ${formatBytes(totalBytes)}  ${percent}%`
}
