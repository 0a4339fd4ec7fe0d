import { trimTrailing } from '../trim.js'

/**
 * Decode base64 or base64url (padding optional, whitespace ignored) to bytes, with atob only, so it
 * also runs in a browser. Undefined when the input is not base64.
 */
export function decodeBase64Bytes(value: string): Uint8Array | undefined {
  const compact = value.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/\-_]*={0,2}$/.test(compact)) return undefined
  const standard = trimTrailing(compact, '=').replace(/-/g, '+').replace(/_/g, '/')
  if (standard.length % 4 === 1) return undefined
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4)
  try {
    return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0))
  } catch {
    return undefined
  }
}

/**
 * Decode base64 or base64url (with or without padding) as UTF-8 text. Undefined when the input is
 * not base64 or does not decode to valid UTF-8.
 *
 * @example
 * decodeBase64Text('eyJhIjoxfQ') // '{"a":1}'
 */
export function decodeBase64Text(value: string): string | undefined {
  const bytes = decodeBase64Bytes(value)
  return bytes === undefined ? undefined : decodeUtf8(bytes)
}

/** Strict UTF-8 decoding: undefined for bytes that are not valid UTF-8 (a binary body). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}
