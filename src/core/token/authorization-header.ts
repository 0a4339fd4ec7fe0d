/**
 * Parsing of the `Authorization` request header: is there a token at all, and what exactly is wrong
 * with the string when there is one.
 */

/**
 * The state of an `Authorization` header.
 * - `absent`: no header.
 * - `empty`: a header without a usable token (`Bearer` alone, `Bearer undefined`, `Bearer <token>` …).
 * - `present`: a candidate token, cleaned (quotes, a second `Bearer`, line breaks removed) so that it can
 *   still be decoded; `problem` says what was wrong with the raw string.
 */
export type AuthorizationHeader =
  | { readonly state: 'absent' }
  | { readonly state: 'empty'; readonly scheme: string; readonly problem: string }
  | { readonly state: 'present'; readonly scheme: string; readonly token: string; readonly problem?: string }

/** Values that code writes when the variable holding the token was not set. Compared in lower case. */
const PLACEHOLDER_VALUES: ReadonlySet<string> = new Set([
  'undefined', 'null', 'nil', 'none', 'nan', 'false', 'true', '[object object]', '[object promise]',
  '""', "''", '``', 'token', 'access_token', 'accesstoken', 'your_token', 'your-token', 'yourtoken', '...', '…',
])

/** Template-looking placeholders: `<token>`, `{token}`, `{{token}}`, `${TOKEN}`, `$TOKEN`, `%TOKEN%`. */
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^<[^<>]*>$/, /^\{\{?[^{}]*\}?\}$/, /^\$\{[^{}]*\}$/, /^\$[A-Za-z_][A-Za-z0-9_]*$/, /^%[A-Za-z_][A-Za-z0-9_]*%$/,
]

const SCHEME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,19}:?$/
const KNOWN_SCHEMES = /^(?:bearer|basic|pop|negotiate|ntlm|digest):?$/i

/**
 * Longer values are never placeholders: `{"access_token":"eyJ…"}` is a real token in the wrong wrapping,
 * and a placeholder's text is quoted in the problem, which must never carry a token.
 */
const MAX_PLACEHOLDER_LENGTH = 40

function isPlaceholder(value: string): boolean {
  if (value === '') return true
  if (value.length > MAX_PLACEHOLDER_LENGTH) return false
  if (PLACEHOLDER_VALUES.has(value.toLowerCase())) return true
  return PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(value))
}

function unquote(value: string): { value: string; quoted: boolean } {
  const match = /^(["'`])([\s\S]*)\1$/.exec(value)
  return match?.[2] === undefined || value.length < 2 ? { value, quoted: false } : { value: match[2].trim(), quoted: true }
}

/** Split `Scheme credentials`; a value without a scheme (a bare token) gets scheme `''`. */
function splitScheme(value: string): { scheme: string; rest: string } {
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(value)
  const first = match?.[1] ?? ''
  const rest = match?.[2] ?? ''
  const looksLikeScheme = SCHEME_PATTERN.test(first) && (rest !== '' || KNOWN_SCHEMES.test(first))
  return looksLikeScheme ? { scheme: first, rest: rest.trim() } : { scheme: '', rest: value }
}

function schemeProblem(scheme: string): string | undefined {
  if (scheme === '') return 'no "Bearer" scheme: the header holds a bare token; send "Authorization: Bearer <token>"'
  if (scheme.endsWith(':')) return `"${scheme}" has a colon after the scheme; send "Bearer <token>"`
  if (scheme.toLowerCase() !== 'bearer') return `the scheme is "${scheme}", not "Bearer": Microsoft Graph accepts only Bearer access tokens`
  return undefined
}

function whitespaceProblem(token: string): string | undefined {
  if (/[\r\n]/.test(token)) return 'the token contains a line break (copied from a wrapped line?)'
  if (/\s/.test(token)) return 'the token contains whitespace'
  return undefined
}

function placeholderProblem(scheme: string, inner: { value: string; quoted: boolean }): string {
  const what =
    inner.value !== '' ? `the token is the placeholder "${inner.value}"`
    : inner.quoted ? 'the token is an empty string ("")'
    : `nothing after "${scheme === '' ? 'Bearer' : scheme}"`
  return `${what}: the code that builds the header had no token`
}

/**
 * Parse an `Authorization` header value. Lower-case `bearer` is fine (schemes are case-insensitive).
 *
 * @example
 * parseAuthorizationHeader('Bearer Bearer eyJ0eXAi…') // { state: 'present', scheme: 'Bearer', token: 'eyJ0eXAi…', problem: '"Bearer" appears twice' }
 * parseAuthorizationHeader('Bearer undefined') // { state: 'empty', scheme: 'Bearer', problem: 'the token is the placeholder "undefined" …' }
 */
export function parseAuthorizationHeader(value: string | undefined): AuthorizationHeader {
  if (value === undefined) return { state: 'absent' }
  const outer = unquote(value.trim())
  if (outer.value === '') return { state: 'empty', scheme: '', problem: 'the Authorization header is empty' }
  const { scheme, rest } = splitScheme(outer.value)
  const problems: string[] = []
  if (outer.quoted) problems.push('the header value is wrapped in quotes')
  let candidate = rest
  let repeats = 0
  while (/^bearer(?:\s+|:\s*|$)/i.test(candidate)) {
    candidate = candidate.replace(/^bearer:?\s*/i, '')
    repeats += 1
  }
  if (repeats > 0) problems.push(`"Bearer" appears ${repeats === 1 ? 'twice' : `${repeats + 1} times`}`)
  const inner = unquote(candidate)
  if (inner.quoted && inner.value !== '') problems.push('the token is wrapped in quotes')
  if (isPlaceholder(inner.value)) return { state: 'empty', scheme, problem: [...problems, placeholderProblem(scheme, inner)].join('; ') }
  const schemeIssue = schemeProblem(scheme)
  if (schemeIssue !== undefined) problems.unshift(schemeIssue)
  const spaceIssue = whitespaceProblem(inner.value)
  if (spaceIssue !== undefined) problems.push(spaceIssue)
  const token = inner.value.replace(/\s+/g, '')
  return problems.length === 0 ? { state: 'present', scheme, token } : { state: 'present', scheme, token, problem: problems.join('; ') }
}
