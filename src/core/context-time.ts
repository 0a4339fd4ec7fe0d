import type { Exchange } from './exchange.js'
import { getHeader } from './exchange.js'

/** Where the exchange time came from. */
export type TimeSource = 'option' | 'date-header' | 'started-at' | 'clock'

/**
 * The time at which token lifetimes are judged: an explicit `now` (the CLI's `--now`) wins; else
 * the response's `Date` header; else the HAR `startedDateTime`; else the current time. A capture
 * from last week is judged at the moment it was taken, not at the moment it is read.
 */
export function exchangeTime(exchange: Exchange, now?: Date): { at: Date; source: TimeSource } {
  if (now !== undefined) return { at: now, source: 'option' }
  const dateHeader = exchange.response === undefined ? undefined : getHeader(exchange.response.headers, 'date')
  const fromHeader = parseTime(dateHeader)
  if (fromHeader !== undefined) return { at: fromHeader, source: 'date-header' }
  const fromStart = parseTime(exchange.startedAt)
  if (fromStart !== undefined) return { at: fromStart, source: 'started-at' }
  return { at: new Date(), source: 'clock' }
}

function parseTime(value: string | undefined): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const time = new Date(value.trim())
  return Number.isNaN(time.getTime()) ? undefined : time
}
