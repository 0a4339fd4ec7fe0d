/**
 * Secrets in JSON that sits inside text, where the plain `"name": "value"` scan cannot see them:
 * - HAR-style header objects, `{"name": "Cookie", "value": "…"}`: the value has no secret name of its
 *   own (`session=…`), only the header's name tells that it is one;
 * - JSON quoted inside a JSON string once or more (a capture or a request body quoted in evidence:
 *   `{\"client_secret\":\"…\"}`), whose quotes carry backslashes.
 * A value cut short (`…` and the end of the outer string) is hidden up to where it was cut.
 */
import { isSecretValue } from './names.js'
import { hasQuotedName } from './prefilter.js'

/** `"name": "<header>", "value": "` with any run of backslashes before each quote (escaped JSON). */
export const HEADER_OBJECT = /"name\\*"\s*:\s*\\*"([A-Za-z0-9_-]{1,64})\\*"\s*,\s*\\*"value\\*"\s*:\s*(\\*)"/gi
/**
 * `"name\": \"` of an escaped `\"name\": \"` (the backslashes before the first quote are checked by
 * hand: a leading `\\+` made the scan quadratic on long runs of backslashes). The value's quote has
 * the backslashes of group 2.
 */
export const ESCAPED_PAIR = /"([A-Za-z0-9_.$ -]{1,80})\\+"\s*:\s*(\\+)"/g

/**
 * Hide the values of secret header objects and of escaped `\"name\": \"value\"` pairs as
 * `[redacted, <n> chars]`.
 *
 * @example
 * redactJsonPairs('{"name":"Cookie","value":"session=abc"}') // '{"name":"Cookie","value":"[redacted, 11 chars]"}'
 * redactJsonPairs('"{\\"client_secret\\":\\"abc\\"}"') // '"{\\"client_secret\\":\\"[redacted, 3 chars]\\"}"'
 */
export function redactJsonPairs(text: string): string {
  const headersDone = hasQuotedName(text) ? redactValuesAfter(text, HEADER_OBJECT) : text
  return headersDone.includes('\\') ? redactValuesAfter(headersDone, ESCAPED_PAIR) : headersDone
}

function redactValuesAfter(text: string, pattern: RegExp): string {
  let out = ''
  let copied = 0
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const start = pattern.lastIndex
    if (pattern === ESCAPED_PAIR && text[match.index - 1] !== '\\') continue
    const end = closingQuote(text, start, (match[2] ?? '').length)
    const value = text.slice(start, end)
    if (value.startsWith('[redacted') || !isSecretValue(match[1] ?? '', value)) continue
    out += `${text.slice(copied, start)}[redacted, ${value.length} chars]`
    copied = end
    pattern.lastIndex = end
  }
  return copied === 0 ? text : out + text.slice(copied)
}

/**
 * Where a string opened by a quote behind `level` backslashes closes: at a quote behind exactly that
 * many backslashes (any even number at level 0); or behind fewer, an outer string closing on a value
 * cut short; or at the end of the text.
 */
function closingQuote(text: string, from: number, level: number): number {
  for (let quote = text.indexOf('"', from); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0
    while (quote - backslashes - 1 >= from && text[quote - backslashes - 1] === '\\') backslashes += 1
    if (level === 0 ? backslashes % 2 === 0 : backslashes <= level) return quote - backslashes
  }
  return text.length
}
