/**
 * A memo in front of a redaction function, for texts that repeat in every result of a long capture
 * (titles, details, fix steps, links): each is scanned once.
 */

import { redactSecrets } from '../redact.js'
import { isPlainText } from './plain.js'

/**
 * Memoize `redact`. Only texts it leaves unchanged (no secret in them) are kept, so the memo never
 * holds a raw secret, however long the process lives (a proxy, an integration); a text with a secret
 * is redacted again each time. Bounded: short texts only, and it starts afresh past `limit` of them.
 *
 * @example
 * const redact = memoizeRedaction(redactSecrets)
 * redact('Grant User.Read.All.') // scanned once, then answered from the memo
 */
export function memoizeRedaction(redact: (text: string) => string, limit = 10_000, maxLength = 4096): (text: string) => string {
  let clean = new Set<string>()
  // Texts that change in every result (a capture's `… entry 41327`) proved clean by their characters (plain.ts).
  const plain = redact === redactSecrets ? isPlainText : (): boolean => false
  return (text) => {
    if (plain(text) || clean.has(text)) return text
    const redacted = redact(text)
    if (redacted !== text || text.length > maxLength) return redacted
    if (clean.size >= limit) clean = new Set()
    clean.add(text)
    return text
  }
}
