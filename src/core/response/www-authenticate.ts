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
  // One by one: spreading a header of 130,000 challenges into push() would overflow the stack.
  for (const value of values) for (const challenge of parseOneHeader(value)) challenges.push(challenge)
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

/** A param value longer than this (a real claims challenge is under 4 KB) is summarised, not kept. */
export const MAX_PARAM_CHARS = 64 * 1024

/** A quoted value, read in slices between escapes (linear, whatever its length). */
function readQuoted(cursor: Cursor): string {
  const { text } = cursor
  const parts: string[] = []
  let length = 0
  let at = cursor.at + 1 // after the opening quote
  let start = at
  const keep = (end: number): void => {
    length += end - start
    if (length <= MAX_PARAM_CHARS) parts.push(text.slice(start, end))
  }
  while (at < text.length) {
    const code = text.charCodeAt(at)
    if (code === 0x22) {
      keep(at)
      cursor.at = at + 1
      return paramValue(parts, length)
    }
    if (code === 0x5c && at + 1 < text.length) {
      keep(at) // the backslash is dropped; the character after it is kept as is
      start = at + 1
      at += 2
      continue
    }
    at++
  }
  keep(at)
  cursor.at = at
  return paramValue(parts, length) // unterminated: keep what was there
}

function paramValue(parts: readonly string[], length: number): string {
  return length > MAX_PARAM_CHARS ? `[omitted by graph-doctor: a value of ${length} characters]` : parts.join('')
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
