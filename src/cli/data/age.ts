/** How old permission data is, and when that deserves a word (`data status`, the one stderr line). */

/** Data older than this gets one line suggesting `graph-doctor data update`. */
export const STALE_DAYS = 90
const DAY_MS = 86_400_000

/** Whole days between the data's date (ISO date or time) and `now`. */
export function ageInDays(date: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(date)) / DAY_MS))
}

/** A cache updated before the bundled snapshot's upstream date holds older data than graph-doctor ships with. */
export function isSupersededBySnapshot(cacheUpdatedAt: string, snapshotDate: string | undefined): boolean {
  return snapshotDate !== undefined && Date.parse(snapshotDate) > Date.parse(cacheUpdatedAt)
}
