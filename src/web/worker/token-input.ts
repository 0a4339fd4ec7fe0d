/**
 * Is a pasted text a token on its own (rather than a capture or an error)? A bare JWT or opaque token,
 * `Bearer …`, an `Authorization:` line, or a token response (`access_token`, `accessToken`).
 */
import { parseAuthorizationHeader, tokenFromResponseJson } from '../../core/token/index.js'

/** One word, long enough to be a token, that no capture or error format starts with. */
function isBareToken(text: string): boolean {
  return text.length >= 20 && !/\s/.test(text) && !text.startsWith('{') && !/^https?:/i.test(text)
}

/**
 * The raw token held by a pasted text, or undefined when the text is something else (a HAR, an
 * error, a transcript). `problem` is set for an `Authorization` value that holds no usable token.
 */
export function tokenOfText(input: string): { readonly token?: string; readonly problem?: string } | undefined {
  const text = input.trim()
  const json = tokenFromResponseJson(text)
  if (json !== undefined) return { token: json.trim() }
  const value = text.replace(/^authorization:\s*/i, '')
  if (/^bearer\b/i.test(value) && !value.includes('\n')) {
    const header = parseAuthorizationHeader(value)
    if (header.state === 'present') return { token: header.token }
    return { problem: header.state === 'empty' ? header.problem : 'no token found' }
  }
  return isBareToken(value) ? { token: value } : undefined
}
