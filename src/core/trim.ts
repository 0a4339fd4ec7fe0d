/**
 * Trimming without regular expressions: `/\/+$/` and `/\s+$/` take quadratic time on a long run of the
 * character followed by something else (each start position scans the run again).
 */

/**
 * `text` without the copies of `char` at its end.
 *
 * @example
 * trimTrailing('https://graph.microsoft.com//', '/') // 'https://graph.microsoft.com'
 */
export function trimTrailing(text: string, char: string): string {
  let end = text.length
  while (end > 0 && text[end - 1] === char) end--
  return end === text.length ? text : text.slice(0, end)
}

/**
 * `text` without the characters of `chars` at its end, in any order.
 *
 * @example
 * trimTrailingAny(`AADSTS50076: MFA required.",'`, `'",`) // 'AADSTS50076: MFA required.'
 */
export function trimTrailingAny(text: string, chars: string): string {
  let end = text.length
  while (end > 0 && chars.includes(text[end - 1] ?? '')) end--
  return end === text.length ? text : text.slice(0, end)
}
