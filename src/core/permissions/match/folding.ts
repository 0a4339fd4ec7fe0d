/**
 * Case-insensitive matching over slices of a larger string, without creating substrings: request
 * segments are hashed and compared in place inside the raw URL.
 */

/**
 * Lower-case an ASCII letter; also the Kelvin sign, the one non-ASCII character whose `toLowerCase()`
 * is a single ASCII letter, so that comparisons agree with lower-casing the whole URL.
 */
export function fold(char: number): number {
  if (char >= 65 && char <= 90) return char + 32
  return char === 0x212a ? 107 : char
}

/**
 * A hash of `text[start, end)` ignoring case, from its length and three characters (first, middle,
 * last): reading every character of a 40-character id costs more than the few full comparisons the
 * collisions cause. Three characters rather than five: each `charCodeAt` is a measurable part of
 * scanning a URL (about 5 % of a lookup for the two dropped), and 112 of the 6,448 edges share a hash
 * with a sibling (29 with five), which costs one more name comparison for those alone.
 */
export function foldedHash(text: string, start: number, end: number): number {
  const length = end - start
  if (length <= 0) return 0
  let hash = Math.imul(length ^ (loose(text.charCodeAt(start)) << 8) ^ (loose(text.charCodeAt(end - 1)) << 16), 0x9e3779b1)
  hash ^= loose(text.charCodeAt(start + (length >> 1)))
  hash = Math.imul(hash ^ (hash >>> 15), 0x85ebca6b)
  return hash ^ (hash >>> 13)
}

/** A cheaper {@link fold} for hashing: characters equal after folding stay equal (a few others collide). */
function loose(char: number): number {
  if (char < 128) return char | 32
  return char === 0x212a ? 107 : char
}

/** `lower` (already lower-case) equals `text[start, start + lower.length)` ignoring case; the caller checks the length. */
export function equalsFolded(lower: string, text: string, start: number): boolean {
  for (let i = 0; i < lower.length; i++) {
    const char = text.charCodeAt(start + i)
    const expected = lower.charCodeAt(i)
    if (char !== expected && fold(char) !== expected) return false
  }
  return true
}

/** `text[start, end)` is `lower` ignoring ASCII case. */
export function sliceIs(lower: string, text: string, start: number, end: number): boolean {
  return end - start === lower.length && equalsFolded(lower, text, start)
}
