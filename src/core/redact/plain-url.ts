/**
 * A quick proof that `redactSecrets` leaves a URL as it is (or anything else without blanks made of
 * URL characters: a time, an id), also written as a JSON string literal (`"https://…"`, the form the
 * output boundary checks): the values that change in every healthy result of a long capture.
 *
 * Why it holds, pattern by pattern, for a text of RFC 3986 characters (letters, digits,
 * `-._~:/?#@!$&'()*+,;=%`; no blank, backslash or inner quote):
 * - a credential after `Bearer`, `PoP` or `Basic` needs a blank after the scheme word;
 * - a JWT starts at an `e` where `redactJwts` sees a header start (`isHeaderStart`, its own test);
 *   a personal account's token needs `Ew`; an opaque token a run of 40 token characters;
 * - `name=` and `name%3D` take the name as the longest run of name characters before them, and
 *   hide a value only under a secret name (`isSecretName`); so do `name:` in free text and the
 *   `Authorization:`/`Cookie:` header lines (both names end a secret name);
 * - `"name": …` needs a quote right before a colon; HAR header objects need `"name`, escaped pairs
 *   a backslash;
 * - a URL's password needs a `/`, a colon after it with no `/?#@` between, then an `@`.
 * `test/core/redact-plain-url.test.ts` checks it against `redactSecrets`, with planted secrets.
 */
import { isHeaderStart } from './jwt.js'
import { isSecretName } from './names.js'

const URL_CHAR = 1
/** `[A-Za-z0-9_.$-]`: what a secret's name in `name=` or `name:` is made of. */
const NAME_CHAR = 2
/** `[A-Za-z0-9_.+=-]`: an opaque token's characters. */
const TOKEN_CHAR = 4
const CLASS = new Uint8Array(128)
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
function mark(chars: string, bit: number): void {
  for (const char of chars) CLASS[char.charCodeAt(0)] = (CLASS[char.charCodeAt(0)] ?? 0) | bit
}
mark(`${ALNUM}-._~:/?#@!$&'()*+,;=%`, URL_CHAR)
mark(`${ALNUM}_.$-`, NAME_CHAR)
mark(`${ALNUM}_.+=-`, TOKEN_CHAR)

/** Runs of token characters from this length on are judged by the opaque-token check. */
const LONG_RUN = 40

const COLON = 0x3a
const SLASH = 0x2f

/** True only when `redactSecrets(text) === text` is certain without running it. */
export function isPlainUrl(text: string): boolean {
  let from = 0
  let to = text.length
  if (text.charCodeAt(0) === 0x22) {
    if (to < 2 || text.charCodeAt(to - 1) !== 0x22) return false
    from = 1
    to -= 1
  }
  let nameStart = from
  let run = 0
  /** The last of `/?#@:` seen: a colon right after a `/` segment may start a URL's password. */
  let delimiter = 0
  let passwordColon = false
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i)
    const kind = code < 128 ? (CLASS[code] as number) : 0
    if (kind === 0) return false
    run = (kind & TOKEN_CHAR) === 0 ? 0 : run + 1
    if (run >= LONG_RUN) return false
    if ((kind & NAME_CHAR) !== 0) {
      if (code === 0x65 && startsJwtHeader(text.charCodeAt(i + 1)) && isHeaderStart(text, i)) return false
      if (code === 0x45 && text.charCodeAt(i + 1) === 0x77) return false
      continue
    }
    if (code === 0x3d || (code === 0x25 && text.charCodeAt(i + 1) === 0x33 && (text.charCodeAt(i + 2) | 0x20) === 0x64)) {
      if (mayBeSecretName(text, nameStart, i)) return false
    } else if (code === COLON) {
      if (text.charCodeAt(i - 1) === 0x27 || mayBeSecretName(text, nameStart, i)) return false
      passwordColon ||= delimiter === SLASH
    } else if (code === 0x40 && passwordColon) {
      return false
    }
    if (code === SLASH || code === 0x3f || code === 0x23 || code === 0x40 || code === COLON) delimiter = code
    nameStart = i + 1
  }
  return true
}

/** After an `e`, a base64 character of value 48 or more (`w`-`z`, digits, `-`, `_`, `+`, `/`): `e` and it decode to `{`. */
function startsJwtHeader(code: number): boolean {
  return (code >= 0x77 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x5f || code === 0x2b || code === 0x2f
}

/** Names already judged (`https`, `$select`, `$filter`…: a capture repeats them), bounded. */
let judged = new Map<string, boolean>()
const JUDGED_LIMIT = 1000

/**
 * `isSecretName` of `text[from, to)`. Every secret name ends in a letter once `_`, `.`, `$` and `-`
 * are dropped, so a name ending in a digit (a time's `2026-11-20T10`) is none without looking further.
 */
function mayBeSecretName(text: string, from: number, to: number): boolean {
  let last = to - 1
  while (last >= from && isDroppedFromName(text.charCodeAt(last))) last--
  if (last < from) return false
  const code = text.charCodeAt(last)
  if (code >= 0x30 && code <= 0x39) return false
  const name = text.slice(from, to)
  let secret = judged.get(name)
  if (secret === undefined) {
    secret = isSecretName(name)
    if (judged.size >= JUDGED_LIMIT) judged = new Map()
    judged.set(name, secret)
  }
  return secret
}

/** What `normaliseName` drops from a name made of name characters. */
function isDroppedFromName(code: number): boolean {
  return code === 0x5f || code === 0x2e || code === 0x24 || code === 0x2d
}
