/**
 * JWT-shaped values, also broken or oddly encoded ones: a header whose base64 decodes to `{"`, `{ "`,
 * `{\n  "` (pretty-printed: `ewog…`, `eyAi…`) or `{}` (`e30`), parts joined by `.` or `%2E`, standard
 * base64 characters (`+`, `/`, `=`), and line breaks or spaces inside (a wrapped paste). One pass over
 * the text: each start is tried once, and a failed start skips the run it scanned.
 */

const MAX_PARTS = 5 // a JWS has 3 parts, a JWE 5
const HEADER_PROBE = 16 // base64 characters decoded to judge a header start

function isBase64Char(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) ||
    code === 45 || code === 95 || code === 43 || code === 47 || code === 61
}

const BASE64_VALUE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function sextet(char: string): number {
  if (char === '-' || char === '+') return 62
  if (char === '_' || char === '/') return 63
  return BASE64_VALUE.indexOf(char)
}

/** The bytes of a short base64 prefix, as Latin-1 characters (enough to see `{`, spaces and `"`). */
function decodePrefix(text: string): string {
  let bits = 0
  let count = 0
  let out = ''
  for (const char of text) {
    const value = sextet(char)
    if (value < 0) break
    bits = (bits << 6) | value
    count += 6
    if (count >= 8) {
      count -= 8
      out += String.fromCharCode((bits >> count) & 0xff)
    }
  }
  return out
}

/** A JSON object's start: `{`, optional white space, then `"` or `}` (or only white space so far). */
function startsJsonObject(decoded: string): boolean {
  return /^\{\s*(?:["}]|$)/.test(decoded)
}

/** The length of a separator (`.` or `%2E`) at `index`, else 0. */
function separatorAt(text: string, index: number): number {
  if (text[index] === '.') return 1
  return text[index] === '%' && text[index + 1] === '2' && (text[index + 2] === 'E' || text[index + 2] === 'e') ? 3 : 0
}

/** The length of a break (white space, or an escaped `\n`, `\r\n`, `\t` as in JSON text) at `index`, else 0. */
function breakAt(text: string, index: number): number {
  let length = 0
  while (length < 4) {
    const char = text[index + length]
    if (char === ' ' || char === '\n' || char === '\r' || char === '\t') length += 1
    else if (char === '\\' && (text[index + length + 1] === 'n' || text[index + length + 1] === 'r' || text[index + length + 1] === 't')) length += 2
    else break
  }
  return length
}

/**
 * What follows a break continues the token: a separator, a chunk ending in a separator, or a chunk
 * that looks random rather than a word of prose (8+ characters with a digit, `-`, `_`, `+`, `/`, or
 * two capitals and a small letter).
 */
function continuesToken(text: string, start: number): boolean {
  let end = start
  while (end < text.length && isBase64Char(text.charCodeAt(end))) end++
  if (separatorAt(text, end) > 0) return true
  const chunk = text.slice(start, end)
  if (chunk.length < 8) return false
  return /[0-9_+/-]/.test(chunk) || (/[A-Z][^A-Z]*[A-Z]/.test(chunk) && /[a-z]/.test(chunk))
}

interface Scan {
  /** End of the JWT, or -1 when this start is no JWT. */
  readonly end: number
  /** Where the scan stopped: no JWT starts before it. */
  readonly stop: number
}

function scanFrom(text: string, start: number): Scan {
  let index = start
  let parts = 1
  let partLength = 0
  let secondPartLength = 0
  while (index < text.length) {
    if (isBase64Char(text.charCodeAt(index))) {
      index += 1
      partLength += 1
      if (parts === 2) secondPartLength += 1
      continue
    }
    const separator = separatorAt(text, index)
    if (separator > 0 && parts < MAX_PARTS && partLength + parts > 1) {
      index += separator
      parts += 1
      partLength = 0
      continue
    }
    const gap = breakAt(text, index)
    const next = index + gap
    if (gap > 0 && next < text.length && continuesToken(text, next)) {
      index = next
      continue
    }
    break
  }
  return { end: parts >= 2 && secondPartLength > 0 ? index : -1, stop: index }
}

/** True where `redactJwts` would try a JWT: an `e` whose base64 decodes to the start of a JSON object. */
export function isHeaderStart(text: string, index: number): boolean {
  // `e` is sextet 30 (011110): the first byte is `{` (01111011) only when the next sextet is 48 or more,
  // and its low four bits begin the second byte, which must be white space (0x09-0x0d, 0x20, 0xa0),
  // `"` or `}`: 0, 2, 7 or 10, so the next character is `w`, `y`, `3` or `6` (a lone `{` is no header).
  if (text.charCodeAt(index) !== 0x65) return false
  const next = text.charCodeAt(index + 1)
  if (next !== 0x77 && next !== 0x79 && next !== 0x33 && next !== 0x36) return false
  const probe = text.slice(index, index + HEADER_PROBE)
  const decoded = decodePrefix(probe)
  // A first part that ends before it decodes past `{` (`ex.json`, `index.json`) is a word, not a header;
  // one that fills the probe with `{` and white space is still taken for one.
  if (/^\{\s*$/.test(decoded) && decoded.length < (HEADER_PROBE * 3) / 4) return false
  return probe.length >= 3 && startsJsonObject(decoded)
}

/**
 * Replace every JWT-shaped value with `[redacted JWT, <n> chars]`. At least two parts, the second one
 * non-empty: a base64 claims challenge (`eyJhY2Nlc3NfdG9rZW4i…`) ending a sentence is kept.
 */
export function redactJwts(text: string): string {
  let out = ''
  let copied = 0
  let index = text.indexOf('e')
  while (index >= 0) {
    if (isHeaderStart(text, index)) {
      const scan = scanFrom(text, index)
      if (scan.end > 0) {
        out += `${text.slice(copied, index)}[redacted JWT, ${scan.end - index} chars]`
        copied = scan.end
      }
      index = text.indexOf('e', Math.max(scan.stop, index + 1))
    } else {
      index = text.indexOf('e', index + 1)
    }
  }
  return copied === 0 ? text : out + text.slice(copied)
}
