/** Tolerant readers of claim values: tokens in the wild are not always shaped as documented. */
import type { JsonObject } from './decode.js'

/** A non-empty string claim, or undefined. */
export function stringClaim(claims: JsonObject, name: string): string | undefined {
  const value = claims[name]
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** The first string of a claim that may be a string or an array (`aud` can be either). */
export function firstStringClaim(claims: JsonObject, name: string): string | undefined {
  const value = claims[name]
  if (Array.isArray(value)) return value.find((item): item is string => typeof item === 'string' && item !== '')
  return stringClaim(claims, name)
}

/** A list claim: an array of strings, or a space-separated string (`scp`). */
export function listClaim(claims: JsonObject, name: string): string[] {
  const value = claims[name]
  if (typeof value === 'string') return value.split(/\s+/).filter((item) => item !== '')
  if (!Array.isArray(value)) return []
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
}

/** The range of a JavaScript Date, in seconds either side of 1970 (about 275,000 years). */
const MAX_TIME_SECONDS = 8.64e12

/**
 * A time claim in Unix seconds (numeric strings accepted), or undefined; a number beyond the range
 * of a Date is no time at all (it would make every date computation throw).
 */
export function timeClaim(claims: JsonObject, name: string): number | undefined {
  const value = claims[name]
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value
  return typeof seconds === 'number' && Number.isFinite(seconds) && Math.abs(seconds) <= MAX_TIME_SECONDS ? seconds : undefined
}

/** True when the claim is present with any non-empty value. */
export function hasClaim(claims: JsonObject, name: string): boolean {
  const value = claims[name]
  if (value === undefined || value === null || value === '') return false
  return !(Array.isArray(value) && value.length === 0)
}
