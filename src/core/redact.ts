/**
 * Secret removal for evidence and output: tokens, JWTs, passwords, client secrets, codes.
 * Pure string functions (no Node APIs): they run in a browser too.
 */

/**
 * A JWS (3 parts) or JWE (5 parts), or a fragment of one: `eyJ` is base64url for `{"`. A second part
 * is required, so that a base64 claims challenge (`eyJhY2Nlc3NfdG9rZW4i…`) ending a sentence survives.
 */
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){0,3}/g
/**
 * The credential after an auth scheme. At least 16 token characters, so that prose such as
 * "a Bearer token" or "Bearer authentication" survives; already redacted text (`[redacted …`) too.
 */
const SCHEME_CREDENTIAL_PATTERN = /\b(Bearer|Basic)([ \t]+)([A-Za-z0-9._~+/-]{16,}=*)/gi
/** Secrets in URLs and query strings: `?code=…`, `#access_token=…`, `&client_secret=…`. */
const URL_PARAMETER_PATTERN =
  /([?&#](?:access_token|refresh_token|id_token|client_secret|client_assertion|assertion|password|code|code_verifier)=)(?!\[redacted)([^&#\s"'<>]+)/gi
/** Opaque access tokens of personal Microsoft accounts (`EwB…`), when they stand alone in text. */
const OPAQUE_MSA_PATTERN = /\bEw[A-D][A-Za-z0-9+/]{200,}={0,2}/g

/** Keys whose values are secrets, compared lower case without `_` and `-` (`client_secret` = `clientSecret`). */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'password', 'newpassword', 'currentpassword', 'clientsecret', 'secrettext', 'refreshtoken', 'accesstoken',
  'idtoken', 'assertion', 'clientassertion', 'code', 'codeverifier',
])

const REDACTED = '[redacted]'

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '')
}

/**
 * Whether the value of `key` must be hidden. `code` is special: Graph and OAuth error bodies carry an
 * error `code` such as `Authorization_RequestDenied`; only values that could be an authorization
 * code (with `.`, `-` or over 64 characters) are hidden.
 */
function isSecretValue(key: string, value: unknown): boolean {
  const normalised = normaliseKey(key)
  if (!SECRET_KEYS.has(normalised)) return false
  if (normalised !== 'code') return true
  return !(typeof value === 'number' || (typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(value)))
}

/**
 * Replace anything that looks like a JWT/JWS/JWE with `[redacted JWT, <n> chars]`, the credential
 * after `Bearer `/`Basic ` with `[redacted token, <n> chars]`, and token-bearing URL parameters.
 *
 * @example
 * redactSecrets('Authorization: Bearer eyJ0eXAi.eyJhdWQi.c2lnbmF0dXJl') // 'Authorization: Bearer [redacted token, 29 chars]'
 */
export function redactSecrets(text: string): string {
  return text
    .replace(SCHEME_CREDENTIAL_PATTERN, (_match, scheme: string, space: string, credential: string) => `${scheme}${space}[redacted token, ${credential.length} chars]`)
    .replace(JWT_PATTERN, (jwt) => `[redacted JWT, ${jwt.length} chars]`)
    .replace(URL_PARAMETER_PATTERN, (_match, name: string, value: string) => `${name}[redacted, ${value.length} chars]`)
    .replace(OPAQUE_MSA_PATTERN, (token) => `[redacted token, ${token.length} chars]`)
}

function redactJsonValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJsonValue)
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

const FORM_PATTERN = /^[A-Za-z0-9_.~%[\]-]+=[^&\s]*(?:&[A-Za-z0-9_.~%[\]-]+(?:=[^&\s]*)?)*$/

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

/**
 * Redact a request or response body: in JSON (any depth) and form-encoded bodies the values of
 * `password`, `newPassword`, `currentPassword`, `client_secret`, `refresh_token`, `access_token`,
 * `id_token`, `assertion`, `client_assertion`, `code` and `code_verifier` (keys case-insensitive)
 * become `[redacted]`; then {@link redactSecrets} runs over the result, whatever the body is.
 *
 * @example
 * redactBody('grant_type=password&username=a%40b.example&password=hunter2') // 'grant_type=password&username=a%40b.example&password=[redacted]'
 */
export function redactBody(text: string): string {
  const json = parseJsonContainer(text)
  if (json !== undefined) {
    const indent = /\n/.test(text.trim()) ? 2 : undefined
    return redactSecrets(JSON.stringify(redactJsonValue(json), null, indent))
  }
  const trimmed = text.trim()
  if (FORM_PATTERN.test(trimmed)) return redactSecrets(redactForm(trimmed))
  return redactSecrets(text)
}
