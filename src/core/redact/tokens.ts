/** Credentials found by shape: after an auth scheme, and opaque tokens standing alone. */
import { decodeBase64Text } from '../token/base64url.js'
import { hasSchemeBeforeBlank } from './prefilter.js'

/**
 * The credential after an auth scheme. At least 16 token characters, so that prose such as
 * "a Bearer token" or "Bearer authentication" survives; already redacted text (`[redacted …`) too.
 */
export const SCHEME_CREDENTIAL = /\b(Bearer|PoP|Basic)([ \t]+)([A-Za-z0-9._~+/-]{16,}=*)/gi
/** A short Basic credential (`Basic YTpi` is `a:b`): redacted when it decodes to `user:password`. */
export const SHORT_BASIC = /\b(Basic)([ \t]+)([A-Za-z0-9+/]{4,15}={0,2})(?![A-Za-z0-9+/=])/gi
/** Opaque access tokens of personal Microsoft accounts (`EwB…`), standard base64 with `+` and `/`. */
export const OPAQUE_MSA = /\bEw[A-D][A-Za-z0-9+/]{200,}={0,2}/g
/**
 * Token characters (`[A-Za-z0-9_.+=-]`): runs of 40+ of them (refresh tokens `0.AXoA…`, codes, keys)
 * are judged by {@link isOpaqueToken}. Runs are found by hand, in one pass: a regex over every run
 * cost every output write a string per word; `{40,}` was polynomial on many short runs.
 */
const RUN_CHAR = new Uint8Array(128)
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.+=-') RUN_CHAR[char.charCodeAt(0)] = 1
const MIN_RUN = 40
/** Runs shorter than this are tokens only with three dotted parts, one of them long (a JWT missing its header start). */
const LONG_ALONE = 64

/**
 * `Microsoft.Graph.AGS.Contracts.ClaimsChallengeRequiredException`: dotted words, mostly small letters.
 * Base64 (a JWT cut at its first character, a key) has as many capitals as small letters.
 */
function isTypeName(run: string): boolean {
  if (!/^[a-z][a-z0-9]{0,39}(?:\.[a-z][a-z0-9]{0,39})+$/i.test(run)) return false
  const small = run.replace(/[^a-z]/g, '').length
  return small >= 2 * run.replace(/[^A-Z]/g, '').length
}

/**
 * A long run is a token when it mixes capitals, small letters and digits and is not base64 of JSON
 * text (a claims challenge, a JWT part without its siblings: claims may be shown).
 */
function isOpaqueToken(run: string): boolean {
  if (!/[A-Z]/.test(run) || !/[a-z]/.test(run) || !/[0-9]/.test(run)) return false
  if (run.length < LONG_ALONE && !(run.split('.').length >= 3 && run.split('.').some((part) => part.length >= 32))) return false
  if (isTypeName(run)) return false
  const decoded = decodeBase64Text(run)
  return decoded === undefined || !/^\s*[[{]/.test(decoded)
}

/** Replace the credential after `Bearer`/`PoP`/`Basic` with `[redacted token, <n> chars]`. */
export function redactSchemeCredentials(text: string): string {
  if (!hasSchemeBeforeBlank(text)) return text
  return text
    .replace(SCHEME_CREDENTIAL, (_match, scheme: string, space: string, credential: string) => `${scheme}${space}[redacted token, ${credential.length} chars]`)
    .replace(SHORT_BASIC, (match, scheme: string, space: string, credential: string) =>
      (decodeBase64Text(credential)?.includes(':') === true ? `${scheme}${space}[redacted token, ${credential.length} chars]` : match))
}

/** Replace opaque tokens (`EwB…`, long mixed runs) with `[redacted token, <n> chars]`. */
export function redactOpaqueTokens(text: string): string {
  const withoutMsa = text.includes('Ew') ? text.replace(OPAQUE_MSA, (token) => `[redacted token, ${token.length} chars]`) : text
  return redactLongRuns(withoutMsa)
}

/** Every maximal run of token characters of {@link MIN_RUN}+ that {@link isOpaqueToken} judges a token, replaced. */
function redactLongRuns(text: string): string {
  let out = ''
  let copied = 0
  let i = 0
  while (i < text.length) {
    if (RUN_CHAR[text.charCodeAt(i)] !== 1) {
      i++
      continue
    }
    const start = i
    while (i < text.length && RUN_CHAR[text.charCodeAt(i)] === 1) i++
    if (i - start < MIN_RUN) continue
    const run = text.slice(start, i)
    if (!isOpaqueToken(run)) continue
    out += `${text.slice(copied, start)}[redacted token, ${run.length} chars]`
    copied = i
  }
  return copied === 0 ? text : out + text.slice(copied)
}
