import type { Exchange } from './exchange.js'
import { getHeader } from './exchange.js'

/** Where the exchange time came from. */
export type TimeSource = 'option' | 'date-header' | 'error-date' | 'started-at' | 'clock'

/** An ISO 8601 date-time (`T` or a space between date and time), with or without a zone. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * The time at which token lifetimes are judged: an explicit `now` (the CLI's `--now`) wins; else
 * the response's `Date` header; else `innerError.date` of the Graph error body (the server time of the
 * failure, so a pasted body or `--body` is judged when it happened); else the HAR `startedDateTime`;
 * else the current time. A capture from last week is judged at the moment it was taken, not read.
 *
 * @example
 * exchangeTime(exchange, undefined, '2026-11-20T10:00:00') // { at: 2026-11-20T10:00:00Z, source: 'error-date' } without a Date header
 */
export function exchangeTime(exchange: Exchange, now?: Date, errorDate?: string): { at: Date; source: TimeSource } {
  if (now !== undefined) return { at: now, source: 'option' }
  const dateHeader = exchange.response === undefined ? undefined : getHeader(exchange.response.headers, 'date')
  const fromHeader = parseTime(dateHeader)
  if (fromHeader !== undefined) return { at: fromHeader, source: 'date-header' }
  const fromError = parseErrorDate(errorDate)
  if (fromError !== undefined) return { at: fromError, source: 'error-date' }
  const fromStart = parseTime(exchange.startedAt)
  if (fromStart !== undefined) return { at: fromStart, source: 'started-at' }
  return { at: new Date(), source: 'clock' }
}

function parseTime(value: string | undefined): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const time = new Date(value.trim())
  return Number.isNaN(time.getTime()) ? undefined : time
}

/** Graph writes `innerError.date` without a zone (`2026-11-20T10:00:00`); it is UTC, not local time. */
function parseErrorDate(value: string | undefined): Date | undefined {
  const match = ISO_DATE_TIME.exec(value?.trim() ?? '')
  if (match === null) return undefined
  const text = match[0].replace(' ', 'T')
  return parseTime(match[1] === undefined ? `${text}Z` : text)
}
