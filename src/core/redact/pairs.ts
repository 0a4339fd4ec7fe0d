/**
 * Secrets by name: `name=value` in URLs, forms and free text (`client_secret=…` quoted in an
 * error_description, `access_token%3D…` in an encoded redirect), `"name": "value"` in JSON-like text,
 * `name: value` and `Cookie:`/`Authorization:` lines, and the password of a URL's user-info.
 */
import { isSecretName, isSecretValue, normaliseName } from './names.js'
import { hasSecretHeaderName } from './prefilter.js'

/** `name=`, `name = ` or `name%3D`, the name starting after a character that cannot be part of it. */
export const NAME_EQUALS = /(^|[^A-Za-z0-9_.$-])([A-Za-z0-9_.$-]+)([ \t]*(?:=|%3[Dd])[ \t]*)/g
/**
 * The value after {@link NAME_EQUALS}, read at one position (sticky): `"value"`, `'value'`, `\"value\"`
 * (quoted inside a JSON string) or a bare value. A bare value never takes a `\`: eating the escape of
 * a `\"` would break the JSON text around it.
 */
const EQUALS_VALUE = /"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|\\"([^"\\\n]*)\\"|([^&#\s"'<>\\]+)/y
/** `"name":` (also single quotes); the value after it is read with {@link QUOTED_VALUE} from there. */
export const QUOTED_NAME = /(["'])([A-Za-z0-9_.$ -]{1,80})\1\s*:\s*/g
/** `"value"`, `'value'` or `12345`, read at one position (sticky): a value scan ends at its closing quote or the line. */
const QUOTED_VALUE = /"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|(-?[0-9][0-9.eE+-]*)/y
/** `name: value` in free text and YAML-like lines. */
const NAME_COLON_VALUE = /(^|[^A-Za-z0-9_.$"'-])([A-Za-z][A-Za-z0-9_.$-]*)([ \t]*:[ \t]*)([^\s"',;<>]+)/g
/** Header lines whose whole value is a secret. */
export const SECRET_HEADER_LINE = /(^|[^A-Za-z0-9-])((?:proxy-)?authorization|cookie|set-cookie)([ \t]*:[ \t]*)([^\r\n"]+)/gi
/**
 * A header value that only stands for one: `(absent)` or `Bearer (no token)` in evidence, `Bearer <token>`
 * in a fix; a parenthesised one not followed by a token-like run. JWTs and opaque tokens after it are
 * still caught by their own patterns.
 */
const PLACEHOLDER_VALUE = /^(?:Bearer[ \t]+)?(?:<[A-Za-z][A-Za-z _-]{0,40}>|\((?:[a-z][a-z ]{0,30}|\d{1,9} chars)\)(?![ \t]*[A-Za-z0-9._~+/=-]{8}))/
/** `scheme://user:password@host`, also with the scheme mangled (`https:/%/admin:pw@host`): a `/`, a user, `:`, a password, `@`. */
export const USER_INFO = /(\/[^\s/?#@:]{0,256}):([^\s/?#@]+)@/g

/** A Teams channel, chat or meeting id in a path (`/19:8993…@thread.tacv2`, `/19:…@unq.gbl.spaces`): an id, not `user:password@`. */
function isTeamsThreadId(before: string, text: string, afterAt: number): boolean {
  return before.endsWith('/19') && (text.startsWith('thread.', afterAt) || text.startsWith('unq.gbl.spaces', afterAt))
}

/**
 * In free text, `Token: v1 delegated`, `code: 403` or `Signature: 342 chars` is a label, not a secret;
 * `Authorization:` and `Cookie:` lines have their own pattern.
 */
const LABEL_NAMES: ReadonlySet<string> = new Set(['token', 'code', 'sig', 'signature', 'authorization', 'proxyauthorization', 'cookie', 'setcookie', 'credential', 'credentials'])
/** In free text, `Password: a …` or `secret: is` starts prose; a secret value has at least this many characters. */
const MIN_PROSE_SECRET = 4

function isProseSafeName(name: string): boolean {
  return isSecretName(name) && !LABEL_NAMES.has(normaliseName(name))
}

/** `password = hunter2` is a secret; `token = v1 …` or `secret = is …` in prose is not. */
function isProsePair(name: string, value: string): boolean {
  return value.length >= MIN_PROSE_SECRET && isProseSafeName(name)
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name)
  } catch {
    return name
  }
}

function isRedacted(value: string): boolean {
  return value.startsWith('[redacted')
}

/** `[redacted, <n> chars]` for a value, keeping what follows an encoded `&` or `#` (`%26`, `%23`) when the separator was encoded. */
function hiddenValue(value: string, encoded: boolean): string {
  if (!encoded) return `[redacted, ${value.length} chars]`
  const end = value.search(/%2[36]/i)
  return end < 0 ? `[redacted, ${value.length} chars]` : `[redacted, ${end} chars]${value.slice(end)}`
}

/**
 * Hide the values of secret names and URL passwords, as `[redacted, <n> chars]`.
 *
 * @example
 * redactNamedSecrets('client-secret=abc&state=1') // 'client-secret=[redacted, 3 chars]&state=1'
 */
export function redactNamedSecrets(text: string): string {
  return redactQuotedAndLabelled(redactNameEqualsValue(redactHeaderLines(redactUserInfo(text))))
}

function redactUserInfo(text: string): string {
  if (!text.includes('@')) return text
  return text.replace(USER_INFO, (match, before: string, password: string, at: number, whole: string) =>
    (isRedacted(password) || isTeamsThreadId(before, whole, at + match.length) ? match : `${before}:[redacted, ${password.length} chars]@`))
}

function redactHeaderLines(text: string): string {
  if (!hasSecretHeaderName(text)) return text
  return text.replace(SECRET_HEADER_LINE, (match, lead: string, name: string, colon: string, value: string) =>
    (value.includes('[redacted') || PLACEHOLDER_VALUE.test(value) ? match : `${lead}${name}${colon}[redacted, ${value.trimEnd().length} chars]`))
}

/**
 * `name=value` pairs, scanned so that a value that is no secret (`redirect=https%3A…`) is looked into
 * for encoded pairs (`%3Faccess_token%3D…`) instead of being skipped whole.
 */
function redactNameEqualsValue(text: string): string {
  if (!text.includes('=') && !text.includes('%3')) return text
  let out = ''
  let copied = 0
  NAME_EQUALS.lastIndex = 0
  for (let match = NAME_EQUALS.exec(text); match !== null; match = NAME_EQUALS.exec(text)) {
    const [, , rawName = '', equals = ''] = match
    EQUALS_VALUE.lastIndex = NAME_EQUALS.lastIndex
    const found = EQUALS_VALUE.exec(text)
    if (found === null) continue
    const [whole, double, single, escaped, bare] = found
    const value = double ?? single ?? escaped ?? bare ?? ''
    const name = decodeName(rawName)
    if (isRedacted(value) || !isSecretValue(name, value)) continue
    if (bare !== undefined && /\s/.test(equals) && !isProsePair(name, value)) continue
    const quote = double !== undefined ? '"' : single !== undefined ? "'" : '\\"'
    const hidden = bare === undefined ? `${quote}[redacted, ${value.length} chars]${quote}` : hiddenValue(value, !equals.includes('='))
    out += `${text.slice(copied, NAME_EQUALS.lastIndex)}${hidden}`
    copied = NAME_EQUALS.lastIndex + whole.length
    NAME_EQUALS.lastIndex = copied
  }
  return copied === 0 ? text : out + text.slice(copied)
}

/** `"name": value` pairs, scanned name by name: one expression for name and value was polynomial. */
function redactQuotedPairs(text: string): string {
  if (!text.includes('"') && !text.includes("'")) return text
  let out = ''
  let copied = 0
  QUOTED_NAME.lastIndex = 0
  for (let match = QUOTED_NAME.exec(text); match !== null; match = QUOTED_NAME.exec(text)) {
    QUOTED_VALUE.lastIndex = QUOTED_NAME.lastIndex
    const found = QUOTED_VALUE.exec(text)
    if (found === null) continue
    const [whole, double, single, number] = found
    const value = double ?? single ?? number ?? ''
    if (isRedacted(value) || !isSecretValue(match[2] ?? '', number === undefined ? value : Number(value))) continue
    out += `${text.slice(copied, QUOTED_NAME.lastIndex)}"[redacted, ${value.length} chars]"`
    copied = QUOTED_NAME.lastIndex + whole.length
    QUOTED_NAME.lastIndex = copied
  }
  return copied === 0 ? text : out + text.slice(copied)
}

function redactQuotedAndLabelled(text: string): string {
  return redactQuotedPairs(text)
    .replace(NAME_COLON_VALUE, (match, lead: string, name: string, colon: string, value: string) =>
      (isRedacted(value) || value.length < MIN_PROSE_SECRET || !isProseSafeName(name) || !isSecretValue(name, value) ? match : `${lead}${name}${colon}[redacted, ${value.length} chars]`))
}
