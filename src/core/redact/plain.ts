/**
 * A quick proof that `redactSecrets` leaves a short text as it is, for the output-boundary check of
 * the values that change in every result of a long capture (`capture.har entry 41327`), without
 * running its dozen patterns on each.
 *
 * Why it holds: the text has only letters, digits, `.`, `_`, `-`, `/`, spaces and `"`, and a colon
 * only in a leading `https://` or `http://` (a healthy call's URL, which also differs in every entry).
 * Then every pattern that names a secret (`name=`, `name:`, `"name": "…"`, `user:password@`,
 * `Cookie:`, escaped pairs) lacks its `=`, `%`, `@` or `:`; a credential after `Bearer`, `PoP` or
 * `Basic` lacks its scheme word followed by a space; a JWT needs an `e` followed by a character that
 * makes its header decode to `{` and then white space, `"` or `}` (`isHeaderStart`, the same test
 * `redactJwts` starts from: a GUID's `e0-4f` is no header); an opaque token needs a run
 * of 40 token characters (`/` ends a run) or, for a personal account's `EwA`…`EwD` token, whose
 * base64 may hold `/`, its `Ew`.
 * `test/core/redact-plain.test.ts` checks it against `redactSecrets` on generated texts.
 */
import { isHeaderStart } from './jwt.js'
import { hasSchemeBeforeBlank } from './prefilter.js'

/** Runs of token characters from this length on are judged by the opaque-token check. */
const LONG_RUN = 40

/** True only when `redactSecrets(text) === text` is certain without running it. */
export function isPlainText(text: string): boolean {
  let run = 0
  let spaced = false
  for (let i = urlSchemeLength(text); i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x20 || code === 0x22 || code === 0x2f) {
      spaced ||= code === 0x20
      run = 0
      continue
    }
    if (!isWordCode(code) || ++run >= LONG_RUN) return false
    if (code === 0x65 && startsJwtHeader(text.charCodeAt(i + 1)) && isHeaderStart(text, i)) return false
    if (code === 0x45 && text.charCodeAt(i + 1) === 0x77) return false
  }
  return !spaced || !hasSchemeBeforeBlank(text)
}

/** The length of a leading `https://` or `http://`, else 0. */
function urlSchemeLength(text: string): number {
  if (text.startsWith('https://')) return 8
  return text.startsWith('http://') ? 7 : 0
}

/** Letters, digits, `.`, `_`, `-`. */
function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x5f || code === 0x2d
}

/** After an `e`, a base64 character of value 48 or more (`w`-`z`, digits, `-`, `_`, `+`, `/`): `e` and it decode to `{`. */
function startsJwtHeader(code: number): boolean {
  return (code >= 0x77 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x5f || code === 0x2b || code === 0x2f
}
