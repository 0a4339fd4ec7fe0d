/**
 * Secret removal, the one mechanism every string leaving graph-doctor passes through (renderers,
 * command output, error messages). Secrets are recognised by shape (JWTs, also broken or oddly encoded;
 * credentials after an auth scheme; opaque tokens) and by name in any spelling (`client_secret`,
 * `clientSecret`, `client-secret`, `newPassword`, `refreshToken`, …) in URLs, forms, JSON and free text.
 * Pure string functions (no Node APIs): they run in a browser too, in linear time.
 */
import { nestsDeeperThan } from './json-text.js'
import { redactJsonPairs } from './redact/json-pairs.js'
import { redactJwts } from './redact/jwt.js'
import { isSecretValue } from './redact/names.js'
import { redactNamedSecrets } from './redact/pairs.js'
import { redactOpaqueTokens, redactSchemeCredentials } from './redact/tokens.js'

export { isSecretName } from './redact/names.js'

const REDACTED = '[redacted]'

/**
 * Replace every JWT-shaped value with `[redacted JWT, <n> chars]`, the credential after `Bearer `,
 * `PoP ` or `Basic ` and opaque tokens with `[redacted token, <n> chars]`, and the values of secret
 * names and URL passwords with `[redacted, <n> chars]`. Idempotent.
 *
 * @example
 * redactSecrets('Authorization: Bearer eyJ0eXAi.eyJhdWQi.c2lnbmF0dXJl') // 'Authorization: Bearer [redacted token, 29 chars]'
 * redactSecrets('https://admin:pw@host/?clientSecret=abc') // 'https://admin:[redacted, 2 chars]@host/?clientSecret=[redacted, 3 chars]'
 */
export function redactSecrets(text: string): string {
  return redactNamedSecrets(redactJsonPairs(redactOpaqueTokens(redactJwts(redactSchemeCredentials(text)))))
}

/**
 * The text cut to at most `max` characters, the last one `…`, redacted first when it is cut: half a secret (a URL's
 * password without its `@`, a quoted value without its closing quote) is no longer recognisable.
 *
 * @example
 * clipRedacted('https://admin:pw@host/' + 'x'.repeat(400), 20) // 'https://admin:[reda…'
 */
export function clipRedacted(text: string, max: number): string {
  if (text.length <= max) return text
  const redacted = redactSecrets(text)
  return redacted.length <= max ? redacted : `${redacted.slice(0, max - 1)}…`
}

/** Called only on values within the JSON budget ({@link nestsDeeperThan}), so the recursion is bounded. */
function redactJsonValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => redactJsonValue(item))
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).map(([key, item]) => [key, isSecretValue(key, item) ? REDACTED : redactJsonValue(item)])
  return Object.fromEntries(entries)
}

function parseJsonContainer(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** `a=1&b=2`: every pair but the first may lack its `=`. One split point per pair: linear. */
const FORM_PAIR = /^[A-Za-z0-9_.~%[\]-]+(?:=[^&\s]*)?$/

function isForm(text: string): boolean {
  const pairs = text.split('&')
  return (pairs[0] ?? '').includes('=') && pairs.every((pair) => FORM_PAIR.test(pair))
}

function redactForm(text: string): string {
  return text
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      if (equals < 0) return pair
      const key = decodeFormComponent(pair.slice(0, equals))
      return isSecretValue(key, decodeFormComponent(pair.slice(equals + 1))) ? `${pair.slice(0, equals)}=${REDACTED}` : pair
    })
    .join('&')
}

/** Deeper JSON than the budget is redacted as text: no recursion without a bound on untrusted data. */
function redactJsonText(text: string, json: unknown): string {
  if (nestsDeeperThan(json)) return redactSecrets(text)
  const indent = /\n/.test(text.trim()) ? 2 : undefined
  return redactSecrets(JSON.stringify(redactJsonValue(json), null, indent))
}

/**
 * Redact a request or response body: in JSON (any depth up to 64, deeper as text) and form-encoded
 * bodies the values of secret names (`password`, `newPassword`, `client_secret`, `clientSecret`,
 * `refresh_token`, `secretText`, `code`, …, any spelling) become `[redacted]`; then
 * {@link redactSecrets} runs over the result, whatever the body is.
 *
 * @example
 * redactBody('grant_type=password&username=a%40b.example&password=hunter2') // 'grant_type=password&username=a%40b.example&password=[redacted]'
 */
export function redactBody(text: string): string {
  const json = parseJsonContainer(text)
  if (json !== undefined) return redactJsonText(text, json)
  const trimmed = text.trim()
  if (isForm(trimmed)) return redactSecrets(redactForm(trimmed))
  return redactSecrets(text)
}
