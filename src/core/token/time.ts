/** Judging a token's lifetime at the time of the exchange, not at the time of reading a capture. */
import type { TokenAnalysis, TokenTimeJudgement } from './types.js'

/** ISO time without milliseconds when they are zero: `2026-11-20T10:00:00Z`. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z')
}

/**
 * Was the token valid at `at`? `expired` when `exp` ≤ `at`, `not-yet-valid` when `nbf` > `at`
 * (checked first: a clock-skew problem), `unknown` without `exp` or with an invalid `at`.
 * Pass the exchange time: the response `Date` header, else the HAR `startedDateTime`, else now,
 * so that a capture from last week does not read as expired because it is old.
 *
 * @example
 * judgeTokenTime(analyseToken(jwt), new Date('2026-11-20T10:00:00Z')) // { state: 'valid', at: '2026-11-20T10:00:00Z', offBySeconds: 0 }
 */
export function judgeTokenTime(token: TokenAnalysis, at: Date): TokenTimeJudgement {
  const atMs = at.getTime()
  if (!Number.isFinite(atMs)) return { state: 'unknown', at: 'invalid date', offBySeconds: 0 }
  const atSeconds = atMs / 1000
  const iso = isoSeconds(at)
  if (token.notBefore !== undefined && token.notBefore > atSeconds) {
    return { state: 'not-yet-valid', at: iso, offBySeconds: Math.ceil(token.notBefore - atSeconds) }
  }
  if (token.expiresAt === undefined) return { state: 'unknown', at: iso, offBySeconds: 0 }
  if (token.expiresAt <= atSeconds) return { state: 'expired', at: iso, offBySeconds: Math.floor(atSeconds - token.expiresAt) }
  return { state: 'valid', at: iso, offBySeconds: 0 }
}

function unit(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`
}

/**
 * A duration as a person says it, in its two largest units, zero parts left out: `45 s`, `1 min 30 s`,
 * `55 min`, `2 h 5 min`, `1 day`, `3 days 4 h`. The sign is ignored.
 *
 * @example
 * formatDuration(86_400 + 7200) // '1 day 2 h'
 */
export function formatDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds))
  if (s < 60) return `${s} s`
  const [days, hours, minutes] = [Math.floor(s / 86_400), Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60)]
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${hours} h` : unit(days, 'day')
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`
  const rest = s % 60
  return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`
}
