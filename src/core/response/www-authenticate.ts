import type { AuthChallenge } from './types.js'

interface Cursor {
  readonly text: string
  at: number
}

interface DraftChallenge {
  readonly scheme: string
  readonly params: Record<string, string>
}

/**
 * Parse `WWW-Authenticate` header values into challenges (RFC 7235, leniently): several challenges
 * per header and several headers, quoted values with escaped quotes and commas, unquoted values
 * (`authorization_uri=https://…`), values ending in `=` (base64), params separated by spaces only.
 * Param names are lower-cased; the first occurrence of a name wins. A token68 credential
 * (`Negotiate abc==`) is kept under the param name `token68`.
 *
 * @example
 * parseWwwAuthenticate(['Bearer realm="", error="insufficient_claims", claims="eyJ9=="'])
 * // [{ scheme: 'Bearer', params: { realm: '', error: 'insufficient_claims', claims: 'eyJ9==' } }]
 */
export function parseWwwAuthenticate(values: readonly string[]): AuthChallenge[] {
  const challenges: AuthChallenge[] = []
  for (const value of values) challenges.push(...parseOneHeader(value))
  return challenges
}

function parseOneHeader(text: string): DraftChallenge[] {
  const cursor: Cursor = { text, at: 0 }
  const challenges: DraftChallenge[] = []
  let current: DraftChallenge | undefined
  while (skipSeparators(cursor)) {
    const name = readToken(cursor)
    if (name === '') {
      cursor.at++ // a stray character: skip it rather than loop forever
      continue
    }
    skipSpaces(cursor)
    if (peek(cursor) === '=') {
      cursor.at++
      // A param before any scheme: keep it on a scheme-less challenge rather than drop it.
      if (current === undefined) challenges.push((current = { scheme: '', params: {} }))
      addParam(current, name, readValue(cursor))
      continue
    }
    current = { scheme: name, params: {} }
    challenges.push(current)
    readToken68(cursor, current)
  }
  return challenges
}

/** After a scheme: `Negotiate abc==` carries a token68 instead of params. */
function readToken68(cursor: Cursor, challenge: DraftChallenge): void {
  const match = /^[ \t]*([A-Za-z0-9\-._~+/]+=*)[ \t]*(?:,|$)/.exec(cursor.text.slice(cursor.at))
  if (match === null || match[1] === undefined) return
  // `Bearer realm=, error="x"`: an empty param followed by more params, not a token68.
  const rest = cursor.text.slice(cursor.at + match[0].length)
  if (/^[^=]+=$/.test(match[1]) && /^\s*[^\s,="]+\s*=/.test(rest)) return
  challenge.params['token68'] = match[1]
  cursor.at += match[0].length
}

function addParam(challenge: DraftChallenge, name: string, value: string): void {
  const key = name.toLowerCase()
  if (!Object.hasOwn(challenge.params, key)) challenge.params[key] = value
}

function readValue(cursor: Cursor): string {
  skipSpaces(cursor)
  if (peek(cursor) === '"') return readQuoted(cursor)
  const start = cursor.at
  while (cursor.at < cursor.text.length && !/[,\s]/.test(cursor.text.charAt(cursor.at))) cursor.at++
  return cursor.text.slice(start, cursor.at)
}

function readQuoted(cursor: Cursor): string {
  cursor.at++ // opening quote
  let value = ''
  while (cursor.at < cursor.text.length) {
    const char = cursor.text.charAt(cursor.at++)
    if (char === '"') return value
    if (char === '\\' && cursor.at < cursor.text.length) value += cursor.text.charAt(cursor.at++)
    else value += char
  }
  return value // unterminated: keep what was there
}

function readToken(cursor: Cursor): string {
  const start = cursor.at
  while (cursor.at < cursor.text.length && /[^\s,="]/.test(cursor.text.charAt(cursor.at))) cursor.at++
  return cursor.text.slice(start, cursor.at)
}

/** Skip spaces and commas; false at the end of the text. */
function skipSeparators(cursor: Cursor): boolean {
  while (cursor.at < cursor.text.length && /[\s,]/.test(cursor.text.charAt(cursor.at))) cursor.at++
  return cursor.at < cursor.text.length
}

function skipSpaces(cursor: Cursor): void {
  while (cursor.at < cursor.text.length && /[ \t]/.test(cursor.text.charAt(cursor.at))) cursor.at++
}

function peek(cursor: Cursor): string {
  return cursor.text.charAt(cursor.at)
}
