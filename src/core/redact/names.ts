/**
 * Which names carry secrets, in every spelling: `client_secret`, `clientSecret`, `client-secret`,
 * `Client.Secret` and `CLIENTSECRET` are one name once lower-cased without `_`, `-`, `.` and `$`.
 */

/** Normalised names that end one of these are secrets: `newPassword`, `refresh_token`, `x-api-key`. */
const SECRET_SUFFIXES = [
  'password', 'passwd', 'passphrase', 'pwd', 'secret', 'secrettext', 'secretvalue', 'secretkey', 'token',
  'assertion', 'apikey', 'accesskey', 'privatekey', 'accountkey', 'sharedkey', 'subscriptionkey',
  'signature', 'sig', 'cookie', 'authorization', 'credential', 'credentials', 'codeverifier', 'samlresponse',
] as const

/** Paging cursors and token metadata: opaque, but no credential. */
const NOT_SECRET: ReadonlySet<string> = new Set(['skiptoken', 'deltatoken', 'nexttoken', 'csrftokenname'])

/** Lower case without `_`, `-`, `.`, `$` and spaces. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_.$-]+/g, '')
}

/**
 * Whether values under `name` are secrets. `code` (an OAuth authorization code, also a Graph error
 * code) is one too: {@link isSecretValue} decides by the value.
 *
 * @example
 * isSecretName('client-secret') // true
 * isSecretName('passwordProfile') // false (an object holding one)
 */
export function isSecretName(name: string): boolean {
  const normalised = normaliseName(name)
  if (normalised === 'code' || normalised === 'pin' || normalised === 'otp') return true
  if (NOT_SECRET.has(normalised)) return false
  return SECRET_SUFFIXES.some((suffix) => normalised.endsWith(suffix))
}

/**
 * Whether the value under `name` must be hidden: only strings and numbers under a secret name. Under
 * `code`, error codes (`Authorization_RequestDenied`, `invalid_grant`) and the numbers of AADSTS
 * lookup links (`error?code=7000215`) are kept.
 */
export function isSecretValue(name: string, value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false
  if (!isSecretName(name)) return false
  if (normaliseName(name) !== 'code') return true
  const text = String(value)
  return !(/^\d{1,10}$/.test(text) || /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(text))
}
