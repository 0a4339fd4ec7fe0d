/**
 * Secret removal for evidence and output: tokens, JWTs, passwords, client secrets, codes.
 * Pure string functions (no Node APIs): they run in a browser too.
 */

/** Runs of base64url characters and dots, where JWTs hide. Matched linearly, then split on dots. */
const TOKEN_RUN_PATTERN = /[A-Za-z0-9_.-]{12,}/g
/** `eyJ` (base64url for `{"`) and at least 8 more characters start a JWT header. */
const MIN_JWT_HEADER_LENGTH = 11
/** A JWS has 3 parts, a JWE 5. */
const MAX_JWT_PARTS = 5
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

/** `…/error?code=7000215` is an AADSTS lookup link, not an authorization code: keep short numbers. */
function isErrorCodeParameter(name: string, value: string): boolean {
  return name.slice(1).toLowerCase() === 'code=' && /^\d{1,10}$/.test(value)
}

/** Where a JWT header starts inside one dot-separated part, or -1. */
function jwtStartIn(part: string): number {
  const index = part.indexOf('eyJ')
  return index >= 0 && part.length - index >= MIN_JWT_HEADER_LENGTH ? index : -1
}

/**
 * Redact every JWS/JWE (or a two-part fragment of one) in a run of base64url characters and dots.
 * A second, non-empty part is required, so that a base64 claims challenge (`eyJhY2Nlc3NfdG9rZW4i…`)
 * ending a sentence survives. Split instead of one regular expression: linear on any input.
 */
function redactJwtsInRun(run: string): string {
  const parts = run.split('.')
  const kept: string[] = []
  let index = 0
  while (index < parts.length) {
    const part = parts[index] ?? ''
    const start = jwtStartIn(part)
    if (start < 0 || (parts[index + 1] ?? '') === '') {
      kept.push(part)
      index += 1
      continue
    }
    const end = Math.min(parts.length, index + MAX_JWT_PARTS)
    const jwtLength = parts.slice(index, end).join('.').length - start
    kept.push(`${part.slice(0, start)}[redacted JWT, ${jwtLength} chars]`)
    index = end
  }
  return kept.join('.')
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
    .replace(TOKEN_RUN_PATTERN, redactJwtsInRun)
    .replace(URL_PARAMETER_PATTERN, (match, name: string, value: string) =>
      isErrorCodeParameter(name, value) ? match : `${name}[redacted, ${value.length} chars]`)
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
